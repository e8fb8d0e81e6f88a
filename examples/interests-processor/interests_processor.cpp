// org.example.processor.interests — a complete third-party processor: it finds the sentences in
// which a member declares something ("Mr Meade declared that he was the Chairman of …") and
// adds each as an entity of type DECLARATION, its mention a span of the document's text.
//
// What every processor does: read the document the adapter made, add to it without breaking
// the model's rules (spans inside the text and over their words, ids unique, unknown as null),
// and keep no state from one document to the next (one instance runs on each worker thread).

#include <kpproc/plugin.hpp>
#include <kpproc/text.hpp>

#include <string>
#include <string_view>

namespace {

// The sentence around `at` in `text`: from after the previous full stop (or the start) to its
// own full stop (or the end), without the white space at either end.
std::pair<std::size_t, std::size_t> sentence_around(std::string_view text, std::size_t at) {
    const std::size_t stop_before = text.rfind('.', at);
    std::size_t begin = stop_before == std::string_view::npos ? 0 : stop_before + 1;
    const std::size_t stop = text.find('.', at);
    std::size_t end = stop == std::string_view::npos ? text.size() : stop + 1;
    while (begin < end && kpproc::text::trim(text.substr(begin, 1)).empty()) {
        ++begin;
    }
    while (end > begin && kpproc::text::trim(text.substr(end - 1, 1)).empty()) {
        --end;
    }
    return {begin, end};
}

class InterestsProcessor final : public kpproc::Processor {
public:
    explicit InterestsProcessor(const kpproc::Options& options)
        : word_(kpproc::text::to_lower_ascii(options.get_string("word"))) {
        if (word_.empty()) {
            throw kpproc::Error("invalid-option", "interests: word must not be empty");
        }
    }

    void process(kpproc::Document& doc) override {
        int found = 0;
        for (const kpproc::Item& item : doc.items) {
            for (const kpproc::Paragraph& paragraph : item.paragraphs) {
                if (paragraph.span) {
                    found = add_declarations(doc, *paragraph.span, found);
                }
            }
        }
    }

private:
    // Adds a DECLARATION for each sentence of the text under `span` that has the word; returns
    // how many the document has now. Works on the document's text, not the paragraph's tidied
    // copy, so that every mention's span covers exactly its words.
    int add_declarations(kpproc::Document& doc, kpproc::Span span, int found) const {
        const std::string_view text = doc.slice(span);
        const std::string lower = kpproc::text::to_lower_ascii(text);
        for (std::size_t at = lower.find(word_); at != std::string::npos;
             at = lower.find(word_, at + word_.size())) {
            const auto [begin, end] = sentence_around(text, at);
            const kpproc::Span sentence{span.begin + begin, span.begin + end};
            kpproc::Entity declaration;
            declaration.id = "declaration:" + std::to_string(++found);
            declaration.type = "DECLARATION";
            declaration.name = kpproc::text::collapse_whitespace(doc.slice(sentence));
            declaration.mentions.push_back({std::string(doc.slice(sentence)), sentence});
            doc.entities.push_back(std::move(declaration));
            at = end;  // one declaration a sentence
        }
        return found;
    }

    std::string word_;
};

}  // namespace

KPPROC_PLUGIN(InterestsProcessor,
              {.id = "org.example.processor.interests",
               .version = "1.0.0",
               .summary = "Example: the sentences in which members declare an interest",
               .options = {{.name = "word",
                            .type = kpproc::OptionType::string,
                            .default_value = "declared",
                            .description = "The word that marks a declaration"}}})
