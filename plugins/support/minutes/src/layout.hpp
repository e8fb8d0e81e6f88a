#pragma once
// The layout of a whole record: which lines are page furniture, which are item headings (of the
// one numbering scheme the record uses), and where the attendance lists are.

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "headings.hpp"
#include "kpproc/lines.hpp"

namespace kpproc::structure::detail {

struct ItemStart {
    std::size_t line = 0;        // the heading's line
    std::size_t title_line = 0;  // where the title is (the next line for a bare number)
    std::optional<std::string> number;
    std::string_view title;
    std::string_view rest;  // the first sentence on the title's line, or empty
};

struct ListBlock {
    std::size_t first = 0;  // the label's line
    std::size_t last = 0;   // the list's last line
    std::string group;
    std::string_view list;  // the people, as one view into the text
};

struct Layout {
    std::vector<bool> furniture;   // per line: running headers, page numbers, paths
    std::vector<ItemStart> items;  // in order
    // Per line: the index in `items` of the item whose heading or title is on it, or -1.
    std::vector<long> item_at_line;
    bool is_item_line(std::size_t line) const { return item_at_line[line] >= 0; }
    std::vector<ListBlock> lists;  // attendance lists, in order
    std::size_t top_end = 0;       // lines before this are the record's header
};

// Analyses the lines of a record (views into its text).
Layout analyse(const std::vector<kpproc::lines::Line>& lines);

}  // namespace kpproc::structure::detail
