#pragma once
// ModernGov pages as a browser saves them as text: "Agenda and minutes" meeting pages
// (ieListDocuments.aspx) and single agenda items (mgAi.aspx). See DESIGN.md for the page
// structure this reflects.

#include <optional>
#include <string_view>

#include "kpproc/model.hpp"

namespace kpproc::moderngov {

// Fills doc.meeting and doc.items from doc.text (already decoded and normalised).
void parse_text_page(Document& doc);

// How much `head` looks like a saved ModernGov page, with the reason; 0 when it does not.
double text_page_confidence(std::string_view head, std::string* reason);

// "• Agenda and minutes" -> "Agenda and minutes": a menu entry's bullet taken off.
std::string_view strip_bullet(std::string_view s);

// "05/04/2023 - Council": the date and the body of a meeting reference, into `m` where its
// fields are still empty.
void read_meeting_reference(std::string_view s, Meeting& m);

// "Report - Scheme Summaries pdf icon PDF 145 KB": the document a link line names, titled
// without the link's type and size; nullopt for a line that names no document.
std::optional<DocumentRef> document_link(std::string_view line);

// A page's own heading: "Agenda and minutes", "Agenda item", "Decision details", ….
bool is_page_heading(std::string_view s);

}  // namespace kpproc::moderngov
