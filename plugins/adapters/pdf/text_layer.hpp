// Whether a PDF's text layer can be read as words at all. Two things go wrong with real PDFs:
// a scan has no text layer (only pictures of pages), and a PDF whose fonts lack a usable
// encoding gives "text" that is the glyphs' codes: symbols, private-use characters, or letters
// that spell no words ("Mfkxsbg pq qeb Jbbqfkd"). Either must be said, not parsed.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kp_pdf {

struct TextLayer {
    std::size_t characters = 0;    // other than white space
    std::size_t word_like = 0;     // of them: letters, digits and ordinary punctuation
    std::size_t words = 0;         // runs of two or more letters
    std::size_t common_words = 0;  // of them: "the", "of", "and", … as English prose has

    // True when the whole PDF has (almost) no text: a scan.
    bool empty() const { return characters < kFewCharacters; }
    // Why the text that is there cannot be words, or nullopt when it can.
    std::optional<std::string> garbled() const;

    static constexpr std::size_t kFewCharacters = 20;
};

// Looks at every page's text (UTF-8).
TextLayer examine_text_layer(const std::vector<std::string>& pages);

}  // namespace kp_pdf
