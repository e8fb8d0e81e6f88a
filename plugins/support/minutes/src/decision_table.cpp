#include "decision_table.hpp"

#include <algorithm>
#include <iterator>
#include <optional>
#include <string>

#include "actions.hpp"
#include "kpproc/minutes.hpp"
#include "kpproc/text.hpp"
#include "table_cells.hpp"
#include "words.hpp"

namespace kpproc::structure::detail {

namespace {

using lines::Line;

enum class Field { key, title, decision, ref, action, owner, due, other };

struct Column {
    Field field = Field::other;
    std::size_t at = 0;
    std::string label;
};

struct Header {
    Grid grid = Grid::spaces;
    std::vector<Column> columns;
    std::size_t end = 0;  // the line after the header row
    bool keyed() const { return columns.front().field == Field::key; }
    std::optional<std::size_t> column(Field f) const {
        for (std::size_t c = 0; c < columns.size(); ++c) {
            if (columns[c].field == f) {
                return c;
            }
        }
        return std::nullopt;
    }
};

bool contains(const std::string& s, std::string_view part) {
    return s.find(part) != std::string::npos;
}

bool has_digit(std::string_view s) {
    return std::any_of(s.begin(), s.end(), [](char c) { return is_digit(c); });
}

bool is_one_of(const std::string& l, std::initializer_list<std::string_view> words) {
    return std::any_of(words.begin(), words.end(), [&](std::string_view w) { return l == w; });
}

// What a header cell names. The order matters: "Decision ref" is a reference, "Reason for
// decision" and "Decision maker" are neither decision nor item, "Action agreed" is an action.
Field field_of(std::string_view label) {
    std::string l = lower(text::collapse_whitespace(label));
    while (!l.empty() && (l.back() == ':' || l.back() == '.' || l.back() == '*')) {
        l.pop_back();
    }
    if (is_one_of(l, {"no", "number", "#", "item no", "minute", "minute no", "min no", "min",
                      "agenda no", "agenda item no", "item number"})) {
        return Field::key;
    }
    if (contains(l, "ref") || contains(l, "decision no") || contains(l, "decision number")) {
        return Field::ref;
    }
    if (contains(l, "reason") || contains(l, "maker") || contains(l, "taken by") ||
        contains(l, "call-in") || contains(l, "call in")) {
        return Field::other;
    }
    if (contains(l, "owner") || contains(l, "lead") || contains(l, "responsib") ||
        contains(l, "by whom") || l == "who" || l == "action by") {
        return Field::owner;
    }
    if (contains(l, "due") || contains(l, "deadline") || contains(l, "by when") ||
        contains(l, "timescale")) {
        return Field::due;
    }
    if (contains(l, "action") && !contains(l, "decision")) {
        return Field::action;
    }
    if (contains(l, "decision") || contains(l, "resolution") || contains(l, "resolved") ||
        contains(l, "outcome") || contains(l, "agreed") || contains(l, "conclusion")) {
        return Field::decision;
    }
    if (is_one_of(l, {"item", "subject", "title", "topic", "report", "matter", "issue", "paper",
                      "agenda item", "item title", "report title", "business"})) {
        return Field::title;
    }
    return Field::other;
}

// "No. | Item | Decision": an "Item" column holds the items' titles unless a Subject or Title
// column does; then it holds their numbers.
void settle_item_column(Header& h) {
    const auto titles = std::count_if(h.columns.begin(), h.columns.end(),
                                      [](const Column& c) { return c.field == Field::title; });
    if (titles < 2) {
        return;
    }
    for (auto& c : h.columns) {
        if (c.field == Field::title && lower(c.label).starts_with("item")) {
            c.field = &c == &h.columns.front() ? Field::key : Field::other;
            return;
        }
    }
}

// The header a line gives, if its cells name the columns of a decision table: one item
// column, one decision column, at most two it does not know, and no cell that reads as data
// (a digit, a long phrase).
std::optional<Header> header_of(std::string_view raw) {
    Header h;
    h.grid = grid_of(raw);
    const auto cells = cells_of(raw, h.grid);
    if (cells.size() < 2 || cells.size() > 8) {
        return std::nullopt;
    }
    for (const auto& cell : cells) {
        if (has_digit(cell.text) || split_words(cell.text).size() > 4 || cell.text.size() > 40) {
            return std::nullopt;
        }
        h.columns.push_back(Column{field_of(cell.text), cell.at, std::string(cell.text)});
    }
    // A reference column first numbers the rows: "Ref | Subject | Decision".
    if (h.columns.front().field == Field::ref) {
        h.columns.front().field = Field::key;
    }
    settle_item_column(h);
    const auto count = [&](Field f) {
        return std::count_if(h.columns.begin(), h.columns.end(),
                             [f](const Column& c) { return c.field == f; });
    };
    if (count(Field::title) != 1 || count(Field::decision) != 1 || count(Field::other) > 2) {
        return std::nullopt;
    }
    return h;
}

// (column index, words) for each cell of a line.

// One row of the table: the pieces of each cell, line by line.
class Row {
public:
    explicit Row(std::size_t columns) : cells_(columns) {}
    bool empty() const { return empty_; }
    void add(const Placed& placed) {
        lines_.push_back(placed);
        for (const auto& [column, words] : placed) {
            cells_[column].push_back(words);
            empty_ = false;
        }
    }
    const std::vector<std::string_view>& pieces(std::size_t column) const { return cells_[column]; }
    const std::vector<Placed>& lines() const { return lines_; }
    std::string cell(std::optional<std::size_t> column) const {
        return column ? joined(cells_[*column]) : std::string();
    }
    // Pieces joined over their lines; a word broken at a hyphen is joined again.
    static std::string joined(const std::vector<std::string_view>& pieces) {
        std::string out;
        for (const auto piece : pieces) {
            const bool broken = out.size() >= 2 && out.back() == '-' &&
                                is_letter(out[out.size() - 2]) && is_lower(piece.front());
            out += out.empty() || broken ? "" : " ";
            out += piece;
        }
        return text::collapse_whitespace(out);
    }

private:
    std::vector<std::vector<std::string_view>> cells_;
    std::vector<Placed> lines_;
    bool empty_ = true;
};

// The words a line places in `column`, or empty.
std::string_view placed_in(const Placed& placed, std::optional<std::size_t> column) {
    for (const auto& [c, words] : placed) {
        if (column && c == *column) {
            return words;
        }
    }
    return {};
}

// "–", "-", "None", "N/A", "Nil": a cell that says nothing.
bool says_nothing(std::string_view cell) {
    const std::string l = lower(lines::trim(cell));
    return l.empty() || is_one_of(l, {"-", "\xE2\x80\x93", "\xE2\x80\x94", "none", "none.", "n/a",
                                      "n/a.", "nil", "nil.", "tbc", "na"});
}

// "Decision:", "Decision –", "RESOLVED:", "Agreed –": the length of a decision label starting
// `piece`, or 0.
std::size_t decision_label(std::string_view piece) {
    for (const std::string_view word : {"decisions", "decision", "resolved", "agreed"}) {
        if (!starts_with_nocase(piece, word)) {
            continue;
        }
        std::string_view rest = piece.substr(word.size());
        const std::size_t before = rest.size();
        rest = lines::trim(rest);
        for (const std::string_view mark : {":", "\xE2\x80\x93", "\xE2\x80\x94", "-"}) {
            if (rest.starts_with(mark) && (before > rest.size() || mark == ":")) {
                rest.remove_prefix(mark.size());
                return piece.size() - lines::trim(rest).size();
            }
        }
    }
    return 0;
}

// The item cell as a title: without a closing full stop or colon, and without the "(Key
// decision)" mark a cabinet's sheet puts under the subject of a key decision.
std::string title_of(std::string title) {
    const std::string l = lower(title);
    for (const std::string_view mark : {"(key decision)", "(key decision.)", "(kd)"}) {
        if (l.ends_with(mark)) {
            title = std::string(lines::trim(title.substr(0, title.size() - mark.size())));
            break;
        }
    }
    while (!title.empty() && (title.back() == '.' || title.back() == ':')) {
        title.pop_back();
    }
    return title;
}

enum class Kind { plain, decision, action };

// A run of a cell's pieces: before any label, or from one label to the next.
struct Segment {
    Kind kind = Kind::plain;
    std::vector<std::string_view> pieces;  // the first without its label
    std::optional<ActionLabel> label;      // for an action
};

std::vector<Segment> segments_of(const std::vector<std::string_view>& pieces) {
    std::vector<Segment> out;
    for (const auto piece : pieces) {
        const std::size_t decided = decision_label(piece);
        const auto action = decided > 0 ? std::nullopt : action_label(piece);
        if (decided > 0 || action) {
            Segment s{decided > 0 ? Kind::decision : Kind::action, {}, action};
            const std::string_view rest = decided > 0 ? piece.substr(decided) : action->rest;
            if (!lines::trim(rest).empty()) {
                s.pieces.push_back(lines::trim(rest));
            }
            out.push_back(std::move(s));
            continue;
        }
        if (out.empty()) {
            out.push_back(Segment{});
        }
        out.back().pieces.push_back(piece);
    }
    return out;
}

Span span_of(std::string_view text, const std::vector<std::string_view>& pieces) {
    const auto begin = static_cast<std::size_t>(pieces.front().data() - text.data());
    const auto end =
        static_cast<std::size_t>(pieces.back().data() + pieces.back().size() - text.data());
    return Span{begin, end};
}

// What the whole table says about its decision column: whether some cells label their
// decisions, and whether the column is named for decisions or only for outcomes.
struct DecisionColumn {
    std::size_t index = 0;
    bool labelled = false;  // some cell has "Decision:": only labelled words are decisions
    bool decides = false;   // "Decision", "Resolution", "Agreed": every cell is a decision
};

// Reads one table from its header row on: rows and their wrapped cells, up to the first line
// that does not keep to its columns or three blank lines.
class TableReader {
public:
    TableReader(std::string_view text, const std::vector<Line>& lines,
                const std::vector<bool>& furniture)
        : text_(text), lines_(lines), furniture_(furniture) {}

    std::optional<Header> header_at(std::size_t i) const {
        auto h = header_of(raw_line(text_, lines_[i]));
        if (h) {
            h->end = i + 1;
        }
        return h;
    }

    DecisionTable read(const Header& header, std::size_t at) {
        DecisionTable table;
        table.first = table.header = at;
        table.last = at;
        std::vector<std::pair<std::size_t, Row>> rows;
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
            const auto placed = place(header, raw);
            if (!placed || placed->empty()) {
                break;
            }
            if (rows.empty() || starts_row(header, rows.back().second, *placed, blanks > 0)) {
                rows.emplace_back(j, Row(header.columns.size()));
            }
            rows.back().second.add(*placed);
            table.last = j;
            blanks = 0;
        }
        read_rows(header, rows, table);
        return table;
    }

private:
    // Whether a line opens a new row. With a number column first, words there do (unless they
    // continue a number that wrapped, in a table whose rows are apart by blank lines). Without
    // one, words in the item column do after a blank line, or on any line of tabs or pipes.
    static bool starts_row(const Header& h, const Row& row, const Placed& placed,
                           bool after_blank) {
        const std::size_t lead = h.keyed() ? 0 : *h.column(Field::title);
        const bool lead_words = std::any_of(placed.begin(), placed.end(),
                                            [lead](const auto& p) { return p.first == lead; });
        if (!lead_words) {
            return false;
        }
        if (h.grid != Grid::spaces) {
            return true;
        }
        return after_blank || (h.keyed() && has_digit(row.cell(0)));
    }

    void read_rows(const Header& h, const std::vector<std::pair<std::size_t, Row>>& rows,
                   DecisionTable& table) const {
        DecisionColumn dc;
        dc.index = *h.column(Field::decision);
        const std::string label = lower(h.columns[dc.index].label);
        dc.decides = !contains(label, "outcome") && !contains(label, "conclusion");
        for (const auto& [line, row] : rows) {
            for (const auto& s : segments_of(row.pieces(dc.index))) {
                dc.labelled = dc.labelled || s.kind == Kind::decision;
            }
        }
        for (const auto& [line, row] : rows) {
            if (auto item = item_of(h, row, dc)) {
                table.items.push_back(std::move(*item));
                table.item_lines.push_back(line);
            }
        }
    }

    std::optional<Item> item_of(const Header& h, const Row& row, const DecisionColumn& dc) const {
        const auto title_column = *h.column(Field::title);
        const auto& title_pieces = row.pieces(title_column);
        if (title_pieces.empty()) {
            return std::nullopt;  // a stray line under the table
        }
        Item item;
        std::string number = h.keyed() ? row.cell(0) : std::string();
        while (!number.empty() && (number.back() == '.' || number.back() == ')')) {
            number.pop_back();
        }
        if (!says_nothing(number)) {
            item.number = number;
        }
        item.title = title_of(row.cell(title_column));
        item.title_span = span_of(text_, title_pieces);
        read_decision_cell(row.pieces(dc.index), dc, item);
        read_action_columns(h, row, item);
        const std::string ref = row.cell(h.column(Field::ref));
        if (!says_nothing(ref)) {
            item.decisions.push_back(
                Decision{ref, span_of(text_, row.pieces(*h.column(Field::ref)))});
        }
        return item;
    }

    void read_decision_cell(const std::vector<std::string_view>& pieces, const DecisionColumn& dc,
                            Item& item) const {
        for (const auto& s : segments_of(pieces)) {
            if (s.pieces.empty()) {
                continue;
            }
            const std::string words = Row::joined(s.pieces);
            const Span span = span_of(text_, s.pieces);
            if (s.kind == Kind::action) {
                Action a = read_action(words, span);
                a.span = span;
                if (!a.owner) {
                    a.owner = s.label->owner;
                }
                item.actions.push_back(std::move(a));
                continue;
            }
            const bool decision = s.kind == Kind::decision ||
                                  (!dc.labelled && (dc.decides || minutes::is_resolution(words)));
            if (decision && !says_nothing(words)) {
                item.resolutions.push_back(Resolution{words, span});
            }
        }
    }

    // An Action column's cell is the row's action, with the Owner and Due cells beside it. In
    // fixed columns the cell wraps over the row's lines; with tabs or pipes a cell cannot wrap,
    // so each line under the row's number is an action of its own.
    void read_action_columns(const Header& h, const Row& row, Item& item) const {
        const auto column = h.column(Field::action);
        if (!column) {
            return;
        }
        if (h.grid == Grid::spaces) {
            add_action(row.pieces(*column), row.cell(h.column(Field::owner)),
                       row.cell(h.column(Field::due)), item);
            return;
        }
        for (const auto& line : row.lines()) {
            const std::string_view words = placed_in(line, column);
            if (!words.empty()) {
                add_action({words}, std::string(placed_in(line, h.column(Field::owner))),
                           std::string(placed_in(line, h.column(Field::due))), item);
            }
        }
    }

    void add_action(const std::vector<std::string_view>& pieces, const std::string& owner,
                    const std::string& due, Item& item) const {
        const std::string words = Row::joined(pieces);
        if (pieces.empty() || says_nothing(words)) {
            return;
        }
        const Span span = span_of(text_, pieces);
        Action a = read_action(words, span);
        a.span = span;
        if (!says_nothing(owner)) {
            a.owner = owner;
        }
        if (const auto date = cell_date(due)) {
            a.due = date;
        }
        item.actions.push_back(std::move(a));
    }

    std::string_view text_;
    const std::vector<Line>& lines_;
    const std::vector<bool>& furniture_;
};

}  // namespace

std::vector<DecisionTable> find_decision_tables(std::string_view text,
                                                const std::vector<Line>& lines,
                                                const std::vector<bool>& furniture) {
    std::vector<DecisionTable> tables;
    TableReader reader(text, lines, furniture);
    for (std::size_t i = 0; i < lines.size(); ++i) {
        if (lines[i].blank() || furniture[i] || lines[i].text.size() > 400) {
            continue;
        }
        const auto header = reader.header_at(i);
        if (!header) {
            continue;
        }
        DecisionTable table = reader.read(*header, i);
        i = table.last;
        // In fixed columns, one unnumbered row under two words apart ("Item   Decision") is
        // not yet a table: it takes a number column, or rows to show the columns.
        const bool shown =
            header->grid != Grid::spaces || header->keyed() || table.items.size() >= 2;
        if (!table.items.empty() && shown) {
            tables.push_back(std::move(table));
        }
    }
    return tables;
}

bool is_decision_table_header(std::string_view raw) {
    return header_of(raw).has_value();
}

bool in_decision_tables(const std::vector<DecisionTable>& tables, std::size_t i) {
    return std::any_of(tables.begin(), tables.end(),
                       [i](const DecisionTable& t) { return i >= t.first && i <= t.last; });
}

void drop_logs_in_tables(std::vector<ActionLog>& logs, const std::vector<DecisionTable>& tables) {
    std::erase_if(logs,
                  [&](const ActionLog& log) { return in_decision_tables(tables, log.header); });
}

void end_lists_at_tables(std::vector<ListBlock>& lists, const std::vector<Line>& lines,
                         const std::vector<DecisionTable>& tables) {
    for (auto& list : lists) {
        for (const auto& table : tables) {
            if (table.first <= list.first || table.first > list.last) {
                continue;
            }
            std::size_t last = table.first - 1;
            while (last > list.first && lines[last].blank()) {
                --last;
            }
            const char* end = lines[last].text.data() + lines[last].text.size();
            if (end > list.list.data() && end < list.list.data() + list.list.size()) {
                list.list = std::string_view(list.list.data(),
                                             static_cast<std::size_t>(end - list.list.data()));
            }
            list.last = last;
        }
    }
}

void merge_table_items(Document& doc, std::vector<std::size_t>& item_lines,
                       std::vector<DecisionTable>& tables) {
    for (auto& table : tables) {
        for (std::size_t k = 0; k < table.items.size(); ++k) {
            const auto at =
                std::upper_bound(item_lines.begin(), item_lines.end(), table.item_lines[k]);
            const auto index = at - item_lines.begin();
            item_lines.insert(at, table.item_lines[k]);
            doc.items.insert(doc.items.begin() + index, std::move(table.items[k]));
        }
    }
}

}  // namespace kpproc::structure::detail
