#include "moderngov_decisions.hpp"

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "kpproc/dates.hpp"
#include "kpproc/lines.hpp"
#include "kpproc/text.hpp"
#include "moderngov_text.hpp"

namespace kpproc::moderngov {

namespace {

using lines::Line;

bool starts_nocase(std::string_view s, std::string_view prefix) {
    return s.size() >= prefix.size() &&
           text::to_lower_ascii(s.substr(0, prefix.size())) == text::to_lower_ascii(prefix);
}

// "14/03/2025 - Title ref: 1184    Recommendations Approved": an entry's heading.
struct EntryHeading {
    std::string_view title;
    std::optional<std::string_view> ref;  // "1184"
};

// The title ends before " ref: N", or else before a gap of two spaces or a tab (the status
// column); a heading written on one line with single spaces keeps its status.
std::optional<EntryHeading> entry_heading(std::string_view line) {
    const std::string_view s = strip_bullet(line);
    // The heading opens with its date: "12/03/2025 - …", "12 March 2025 - …".
    if (s.empty() || s[0] < '0' || s[0] > '9') {
        return std::nullopt;
    }
    const auto date = dates::find_date(s);
    if (!date || date->begin != 0 || date->end > 12) {
        return std::nullopt;
    }
    std::string_view rest = lines::trim(s.substr(date->end));
    for (const std::string_view dash : {"- ", "\xE2\x80\x93 "}) {
        if (rest.starts_with(dash)) {
            rest = lines::trim(rest.substr(dash.size()));
            EntryHeading h{rest, std::nullopt};
            const std::string lower = text::to_lower_ascii(rest);
            if (const auto at = lower.rfind(" ref: "); at != std::string::npos) {
                std::string_view ref = rest.substr(at + 6);
                ref = ref.substr(0, ref.find_first_of(" \t"));
                h.title = lines::trim(rest.substr(0, at));
                h.ref = ref;
            } else if (const auto gap = std::min(rest.find("  "), rest.find('\t'));
                       gap != std::string_view::npos) {
                h.title = lines::trim(rest.substr(0, gap));
            }
            return h.title.empty() ? std::nullopt : std::optional(h);
        }
    }
    return std::nullopt;
}

// What a line of an entry is.
enum class Kind { decision_label, meeting, field, documents, section, furniture, end, content };

bool is_labelled(std::string_view s, std::initializer_list<std::string_view> labels) {
    return std::any_of(labels.begin(), labels.end(), [s](std::string_view l) {
        return starts_nocase(s, l) && s.substr(l.size()).find(':') != std::string_view::npos &&
               s.substr(l.size()).find(':') < 4;
    });
}

// "Resolved:", "RESOLVED -", "Decision:", "Decision made (Unanimously):", "Agreed:": the length
// of a decision label starting `s`, or 0. "Decision Maker:" is a field, not a label.
std::size_t decision_label(std::string_view s) {
    for (const std::string_view word :
         {"decision made", "decisions", "decision", "resolved", "agreed"}) {
        if (!starts_nocase(s, word)) {
            continue;
        }
        std::string_view rest = lines::trim(s.substr(word.size()));
        if (rest.starts_with("(") && rest.find(')') != std::string_view::npos) {
            rest = lines::trim(rest.substr(rest.find(')') + 1));  // "(Unanimously)"
        }
        for (const std::string_view mark : {":", "\xE2\x80\x93", "-"}) {
            if (rest.starts_with(mark)) {
                return s.size() - lines::trim(rest.substr(mark.size())).size();
            }
        }
        if (rest.empty() && word != "decisions") {
            return s.size();  // "RESOLVED" alone, the wording below
        }
    }
    return 0;
}

Kind kind_of(std::string_view s) {
    if (decision_label(s) > 0) {
        return Kind::decision_label;
    }
    if (starts_nocase(s, "Made at meeting:") || starts_nocase(s, "Decided at meeting:")) {
        return Kind::meeting;
    }
    if (is_labelled(s, {"Decision maker", "Decision published", "Effective from", "Decision status",
                        "Decision type", "Is key decision", "Key decision", "Is subject to call in",
                        "Subject to call-in", "Call-in", "Call in", "Date of decision",
                        "Publication date", "Wards affected", "Divisions affected", "Lead officer",
                        "Report author", "Portfolio", "Expiry of call-in"})) {
        return Kind::field;
    }
    if (is_labelled(s, {"Related documents", "Accompanying documents", "Supporting documents",
                        "Background documents", "Background papers"})) {
        return Kind::documents;
    }
    if (is_labelled(s, {"Purpose", "Reasons for the decision", "Reason for the decision",
                        "Reasons for decision", "Alternative options", "Interests",
                        "Details of any conflict", "Consultees", "Notes"})) {
        return Kind::section;
    }
    if (s == "Back to the top of the page" || s == "Share this item") {
        return Kind::furniture;
    }
    // The search form under the list ends it.
    if (s == "Filter decisions" || starts_nocase(s, "Search for decisions") ||
        s == "Show only key decisions" || s == "Date range" || s == "Search options") {
        return Kind::end;
    }
    return Kind::content;
}

// Reads one entry's lines into its item, block by block.
class EntryReader {
public:
    EntryReader(const std::string& text, Item& item, bool labelled)
        : text_(text), item_(item), labelled_(labelled) {}

    void line(const Line& line) {
        const std::string_view s = strip_bullet(line.text);
        switch (kind_of(s)) {
            case Kind::decision_label: {
                mode_ = Mode::decision;
                open_ = false;
                const std::string_view rest = lines::trim(s.substr(decision_label(s)));
                if (!rest.empty()) {
                    add_decision(rest);
                }
                return;
            }
            case Kind::meeting:
                meeting = lines::trim(s.substr(s.find(':') + 1));
                [[fallthrough]];
            case Kind::field:
                mode_ = Mode::fields;  // "Effective from:", "Wards affected:"
                break;
            case Kind::section:
                mode_ = Mode::other;  // "Purpose:", "Reasons for the decision:"
                break;
            case Kind::documents:
                mode_ = Mode::documents;
                break;
            case Kind::furniture:
            case Kind::end:
                break;
            case Kind::content:
                content(s);
                return;
        }
        open_ = false;
    }

    std::optional<std::string_view> meeting;  // "14/03/2025 - Transport Committee"

private:
    enum class Mode { fields, decision, documents, other };

    // Without any label in the entry, the text after its fields is the decision.
    void content(std::string_view s) {
        if (mode_ == Mode::documents) {
            if (auto ref = document_link(s)) {
                item_.documents.push_back(std::move(*ref));
            }
        } else if (mode_ == Mode::decision || (mode_ == Mode::fields && !labelled_)) {
            add_decision(s);
        }
    }

    // A decision's lines, blank lines between its points included, are one resolution.
    void add_decision(std::string_view words) {
        const Span span = lines::span_of(text_, words);
        if (open_) {
            Resolution& r = item_.resolutions.back();
            r.span->end = span.end;
            r.text = text::collapse_whitespace(text_.substr(r.span->begin, r.span->size()));
            return;
        }
        item_.resolutions.push_back(Resolution{text::collapse_whitespace(words), span});
        open_ = true;
    }

    const std::string& text_;
    Item& item_;
    bool labelled_ = false;
    Mode mode_ = Mode::fields;
    bool open_ = false;
};

// The lines where entries start, up to the search form under the list.
std::vector<std::size_t> entry_lines(const std::vector<Line>& lines, std::size_t& end) {
    std::vector<std::size_t> starts;
    end = lines.size();
    for (std::size_t i = 0; i < lines.size(); ++i) {
        if (kind_of(strip_bullet(lines[i].text)) == Kind::end) {
            end = i;
            break;
        }
        if (entry_heading(lines[i].text)) {
            starts.push_back(i);
        }
    }
    return starts;
}

bool has_decision_label(const std::vector<Line>& lines, std::size_t begin, std::size_t end) {
    for (std::size_t i = begin; i < end; ++i) {
        if (kind_of(strip_bullet(lines[i].text)) == Kind::decision_label) {
            return true;
        }
    }
    return false;
}

// The meeting every entry was made at, when they share one; else the meeting stays unknown.
void read_shared_meeting(const std::vector<std::optional<std::string_view>>& meetings, Meeting& m) {
    if (meetings.empty() || !meetings.front()) {
        return;
    }
    const std::string first = text::collapse_whitespace(*meetings.front());
    for (const auto& other : meetings) {
        if (!other || text::collapse_whitespace(*other) != first) {
            return;
        }
    }
    read_meeting_reference(first, m);
}

}  // namespace

bool is_decision_list(std::string_view text) {
    text = text.substr(0, 64 * 1024);
    // Every list of decisions says so; most pages need not be split into lines to know.
    if (!text::contains_words(text, "ecision")) {
        return false;
    }
    const auto lines = lines::split(text);
    bool issue_heading = false;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        issue_heading = issue_heading || strip_bullet(lines[i].text) == "Issue - decisions";
        if (!entry_heading(lines[i].text)) {
            continue;
        }
        if (issue_heading) {
            return true;
        }
        // The fields of a decision straight under the heading.
        for (std::size_t j = i + 1, seen = 0; j < lines.size() && seen < 4; ++j) {
            if (lines[j].blank()) {
                continue;
            }
            const Kind k = kind_of(strip_bullet(lines[j].text));
            if (k == Kind::field || k == Kind::meeting) {
                return true;
            }
            ++seen;
        }
    }
    return false;
}

void read_decision_list(Document& doc) {
    const auto lines = lines::split(doc.text);
    std::size_t end = lines.size();
    const auto starts = entry_lines(lines, end);
    std::vector<std::optional<std::string_view>> meetings;
    for (std::size_t k = 0; k < starts.size(); ++k) {
        const std::size_t stop = k + 1 < starts.size() ? starts[k + 1] : end;
        const auto heading = entry_heading(lines[starts[k]].text);
        Item item;
        item.title = text::collapse_whitespace(heading->title);
        item.title_span = lines::span_of(doc.text, heading->title);
        if (heading->ref) {
            item.decisions.push_back(
                Decision{std::string(*heading->ref), lines::span_of(doc.text, *heading->ref)});
        }
        EntryReader reader(doc.text, item, has_decision_label(lines, starts[k] + 1, stop));
        for (std::size_t i = starts[k] + 1; i < stop; ++i) {
            if (!lines[i].blank()) {
                reader.line(lines[i]);
            }
        }
        meetings.push_back(reader.meeting);
        doc.items.push_back(std::move(item));
    }
    read_shared_meeting(meetings, doc.meeting);
}

}  // namespace kpproc::moderngov
