#include "headings.hpp"

#include <array>
#include <charconv>

#include "attendance.hpp"
#include "kpproc/lines.hpp"
#include "kpproc/minutes.hpp"
#include "kpproc/structure/record.hpp"
#include "words.hpp"

namespace kpproc::structure::detail {

namespace {

using kpproc::lines::trim;

long leading_number(std::string_view s) {
    long value = -1;
    std::size_t i = 0;
    while (i < s.size() && !is_digit(s[i])) {
        ++i;
    }
    std::from_chars(s.data() + i, s.data() + s.size(), value);
    return value;
}

bool all_digits(std::string_view s, std::size_t min, std::size_t max) {
    if (s.size() < min || s.size() > max) {
        return false;
    }
    for (const char c : s) {
        if (!is_digit(c)) {
            return false;
        }
    }
    return true;
}

bool is_roman(std::string_view s) {
    static constexpr std::array<std::string_view, 15> kRoman = {"i",  "ii",  "iii",  "iv",  "v",
                                                                "vi", "vii", "viii", "ix",  "x",
                                                                "xi", "xii", "xiii", "xiv", "xv"};
    for (const auto r : kRoman) {
        if (s == r) {
            return true;
        }
    }
    return false;
}

bool digits_and_slashes(std::string_view token) {
    return !token.empty() && token.find_first_not_of("0123456789/") == std::string_view::npos;
}

// "24-25": a span of years in a reference.
bool is_year_span(std::string_view s) {
    const auto dash = s.find('-');
    return dash != std::string_view::npos && all_digits(s.substr(0, dash), 2, 4) &&
           all_digits(s.substr(dash + 1), 2, 4);
}

// "24-25/FRA/15", "Cou/212/24-25", "PL/24/01": a reference built of parts between slashes,
// some of them letters (a body's code) or a span of years, and a running number. Dates
// ("12/03/2025") have only digits and stay out.
bool is_reference_number(std::string_view token) {
    std::size_t parts = 0;
    std::size_t numbers = 0;
    bool coded = false;
    for (std::size_t start = 0; start <= token.size();) {
        const auto end = std::min(token.find('/', start), token.size());
        const auto part = token.substr(start, end - start);
        ++parts;
        if (all_digits(part, 1, 4)) {
            ++numbers;
        } else if (is_year_span(part) ||
                   (part.size() >= 1 && part.size() <= 5 && is_upper(part[0]) &&
                    letter_case(part).letters == part.size())) {
            coded = true;
        } else {
            return false;
        }
        start = end + 1;
    }
    return parts >= 2 && parts <= 4 && numbers >= 1 && coded;
}

// The running number of a reference: its first part in digits alone, not a year.
long reference_ordinal(std::string_view number) {
    for (std::size_t start = 0; start <= number.size();) {
        const auto end = std::min(number.find('/', start), number.size());
        const auto part = number.substr(start, end - start);
        if (all_digits(part, 1, 3)) {
            return leading_number(part);
        }
        start = end + 1;
    }
    return leading_number(number);
}

// The scheme of a number token (without its trailing punctuation), if it is one.
std::optional<Scheme> scheme_of(std::string_view token) {
    if (token.find('/') != std::string_view::npos && is_reference_number(token)) {
        return Scheme::slash;
    }
    if (all_digits(token, 1, 3)) {
        return Scheme::integer;
    }
    // Running minute numbers ("1412"), but not a year ("2024 Budget").
    if (all_digits(token, 4, 4) && !(token.starts_with("19") || token.starts_with("20"))) {
        return Scheme::integer;
    }
    const auto slash = token.find('/');
    if (slash != std::string_view::npos) {
        const auto left = token.substr(0, slash);
        const auto right = token.substr(slash + 1);
        // "2025/26" is a financial year in a title, not a minute number.
        const bool financial_year = left.size() == 4 &&
                                    (left.starts_with("19") || left.starts_with("20")) &&
                                    right.size() == 2;
        if (all_digits(right, 1, 4) && all_digits(left, 1, 4) && !financial_year) {
            return Scheme::slash;
        }
    }
    const auto dot = token.find('.');
    if (dot != std::string_view::npos && all_digits(token.substr(0, dot), 1, 3) &&
        all_digits(token.substr(dot + 1), 1, 3)) {
        return Scheme::decimal;
    }
    // "A1", "PL12", "B12/24": one to three capitals, then digits (and a slash part).
    std::size_t letters = 0;
    while (letters < token.size() && is_upper(token[letters])) {
        ++letters;
    }
    if (letters >= 1 && letters <= 3 && letters < token.size()) {
        const auto digits = token.substr(letters);
        const auto s = digits.find('/');
        if (all_digits(digits.substr(0, s), 1, 3) &&
            (s == std::string_view::npos || all_digits(digits.substr(s + 1), 1, 4))) {
            return Scheme::prefixed;
        }
    }
    return std::nullopt;
}

// A word of a title in capitals: "BUDGET", "2025/26", and a name as capitals write it
// ("McKEOWN", "MacDONALD").
bool in_capitals(std::string_view word) {
    const LetterCase c = letter_case(word);
    // (A postcode's "N3", a "6PL": one capital among digits is capitals too.)
    if (c.all_capitals() || c.letters == 0 || (c.letters == c.upper && c.letters < word.size())) {
        return true;
    }
    for (const std::string_view prefix : {"Mc", "Mac"}) {
        if (word.starts_with(prefix) && word.size() > prefix.size() + 1 &&
            letter_case(word.substr(prefix.size())).all_capitals()) {
            return true;
        }
    }
    return false;
}

// "The Board agreed:", "In discussion the following points were made:": a clause with its
// verb, not a title.
bool reads_as_clause(std::string_view text) {
    const auto words = split_words(text);
    if (words.empty() || starts_with_nocase(text, "the ") || starts_with_nocase(text, "it ")) {
        return true;
    }
    for (std::size_t k = 1; k < words.size(); ++k) {
        std::string_view w = words[k];
        while (!w.empty() && !is_letter(w.back())) {
            w.remove_suffix(1);
        }
        if (w.empty() || !is_lower(w[0])) {
            continue;
        }
        for (const std::string_view verb : {"was", "were", "is", "are", "had", "has", "will"}) {
            if (w == verb) {
                return true;
            }
        }
        if (w.size() > 4 && w.ends_with("ed")) {
            return true;
        }
    }
    return false;
}

// Splits a heading's text into its title and the sentence that follows on the same line:
// "MINUTES The minutes of … were approved." and "Apologies for Absence – Apologies were …".
void split_title(Heading& h) {
    const auto words = split_words(h.title);
    // Capitals, then a sentence in mixed case.
    // A number inside a title in capitals ("LEVELS 2025/26 AND") is part of it.
    std::size_t caps = 0;
    while (caps < words.size() && in_capitals(words[caps])) {
        ++caps;
    }
    const bool sentence_follows =
        caps < words.size() && (h.title.back() == '.' || words.size() - caps >= 8);
    // "ALDERBY - PF/24/1877 - Erection of four dwellings": a title built of parts joined by
    // dashes goes on after the capitals.
    const bool joined_by_dash = caps >= 1 && caps < words.size() &&
                                letter_case(words[caps - 1]).letters == 0 &&
                                (words[caps - 1] == "-" || words[caps - 1] == "\xE2\x80\x93");
    if (!joined_by_dash && caps >= 1 && caps < words.size() && words.size() - caps >= 4 &&
        (caps >= 2 || sentence_follows) &&
        letter_case(
            h.title.substr(0, static_cast<std::size_t>(words[caps - 1].data() +
                                                       words[caps - 1].size() - h.title.data())))
                .letters >= 4) {
        const auto end = static_cast<std::size_t>(words[caps].data() - h.title.data());
        h.rest = trim(h.title.substr(end));
        h.title = trim(h.title.substr(0, end));
        return;
    }
    // A separator, then a sentence: "Apologies – Apologies were received from …".
    for (const std::string_view sep : {" \xE2\x80\x93 ", " - ", ": ", " \xE2\x80\x94 "}) {
        const auto at = h.title.find(sep);
        if (at == std::string_view::npos || at == 0) {
            continue;
        }
        const auto before = trim(h.title.substr(0, at));
        const auto after = trim(h.title.substr(at + sep.size()));
        // "Apologies: K. Linklater; T. Wylie": after a colon, a list or a sentence runs in.
        const bool sentence =
            (split_words(after).size() >= 6 && (after.back() == '.' || after.back() == ':')) ||
            (sep == ": " && (after.find("; ") != std::string_view::npos || after.back() == '.'));
        if (sentence && split_words(before).size() <= 14 && before.back() != '.') {
            h.title = before;
            h.rest = after;
            return;
        }
    }
}

}  // namespace

std::string_view trim_cells(std::string_view s) {
    s = trim(s);
    while (!s.empty() && (s.front() == '|' || s.back() == '|')) {
        s = trim(s.front() == '|' ? s.substr(1) : s.substr(0, s.size() - 1));
    }
    return s;
}

std::string_view first_cell(std::string_view s) {
    // A tab, or three spaces or more, is a gap between the columns a converter kept.
    const auto end = std::min(s.find('\t'), s.find("   "));
    return end == std::string_view::npos ? s : trim(s.substr(0, end));
}

bool reads_as_title(std::string_view title) {
    title = trim(title);
    if (title.empty() || title.size() > 160) {
        return false;
    }
    const char first = title[0];
    const bool starts_well = is_upper(first) || is_digit(first) || first == '"' || first == '\'' ||
                             first == '(' || static_cast<unsigned char>(first) >= 0x80;
    if (!starts_well) {
        return false;
    }
    const auto words = split_words(title);
    // "577" alone: another column's number, not a title.
    if (letter_case(title).letters < 2) {
        return false;
    }
    // "577 corruption policy to members": a number, then words in lower case, is a table row
    // running on, not a title ("2024/25 Budget" is one).
    if (is_digit(first) && words.size() > 1 && is_lower(words[1][0])) {
        return false;
    }
    // A date line ("1 April 2024", "28 February 2024, 0930 to 1230") is not an item.
    if (month_of(words[0]) != 0 && (words.size() <= 3 || is_digit(words[1][0]))) {
        return false;
    }
    // "None", "Nil": an empty sub-item, not a title.
    for (const std::string_view empty : {"none", "nil", "n/a", "none.", "nil."}) {
        if (lower(title) == empty) {
            return false;
        }
    }
    if (letter_case(title).all_capitals()) {
        return words.size() <= 25;
    }
    if (title.back() == '.' && !title.ends_with("etc.")) {
        // "Apologies for Absence." is a heading; "The Chair welcomed everyone." is not.
        std::size_t capitalised = 0;
        for (const auto w : words) {
            capitalised += is_upper(w[0]) ? 1 : 0;
        }
        return words.size() <= 8 && capitalised * 2 > words.size();
    }
    // A long line of mostly small words is a sentence a PDF wrapped, not a title: titles
    // capitalise their words ("Review of the Statement of Gambling Policy").
    if (words.size() > 8) {
        std::size_t capitalised = 0;
        std::size_t long_words = 0;
        for (const auto w : words) {
            if (w.size() > 3) {
                ++long_words;
                capitalised += is_upper(w[0]) || is_digit(w[0]) ? 1 : 0;
            }
        }
        return words.size() <= 20 && capitalised * 2 >= long_words;
    }
    return true;
}

namespace {

enum class NumberRead { none, found, rejected };

// "Minute 45", "Item 4", "Agenda Item 4", "Min. 12", "Minute No. 45", "Ref 01/18/09/2024": the
// number after a label, and in `after` what follows it. `rejected` when the label has no number.
NumberRead read_labelled_number(std::string_view line, Heading& h, std::string_view& after) {
    for (const std::string_view label :
         {"agenda item ", "item no. ", "item no ", "item ", "minute no. ", "minute no ", "minute ",
          "min. ", "min ", "ref. ", "ref "}) {
        if (!starts_with_nocase(line, label)) {
            continue;
        }
        const auto rest = trim(line.substr(label.size()));
        const auto end = rest.find_first_of(" \t:.-\xE2");
        const auto token = rest.substr(0, end == std::string_view::npos ? rest.size() : end);
        // After a label, "01/18/09/2024" (a reference built from the meeting's date) is a
        // number too: the label says so.
        if (token.empty() || !is_digit(token[0]) ||
            (!scheme_of(token) && !digits_and_slashes(token))) {
            return NumberRead::rejected;
        }
        h.scheme = Scheme::labelled;
        h.number = std::string(token);
        after = rest.substr(token.size());
        while (!after.empty() && (after[0] == ':' || after[0] == '.' || after[0] == ' ' ||
                                  after[0] == '-' || after[0] == '\t')) {
            after.remove_prefix(1);
        }
        if (after.starts_with("\xE2\x80\x93")) {  // an en dash
            after.remove_prefix(3);
        }
        return NumberRead::found;
    }
    return NumberRead::none;
}

// The scheme of a bare number token ("(iv)", "12.", "12)", "3:"), brackets and punctuation
// aside; `bare` is the number without them.
std::optional<Scheme> plain_scheme(std::string_view token, std::string_view& bare) {
    bare = token;
    const bool bracketed = bare.front() == '(' && bare.back() == ')';
    if (bracketed) {
        bare = bare.substr(1, bare.size() - 2);
    }
    while (!bare.empty() && (bare.back() == '.' || bare.back() == ')' || bare.back() == ':')) {
        bare.remove_suffix(1);
    }
    const bool closed = bracketed || token.back() == '.' || token.back() == ')';
    if (is_roman(bare) && closed) {
        return Scheme::roman;
    }
    // "b. Custody Improvement Plan" is an agenda's sub-item; "(b) Declarations of Interest"
    // more often a sub-heading inside the item's minute, and stays in its text.
    if (bare.size() == 1 && is_lower(bare[0]) && !bracketed && closed) {
        return Scheme::lettered;
    }
    const auto scheme = scheme_of(bare);
    if (scheme && (!bracketed || *scheme == Scheme::integer)) {
        return scheme;  // "(412) MINUTES": minute numbers in brackets too
    }
    return std::nullopt;
}

// "12. Title", "(412) TITLE", "23/21 Title", "C 24/195 Title", "CYP 24/41 TITLE": the number at
// the start of the line, and in `after` what follows it.
NumberRead read_plain_number(std::string_view line, Heading& h, std::string_view& after) {
    auto space = line.find_first_of(" \t");
    // "413.MINUTES OF THE PREVIOUS MEETING": a PDF copy lost the space after the number.
    const auto dot = line.find('.');
    if (dot != std::string_view::npos && dot > 0 && dot < space && dot + 1 < line.size() &&
        is_upper(line[dot + 1]) && all_digits(line.substr(0, dot), 1, 4)) {
        h.scheme = Scheme::integer;
        h.number = std::string(line.substr(0, dot));
        after = line.substr(dot + 1);
        return NumberRead::found;
    }
    if (space == std::string_view::npos) {
        return NumberRead::none;
    }
    std::string_view token = line.substr(0, space);
    after = line.substr(space);
    // "C 24/195", "CYP 24/41", "JIAC 24/42": one to five capitals, then a number.
    if (token.size() <= 5 && letter_case(token).all_capitals() &&
        letter_case(token).letters == token.size()) {
        const auto next = trim(after);
        const auto end = next.find_first_of(" \t");
        const auto second = next.substr(0, end);
        if (end == std::string_view::npos || !scheme_of(second)) {
            return NumberRead::none;
        }
        h.scheme = Scheme::prefixed;
        h.number = std::string(
            line.substr(0, static_cast<std::size_t>(second.data() + second.size() - line.data())));
        after = next.substr(end);
        return NumberRead::found;
    }
    std::string_view bare;
    const auto scheme = plain_scheme(token, bare);
    if (!scheme) {
        return NumberRead::none;
    }
    h.scheme = *scheme;
    h.number = std::string(bare);
    return NumberRead::found;
}

}  // namespace

std::optional<Heading> numbered_heading(std::string_view line) {
    line = trim_cells(line);  // "| 5. | OPFCC |": a table row flattened with its pipes
    Heading h;
    std::string_view after;
    const NumberRead labelled = read_labelled_number(line, h, after);
    if (labelled == NumberRead::rejected ||
        (labelled == NumberRead::none && read_plain_number(line, h, after) != NumberRead::found)) {
        return std::nullopt;
    }
    while (!h.number.empty() && (h.number.back() == '.' || h.number.back() == ':')) {
        h.number.pop_back();
    }
    h.ordinal = h.scheme == Scheme::lettered ? h.number[0] - 'a' + 1
                : h.scheme == Scheme::slash  ? reference_ordinal(h.number)
                                             : leading_number(h.number);
    h.title = first_cell(trim_cells(after));
    // "C101/24      1.         APOLOGIES FOR ABSENCE.": the minute's reference, then the
    // agenda's number in a column of its own, then the title.
    if (const auto rest =
            after.substr(std::min(after.size(), after.find(h.title) + h.title.size()));
        h.title.size() <= 4 && h.title.back() == '.' &&
        all_digits(h.title.substr(0, h.title.size() - 1), 1, 3) && !trim(rest).empty()) {
        h.title = first_cell(trim_cells(rest));
    }
    if (h.title.starts_with("* ")) {
        h.title = trim(h.title.substr(2));  // "106.  * TITLE": a key decision's mark
    }
    if (h.title.empty()) {
        return std::nullopt;
    }
    split_title(h);
    // "248 RESOLVED:-", "249 The following report was submitted:-": a label or a sentence
    // introducing what follows, not a title.
    // ("131. Present:" is a minute that lists who was there.)
    // ("4.Finance Report:" is a short title with a colon, text under it; "7. The Board
    // agreed:" a clause that introduces its points.)
    const bool short_title = split_words(h.title).size() <= 10 && !h.title.ends_with(":-") &&
                             reads_as_title(h.title.substr(0, h.title.size() - 1)) &&
                             !reads_as_clause(h.title);
    const bool introduces = ((h.title.ends_with(":") && !short_title) || h.title.ends_with(":-") ||
                             minutes::is_resolution(h.title)) &&
                            !attendance_label(h.title);
    // After "Item 3 –" the words are a title, however many small words it has.
    const bool labelled_title = h.scheme == Scheme::labelled && !h.title.ends_with(".") &&
                                is_upper(h.title[0]) && split_words(h.title).size() <= 20;
    h.strong = !introduces && (reads_as_title(h.title) || !h.rest.empty() || labelled_title);
    return h;
}

std::optional<Heading> bare_number(std::string_view line) {
    line = trim_cells(line);  // "1. |": a flattened table's number cell
    if (line.empty() || line.size() > 24) {
        return std::nullopt;
    }
    // Reuse the heading reader with a placeholder title.
    const std::string probe = std::string(line) + " X";
    auto h = numbered_heading(probe);
    if (!h || h->scheme == Scheme::roman || h->scheme == Scheme::lettered) {
        return std::nullopt;
    }
    // Only a number with its punctuation: a lone "12" could be a page number.
    const bool punctuated = line.back() == '.' || h->scheme == Scheme::labelled ||
                            h->scheme == Scheme::slash || h->scheme == Scheme::prefixed ||
                            h->scheme == Scheme::decimal;
    if (!punctuated) {
        return std::nullopt;
    }
    h->title = {};
    h->rest = {};
    h->strong = true;
    return h;
}

}  // namespace kpproc::structure::detail

namespace kpproc::structure {

std::optional<std::string> item_number_alone(std::string_view line) {
    if (const auto h = detail::bare_number(line)) {
        return h->number;
    }
    return std::nullopt;
}

}  // namespace kpproc::structure

namespace kpproc::structure::detail {

bool is_capitals_heading(std::string_view line) {
    line = trim(line);
    const auto words = split_words(line);
    if (words.empty() || words.size() > 14 || line.size() > 120 || line.back() == ':') {
        return false;
    }
    const LetterCase c = letter_case(line);
    return c.all_capitals() && c.letters >= 4;
}

}  // namespace kpproc::structure::detail
