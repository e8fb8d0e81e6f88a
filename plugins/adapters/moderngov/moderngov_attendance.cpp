#include "moderngov_attendance.hpp"

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "kpproc/dates.hpp"
#include "kpproc/lines.hpp"
#include "kpproc/minutes.hpp"
#include "kpproc/text.hpp"
#include "moderngov_text.hpp"

namespace kpproc::moderngov {

namespace {

// The group an attendance table's last cell gives: "Present", "Apologies, sent substitute",
// "Present, as substitute", "Absent", "In attendance", CMIS's "Attended"; nullopt for any other
// cell.
std::optional<std::string> attendance_group(std::string_view cell) {
    const std::string l = text::to_lower_ascii(cell);
    if (l.starts_with("present, as substitute") || l.starts_with("present as substitute")) {
        return "substitute";
    }
    for (const auto& [word, group] :
         std::initializer_list<std::pair<std::string_view, std::string_view>>{
             {"present", "present"},
             {"attended", "present"},
             {"apologies", "apologies"},
             {"absent", "absent"},
             {"in attendance", "in_attendance"}}) {
        if (l.starts_with(word)) {
            return std::string(group);
        }
    }
    return std::nullopt;
}

// The headings of a table's columns: "Attendee" or "Name", "Role", "Attendance" or "Attended".
bool is_name_heading(std::string_view cell) {
    return cell == "Attendee" || cell == "Name";
}
bool is_attendance_heading(std::string_view cell) {
    return cell == "Attendance" || cell == "Attended";
}

// CMIS gives each kind of attendee a table under a heading of its own: who attended of those
// under "Others in Attendance" was in attendance, not a member present.
std::optional<std::string_view> table_heading_group(std::string_view cell) {
    const std::string l = text::to_lower_ascii(cell);
    if (l == "committee members" || l == "members" || l == "panel members" ||
        l == "board members") {
        return "present";
    }
    if (l == "others in attendance" || l == "other attendees" || l == "in attendance") {
        return "in_attendance";
    }
    if (l == "officers" || l == "officers in attendance") {
        return "officer";
    }
    return std::nullopt;
}

bool ends_tables(std::string_view t) {
    return t.starts_with("Print this page") || t.starts_with("Back to top") || is_page_heading(t);
}

// The cells from the first table heading on: tab-separated on one line, or one cell per line,
// as text renderings give a table.
std::vector<std::string_view> attendance_cells(const std::vector<lines::Line>& lines,
                                               std::size_t from) {
    std::vector<std::string_view> cells;
    for (std::size_t i = from; i < lines.size(); ++i) {
        const std::string_view t = strip_bullet(lines[i].text);
        if (t.empty()) {
            continue;
        }
        if (ends_tables(t)) {
            break;
        }
        std::size_t start = 0;
        for (std::size_t tab = t.find('\t');; tab = t.find('\t', start)) {
            const auto cell = lines::trim(t.substr(
                start, tab == std::string_view::npos ? std::string_view::npos : tab - start));
            if (!cell.empty()) {
                cells.push_back(cell);
            }
            if (tab == std::string_view::npos) {
                break;
            }
            start = tab + 1;
        }
    }
    return cells;
}

// Where the first table starts: its heading row ("Attendee<TAB>Role<TAB>Attendance"), or the
// same headings one to a line, or the CMIS heading above that row ("Committee Members").
// lines.size() when there is none.
std::size_t first_table(const std::vector<lines::Line>& lines) {
    for (std::size_t i = 0; i < lines.size(); ++i) {
        const std::string_view t = strip_bullet(lines[i].text);
        const auto first_cell = t.substr(0, t.find('\t'));
        if (!is_name_heading(first_cell)) {
            continue;
        }
        const bool one_line = t.find("\tRole") != std::string_view::npos &&
                              t.find("\tAttend") != std::string_view::npos;
        const bool own_lines = i + 4 < lines.size() &&
                               is_attendance_heading(strip_bullet(lines[i + 4].text)) &&
                               strip_bullet(lines[i + 2].text) == "Role";
        if (!one_line && !own_lines) {
            continue;
        }
        if (i > 0 && table_heading_group(strip_bullet(lines[i - 1].text))) {
            return i - 1;
        }
        return i;
    }
    return lines.size();
}

// "Planning Committee, Wednesday, 9th October, 2024 7.00 pm": the meeting an attendance page
// is of, on the line with a date above its table.
void read_attendance_title(const std::vector<lines::Line>& lines, std::size_t header, Meeting& m) {
    for (std::size_t i = 0; i < header && !m.date; ++i) {
        const std::string_view t = strip_bullet(lines[i].text);
        const auto date = dates::find_date(t);
        if (!date) {
            continue;
        }
        m.date = date->value;
        if (const auto time = dates::find_time(t.substr(date->end))) {
            m.time = time->value;
        }
        const auto comma = t.find(", ");
        if (comma != std::string_view::npos && comma < date->begin && !m.body) {
            m.body = text::collapse_whitespace(t.substr(0, comma));
        }
    }
}

// Reads the cells into people: a row ends at its attendance cell; heading rows and the CMIS
// table headings between tables are not people.
class TableReader {
public:
    explicit TableReader(Document& doc) : doc_(doc) {}

    void read(const std::vector<std::string_view>& cells) {
        for (std::size_t k = 0; k < cells.size(); ++k) {
            const std::string_view cell = cells[k];
            if (row_.empty() && is_name_heading(cell) && k + 2 < cells.size() &&
                cells[k + 1] == "Role" && is_attendance_heading(cells[k + 2])) {
                k += 2;  // the heading row
                continue;
            }
            if (row_.empty() && is_name_heading(cell) && k + 1 < cells.size() &&
                is_attendance_heading(cells[k + 1])) {
                k += 1;
                continue;
            }
            if (const auto heading = table_heading_group(cell); heading && row_.empty()) {
                table_group_ = *heading;
                continue;
            }
            const auto group = attendance_group(cell);
            if (!group || row_.empty()) {
                row_.push_back(cell);
                continue;
            }
            add_row(*group);
        }
    }

private:
    void add_row(const std::string& attendance) {
        const auto begin = static_cast<std::size_t>(row_.front().data() - doc_.text.data());
        for (auto& person : minutes::split_people(row_.front(), begin)) {
            if (row_.size() > 1 && !person.role) {
                person.role = text::collapse_whitespace(row_[1]);
            }
            // An officer in attendance is listed as one.
            const bool officer = person.role && *person.role == "Officer";
            std::string group = attendance;
            if (group == "present" && table_group_ != "present") {
                group = table_group_;  // attended, as one of the others in attendance
            }
            person.group = officer && group == "in_attendance" ? "officer" : group;
            doc_.attendance.push_back(std::move(person));
        }
        row_.clear();
    }

    Document& doc_;
    std::vector<std::string_view> row_;
    std::string table_group_ = "present";
};

}  // namespace

bool read_attendance_tables(Document& doc) {
    if (doc.text.find("Attendee") == std::string::npos &&
        doc.text.find("Attended") == std::string::npos) {
        return false;  // most pages: no need to look line by line
    }
    const auto all = lines::split(doc.text);
    const std::size_t header = first_table(all);
    if (header >= all.size()) {
        return false;
    }
    if (strip_bullet(all[header].text).starts_with("Attendee")) {
        read_attendance_title(all, header, doc.meeting);  // an attendance page's own title
    }
    TableReader(doc).read(attendance_cells(all, header));
    return true;
}

namespace {

// The end of the sentence that starts at `s`: a full stop after a word, not after an initial
// ("Cllr. L. M. Deverell").
std::size_t sentence_end(std::string_view s) {
    for (std::size_t at = s.find(". "); at != std::string_view::npos; at = s.find(". ", at + 1)) {
        const auto word = s.rfind(' ', at);
        const std::size_t word_begin = word == std::string_view::npos ? 0 : word + 1;
        if (at - word_begin > 1) {
            return at;
        }
    }
    return s.ends_with(".") ? s.size() - 1 : s.size();
}

// The person before "had been appointed": back to the clause's start (a comma, "that ").
std::string_view appointee_before(std::string_view sentence, std::size_t verb) {
    std::string_view before = lines::trim(sentence.substr(0, verb));
    for (const std::string_view aux : {" had been", " has been", " was", " were", " had"}) {
        if (before.ends_with(aux)) {
            before = lines::trim(before.substr(0, before.size() - aux.size()));
            break;
        }
    }
    const auto comma = before.rfind(", ");
    const auto that = text::to_lower_ascii(before).rfind("that ");
    std::size_t begin = comma == std::string_view::npos ? 0 : comma + 2;
    if (that != std::string::npos && that + 5 > begin) {
        begin = that + 5;
    }
    return lines::trim(before.substr(begin));
}

// "A had been appointed as a substitute member for B and C for D": A, then C (each further
// pair names its substitute before "for").
std::vector<std::string_view> appointees(std::string_view paragraph) {
    std::vector<std::string_view> out;
    const std::string lower = text::to_lower_ascii(paragraph);
    for (auto at = lower.find(" appointed as "); at != std::string::npos;
         at = lower.find(" appointed as ", at + 1)) {
        const auto for_at = lower.find(" for ", at);
        if (lower.find("substitute", at) > at + 30 || for_at == std::string::npos) {
            continue;
        }
        out.push_back(appointee_before(paragraph, at));
        std::string_view rest = paragraph.substr(for_at + 5);
        rest = rest.substr(0, sentence_end(rest));
        for (auto pair = rest.find(" and "); pair != std::string_view::npos;
             pair = rest.find(" and ")) {
            rest = rest.substr(pair + 5);
            const auto next_for = rest.find(" for ");
            if (next_for != std::string_view::npos && next_for < rest.find(" and ")) {
                out.push_back(lines::trim(rest.substr(0, next_for)));
            }
        }
    }
    return out;
}

bool already_listed(const Document& doc, const Attendee& person) {
    return std::any_of(doc.attendance.begin(), doc.attendance.end(), [&](const Attendee& a) {
        return a.group == "substitute" && a.name == person.name;
    });
}

}  // namespace

void read_substitute_appointments(Document& doc) {
    if (!text::contains_words(doc.text, "ppointed") &&
        !text::contains_words(doc.text, "PPOINTED")) {
        return;  // no sentence to look at
    }
    std::vector<Attendee> found;
    for (const auto& item : doc.items) {
        for (const auto& p : item.paragraphs) {
            if (!p.span) {
                continue;
            }
            const std::string_view words =
                std::string_view(doc.text).substr(p.span->begin, p.span->size());
            for (const std::string_view who : appointees(words)) {
                const auto offset = static_cast<std::size_t>(who.data() - doc.text.data());
                for (auto& person : minutes::split_people(who, offset)) {
                    person.group = "substitute";
                    found.push_back(std::move(person));
                }
            }
        }
    }
    for (auto& person : found) {
        if (!already_listed(doc, person)) {
            doc.attendance.push_back(std::move(person));
        }
    }
}

}  // namespace kpproc::moderngov
