// org.example.adapter.hello — a complete third-party adapter for a toy "HELLO MINUTES" format,
// showing what every adapter does: score the first bytes in detect(), and in parse() build a
// Document whose facts all carry spans into the normalised text.
//
//   HELLO MINUTES
//   Meeting: <body>
//   Date: <YYYY-MM-DD>
//   # <item title>
//   <paragraph lines; a line starting "RESOLVED" is a resolution>

#include <kpproc/adapter_support.hpp>
#include <kpproc/lines.hpp>
#include <kpproc/plugin.hpp>

#include <string>
#include <string_view>

namespace {

constexpr std::string_view kMagic = "HELLO MINUTES";

bool is_iso_date(std::string_view s) {
    if (s.size() != 10 || s[4] != '-' || s[7] != '-') {
        return false;
    }
    for (std::size_t i : {0u, 1u, 2u, 3u, 5u, 6u, 8u, 9u}) {
        if (s[i] < '0' || s[i] > '9') {
            return false;
        }
    }
    return true;
}

class HelloAdapter final : public kpproc::Adapter {
public:
    explicit HelloAdapter(const kpproc::Options&) {}

    kpproc::Detection detect(std::string_view head, std::string_view file_name) const override {
        if (head.substr(0, kMagic.size()) == kMagic) {
            return {0.95, "starts with 'HELLO MINUTES'"};
        }
        if (file_name.size() > 6 && file_name.substr(file_name.size() - 6) == ".hello") {
            return {0.3, "has the .hello extension but not the 'HELLO MINUTES' header"};
        }
        return {0.0, "no 'HELLO MINUTES' header"};
    }

    kpproc::Document parse(const kpproc::SourceInput& input) override {
        // Decoded to UTF-8 (a Windows-1252 fallback is noted as a diagnostic), binary refused.
        kpproc::Document doc = kpproc::start_text_document(input, "text/x-hello-minutes");
        const std::string_view text = doc.text;
        if (text.substr(0, kMagic.size()) != kMagic) {
            throw kpproc::Error("not-hello", "the input does not start with 'HELLO MINUTES'");
        }
        kpproc::Item* item = nullptr;
        for (std::size_t pos = 0; pos < text.size();) {
            std::size_t eol = text.find('\n', pos);
            if (eol == std::string_view::npos) {
                eol = text.size();
            }
            const std::string_view line = kpproc::lines::trim(text.substr(pos, eol - pos));
            const auto begin = static_cast<std::uint64_t>(line.data() - text.data());
            const kpproc::Span span{begin, begin + line.size()};
            pos = eol + 1;
            if (line.empty() || line == kMagic) {
                continue;
            }
            if (line.rfind("Meeting:", 0) == 0) {
                const auto body = kpproc::lines::trim(line.substr(8));
                if (!body.empty()) {  // "Meeting:" alone gives no body: it stays null
                    doc.meeting.body = std::string(body);
                }
            } else if (line.rfind("Date:", 0) == 0) {
                const auto date = kpproc::lines::trim(line.substr(5));
                if (is_iso_date(date)) {
                    doc.meeting.date = std::string(date);
                } else {
                    // Unknown is null: keep the date out of the model, say why.
                    doc.add_diagnostic("warning", "unreadable-date",
                                       "the Date: line is not YYYY-MM-DD", span);
                }
            } else if (line.front() == '#') {
                const auto title = kpproc::lines::trim(line.substr(1));
                item = &doc.items.emplace_back();
                if (!title.empty()) {
                    item->title = std::string(title);
                    const auto title_begin = static_cast<std::uint64_t>(title.data() - text.data());
                    item->title_span = kpproc::Span{title_begin, title_begin + title.size()};
                }
            } else if (item == nullptr) {
                doc.add_diagnostic("warning", "text-outside-item",
                                   "text before the first '# ' item heading was ignored", span);
            } else if (line.rfind("RESOLVED", 0) == 0) {
                item->resolutions.push_back(kpproc::Resolution{std::string(line), span});
            } else {
                item->paragraphs.push_back(
                    kpproc::Paragraph{std::nullopt, std::string(line), span, {}});
            }
        }
        return doc;
    }
};

}  // namespace

KPPROC_PLUGIN(HelloAdapter, {.id = "org.example.adapter.hello",
                             .version = "1.0.0",
                             .summary = "Example: 'HELLO MINUTES' files",
                             .media_types = {"text/x-hello-minutes"},
                             .extensions = {".hello"}})
