// examine(): how much the head of a text looks like a meeting record, from its structure: a
// heading line near the top that names the record, a date there, attendance lists, numbered
// item headings in order, resolutions and actions. Signs of Markdown, code or data count
// against it, so a README with numbered lists is not a record.

#include <algorithm>
#include <array>
#include <functional>
#include <mutex>

#include "action_log.hpp"
#include "attendance.hpp"
#include "decision_table.hpp"
#include "header.hpp"
#include "kpproc/dates.hpp"
#include "kpproc/lines.hpp"
#include "kpproc/minutes.hpp"
#include "kpproc/structure/record.hpp"
#include "layout.hpp"
#include "markdown.hpp"
#include "table_cells.hpp"
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

bool word_is(std::string_view word, std::string_view lower_word) {
    if (word.size() != lower_word.size()) {
        return false;
    }
    return starts_with_nocase(word, lower_word);
}

// Words of policing bodies and of councils, counted near the top to tell a commissioner's board
// from a council committee (both mention the other).
struct PolicingSigns {
    std::size_t police = 0;
    std::size_t council = 0;
    bool board = false;  // "Board", "Accountability", "Audit Committee", "Action Log" near the top
    bool panel = false;  // a Police and Crime Panel is a council committee
    void add(std::string_view t, bool near_top) {
        std::string_view previous;
        for (std::string_view w : split_words(t)) {
            while (!w.empty() && !is_letter(w.back())) {
                w.remove_suffix(1);  // "Police," "Board:"
            }
            for (const std::string_view p : {"commissioner", "pcc", "opcc", "pfcc", "constable",
                                             "constabulary", "police", "policing", "mopac"}) {
                police += word_is(w, p) ? 1 : 0;
            }
            for (const std::string_view c : {"councillor", "cllr", "council", "councillors"}) {
                council += word_is(w, c) ? 1 : 0;
            }
            if (near_top) {
                board = board || word_is(w, "board") || word_is(w, "accountability") ||
                        (word_is(w, "committee") && word_is(previous, "audit")) ||
                        (word_is(w, "log") && word_is(previous, "action")) ||
                        (word_is(w, "account") && word_is(previous, "to")) ||
                        // A commissioner and chief constable deciding together: "Joint
                        // Executive", "Record of Decisions", "Decision Log".
                        (word_is(w, "executive") && word_is(previous, "joint")) ||
                        (word_is(w, "decisions") && word_is(previous, "of")) ||
                        (word_is(w, "log") && starts_with_nocase(previous, "decision"));
                panel = panel || word_is(w, "panel");
            }
            previous = w;
        }
        // "Office of the Police and Crime Commissioner for Ribbleshire", "POLICE & CRIME
        // COMMISSIONER FOR WESSEX VALE" heading the record: the commissioner's own meeting.
        const std::string l = lower(t);
        convened = convened || (near_top && l.find("commissioner") != std::string::npos &&
                                l.find("panel") == std::string::npos &&
                                split_words(t).size() <= 12 && t.back() != '.');
    }
    bool convened = false;  // a line naming the commissioner heads the record
    // A table of decisions (No. / Item / Decision / Ref) anywhere in the head: how a
    // commissioner's executive records what it decided, a board's record as much as its name.
    bool decision_table = false;
    bool policing_board() const {
        return (board || decision_table || convened) && !panel && police > council;
    }
};

}  // namespace

// How much of a text examine() reads: the signs of a record are in its first pages.
constexpr std::size_t kExaminedBytes = 12 * 1024;

static Evidence examine_uncached(std::string_view original) {
    Evidence e;
    // A page rendered to Markdown is read without its decoration (not counted as markup).
    const std::string plain =
        is_rendered_markdown(original) ? without_markdown(original) : std::string();
    const std::string_view text = plain.empty() ? original : std::string_view(plain);
    const std::vector<Line> lines = lines::split(text);
    const Layout layout = analyse(lines);
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
        if (content <= 40) {
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
        policing.decision_table =
            policing.decision_table ||
            (content <= 80 && is_decision_table_header(raw_line(text, lines[i])));
    }
    // The rows of an action log laid out as a table are actions too ("PAB/24/31 <TAB> 10.10.24
    // <TAB> Provide a breakdown …").
    for (const auto& log : find_action_logs(text, lines, layout.furniture)) {
        e.actions += log.actions.size();
    }
    e.policing_board = policing.policing_board();
    e.attendance_labels = layout.lists.size();
    e.item_headings = layout.items.size();
    return e;
}

Evidence examine(std::string_view text) {
    text = text.substr(0, kExaminedBytes);
    // Every text adapter asks about the same head in turn during detection: the last few
    // answers are kept, checked against the text's hash as well as its address. (Not in
    // thread_local storage: this library is loaded with plugins, and the dynamic TLS of a
    // library that is unloaded again trips LeakSanitizer at exit.)
    struct Answer {
        const char* data = nullptr;
        std::size_t size = 0;
        std::size_t hash = 0;
        Evidence evidence;
    };
    static std::mutex mutex;
    static std::array<Answer, 8> answers;
    static std::size_t next = 0;
    const std::size_t hash = std::hash<std::string_view>{}(text);
    {
        const std::lock_guard<std::mutex> lock(mutex);
        for (const auto& a : answers) {
            if (a.data == text.data() && a.size == text.size() && a.hash == hash) {
                return a.evidence;
            }
        }
    }
    Evidence evidence = examine_uncached(text);
    const std::lock_guard<std::mutex> lock(mutex);
    answers[next] = Answer{text.data(), text.size(), hash, evidence};
    next = (next + 1) % answers.size();
    return evidence;
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
