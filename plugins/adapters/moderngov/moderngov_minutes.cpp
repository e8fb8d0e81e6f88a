#include "moderngov_minutes.hpp"

#include <string>
#include <vector>

#include "kpproc/dates.hpp"
#include "kpproc/lines.hpp"
#include "kpproc/structure/record.hpp"
#include "kpproc/text.hpp"
#include "moderngov_text.hpp"

namespace kpproc::moderngov {

namespace {

using lines::Line;

bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

// Lines only ModernGov's own pages have: item labels, the item table's headings, the headings
// of item, issue, decision and attendance pages, links of the item table.
bool is_page_sign(std::string_view t) {
    t = strip_bullet(t);
    for (const std::string_view line :
         {"Minutes:", "Decision:", "Decisions:", "Additional documents:", "Supporting documents:",
          "Items", "No. Item", "Agenda item", "Issue - meetings", "Decision details",
          "Attendance details", "Share this item", "Meeting Details",
          // The older CeListDocuments page lists its items under this heading.
          "Index to Agendas",
          // A Welsh page's labels: minutes, decision, additional documents, its headings.
          "Cofnodion:", "Penderfyniad:", "Dogfennau ychwanegol:", "Agenda a chofnodion",
          "Eitem agenda"}) {
        if (t == line) {
            return true;
        }
    }
    for (const std::string_view start :
         {"No. |", "Agenda Item\t", "Attendee", "Decision maker:", "Meeting:", "Venue:", "Venue :",
          "Contact:", "View the full minutes text"}) {
        if (t.starts_with(start)) {
            return true;
        }
    }
    return t.find("pdf icon PDF") != std::string_view::npos ||
           t.find("pdf eicon PDF") != std::string_view::npos;
}

// "Home > Your Council > Committees > Minutes", "You are here: Home / Council": where the
// page is on the site.
bool is_breadcrumb(std::string_view t) {
    return (t.starts_with("Home >") || t.starts_with("Home \xE2\x80\xBA") ||
            t.starts_with("You are here")) &&
           t.size() < 200;
}

// "Text only | Accessibility | Site map", "[Back to top] | [Printer friendly version]": links
// of a site's menus, one short entry between each bar.
bool is_link_menu(std::string_view t) {
    std::size_t bars = 0;
    for (auto at = t.find(" | "); at != std::string_view::npos; at = t.find(" | ", at + 3)) {
        ++bars;
    }
    return bars >= 1 && t.size() < 120 && t.size() / (bars + 1) < 30 && !t.ends_with(".");
}

bool is_site_footer(std::string_view t) {
    return t.starts_with("Back to top") || t.starts_with("[Back to top]") ||
           t.starts_with("Last updated:") || t.starts_with("Page last updated") ||
           t.starts_with("Print this page") || t.starts_with("Skip to main content") ||
           t.starts_with("Skip to content");
}

// Blanks text[begin, end) byte for byte, keeping line breaks.
void blank(std::string& text, std::size_t begin, std::size_t end) {
    for (std::size_t i = begin; i < end; ++i) {
        if (text[i] != '\n') {
            text[i] = ' ';
        }
    }
}

// The site's header above the breadcrumb (the site's name, its menus), the menus and footer
// links, and the template's markers: none of it is the minutes'.
void blank_furniture(std::string& text) {
    const std::vector<Line> all = lines::split(text);
    std::size_t header_end = 0;
    for (std::size_t i = 0; i < all.size() && i < 15; ++i) {
        if (is_breadcrumb(all[i].text)) {
            header_end = all[i].begin + all[i].text.size();
        }
    }
    blank(text, 0, header_end);
    for (const Line& line : all) {
        const std::string_view t = line.text;
        if (line.begin >= header_end &&
            (is_template_marker(t) || is_link_menu(t) || is_site_footer(t))) {
            blank(text, line.begin, line.begin + t.size());
        }
    }
}

// U+00A0 as two spaces: the minutes template pads numbers and labels with it ("41.  Title").
void plain_spaces(std::string& text) {
    for (auto at = text.find("\xC2\xA0"); at != std::string::npos; at = text.find("\xC2\xA0", at)) {
        text[at] = ' ';
        text[at + 1] = ' ';
    }
}

// "Councillor Mrs Ashworth (Chairman) and", a blank line, "Councillors Boateng, …": the
// template puts each part of the Present list in a paragraph of its own; the parts are one list.
void join_attendance_parts(std::string& text) {
    const std::vector<Line> all = lines::split(text);
    for (std::size_t i = 0; i + 1 < all.size(); ++i) {
        const std::string_view t = all[i].text;
        if (!(t.starts_with("Councillor") || t.starts_with("Cllr")) || !t.ends_with(" and")) {
            continue;
        }
        std::size_t next = i + 1;
        while (next < all.size() && all[next].blank()) {
            ++next;
        }
        if (next < all.size() &&
            (all[next].text.starts_with("Councillor") || all[next].text.starts_with("Cllr"))) {
            for (std::size_t k = all[i].begin + t.size(); k < all[next].begin; ++k) {
                text[k] = ' ';  // the line breaks too: one line, one list
            }
        }
    }
}

// "MINUTES OF THE MEETING OF THE LICENSING COMMITTEE HELD AT THE COUNCIL OFFICES, MARKET HILL,
// NORTHMOOR ON", the date on the next line: the template's heading names the venue.
void read_template_venue(Document& doc) {
    if (doc.meeting.venue) {
        return;
    }
    std::size_t content = 0;
    for (const Line& line : lines::split(doc.text)) {
        if (line.blank() || ++content > 12) {
            continue;
        }
        const std::string upper = text::to_lower_ascii(line.text);
        const auto at = upper.find(" held at ");
        if (at != std::string::npos && upper.ends_with(" on")) {
            const auto venue = line.text.substr(at + 9, line.text.size() - at - 9 - 3);
            doc.meeting.venue = text::collapse_whitespace(venue);
            return;
        }
    }
}

// The template's last item, "Duration of the Meeting", gives the start: "6.30 p.m. to 7.42 p.m.".
void read_duration_item(Document& doc) {
    if (doc.meeting.time) {
        return;
    }
    for (const Item& item : doc.items) {
        if (!item.title || text::to_lower_ascii(*item.title) != "duration of the meeting") {
            continue;
        }
        const std::size_t begin = item.title_span ? item.title_span->end : 0;
        const std::string_view after = std::string_view(doc.text).substr(begin, 200);
        if (const auto time = dates::find_time(after)) {
            doc.meeting.time = time->value;
        }
    }
}

}  // namespace

bool is_template_marker(std::string_view t) {
    if (t == "<TRAILER_SECTION>" || t == "</TRAILER_SECTION>") {
        return true;
    }
    std::size_t pos = t.starts_with("</AI") ? 4 : t.starts_with("<AI") ? 3 : 0;
    if (pos == 0) {
        return false;
    }
    const std::size_t digits = pos;
    while (pos < t.size() && is_digit(t[pos])) {
        ++pos;
    }
    return pos > digits && pos + 1 == t.size() && t[pos] == '>';
}

bool is_printed_minutes_template(std::string_view head) {
    bool markers = false;
    bool template_sign = false;
    bool first = true;
    for (const Line& line : lines::split(head)) {
        if (line.blank()) {
            continue;
        }
        markers = markers || (is_template_marker(line.text) &&
                              line.text.find("TRAILER") == std::string_view::npos);
        template_sign = template_sign || (first && line.text == "Minutes Template") ||
                        line.text == "<TRAILER_SECTION>";
        first = false;
    }
    return markers && template_sign;
}

bool is_minutes_document(std::string_view text) {
    const std::vector<Line> all = lines::split(text);
    for (const Line& line : all) {
        if (is_template_marker(line.text)) {
            return true;
        }
    }
    for (const Line& line : all) {
        if (is_page_sign(line.text)) {
            return false;
        }
    }
    return true;
}

int website_furniture(std::string_view head) {
    bool breadcrumb = false;
    bool menu = false;
    bool footer = false;
    for (const Line& line : lines::split(head)) {
        breadcrumb = breadcrumb || (line.number < 15 && is_breadcrumb(line.text));
        menu = menu || is_link_menu(line.text);
        footer = footer || is_site_footer(line.text);
    }
    return (breadcrumb ? 1 : 0) + (menu ? 1 : 0) + (footer ? 1 : 0);
}

void read_minutes_document(Document& doc) {
    blank_furniture(doc.text);
    plain_spaces(doc.text);
    join_attendance_parts(doc.text);
    structure::read_record(doc);
    read_template_venue(doc);
    read_duration_item(doc);
}

}  // namespace kpproc::moderngov
