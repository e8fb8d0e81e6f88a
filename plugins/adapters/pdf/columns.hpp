// Prose set in two columns, as the physical layout gives it (each line holds a line of the left
// column, a gutter of spaces, and a line of the right one), put back in reading order: the
// left column down, then the right. Columns that are lists or tables (attendance side by side,
// a table of actions) stay as they are: the structure engine reads those across.
#pragma once

#include <string>
#include <vector>

namespace kp_pdf {

// `lines`: one page's lines. Returns them with a block of two-column prose, if the page has
// one, read column after column (a blank line between the two); other lines where they were.
// `split` is set when it did.
std::vector<std::string> read_columns_in_order(const std::vector<std::string>& lines, bool& split);

}  // namespace kp_pdf
