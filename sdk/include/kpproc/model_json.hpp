#pragma once
// Document <-> JSON v1. to_json followed by from_json gives back an equal Document.

#include <string>
#include <string_view>

#include "kpproc/json.hpp"
#include "kpproc/model.hpp"

namespace kpproc {

struct JsonStyle {
    int indent = 0;  // 0 = compact, one line
};

// Writes the document straight into `out` (appends).
void write_json(const Document& doc, std::string& out, JsonStyle style = {});
std::string to_json(const Document& doc, JsonStyle style = {});

// Reads a document. Missing arrays read as empty and missing optionals as null; unknown
// fields are ignored (newer minor versions may add fields). A field of the wrong type, or a
// "kpproc" version other than "1", throws kpproc::Error("invalid-document", "<path>: …").
Document document_from_json(std::string_view text);
Document document_from_value(const json::Value& value);

}  // namespace kpproc
