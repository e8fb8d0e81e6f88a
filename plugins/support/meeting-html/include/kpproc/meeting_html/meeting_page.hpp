#pragma once
// One meeting as a person reads it, in HTML: the header (body, date, venue), who attended in
// their groups, the items with their minutes, resolutions and actions set apart, questions
// with their askers and answers, speakers in the margin, the entities marked in the text, and
// the source's page numbers. Shared by kp.exporter.html and the tools that show a meeting.
//
// Self-contained: the page carries its own style sheet, loads nothing and needs no script.
// Accessible: one h1, headings in order, landmarks, tables with headers, and every marked
// entity a link (so reachable by keyboard) whose type and value show on hover and on focus.

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "kpproc/model.hpp"

namespace kpproc::meeting_html {

// Appends `text` to `out`, escaped for HTML text and attribute values.
void append_escaped(std::string& out, std::string_view text);

// The meeting's title as a page or an index shows it: "Kent and Medway Police and Crime Panel,
// 17 October 2023", falling back to the title and then the source's path.
std::string meeting_title(const Document& doc);

// Where an entity has a page of its own beyond this meeting (a web app's page of a person
// across the archive): its address, or an empty string for none.
using EntityPage = std::function<std::string(const Entity&)>;

// The meeting as an <article> (its id `anchor`, for an index to link to), appended to `out`.
// With `entity_page`, the list of the meeting's entities links each to its own page.
void append_meeting(const Document& doc, std::string_view anchor, std::string& out,
                    const EntityPage& entity_page = {});

// A whole page's start (doctype, head with the style sheet, <body><main>) and end.
void append_page_start(std::string_view title, std::string& out);
void append_page_end(std::string& out);

// For a page of several meetings: a list of them, linking to their articles.
struct IndexEntry {
    std::string anchor;
    std::string title;
};
void append_index(const std::vector<IndexEntry>& entries, std::string& out);

}  // namespace kpproc::meeting_html
