#pragma once
// ModernGov pages as a browser saves them as text: "Agenda and minutes" meeting pages
// (ieListDocuments.aspx) and single agenda items (mgAi.aspx). See DESIGN.md for the page
// structure this reflects.

#include <string_view>

#include "kpproc/model.hpp"

namespace kpproc::moderngov {

// Fills doc.meeting and doc.items from doc.text (already decoded and normalised).
void parse_text_page(Document& doc);

// How much `head` looks like a saved ModernGov page, with the reason; 0 when it does not.
double text_page_confidence(std::string_view head, std::string* reason);

// "• Agenda and minutes" -> "Agenda and minutes": a menu entry's bullet taken off.
std::string_view strip_bullet(std::string_view s);

// A page's own heading: "Agenda and minutes", "Agenda item", "Decision details", ….
bool is_page_heading(std::string_view s);

}  // namespace kpproc::moderngov
