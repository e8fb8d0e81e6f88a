#include "tokens.hpp"

#include <algorithm>
#include <array>

namespace kpproc::entities {

namespace {

bool ascii_letter(unsigned char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool ascii_digit(unsigned char c) {
    return c >= '0' && c <= '9';
}

// Length of the UTF-8 sequence at text[i] (1 for ASCII or a stray byte).
std::size_t sequence_length(std::string_view text, std::size_t i) {
    const auto c = static_cast<unsigned char>(text[i]);
    const std::size_t n = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
    return std::min(n, text.size() - i);
}

// Non-ASCII characters that are punctuation or space in these texts; every other non-ASCII
// character counts as a letter ("é" in a name).
enum class Class { space, letter, digit, other };

// Classes of the ASCII bytes, looked up rather than computed: the tokenizer's inner loop.
constexpr std::array<Class, 128> ascii_classes = [] {
    std::array<Class, 128> table{};
    for (std::size_t c = 0; c < 128; ++c) {
        table[c] = Class::other;
    }
    for (char c : std::string_view(" \t\n\r\f\v")) {
        table[static_cast<std::size_t>(c)] = Class::space;
    }
    for (std::size_t c = 'a'; c <= 'z'; ++c) {
        table[c] = Class::letter;
        table[c - 'a' + 'A'] = Class::letter;
    }
    for (std::size_t c = '0'; c <= '9'; ++c) {
        table[c] = Class::digit;
    }
    return table;
}();

// ASCII letters and digits, the bytes inside most words, as one byte-indexed flag table: the
// word loop tests each byte with a single load (non-ASCII bytes take the general path).
constexpr std::array<bool, 256> ascii_word_bytes = [] {
    std::array<bool, 256> table{};
    for (std::size_t c = 0; c < 128; ++c) {
        table[c] = ascii_classes[c] == Class::letter || ascii_classes[c] == Class::digit;
    }
    return table;
}();

Class classify(std::string_view text, std::size_t i, std::size_t len) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
        return ascii_classes[c];
    }
    if (len == 1) {
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
            return Class::space;
        }
        if (ascii_letter(c)) {
            return Class::letter;
        }
        if (ascii_digit(c)) {
            return Class::digit;
        }
        return c >= 0x80 ? Class::letter : Class::other;
    }
    const std::string_view s = text.substr(i, len);
    if (s == "\xC2\xA0" || s == "\xE2\x80\x82" || s == "\xE2\x80\x83" || s == "\xE2\x80\x89" ||
        s == "\xE2\x80\xAF") {
        return Class::space;
    }
    if (static_cast<unsigned char>(s[0]) == 0xE2 || s == "\xC2\xA3" || s == "\xC2\xB7" ||
        s == "\xC2\xAB" || s == "\xC2\xBB" || s == "\xC2\xA7" || s == "\xC2\xB0" ||
        static_cast<unsigned char>(s[0]) == 0xEF) {
        return Class::other;  // General Punctuation (’ “ – • …), £ · « » § °, specials
    }
    return Class::letter;
}

// The character at text[j] is a letter or a digit (false past the end).
bool letter_or_digit_at(std::string_view text, std::size_t j) {
    if (j >= text.size()) {
        return false;
    }
    const Class k = classify(text, j, sequence_length(text, j));
    return k == Class::letter || k == Class::digit;
}

// "Mochrie-Cox", "Vice-Chair", "high-crime" are one word; "COVID-19" and "mid-December" are two
// (the date and the acronym are the parts wanted). `begin` is where the word started.
bool joining_hyphen(std::string_view text, std::size_t begin, std::size_t j) {
    return text[j] == '-' && j + 1 < text.size() &&
           !ascii_digit(static_cast<unsigned char>(text[j + 1])) &&
           letter_or_digit_at(text, j + 1) &&
           !(text[begin] >= 'a' && text[begin] <= 'z' && text[j + 1] >= 'A' && text[j + 1] <= 'Z');
}

// A word: letters and digits; joined by a hyphen (Mochrie-Cox) or an apostrophe followed by
// letters (O'Brien), but a possessive "’s" stays a token of its own. Returns where it ends.
std::size_t word_end(std::string_view text, std::size_t begin, std::size_t first_length) {
    const std::size_t n = text.size();
    std::size_t j = begin + first_length;
    while (j < n) {
        // ASCII letters and digits, the common case, without the general classifier.
        const auto b = static_cast<unsigned char>(text[j]);
        if (ascii_word_bytes[b]) {
            ++j;
            continue;
        }
        if (b < 0x80 && b != '-' && b != '\'') {
            break;  // ASCII space or punctuation ends the word
        }
        const std::size_t l = sequence_length(text, j);
        const Class c = classify(text, j, l);
        if (c == Class::letter || c == Class::digit) {
            j += l;
            continue;
        }
        if (joining_hyphen(text, begin, j)) {
            j += 1;
            continue;
        }
        if (is_apostrophe(text.substr(j, l)) && letter_or_digit_at(text, j + l)) {
            // "’s" then a non-letter is a possessive: stop before the apostrophe.
            const std::size_t after = j + l;
            const bool possessive =
                (text[after] == 's' || text[after] == 'S') && !letter_or_digit_at(text, after + 1);
            if (possessive) {
                break;
            }
            j += l;
            continue;
        }
        break;
    }
    return j;
}

// "1,000": a comma before a group of exactly three digits; before anything else it ends the
// number.
bool thousands_comma(std::string_view text, std::size_t comma) {
    std::size_t d = comma + 1;
    while (d < text.size() && ascii_digit(static_cast<unsigned char>(text[d]))) {
        ++d;
    }
    return d - comma - 1 == 3;
}

// A number: digits, "600,000", "2.7", "10.30". Letters after it ("10am", "16th", "£2m") are a
// separate word token attached to it. Returns where it ends.
std::size_t number_end(std::string_view text, std::size_t begin) {
    const std::size_t n = text.size();
    std::size_t j = begin + 1;
    while (j < n) {
        if (ascii_digit(static_cast<unsigned char>(text[j]))) {
            ++j;
            continue;
        }
        const bool separator = (text[j] == ',' || text[j] == '.') && j + 1 < n &&
                               ascii_digit(static_cast<unsigned char>(text[j + 1]));
        if (!separator || (text[j] == ',' && !thousands_comma(text, j))) {
            break;
        }
        ++j;
    }
    return j;
}

// The token that starts at text[i], a character `len` bytes long of class `k` (not space).
Token token_at(std::string_view text, std::size_t i, std::size_t len, Class k) {
    Token token;
    token.begin = static_cast<std::uint32_t>(i);
    if (k == Class::letter) {
        token.kind = TokenKind::word;
        token.end = static_cast<std::uint32_t>(word_end(text, i, len));
    } else if (k == Class::digit) {
        token.kind = TokenKind::number;
        token.end = static_cast<std::uint32_t>(number_end(text, i));
    } else {
        token.kind = TokenKind::symbol;
        token.end = static_cast<std::uint32_t>(i + len);
    }
    return token;
}

}  // namespace

bool is_apostrophe(std::string_view s) {
    return s == "'" || s == "\xE2\x80\x99";
}
bool is_dash(std::string_view s) {
    return s == "-" || s == "\xE2\x80\x93" || s == "\xE2\x80\x94";
}

Tokens::Tokens(std::string_view text) : text_(text) {
    tokens_.reserve(text.size() / 4);
    bool space = false;
    bool newline = false;
    std::size_t i = 0;
    while (i < text.size()) {
        // ASCII white space, the most common byte class, before the general classifier.
        const auto first = static_cast<unsigned char>(text[i]);
        if (first < 0x80 && ascii_classes[first] == Class::space) {
            space = true;
            newline = newline || first == '\n';
            ++i;
            continue;
        }
        const std::size_t len = first < 0x80 ? 1 : sequence_length(text, i);
        const Class k = first < 0x80 ? ascii_classes[first] : classify(text, i, len);
        if (k == Class::space) {
            space = true;
            newline = newline || text[i] == '\n';
            i += len;
            continue;
        }
        Token token = token_at(text, i, len, k);
        token.space_before = space;
        token.newline_before = newline;
        space = newline = false;
        i = token.end;
        tokens_.push_back(token);
    }
}

bool Tokens::is_all_caps(std::size_t i) const {
    if (!is_word(i)) {
        return false;
    }
    bool letter = false;
    for (char c : text(i)) {
        if (c >= 'a' && c <= 'z') {
            return false;
        }
        letter = letter || (c >= 'A' && c <= 'Z');
        if (static_cast<unsigned char>(c) >= 0x80) {
            return false;
        }
    }
    return letter;
}

std::size_t Tokens::first_at(std::size_t offset) const {
    const auto it =
        std::lower_bound(tokens_.begin(), tokens_.end(), offset,
                         [](const Token& token, std::size_t off) { return token.begin < off; });
    return static_cast<std::size_t>(it - tokens_.begin());
}

}  // namespace kpproc::entities
