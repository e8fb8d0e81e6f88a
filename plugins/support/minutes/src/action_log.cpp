#include "action_log.hpp"

#include <algorithm>
#include <cstdio>

#include "actions.hpp"
#include "headings.hpp"
#include "kpproc/dates.hpp"
#include "kpproc/text.hpp"
#include "table_cells.hpp"
#include "words.hpp"

namespace kpproc::structure::detail {

namespace {

using lines::Line;

enum class Field { key, raised, action, owner, due, status, rag, note, other };

struct Column {
    Field field = Field::other;
    std::size_t at = 0;
    std::string label;
};

struct Header {
    Grid grid = Grid::spaces;
    std::vector<Column> columns;
    std::size_t end = 0;  // the line after the header row (and its second line)
    bool same_fields(const Header& other) const {
        return std::equal(columns.begin(), columns.end(), other.columns.begin(),
                          other.columns.end(),
                          [](const Column& a, const Column& b) { return a.field == b.field; });
    }
    bool keyed() const {
        return columns.front().field == Field::key || columns.front().field == Field::raised;
    }
};

// (column index, words) for each cell of a line.

bool has_digit(std::string_view s) {
    return std::any_of(s.begin(), s.end(), [](char c) { return is_digit(c); });
}

bool contains(const std::string& s, std::string_view part) {
    return s.find(part) != std::string::npos;
}

// What a header cell names. The order matters: "Action owner" is an owner, "Action No." a
// reference, "Due date" a due date and not the date the action was raised.
Field field_of(std::string_view label) {
    std::string l = lower(text::collapse_whitespace(label));
    while (!l.empty() && (l.back() == ':' || l.back() == '.' || l.back() == '*')) {
        l.pop_back();
    }
    // "Action taken", "Actions to date": what was done, a column of progress notes.
    if (contains(l, "taken") || contains(l, "to date")) {
        return Field::note;
    }
    // "Completion date" alone is when it was done, not when it is due.
    if (contains(l, "due") || contains(l, "deadline") || contains(l, "target") ||
        contains(l, "by when") || l == "when" || contains(l, "timescale") ||
        contains(l, "to be completed") || contains(l, "complete by")) {
        return Field::due;
    }
    if (contains(l, "owner") || contains(l, "lead") || contains(l, "responsib") ||
        contains(l, "whom") || l == "who" || contains(l, "assigned") || l == "officer" ||
        l == "action by") {
        return Field::owner;
    }
    if (contains(l, "status")) {
        return Field::status;
    }
    if (l == "rag" || l.starts_with("rag ")) {
        return Field::rag;
    }
    if (contains(l, "update") || contains(l, "comment") || contains(l, "progress") ||
        contains(l, "note") || contains(l, "outcome") || contains(l, "response")) {
        return Field::note;
    }
    for (const std::string_view key :
         {"ref", "ref no", "reference", "no", "number", "#", "id", "item", "item no", "agenda item",
          "minute", "minute no", "minute ref", "min", "action no", "action number", "action ref",
          "action id"}) {
        if (l == key) {
            return Field::key;
        }
    }
    if (contains(l, "date") || contains(l, "raised") || contains(l, "meeting")) {
        return Field::raised;
    }
    if (contains(l, "action") || contains(l, "description") || contains(l, "task") ||
        contains(l, "agreed") || contains(l, "detail")) {
        return Field::action;
    }
    return Field::other;
}

// The header a line gives, if its cells name the columns of an action log: one action column,
// at least one of owner, due date and status, three columns or more, at most one it does not
// know, and no cell that reads as data (a digit, a long phrase).
std::optional<Header> header_of(std::string_view raw) {
    Header h;
    h.grid = grid_of(raw);
    const auto cells = cells_of(raw, h.grid);
    if (cells.size() < 3) {
        return std::nullopt;
    }
    std::size_t actions = 0;
    std::size_t unknown = 0;
    bool who_when_status = false;
    for (const auto& cell : cells) {
        if (has_digit(cell.text) || split_words(cell.text).size() > 4) {
            return std::nullopt;
        }
        const Field f = field_of(cell.text);
        actions += f == Field::action ? 1 : 0;
        unknown += f == Field::other ? 1 : 0;
        who_when_status = who_when_status || f == Field::owner || f == Field::due ||
                          f == Field::status || f == Field::rag;
        h.columns.push_back(Column{f, cell.at, std::string(cell.text)});
    }
    if (actions != 1 || !who_when_status || unknown > 1) {
        return std::nullopt;
    }
    return h;
}

// A second header line under the first ("Date" over "raised", "Due" over "date"): a few
// words without digits, each under a header cell. Its words join their column's label.
bool join_header_line(Header& h, std::string_view raw) {
    const auto cells = cells_of(raw, h.grid);
    if (cells.empty() || cells.size() > h.columns.size() || is_rule(raw)) {
        return false;
    }
    for (const auto& cell : cells) {
        if (has_digit(cell.text) || split_words(cell.text).size() > 2 ||
            (h.grid == Grid::spaces && column_at(h, cell.at) < h.columns.size() &&
             h.columns[column_at(h, cell.at)].at + 2 < cell.at)) {
            return false;
        }
    }
    Header joined = h;
    for (const auto& cell : cells) {
        Column& c = joined.grid == Grid::spaces
                        ? joined.columns[column_at(joined, cell.at)]
                        : joined.columns[std::min(cell.at, joined.columns.size() - 1)];
        c.label += " " + std::string(cell.text);
        c.field = field_of(c.label);
    }
    // A line that would turn the action column into another ("Action" over "date") is a row.
    const auto actions = std::count_if(joined.columns.begin(), joined.columns.end(),
                                       [](const Column& c) { return c.field == Field::action; });
    if (actions != 1) {
        return false;
    }
    h = std::move(joined);
    return true;
}

// "OPEN ACTIONS", "Closed actions", "JAC ACTION LOG – updated …": a line heading a log or a
// part of one, rather than a row.
bool is_log_heading(std::string_view line) {
    const auto words = split_words(line);
    if (words.empty() || words.size() > 14) {
        return false;
    }
    const std::string l = lower(line);
    return contains(l, "action") || contains(l, "tracker") ||
           (words.size() <= 6 && letter_case(line).all_capitals() && !has_digit(line));
}

// One row of the table: the pieces of each cell, line by line.
class Row {
public:
    explicit Row(std::size_t columns) : cells_(columns) {}

    bool empty() const { return empty_; }
    void add(const Placed& placed) {
        for (const auto& [column, words] : placed) {
            cells_[column].push_back(words);
            empty_ = false;
        }
    }
    const std::vector<std::string_view>& pieces(std::size_t column) const { return cells_[column]; }
    // The cell's words joined over its lines; a word broken at a hyphen is joined again.
    std::string cell(std::size_t column) const {
        std::string out;
        for (const auto piece : cells_[column]) {
            const bool broken = out.size() >= 2 && out.back() == '-' &&
                                is_letter(out[out.size() - 2]) && is_lower(piece.front());
            out += out.empty() || broken ? "" : " ";
            out += piece;
        }
        return text::collapse_whitespace(out);
    }

private:
    std::vector<std::vector<std::string_view>> cells_;
    bool empty_ = true;
};

// The words of the first column of `fields` the line (or row) has.
std::string_view placed_in(const Header& h, const Placed& placed, Field field) {
    for (const auto& [column, words] : placed) {
        if (h.columns[column].field == field) {
            return words;
        }
    }
    return {};
}

std::string row_cell(const Header& h, const Row& row, Field field) {
    for (std::size_t c = 0; c < h.columns.size(); ++c) {
        if (h.columns[c].field == field) {
            return row.cell(c);
        }
    }
    return {};
}

// Rows of one line each with no blank line between ("Publish the responses  G Tennant
// Complete"): a line that starts a new phrase in the action column and in the owner or status
// column, where the row has an owner or status already. (A cell that wraps goes on in lower
// case, or leaves those columns empty.)
bool fills_again(const Header& h, const Row& row, const Placed& placed, std::string_view action) {
    if (!is_upper(action.front())) {
        return false;
    }
    for (const Field f : {Field::owner, Field::status}) {
        const std::string_view cell = placed_in(h, placed, f);
        if (!cell.empty() && is_upper(cell.front()) && !row_cell(h, row, f).empty()) {
            return true;
        }
    }
    return false;
}

// Whether a line opens a new row. With a reference or date column first, a line with words
// there does, unless it continues a reference that wrapped ("PAB" over "24/05") in a table
// whose rows are apart by blank lines. Without one, a blank line before does, or a line that
// fills the row's columns again. Either way a
// second date in the due or raised column means a second row.
bool starts_row(const Header& h, const Row& row, const Placed& placed, bool after_blank) {
    if (row.empty()) {
        return true;
    }
    for (const Field f : {Field::due, Field::raised}) {
        if (has_digit(placed_in(h, placed, f)) && has_digit(row_cell(h, row, f))) {
            return true;
        }
    }
    if (!h.keyed()) {
        const std::string_view action = placed_in(h, placed, Field::action);
        return !action.empty() && (after_blank || fills_again(h, row, placed, action));
    }
    const bool key_words = !placed.empty() && placed.front().first == 0;
    return key_words && (after_blank || has_digit(row.cell(0)));
}

// The status, RAG and update cells: the status as a lower-case word, the rest as the note.
void read_status(const Header& h, const Row& row, Action& a) {
    std::vector<std::string> notes;
    const std::string status = row_cell(h, row, Field::status);
    if (const auto s = status_at_start(status)) {
        a.status = s->status;
        if (s->note) {
            notes.push_back(*s->note);
        }
    } else if (!status.empty() && !has_digit(status) && split_words(status).size() <= 2) {
        a.status = lower(status);  // "Transferred", "Rolled over": as written
    } else if (!status.empty()) {
        notes.push_back(status);
    }
    const std::string rag = lower(row_cell(h, row, Field::rag));
    if (!a.status && !rag.empty()) {
        a.status = rag == "r" ? "red" : rag == "a" ? "amber" : rag == "g" ? "green" : rag;
    }
    for (std::size_t c = 0; c < h.columns.size(); ++c) {
        if (h.columns[c].field != Field::note || row.cell(c).empty()) {
            continue;
        }
        // Without a Status column, "Complete – three quotes received" under Progress gives it.
        const auto s = a.status ? std::nullopt : status_at_start(row.cell(c));
        if (s) {
            a.status = s->status;
        }
        if (!s || s->note) {
            notes.push_back(s ? *s->note : row.cell(c));
        }
    }
    for (const auto& n : notes) {
        a.note = a.note ? *a.note + " " + n : n;
    }
}

// The action of a row, or nullopt for a row without action words or with nothing else (a
// stray line under the table).
std::optional<Action> action_of(const Header& h, const Row& row, std::string_view text) {
    const auto action = std::find_if(h.columns.begin(), h.columns.end(),
                                     [](const Column& c) { return c.field == Field::action; });
    if (action == h.columns.end()) {
        return std::nullopt;  // a header that lost its action column (merged with another)
    }
    const auto action_column = static_cast<std::size_t>(action - h.columns.begin());
    const auto& pieces = row.pieces(action_column);
    const std::string key = h.keyed() ? row.cell(0) : std::string();
    const std::string owner = row_cell(h, row, Field::owner);
    const std::string due = row_cell(h, row, Field::due);
    Action a;
    read_status(h, row, a);
    if (pieces.empty() ||
        (owner.empty() && due.empty() && !a.status && !a.note && !has_digit(key))) {
        return std::nullopt;
    }
    a.text = row.cell(action_column);
    const auto begin = static_cast<std::size_t>(pieces.front().data() - text.data());
    const auto end =
        static_cast<std::size_t>(pieces.back().data() + pieces.back().size() - text.data());
    a.span = Span{begin, end};
    if (!owner.empty() && owner != "-" && lower(owner) != "n/a") {
        a.owner = owner;
    }
    a.due = cell_date(due);
    return a;
}

// Reads one table from its header row on: rows, their wrapped cells, a header repeated after
// a page break, headings of its parts ("CLOSED ACTIONS"), up to the first line that does not
// keep to its columns, three blank lines, or the next item's heading.
class TableReader {
public:
    TableReader(std::string_view text, const std::vector<Line>& lines,
                const std::vector<bool>& furniture)
        : text_(text), lines_(lines), furniture_(furniture) {}

    ActionLog read(Header header, std::size_t at) {
        ActionLog log;
        log.first = log.header = at;
        log.last = header.end - 1;
        Row row(header.columns.size());
        std::size_t blanks = 0;
        for (std::size_t j = header.end; j < lines_.size(); ++j) {
            const TableStep step = step_of(lines_, furniture_, text_, j, blanks);
            if (step == TableStep::end) {
                break;
            }
            if (step == TableStep::pass) {
                continue;
            }
            const std::string_view raw = raw_line(text_, lines_[j]);
            if (const auto again = header_at(j); again) {
                if (!again->same_fields(header)) {
                    break;  // another table
                }
                finish(header, row, log);
                header = *again;  // the columns of this page
                j = log.last = again->end - 1;
                blanks = 0;
                continue;
            }
            // The next item's heading ("6. Date of Next Meeting") after a blank line ends a
            // table whose first column is the action's words: it would fit there as a row.
            if (!header.keyed() && blanks > 0 && numbered_heading(lines_[j].text)) {
                break;
            }
            const auto placed = place(header, raw);
            if (!placed) {
                if (!part_heading(j, header)) {
                    break;
                }
                finish(header, row, log);
                continue;
            }
            if (starts_row(header, row, *placed, blanks > 0)) {
                finish(header, row, log);
            }
            row.add(*placed);
            log.last = j;
            blanks = 0;
        }
        finish(header, row, log);
        return log;
    }

    // The header whose first row is line `i`, with a second line of it joined.
    std::optional<Header> header_at(std::size_t i) const {
        auto h = header_of(raw_line(text_, lines_[i]));
        if (!h) {
            return std::nullopt;
        }
        h->end = i + 1;
        if (h->end < lines_.size() && !lines_[h->end].blank() &&
            join_header_line(*h, raw_line(text_, lines_[h->end]))) {
            ++h->end;
        }
        return h;
    }

    // The line that heads the log just above its header row ("ACTION LOG", "OPEN ACTIONS"),
    // or the header row itself.
    std::size_t heading_above(std::size_t header) const {
        std::size_t j = header;
        while (j > 0 && header - j < 3 && (lines_[j - 1].blank() || furniture_[j - 1])) {
            --j;
        }
        return j > 0 && !lines_[j - 1].blank() && is_log_heading(lines_[j - 1].text) ? j - 1
                                                                                     : header;
    }

private:
    // A heading of a part of the log: the next line with words repeats the header.
    bool part_heading(std::size_t j, const Header& header) const {
        if (!is_log_heading(lines_[j].text)) {
            return false;
        }
        for (std::size_t k = j + 1; k < lines_.size() && k <= j + 4; ++k) {
            if (!lines_[k].blank() && !furniture_[k]) {
                const auto next = header_at(k);
                return next && next->same_fields(header);
            }
        }
        return false;
    }

    void finish(const Header& header, Row& row, ActionLog& log) const {
        if (auto action = action_of(header, row, text_)) {
            log.actions.push_back(std::move(*action));
            log.refs.push_back(header.keyed() && header.columns[0].field == Field::key
                                   ? row.cell(0)
                                   : std::string());
        }
        row = Row(header.columns.size());
    }

    std::string_view text_;
    const std::vector<Line>& lines_;
    const std::vector<bool>& furniture_;
};

// "31/03/2024", "31.03.24", "31-03-2024" at `i`: the date in ISO form.
std::optional<std::string> numeric_date(std::string_view s, std::size_t i) {
    int parts[3] = {0, 0, 0};
    int digits[3] = {0, 0, 0};
    char separator = 0;
    for (int k = 0; k < 3; ++k) {
        while (i < s.size() && is_digit(s[i]) && digits[k] < 4) {
            parts[k] = parts[k] * 10 + (s[i++] - '0');
            ++digits[k];
        }
        if (k < 2) {
            if (i >= s.size() || (separator != 0 && s[i] != separator) ||
                (s[i] != '/' && s[i] != '.' && s[i] != '-')) {
                return std::nullopt;
            }
            separator = s[i++];
        }
    }
    if (i < s.size() && is_digit(s[i])) {
        return std::nullopt;
    }
    if (digits[0] > 2 || digits[1] > 2 || (digits[2] != 2 && digits[2] != 4)) {
        return std::nullopt;
    }
    // A two-digit year in a log's due-date cell is of this century.
    const int year = digits[2] == 2 ? 2000 + parts[2] : parts[2];
    if (!dates::is_valid_date(year, parts[1], parts[0])) {
        return std::nullopt;
    }
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, parts[1], parts[0]);
    return std::string(buf);
}

}  // namespace

std::optional<std::string> cell_date(std::string_view cell) {
    for (std::size_t i = 0; i < cell.size(); ++i) {
        if (is_digit(cell[i]) && (i == 0 || !is_digit(cell[i - 1]))) {
            if (auto date = numeric_date(cell, i)) {
                return date;
            }
        }
    }
    if (auto date = dates::find_date(cell)) {
        return date->value;
    }
    return std::nullopt;
}

std::vector<ActionLog> find_action_logs(std::string_view text, const std::vector<Line>& lines,
                                        const std::vector<bool>& furniture) {
    std::vector<ActionLog> logs;
    TableReader reader(text, lines, furniture);
    for (std::size_t i = 0; i < lines.size(); ++i) {
        if (lines[i].blank() || furniture[i] || lines[i].text.size() > 400) {
            continue;
        }
        const auto header = reader.header_at(i);
        if (!header) {
            continue;
        }
        ActionLog log = reader.read(*header, i);
        log.first = reader.heading_above(i);
        i = log.last;
        if (!log.actions.empty()) {
            logs.push_back(std::move(log));
        }
    }
    return logs;
}

}  // namespace kpproc::structure::detail
