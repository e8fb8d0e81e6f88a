#pragma once
// Action logs laid out as tables: a header row naming the columns (Ref / Date raised / Action /
// Owner / Due date / Status / Update, in the many wordings bodies use), then one row per action.
// Three layouts are read:
//
//  * fixed columns, as `pdftotext -layout` gives a PDF table: the column boundaries come from
//    the header words' positions, cells wrap over several lines, rows may be separated by
//    blank lines, and the header row is repeated after a page break;
//  * tab-separated cells, as a Word table copied as text;
//  * pipe tables, as Markdown writes them ("| Ref | Action | Owner |").
//
// A table is an action log only when its header names an action column and at least one of
// owner, due date and status: an attendance table ("Name | Role") or a budget table
// ("Service | Budget | Forecast") is not one.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kpproc/lines.hpp"
#include "kpproc/model.hpp"

namespace kpproc::structure::detail {

struct ActionLog {
    std::size_t first = 0;          // the log's first line: its section heading or its header row
    std::size_t header = 0;         // its (first) header row
    std::size_t last = 0;           // its last line
    std::vector<Action> actions;    // one per row, in order
    std::vector<std::string> refs;  // the rows' Ref / No. cells, where the table has them
};

// The action-log tables among `lines` (views into `text`), in order. Lines marked in
// `furniture` (running headers, page numbers) are stepped over inside a table.
std::vector<ActionLog> find_action_logs(std::string_view text,
                                        const std::vector<kpproc::lines::Line>& lines,
                                        const std::vector<bool>& furniture);

// The full date a due-date cell gives ("31/03/2024", "31/03/24", "31.03.2024", "31 March
// 2024"), in ISO form; nothing for "Next meeting", "Q3" or "March 2024".
std::optional<std::string> cell_date(std::string_view cell);

}  // namespace kpproc::structure::detail
