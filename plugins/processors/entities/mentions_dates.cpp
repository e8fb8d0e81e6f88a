// DATE and TIME.

#include <algorithm>
#include <array>
#include <charconv>
#include <string>
#include <string_view>

#include "kpproc/dates.hpp"
#include "recogniser.hpp"

namespace kpproc::entities {

namespace {

int to_int(std::string_view s) {
    int v = 0;
    std::from_chars(s.data(), s.data() + s.size(), v);
    return v;
}

int days_in_month(int month, int year) {
    static constexpr std::array<int, 12> days = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month == 2 && year > 0) {
        const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        return leap ? 29 : 28;
    }
    return days[static_cast<std::size_t>(month - 1)];
}

bool plausible_year(int y) {
    return y >= 1990 && y <= 2049;
}

// An ordinal suffix in any case ("16th", "21ST"); `rest` is what follows it in the same word.
bool ordinal_suffix(std::string_view word, std::string_view& rest) {
    if (word.size() < 2) {
        return false;
    }
    std::string lower{static_cast<char>(word[0] | 0x20), static_cast<char>(word[1] | 0x20)};
    rest = word.substr(2);
    return lower == "st" || lower == "nd" || lower == "rd" || lower == "th";
}

}  // namespace

// The SDK reads a month name in any case; the texts capitalise one: "may" is a verb, and while
// headings write the full name in capitals ("19 SEPTEMBER 2019"), abbreviations in capitals
// ("MAR", "SEPT") are too often something else. So only "September", "Sep", "Sept" and
// "SEPTEMBER" are months here, not "september", "SEPT" or "SEP".
int month_number(std::string_view word) {
    if (word.size() < 3 || word[0] < 'A' || word[0] > 'Z') {
        return 0;
    }
    const std::string_view rest = word.substr(1);
    const auto rest_in = [&](char first, char last) {
        return std::all_of(rest.begin(), rest.end(),
                           [&](char c) { return c >= first && c <= last; });
    };
    const bool capitalised = rest_in('a', 'z');
    const bool full_name_in_capitals = rest_in('A', 'Z') && word.size() > 3 && word != "SEPT";
    return capitalised || full_name_in_capitals ? dates::month_number(word) : 0;
}

bool Recogniser::is_ampm(std::size_t i, std::size_t& end, bool& pm) const {
    if (!tokens_.is_word(i) || !tokens_.same_line(i)) {
        return false;
    }
    const std::string_view s = word(i);
    if (s == "am" || s == "AM" || s == "pm" || s == "PM") {
        pm = s[0] == 'p' || s[0] == 'P';
        end = i + 1;
        return true;
    }
    // "a.m." / "p.m."
    if ((s == "a" || s == "p") && tokens_.is_symbol(i + 1, ".") && tokens_.attached(i + 1) &&
        word_is(i + 2, "m") && tokens_.attached(i + 2)) {
        pm = s == "p";
        end = i + 3;
        if (tokens_.is_symbol(i + 3, ".") && tokens_.attached(i + 3)) {
            end = i + 4;
        }
        return true;
    }
    return false;
}

void Recogniser::date_at_number(std::size_t i) {
    const std::string_view s = word(i);
    if (!all_digits(s)) {
        dotted_date(i);
        return;
    }
    if (s.size() == 4 && plausible_year(to_int(s))) {
        year_at(i);
        return;
    }
    if (slash_date(i) || s.size() > 2) {
        return;
    }
    day_month_date(i);
}

// "2022/23", "2022-23", "2022/2023": a financial year; "2025-2028": a period of two years;
// else a year on its own ("in 2016").
void Recogniser::year_at(std::size_t i) {
    const std::string_view s = word(i);
    const int y = to_int(s);
    const std::string_view sep = word(i + 1);
    if ((sep == "/" || sep == "-") && tokens_.attached(i + 1) && tokens_.is_number(i + 2) &&
        tokens_.attached(i + 2)) {
        const std::string_view next = word(i + 2);
        const bool two_digit =
            next.size() == 2 && all_digits(next) && to_int(next) == (y + 1) % 100;
        const bool four_digit = next.size() == 4 && all_digits(next) && to_int(next) == y + 1;
        if (two_digit || four_digit) {
            add(Type::date, i, i + 3, 2, std::to_string(y) + "/" + std::to_string(y + 1))
                .precision = "financial-year";
            return;
        }
        // "Funding Agreement 2025-2028": a span of years longer than one financial year is
        // its two ends, as "2025 to 2028" is.
        const int later = next.size() == 4 && all_digits(next) ? to_int(next) : 0;
        if (sep == "-" && later > y + 1 && plausible_year(later) && !tokens_.attached(i + 3) &&
            !(i > 0 && tokens_.attached(i) && !tokens_.is_symbol(i - 1, "("))) {
            add(Type::date, i, i + 1, 1, std::string(s)).precision = "year";
            add(Type::date, i + 2, i + 3, 1, std::string(next)).precision = "year";
            return;
        }
    }
    const bool glued_before =
        i > 0 && tokens_.attached(i) &&
        (tokens_.is_symbol(i - 1, "/") || tokens_.is_symbol(i - 1, "-") ||
         tokens_.is_symbol(i - 1, "\xC2\xA3") || tokens_.is_symbol(i - 1, "."));
    const bool glued_after = tokens_.attached(i + 1) &&
                             (tokens_.is_symbol(i + 1, "/") || tokens_.is_symbol(i + 1, "%") ||
                              tokens_.is_word(i + 1) || tokens_.is_symbol(i + 1, "."));
    const bool sentence_end =
        tokens_.is_symbol(i + 1, ".") && (i + 2 >= tokens_.size() || !tokens_.attached(i + 2));
    if (options_.bare_years && !glued_before && (!glued_after || sentence_end)) {
        add(Type::date, i, i + 1, 0, std::string(s)).precision = "year";
    }
}

// "17/10/2023", "17/10/23"
bool Recogniser::slash_date(std::size_t i) {
    const std::string_view s = word(i);
    if (!(s.size() <= 2 && tokens_.is_symbol(i + 1, "/") && tokens_.attached(i + 1) &&
          tokens_.is_number(i + 2) && tokens_.attached(i + 2) && all_digits(word(i + 2)) &&
          word(i + 2).size() <= 2 && tokens_.is_symbol(i + 3, "/") && tokens_.attached(i + 3) &&
          tokens_.is_number(i + 4) && tokens_.attached(i + 4) && all_digits(word(i + 4)))) {
        return false;
    }
    const int d = to_int(s);
    const int mo = to_int(word(i + 2));
    int y = to_int(word(i + 4));
    if (word(i + 4).size() == 2) {
        y += 2000;
    } else if (word(i + 4).size() != 4) {
        return true;
    }
    if (mo >= 1 && mo <= 12 && d >= 1 && d <= days_in_month(mo, y)) {
        add(Type::date, i, i + 5, 2, std::to_string(y) + "-" + two(mo) + "-" + two(d)).precision =
            "day";
    }
    return true;
}

// "17 October 2023", "16th July, 2025", "6th of February", "11 August", and "11thFebruary
// 2020" (the suffix run into the month by a PDF's lost space).
void Recogniser::day_month_date(std::size_t i) {
    const int d = to_int(word(i));
    if (d < 1 || d > 31) {
        return;
    }
    std::size_t j = i + 1;
    int mo = 0;
    if (tokens_.is_word(j) && tokens_.attached(j)) {
        std::string_view glued_month;
        if (!ordinal_suffix(word(j), glued_month)) {
            return;
        }
        mo = glued_month.empty() ? 0 : month_number(glued_month);
        if (!glued_month.empty() && mo == 0) {
            return;
        }
        ++j;
    }
    if (mo == 0) {
        if (word_is(j, "of") && tokens_.same_line(j)) {
            ++j;
        }
        if (!tokens_.is_word(j) || !tokens_.same_line(j) || (mo = month_number(word(j))) == 0) {
            return;
        }
        ++j;
    }
    std::size_t y_at = tokens_.is_symbol(j, ",") && tokens_.same_line(j) ? j + 1 : j;
    if (tokens_.is_number(y_at) && tokens_.same_line(y_at) && word(y_at).size() == 4 &&
        all_digits(word(y_at))) {
        const int y = to_int(word(y_at));
        if (d <= days_in_month(mo, y)) {
            add(Type::date, i, y_at + 1, 2, std::to_string(y) + "-" + two(mo) + "-" + two(d))
                .precision = "day";
        }
        return;
    }
    if (d <= days_in_month(mo, 0)) {
        add(Type::date, i, j, 2, "--" + two(mo) + "-" + two(d)).precision = "day-month";
    }
}

// "14.11.19", "17.10.2023": one number token with two dots. Paragraph numbers ("1.2.10") are
// told apart by a two-digit day or month, or a four-digit year.
void Recogniser::dotted_date(std::size_t i) {
    const std::string_view s = word(i);
    const auto first_dot = s.find('.');
    const auto second_dot = s.find('.', first_dot + 1);
    if (first_dot == std::string_view::npos || second_dot == std::string_view::npos ||
        s.find('.', second_dot + 1) != std::string_view::npos) {
        return;
    }
    const std::string_view day = s.substr(0, first_dot);
    const std::string_view month = s.substr(first_dot + 1, second_dot - first_dot - 1);
    const std::string_view year = s.substr(second_dot + 1);
    if (!all_digits(day) || !all_digits(month) || !all_digits(year) || day.size() > 2 ||
        month.size() > 2 || (year.size() != 2 && year.size() != 4) ||
        (day.size() < 2 && month.size() < 2 && year.size() < 4)) {
        return;
    }
    const int d = to_int(day);
    const int mo = to_int(month);
    const int y = to_int(year) + (year.size() == 2 ? 2000 : 0);
    if (mo >= 1 && mo <= 12 && d >= 1 && d <= days_in_month(mo, y) && plausible_year(y)) {
        add(Type::date, i, i + 1, 2, std::to_string(y) + "-" + two(mo) + "-" + two(d)).precision =
            "day";
    }
}

void Recogniser::date_at_month(std::size_t i) {
    const int mo = month_number(word(i));
    if (mo == 0 || (word(i) == "May" && !tokens_.is_number(i + 1))) {
        return;
    }
    std::size_t j = i + 1;
    // "July 16, 2025" / "July 16"
    if (tokens_.is_number(j) && tokens_.same_line(j) && word(j).size() <= 2 &&
        all_digits(word(j))) {
        const int d = to_int(word(j));
        std::size_t k = j + 1;
        if (tokens_.is_word(k) && tokens_.attached(k) &&
            (word(k) == "st" || word(k) == "nd" || word(k) == "rd" || word(k) == "th")) {
            ++k;
        }
        if (tokens_.is_symbol(k, ",") && tokens_.is_number(k + 1) && word(k + 1).size() == 4 &&
            tokens_.same_line(k + 1)) {
            const int y = to_int(word(k + 1));
            if (d >= 1 && d <= days_in_month(mo, y)) {
                add(Type::date, i, k + 2, 2, std::to_string(y) + "-" + two(mo) + "-" + two(d))
                    .precision = "day";
            }
        } else if (d >= 1 && d <= days_in_month(mo, 0)) {
            add(Type::date, i, k, 1, "--" + two(mo) + "-" + two(d)).precision = "day-month";
        }
        return;
    }
    if (tokens_.is_symbol(j, ",") && tokens_.same_line(j)) {
        ++j;
    }
    if (tokens_.is_number(j) && tokens_.same_line(j) && word(j).size() == 4 &&
        all_digits(word(j)) && plausible_year(to_int(word(j))) &&
        !(tokens_.is_symbol(j + 1, "/") && tokens_.attached(j + 1))) {
        add(Type::date, i, j + 1, 2, std::string(word(j)) + "-" + two(mo)).precision = "month";
        return;
    }
    // "February and March 2023", "January to March 2024": the year is shared.
    if ((word_is(i + 1, "and") || word_is(i + 1, "to") || word_is(i + 1, "or")) &&
        tokens_.same_line(i + 2) && tokens_.is_word(i + 2) && month_number(word(i + 2)) != 0 &&
        tokens_.is_number(i + 3) && tokens_.same_line(i + 3) && word(i + 3).size() == 4 &&
        all_digits(word(i + 3)) && plausible_year(to_int(word(i + 3)))) {
        add(Type::date, i, i + 1, 1, std::string(word(i + 3)) + "-" + two(mo)).precision = "month";
    }
}

void Recogniser::time_at(std::size_t i) {
    const std::string_view s = word(i);
    int h = -1;
    int mi = 0;
    std::size_t j = i + 1;
    bool needs_ampm = true;
    if (all_digits(s) && s.size() <= 2 && tokens_.is_symbol(i + 1, ":") &&
        tokens_.attached(i + 1) && tokens_.is_number(i + 2) && tokens_.attached(i + 2) &&
        word(i + 2).size() == 2 && all_digits(word(i + 2))) {
        h = to_int(s);
        mi = to_int(word(i + 2));
        j = i + 3;
        needs_ampm = false;
    } else if (const auto dot = s.find('.'); dot != std::string_view::npos) {
        if (dot > 2 || s.size() - dot - 1 != 2) {
            return;
        }
        h = to_int(s.substr(0, dot));
        mi = to_int(s.substr(dot + 1));
    } else if (all_digits(s) && s.size() <= 2) {
        h = to_int(s);
    } else {
        return;
    }
    if (h > 23 || mi > 59) {
        return;
    }
    std::size_t end = j;
    bool pm = false;
    if (is_ampm(j, end, pm)) {
        if (h < 1 || h > 12) {
            return;
        }
        h = (h % 12) + (pm ? 12 : 0);
    } else if (needs_ampm && !(h >= 13 && clock_context(i))) {
        return;
    }
    add(Type::time, i, end, 2, two(h) + ":" + two(mi));
}

// "at 14.00", "from 13.30": past noon a dotted time needs no "pm", but a paragraph number
// ("13.10 Update") has none of these words before it.
bool Recogniser::clock_context(std::size_t i) const {
    if (i == 0 || !tokens_.same_line(i) || !tokens_.is_word(i - 1)) {
        return false;
    }
    const std::string_view before = word(i - 1);
    return before == "at" || before == "from" || before == "until" || before == "to" ||
           before == "and";
}

// "1000 hours", "1400hrs": a 24-hour clock written as four digits and the word for hours.
void Recogniser::clock_hours_at(std::size_t i) {
    const std::string_view s = word(i);
    if (s.size() != 4 || !all_digits(s) || !tokens_.is_word(i + 1) || !tokens_.same_line(i + 1)) {
        return;
    }
    std::string unit(word(i + 1));
    for (char& c : unit) {
        c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    }
    const int h = to_int(s.substr(0, 2));
    const int mi = to_int(s.substr(2));
    if ((unit != "hours" && unit != "hrs" && unit != "hr") || h > 23 || mi > 59) {
        return;
    }
    add(Type::time, i, i + 2, 3, two(h) + ":" + two(mi));
}

}  // namespace kpproc::entities
