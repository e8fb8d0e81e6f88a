#pragma once
// Records of decisions laid out as tables: a header row naming an item column (No. / Item /
// Subject / Title / Report) and a decision column (Decision / Outcome / Resolution / Decision
// made / Agreed), perhaps with a decision reference (Ref / Decision ref / Reference), an action
// and its owner or due date, then one row per agenda item. Commissioners' joint executives,
// cabinets' decision sheets and boards' "record of decisions" are kept this way. The grids of
// table_cells.hpp are read (fixed columns with wrapped cells, tabs, pipes), as action logs are.
//
// Each row is an item: its number from the No. column, its title from the item column (joined
// over the lines it wraps to), its decisions as resolutions, "Action A24/27: …" in a cell or
// the Action column as actions, and the Ref cell as a decision reference. Where some cells of
// the decision column carry a "Decision:" label, the column mixes notes with decisions and only
// the labelled words are decisions; otherwise every cell that says something is one.

#include <cstddef>
#include <string_view>
#include <vector>

#include "action_log.hpp"
#include "kpproc/lines.hpp"
#include "kpproc/model.hpp"
#include "layout.hpp"

namespace kpproc::structure::detail {

struct DecisionTable {
    std::size_t first = 0;                // the table's first line: its heading or its header row
    std::size_t header = 0;               // its header row
    std::size_t last = 0;                 // its last line
    std::vector<Item> items;              // one per row, in order
    std::vector<std::size_t> item_lines;  // the line each row starts on
};

// The decision tables among `lines` (views into `text`), in order. Lines marked in `furniture`
// (running headers, page numbers) are stepped over inside a table.
std::vector<DecisionTable> find_decision_tables(std::string_view text,
                                                const std::vector<lines::Line>& lines,
                                                const std::vector<bool>& furniture);

// Whether a line, as the text has it (with its indentation), is the header row of a decision
// table: a sign of a record of decisions for examine().
bool is_decision_table_header(std::string_view raw);

// Whether line `i` lies in one of the tables: its rows are read as items, not as headings.
bool in_decision_tables(const std::vector<DecisionTable>& tables, std::size_t i);

// Action logs whose header row is a decision table's (a table with Decision and Action / Owner
// columns reads as both): the decision table reads those rows, actions and all.
void drop_logs_in_tables(std::vector<ActionLog>& logs, const std::vector<DecisionTable>& tables);

// An attendance list that runs on into a decision table ends before it: the header row and
// its cells name no one.
void end_lists_at_tables(std::vector<ListBlock>& lists, const std::vector<lines::Line>& lines,
                         const std::vector<DecisionTable>& tables);

// Puts the tables' rows among doc.items by the line they start on; `item_lines` (the lines of
// doc.items, ascending) is kept in step.
void merge_table_items(Document& doc, std::vector<std::size_t>& item_lines,
                       std::vector<DecisionTable>& tables);

}  // namespace kpproc::structure::detail
