// Contact details (PHONE, POSTCODE, EMAIL) and DECISION_REF: codes written in a fixed shape.

#include <string_view>

#include "recogniser.hpp"

namespace kpproc::entities {

void Recogniser::phone_at(std::size_t i) {
    std::size_t first = i;
    std::size_t digits = 0;
    std::size_t j = i;
    if (tokens_.is_symbol(i, "+")) {
        if (!word_is(i + 1, "44") && !(tokens_.is_number(i + 1) && word(i + 1) == "44")) {
            return;
        }
        digits = 1;  // "+44" stands for the leading 0
        j = i + 2;
    } else if (!all_digits(word(i)) || word(i)[0] != '0' || word(i).size() < 3) {
        return;
    } else {
        digits = word(i).size();
        j = i + 1;
    }
    std::size_t end = first + 1;
    if (tokens_.is_symbol(i, "+")) {
        end = i + 2;
    }
    while (digits < 11 && tokens_.is_number(j) && tokens_.same_line(j) && all_digits(word(j)) &&
           tokens_[j].begin - tokens_[j - 1].end <= 1) {
        digits += word(j).size();
        end = ++j;
    }
    if (digits >= 10 && digits <= 11) {
        add(Type::phone, first, end, 4);
    }
}

void Recogniser::postcode_at(std::size_t i) {
    // Outward code "ME15", "SW1A", "M1"; then the inward code "9BZ" (a digit and two letters).
    const std::string_view s = word(i);
    std::size_t letters = 0;
    while (letters < s.size() && s[letters] >= 'A' && s[letters] <= 'Z') {
        ++letters;
    }
    if (letters < 1 || letters > 2 || s.size() < letters + 1 || s.size() > letters + 2) {
        return;
    }
    const std::string_view rest = s.substr(letters);
    if (rest[0] < '0' || rest[0] > '9') {
        return;
    }
    if (rest.size() == 2 &&
        !((rest[1] >= '0' && rest[1] <= '9') || (rest[1] >= 'A' && rest[1] <= 'Z'))) {
        return;
    }
    const std::size_t j = i + 1;
    if (!tokens_.is_number(j) || !tokens_.same_line(j) || word(j).size() != 1 ||
        !tokens_.is_word(j + 1) || !tokens_.attached(j + 1) || word(j + 1).size() != 2 ||
        !tokens_.is_all_caps(j + 1)) {
        return;
    }
    if (tokens_.is_word(j + 2) && tokens_.attached(j + 2)) {
        return;
    }
    add(Type::postcode, i, j + 2, 4);
}

void Recogniser::email_at(std::size_t i) {
    const auto part = [&](std::size_t k) {
        return tokens_.is_word(k) || tokens_.is_number(k) || tokens_.is_symbol(k, ".") ||
               tokens_.is_symbol(k, "_") || tokens_.is_symbol(k, "-") || tokens_.is_symbol(k, "+");
    };
    // An address is short: bounded scans keep glued text ("a@b.c@d…") linear.
    constexpr std::size_t kLongest = 32;
    std::size_t first = i;
    while (first > 0 && i - first < kLongest && tokens_.attached(first) && part(first - 1) &&
           !tokens_.is_symbol(first - 1, "@")) {
        --first;
    }
    std::size_t end = i + 1;
    bool dot = false;
    while (end < tokens_.size() && end - i < kLongest && tokens_.attached(end) && part(end) &&
           !tokens_.is_symbol(end, "+") && !tokens_.is_symbol(end, "@")) {
        dot = dot || tokens_.is_symbol(end, ".");
        ++end;
    }
    while (end > i + 1 && tokens_.is_symbol(end - 1, ".")) {
        --end;
    }
    if (first < i && end > i + 1 && dot && tokens_.is_word(end - 1)) {
        add(Type::email, first, end, 4);
    }
}

// "OPCC.D.034.23", "WMPCC-DN-2025-014": capitals and numbers joined by '.', '-' or '/', with
// no space, at least three parts; "Decision 2024/057": a number reference after "Decision".
void Recogniser::decision_ref_at(std::size_t i) {
    if (word(i) == "Decision" || word(i) == "decision") {
        std::size_t j = i + 1;
        if (word_is(j, "No") || word_is(j, "Notice")) {
            ++j;
            if (tokens_.is_symbol(j, ".") && tokens_.attached(j)) {
                ++j;
            }
        }
        if (tokens_.is_number(j) && tokens_.same_line(j) && tokens_.is_symbol(j + 1, "/") &&
            tokens_.attached(j + 1) && tokens_.is_number(j + 2) && tokens_.attached(j + 2)) {
            add(Type::decision_ref, i, j + 3, 4);
        }
        return;
    }
    // Quick rejection first: a reference starts with two capitals and is glued to what follows.
    if (word(i).size() < 2 || word(i)[1] < 'A' || word(i)[1] > 'Z' || !tokens_.attached(i + 1) ||
        !tokens_.is_all_caps(i) ||
        (i > 0 && tokens_.attached(i) && !tokens_.is_symbol(i - 1, "("))) {
        return;
    }
    std::size_t parts = 1;
    std::size_t numbers = 0;
    std::size_t j = i + 1;
    while (j + 1 < tokens_.size() && parts < 8 && tokens_.attached(j) && tokens_.attached(j + 1) &&
           (tokens_.is_symbol(j, ".") || tokens_.is_symbol(j, "-") || tokens_.is_symbol(j, "/")) &&
           (tokens_.is_number(j + 1) || tokens_.is_all_caps(j + 1))) {
        numbers += tokens_.is_number(j + 1) ? 1 : 0;
        parts += 1;
        j += 2;
    }
    // A word of capitals with hyphens inside ("WMPCC-DN") counts its parts too.
    for (char c : word(i)) {
        parts += c == '-' ? 1 : 0;
    }
    if (parts >= 3 && numbers >= 1) {
        add(Type::decision_ref, i, j, 4);
    }
}

}  // namespace kpproc::entities
