#include "text_layer.hpp"

#include <algorithm>
#include <array>
#include <string_view>

#include "kpproc/text.hpp"

namespace kp_pdf {

namespace {

// The shares below which a text layer is not read as words. Real minutes score far above
// them: some 95 % ordinary characters, and one word in four or five a common one.
constexpr double kLeastWordLike = 0.75;
constexpr double kLeastCommonWords = 0.03;
// Too few words to judge by which words they are (a page of names and numbers, a form).
constexpr std::size_t kWordsToJudge = 150;

// The words English prose cannot do without.
bool is_common_word(std::string_view lower) {
    static constexpr std::array<std::string_view, 24> kWords = {
        "the", "of", "and", "to", "a",    "in", "that", "be",   "was", "for",   "on", "with",
        "by",  "as", "at",  "is", "were", "it", "from", "this", "had", "would", "an", "not"};
    return std::find(kWords.begin(), kWords.end(), lower) != kWords.end();
}

bool is_ascii_letter(char32_t c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// Letters of the Latin alphabets (accents included), digits and the punctuation and symbols
// minutes use: what a readable text layer is made of.
bool is_word_like(char32_t c) {
    if (is_ascii_letter(c) || (c >= '0' && c <= '9')) {
        return true;
    }
    if (c < 0x80) {
        return std::u32string_view(U".,;:!?'\"()[]-/&%£$@#*+=_").find(c) !=
               std::u32string_view::npos;
    }
    return (c >= 0xC0 && c <= 0x24F && c != 0xD7 && c != 0xF7) ||  // Latin letters
           c == 0xA3 || c == 0x20AC ||                             // £ €
           (c >= 0x2010 && c <= 0x2027);  // dashes, quotes, bullets, ellipsis
}

// Decodes one code point of valid UTF-8 at `i` (the PDF library writes valid UTF-8).
char32_t next_code_point(std::string_view s, std::size_t& i) {
    const std::size_t length = std::max<std::size_t>(1, kpproc::text::utf8_sequence_length(s, i));
    auto c = static_cast<char32_t>(static_cast<unsigned char>(s[i]));
    if (length > 1) {
        c &= 0x3F >> (length - 1);
        for (std::size_t k = 1; k < length && i + k < s.size(); ++k) {
            c = (c << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
        }
    }
    i += length;
    return c;
}

void count_page(std::string_view page, TextLayer& layer) {
    std::string word;
    const auto end_word = [&] {
        if (word.size() >= 2) {
            ++layer.words;
            layer.common_words += is_common_word(word) ? 1 : 0;
        }
        word.clear();
    };
    for (std::size_t i = 0; i < page.size();) {
        const char32_t c = next_code_point(page, i);
        if (c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == 0xA0) {
            end_word();
            continue;
        }
        ++layer.characters;
        layer.word_like += is_word_like(c) ? 1 : 0;
        if (is_ascii_letter(c)) {
            word += static_cast<char>(c | 0x20);  // lower case
        } else {
            end_word();
        }
    }
    end_word();
}

std::string percent(double share) {
    return std::to_string(static_cast<int>(share * 100 + 0.5)) + " %";
}

}  // namespace

std::optional<std::string> TextLayer::garbled() const {
    if (empty()) {
        return std::nullopt;
    }
    const double word_like_share = static_cast<double>(word_like) / static_cast<double>(characters);
    if (word_like_share < kLeastWordLike) {
        return "only " + percent(word_like_share) +
               " of its characters are letters, digits or punctuation (a font without a usable "
               "text encoding)";
    }
    if (words >= kWordsToJudge) {
        const double common_share = static_cast<double>(common_words) / static_cast<double>(words);
        if (common_share < kLeastCommonWords) {
            return "its letters spell no English words (" + percent(common_share) +
                   " of its words are common ones like 'the' and 'of', against some 20 % in "
                   "minutes): a font that encodes its letters as other letters";
        }
    }
    return std::nullopt;
}

TextLayer examine_text_layer(const std::vector<std::string>& pages) {
    TextLayer layer;
    for (const auto& page : pages) {
        count_page(page, layer);
    }
    return layer;
}

}  // namespace kp_pdf
