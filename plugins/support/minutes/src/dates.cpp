#include "kpproc/dates.hpp"

#include <array>
#include <cstdio>

#include "kpproc/text.hpp"

namespace kpproc::dates {

namespace {

bool is_digit(char c) {
    return c >= '0' && c <= '9';
}
bool is_alpha(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// Reads 1..max_digits digits at pos; returns the value or -1.
int read_number(std::string_view s, std::size_t& pos, std::size_t max_digits) {
    std::size_t n = 0;
    int value = 0;
    while (pos + n < s.size() && is_digit(s[pos + n]) && n < max_digits) {
        value = value * 10 + (s[pos + n] - '0');
        ++n;
    }
    if (n == 0 || (pos + n < s.size() && is_digit(s[pos + n]))) {
        return -1;  // no digits, or more than allowed (part of a longer number)
    }
    pos += n;
    return value;
}

std::string_view read_word(std::string_view s, std::size_t& pos) {
    const std::size_t start = pos;
    while (pos < s.size() && is_alpha(s[pos])) {
        ++pos;
    }
    return s.substr(start, pos - start);
}

// Skips spaces (including U+00A0) and, if allowed, one comma.
void skip_separators(std::string_view s, std::size_t& pos, bool allow_comma) {
    bool comma_seen = false;
    for (;;) {
        if (pos < s.size() && (s[pos] == ' ' || s[pos] == '\t' || s[pos] == '\n')) {
            ++pos;
        } else if (pos + 1 < s.size() && s[pos] == '\xC2' && s[pos + 1] == '\xA0') {
            pos += 2;
        } else if (allow_comma && !comma_seen && pos < s.size() && s[pos] == ',') {
            comma_seen = true;
            ++pos;
        } else {
            return;
        }
    }
}

bool boundary_before(std::string_view s, std::size_t pos) {
    return pos == 0 || !(is_alpha(s[pos - 1]) || is_digit(s[pos - 1]));
}

std::string iso(int year, int month, int day) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
    return buf;
}

// "12fed", "1af", "2il", "3ydd", "5ed", "11eg", "21ain": the endings Welsh writes after a day's
// number. Taken only before a month and a year, like the English ones.
bool is_welsh_ordinal_suffix(std::string_view lower) {
    for (const std::string_view ending : {"af", "il", "ydd", "ed", "fed", "eg", "ain"}) {
        if (lower == ending) {
            return true;
        }
    }
    return false;
}

// "17 October 2023", "16th July, 2025", "6 of June 2019", "12fed Mawrth, 2025" starting at a digit.
std::optional<Match> day_month_year(std::string_view s, std::size_t start) {
    std::size_t pos = start;
    const int day = read_number(s, pos, 2);
    if (day < 1) {
        return std::nullopt;
    }
    const std::size_t suffix_start = pos;
    const std::string_view suffix = read_word(s, pos);
    if (!suffix.empty()) {
        const std::string lower = text::to_lower_ascii(suffix);
        const bool ordinal = lower.starts_with("st") || lower.starts_with("nd") ||
                             lower.starts_with("rd") || lower.starts_with("th");
        if (ordinal && lower.size() > 2 && month_number(suffix.substr(2)) != 0) {
            pos = suffix_start + 2;  // "11thFebruary": a PDF copy lost the space
        } else if ((!ordinal || lower.size() != 2) && !is_welsh_ordinal_suffix(lower)) {
            pos = suffix_start;
        }
    }
    skip_separators(s, pos, false);
    // "20 th September": the superscript ordinal a PDF's text layer set apart from its number.
    std::size_t lone_pos = pos;
    const std::string lone = text::to_lower_ascii(read_word(s, lone_pos));
    if (suffix.empty() && (lone == "st" || lone == "nd" || lone == "rd" || lone == "th")) {
        pos = lone_pos;
        skip_separators(s, pos, false);
    }
    std::size_t of_pos = pos;
    if (text::to_lower_ascii(read_word(s, of_pos)) == "of") {
        pos = of_pos;
        skip_separators(s, pos, false);
    }
    const std::string_view month_word = read_word(s, pos);
    const int month =
        month_number(month_word) != 0 ? month_number(month_word) : welsh_month_number(month_word);
    if (month == 0) {
        return std::nullopt;
    }
    if (pos < s.size() && s[pos] == '.') {
        ++pos;  // "Sept."
    }
    skip_separators(s, pos, true);
    const int year = read_number(s, pos, 4);
    if (year < 1000 || !is_valid_date(year, month, day)) {
        return std::nullopt;
    }
    return Match{iso(year, month, day), start, pos};
}

// "17/10/2023" (UK order).
std::optional<Match> numeric_date(std::string_view s, std::size_t start) {
    std::size_t pos = start;
    const int day = read_number(s, pos, 2);
    if (day < 1 || pos >= s.size() || s[pos] != '/') {
        return std::nullopt;
    }
    ++pos;
    const int month = read_number(s, pos, 2);
    if (month < 1 || pos >= s.size() || s[pos] != '/') {
        return std::nullopt;
    }
    ++pos;
    const int year = read_number(s, pos, 4);
    if (year < 1000 || !is_valid_date(year, month, day)) {
        return std::nullopt;
    }
    return Match{iso(year, month, day), start, pos};
}

// Reads "am", "a.m.", "pm", "p.m." (any case); returns 'a', 'p' or 0.
char read_meridiem(std::string_view s, std::size_t& pos) {
    std::size_t p = pos;
    skip_separators(s, p, false);
    if (p >= s.size()) {
        return 0;
    }
    const char first = static_cast<char>(s[p] | 0x20);
    if (first != 'a' && first != 'p') {
        return 0;
    }
    ++p;
    if (p < s.size() && s[p] == '.') {
        ++p;
    }
    if (p >= s.size() || (s[p] | 0x20) != 'm') {
        return 0;
    }
    ++p;
    if (p < s.size() && s[p] == '.') {
        ++p;
    }
    if (p < s.size() && is_alpha(s[p])) {
        return 0;  // "amendment", "pmt"
    }
    pos = p;
    return first;
}

std::optional<Match> clock_time(std::string_view s, std::size_t start) {
    std::size_t pos = start;
    int hour = read_number(s, pos, 2);
    if (hour < 0) {
        return std::nullopt;
    }
    int minute = 0;
    char separator = 0;
    if (pos + 2 < s.size() + 0 && (s[pos] == ':' || s[pos] == '.') && pos + 1 < s.size() &&
        is_digit(s[pos + 1])) {
        separator = s[pos];
        std::size_t p = pos + 1;
        minute = read_number(s, p, 2);
        if (minute < 0 || p - pos != 3) {
            return std::nullopt;
        }
        pos = p;
    }
    const char meridiem = read_meridiem(s, pos);
    if (meridiem == 0 && separator != ':') {
        return std::nullopt;  // "10.30" alone could be a paragraph or a sum
    }
    if (minute > 59) {
        return std::nullopt;
    }
    if (meridiem != 0) {
        if (hour < 1 || hour > 12) {
            return std::nullopt;
        }
        hour = (hour % 12) + (meridiem == 'p' ? 12 : 0);
    } else if (hour > 23) {
        return std::nullopt;
    }
    if (pos < s.size() && (is_digit(s[pos]) || s[pos] == ':')) {
        return std::nullopt;
    }
    char buf[8];
    std::snprintf(buf, sizeof buf, "%02d:%02d", hour, minute);
    return Match{buf, start, pos};
}

}  // namespace

int month_number(std::string_view word) {
    static constexpr std::array<std::string_view, 12> kNames = {
        "january", "february", "march",     "april",   "may",      "june",
        "july",    "august",   "september", "october", "november", "december"};
    if (word.size() < 3) {
        return 0;
    }
    const std::string lower = text::to_lower_ascii(word);
    for (std::size_t i = 0; i < kNames.size(); ++i) {
        if (lower == kNames[i] || (lower.size() == 3 && kNames[i].substr(0, 3) == lower) ||
            (lower == "sept" && i == 8)) {
            return static_cast<int>(i + 1);
        }
    }
    return 0;
}

int welsh_month_number(std::string_view word) {
    // Full names only: Welsh pages do not shorten them, and "Mai" or "Medi" are words too, which
    // is why a day and a year must stand either side (find_date asks for both).
    static constexpr std::array<std::string_view, 12> kNames = {
        "ionawr",     "chwefror", "mawrth", "ebrill", "mai",      "mehefin",
        "gorffennaf", "awst",     "medi",   "hydref", "tachwedd", "rhagfyr"};
    if (word.size() < 3) {
        return 0;
    }
    const std::string lower = text::to_lower_ascii(word);
    for (std::size_t i = 0; i < kNames.size(); ++i) {
        if (lower == kNames[i]) {
            return static_cast<int>(i + 1);
        }
    }
    return 0;
}

bool is_valid_date(int year, int month, int day) {
    static constexpr std::array<int, 12> kDays = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month < 1 || month > 12 || day < 1 || day > kDays[static_cast<std::size_t>(month - 1)]) {
        return false;
    }
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return !(month == 2 && day == 29 && !leap);
}

std::optional<Match> find_date(std::string_view text) {
    for (std::size_t i = text::find_digit(text); i != std::string_view::npos;
         i = text::find_digit(text, i + 1)) {
        if (!boundary_before(text, i)) {
            continue;
        }
        if (auto m = day_month_year(text, i)) {
            return m;
        }
        if (auto m = numeric_date(text, i)) {
            return m;
        }
    }
    return std::nullopt;
}

std::optional<Match> find_time(std::string_view text) {
    for (std::size_t i = text::find_digit(text); i != std::string_view::npos;
         i = text::find_digit(text, i + 1)) {
        if (!boundary_before(text, i)) {
            continue;
        }
        if (auto m = clock_time(text, i)) {
            return m;
        }
    }
    return std::nullopt;
}

}  // namespace kpproc::dates
