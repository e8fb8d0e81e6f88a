// ACRONYM: abbreviations the gazetteer does not know as bodies or roles.

#include <string>
#include <string_view>

#include "recogniser.hpp"

namespace kpproc::entities {

// Six capitals or more with no digit are a word written in capitals ("PLANNING", "MONDAY"),
// not an abbreviation; letters inside a reference ("24-25/FRA/15", "25/0041/HH") are a code.
bool Recogniser::acronym_shaped(std::size_t i, std::string_view bare) const {
    const bool has_digit = bare.find_first_of("0123456789") != std::string_view::npos;
    const bool in_reference = i > 1 && tokens_.attached(i) && tokens_.is_symbol(i - 1, "/") &&
                              tokens_.attached(i - 1) && tokens_.is_number(i - 2);
    // "South East Regional Organised Crime Unit (SEROCU)": defined, so an abbreviation.
    const bool defined =
        tokens_.source().find("(" + std::string(word(i)) + ")") != std::string_view::npos;
    return (bare.size() < 6 || has_digit || defined) && !in_reference;
}

// Abbreviations not known as bodies or roles: "FCR", "OCGs". A run of capitals is a heading.
void Recogniser::acronyms() {
    const auto caps = [&](std::size_t i) {
        if (!tokens_.is_word(i)) {
            return false;
        }
        std::string_view s = word(i);
        if (s.size() > 2 && s.back() == 's') {
            s.remove_suffix(1);
        }
        if (s.size() < 2 || s.size() > 10 || s[0] < 'A' || s[0] > 'Z') {
            return false;
        }
        std::size_t letters = 0;
        for (char c : s) {
            if (c >= 'A' && c <= 'Z') {
                ++letters;
            } else if (c < '0' || c > '9') {
                return false;
            }
        }
        return letters >= 2;
    };
    const auto roman = [](std::string_view s) {
        return s.find_first_not_of("IVXLC") == std::string_view::npos;
    };
    for (std::size_t i = 0; i < tokens_.size(); ++i) {
        if (taken_[i] != 0 || !caps(i)) {
            continue;
        }
        const std::string_view s = word(i);
        std::string_view bare = s;
        if (bare.back() == 's') {
            bare.remove_suffix(1);
        }
        if (has_at(Kind::not_acronym, i) || has(Kind::not_acronym, bare) ||
            has_at(Kind::honour, i) || roman(s) || !acronym_shaped(i, bare)) {
            continue;
        }
        // A heading in capitals: another word of capitals beside it on the line.
        const auto heading_word = [&](std::size_t k) {
            return tokens_.is_word(k) && tokens_.is_all_caps(k) && word(k).size() >= 2 &&
                   (has_at(Kind::not_acronym, k) || word(k).size() >= 5);
        };
        if ((i > 0 && tokens_.same_line(i) && heading_word(i - 1)) ||
            (tokens_.same_line(i + 1) && heading_word(i + 1))) {
            continue;
        }
        accept_token(i, Type::acronym);
    }
}

}  // namespace kpproc::entities
