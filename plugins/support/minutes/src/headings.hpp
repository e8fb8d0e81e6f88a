#pragma once
// Item headings: a number in one of the schemes minutes use, then a title, perhaps followed on
// the same line by the item's first sentence.

#include <optional>
#include <string>
#include <string_view>

namespace kpproc::structure::detail {

enum class Scheme {
    integer,   // "12", "12.", "12)"
    decimal,   // "21.44", "4.1"
    slash,     // "23/21", "45/2023"
    prefixed,  // "A1", "C 24/195", "PL12"
    labelled,  // "Minute 45", "Item 4", "Agenda Item 4", "Min. 12"
    roman,     // "(iv)", "iv."
    lettered,  // "a.", "b)": sub-items under numbered items
};

struct Heading {
    Scheme scheme = Scheme::integer;
    std::string number;      // as written, without a trailing '.', ')' or ':' ("23/21")
    long ordinal = -1;       // the first number in it, for order checks (23 in "23/21")
    std::string_view title;  // a view into the line
    std::string_view rest;   // the first sentence after the title on the same line, or empty
    bool strong = false;     // reads as a heading, not as a numbered paragraph
};

// The heading `line` (trimmed) starts, if its start is a number in one of the schemes.
std::optional<Heading> numbered_heading(std::string_view line);

// A line that is only a number ("1.", "23/21", "Item 4"): ModernGov tables and some PDF
// conversions put the number on a line of its own, above the title.
std::optional<Heading> bare_number(std::string_view line);

// An unnumbered heading: a short line in capitals ("APOLOGIES FOR ABSENCE").
bool is_capitals_heading(std::string_view line);

// `s` trimmed of white space and of the '|' of a table flattened into text.
std::string_view trim_cells(std::string_view s);

// The first cell of a line whose columns a converter kept: up to a tab or a run of three
// spaces ("Welcome and Apologies            Ms K Rendall").
std::string_view first_cell(std::string_view s);

// Whether `title` reads as a heading: short, starts with a capital, no sentence after it.
bool reads_as_title(std::string_view title);

}  // namespace kpproc::structure::detail
