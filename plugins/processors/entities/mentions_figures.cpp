// MONEY, PERCENT and QUANTITY.

#include <algorithm>
#include <array>
#include <string>
#include <string_view>

#include "recogniser.hpp"

namespace kpproc::entities {

namespace {

// A decimal number as written ("2.7", "600,000") in units of 10^-scale.
struct Decimal {
    unsigned long long digits = 0;
    int scale = 0;
    bool ok = false;
};

Decimal parse_decimal(std::string_view s) {
    Decimal d;
    bool after_point = false;
    for (char c : s) {
        if (c == ',') {
            continue;
        }
        if (c == '.') {
            if (after_point) {
                return d;
            }
            after_point = true;
            continue;
        }
        if (c < '0' || c > '9' || d.digits > 1'000'000'000'000ull) {
            return d;
        }
        d.digits = d.digits * 10 + static_cast<unsigned long long>(c - '0');
        d.scale += after_point ? 1 : 0;
    }
    d.ok = true;
    return d;
}

// Pounds as a plain decimal: "2700000", "3.50".
std::string pounds(const Decimal& amount, unsigned long long multiplier) {
    // In pence: digits * multiplier * 100 / 10^scale.
    unsigned long long pence = amount.digits * multiplier * 100;
    for (int s = 0; s < amount.scale; ++s) {
        pence /= 10;
    }
    std::string out = std::to_string(pence / 100);
    if (pence % 100 != 0) {
        out += "." + two(static_cast<int>(pence % 100));
    }
    return out;
}

unsigned long long multiplier_of(std::string_view word) {
    if (word == "m" || word == "M" || word == "million" || word == "mn" || word == "Million") {
        return 1'000'000;
    }
    if (word == "k" || word == "K" || word == "thousand") {
        return 1'000;
    }
    if (word == "bn" || word == "billion" || word == "b") {
        return 1'000'000'000;
    }
    return 0;
}

}  // namespace

void Recogniser::money_at(std::size_t i) {
    std::size_t j = i + 1;
    if (!tokens_.is_number(j) || !tokens_.same_line(j)) {
        return;
    }
    const Decimal low = parse_decimal(word(j));
    if (!low.ok) {
        return;
    }
    ++j;
    Decimal high;
    // "£2-3m", "£2m-£3m"
    std::size_t k = j;
    unsigned long long low_multiplier = 0;
    if (tokens_.is_word(k) && tokens_.attached(k) && multiplier_of(word(k)) != 0) {
        low_multiplier = multiplier_of(word(k));
        ++k;
    }
    if (tokens_.is_symbol(k, "-") || tokens_.is_symbol(k, "\xE2\x80\x93")) {
        std::size_t n = k + 1;
        if (tokens_.is_symbol(n, "\xC2\xA3")) {
            ++n;
        }
        if (tokens_.is_number(n) && tokens_.same_line(n) &&
            tokens_[n].begin - tokens_[k].end <= 1) {
            high = parse_decimal(word(n));
            if (high.ok) {
                j = n + 1;
            }
        }
    }
    if (!high.ok) {
        j = i + 2;
    }
    unsigned long long multiplier = 1;
    std::size_t end = j;
    if (tokens_.is_word(j) && tokens_.same_line(j) && multiplier_of(word(j)) != 0 &&
        (tokens_.attached(j) || word(j).size() > 2)) {
        multiplier = multiplier_of(word(j));
        end = j + 1;
    }
    std::string value;
    if (high.ok) {
        value = pounds(low, low_multiplier != 0 ? low_multiplier : multiplier) + "-" +
                pounds(high, multiplier);
    } else {
        value = pounds(low, multiplier);
    }
    add(Type::money, i, end, 3, value);
}

void Recogniser::percent_at(std::size_t i) {
    const std::string_view s = word(i);
    if (!parse_decimal(s).ok) {
        return;
    }
    std::string value(s);
    value.erase(std::remove(value.begin(), value.end(), ','), value.end());
    std::size_t j = i + 1;
    // "96-97%"
    if ((tokens_.is_symbol(j, "-") || tokens_.is_symbol(j, "\xE2\x80\x93")) &&
        tokens_.attached(j) && tokens_.is_number(j + 1) && tokens_.attached(j + 1)) {
        value += "-";
        value += word(j + 1);
        j += 2;
    }
    if (tokens_.is_symbol(j, "%") && tokens_.same_line(j) &&
        tokens_[j].begin - tokens_[j - 1].end <= 1) {
        add(Type::percent, i, j + 1, 3, value);
    } else if (word_is(j, "per") && word_is(j + 1, "cent") && tokens_.same_line(j + 1)) {
        add(Type::percent, i, j + 2, 3, value);
    } else if (word_is(j, "percent") && tokens_.same_line(j)) {
        add(Type::percent, i, j + 1, 3, value);
    }
}

// A number that counts nothing whatever follows it: a reference ("Item 4"), a year, money,
// a service's number ("999 calls"), a numbered paragraph or a table's cell.
bool Recogniser::counts_nothing(std::size_t i) const {
    if (!parse_decimal(word(i)).ok) {
        return true;
    }
    if (i > 0 && tokens_.same_line(i)) {
        if (tokens_.is_symbol(i - 1, "\xC2\xA3") || tokens_.is_symbol(i - 1, "/")) {
            return true;
        }
        // "Item 4 officers", "Question 2 asks", "paragraph 3": references, not counts.
        static constexpr std::array<std::string_view, 24> refs = {
            "Item",  "item",   "Question", "question", "paragraph", "Paragraph",
            "para",  "page",   "Page",     "Appendix", "appendix",  "Annex",
            "No",    "no",     "number",   "Number",   "section",   "Section",
            "Table", "Figure", "Phase",    "Tier",     "Priority",  "Option"};
        if (tokens_.is_word(i - 1) &&
            std::find(refs.begin(), refs.end(), word(i - 1)) != refs.end()) {
            return true;
        }
        // "4 July 2024 and matters arising": the year of a date counts nothing.
        if (tokens_.is_word(i - 1) && month_number(word(i - 1)) != 0) {
            return true;
        }
    }
    // "999 calls", "101 call numbers": the service numbers, not counts of calls.
    if ((word(i) == "101" || word(i) == "999" || word(i) == "111") && tokens_.is_word(i + 1) &&
        word(i + 1).starts_with("call")) {
        return true;
    }
    // "3.1 DCC Kovacs presented …": a numbered paragraph, not a count; "1184    Recommendations
    // Approved": the next column of a table.
    const bool paragraph_number = (i == 0 || !tokens_.same_line(i)) &&
                                  word(i).find('.') != std::string_view::npos &&
                                  tokens_.is_capitalised(i + 1);
    return paragraph_number || column_gap(i + 1);
}

void Recogniser::quantity_at(std::size_t i) {
    if (counts_nothing(i)) {
        return;
    }
    std::size_t j = i + 1;
    // "60 to 70 questions", "20-30 officers"
    if ((word_is(j, "to") || tokens_.is_symbol(j, "-") || tokens_.is_symbol(j, "\xE2\x80\x93")) &&
        tokens_.is_number(j + 1) && tokens_.same_line(j + 1)) {
        j += 2;
    }
    // "6-month review", "15-minute"
    if (tokens_.is_symbol(j, "-") && tokens_.attached(j) && tokens_.is_word(j + 1) &&
        tokens_.attached(j + 1)) {
        ++j;
    }
    if (tokens_.is_word(j) && tokens_.attached(j) && !is_plural_noun(j)) {
        return;  // "16th", "10am", "2m"
    }
    // Words that end the noun phrase after a number: what follows is not what it counts.
    static constexpr std::array<std::string_view, 62> stops = {
        "of",      "that",  "which", "the",     "a",     "an",    "to",    "were",  "was",
        "is",      "are",   "in",    "on",      "at",    "for",   "with",  "by",    "from",
        "had",     "have",  "has",   "been",    "be",    "it",    "he",    "she",   "they",
        "this",    "these", "those", "than",    "per",   "who",   "whom",  "into",  "after",
        "before",  "as",    "but",   "not",     "when",  "where", "while", "if",    "so",
        "because", "since", "until", "whether", "we",    "you",   "i",     "would", "could",
        "should",  "will",  "can",   "may",     "might", "must",  "being", "its"};
    for (std::size_t k = j; k < j + 4 && k < tokens_.size(); ++k) {
        if (!tokens_.is_word(k) || !tokens_.same_line(k)) {
            return;
        }
        if (is_plural_noun(k)) {
            add(Type::quantity, i, k + 1, 1);
            return;
        }
        if (std::find(stops.begin(), stops.end(), word(k)) != stops.end()) {
            return;
        }
    }
}

}  // namespace kpproc::entities
