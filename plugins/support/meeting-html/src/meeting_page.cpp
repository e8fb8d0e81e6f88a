#include "kpproc/meeting_html/meeting_page.hpp"

#include <algorithm>
#include <array>
#include <map>
#include <optional>
#include <set>

#include "marked_text.hpp"
#include "style.hpp"

namespace kpproc::meeting_html {

namespace {

constexpr std::array<const char*, 12> kMonths = {"January",   "February", "March",    "April",
                                                 "May",       "June",     "July",     "August",
                                                 "September", "October",  "November", "December"};

// "2023-10-17" -> "17 October 2023"; anything else as it is.
std::string long_date(const std::string& iso) {
    if (iso.size() != 10 || iso[4] != '-' || iso[7] != '-') {
        return iso;
    }
    const int month = std::atoi(iso.substr(5, 2).c_str());
    const int day = std::atoi(iso.substr(8, 2).c_str());
    if (month < 1 || month > 12 || day < 1) {
        return iso;
    }
    return std::to_string(day) + " " + kMonths[static_cast<std::size_t>(month - 1)] + " " +
           iso.substr(0, 4);
}

// Attendance groups in the order a reader expects them, with their headings.
struct Group {
    const char* key;  // Attendee::group; "" for attendees whose group the source did not say
    const char* heading;
};
constexpr std::array<Group, 8> kGroups = {{{"present", "Present"},
                                           {"also_present", "Also present"},
                                           {"substitute", "Substitutes"},
                                           {"in_attendance", "In attendance"},
                                           {"officer", "Officers"},
                                           {"apologies", "Apologies"},
                                           {"absent", "Absent"},
                                           {"", "Attending"}}};

// Writes one meeting; `anchor_` prefixes every id it makes, so that several meetings can
// share a page.
class MeetingWriter {
public:
    MeetingWriter(const Document& doc, std::string_view anchor, std::string& out,
                  const EntityPage& entity_page)
        : doc_(doc), anchor_(anchor), out_(out), text_(doc, anchor), entity_page_(entity_page) {}

    void write() {
        out_ += "<article class=\"meeting\" id=\"";
        append_escaped(out_, anchor_);
        out_ += "\" aria-labelledby=\"";
        append_escaped(out_, anchor_);
        out_ += "-title\">\n";
        write_header();
        write_attendance();
        write_items();
        write_entities();
        write_notes();
        write_source();
        out_ += "</article>\n";
    }

private:
    // ---- Header and attendance ----------------------------------------------------------

    void write_header() {
        const Meeting& m = doc_.meeting;
        out_ += "<header>\n<h1 id=\"";
        append_escaped(out_, anchor_);
        out_ += "-title\">";
        append_escaped(out_, m.body.value_or(m.title.value_or(doc_.source.path)));
        out_ += "</h1>\n";
        if (m.body && m.title) {
            out_ += "<p class=\"subtitle\">";
            append_escaped(out_, *m.title);
            out_ += "</p>\n";
        }
        out_ += "<dl class=\"facts\">\n";
        fact("Date", m.date ? std::optional(long_date(*m.date)) : std::nullopt);
        fact("Time", m.time);
        fact("Venue", m.venue);
        fact("Status", m.status);
        fact("Contact", m.contact);
        out_ += "</dl>\n</header>\n";
    }

    void fact(const char* label, const std::optional<std::string>& value) {
        if (!value) {
            return;  // unknown is left out, never shown as a guess
        }
        out_ += "<dt>";
        out_ += label;
        out_ += "</dt><dd>";
        append_escaped(out_, *value);
        out_ += "</dd>\n";
    }

    void write_attendance() {
        if (doc_.attendance.empty()) {
            return;
        }
        section_start("attendance", "Attendance");
        for (const Group& g : kGroups) {
            std::vector<const Attendee*> people;
            for (const Attendee& a : doc_.attendance) {
                if (group_heading_of(a) == g.heading) {
                    people.push_back(&a);
                }
            }
            if (people.empty()) {
                continue;
            }
            out_ += "<h3>";
            out_ += g.heading;
            out_ += "</h3>\n<ul class=\"people\">\n";
            for (const Attendee* a : people) {
                write_attendee(*a);
            }
            out_ += "</ul>\n";
        }
        out_ += "</section>\n";
    }

    // The heading an attendee is listed under: their group's, or "Attending" when the source
    // named none (or one this page does not know).
    static std::string_view group_heading_of(const Attendee& a) {
        for (const Group& g : kGroups) {
            if (a.group && *a.group == g.key) {
                return g.heading;
            }
        }
        return kGroups.back().heading;
    }

    void write_attendee(const Attendee& a) {
        out_ += "<li>";
        if (a.title) {
            append_escaped(out_, *a.title + " ");
        }
        out_ += "<span class=\"name\">";
        append_escaped(out_, a.name);
        out_ += "</span>";
        if (a.honours) {
            append_escaped(out_, " " + *a.honours);
        }
        if (a.role) {
            out_ += " <span class=\"role\">(";
            append_escaped(out_, *a.role);
            out_ += ")</span>";
        }
        if (a.organisation) {
            out_ += ", <span class=\"org\">";
            append_escaped(out_, *a.organisation);
            out_ += "</span>";
        }
        out_ += "</li>\n";
    }

    // ---- Items ----------------------------------------------------------------------------

    void write_items() {
        if (doc_.items.empty()) {
            return;
        }
        section_start("items", "Items");
        const std::string* section = nullptr;
        for (std::size_t i = 0; i < doc_.items.size(); ++i) {
            const Item& item = doc_.items[i];
            if (item.section && (section == nullptr || *section != *item.section)) {
                out_ += "<p class=\"part\">";
                append_escaped(out_, *item.section);
                out_ += "</p>\n";
                section = &*item.section;
            }
            write_item(item, i + 1);
        }
        out_ += "</section>\n";
    }

    void write_item(const Item& item, std::size_t position) {
        const std::string id = std::string(anchor_) + "-item-" + std::to_string(position);
        out_ += "<section class=\"item\" aria-labelledby=\"" + id + "\">\n<h3 id=\"" + id + "\">";
        if (item.number) {
            out_ += "<span class=\"num\">";
            append_escaped(out_, *item.number);
            out_ += "</span> ";
        }
        append_escaped(out_, item.title.value_or("Untitled item"));
        out_ += "</h3>\n";
        if (item.truncated) {
            out_ += "<p class=\"note\">The source shows only part of this item.</p>\n";
        }
        if (!item.description.empty()) {
            out_ += "<div class=\"description\">\n";
            write_paragraphs(item.description);
            out_ += "</div>\n";
        }
        write_paragraphs(item.paragraphs);
        write_resolutions(item.resolutions);
        write_actions(item.actions);
        write_questions(item.questions);
        write_item_extras(item);
        out_ += "</section>\n";
    }

    void write_paragraphs(const std::vector<Paragraph>& list) {
        for (const Paragraph& p : list) {
            write_paragraph(p);
        }
    }

    void write_paragraph(const Paragraph& p) {
        out_ += p.heading ? "<div class=\"para subheading\">" : "<div class=\"para\">";
        out_ += "<p>";
        page_marker(p.span);
        if (p.number) {
            out_ += "<span class=\"num\">";
            append_escaped(out_, *p.number);
            out_ += "</span> ";
        }
        text_.append(p.span, p.text, out_);
        out_ += "</p>";
        if (!p.speakers.empty()) {
            out_ += "<aside class=\"speakers\" aria-label=\"Who spoke\">";
            for (std::size_t k = 0; k < p.speakers.size(); ++k) {
                out_ += k == 0 ? "" : "<br>";
                text_.append_entity_link(p.speakers[k].entity, p.speakers[k].name, out_);
            }
            out_ += "</aside>";
        }
        out_ += "\n";
        if (!p.children.empty()) {
            out_ += "<div class=\"children\">\n";
            write_paragraphs(p.children);
            out_ += "</div>\n";
        }
        out_ += "</div>\n";
    }

    // "p. 3" where the text moves onto another page of the source.
    void page_marker(const std::optional<Span>& span) {
        if (!span) {
            return;
        }
        const auto page = doc_.page_at(span->begin);
        if (page && page != last_page_) {
            out_ += "<span class=\"page\">p. " + std::to_string(*page) + "</span> ";
            last_page_ = page;
        }
    }

    void write_resolutions(const std::vector<Resolution>& list) {
        for (const Resolution& r : list) {
            out_ += "<div class=\"resolution\"><p><span class=\"label\">Resolution</span> ";
            page_marker(r.span);
            text_.append(r.span, r.text, out_);
            out_ += "</p></div>\n";
        }
    }

    void write_actions(const std::vector<Action>& list) {
        if (list.empty()) {
            return;
        }
        out_ +=
            "<table class=\"actions\">\n<caption>Actions</caption>\n<thead><tr><th "
            "scope=\"col\">Action</th><th scope=\"col\">Owner</th><th scope=\"col\">Due</th><th "
            "scope=\"col\">Status</th></tr></thead>\n<tbody>\n";
        for (const Action& a : list) {
            out_ += "<tr><td>";
            text_.append(a.span, a.text, out_);
            out_ += "</td><td>";
            append_escaped(out_, a.owner.value_or(""));
            out_ += "</td><td>";
            append_escaped(out_, a.due ? long_date(*a.due) : "");
            out_ += "</td><td>";
            append_escaped(out_, a.status.value_or(""));
            if (a.note) {
                out_ += "<br><span class=\"note\">";
                append_escaped(out_, *a.note);
                out_ += "</span>";
            }
            out_ += "</td></tr>\n";
        }
        out_ += "</tbody>\n</table>\n";
    }

    void write_questions(const std::vector<Question>& list) {
        for (const Question& q : list) {
            out_ += "<div class=\"question\">\n<h4>Question";
            if (q.number) {
                append_escaped(out_, " " + *q.number);
            }
            out_ += "</h4>\n";
            if (q.asker && (q.asker->name || q.asker->organisation)) {
                out_ += "<p class=\"asker\">Asked by ";
                append_escaped(out_, q.asker->name.value_or(""));
                if (q.asker->organisation) {
                    append_escaped(out_, (q.asker->name ? ", " : "") + *q.asker->organisation);
                }
                out_ += "</p>\n";
            }
            if (!q.text.empty()) {
                out_ += "<p>";
                text_.append(q.span, q.text, out_);
                out_ += "</p>\n";
            }
            if (!q.answers.empty()) {
                out_ += "<div class=\"answer\">\n<h5>Answer</h5>\n";
                write_paragraphs(q.answers);
                out_ += "</div>\n";
            }
            out_ += "</div>\n";
        }
    }

    // Decision references, documents and events: short lists under the item.
    void write_item_extras(const Item& item) {
        if (!item.decisions.empty()) {
            out_ += "<p class=\"extra\">Decisions: ";
            for (std::size_t k = 0; k < item.decisions.size(); ++k) {
                append_escaped(out_, (k == 0 ? "" : ", ") + item.decisions[k].ref);
            }
            out_ += "</p>\n";
        }
        if (!item.documents.empty()) {
            out_ += "<ul class=\"documents\" aria-label=\"Documents\">\n";
            for (const DocumentRef& d : item.documents) {
                out_ += "<li>";
                append_escaped(out_, d.title.value_or("Document"));
                if (d.type || d.size_kb) {
                    std::string about = d.type.value_or("");
                    if (d.size_kb) {
                        about += (about.empty() ? "" : ", ") +
                                 std::to_string(static_cast<long long>(*d.size_kb + 0.5)) + " KB";
                    }
                    append_escaped(out_, " (" + about + ")");
                }
                out_ += "</li>\n";
            }
            out_ += "</ul>\n";
        }
        for (const Event& e : item.events) {
            out_ += "<p class=\"extra\">The meeting ";
            append_escaped(out_, e.kind);
            if (e.time) {
                append_escaped(out_, " at " + *e.time);
            }
            out_ += ".</p>\n";
        }
    }

    // ---- Entities, notes and the source ---------------------------------------------------

    void write_entities() {
        if (doc_.entities.empty()) {
            return;
        }
        section_start("entities", "People, bodies and other names");
        std::map<std::string, std::vector<const Entity*>> by_type;
        for (const Entity& e : doc_.entities) {
            by_type[e.type].push_back(&e);
        }
        for (const auto& [type, list] : by_type) {
            out_ += "<h3>";
            append_escaped(out_, type_label(type));
            out_ += "</h3>\n<ul class=\"entities\">\n";
            for (const Entity* e : list) {
                write_entity(*e);
            }
            out_ += "</ul>\n";
        }
        out_ += "</section>\n";
    }

    void write_entity(const Entity& e) {
        out_ += "<li id=\"";
        append_escaped(out_, text_.entity_anchor(e.id));
        out_ += "\"><span class=\"name\">";
        append_escaped(out_, e.name);
        out_ += "</span>";
        if (const std::string page = entity_page_ ? entity_page_(e) : std::string();
            !page.empty()) {
            out_ += " <a class=\"elsewhere\" href=\"";
            append_escaped(out_, page);
            out_ += "\">in other meetings</a>";
        }
        for (const auto& [key, value] : e.attributes) {
            if (!value.is_string() || value.as_string().empty()) {
                continue;
            }
            out_ += " <span class=\"attr\">";
            append_escaped(out_, key + ": ");
            const std::string& v = value.as_string();
            if (text_.has_entity(v)) {
                text_.append_entity_link(v, text_.entity_name(v), out_);
            } else {
                append_escaped(out_, v);
            }
            out_ += "</span>";
        }
        out_ += " <span class=\"count\">(" + std::to_string(e.mentions.size()) +
                (e.mentions.size() == 1 ? " mention" : " mentions") + ")</span></li>\n";
    }

    static std::string type_label(const std::string& type) {
        std::string label = type;
        std::transform(label.begin() + 1, label.end(), label.begin() + 1,
                       [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        std::replace(label.begin(), label.end(), '_', ' ');
        return label;
    }

    // What kpproc could not read, as its warnings said: the reader should know.
    void write_notes() {
        std::vector<const Diagnostic*> warnings;
        for (const Diagnostic& d : doc_.diagnostics) {
            if (d.severity != "info") {
                warnings.push_back(&d);
            }
        }
        if (warnings.empty()) {
            return;
        }
        section_start("notes", "Notes on this record");
        out_ += "<ul>\n";
        for (const Diagnostic* d : warnings) {
            out_ += "<li>";
            append_escaped(out_, d->message);
            out_ += "</li>\n";
        }
        out_ += "</ul>\n</section>\n";
    }

    void write_source() {
        out_ += "<footer class=\"source\"><p>From ";
        append_escaped(out_, doc_.source.path);
        if (doc_.source.adapter) {
            out_ += ", read by ";
            append_escaped(out_, *doc_.source.adapter);
        }
        out_ += ".</p></footer>\n";
    }

    void section_start(const char* key, const char* heading) {
        const std::string id = std::string(anchor_) + "-" + key;
        out_ += "<section class=\"" + std::string(key) + "\" aria-labelledby=\"" + id +
                "\">\n<h2 id=\"" + id + "\">" + heading + "</h2>\n";
    }

    const Document& doc_;
    std::string_view anchor_;
    std::string& out_;
    MarkedText text_;
    const EntityPage& entity_page_;
    std::optional<std::uint32_t> last_page_;
};

}  // namespace

void append_escaped(std::string& out, std::string_view text) {
    for (const char c : text) {
        switch (c) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '"':
                out += "&quot;";
                break;
            case '\'':
                out += "&#39;";
                break;
            default:
                out += c;
        }
    }
}

std::string meeting_title(const Document& doc) {
    const Meeting& m = doc.meeting;
    std::string title = m.body.value_or(m.title.value_or(doc.source.path));
    if (m.date) {
        title += ", " + long_date(*m.date);
    }
    return title;
}

void append_meeting(const Document& doc, std::string_view anchor, std::string& out,
                    const EntityPage& entity_page) {
    MeetingWriter(doc, anchor, out, entity_page).write();
}

void append_page_start(std::string_view title, std::string& out) {
    out +=
        "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        "<meta name=\"generator\" content=\"kpproc\">\n<title>";
    append_escaped(out, title);
    out += "</title>\n<style>\n";
    out += kStyleSheet;
    out += "</style>\n</head>\n<body>\n<main>\n";
}

void append_page_end(std::string& out) {
    out += "</main>\n</body>\n</html>\n";
}

void append_index(const std::vector<IndexEntry>& entries, std::string& out) {
    out +=
        "<nav class=\"index\" aria-labelledby=\"index-title\">\n<h2 id=\"index-title\">"
        "Meetings on this page</h2>\n<ol>\n";
    for (const IndexEntry& e : entries) {
        out += "<li><a href=\"#";
        append_escaped(out, e.anchor);
        out += "\">";
        append_escaped(out, e.title);
        out += "</a></li>\n";
    }
    out += "</ol>\n</nav>\n";
}

}  // namespace kpproc::meeting_html
