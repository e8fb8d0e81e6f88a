// kp.adapter.text — the generic adapter: any text becomes one untitled item whose paragraphs
// are the blocks between blank lines. Its confidence (0.10) is below auto-detection's minimum,
// so it reads a file only when the chain names it ("text ! json"); auto-detection lists it as
// the option to take when no format-specific adapter fits.

#include <string>
#include <string_view>

#include "kpproc/adapter_support.hpp"
#include "kpproc/plugin.hpp"
#include "kpproc/text.hpp"

namespace {

constexpr double kFallbackConfidence = 0.1;

class TextAdapter final : public kpproc::Adapter {
public:
    explicit TextAdapter(const kpproc::Options&) {}

    kpproc::Detection detect(std::string_view head, std::string_view /*file_name*/) const override {
        if (auto refusal = kpproc::refuse_non_text(head)) {
            return *refusal;
        }
        return {kFallbackConfidence,
                "readable text, but nothing format-specific; name 'text' in the "
                "chain to read it as plain paragraphs"};
    }

    kpproc::Document parse(const kpproc::SourceInput& input) override {
        kpproc::Document doc = kpproc::start_text_document(input);
        if (doc.text.empty()) {
            doc.add_diagnostic("warning", "empty-input", "the input holds no text");
            return doc;
        }
        kpproc::Item item;
        split_paragraphs(doc.text, item.paragraphs);
        doc.items.push_back(std::move(item));
        return doc;
    }

private:
    // Paragraphs are runs of non-blank lines; each keeps the span of its exact bytes.
    static void split_paragraphs(const std::string& text, std::vector<kpproc::Paragraph>& out) {
        std::size_t pos = 0;
        std::size_t begin = std::string::npos;
        std::size_t end = 0;
        const auto flush = [&] {
            if (begin != std::string::npos) {
                kpproc::Paragraph p;
                p.span = kpproc::Span{begin, end};
                p.text = kpproc::text::collapse_whitespace(
                    std::string_view(text).substr(begin, end - begin));
                out.push_back(std::move(p));
                begin = std::string::npos;
            }
        };
        while (pos <= text.size()) {
            std::size_t eol = text.find('\n', pos);
            if (eol == std::string::npos) {
                eol = text.size();
            }
            const std::string_view line(text.data() + pos, eol - pos);
            const std::string_view trimmed = kpproc::text::trim(line);
            if (trimmed.empty()) {
                flush();
            } else {
                const std::size_t first =
                    pos + static_cast<std::size_t>(trimmed.data() - line.data());
                if (begin == std::string::npos) {
                    begin = first;
                }
                end = first + trimmed.size();
            }
            pos = eol + 1;
        }
        flush();
    }
};

}  // namespace

KPPROC_PLUGIN(TextAdapter,
              {.id = "kp.adapter.text",
               .version = "1.0.0",
               .summary = "Any text as one item of paragraphs (only when named in the chain)",
               .media_types = {"text/plain"},
               .extensions = {".txt", ".text"},
               .options = {}})
