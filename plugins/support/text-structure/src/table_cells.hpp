#pragma once
// The cells of a line of a table kept as text, shared by the readers of tables (action logs,
// decision tables). Three grids are seen in records:
//
//  * fixed columns, as `pdftotext -layout` gives a PDF table: cells are runs of words apart
//    by two spaces or more, placed by the character they start at;
//  * tab-separated cells, as a Word table copied as text;
//  * pipe tables, as Markdown writes them ("| Ref | Action | Owner |").

#include <cstddef>
#include <string_view>
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

}  // namespace kpproc::structure::detail
