#pragma once
// Minutes published as documents on a committee website rather than as ModernGov's item table:
// ModernGov's "Printed minutes" served as .htm (the minutes template, its "<AI1>" … "</AI1>"
// agenda-item markers left in the text), minutes shown as a page on a CMIS site, and the
// minutes pages of the in-house committee sites that came before both. They read as ordinary
// minutes once the site's furniture and the template's markers are out of the way, so the
// shared structure engine reads them.

#include <string_view>

#include "kpproc/model.hpp"

namespace kpproc::moderngov {

// Whether the page is a minutes document: the template's agenda-item markers, or none of the
// labels, item table headings and page kinds of ModernGov's own pages.
bool is_minutes_document(std::string_view text);

// Signs that the text was saved from a website: a breadcrumb ("Home > Your Council > …"), a
// "Skip to main content" link, a menu of " | " links, "Back to top", "Last updated:". How many.
int website_furniture(std::string_view head);

// Whether a line is one of ModernGov's agenda-item markers ("<AI12>", "</AI12>",
// "<TRAILER_SECTION>").
bool is_template_marker(std::string_view line);

// The .htm ModernGov serves for "Printed minutes": the template's title ("Minutes Template") or
// its closing "<TRAILER_SECTION>", with agenda-item markers. The markers alone are no sign: text
// converted from the PDF of the same minutes keeps them too.
bool is_printed_minutes_template(std::string_view head);

// Reads a minutes document into doc with the structure engine, after blanking (byte for byte,
// so every span still fits the text) the template's markers and the site's header and menus.
void read_minutes_document(Document& doc);

}  // namespace kpproc::moderngov
