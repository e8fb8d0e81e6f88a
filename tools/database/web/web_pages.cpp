#include "web_pages.hpp"

#include <Poco/URI.h>

#include <map>

#include "kpproc/json.hpp"
#include "kpproc/meeting_html/meeting_page.hpp"

namespace kpproc::cli::web {

namespace {

using kpproc::meeting_html::append_escaped;

std::string escaped(const std::string& text) {
    std::string out;
    append_escaped(out, text);
    return out;
}

// A path segment or query value, percent-encoded.
std::string encoded(const std::string& text) {
    std::string out;
    Poco::URI::encode(text, "/?#&=+:;%", out);
    return out;
}

// The app's own additions to the meeting pages' style sheet.
constexpr const char* kAppStyle = R"css(<style>
nav.site { display: flex; gap: 1.25rem; border-bottom: 1px solid var(--rule);
           padding-bottom: .5rem; margin-bottom: 1.25rem; }
form.search { display: grid; grid-template-columns: repeat(auto-fill, minmax(11rem, 1fr));
              gap: .5rem 1rem; align-items: end; margin-bottom: 1.5rem; }
form.search label { display: flex; flex-direction: column; font-size: .9rem; gap: .15rem; }
form.search .words { grid-column: 1 / -1; }
form.search input, form.search select { font: inherit; padding: .3rem .4rem; }
form.search button { font: inherit; padding: .35rem 1rem; }
.hits { list-style: none; padding: 0; }
.hits li { border-bottom: 1px solid var(--rule); padding: .6rem 0; }
.hits mark { background: #ffe88a; color: inherit; }
.meta { color: var(--muted); font-size: .9rem; }
table.list { border-collapse: collapse; width: 100%; }
table.list th, table.list td { text-align: left; padding: .3rem .5rem; vertical-align: top;
                               border-bottom: 1px solid var(--rule); }
svg.timeline { max-width: 100%; height: auto; }
svg.timeline rect { fill: var(--accent); }
svg.timeline text { font-size: 11px; fill: var(--ink); }
</style>
)css";

std::string page_start(const std::string& title) {
    std::string out;
    kpproc::meeting_html::append_page_start(title, out);
    // The app's own style sheet joins the meeting pages' in the head.
    const auto head_end = out.find("</head>");
    out.insert(head_end, kAppStyle);
    out +=
        "<nav class=\"site\" aria-label=\"Site\"><a href=\"/\">Search</a><a "
        "href=\"/people\">People</a><a href=\"/bodies\">Bodies</a><a href=\"/api\">API</a>"
        "</nav>\n";
    return out;
}

std::string page_end(std::string out) {
    kpproc::meeting_html::append_page_end(out);
    return out;
}

std::string meeting_label(const MeetingRef& m) {
    std::string label = m.body.value_or(m.title.value_or(m.path));
    if (m.date) {
        label += ", " + *m.date;
    }
    return label;
}

std::string meeting_link(const MeetingRef& m) {
    return "<a href=\"/meetings/" + encoded(m.id) + "\">" + escaped(meeting_label(m)) + "</a>";
}

// The snippet with the words that matched marked: FTS5 puts \x01 … \x02 around them.
std::string marked_snippet(const std::string& snippet) {
    std::string out;
    for (const char c : snippet) {
        if (c == '\x01') {
            out += "<mark>";
        } else if (c == '\x02') {
            out += "</mark>";
        } else {
            append_escaped(out, std::string_view(&c, 1));
        }
    }
    return out;
}

void search_field(std::string& out, const char* name, const char* label, const std::string& value,
                  const char* type = "text") {
    out += std::string("<label") + (std::string(name) == "q" ? " class=\"words\"" : "") + ">" +
           label + " <input type=\"" + type + "\" name=\"" + name + "\" value=\"" + escaped(value) +
           "\"></label>\n";
}

void search_form(std::string& out, const SearchRequest& r) {
    out += "<form class=\"search\" method=\"get\" action=\"/\" role=\"search\">\n";
    search_field(out, "q", "Words", r.query, "search");
    search_field(out, "body", "Body", r.body);
    search_field(out, "from", "From", r.from, "date");
    search_field(out, "to", "To", r.to, "date");
    search_field(out, "person", "Person", r.person);
    out += "<label>Type <select name=\"type\">";
    for (const char* kind : {"", "paragraph", "resolution", "question", "action"}) {
        out += std::string("<option value=\"") + kind + "\"" + (r.kind == kind ? " selected" : "") +
               ">" + (*kind == '\0' ? "any" : kind) + "</option>";
    }
    out += "</select></label>\n<button type=\"submit\">Search</button>\n</form>\n";
}

// Bars of a count per year, as an image with its numbers in words for those who cannot see it.
std::string timeline(const std::map<std::string, long long>& per_year, const std::string& what) {
    if (per_year.empty()) {
        return {};
    }
    long long most = 1;
    std::string words;
    for (const auto& [year, n] : per_year) {
        most = std::max(most, n);
        words += (words.empty() ? "" : ", ") + year + ": " + std::to_string(n);
    }
    const int bar = 36;
    const int width = static_cast<int>(per_year.size()) * (bar + 8) + 8;
    std::string svg = "<svg class=\"timeline\" role=\"img\" aria-label=\"" + escaped(what) +
                      " per year: " + escaped(words) + "\" width=\"" + std::to_string(width) +
                      "\" height=\"140\" viewBox=\"0 0 " + std::to_string(width) + " 140\">";
    int x = 8;
    for (const auto& [year, n] : per_year) {
        const long long h = 100 * n / most;
        svg += "<rect x=\"" + std::to_string(x) + "\" y=\"" + std::to_string(110 - h) +
               "\" width=\"" + std::to_string(bar) + "\" height=\"" + std::to_string(h) +
               "\"></rect><text x=\"" + std::to_string(x) + "\" y=\"125\">" + escaped(year) +
               "</text><text x=\"" + std::to_string(x) + "\" y=\"" + std::to_string(106 - h) +
               "\">" + std::to_string(n) + "</text>";
        x += bar + 8;
    }
    return svg + "</svg>\n";
}

std::string year_of(const std::optional<std::string>& date) {
    return date && date->size() >= 4 ? date->substr(0, 4) : "undated";
}

}  // namespace

std::string search_page(const SearchRequest& r, const std::vector<Hit>& hits) {
    std::string out = page_start(r.query.empty() ? "Search the meetings" : "Search: " + r.query);
    out += "<h1>Search the meetings</h1>\n";
    search_form(out, r);
    if (!r.query.empty()) {
        out += "<p class=\"meta\" role=\"status\">" + std::to_string(hits.size()) +
               (hits.size() == 1 ? " passage" : " passages") + " found.</p>\n<ol class=\"hits\">\n";
        for (const Hit& h : hits) {
            const MeetingRef m{h[document_id_column].value_or(""), h[body_column], std::nullopt,
                               h[date_column], h[path_column].value_or("")};
            out += "<li>" + meeting_link(m) + "<div class=\"meta\">" +
                   escaped(h[kind_column].value_or(""));
            if (h[item_title_column]) {
                out += " in " +
                       escaped(h[item_number_column].value_or("") + " " + *h[item_title_column]);
            }
            if (h[speaker_column]) {
                out += " · " + escaped(*h[speaker_column]);
            }
            if (h[page_column]) {
                out += " · page " + escaped(*h[page_column]);
            }
            out += "</div><p>" + marked_snippet(h[snippet_column].value_or("")) + "</p></li>\n";
        }
        out += "</ol>\n";
    }
    return page_end(std::move(out));
}

std::string meeting_page(const Document& doc) {
    std::string out = page_start(kpproc::meeting_html::meeting_title(doc));
    // A person named here links to their page across the archive.
    kpproc::meeting_html::append_meeting(doc, "meeting", out, [](const Entity& e) {
        return e.type == "PERSON" ? "/people/" + encoded(e.id) : std::string();
    });
    return page_end(std::move(out));
}

std::string people_page(const std::string& filter, const std::vector<PersonSummary>& people) {
    std::string out = page_start("People");
    out +=
        "<h1>People</h1>\n<form class=\"search\" method=\"get\" action=\"/people\" "
        "role=\"search\"><label class=\"words\">Name <input type=\"search\" name=\"q\" "
        "value=\"" +
        escaped(filter) + "\"></label><button type=\"submit\">Find</button></form>\n";
    out +=
        "<table class=\"list\"><caption>The people the meetings name, most often named "
        "first</caption><thead><tr><th scope=\"col\">Name</th><th scope=\"col\">Meetings</th>"
        "</tr></thead><tbody>\n";
    for (const auto& p : people) {
        out += "<tr><td><a href=\"/people/" + encoded(p.id) + "\">" + escaped(p.name) +
               "</a></td><td>" + std::to_string(p.meetings) + "</td></tr>\n";
    }
    out += "</tbody></table>\n";
    return page_end(std::move(out));
}

std::string person_page(const Person& p) {
    std::string out = page_start(p.name);
    out += "<h1>" + escaped(p.name) + "</h1>\n<p class=\"meta\">" + escaped(p.id) + " · named in " +
           std::to_string(p.meetings.size()) + (p.meetings.size() == 1 ? " meeting" : " meetings") +
           "</p>\n";
    std::map<std::string, long long> per_year;
    for (const auto& m : p.meetings) {
        ++per_year[year_of(m.meeting.date)];
    }
    out += timeline(per_year, "Meetings");
    out +=
        "<h2>Meetings</h2>\n<table class=\"list\"><thead><tr><th scope=\"col\">Meeting</th><th "
        "scope=\"col\">Named as</th><th scope=\"col\">Mentions</th><th scope=\"col\">Spoke in"
        "</th></tr></thead><tbody>\n";
    for (const auto& m : p.meetings) {
        out += "<tr><td>" + meeting_link(m.meeting) + "</td><td>" + escaped(m.name) + "</td><td>" +
               std::to_string(m.mentions) + "</td><td>" + std::to_string(m.spoke) + "</td></tr>\n";
    }
    out += "</tbody></table>\n";
    if (!p.roles.empty()) {
        out += "<h2>Roles held</h2>\n<ul>\n";
        for (const auto& r : p.roles) {
            out += "<li>" + escaped(r.role) + ", " + meeting_link(r.meeting) + "</li>\n";
        }
        out += "</ul>\n";
    }
    if (!p.questions.empty()) {
        out += "<h2>Questions asked</h2>\n<ul>\n";
        for (const auto& q : p.questions) {
            out += "<li>" + escaped(q.text) + " <span class=\"meta\">(" + meeting_link(q.meeting) +
                   ")</span></li>\n";
        }
        out += "</ul>\n";
    }
    return page_end(std::move(out));
}

std::string bodies_page(const std::vector<BodySummary>& bodies) {
    std::string out = page_start("Bodies");
    out +=
        "<h1>Bodies</h1>\n<table class=\"list\"><thead><tr><th scope=\"col\">Body</th><th "
        "scope=\"col\">Meetings</th><th scope=\"col\">From</th><th scope=\"col\">To</th></tr>"
        "</thead><tbody>\n";
    for (const auto& b : bodies) {
        out += "<tr><td><a href=\"/bodies/" + encoded(b.name) + "\">" + escaped(b.name) +
               "</a></td><td>" + std::to_string(b.meetings) + "</td><td>" +
               escaped(b.first.value_or("")) + "</td><td>" + escaped(b.last.value_or("")) +
               "</td></tr>\n";
    }
    out += "</tbody></table>\n";
    return page_end(std::move(out));
}

std::string body_page(const std::string& body, const std::vector<MeetingRef>& meetings) {
    std::string out = page_start(body);
    out += "<h1>" + escaped(body) + "</h1>\n<p class=\"meta\">" + std::to_string(meetings.size()) +
           (meetings.size() == 1 ? " meeting" : " meetings") + "</p>\n";
    std::map<std::string, long long> per_year;
    for (const auto& m : meetings) {
        ++per_year[year_of(m.date)];
    }
    out += timeline(per_year, "Meetings");
    out += "<ol>\n";
    for (const auto& m : meetings) {
        out += "<li>" + meeting_link(m) + "</li>\n";
    }
    out += "</ol>\n";
    return page_end(std::move(out));
}

std::string api_page() {
    std::string out = page_start("API");
    out += R"html(<h1>API</h1>
<p>Every page has its JSON beside it. Each answer is UTF-8 JSON; a bad request is a 400 whose
body is <code>{"status": 400, "error": "why"}</code>, an unknown one a 404.</p>
<table class="list"><thead><tr><th scope="col">Request</th><th scope="col">Answer</th></tr></thead>
<tbody>
<tr><td><code>/api/search?q=WORDS&amp;body=&amp;from=YYYY-MM-DD&amp;to=YYYY-MM-DD&amp;person=&amp;type=&amp;limit=20</code></td>
<td>The passages that match, best first, as <code>kpproc search --json</code> gives them; each with its meeting's <code>document_id</code>. <code>q</code> is required (FTS5 syntax: words, "a phrase", OR, NOT, prefix*); <code>type</code> is paragraph, resolution, question or action; <code>limit</code> 1 to 200.</td></tr>
<tr><td><code>/api/meetings/ID</code></td><td>The meeting as a kpproc JSON document (the document model, version 1).</td></tr>
<tr><td><code>/api/people/ID</code></td><td>A person (an entity id such as <code>person:scott.m</code>): the meetings that name them, the roles they held, the questions they asked.</td></tr>
<tr><td><code>/api/bodies</code></td><td>The bodies, with how many meetings each has and the first and last dates.</td></tr>
</tbody></table>
)html";
    return page_end(std::move(out));
}

std::string error_page(int status, const std::string& reason) {
    std::string out = page_start("Error " + std::to_string(status));
    out += "<h1>" + std::to_string(status) + (status == 404 ? ": not found" : ": not answered") +
           "</h1>\n<p>" + escaped(reason) + "</p>\n<p><a href=\"/\">Search the meetings</a></p>\n";
    return page_end(std::move(out));
}

std::string hits_json(const std::vector<Hit>& hits) {
    std::string out;
    json::Writer w(out, 2);
    w.begin_array();
    const char* keys[] = {"kind",        "document",   "body",   "date",
                          "item_number", "item_title", "speaker"};
    for (const Hit& h : hits) {
        w.begin_object();
        for (std::size_t c = 0; c < std::size(keys); ++c) {
            w.key(keys[c]);
            h[c] ? w.string(*h[c]) : w.null();
        }
        w.key("page");
        h[page_column] ? w.integer(std::stoll(*h[page_column])) : w.null();
        w.key("document_id").integer(std::stoll(h[document_id_column].value_or("0")));
        std::string plain = h[snippet_column].value_or("");
        std::erase_if(plain, [](char c) { return c == '\x01' || c == '\x02'; });
        w.key("snippet").string(plain);
        w.end_object();
    }
    w.end_array();
    return out;
}

namespace {

void meeting_json(json::Writer& w, const MeetingRef& m) {
    w.key("meeting").begin_object();
    w.key("id").integer(std::stoll(m.id.empty() ? "0" : m.id));
    w.key("body");
    m.body ? w.string(*m.body) : w.null();
    w.key("date");
    m.date ? w.string(*m.date) : w.null();
    w.key("path").string(m.path);
    w.end_object();
}

}  // namespace

std::string person_json(const Person& p) {
    std::string out;
    json::Writer w(out, 2);
    w.begin_object().key("id").string(p.id).key("name").string(p.name);
    w.key("meetings").begin_array();
    for (const auto& m : p.meetings) {
        w.begin_object();
        meeting_json(w, m.meeting);
        w.key("named_as").string(m.name).key("mentions").integer(m.mentions);
        w.key("spoke_in").integer(m.spoke).end_object();
    }
    w.end_array().key("roles").begin_array();
    for (const auto& r : p.roles) {
        w.begin_object().key("role").string(r.role);
        meeting_json(w, r.meeting);
        w.end_object();
    }
    w.end_array().key("questions").begin_array();
    for (const auto& q : p.questions) {
        w.begin_object().key("text").string(q.text);
        meeting_json(w, q.meeting);
        w.end_object();
    }
    w.end_array().end_object();
    return out;
}

std::string bodies_json(const std::vector<BodySummary>& bodies) {
    std::string out;
    json::Writer w(out, 2);
    w.begin_array();
    for (const auto& b : bodies) {
        w.begin_object().key("body").string(b.name).key("meetings").integer(b.meetings);
        w.key("first");
        b.first ? w.string(*b.first) : w.null();
        w.key("last");
        b.last ? w.string(*b.last) : w.null();
        w.end_object();
    }
    w.end_array();
    return out;
}

}  // namespace kpproc::cli::web
