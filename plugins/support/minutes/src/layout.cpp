#include "layout.hpp"

#include <algorithm>
#include <unordered_map>

#include "actions.hpp"
#include "attendance.hpp"
#include "header.hpp"
#include "kpproc/dates.hpp"
#include "kpproc/minutes.hpp"
#include "words.hpp"

namespace kpproc::structure::detail {

namespace {

using kpproc::lines::Line;

// "Page 3 of 7", "Page 3", "- 3 -", "3 | Page", a lone page number.
bool is_page_number(std::string_view t) {
    const std::string l = lower(t);
    if (l.starts_with("page ") && split_words(l).size() <= 4 && l.size() < 24) {
        return true;
    }
    std::size_t digits = 0;
    std::size_t other = 0;
    for (const char c : t) {
        digits += is_digit(c) ? 1 : 0;
        other += (is_digit(c) || c == '-' || c == ' ' || c == '|') ? 0 : 1;
    }
    return digits >= 1 && digits <= 3 && other == 0;
}

// A protective marking printed on every page of a police or government document.
bool is_marking(std::string_view t) {
    for (const std::string_view marking :
         {"official", "official-sensitive", "official sensitive", "not protectively marked",
          "restricted", "unclassified", "official - sensitive"}) {
        if (t.size() == marking.size() && starts_with_nocase(t, marking)) {
            return true;
        }
    }
    return false;
}

// A file path or document code a word processor printed in a footer.
bool is_path(std::string_view t) {
    const std::string l = lower(t);
    const bool drive = t.size() > 3 && is_letter(t[0]) && t[1] == ':' && t[2] == '\\';
    const bool file =
        (l.find(".doc") != std::string::npos || l.find(".pdf") != std::string::npos) &&
        (l.find('\\') != std::string::npos || l.find('/') != std::string::npos);
    return drive || file;
}

// Short lines that come back page after page: running headers and footers. Labels, headings
// and resolution words are never furniture, however often they appear.
std::vector<bool> find_furniture(const std::vector<Line>& lines) {
    std::unordered_map<std::string_view, std::size_t> seen;
    for (const auto& line : lines) {
        if (!line.blank() && line.text.size() <= 100) {
            ++seen[line.text];
        }
    }
    std::vector<bool> furniture(lines.size(), false);
    for (std::size_t i = 0; i < lines.size(); ++i) {
        const auto t = lines[i].text;
        if (t.empty()) {
            continue;
        }
        const bool repeated = seen[t] >= 3 && !attendance_label(t) && !minutes::is_resolution(t) &&
                              !numbered_heading(t) && letter_case(t).letters >= 3 &&
                              t.find("Minutes:") == std::string_view::npos;
        furniture[i] = repeated || is_page_number(t) || is_path(t) || is_marking(t) ||
                       t.find('\f') != std::string_view::npos;
    }
    return furniture;
}

struct Candidate {
    std::size_t line = 0;
    std::size_t title_line = 0;
    Heading heading;
};

std::size_t next_content(const std::vector<Line>& lines, const std::vector<bool>& skip,
                         std::size_t i) {
    while (i < lines.size() && (lines[i].blank() || skip[i])) {
        ++i;
    }
    return i;
}

// The content line before line i (within two lines), if any.
std::optional<std::size_t> previous_content(const std::vector<Line>& lines,
                                            const std::vector<bool>& skip, std::size_t i) {
    for (std::size_t k = i; k > 0 && i - k < 3; --k) {
        if (!lines[k - 1].blank() && !skip[k - 1]) {
            return k - 1;
        }
    }
    return std::nullopt;
}

bool next_is_people(const std::vector<Line>& lines, const std::vector<bool>& skip, std::size_t i) {
    const std::size_t j = next_content(lines, skip, i + 1);
    return j < lines.size() && looks_like_people_line(lines[j].text);
}

// The line under a number alone is its title even when it ends with a full stop
// ("Estates Disposal – Former Section Station, Millbridge – Paper – For Decision."), so long
// as it is one phrase with its words capitalised, not a sentence.
bool reads_as_title_under_number(std::string_view t) {
    if (reads_as_title(t)) {
        return true;
    }
    t = lines::trim(t);
    if (t.empty() || t.back() != '.' || t.find(". ") != std::string_view::npos) {
        return false;
    }
    const auto words = split_words(t);
    std::size_t long_words = 0;
    std::size_t capitalised = 0;
    for (const auto w : words) {
        if (w.size() > 3) {
            ++long_words;
            capitalised += is_upper(w[0]) ? 1 : 0;
        }
    }
    return words.size() <= 16 && is_upper(t[0]) && capitalised * 3 >= long_words * 2;
}

std::vector<Candidate> heading_candidates(const std::vector<Line>& lines,
                                          const std::vector<bool>& skip) {
    std::vector<Candidate> out;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        if (lines[i].blank() || skip[i]) {
            continue;
        }
        if (auto h = numbered_heading(lines[i].text)) {
            // "MINUTES" above "248<TAB>RESOLVED:-": the title in capitals sits above the
            // minute's number, which opens its text.
            const auto above = previous_content(lines, skip, i);
            const auto date = dates::find_date(lines[i].text);
            const bool date_line = date && date->begin == 0;  // "28 February 2024, 0930 …"
            if (!h->strong && !date_line && above && is_capitals_heading(lines[*above].text) &&
                !numbered_heading(lines[*above].text) && !attendance_label(lines[*above].text)) {
                h->title = lines[*above].text;
                h->rest = {};
                h->strong = true;
                out.push_back({*above, *above, *h});
                continue;
            }
            out.push_back({i, i, *h});
            continue;
        }
        // The number alone, the title on the next line ("1." / "APOLOGIES").
        if (auto h = bare_number(lines[i].text)) {
            const std::size_t j = next_content(lines, skip, i + 1);
            // The line under the number is its title, even "APOLOGIES", a label elsewhere.
            if (j < lines.size() && j <= i + 2 && reads_as_title_under_number(lines[j].text) &&
                !numbered_heading(lines[j].text)) {
                h->title = trim_cells(lines[j].text);
                out.push_back({i, j, *h});
                i = j;
            }
        }
    }
    return out;
}

// How well a scheme's strong headings read as the record's items: many, in order. Numbered
// paragraphs restart at 1 in every item; item numbers do not.
long scheme_score(const std::vector<Candidate>& candidates, Scheme scheme) {
    long count = 0;
    long restarts = 0;
    long previous = -1;
    for (const auto& c : candidates) {
        if (c.heading.scheme != scheme || !c.heading.strong) {
            continue;
        }
        ++count;
        if (c.heading.ordinal >= 0 && c.heading.ordinal < previous) {
            ++restarts;
        }
        previous = c.heading.ordinal;
    }
    if (count < 2 && !(scheme == Scheme::labelled && count == 1)) {
        return 0;
    }
    const long bonus = scheme == Scheme::labelled || scheme == Scheme::slash ? 2 : 0;
    return count - 3 * restarts + bonus;
}

// "132.1" under "132.": decimal numbers that number the paragraphs of integer items.
bool decimals_number_paragraphs(const std::vector<Candidate>& candidates) {
    long item = -1;
    std::size_t under_item = 0;
    std::size_t decimals = 0;
    for (const auto& c : candidates) {
        if (c.heading.scheme == Scheme::integer && c.heading.strong) {
            item = c.heading.ordinal;
        } else if (c.heading.scheme == Scheme::decimal) {
            ++decimals;
            under_item += c.heading.ordinal == item ? 1 : 0;
        }
    }
    return decimals > 0 && under_item * 2 > decimals;
}

// "4.2 RH challenged the level of …": most decimal numbers open sentences, not titles.
bool decimals_number_sentences(const std::vector<Candidate>& candidates) {
    std::size_t decimals = 0;
    std::size_t sentences = 0;
    for (const auto& c : candidates) {
        if (c.heading.scheme == Scheme::decimal) {
            ++decimals;
            sentences += c.heading.strong ? 0 : 1;
        }
    }
    return sentences >= 2 && sentences * 2 >= decimals;
}

std::optional<Scheme> choose_scheme(const std::vector<Candidate>& candidates) {
    std::optional<Scheme> best;
    long best_score = 0;
    for (const Scheme s : {Scheme::labelled, Scheme::slash, Scheme::prefixed, Scheme::integer,
                           Scheme::decimal, Scheme::roman}) {
        long score = scheme_score(candidates, s);
        if (s == Scheme::decimal && decimals_number_paragraphs(candidates)) {
            score = 0;
        }
        if (score > best_score) {
            best = s;
            best_score = score;
        }
    }
    return best;
}

ItemStart item_from(const Candidate& c) {
    ItemStart s;
    s.line = c.line;
    s.title_line = c.title_line;
    s.number = c.heading.number;
    s.title = c.heading.title;
    s.rest = c.heading.rest;
    return s;
}

// A sub-item's heading under an integer item: a short title alone on its line ("4.1 Budget
// Monitoring", "b. Custody Improvement Plan"), not a numbered paragraph or a resolution's point.
bool reads_as_sub_item(const Heading& h) {
    const auto words = split_words(h.title);
    return reads_as_title(h.title) && h.rest.empty() && !words.empty() && words.size() <= 8 &&
           h.title.back() != '.' && h.title.back() != ';';
}

// "(416) ALDERBY - PF/24/1877 - Erection of four detached dwellings with associated" reads
// like a sentence a PDF wrapped, but between minutes 415 and 417 it can only be minute 416.
bool fills_gap(const std::vector<Candidate>& candidates, std::size_t k, Scheme scheme,
               long previous) {
    const Heading& h = candidates[k].heading;
    // The first item may fill the gap before the second ("1." then a strong "2.").
    const long expected = previous < 0 ? 1 : previous + 1;
    if (h.scheme != scheme || scheme == Scheme::decimal || h.ordinal != expected ||
        h.title.ends_with(".") || h.title.ends_with(":")) {
        return false;
    }
    for (std::size_t next = k + 1; next < candidates.size(); ++next) {
        const Heading& n = candidates[next].heading;
        if (n.scheme == scheme && n.strong) {
            return n.ordinal == h.ordinal + 1;
        }
    }
    return false;
}

// Items of the chosen scheme; under integer items, sub-item headings numbered "4.1" (in the
// item's number) or lettered "a.", "b." (in order from "a") are items too.
std::vector<ItemStart> numbered_items(const std::vector<Candidate>& candidates, Scheme scheme) {
    const bool decimal_paragraphs = decimals_number_sentences(candidates);
    std::vector<ItemStart> items;
    long current = -1;
    long next_letter = 1;
    for (std::size_t k = 0; k < candidates.size(); ++k) {
        const auto& c = candidates[k];
        if (!c.heading.strong && !fills_gap(candidates, k, scheme, current)) {
            continue;
        }
        if (c.heading.scheme == scheme) {
            items.push_back(item_from(c));
            current = c.heading.ordinal;
            next_letter = 1;
            continue;
        }
        if (scheme != Scheme::integer || current < 0 || !reads_as_sub_item(c.heading)) {
            continue;
        }
        // Where decimals number the paragraphs ("4.2 RH challenged …"), a decimal with a
        // title ("6.1 Body worn video replacement") heads a part of its item's minute.
        if (c.heading.scheme == Scheme::decimal && c.heading.ordinal == current &&
            !decimal_paragraphs) {
            items.push_back(item_from(c));
        } else if (c.heading.scheme == Scheme::lettered && c.heading.ordinal == next_letter) {
            items.push_back(item_from(c));
            ++next_letter;
        }
    }
    return items;
}

// Where the record's own title block ends: after its heading ("Minutes of …"), its date line
// or its first list, whichever comes first; else after its first two lines.
std::size_t title_block_end(const std::vector<Line>& lines, const std::vector<bool>& skip) {
    std::size_t content = 0;
    std::size_t fallback = lines.size();
    for (std::size_t i = 0; i < lines.size() && content < 40; ++i) {
        if (lines[i].blank() || skip[i]) {
            continue;
        }
        if (++content == 2) {
            fallback = i + 1;
        }
        const auto t = lines[i].text;
        if (is_record_heading(t) || attendance_label(t) || dates::find_date(t)) {
            return i + 1;
        }
    }
    return std::min(fallback, lines.size());
}

// Without numbers: headings in capitals, past the record's own title block.
std::vector<ItemStart> capitals_items(const std::vector<Line>& lines,
                                      const std::vector<bool>& skip) {
    std::vector<ItemStart> items;
    for (std::size_t i = title_block_end(lines, skip); i < lines.size(); ++i) {
        if (lines[i].blank() || skip[i]) {
            continue;
        }
        const auto t = lines[i].text;
        if (!is_capitals_heading(t) || is_record_heading(t) || minutes::is_resolution(t)) {
            continue;
        }
        // "APOLOGIES FOR ABSENCE" heads an item unless names follow it as a list.
        if (const auto label = attendance_label(t);
            label && (!label->rest.empty() || next_is_people(lines, skip, i))) {
            continue;
        }
        ItemStart s;
        s.line = s.title_line = i;
        s.title = t;
        items.push_back(s);
    }
    return items;
}

// Whether a line closes what came before it: a gap, a sentence's end, a label, or a short line
// that is itself no sentence. A long line running on without a stop is prose wrapped onto the
// next line, and what follows it is the rest of that sentence, not a heading.
bool closes_before(const std::vector<Line>& lines, const std::vector<bool>& skip, std::size_t i) {
    if (i == 0 || lines[i - 1].blank()) {
        return true;
    }
    const auto above = previous_content(lines, skip, i);
    if (!above) {
        return true;
    }
    const auto t = lines::trim(lines[*above].text);
    const char last = t.empty() ? '.' : t.back();
    if (last == '.' || last == ':' || last == '?' || last == '!' || last == ';' || last == ')') {
        return true;
    }
    return last != ',' && !t.ends_with(" and") && t.size() <= 60;
}

// Whether line j reads as the first line of an item's text: a sentence, or a long line of prose,
// or a date ("Date of next meeting" / "7 November 2022").
bool opens_prose(std::string_view t) {
    t = lines::trim(t);
    if (t.empty() || looks_like_people_line(t) || attendance_label(t)) {
        return false;
    }
    if (const auto date = dates::find_date(t); date && date->begin == 0) {
        return true;
    }
    const char last = t.back();
    return last == '.' || last == '?' || last == ':' || t.size() >= 60;
}

// A heading by its shape alone: a short line that starts with a capital and ends without a
// sentence's punctuation, after a closed line and above the first line of its text. Boards'
// notes often head their items this way, without numbers or capitals.
bool is_shape_heading(const std::vector<Line>& lines, const std::vector<bool>& skip,
                      std::size_t i) {
    const auto t = lines::trim(lines[i].text);
    const auto words = split_words(t);
    if (words.empty() || words.size() > 10 || t.size() > 80 || !reads_as_title(t)) {
        return false;
    }
    const char last = t.back();
    if (last == '.' || last == ',' || last == ';' || last == ':' || last == '?') {
        return false;
    }
    // "Minutes of the previous meeting" heads an item; "Minutes of the meeting held on 3 May"
    // opens another record.
    if ((is_record_heading(t) && (dates::find_date(t) || t.find(" held") != t.npos)) ||
        minutes::is_resolution(t) || (attendance_label(t) && next_is_people(lines, skip, i))) {
        return false;
    }
    // A name under a label or under another name is a list's line ("Immediate and urgent
    // items" reads like two names, but not after a sentence).
    // (A gap of blank lines ends a list.)
    if (const auto above = previous_content(lines, skip, i);
        looks_like_people_line(t) && !lines[i - 1].blank() &&
        (!above || attendance_label(lines[*above].text) ||
         looks_like_people_line(lines[*above].text))) {
        return false;
    }
    if (action_label(t)) {
        return false;  // "Action: Kirsty Ogilvie", right-aligned under its paragraph
    }
    const std::size_t j = next_content(lines, skip, i + 1);
    return j < lines.size() && closes_before(lines, skip, i) && opens_prose(lines[j].text);
}

// Without numbers or capitals: headings known by their shape, when a record has several.
std::vector<ItemStart> shape_items(const std::vector<Line>& lines, const std::vector<bool>& skip) {
    std::vector<ItemStart> items;
    for (std::size_t i = title_block_end(lines, skip); i < lines.size(); ++i) {
        if (lines[i].blank() || skip[i] || !is_shape_heading(lines, skip, i)) {
            continue;
        }
        ItemStart s;
        s.line = s.title_line = i;
        s.title = lines::trim(lines[i].text);
        items.push_back(s);
    }
    if (items.size() < 3) {
        items.clear();  // one or two such lines are as likely a paragraph's short last line
    }
    return items;
}

bool is_table_header_cell(std::string_view t) {
    const std::string l = lower(t);
    for (const std::string_view cell : {"name", "representing", "role", "organisation", "position",
                                        "title", "attended", "job title", "post"}) {
        if (l == cell) {
            return true;
        }
    }
    return false;
}

bool under_membership_heading(const std::vector<Line>& lines, std::size_t i) {
    for (std::size_t k = i; k-- > 0 && i - k <= 12;) {
        if (starts_with_nocase(lines::trim(lines[k].text), "membership")) {
            return true;
        }
    }
    return false;
}

// The label of a list on line i: the line itself, or the title of a numbered item ("131.
// Present:").
std::optional<AttendanceLabel> label_at(const std::vector<Line>& lines, const Layout& layout,
                                        std::size_t i) {
    const long item = layout.item_at_line[i];
    if (item >= 0 && layout.items[static_cast<std::size_t>(item)].title_line == i) {
        const ItemStart& start = layout.items[static_cast<std::size_t>(item)];
        std::string_view title = start.title;
        while (!title.empty() && title.back() == '.') {
            title.remove_suffix(1);  // "APOLOGIES FOR ABSENCE."
        }
        auto label = attendance_label(title);
        // "1.Apologies: K. Linklater; T. Wylie": the names run in after the title.
        if (label && label->rest.empty() && !start.rest.empty()) {
            label->rest = start.rest;
        }
        return label;
    }
    if (auto label = attendance_label(lines[i].text)) {
        return label;
    }
    // Before the first item, "Police: A Smith, B Jones" lists people under their group, unless
    // it is an agenda's list of the members ("Membership (19)" above it).
    if ((layout.items.empty() || i < layout.items.front().line) &&
        !under_membership_heading(lines, i)) {
        return group_prefixed_list(lines[i].text);
    }
    return std::nullopt;
}

// The lines of the list a label opens: people-like lines, across single blank lines.
// Reads the lines of one attendance list, from its label down, a line at a time.
class ListScanner {
public:
    ListScanner(const std::vector<Line>& lines, const Layout& layout, std::size_t label_line,
                std::string_view first)
        : lines_(lines),
          layout_(layout),
          first_(first),
          last_(first),
          last_line_(label_line),
          open_brackets_(bracket_balance(first)) {}

    // Reads on from the label; false once the list has ended.
    void scan() {
        for (std::size_t j = last_line_ + 1; j < lines_.size(); ++j) {
            if (!step(j)) {
                break;
            }
        }
    }

    std::optional<ListBlock> block(std::size_t label_line, const std::string& group) const {
        if (first_.empty()) {
            return std::nullopt;  // a heading that happens to be a label word, not a list
        }
        const auto length = static_cast<std::size_t>(last_.data() + last_.size() - first_.data());
        return ListBlock{label_line, last_line_, group, std::string_view(first_.data(), length)};
    }

private:
    // Line j: skipped, taken into the list, or the end of it (false).
    bool step(std::size_t& j) {
        if (layout_.furniture[j]) {
            return true;
        }
        const auto t = lines_[j].text;
        if (t.empty()) {
            return ++blanks_ <= 6;  // converters put a few blank lines between names
        }
        if (passes_over(j, t)) {
            return true;
        }
        if (attendance_label(t)) {
            return false;  // "Officers": a list of its own
        }
        // "Mrs T M Okafor-Brown (Vice" / "Chairman), Mr D Aylward, …": inside a bracket.
        if (open_brackets_ > 0 && blanks_ == 0) {
            take(j, t);
            return true;
        }
        if (heads_a_group(j, t)) {
            return true;
        }
        const bool continues = continues_last(t);
        if (!continues && is_post_under_name(j, t)) {
            take_only(j, t);
            return true;
        }
        if (layout_.is_item_line(j) || is_record_heading(t) || minutes::is_resolution(t) ||
            (!continues && !looks_like_people_line(t)) || (blanks_ > 0 && continues)) {
            return false;  // (a list that ended with a comma does not go on after a gap)
        }
        take(j, t);
        return true;
    }

    // A group's label inside a list, with names under it: "Chief Executive's:", a label broken
    // over two lines ("Housing and" / "Communities:").
    bool is_sub_label(std::size_t j, std::string_view t) const {
        const bool label =
            t.ends_with(":") && split_words(t).size() <= 5 && t.find(',') == std::string_view::npos;
        const bool broken = t.ends_with(" and") && split_words(t).size() <= 4 &&
                            j + 1 < lines_.size() && lines_[j + 1].text.ends_with(":");
        if ((!label && !broken) || attendance_label(t) || layout_.is_item_line(j) ||
            (broken && attendance_label(lines_[j + 1].text))) {
            return false;  // "Apologies:": a list of its own
        }
        const std::size_t k = next_content(lines_, layout_.furniture, j + 1);
        const std::size_t below = broken ? next_content(lines_, layout_.furniture, k + 1) : k;
        return below < lines_.size() && looks_like_people_line(lines_[below].text);
    }

    // Lines inside a list that name nobody: fillers, a table's header and rule, a plural
    // title alone.
    bool passes_over(std::size_t j, std::string_view t) {
        // "Three members of the public": present, but nobody to name; the list goes on.
        if (is_filler_line(t) && !attendance_label(t)) {
            // The post under the list's last name ("Chief Executive, OPCC Westmarch") is its.
            const bool closes_list = j + 1 >= lines_.size() || lines_[j + 1].blank();
            if (!first_.empty() && last_line_ + 1 == j && closes_list &&
                looks_like_people_line(last_)) {
                take_only(j, t);
            }
            return true;
        }
        // "Name" / "Representing": a table's header, one cell to a line, above its rows;
        // "---|---|": the rule under a Markdown table's header row.
        if ((first_.empty() && is_table_header_cell(t)) ||
            t.find_first_not_of("-|: ") == std::string_view::npos) {
            return true;
        }
        // "Councillors" alone heads the names under it: the list goes on; so does a short
        // group's label inside the list ("Chief Executive's:", "Housing and" / "Communities:").
        if ((split_words(t).size() == 1 && is_plural_title(t)) || is_sub_label(j, t)) {
            blanks_ = 0;
            return true;
        }
        return false;
    }

    // A line naming a group, with people under it, goes on with the list.
    bool heads_a_group(std::size_t j, std::string_view t) const {
        if (first_.empty() || !is_group_heading(t)) {
            return false;
        }
        const std::size_t k = next_content(lines_, layout_.furniture, j + 1);
        return k < lines_.size() && looks_like_people_line(lines_[k].text);
    }

    // The last line left the list open: a comma, "and", or a post's last word wrapped onto
    // this line ("Craig Heseltine, Schools Funding" / "Manager; Yasmin Iqbal, …").
    bool continues_last(std::string_view t) const {
        const auto first_word = split_words(t.substr(0, t.find_first_of(",;")));
        const bool wrapped_post = first_word.size() == 1 && is_role_or_body_word(first_word[0]) &&
                                  t.find_first_of(",;") != std::string_view::npos;
        return !last_.empty() && (last_.back() == ',' || last_.ends_with(" and") ||
                                  (wrapped_post && last_.back() != '.'));
    }

    // "DPCC Hugh Tennant" / "Severnshire" / "DCC Martina Kovacs": a person's body or post on
    // the line under their name, another name (or the list's end) under it.
    bool is_post_under_name(std::size_t j, std::string_view t) const {
        // (A second line of it may follow: "(Chair)" / "Marshfield District Council".)
        const auto name_or_end_at = [&](std::size_t k) {
            return k >= lines_.size() || lines_[k].blank() ||
                   looks_like_people_line(lines_[k].text);
        };
        const bool name_or_end_below =
            name_or_end_at(j + 1) ||
            (last_line_ + 1 + blanks_ == j && name_or_end_at(j + 2) &&
             !looks_like_people_line(lines_[j + 1].text) && lines_[j + 1].text.size() <= 60);
        return !looks_like_people_line(t) && last_line_ + 1 + blanks_ == j &&
               looks_like_people_line(last_) && name_or_end_below && !layout_.is_item_line(j) &&
               !is_record_heading(t) && !minutes::is_resolution(t) && t.size() <= 80 &&
               t.back() != '.' && split_words(t).size() <= 8;
    }

    void take_only(std::size_t j, std::string_view t) {
        last_ = t;
        last_line_ = j;
    }

    void take(std::size_t& j, std::string_view t) {
        first_ = first_.empty() ? t : first_;
        take_only(j, t);
        blanks_ = 0;
        // "F Rusk (Substitute for" / "Councillor G Ellery), …": a bracket left open goes on.
        open_brackets_ += bracket_balance(t);
        while (open_brackets_ > 0 && j + 1 < lines_.size() && !lines_[j + 1].blank()) {
            take_only(j + 1, lines_[j + 1].text);
            ++j;
            open_brackets_ += bracket_balance(last_);
        }
    }

    static long bracket_balance(std::string_view t) {
        return std::count(t.begin(), t.end(), '(') - std::count(t.begin(), t.end(), ')');
    }

    const std::vector<Line>& lines_;
    const Layout& layout_;
    std::string_view first_;
    std::string_view last_;
    std::size_t last_line_;
    std::size_t blanks_ = 0;
    long open_brackets_;  // brackets opened on the list's lines and not yet closed
};

std::optional<ListBlock> list_after(const std::vector<Line>& lines, const Layout& layout,
                                    std::size_t i, const AttendanceLabel& label) {
    std::string_view first = label.rest;
    if (starts_with_nocase(first, "apolog")) {
        first = apologies_sentence(first).value_or(std::string_view{});
    }
    ListScanner scanner(lines, layout, i, first);
    scanner.scan();
    return scanner.block(i, label.group);
}

std::vector<ListBlock> find_lists(const std::vector<Line>& lines, const Layout& layout) {
    std::vector<ListBlock> out;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        if (lines[i].blank() || layout.furniture[i]) {
            continue;
        }
        const auto label = label_at(lines, layout, i);
        if (!label) {
            continue;
        }
        if (auto block = list_after(lines, layout, i, *label)) {
            i = block->last;
            out.push_back(std::move(*block));
        }
    }
    return out;
}

// "Declaration of Interests (Item 1)": an unnumbered title that names its agenda item.
bool is_referenced_heading(std::string_view t) {
    t = lines::trim(t);
    if (t.empty() || t.back() != ')' || t.size() > 120) {
        return false;
    }
    const auto open = t.rfind('(');
    if (open == std::string_view::npos || open == 0) {
        return false;
    }
    const auto inside = t.substr(open + 1, t.size() - open - 2);
    const bool item_ref =
        starts_with_nocase(inside, "item ") || starts_with_nocase(inside, "agenda item ");
    return item_ref && inside.find_first_of("0123456789") != std::string_view::npos &&
           reads_as_title(lines::trim(t.substr(0, open))) && !numbered_heading(t);
}

// Adds the referenced headings a numbered layout left out, in line order.
void add_referenced_headings(const std::vector<Line>& lines, Layout& layout) {
    std::vector<ItemStart> added;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        if (layout.furniture[i] || !is_referenced_heading(lines[i].text)) {
            continue;
        }
        const bool known = std::any_of(layout.items.begin(), layout.items.end(),
                                       [&](const ItemStart& s) { return s.title_line == i; });
        if (!known) {
            ItemStart s;
            s.line = s.title_line = i;
            s.title = lines::trim(lines[i].text);
            added.push_back(s);
        }
    }
    if (added.empty()) {
        return;
    }
    layout.items.insert(layout.items.end(), added.begin(), added.end());
    std::sort(layout.items.begin(), layout.items.end(),
              [](const ItemStart& a, const ItemStart& b) { return a.line < b.line; });
}

}  // namespace

Layout analyse(const std::vector<Line>& lines) {
    Layout layout;
    layout.furniture = find_furniture(lines);
    const auto candidates = heading_candidates(lines, layout.furniture);
    if (const auto scheme = choose_scheme(candidates)) {
        layout.items = numbered_items(candidates, *scheme);
    } else {
        layout.items = capitals_items(lines, layout.furniture);
        if (layout.items.size() < 2) {
            if (auto by_shape = shape_items(lines, layout.furniture); !by_shape.empty()) {
                layout.items = std::move(by_shape);
            }
        }
    }
    add_referenced_headings(lines, layout);
    layout.item_at_line.assign(lines.size(), -1);
    for (std::size_t k = 0; k < layout.items.size(); ++k) {
        layout.item_at_line[layout.items[k].line] = static_cast<long>(k);
        layout.item_at_line[layout.items[k].title_line] = static_cast<long>(k);
    }
    layout.lists = find_lists(lines, layout);
    layout.top_end =
        layout.items.empty() ? std::min<std::size_t>(lines.size(), 40) : layout.items.front().line;
    return layout;
}

}  // namespace kpproc::structure::detail
