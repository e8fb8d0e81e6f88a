#pragma once
// Dates and times as UK council documents write them, normalised to ISO 8601.
//
//   "Tuesday, 17 October 2023"            -> 2023-10-17
//   "Wednesday, 16th July, 2025"          -> 2025-07-16
//   "6 Feb 2019", "11 November 2015"      -> 2019-02-06, 2015-11-11
//   "17/10/2023"                          -> 2023-10-17  (UK order: day/month/year)
//   "Dydd Mercher, 12fed Mawrth, 2025"    -> 2025-03-12  (Welsh month names and ordinals)
//   "10.30 am", "2.00 p.m.", "2pm", "10:16", "14:05" -> 10:30, 14:00, 14:00, 10:16, 14:05
//
// Nothing is guessed: a date without a year, an impossible day ("31 February") or a time
// without a colon or am/pm ("10.30") is not a match.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace kpproc::dates {

struct Match {
    std::string value;      // "2023-10-17" or "14:05"
    std::size_t begin = 0;  // byte offsets of the matched words in the searched text
    std::size_t end = 0;
};

// The first full date (day, month, year) in `text`, if any.
std::optional<Match> find_date(std::string_view text);
// The first clock time in `text`, if any.
std::optional<Match> find_time(std::string_view text);

// 1..12 for an English month name or its abbreviation ("Sept", "sep", "September"), else 0.
int month_number(std::string_view word);

// 1..12 for a Welsh month name written in full ("Ionawr", "Mawrth", "Rhagfyr"), else 0. A word
// alone is no date: find_date takes these only between a day and a year.
int welsh_month_number(std::string_view word);

bool is_valid_date(int year, int month, int day);

}  // namespace kpproc::dates
