#include "moderngov_text.hpp"

#include <algorithm>
#include <cctype>
#include <initializer_list>
#include <iterator>
#include <optional>
#include <string>
#include <vector>

#include "kpproc/dates.hpp"
#include "kpproc/lines.hpp"
#include "kpproc/minutes.hpp"
#include "kpproc/structure/record.hpp"
#include "kpproc/text.hpp"
#include "moderngov_attendance.hpp"
#include "moderngov_decisions.hpp"
#include "moderngov_minutes.hpp"
#include "moderngov_rows.hpp"

namespace kpproc::moderngov {

namespace {

using lines::Line;

bool starts_with(std::string_view s, std::string_view p) {
    return s.substr(0, p.size()) == p;
}
bool ends_with(std::string_view s, std::string_view p) {
    return s.size() >= p.size() && s.substr(s.size() - p.size()) == p;
}
bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

}  // namespace

// "• Agenda and minutes" -> "Agenda and minutes".
std::string_view strip_bullet(std::string_view s) {
    for (const std::string_view bullet : {"\xE2\x80\xA2", "\xC2\xB7"}) {
        if (starts_with(s, bullet)) {
            return lines::trim(s.substr(bullet.size()));
        }
    }
    return s;
}

namespace {

// The Welsh interface's headings (LLL=1 pages): "Agenda a chofnodion" (agenda and minutes), "Agenda
// a phenderfyniadau" (and decisions), "Eitem agenda" (agenda item), "Manylion y penderfyniad".
bool is_welsh_page_heading(std::string_view s) {
    return s == "Agenda a chofnodion" || s == "Agenda a chofnodion drafft" ||
           s == "Agenda a phenderfyniadau" || s == "Cofnodion" || s == "Penderfyniadau" ||
           s == "Eitem agenda" || s == "Manylion y penderfyniad";
}

}  // namespace

bool is_page_heading(std::string_view s) {
    s = strip_bullet(s);
    return s == "Agenda and minutes" || s == "Agenda and decisions" ||
           s == "Agenda and draft minutes" || s == "Agenda" || s == "Minutes" || s == "Decisions" ||
           s == "Agenda item" || s == "Issue - meetings" || s == "Issue - decisions" ||
           s == "Agenda, decisions and minutes" || s == "Decision details" ||
           is_welsh_page_heading(s);
}

namespace {

// Lines of the page's furniture that carry no content.
bool is_furniture(std::string_view s) {
    s = strip_bullet(s);
    return s == "Media" || s == "Items" || s == "No. Item" || s == "No." || s == "Item" ||
           s == "Share this item" || s == "View directions" || s == "Additional documents:" ||
           // The same furniture on a Welsh page: items, item number, additional documents.
           s == "Eitemau" || s == "Rhif eitem" || s == "Dogfennau ychwanegol:" ||
           s == "Rhannu'r eitem hon" || s == "Gweld y cyfarwyddiadau" ||
           starts_with(s, "View the decision for item") || starts_with(s, "Printed minutes") ||
           starts_with(s, "Printed decisions") || starts_with(s, "Agenda reports pack") ||
           starts_with(s, "Printed agenda") || starts_with(s, "This is a default template") ||
           starts_with(s, "The custom branding should be at") || starts_with(s, "Technical Error:");
}

// "312.", "39/20", "4.1", "4a.", "C 08/042": an item-number cell as ModernGov writes it.
bool is_table_number(std::string_view s) {
    if (s.empty() || s.size() > 12) {
        return false;
    }
    if (s.back() == '.') {
        s.remove_suffix(1);
    }
    std::size_t pos = 0;
    // Optional letter prefix: "C 08/042".
    // "A1", "B12": a section letter before the number.
    if (pos < s.size() && std::isupper(static_cast<unsigned char>(s[pos])) && s.size() >= 2 &&
        (s[1] == ' ' || is_digit(s[1]))) {
        pos = s[1] == ' ' ? 2 : 1;
    }
    const std::size_t digits_start = pos;
    while (pos < s.size() && is_digit(s[pos])) {
        ++pos;
    }
    if (pos == digits_start || pos - digits_start > 4) {
        return false;
    }
    if (pos == s.size()) {
        return true;
    }
    if (std::islower(static_cast<unsigned char>(s[pos])) && pos + 1 == s.size()) {
        return true;  // "4a"
    }
    // "/20", ".1", ".1.2"
    while (pos < s.size() && (s[pos] == '/' || s[pos] == '.')) {
        ++pos;
        const std::size_t group = pos;
        while (pos < s.size() && is_digit(s[pos])) {
            ++pos;
        }
        if (pos == group || pos - group > 4) {
            return false;
        }
    }
    return pos == s.size();
}

// An item-number cell on a line of its own: ModernGov's forms, and a reference in any scheme
// minutes use ("24-25/FRA/15", a fire authority's year, code and running number).
bool is_item_number(std::string_view s) {
    return is_table_number(s) ||
           (s.find('/') != std::string_view::npos && structure::item_number_alone(s));
}

// A table cell as Markdown writes it: "| **Title** [PDF 110 KB](documents/x.pdf)" is "Title".
std::string_view markdown_cell(std::string_view cell) {
    while (cell.starts_with("|") || cell.ends_with("|")) {
        cell =
            lines::trim(cell.starts_with("|") ? cell.substr(1) : cell.substr(0, cell.size() - 1));
    }
    if (const auto link = cell.find(" [");
        link != std::string_view::npos && cell.find("](", link) != std::string_view::npos) {
        cell = lines::trim(cell.substr(0, link));  // a link to the item's report
    }
    while (cell.starts_with("**") && cell.ends_with("**") && cell.size() > 4) {
        cell = lines::trim(cell.substr(2, cell.size() - 4));
    }
    return cell;
}

// "1<TAB>Apologies for Absence", "C 24/195    Minutes of …": the number cell and the title cell
// of the item table on one line, as a text rendering that keeps the table's columns gives
// them. A tab or a run of spaces separates the cells; numbered paragraphs have one space.
std::optional<std::pair<std::string_view, std::string_view>> number_and_title(std::string_view s) {
    const auto gap = s.find_first_of(" \t");
    if (gap == std::string_view::npos || gap == 0) {
        return std::nullopt;
    }
    std::size_t number_end = gap;
    // "C 24/195": a letter, a space, the number.
    if (gap == 1 && std::isupper(static_cast<unsigned char>(s[0])) && s[1] == ' ') {
        number_end = s.find_first_of(" \t", 2);
        if (number_end == std::string_view::npos) {
            return std::nullopt;
        }
    }
    const std::string_view number = s.substr(0, number_end);
    const std::string_view after = s.substr(number_end);
    // "1. | **Welcome**": the cells of a table converted to Markdown, where the number cell
    // keeps its full stop ("2023/24 | Adult social care" is a row of figures).
    const bool pipe = number.ends_with(".") && lines::trim(after).starts_with("|");
    const bool cell_gap = !after.empty() && (after[0] == '\t' || after.starts_with("  ") || pipe);
    // Most lines of a page are prose: their first word is no number cell, and the rest of the
    // line need not be read.
    if (!cell_gap || !is_item_number(number)) {
        return std::nullopt;
    }
    std::string_view title = markdown_cell(lines::trim(after));
    // CMIS: "4<TAB>ACTION NOTES - 20 FEBRUARY 2024<TAB>Action Notes … (PDF, 140KB)", the
    // documents in a third cell.
    if (const auto tab = title.find('\t'); tab != std::string_view::npos) {
        title = lines::trim(title.substr(0, tab));
    }
    // "1.     That the Panel continue to receive …": a resolution's numbered point, no item.
    if (!is_item_number(number) || !cell_gap || title.empty() || title.back() == '.' ||
        !(std::isupper(static_cast<unsigned char>(title[0])) || is_digit(title[0])) ||
        minutes::is_resolution(title) || title.starts_with("That ") || title.starts_with("THAT ")) {
        return std::nullopt;
    }
    return std::make_pair(number, title);
}

std::string item_number_value(std::string_view s) {
    if (!s.empty() && s.back() == '.') {
        s.remove_suffix(1);
    }
    return std::string(s);
}

// The labelled fields of a decision page after its decision: "Reasons for the decision:",
// "Alternative options considered:", "Publication date: 13/09/2024", "Report author: …".
bool ends_decision(std::string_view s) {
    const auto colon = s.find(':');
    if (colon == std::string_view::npos || colon > 60 ||
        s.substr(0, colon).find('.') != std::string_view::npos) {
        return false;
    }
    const std::string label = text::to_lower_ascii(s.substr(0, colon));
    if (label.starts_with("resolved") || label.starts_with("agreed") ||
        label.starts_with("decision")) {
        return false;
    }
    for (const std::string_view field :
         {"reason", "alternative", "interests", "report author", "publication date",
          "date of decision", "decided at meeting", "effective from", "accompanying documents",
          "lead officer", "wards affected", "decision maker", "purpose", "contact",
          "subject to call-in", "call-in", "consultees", "background papers"}) {
        if (label.starts_with(field)) {
            return true;
        }
    }
    return false;
}

// "Part I", "PART II", "Part 2 - Exempt Items", "Part A - Procedural Items": the separator rows
// between a meeting's kinds of business; they begin a section for the items after them.
bool is_part_separator(std::string_view s) {
    if (!(starts_with(s, "Part ") || starts_with(s, "PART ")) || s.size() > 80) {
        return false;
    }
    std::string_view rest = s.substr(5);
    for (const std::string_view numeral : {"III", "II", "I", "3", "2", "1", "A", "B", "C", "D"}) {
        if (starts_with(rest, numeral)) {
            rest.remove_prefix(numeral.size());
            return rest.empty() || rest[0] == ' ' || rest[0] == ':' || rest[0] == '-' ||
                   rest[0] == '.';
        }
    }
    return false;
}

// "Meeting: 05/02/2024 - Kent and Medway Police and Crime Panel (Item 5)": one entry of an
// issue's history (ieIssueDetails.aspx). Returns the item number at that meeting ("" if none).
std::optional<std::string> issue_meeting_entry(std::string_view s) {
    if (!starts_with(s, "Meeting:") || !dates::find_date(s)) {
        return std::nullopt;
    }
    const auto open = s.rfind("(Item ");
    if (open == std::string_view::npos || s.back() != ')') {
        return std::string();
    }
    return std::string(lines::trim(s.substr(open + 6, s.size() - open - 7)));
}

enum class Label { none, minutes, decision, supporting_documents };

// The labels of an item's blocks, in English and on Welsh pages ("Cofnodion:" minutes,
// "Penderfyniad:" decision, "Dogfennau ategol:" supporting documents).
Label label_of(std::string_view s) {
    if (s == "Minutes:" || s == "Minutes" || s == "Cofnodion:") {
        return Label::minutes;
    }
    if (s == "Decision:" || s == "Decisions:" || s == "Penderfyniad:") {
        return Label::decision;
    }
    if (s == "Supporting documents:" || s == "Background documents:" || s == "Dogfennau ategol:") {
        return Label::supporting_documents;
    }
    return Label::none;
}

struct DocumentSuffix {
    std::string_view title;  // without the suffix
    DocumentRef document;
};

// "Minutes of … 2019 pdf icon PDF 145 KB" -> title and {PDF, 145}; a Welsh page writes the
// icon's alt text "pdf eicon".
std::optional<DocumentSuffix> document_suffix(std::string_view s) {
    std::size_t at = s.rfind(" pdf icon ");
    std::size_t type_at = at == std::string_view::npos ? std::string_view::npos : at + 10;
    if (at == std::string_view::npos) {
        at = s.rfind(" pdf eicon ");
        type_at = at == std::string_view::npos ? std::string_view::npos : at + 11;
    }
    if (at == std::string_view::npos) {
        // Without the icon's alt text: "… PDF 145 KB".
        at = s.rfind(" PDF ");
        type_at = at == std::string_view::npos ? at : at + 1;
    }
    if (at == std::string_view::npos) {
        return std::nullopt;
    }
    std::string_view rest = s.substr(type_at);
    const auto space = rest.find(' ');
    if (space == std::string_view::npos) {
        return std::nullopt;
    }
    const std::string_view type = rest.substr(0, space);
    rest = lines::trim(rest.substr(space + 1));
    std::size_t pos = 0;
    double size = 0;
    bool any = false;
    while (pos < rest.size() && (is_digit(rest[pos]) || rest[pos] == '.')) {
        any = true;
        ++pos;
    }
    if (!any) {
        return std::nullopt;
    }
    try {
        size = std::stod(std::string(rest.substr(0, pos)));
    } catch (...) {
        return std::nullopt;
    }
    const std::string_view unit = lines::trim(rest.substr(pos));
    if (unit == "MB") {
        size *= 1024;
    } else if (unit != "KB") {
        return std::nullopt;
    }
    DocumentSuffix out;
    out.title = lines::trim(s.substr(0, at));
    out.document.type = std::string(type == "pdf" ? "PDF" : type);
    out.document.size_kb = size;
    return out;
}

// "DISPOSAL OF LAND AT FERRY LANE - Exempt": older pages flag a private item after its title;
// the flag is the item's status, not words of its title.
std::string_view without_exempt_flag(std::string_view title) {
    for (const std::string_view flag : {" - Exempt", " - EXEMPT", " \xE2\x80\x93 Exempt"}) {
        if (title.size() > flag.size() + 1 && title.ends_with(flag)) {
            return lines::trim(title.substr(0, title.size() - flag.size()));
        }
    }
    return title;
}

// "None.", "N/A": a "Decision:" block for an item that decided nothing.
bool is_no_decision(std::string_view s) {
    const std::string l = text::to_lower_ascii(lines::trim(s));
    return l == "none" || l == "none." || l == "n/a" || l == "nil" || l == "nil." ||
           l == "not applicable" || l == "not applicable.";
}

// The words of a resolution, folded, to tell one outcome written twice.
std::vector<std::string> folded_words(std::string_view s) {
    std::vector<std::string> words;
    std::string word;
    for (const char c : s) {
        if (std::isalnum(static_cast<unsigned char>(c)) != 0) {
            word += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        } else if (!word.empty()) {
            words.push_back(std::move(word));
            word.clear();
        }
    }
    if (!word.empty()) {
        words.push_back(std::move(word));
    }
    std::sort(words.begin(), words.end());
    words.erase(std::unique(words.begin(), words.end()), words.end());
    return words;
}

bool same_outcome(std::string_view a, std::string_view b) {
    const auto wa = folded_words(a);
    const auto wb = folded_words(b);
    std::vector<std::string> common;
    std::set_intersection(wa.begin(), wa.end(), wb.begin(), wb.end(), std::back_inserter(common));
    const std::size_t all = wa.size() + wb.size() - common.size();
    // "Cabinet RESOLVED that …" under "Decision:" and "RESOLVED that …" under "Minutes:" differ
    // by a word or two; two outcomes of one item differ by far more.
    return all > 0 && 20 * common.size() >= 17 * all;
}

// An item with both a "Decision:" and a "Minutes:" block states its outcome in each: the
// outcome is one resolution, kept where it came first.
void drop_repeated_resolutions(Item& item) {
    std::vector<Resolution> kept;
    for (auto& r : item.resolutions) {
        const bool repeated = std::any_of(kept.begin(), kept.end(), [&](const Resolution& k) {
            return same_outcome(k.text, r.text);
        });
        if (!repeated) {
            kept.push_back(std::move(r));
        }
    }
    item.resolutions = std::move(kept);
}

// " ...  view the full minutes text for item 316." ending a paragraph.
std::optional<std::size_t> truncation_marker(std::string_view s) {
    const auto at = s.rfind("view the full minutes text for item");
    if (at == std::string_view::npos) {
        return std::nullopt;
    }
    std::size_t cut = at;
    while (cut > 0 && (s[cut - 1] == ' ' || s[cut - 1] == '.' || s[cut - 1] == '\xA0' ||
                       s[cut - 1] == '\xC2' || s[cut - 1] == '\xA6' || s[cut - 1] == '\x80' ||
                       s[cut - 1] == '\xE2')) {
        --cut;  // the " ... " or "…" before the link text
    }
    return cut;
}

// The value after a label that starts `s`, in any of `labels`, or nullopt.
std::optional<std::string_view> labelled_value(std::string_view s,
                                               std::initializer_list<std::string_view> labels) {
    for (const std::string_view label : labels) {
        if (starts_with(s, label)) {
            return lines::trim(s.substr(label.size()));
        }
    }
    return std::nullopt;
}

// "Venue: …" and "Contact: …" of a meeting's header; "Lleoliad:" and "Cyswllt:" in Welsh.
std::optional<std::string_view> venue_value(std::string_view s) {
    return labelled_value(s, {"Venue:", "Venue :", "Lleoliad:"});  // "Venue :" on older pages
}
std::optional<std::string_view> contact_value(std::string_view s) {
    return labelled_value(s, {"Contact:", "Cyswllt:"});
}

// Whether `s` names a meeting's body: a cabinet, council, committee, board, panel, ….
bool names_a_meeting_body(std::string_view s) {
    const std::string l = text::to_lower_ascii(s);
    for (const std::string_view w : {"cabinet", "council", "committee", "board", "panel",
                                     "executive", "sub-committee", "authority"}) {
        if (l.find(w) != std::string::npos) {
            return true;
        }
    }
    return false;
}

class PageParser {
public:
    explicit PageParser(Document& doc) : doc_(doc), text_(doc.text) {
        PageLines page = page_lines(doc.text);
        lines_ = std::move(page.lines);
        row_starts_ = std::move(page.row_starts);
        items_end_ = lines_.size();
        agenda_before_meeting_ = agenda_before_meeting();
    }

    void run() {
        const std::vector<std::size_t> starts = item_starts();
        read_header(starts.empty() ? lines_.size() : starts.front());
        for (std::size_t k = 0; k < starts.size(); ++k) {
            const std::size_t end = k + 1 < starts.size() ? starts[k + 1] : items_end_;
            read_item(starts[k], end);
        }
    }

private:
    // ---- Finding items ----

    // Item rows begin at a number cell, or — on a single-item page, or a page without numbers —
    // at the title line before the labels.
    std::vector<std::size_t> item_starts() const {
        std::vector<std::size_t> starts;
        // An issue's history: one entry per meeting that considered it.
        for (std::size_t i = 0; i < lines_.size(); ++i) {
            if (issue_meeting_entry(lines_[i].text)) {
                starts.push_back(i);
            }
        }
        if (!starts.empty()) {
            return starts;
        }
        if (!row_starts_.empty()) {
            return row_starts_;  // a collapsed item table: one row, one item
        }
        if (auto index = agenda_index_lines(); !index.empty()) {
            return index;
        }
        // CMIS: "1 Title" agenda lines counting up, the minute's own number alone under each
        // description. The agenda's numbers are the items'; the minute numbers are not rows.
        if (auto counted = counted_item_lines(); minute_numbers_under(counted)) {
            counted_items_ = true;
            return counted;
        }
        bool numbered = false;
        for (std::size_t i = 0; i < lines_.size(); ++i) {
            if ((is_item_number(lines_[i].text) && next_content_is_title(i)) ||
                number_and_title(lines_[i].text)) {
                starts.push_back(i);
                numbered = true;
            }
        }
        if (numbered) {
            if (const auto row = unnumbered_first_row(starts.front())) {
                starts.insert(starts.begin(), *row);
            }
            return starts;
        }
        starts = counted_item_lines();
        if (!starts.empty()) {
            counted_items_ = true;
            return starts;
        }
        starts = labelled_item_titles();
        if (starts.empty()) {
            // Rows apart by three blank lines; else, as an agenda page before its meeting
            // gives them, by two, one blank line parting the blocks within a row.
            starts = blank_separated_rows(3);
            if (starts.empty()) {
                starts = blank_separated_rows(2);
            }
        }
        if (starts.empty()) {
            if (const auto title = single_item_title()) {
                starts.push_back(*title);
            }
        }
        return starts;
    }

    // No numbers: each "Minutes:"/"Decision:" label belongs to the nearest title above it.
    std::vector<std::size_t> labelled_item_titles() const {
        std::vector<std::size_t> starts;
        for (std::size_t i = 0; i < lines_.size(); ++i) {
            if (label_of(lines_[i].text) == Label::none ||
                label_of(lines_[i].text) == Label::supporting_documents) {
                continue;
            }
            std::optional<std::size_t> title = title_above(i);
            if (title && (starts.empty() || *title > starts.back())) {
                starts.push_back(*title);
            }
        }
        return starts;
    }

    // CeListDocuments, ModernGov's older meeting page: under "Index to Agendas" the items as a
    // numbered list ("1. MINUTES") counting up from 1; the page's document packs and printed
    // minutes follow the list and belong to no item.
    std::vector<std::size_t> agenda_index_lines() const {
        const auto heading = std::find_if(lines_.begin(), lines_.end(), [](const Line& l) {
            return strip_bullet(l.text) == "Index to Agendas";
        });
        std::vector<std::size_t> starts;
        for (auto i = static_cast<std::size_t>(heading - lines_.begin()) + 1; i < lines_.size();
             ++i) {
            const auto marker = lines::parse_marker(lines_[i].text);
            if (lines_[i].blank() && starts.empty()) {
                continue;
            }
            if (!marker || marker->number != std::to_string(starts.size() + 1)) {
                items_end_ = i;
                break;
            }
            starts.push_back(i);
        }
        index_items_ = !starts.empty();
        return starts;
    }

    // A row above the first numbered one that has no number ("Available Papers", a county's
    // list of the papers before it): its title is the first line under the table header, and
    // the row's own furniture ("Additional documents:", a label) shows it is a row, not a note.
    std::optional<std::size_t> unnumbered_first_row(std::size_t first) const {
        std::size_t header = first;
        for (std::size_t i = 0; i < first; ++i) {
            header = is_table_header(strip_bullet(lines_[i].text)) ? i : header;
        }
        std::size_t title = header + 1;
        while (title < first && (lines_[title].blank() || is_furniture(lines_[title].text))) {
            ++title;
        }
        if (header >= first || title >= first || !is_row_title(lines_[title])) {
            return std::nullopt;
        }
        for (std::size_t j = title + 1; j < first; ++j) {
            const std::string_view s = strip_bullet(lines_[j].text);
            if (s == "Additional documents:" || label_of(s) != Label::none) {
                return title;
            }
        }
        return std::nullopt;
    }

    // A line that can be a row's title: at the margin, unmarked, not ending like a sentence (or
    // ending in its document link) nor introducing what follows (':'), and no label.
    static bool is_row_title(const Line& line) {
        const std::string_view s = line.text;
        return line.indent == 0 && !s.empty() && !lines::parse_marker(s) &&
               ((s.back() != '.' && s.back() != ':') || document_suffix(s)) &&
               label_of(s) == Label::none && !minutes::is_resolution(s);
    }

    // The line holding a minute's number alone ("204") among the first lines of the item that
    // starts at `start`, before the next item; nullopt if there is none.
    std::optional<std::size_t> minute_number_line(std::size_t start, std::size_t end) const {
        std::size_t content = 0;
        for (std::size_t j = start + 1; j < end && content < 4; ++j) {
            if (lines_[j].blank()) {
                continue;
            }
            ++content;
            const std::string_view t = lines_[j].text;
            if (t.size() <= 5 && std::all_of(t.begin(), t.end(), is_digit)) {
                return j;
            }
        }
        return std::nullopt;
    }

    // Whether most counted agenda lines have a minute number alone under them.
    bool minute_numbers_under(const std::vector<std::size_t>& counted) const {
        std::size_t with = 0;
        for (std::size_t k = 0; k < counted.size(); ++k) {
            const std::size_t end = k + 1 < counted.size() ? counted[k + 1] : lines_.size();
            with += minute_number_line(counted[k], end) ? 1 : 0;
        }
        return counted.size() >= 2 && 3 * with >= 2 * counted.size();
    }

    // A page whose extraction dropped numbers, labels and the title line: under the item table's
    // header ("No. Item") each row's title follows a run of `min_blanks` or more blank lines, at
    // the margin, not ending like a sentence (or ending in its document link); the minutes'
    // blocks within a row are indented or end in a full stop.
    std::vector<std::size_t> blank_separated_rows(std::size_t min_blanks) const {
        std::vector<std::size_t> starts;
        std::size_t header = lines_.size();
        for (std::size_t i = 0; i < lines_.size() && header == lines_.size(); ++i) {
            header = is_table_header(strip_bullet(lines_[i].text)) ? i : header;
        }
        std::size_t blanks = 0;
        for (std::size_t i = header + 1; i < lines_.size(); ++i) {
            const Line& line = lines_[i];
            if (line.blank()) {
                ++blanks;
                continue;
            }
            const bool row_gap = starts.empty() || blanks >= min_blanks;
            if (row_gap && is_row_title(line)) {
                starts.push_back(i);
            }
            blanks = 0;
        }
        return starts.size() >= 2 ? starts : std::vector<std::size_t>{};
    }

    // CMIS's agenda list as text: "1 Notice of Recording/Webcast", the number a single space
    // before the title. A numbered paragraph looks the same, so the lines count as items only
    // when they count up one by one from the first ("1", "2", "3" …).
    std::vector<std::size_t> counted_item_lines() const {
        std::vector<std::size_t> starts;
        int expected = 0;
        for (std::size_t i = 0; i < lines_.size(); ++i) {
            const auto cells = counted_item_title(lines_[i].text);
            if (!cells) {
                continue;
            }
            const int number = std::stoi(std::string(cells->first));
            if (expected != 0 && number != expected) {
                return {};
            }
            expected = number + 1;
            starts.push_back(i);
        }
        return starts.size() >= 2 ? starts : std::vector<std::size_t>{};
    }

    // "12 Exclusion of the Public": up to three digits, one space, a title in capitals that
    // does not end like a sentence.
    static std::optional<std::pair<std::string_view, std::string_view>> counted_item_title(
        std::string_view s) {
        const auto space = s.find(' ');
        // "3 Mar 2025 - 14:00": a date is no item.
        if (space == 0 || space == std::string_view::npos || space > 3 || s.size() > 150 ||
            s.back() == '.' || dates::find_date(s)) {
            return std::nullopt;
        }
        for (std::size_t k = 0; k < space; ++k) {
            if (!is_digit(s[k])) {
                return std::nullopt;
            }
        }
        const std::string_view title = s.substr(space + 1);
        if (title.empty() || !std::isupper(static_cast<unsigned char>(title[0]))) {
            return std::nullopt;
        }
        return std::make_pair(s.substr(0, space), title);
    }

    // An agenda item page (mgAi.aspx) whose labels the extraction dropped: the item's title is
    // the first line under the "Agenda item" heading, and the rest is its text.
    std::optional<std::size_t> single_item_title() const {
        for (std::size_t i = 0; i < lines_.size(); ++i) {
            if (strip_bullet(lines_[i].text) != "Agenda item") {
                continue;
            }
            for (std::size_t j = i + 1; j < lines_.size(); ++j) {
                if (!lines_[j].blank() && !is_furniture(lines_[j].text)) {
                    return j;
                }
            }
        }
        return std::nullopt;
    }

    bool next_content_is_title(std::size_t i) const {
        for (std::size_t j = i + 1; j < lines_.size(); ++j) {
            if (lines_[j].blank()) {
                continue;
            }
            const std::string_view s = lines_[j].text;
            return !is_item_number(s) && label_of(s) == Label::none && !is_furniture(s) &&
                   !lines::parse_marker(s);
        }
        return false;
    }

    // The title of the item a label belongs to, on a page without item numbers. Above the label
    // lie "Additional documents:", perhaps a description, the title, and — above that — the end
    // of the previous item or the page header. The title is the first title-like line after
    // that boundary: it has a document link, or it does not end like a sentence.
    std::optional<std::size_t> title_above(std::size_t label) const {
        std::vector<std::size_t> candidates;  // bottom-up
        for (std::size_t j = label; j-- > 0;) {
            const std::string_view s = lines_[j].text;
            if (s.empty() || is_furniture(s)) {
                if (is_table_header(s)) {
                    break;
                }
                continue;
            }
            if (is_page_heading(s) || label_of(s) != Label::none || minutes::is_resolution(s) ||
                is_header_line(s)) {
                break;
            }
            if (ends_decision(s)) {
                continue;  // a labelled field ("Wards affected: …", "Purpose:") is no title
            }
            if (lines::parse_marker(s) && !lines::parse_marker(s)->number.empty()) {
                break;  // a numbered paragraph of the item before
            }
            candidates.push_back(j);
        }
        for (auto it = candidates.rbegin(); it != candidates.rend(); ++it) {
            const std::string_view s = lines_[*it].text;
            if (document_suffix(s) || (s.back() != '.' && s.size() < 250)) {
                return *it;
            }
        }
        return std::nullopt;
    }

    static bool is_table_header(std::string_view s) {
        return s == "Items" || s == "No. Item" || s == "Item" || s == "No." || s == "Eitemau" ||
               s == "Rhif eitem";
    }

    // Lines of the meeting header: "Venue: …", "Contact: …", "Committee - date time".
    static bool is_header_line(std::string_view s) {
        if (venue_value(s) || contact_value(s)) {
            return true;
        }
        const auto date = dates::find_date(s);
        const auto dash = s.find(" - ");
        return date && dash != std::string_view::npos && dash < date->begin && s.size() < 200;
    }

    // ---- Header ----

    void read_header(std::size_t end) {
        bool issue_page = false;
        for (std::size_t i = 0; i < end; ++i) {
            const std::string_view s = lines_[i].text;
            if (strip_bullet(s) == "Issue - meetings") {
                issue_page = true;
                continue;
            }
            if (s.empty() || is_furniture(s) || is_page_heading(s)) {
                continue;
            }
            if (issue_page && !issue_title_) {
                issue_title_ = text::collapse_whitespace(s);  // the issue the entries are about
                continue;
            }
            if (is_part_separator(s)) {
                section_ = text::collapse_whitespace(s);
            } else if (venue_value(s)) {
                i = read_venue(i, end);
            } else if (const auto contact = contact_value(s)) {
                set_if_present(doc_.meeting.contact, *contact);
            } else if (!doc_.meeting.date) {
                read_title_line(s);
                read_split_title(i);
                read_date_cell(s);
            }
            read_time_cell(s);
        }
    }

    // "Venue: Conference Room, Council Offices, Kingsway,\n   Ashcombe [9]View directions": a
    // venue wrapped after a comma goes on to the next line; the link to directions is not part
    // of it. Returns the last line read.
    std::size_t read_venue(std::size_t i, std::size_t end) {
        std::string_view venue = venue_value(lines_[i].text).value_or(std::string_view());
        std::size_t last = i;
        while (!venue.empty() && venue.back() == ',' && last + 1 < end &&
               !lines_[last + 1].blank() && !is_header_line(lines_[last + 1].text)) {
            ++last;
            const std::string_view next = lines_[last].text;
            venue = std::string_view(venue.data(), next.data() + next.size() - venue.data());
        }
        std::string v = text::collapse_whitespace(without_link_markers(venue));
        std::string_view cut = v;
        for (const std::string_view tail : {"View directions", "-", ".", ","}) {
            if (ends_with(cut, tail)) {
                cut = lines::trim(cut.substr(0, cut.size() - tail.size()));
            }
        }
        set_if_present(doc_.meeting.venue, cut);
        return last;
    }

    // The title on two lines, as CMIS and some ModernGov templates give it: the body, then a
    // line that is only the date and time ("Tuesday 19 March 2024 10:00", "29 Aug 2023 - 14:00
    // to 14:10").
    void read_split_title(std::size_t i) {
        const std::string_view s = lines_[i].text;
        const auto date = dates::find_date(s);
        if (doc_.meeting.date || !date || date->begin > 12 || s.size() > 60) {
            return;
        }
        std::size_t above = i;
        while (above > 0 && lines_[above - 1].blank()) {
            --above;
        }
        if (above == 0) {
            return;
        }
        const std::string_view body = strip_bullet(lines_[above - 1].text);
        if (!names_a_meeting_body(body) || dates::find_date(body) || is_furniture(body) ||
            body.find(':') != std::string_view::npos) {
            return;
        }
        doc_.meeting.body = text::collapse_whitespace(body);
        doc_.meeting.date = date->value;
        if (const auto time = dates::find_time(s.substr(date->end))) {
            doc_.meeting.time = time->value;
        }
    }

    // "Date:<TAB>19-Mar-2024" and "Time:<TAB>10:00 - 12:30": a meeting details table's cells.
    void read_date_cell(std::string_view s) {
        if (starts_with(s, "Date:") && !doc_.meeting.date) {
            if (const auto date = dates::find_date(s)) {
                doc_.meeting.date = date->value;
            }
        }
    }

    void read_time_cell(std::string_view s) {
        if (starts_with(s, "Time:") && !doc_.meeting.time) {
            if (const auto time = dates::find_time(s)) {
                doc_.meeting.time = time->value;
            }
        }
    }

    static void set_if_present(OptionalString& field, std::string_view value) {
        const std::string v = text::collapse_whitespace(value);
        if (!v.empty()) {
            field = v;
        }
    }

    // "Kent and Medway Police and Crime Panel - Wednesday, 16th July, 2025 2.00 pm, MOVED"
    void read_title_line(std::string_view s) {
        const auto date = dates::find_date(s);
        const auto dash = s.find(" - ");
        // "Agenda item - Empty Homes Premium - Changes from 1 April 2025" is the browser's title
        // for an item page: the heading and the item, not a meeting.
        if (!date || dash == std::string_view::npos || dash > date->begin ||
            is_page_heading(s.substr(0, dash))) {
            return;
        }
        doc_.meeting.title = text::collapse_whitespace(s);
        doc_.meeting.body = text::collapse_whitespace(s.substr(0, dash));
        doc_.meeting.date = date->value;
        if (const auto time = dates::find_time(s.substr(date->end))) {
            doc_.meeting.time = time->value;
        }
        const std::string lower = text::to_lower_ascii(s.substr(date->end));
        for (const std::string_view status : {"cancelled", "moved", "postponed", "rescheduled"}) {
            if (lower.find(status) != std::string::npos) {
                doc_.meeting.status = std::string(status);
            }
        }
    }

    // ---- One item ----

    // What reading an item's body needs as it goes down its lines.
    struct ItemBody {
        Item& item;
        Label mode;
        minutes::ItemBodyBuilder body;
        lines::ParagraphTree description;
        bool decision_open = false;   // a "Decision:" block is one resolution, points and all
        bool decision_block = false;  // the item has a "Decision:" block
    };

    void read_item(std::size_t start, std::size_t end) {
        Item item;
        item.section = section_;
        std::size_t i = read_item_heading(start, end, item);
        // Under a CMIS agenda line the minute's number divides the description from the minutes.
        const auto minute = counted_items_ ? minute_number_line(start, end) : std::nullopt;
        ItemBody b{
            item, minute ? Label::none : first_mode(i, end), minutes::ItemBodyBuilder(text_), {}};
        for (; i < end; ++i) {
            const std::string_view s = lines_[i].text;
            if (minute && i == *minute) {
                item.ref = "Minute " + std::string(s);
                b.mode = Label::minutes;
                b.body.interrupt();
                continue;
            }
            if (!s.empty() && !skip_line(s, b)) {
                const std::size_t last = wrapped_paragraph_end(i, end);
                add_line(joined(i, last), b);
                i = last;
            }
        }
        b.body.finish(item, doc_);
        if (b.decision_block) {
            drop_repeated_resolutions(item);
        }
        item.description = b.description.take();
        const std::size_t text_begin = lines_[start].begin;
        const std::size_t text_end = end < lines_.size() ? lines_[end].begin : text_.size();
        const std::string_view item_text =
            std::string_view(text_).substr(text_begin, text_end - text_begin);
        item.decisions = minutes::find_decision_refs(item_text, text_begin);
        item.events = minutes::find_events(item_text, text_begin);
        doc_.items.push_back(std::move(item));
    }

    // The item's number and title, from an issue's meeting entry, a number line, or number and
    // title cells on one line; returns the line the body starts at.
    std::size_t read_item_heading(std::size_t start, std::size_t end, Item& item) {
        std::size_t i = start;
        std::optional<std::string> entry_number;
        if (auto entry = issue_meeting_entry(lines_[i].text)) {
            // On an issue page the meeting is the entry's heading; the item number is the one it
            // had at that meeting, and the title line repeats that number before the title.
            item.section = text::collapse_whitespace(lines_[i].text);
            if (!entry->empty()) {
                item.number = *entry;
                entry_number = *entry;
            }
            ++i;
        } else if (is_item_number(lines_[i].text)) {
            item.number = item_number_value(lines_[i].text);
            ++i;
        } else if (const auto cells = number_and_title(lines_[i].text)) {
            item.number = item_number_value(cells->first);
            read_title(cells->second, item);
            ++i;
        } else if (const auto marker = lines::parse_marker(lines_[i].text);
                   marker && index_items_) {
            item.number = marker->number;
            read_title(lines_[i].text.substr(marker->length), item);
            ++i;
        } else if (const auto counted = counted_item_title(lines_[i].text);
                   counted && counted_items_) {
            item.number = std::string(counted->first);
            read_title(counted->second, item);
            ++i;
        }
        while (i < end && (lines_[i].blank() || is_furniture(lines_[i].text))) {
            ++i;
        }
        if (i < end && !item.title) {
            std::string_view title = lines_[i].text;
            if (entry_number && starts_with(title, *entry_number + " ")) {
                title = lines::trim(title.substr(entry_number->size() + 1));
            }
            if (label_of(title) == Label::none) {
                const std::size_t last = wrapped_title_end(i, end);
                const std::string_view tail = lines_[last].text;
                read_title(std::string_view(title.data(), tail.data() + tail.size() - title.data()),
                           item);
                i = last + 1;
            } else if (issue_title_) {
                item.title = issue_title_;  // the entry shows no title of its own
            }
        }
        return i;
    }

    // A paragraph a text browser wrapped at its width: a long line that stops mid-sentence goes
    // on in the next line, unless that one starts a block of its own. Returns its last line.
    std::size_t wrapped_paragraph_end(std::size_t i, std::size_t end) const {
        constexpr std::size_t kWrappedWidth = 50;  // text browsers wrap at 72-80 columns
        while (i + 1 < end && !lines_[i + 1].blank()) {
            const std::string_view s = lines_[i].text;
            const std::string_view next = lines_[i + 1].text;
            const char last = s.back();
            // "RESOLVED" alone, then "That" on the next line: the wording goes on below.
            const bool label_alone = minutes::is_resolution(s) && s.size() <= 14;
            const bool cut = s.size() >= kWrappedWidth && last != '.' && last != ':' &&
                             last != ';' && !document_suffix(s) && !ends_decision(s);
            if (!(cut || label_alone) || label_of(next) != Label::none ||
                lines::parse_marker(next) || is_furniture(next) || minutes::is_resolution(next) ||
                ends_decision(next) || is_part_separator(next)) {
                break;
            }
            ++i;
        }
        return i;
    }

    // Lines first..last as one line: a view from the first's text to the end of the last's.
    Line joined(std::size_t first, std::size_t last) const {
        Line line = lines_[first];
        const std::string_view tail = lines_[last].text;
        line.text =
            std::string_view(line.text.data(), tail.data() + tail.size() - line.text.data());
        return line;
    }

    // A title a text browser wrapped: the lines straight under it that go on in lower case, or
    // hold only the report's link ("[13]PDF 455 KB"). Returns the title's last line.
    std::size_t wrapped_title_end(std::size_t i, std::size_t end) const {
        while (i + 1 < end && !lines_[i + 1].blank()) {
            const std::string_view next = lines_[i + 1].text;
            const bool lower = next[0] >= 'a' && next[0] <= 'z';
            if (label_of(next) != Label::none || is_furniture(next) ||
                !(lower || is_document_link_only(next))) {
                break;
            }
            ++i;
        }
        return i;
    }

    static bool is_document_link_only(std::string_view s) {
        const std::string link = " " + without_link_markers(s);
        const auto d = document_suffix(link);
        return d && d->title.empty();
    }

    // Text before a "Minutes:" or "Decision:" label is the agenda's description; with no label
    // at all, what follows the title is the minutes.
    // On a page published before its meeting (its heading "Agenda" alone, no block labelled
    // anywhere) nothing has been minuted yet: a model resolution quoted in the agenda text
    // ("That, under S.100A …, the public be excluded …") is no resolution of the meeting.
    Label first_mode(std::size_t i, std::size_t end) const {
        for (std::size_t j = i; j < end; ++j) {
            const Label l = label_of(lines_[j].text);
            if (l == Label::minutes || l == Label::decision) {
                return Label::none;
            }
        }
        return agenda_before_meeting_ ? Label::none : Label::minutes;
    }

    bool agenda_before_meeting() const {
        bool agenda_heading = false;
        for (const Line& line : lines_) {
            const std::string_view s = strip_bullet(line.text);
            if (is_page_heading(s) && s != "Agenda") {
                return false;  // "Agenda and minutes", "Agenda item", …
            }
            if (const Label l = label_of(s); l == Label::minutes || l == Label::decision) {
                return false;
            }
            agenda_heading = agenda_heading || s == "Agenda";
        }
        return agenda_heading;
    }

    // Lines that are not the item's text: labels (which switch the mode), page furniture, Part
    // rows, the truncation link and document links. A skipped line ends the paragraph before it.
    bool skip_line(std::string_view s, ItemBody& b) {
        bool skip = true;
        if (const Label l = label_of(s); l != Label::none) {
            b.mode = l;
            b.decision_open = false;
            b.decision_block = b.decision_block || l == Label::decision;
        } else if (strip_bullet(s) == "Share this item" || is_page_heading(s)) {
            // furniture of the page
        } else if (is_part_separator(s)) {
            section_ = text::collapse_whitespace(s);  // for the items that follow
        } else if (starts_with(strip_bullet(s), "View the full minutes text for item")) {
            b.item.truncated = true;
        } else if (is_furniture(s)) {
            // "Printed minutes …", "View directions", …
        } else if (b.mode == Label::supporting_documents ||
                   (b.mode == Label::none && document_suffix(s) &&
                    document_suffix(s)->title.size() < 200 && !lines::parse_marker(s))) {
            if (const auto d = document_suffix(s)) {
                DocumentRef ref = d->document;
                ref.title = text::collapse_whitespace(d->title);
                b.item.documents.push_back(ref);
            }
        } else {
            skip = false;
        }
        if (skip) {
            b.body.interrupt();
        }
        return skip;
    }

    // The text under "Decision:" is what was decided: one block, its points with it.
    void add_decision(std::string_view content, ItemBody& b) {
        if (!b.decision_open && is_no_decision(content)) {
            return;  // "None.": the block records that nothing was decided
        }
        const Span span = lines::span_of(text_, content);
        if (b.decision_open) {
            Resolution& r = b.item.resolutions.back();
            r.span->end = span.end;
            r.text = text::collapse_whitespace(text_.substr(r.span->begin, r.span->size()));
        } else {
            b.item.resolutions.push_back(Resolution{text::collapse_whitespace(content), span});
            b.decision_open = true;
        }
    }

    // One line of the item's text, by the mode its last label set.
    void add_line(const Line& line, ItemBody& b) {
        std::string_view content = line.text;
        if (const auto cut = truncation_marker(content)) {
            b.item.truncated = true;
            content = lines::trim(content.substr(0, *cut));
            if (content.empty()) {
                return;
            }
        }
        if (b.mode == Label::decision) {
            if (ends_decision(content)) {
                b.mode = Label::none;  // "Reasons for the decision:", "Date of decision: …"
                b.decision_open = false;
            } else {
                add_decision(content, b);
            }
            return;
        }
        if (const auto label = minutes::question_label(content);
            label && b.mode == Label::minutes) {
            b.body.add_question_label(*label);
            return;
        }
        if (const auto asker = minutes::parse_asker_line(content);
            asker && b.mode == Label::minutes) {
            b.body.add_asker(*asker, line.span());
            return;
        }
        auto marker = lines::parse_marker(content);
        if (marker) {
            content.remove_prefix(marker->length);
        }
        if (b.mode != Label::none) {
            b.body.add_block(content, marker, 0);
            return;
        }
        Paragraph p;
        if (marker && marker->style != lines::MarkerStyle::bullet) {
            p.number = marker->number;
        }
        p.text = text::collapse_whitespace(content);
        p.span = lines::span_of(text_, content);
        b.description.add(std::move(p), marker ? std::optional(marker->style) : std::nullopt);
    }

    void read_title(std::string_view s, Item& item) {
        const std::string clean = without_link_markers(s);  // a text browser's "[11]"
        std::string_view title = clean;
        if (const auto d = document_suffix(clean)) {
            title = d->title;
            DocumentRef ref = d->document;
            ref.title = text::collapse_whitespace(title);
            item.documents.push_back(ref);
        }
        // "Minutes (Agenda item 3)": a county's minute titles name the agenda item they took.
        title = without_exempt_flag(structure::strip_title_refs(title, item));
        item.title = text::collapse_whitespace(title);
        item.title_span =
            lines::span_of(text_, clean.size() == s.size() ? s.substr(0, title.size()) : s);
    }

    Document& doc_;
    const std::string& text_;
    std::vector<Line> lines_;
    std::optional<std::string> section_;      // the latest "Part I"/"Part II" separator
    std::optional<std::string> issue_title_;  // on an issue page, the issue's title
    mutable bool counted_items_ = false;
    mutable bool index_items_ = false;    // items found as an "Index to Agendas" list
    mutable std::size_t items_end_ = 0;   // where the last item ends: the page's end, or its list's
    bool agenda_before_meeting_ = false;  // the page's heading is "Agenda" and nothing is minuted
    std::vector<std::size_t> row_starts_;  // rows of a collapsed Markdown item table  // items
                                           // found as "1 Title" lines counting up
};

}  // namespace

std::optional<DocumentRef> document_link(std::string_view line) {
    const auto d = document_suffix(line);
    if (!d || d->title.empty()) {
        return std::nullopt;
    }
    DocumentRef ref = d->document;
    ref.title = text::collapse_whitespace(d->title);
    return ref;
}

void read_meeting_reference(std::string_view s, Meeting& m) {
    const auto date = dates::find_date(s);
    if (!date || date->begin > 2) {
        return;
    }
    m.date = m.date ? m.date : std::optional<std::string>(date->value);
    std::string_view body = lines::trim(s.substr(date->end));
    if (body.starts_with("-")) {
        body = lines::trim(body.substr(1));
    }
    if (const auto item = body.rfind(" (Item "); item != std::string_view::npos) {
        body = body.substr(0, item);
    }
    if (!m.body && !body.empty()) {
        m.body = text::collapse_whitespace(body);
    }
}

// The meeting of a page without a title line: an agenda item's single "Meeting: 03/10/2023 -
// Committee (Item 23)" line, a decision's "Decided at meeting: …", "Date of decision: …" and
// "Decision maker: …" (a committee's name; an officer is not the meeting's body).
void read_meeting_fields(Document& doc) {
    Meeting& m = doc.meeting;
    std::size_t entries = 0;
    std::string_view entry;
    for (const auto& line : lines::split(doc.text)) {
        const std::string_view t = strip_bullet(line.text);
        if (t.starts_with("Meeting:") && issue_meeting_entry(t)) {
            ++entries;
            entry = lines::trim(t.substr(8));
        } else if (t.starts_with("Decided at meeting:") || t.starts_with("Made at meeting:")) {
            read_meeting_reference(lines::trim(t.substr(t.find(':') + 1)), m);
        } else if (t.starts_with("Date of decision:") && !m.date) {
            if (const auto date = dates::find_date(t)) {
                m.date = date->value;
            }
        } else if (t.starts_with("Decision maker:") && !m.body) {
            const auto maker = lines::trim(t.substr(15));
            if (names_a_meeting_body(maker)) {
                m.body = text::collapse_whitespace(maker);
            }
        }
    }
    // An issue's history lists many meetings: it is of none of them.
    if (entries == 1) {
        read_meeting_reference(entry, m);
    }
}

void parse_text_page(Document& doc) {
    if (is_decision_list(doc.text)) {
        read_decision_list(doc);  // entries of many decision makers and meetings
        return;
    }
    if (is_minutes_document(doc.text)) {
        read_minutes_document(doc);  // minutes as a document, not ModernGov's item table
        return;
    }
    PageParser(doc).run();
    read_attendance_tables(doc);
    if (!doc.meeting.date || !doc.meeting.body) {
        read_meeting_fields(doc);
    }
}

namespace {

// Whether `label` stands alone on a line of `head` (after indentation or a bullet).
bool has_label_line(std::string_view head, std::string_view label) {
    for (auto at = head.find(label); at != std::string_view::npos;
         at = head.find(label, at + label.size())) {
        const auto newline = head.rfind('\n', at);
        const std::size_t line_begin = newline == std::string_view::npos ? 0 : newline + 1;
        const auto next = head.find('\n', at);
        const std::size_t line_end = next == std::string_view::npos ? head.size() : next;
        const auto before = head.substr(line_begin, at - line_begin);
        const auto after = head.substr(at + label.size(), line_end - at - label.size());
        if (strip_bullet(lines::trim(before)).empty() && lines::trim(after).empty()) {
            return true;
        }
    }
    return false;
}

}  // namespace

// "Planning Committee - Tuesday, 12th March, 2024 7.00 pm": a meeting page's title line, a body
// and " - ", then a weekday and a full date.
bool is_meeting_title_line(std::string_view s) {
    const auto dash = s.find(" - ");
    if (dash == std::string_view::npos || dash == 0 || s.size() > 200) {
        return false;
    }
    const std::string rest = text::to_lower_ascii(s.substr(dash + 3, 12));
    // "Dydd Mercher, 12fed Mawrth, 2025": a Welsh page names the day "Dydd …".
    bool weekday = rest.starts_with("dydd ");
    for (const std::string_view day :
         {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}) {
        weekday = weekday || rest.starts_with(day);
    }
    const auto date = dates::find_date(s.substr(dash));
    // "Licensing Committee - 12 June 2024": CMIS titles its pages with the date alone.
    return date && (weekday || date->begin == 3);
}

// Minutes shown as a document on a committee site, which the structure engine reads: ModernGov's
// printed minutes template, a record on a CMIS site, a record on a council's older committee
// pages (saved with the site's breadcrumb, menus and footer). Above the plain-minutes reader's
// structure-only score, below every sign of ModernGov's own pages.
double minutes_page_confidence(std::string_view head, std::string* reason) {
    if (is_printed_minutes_template(head)) {
        *reason =
            "ModernGov's printed minutes template ('Minutes Template', '<AI1>' agenda-item "
            "markers)";
        return 0.85;
    }
    const auto evidence = structure::examine(head);
    // A record's own structure, not only a heading: a site's breadcrumb may end in "Minutes".
    const std::size_t structure_signs =
        evidence.item_headings + evidence.attendance_labels + evidence.resolutions;
    if (evidence.confidence() > 0 && structure_signs >= 2 && !evidence.policing_board) {
        if (head.find("CMIS") != std::string_view::npos ||
            head.find("Committee Management Information System") != std::string_view::npos) {
            *reason = "a meeting record on a CMIS site: " + evidence.reason();
            return 0.82;
        }
        // A site's breadcrumb and menus are any web site's: with them only the minutes an
        // in-house committee site published (attendance lists or resolutions) count. An agenda
        // page of numbered titles on a fire authority's or a trust's own site is plain text.
        const bool minutes_record = evidence.attendance_labels + evidence.resolutions > 0;
        if (website_furniture(head) >= 2 && minutes_record) {
            *reason =
                "a meeting record saved from a committee website (breadcrumb, menus, footer): " +
                evidence.reason();
            return 0.82;
        }
    }
    *reason = "no ModernGov page heading, labels or document links";
    return 0.0;
}

// The lines near a page's top that tell its kind.
struct PageSigns {
    bool heading = false;            // "Agenda and minutes", "Agenda item", …
    bool attendance_page = false;    // "Attendance details"
    bool title_line = false;         // "Committee - Tuesday, 12th March, 2024 7.00 pm"
    bool cmis_details = false;       // CMIS: "Meeting Details" over its tabs
    int cmis_tabs = 0;               // "Documents", "Attendance", "Meeting Summary", …
    bool documents_heading = false;  // an older page's "Meeting documents"
    bool documents_index = false;    // … with "Index to Agendas" under it
};

PageSigns page_signs(std::string_view head) {
    PageSigns signs;
    // A council's site may put its menus first: the page's heading can come a few KiB down.
    for (const auto& line : lines::split(head.substr(0, 8192))) {
        const std::string_view t = strip_bullet(line.text);
        signs.heading = signs.heading || is_page_heading(line.text);
        signs.attendance_page = signs.attendance_page || t == "Attendance details";
        signs.title_line = signs.title_line || is_meeting_title_line(line.text);
        signs.cmis_details = signs.cmis_details || t == "Meeting Details";
        signs.documents_heading = signs.documents_heading || t == "Meeting documents";
        signs.documents_index =
            signs.documents_index || (signs.documents_heading && t == "Index to Agendas");
        signs.cmis_tabs += t == "Documents" || t == "Attendance" || t == "Meeting Summary" ||
                                   t == "Declarations of Interests"
                               ? 1
                               : 0;
    }
    return signs;
}

double text_page_confidence(std::string_view head, std::string* reason) {
    // A page's heading, labels and links come early: the first 16 KiB show them, and every
    // input is detected, so the search stays short.
    head = head.substr(0, 16 * 1024);
    const auto has = [&](std::string_view s) { return head.find(s) != std::string_view::npos; };
    if (has("your custom branding appears to be missing")) {
        *reason = "ModernGov's 'default template' notice";
        return 0.95;
    }
    const PageSigns signs = page_signs(head);
    const bool heading = signs.heading;
    const bool title_line = signs.title_line;
    if (signs.cmis_tabs >= 2 && signs.cmis_details) {
        *reason = "a CMIS meeting page ('Meeting Details' with its Documents / Attendance tabs)";
        return 0.85;
    }
    if (signs.documents_index) {
        *reason =
            "a ModernGov 'Meeting documents' page with its 'Index to Agendas' (CeListDocuments)";
        return 0.85;
    }
    if (signs.attendance_page && has("Attendee")) {
        *reason = "a ModernGov attendance page ('Attendance details', Attendee / Role columns)";
        return 0.85;
    }
    if (is_decision_list(head)) {
        *reason =
            "a ModernGov list of decisions ('dd/mm/yyyy - Title ref: N' entries with 'Decision "
            "Maker:', 'Decision published:' fields, or under 'Issue - decisions')";
        return 0.88;
    }
    // ModernGov puts its labels on lines of their own ("Minutes:", then the text); minutes of
    // any kind write "Decision: The Board agreed …" on one line.
    const bool labels = has_label_line(head, "Minutes:") || has_label_line(head, "Decision:") ||
                        has(" Minutes:\n") || has_label_line(head, "Cofnodion:") ||
                        has_label_line(head, "Penderfyniad:");
    const bool furniture = has("pdf icon PDF") || has("Additional documents:") ||
                           has("Supporting documents:") || has("Share this item") ||
                           has("View directions") || has("pdf eicon PDF") ||
                           has("Dogfennau ychwanegol:");
    const bool venue = has("Venue:") || has("Lleoliad:");
    if (heading && labels) {
        *reason =
            "a ModernGov page heading ('Agenda and minutes', 'Agenda item', …) and "
            "'Minutes:'/'Decision:' labels";
        return 0.9;
    }
    if (heading && (furniture || venue)) {
        *reason = "a ModernGov page heading and the page's furniture (Venue:, document links)";
        return 0.85;
    }
    if (title_line && (heading || labels || furniture || venue || has("Contact:"))) {
        *reason =
            "a ModernGov meeting title line ('Committee - Tuesday, 12th March, 2024 7.00 "
            "pm') with the page's headings, labels or furniture";
        return 0.85;
    }
    if (labels && (has("No. Item") || has("\nItems\n"))) {
        *reason = "ModernGov 'Minutes:' labels under an item table ('No. Item')";
        return 0.8;
    }
    if (labels && furniture) {
        *reason =
            "ModernGov 'Minutes:' labels and document links ('pdf icon PDF', "
            "'Additional documents:')";
        return 0.8;
    }
    return minutes_page_confidence(head, reason);
}

}  // namespace kpproc::moderngov
