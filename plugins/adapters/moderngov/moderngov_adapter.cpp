// kp.adapter.moderngov — ModernGov pages (the committee system most English councils publish
// their meetings with). This version reads the text a browser saves from a page; the HTML form
// is read by the same rules once its DOM is walked (see DESIGN.md, "ModernGov pages").

#include <string>

#include "kpproc/plugin.hpp"
#include "kpproc/text.hpp"
#include "moderngov_text.hpp"

namespace {

bool looks_like_html(std::string_view head) {
    const std::string lower = kpproc::text::to_lower_ascii(head.substr(0, 4096));
    return lower.find("<html") != std::string::npos ||
           lower.find("<!doctype html") != std::string::npos;
}

class ModernGovAdapter final : public kpproc::Adapter {
public:
    explicit ModernGovAdapter(const kpproc::Options&) {}

    kpproc::Detection detect(std::string_view head, std::string_view /*file_name*/) const override {
        if (head.empty() || kpproc::text::looks_binary(head)) {
            return {0.0, "not text"};
        }
        if (looks_like_html(head)) {
            return {0.0, "an HTML page: this version reads ModernGov pages saved as text"};
        }
        std::string reason;
        const double confidence = kpproc::moderngov::text_page_confidence(head, &reason);
        return {confidence, reason};
    }

    kpproc::Document parse(const kpproc::SourceInput& input) override {
        if (kpproc::text::looks_binary(input.bytes.substr(0, 64 * 1024))) {
            throw kpproc::Error("not-text", "the input is binary data, not text");
        }
        kpproc::Document doc;
        auto decoded = kpproc::text::decode(input.bytes);
        doc.text = std::move(decoded.text);
        doc.source.media_type = "text/plain";
        if (decoded.encoding == kpproc::text::Encoding::windows_1252) {
            doc.add_diagnostic("warning", "decoded-as-windows-1252",
                               "the input is not valid UTF-8; it was read as Windows-1252");
        }
        kpproc::moderngov::parse_text_page(doc);
        if (doc.items.empty()) {
            doc.add_diagnostic("warning", "no-items", "no agenda items were found");
        }
        return doc;
    }
};

}  // namespace

KPPROC_PLUGIN(ModernGovAdapter,
              {.id = "kp.adapter.moderngov",
               .version = "0.9.0",
               .summary = "ModernGov meeting and agenda-item pages, saved as text",
               .media_types = {"text/plain"},
               .extensions = {".txt"}})
