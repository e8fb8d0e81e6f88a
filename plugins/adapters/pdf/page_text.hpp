// From the text of each page of a PDF, as the PDF library lays it out (one string a page, lines
// at their places, columns side by side), to one text for the structure engine, with each
// page's span in it:
//
//  * prose set in two columns is read down the left column, then the right (columns.hpp);
//  * page furniture goes: lines at the top or bottom of the pages that come back on most of
//    them ("Ashcombe District Council - Licensing Committee - 12 March 2024", "Page 3 of 9",
//    a document's path), compared with their digits set aside, and page numbers standing alone
//    at a page's edge;
//  * a paragraph cut by the page end goes on: when a page ends mid-sentence and the next one
//    starts in lower case, no blank line comes between them;
//  * a word hyphenated at a line's end is made whole again ("recommen-" / "dation" becomes
//    "recommendation"), unless its first part is a prefix that keeps its hyphen ("co-", "self-",
//    "non-": "self-assessment").
//
// The text of each line is otherwise as the layout gave it, so that columns stay columns.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "kpproc/model.hpp"

namespace kp_pdf {

struct AssembledText {
    std::string text;
    std::vector<kpproc::Page> pages;   // one per page given, numbered from 1
    std::size_t furniture_lines = 0;   // lines left out as running headers, footers, numbers
    std::size_t rejoined_words = 0;    // words hyphenated at a line end, made whole
    std::size_t continued_pages = 0;   // pages whose first paragraph goes on from the last page
    std::size_t two_column_pages = 0;  // pages of prose in two columns, read column by column
};

// `pages`: each page's text in UTF-8, lines separated by '\n'.
AssembledText assemble_pages(const std::vector<std::string>& pages);

}  // namespace kp_pdf
