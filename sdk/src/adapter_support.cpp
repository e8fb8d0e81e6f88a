#include "kpproc/adapter_support.hpp"

#include "kpproc/error.hpp"
#include "kpproc/text.hpp"

namespace kpproc {

namespace {
// Binary data shows itself in its first bytes; every adapter probes each input's head, so the
// probe stays short.
constexpr std::size_t kBinaryProbeBytes = 8 * 1024;
}  // namespace

std::optional<Detection> refuse_non_text(std::string_view head) {
    if (head.empty()) {
        return Detection{0.0, "the input is empty"};
    }
    if (text::looks_binary(head.substr(0, kBinaryProbeBytes))) {
        return Detection{0.0, "binary data (NUL or control bytes), not text"};
    }
    return std::nullopt;
}

namespace {

// Refuses input that is not text, saying why as precisely as the bytes allow.
void refuse_unless_text(std::string_view head) {
    if (!text::looks_binary(head)) {
        return;
    }
    if (text::looks_like_utf16_without_bom(head)) {
        throw Error("unsupported-encoding",
                    "the input looks like UTF-16 without a byte order mark, which cannot be read "
                    "reliably; save it as UTF-8, or as UTF-16 with a byte order mark");
    }
    throw Error("not-text", "the input is binary data, not text");
}

}  // namespace

Document start_text_document(const SourceInput& input, std::string_view media_type) {
    const auto wide = text::wide_unicode_bom(input.bytes);
    if (!wide) {
        refuse_unless_text(input.bytes.substr(0, kBinaryProbeBytes));
    }
    Document doc;
    auto decoded = text::decode(input.bytes);
    if (wide) {
        refuse_unless_text(std::string_view(decoded.text).substr(0, kBinaryProbeBytes));
    }
    doc.text = std::move(decoded.text);
    doc.source.media_type = std::string(media_type);
    if (decoded.encoding == text::Encoding::windows_1252) {
        doc.add_diagnostic("warning", "decoded-as-windows-1252",
                           "the input is not valid UTF-8; it was read as Windows-1252");
    } else if (wide) {
        doc.add_diagnostic("info", "transcoded",
                           text::describe_transcoding(*wide, decoded.replaced));
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
