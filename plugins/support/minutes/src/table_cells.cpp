#include "table_cells.hpp"

#include <algorithm>

namespace kpproc::structure::detail {

namespace {

using lines::Line;

// Fixed columns: cells are runs of words apart by two spaces or more; `at` counts characters.
std::vector<Cell> space_cells(std::string_view raw) {
    std::vector<Cell> cells;
    std::size_t col = 0;
    std::size_t gap = 2;  // spaces since the last word; the line start counts as a gap
    for (std::size_t i = 0; i < raw.size(); ++i) {
        const bool nbsp = raw[i] == '\xC2' && i + 1 < raw.size() && raw[i + 1] == '\xA0';
        if (raw[i] == ' ' || raw[i] == '\t' || nbsp) {
            gap += raw[i] == '\t' ? 2 : 1;
            i += nbsp ? 1 : 0;
            ++col;
            continue;
        }
        if ((static_cast<unsigned char>(raw[i]) & 0xC0) == 0x80) {
            continue;  // a UTF-8 continuation byte: the same character
        }
        if (gap >= 2 || cells.empty()) {
            cells.push_back(Cell{raw.substr(i, 0), col, 0});
        }
        Cell& cell = cells.back();
        std::size_t next = i + 1;
        while (next < raw.size() && (static_cast<unsigned char>(raw[next]) & 0xC0) == 0x80) {
            ++next;
        }
        cell.text = std::string_view(
            cell.text.data(), static_cast<std::size_t>(raw.data() + next - cell.text.data()));
        cell.width = col + 1 - cell.at;
        gap = 0;
        ++col;
    }
    return cells;
}

// Tabs or pipes: cells are what the separators divide; `at` is the cell's index.
std::vector<Cell> separated_cells(std::string_view raw, char separator) {
    if (separator == '|') {
        raw = lines::trim(raw);
        raw.remove_prefix(raw.starts_with("|") ? 1 : 0);
        raw.remove_suffix(raw.ends_with("|") ? 1 : 0);
    }
    std::vector<Cell> cells;
    std::size_t index = 0;
    for (std::size_t start = 0; start <= raw.size(); ++index) {
        const std::size_t end = std::min(raw.find(separator, start), raw.size());
        const std::string_view cell = lines::trim(raw.substr(start, end - start));
        if (!cell.empty()) {
            cells.push_back(Cell{cell, index, 0});
        }
        start = end + 1;
    }
    return cells;
}

}  // namespace

// The line as the text has it, with its leading white space (which places its first cell).
std::string_view raw_line(std::string_view text, const lines::Line& line) {
    std::size_t b = line.begin;
    while (b > 0 && text[b - 1] != '\n') {
        --b;
    }
    return text.substr(b, line.begin + line.text.size() - b);
}

Grid grid_of(std::string_view raw) {
    const std::string_view t = lines::trim(raw);
    if (t.starts_with("|")) {
        return Grid::pipes;
    }
    return t.find('\t') != std::string_view::npos ? Grid::tabs : Grid::spaces;
}

std::vector<Cell> cells_of(std::string_view raw, Grid grid) {
    switch (grid) {
        case Grid::tabs:
            return separated_cells(raw, '\t');
        case Grid::pipes:
            return separated_cells(raw, '|');
        case Grid::spaces:
            break;
    }
    return space_cells(raw);
}

// "|---|:---:|": the rule under a Markdown table's header.
bool is_rule(std::string_view raw) {
    const std::string_view t = lines::trim(raw);
    return t.find('-') != std::string_view::npos &&
           t.find_first_not_of("|-: ") == std::string_view::npos;
}
TableStep step_of(const std::vector<lines::Line>& lines, const std::vector<bool>& furniture,
                  std::string_view text, std::size_t j, std::size_t& blanks) {
    if (furniture[j]) {
        return TableStep::pass;
    }
    if (lines[j].blank()) {
        return ++blanks >= 3 ? TableStep::end : TableStep::pass;
    }
    return is_rule(raw_line(text, lines[j])) ? TableStep::pass : TableStep::content;
}

}  // namespace kpproc::structure::detail
