#pragma once
// The processor's one pass over the text: words, numbers and symbols with their byte offsets.
// Every recogniser works on these tokens, so the text is scanned once and no regex runs.

#include <cstdint>
#include <string_view>
#include <vector>

namespace kpproc::entities {

enum class TokenKind : std::uint8_t { word, number, symbol };

struct Token {
    std::uint32_t begin = 0;
    std::uint32_t end = 0;
    TokenKind kind = TokenKind::symbol;
    bool space_before = false;    // white space between this token and the one before
    bool newline_before = false;  // a line break between them (mentions never cross one)
};

class Tokens {
public:
    explicit Tokens(std::string_view text);

    std::size_t size() const { return tokens_.size(); }
    const Token& operator[](std::size_t i) const { return tokens_[i]; }
    // Called for nearly every token by every recogniser: a view without substr's range check
    // (token offsets always lie inside the text).
    std::string_view text(std::size_t i) const {
        const Token& token = tokens_[i];
        return std::string_view(text_.data() + token.begin, token.end - token.begin);
    }
    std::string_view source() const { return text_; }

    bool is_word(std::size_t i) const { return i < size() && tokens_[i].kind == TokenKind::word; }
    bool is_number(std::size_t i) const {
        return i < size() && tokens_[i].kind == TokenKind::number;
    }
    // Token i is the symbol `s` ("£", "(", "’").
    bool is_symbol(std::size_t i, std::string_view s) const {
        return i < size() && tokens_[i].kind == TokenKind::symbol && text(i) == s;
    }
    // Token i starts with an ASCII capital letter.
    bool is_capitalised(std::size_t i) const {
        if (i >= size()) {
            return false;
        }
        const char c = text_[tokens_[i].begin];
        return c >= 'A' && c <= 'Z';
    }
    // Token i is a word of letters all of which are ASCII capitals.
    bool is_all_caps(std::size_t i) const;
    // Token i follows token i-1 directly, with no space between them.
    bool attached(std::size_t i) const {
        return i < size() && !tokens_[i].space_before && !tokens_[i].newline_before;
    }
    // Tokens i-1 and i are on the same line.
    bool same_line(std::size_t i) const { return i < size() && !tokens_[i].newline_before; }
    // Index of the first token starting at or after byte `offset`.
    std::size_t first_at(std::size_t offset) const;

private:
    std::string_view text_;
    std::vector<Token> tokens_;
};

// Apostrophes and dashes as the texts write them.
bool is_apostrophe(std::string_view s);
bool is_dash(std::string_view s);

}  // namespace kpproc::entities
