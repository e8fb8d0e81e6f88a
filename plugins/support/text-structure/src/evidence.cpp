// examine(): how much the head of a text looks like a meeting record, from its structure: a
// heading line near the top that names the record, a date there, attendance lists, numbered
// item headings in order, resolutions and actions. Signs of Markdown, code or data count
// against it, so a README with numbered lists is not a record.

#include <algorithm>

#include "attendance.hpp"
#include "header.hpp"
#include "kpproc/dates.hpp"
#include "kpproc/lines.hpp"
#include "kpproc/minutes.hpp"
#include "kpproc/structure/record.hpp"
#include "layout.hpp"
#include "words.hpp"

namespace kpproc::structure {

namespace {

using namespace detail;
using kpproc::lines::Line;

bool is_markup(std::string_view t) {
    for (const std::string_view lead :
         {"```",       "# ",      "## ", "### ",  "| ---", "|---", "#include", "import ",
          "def ",      "{",       "}",   "<?xml", "<!--",  "$ ",   "- [",      "* [",
          "function ", "return ", "//",  "/*",    "[",     "]"}) {
        if (t.starts_with(lead)) {
            return true;
        }
    }
    return t.ends_with("{") || t.ends_with(";") || t.find("](") != std::string_view::npos ||
           t.find("`") != std::string_view::npos;
}

// Words of policing bodies and of councils, counted near the top to tell a commissioner's board
// from a council committee (both mention the other).
std::size_t count_words(const std::string& l, std::initializer_list<std::string_view> words) {
    std::size_t n = 0;
    for (const auto w : words) {
        for (auto at = l.find(w); at != std::string::npos; at = l.find(w, at + w.size())) {
            ++n;
        }
    }
    return n;
}

struct PolicingSigns {
    std::size_t police = 0;
    std::size_t council = 0;
    bool board = false;  // "Board", "Accountability", "Audit Committee", "Action Log" near the top
    bool panel = false;  // a Police and Crime Panel is a council committee
    void add(std::string_view t, bool near_top) {
        const std::string l = lower(t);
        police += count_words(l, {"commissioner", "pcc", "opcc", "pfcc", "chief constable",
                                  "constabulary", "police", "policing", "mopac", "force "});
        council += count_words(l, {"councillor", "cllr", "council"});
        if (near_top) {
            board = board || count_words(l, {"board", "accountability", "audit committee",
                                             "action log", "holding to account"}) > 0;
            panel = panel || l.find("panel") != std::string::npos;
        }
    }
    bool policing_board() const { return board && !panel && police > council; }
};

}  // namespace

Evidence examine(std::string_view text) {
    Evidence e;
    const std::vector<Line> lines = lines::split(text.substr(0, 64 * 1024));
    const Layout layout = analyse(text, lines);
    std::size_t content = 0;
    PolicingSigns policing;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        const auto t = lines[i].text;
        if (t.empty() || layout.furniture[i]) {
            continue;
        }
        ++content;
        const bool near_top = content <= 15;
        // An agenda pack opens with a covering letter: the record's own heading comes later.
        e.record_heading = e.record_heading || (content <= 40 && is_record_heading(t));
        e.date_near_top = e.date_near_top || (near_top && dates::find_date(t));
        if (content <= 60) {
            policing.add(t, near_top);
        }
        e.resolutions += minutes::is_resolution(t) || starts_with_nocase(t, "decision:") ||
                                 starts_with_nocase(t, "agreed:") ||
                                 starts_with_nocase(t, "it was agreed")
                             ? 1
                             : 0;
        e.actions += starts_with_nocase(t, "action") && t.size() > 7 &&
                             (t.find(':') != std::string_view::npos ||
                              t.find(" -") != std::string_view::npos ||
                              t.find("\xE2\x80\x93") != std::string_view::npos)
                         ? 1
                         : 0;
        e.markup += is_markup(t) ? 1 : 0;
    }
    e.policing_board = policing.policing_board();
    e.attendance_labels = layout.lists.size();
    e.item_headings = layout.items.size();
    return e;
}

double Evidence::confidence() const {
    // A record needs a sign of a meeting: numbered lists and dates alone are any document.
    const bool meeting = record_heading || attendance_labels > 0 || resolutions > 0 ||
                         (actions > 0 && item_headings > 0);
    if (!meeting || markup >= 3) {
        return 0.0;
    }
    double signs = (record_heading ? 2.0 : 0.0) + (date_near_top ? 1.0 : 0.0) +
                   1.5 * static_cast<double>(std::min<std::size_t>(attendance_labels, 2)) +
                   (item_headings >= 3   ? 2.0
                    : item_headings >= 1 ? 1.0
                                         : 0.0) +
                   static_cast<double>(std::min<std::size_t>(resolutions, 2)) +
                   0.5 * static_cast<double>(std::min<std::size_t>(actions, 2));
    return std::min(0.9, 0.2 + 0.09 * signs);
}

std::string Evidence::reason() const {
    std::string out;
    const auto add = [&](const std::string& s) { out += (out.empty() ? "" : ", ") + s; };
    if (record_heading) {
        add("a heading naming the record (Minutes, Agenda, Notes)");
    }
    if (date_near_top) {
        add("a date near the top");
    }
    if (attendance_labels > 0) {
        add(std::to_string(attendance_labels) + " attendance list(s)");
    }
    if (item_headings > 0) {
        add(std::to_string(item_headings) + " item heading(s)");
    }
    if (resolutions > 0) {
        add(std::to_string(resolutions) + " resolution(s)");
    }
    if (actions > 0) {
        add(std::to_string(actions) + " action(s)");
    }
    if (markup >= 3) {
        add("but Markdown, code or data lines");
    }
    return out.empty() ? "no sign of a meeting record" : out;
}

}  // namespace kpproc::structure
