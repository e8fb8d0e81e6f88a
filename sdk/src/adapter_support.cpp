#include "kpproc/adapter_support.hpp"

#include "kpproc/error.hpp"
#include "kpproc/text.hpp"

namespace kpproc {

namespace {
constexpr std::size_t kBinaryProbeBytes = 64 * 1024;
}

std::optional<Detection> refuse_non_text(std::string_view head) {
    if (head.empty()) {
        return Detection{0.0, "the input is empty"};
    }
    if (text::looks_binary(head.substr(0, kBinaryProbeBytes))) {
        return Detection{0.0, "binary data (NUL or control bytes), not text"};
    }
    return std::nullopt;
}

Document start_text_document(const SourceInput& input, std::string_view media_type) {
    if (text::looks_binary(input.bytes.substr(0, kBinaryProbeBytes))) {
        throw Error("not-text", "the input is binary data, not text");
    }
    Document doc;
    auto decoded = text::decode(input.bytes);
    doc.text = std::move(decoded.text);
    doc.source.media_type = std::string(media_type);
    if (decoded.encoding == text::Encoding::windows_1252) {
        doc.add_diagnostic("warning", "decoded-as-windows-1252",
                           "the input is not valid UTF-8; it was read as Windows-1252");
    }
    return doc;
}

void note_if_no_items(Document& doc, std::string_view what_was_looked_for) {
    if (doc.items.empty()) {
        doc.add_diagnostic("warning", "no-items",
                           "no " + std::string(what_was_looked_for) + " were found");
    }
}

}  // namespace kpproc
