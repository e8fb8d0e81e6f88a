#pragma once
// A compact binary form of a Document, for the worker processes of isolation.cpp only: the
// same build writes and reads it, so it has no version and is no file format. It exists for
// speed: parsing a Document back from JSON v1 cost a worker's parent about a quarter of the
// in-process time of `auto ! entities ! json` (bench/isolation_overhead.cpp), this a few
// per cent. It is exact, also where JSON is not (text that is not valid UTF-8).

#include <string>
#include <string_view>

#include "kpproc/model.hpp"

namespace kpproc::framework::codec {

// Appends the document to `out`.
void encode(const Document& doc, std::string& out);
// Throws kpproc::Error("worker-failed") if `bytes` is not a whole encoded Document.
Document decode(std::string_view bytes);

}  // namespace kpproc::framework::codec
