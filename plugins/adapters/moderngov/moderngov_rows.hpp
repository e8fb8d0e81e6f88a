#pragma once
// The lines a ModernGov page's parser reads. Most text renderings keep the page's blocks on lines
// of their own; HTML-to-Markdown converters that merge table cells do not: the item table comes
// out as "No. | Item |", "---|---|", then one line per row holding the title, the agenda text,
// "Additional documents:", "Decision:" and "Minutes:" run together, closed by " |" and a line of
// bare "|". Those rows are split back into the lines the page shows, as views into the text, so
// every span still points at the words it came from.

#include <string_view>
#include <vector>

#include "kpproc/lines.hpp"

namespace kpproc::moderngov {

struct PageLines {
    std::vector<lines::Line> lines;
    // Where each row of a collapsed item table starts (its title line): each row is one item,
    // whether or not it has a label.
    std::vector<std::size_t> row_starts;
};

// The text's lines, with the rows of a collapsed Markdown item table split into title,
// description, label and text lines.
PageLines page_lines(std::string_view text);

// Where the agenda text begins in a collapsed row's first cell ("Apologies for Absence To
// receive any apologies …"): after a document link ("… PDF 246 KB"), or at the first word
// that opens a sentence the way agenda descriptions do ("To receive", "Members are", "The
// draft minutes"). npos when the cell is all title.
std::size_t description_start(std::string_view cell);

// "[11]PDF 288 KB" -> "PDF 288 KB": the "[n]" reference markers a text browser puts before
// each link, taken out of a title.
std::string without_link_markers(std::string_view s);

}  // namespace kpproc::moderngov
