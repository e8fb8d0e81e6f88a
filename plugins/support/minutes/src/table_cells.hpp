#pragma once
// The cells of a line of a table kept as text, shared by the readers of tables (action logs,
// decision tables). Three grids are seen in records:
//
//  * fixed columns, as `pdftotext -layout` gives a PDF table: cells are runs of words apart
//    by two spaces or more, placed by the character they start at;
//  * tab-separated cells, as a Word table copied as text;
//  * pipe tables, as Markdown writes them ("| Ref | Action | Owner |").

#include <algorithm>
#include <cstddef>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

#include "kpproc/lines.hpp"

namespace kpproc::structure::detail {

enum class Grid { spaces, tabs, pipes };

// A cell of one physical line: its words and where it starts (in characters from the start of
// the line for fixed columns, as an index for tabs and pipes).
struct Cell {
    std::string_view text;
    std::size_t at = 0;
    std::size_t width = 0;  // characters, for fixed columns
};

// The line as the text has it, with its leading white space (which places its first cell).
std::string_view raw_line(std::string_view text, const lines::Line& line);

// The grid a line is written in: pipes when it starts with "|", tabs when it has one.
Grid grid_of(std::string_view raw);

// The cells of a raw line in `grid`; empty cells are left out (their index counts).
std::vector<Cell> cells_of(std::string_view raw, Grid grid);

// "|---|:---:|" or "-----": the rule under a table's header or between its rows.
bool is_rule(std::string_view raw);

// A line under a table's header, as its readers step through them: page furniture, rules and
// single blank lines are passed over; three blank lines end the table.
enum class TableStep { pass, end, content };
TableStep step_of(const std::vector<lines::Line>& lines, const std::vector<bool>& furniture,
                  std::string_view text, std::size_t j, std::size_t& blanks);

// The cells of one line, each with the index of the header's column it stands in.
using Placed = std::vector<std::pair<std::size_t, std::string_view>>;

// The column of a table's header (any header with a `grid` and `columns` that have an `at`)
// that a cell starting at character `at` stands in: the last one starting before it, allowing
// a cell to start two characters left of its header word.
template <class Header>
std::size_t column_at(const Header& h, std::size_t at) {
    std::size_t k = 0;
    for (std::size_t c = 0; c < h.columns.size(); ++c) {
        if (h.columns[c].at <= at + 2) {
            k = c;
        }
    }
    return k;
}

// The cells of a line placed in the header's columns, or nullopt when the line does not keep
// to them: prose running across the columns, or a line without separators in a tab or pipe
// table.
template <class Header>
std::optional<Placed> place(const Header& h, std::string_view raw) {
    if ((h.grid == Grid::pipes && !lines::trim(raw).starts_with("|")) ||
        (h.grid == Grid::tabs && raw.find('\t') == std::string_view::npos)) {
        return std::nullopt;
    }
    Placed placed;
    for (const auto& cell : cells_of(raw, h.grid)) {
        if (h.grid != Grid::spaces) {
            placed.emplace_back(std::min(cell.at, h.columns.size() - 1), cell.text);
            continue;
        }
        const std::size_t k = column_at(h, cell.at);
        if (k + 1 < h.columns.size() && cell.at + cell.width > h.columns[k + 1].at + 1) {
            return std::nullopt;  // the words cross into the next column
        }
        placed.emplace_back(k, cell.text);
    }
    return placed;
}

}  // namespace kpproc::structure::detail
