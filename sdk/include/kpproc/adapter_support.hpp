#pragma once
// The first and last steps every text-based adapter takes, written once.

#include <optional>
#include <string_view>

#include "kpproc/model.hpp"
#include "kpproc/plugin.hpp"

namespace kpproc {

// For detect(): a 0-confidence answer when the head is empty or binary, else nullopt.
std::optional<Detection> refuse_non_text(std::string_view head);

// For parse(): a Document holding the input decoded to UTF-8 (BOM dropped, CRLF normalised,
// Windows-1252 read when the bytes are not UTF-8 — with a diagnostic saying so) and the media
// type set. Throws kpproc::Error("not-text") for binary input.
Document start_text_document(const SourceInput& input, std::string_view media_type = "text/plain");

// For the end of parse(): a warning when no items were found, naming what was looked for.
void note_if_no_items(Document& doc, std::string_view what_was_looked_for);

}  // namespace kpproc
