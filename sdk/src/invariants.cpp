#include "kpproc/invariants.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <set>
#include <string_view>

#include "kpproc/text.hpp"

namespace kpproc {
namespace {

constexpr std::array<std::string_view, 7> kAttendeeGroups = {
    "present", "also_present", "in_attendance", "apologies", "substitute", "officer", "absent"};
constexpr std::array<std::string_view, 3> kSeverities = {"info", "warning", "error"};

bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

bool all_digits(std::string_view s) {
    return std::all_of(s.begin(), s.end(), is_digit);
}

int number_of(std::string_view digits) {
    int n = 0;
    for (const char c : digits) {
        n = n * 10 + (c - '0');
    }
    return n;
}

// "2023-02-29" is not a date; "2024-02-29" is.
bool is_calendar_date(std::string_view s) {
    if (s.size() != 10 || s[4] != '-' || s[7] != '-' || !all_digits(s.substr(0, 4)) ||
        !all_digits(s.substr(5, 2)) || !all_digits(s.substr(8, 2))) {
        return false;
    }
    const int year = number_of(s.substr(0, 4));
    const int month = number_of(s.substr(5, 2));
    const int day = number_of(s.substr(8, 2));
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    constexpr std::array<int, 12> kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month < 1 || month > 12) {
        return false;
    }
    const int last = kDays[static_cast<std::size_t>(month - 1)] + (month == 2 && leap ? 1 : 0);
    return day >= 1 && day <= last;
}

bool is_clock_time(std::string_view s) {
    return s.size() == 5 && s[2] == ':' && all_digits(s.substr(0, 2)) &&
           all_digits(s.substr(3, 2)) && number_of(s.substr(0, 2)) < 24 &&
           number_of(s.substr(3, 2)) < 60;
}

bool is_kebab_case(std::string_view s) {
    bool after_hyphen = true;  // no hyphen first, none doubled
    for (const char c : s) {
        if (c == '-') {
            if (after_hyphen) {
                return false;
            }
            after_hyphen = true;
        } else if ((c >= 'a' && c <= 'z') || is_digit(c)) {
            after_hyphen = false;
        } else {
            return false;
        }
    }
    return !after_hyphen;
}

bool is_sha256_hex(std::string_view s) {
    return s.size() == 64 && std::all_of(s.begin(), s.end(), [](char c) {
               return is_digit(c) || (c >= 'a' && c <= 'f');
           });
}

template <std::size_t N>
bool one_of(std::string_view value, const std::array<std::string_view, N>& allowed) {
    return std::find(allowed.begin(), allowed.end(), value) != allowed.end();
}

bool is_continuation_byte(char c) {
    return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}

// Characters beyond ASCII that part words rather than make them: the Latin-1 symbols and
// no-break space, the general punctuation block (spaces, dashes, quotes, bullets) and the
// symbol blocks after it, CJK punctuation, the byte order mark and the replacement character.
bool separates_words(char32_t cp) {
    return (cp >= 0x80 && cp <= 0xBF) || cp == 0xD7 || cp == 0xF7 ||
           (cp >= 0x2000 && cp <= 0x2BFF) || (cp >= 0x3000 && cp <= 0x303F) || cp == 0xFEFF ||
           cp == 0xFFFD;
}

// The code point of the valid UTF-8 sequence of `length` bytes at text[i].
char32_t code_point_at(std::string_view text, std::size_t i, std::size_t length) {
    constexpr std::array<unsigned char, 5> kLeadMask = {0, 0x7F, 0x1F, 0x0F, 0x07};
    char32_t cp = static_cast<unsigned char>(text[i]) & kLeadMask[length];
    for (std::size_t k = 1; k < length; ++k) {
        cp = (cp << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
    }
    return cp;
}

// The words of a text: runs of ASCII letters and digits and of letters of other scripts,
// lower-cased in ASCII. Invalid UTF-8 parts words (it is reported on its own).
std::vector<std::string> words_of(std::string_view text) {
    std::vector<std::string> words;
    std::string word;
    const auto end_word = [&] {
        if (!word.empty()) {
            words.push_back(std::move(word));
            word.clear();
        }
    };
    for (std::size_t i = 0; i < text.size();) {
        const auto byte = static_cast<unsigned char>(text[i]);
        if (byte < 0x80) {
            if (std::isalnum(byte) != 0) {
                word += static_cast<char>(std::tolower(byte));
            } else {
                end_word();
            }
            ++i;
            continue;
        }
        const std::size_t length = text::utf8_sequence_length(text, i);
        if (length == 0 || separates_words(code_point_at(text, i, length))) {
            end_word();
        } else {
            word.append(text.substr(i, length));
        }
        i += std::max<std::size_t>(length, 1);
    }
    end_word();
    return words;
}

std::string span_text(const Span& span) {
    return "[" + std::to_string(span.begin) + ", " + std::to_string(span.end) + ")";
}

std::string quoted(std::string_view s) {
    constexpr std::size_t kShown = 40;
    const std::string shown = text::replace_invalid_utf8(s.substr(0, kShown));
    return "\"" + shown + (s.size() > kShown ? "…" : "") + "\"";
}

// Walks a document, keeping the JSON path of the field it is at, and collects violations.
class Checker {
public:
    Checker(const Document& doc, std::size_t limit) : doc_(doc), limit_(limit) {
        // Speakers, in the items, refer to entities listed after them.
        for (const Entity& e : doc.entities) {
            entity_ids_.insert(e.id);
        }
    }

    std::vector<InvariantViolation> run() {
        check_text();
        check_source();
        check_meeting();
        each("attendance", doc_.attendance, [&](const Attendee& a) { check_attendee(a); });
        each("items", doc_.items, [&](const Item& item) { check_item(item); });
        check_entities();
        each("diagnostics", doc_.diagnostics, [&](const Diagnostic& d) { check_diagnostic(d); });
        check_pages();
        return std::move(found_);
    }

private:
    // ---- Walking ----------------------------------------------------------------------------

    bool full() const { return found_.size() >= limit_; }

    void report(std::string_view field, std::string problem) {
        if (!full()) {
            found_.push_back(
                {path_ + (path_.empty() || field.empty() ? "" : ".") + std::string(field),
                 std::move(problem)});
        }
    }

    // Runs `check` with the path extended by `step` (".name" or "[3]").
    template <class F>
    void at(const std::string& step, F&& check) {
        const std::size_t before = path_.size();
        path_ += step;
        check();
        path_.resize(before);
    }

    template <class T, class F>
    void each(std::string_view field, const std::vector<T>& values, F&& check) {
        const std::string prefix = (path_.empty() ? "" : ".") + std::string(field);
        for (std::size_t i = 0; i < values.size() && !full(); ++i) {
            at(prefix + "[" + std::to_string(i) + "]", [&] { check(values[i]); });
        }
    }

    // ---- Strings ----------------------------------------------------------------------------

    void utf8(std::string_view field, std::string_view value) {
        const std::size_t bad = text::find_invalid_utf8(value);
        if (bad != std::string_view::npos) {
            report(field, "is not valid UTF-8 (byte " + std::to_string(bad) + ")");
        }
    }

    void required(std::string_view field, std::string_view value) {
        utf8(field, value);
        if (text::trim(value).empty()) {
            report(field, "is empty; a fact without it should not be in the document");
        }
    }

    void optional(std::string_view field, const OptionalString& value) {
        if (!value) {
            return;
        }
        utf8(field, *value);
        if (text::trim(*value).empty()) {
            report(field, "is set but empty; what the source does not give is null");
        }
    }

    template <class Test>
    void formatted(std::string_view field, const OptionalString& value, Test&& test,
                   std::string_view expected) {
        optional(field, value);
        if (value && !text::trim(*value).empty() && !test(*value)) {
            report(field, quoted(*value) + " is not " + std::string(expected));
        }
    }

    // ---- Spans ------------------------------------------------------------------------------

    // True when the span lies inside the text, on character boundaries.
    bool span(std::string_view field, const Span& s) {
        const std::uint64_t size = doc_.text.size();
        if (s.begin > s.end) {
            report(field, span_text(s) + " begins after it ends");
            return false;
        }
        if (s.end > size) {
            report(field, span_text(s) + " ends after the text, which is " + std::to_string(size) +
                              " bytes");
            return false;
        }
        for (const std::uint64_t edge : {s.begin, s.end}) {
            if (edge < size && is_continuation_byte(doc_.text[edge])) {
                report(field,
                       span_text(s) + " cuts a UTF-8 character at byte " + std::to_string(edge));
                return false;
            }
        }
        return true;
    }

    void span(std::string_view field, const std::optional<Span>& s) {
        if (s) {
            span(field, *s);
        }
    }

    // The span is sound and every word of `words` occurs in the text it points at.
    void covering(std::string_view field, const std::optional<Span>& s, std::string_view words,
                  std::string_view what) {
        if (!s || !span(field, *s)) {
            return;
        }
        const auto covered = words_of(doc_.slice(*s));
        const std::set<std::string> present(covered.begin(), covered.end());
        for (const auto& word : words_of(words)) {
            if (present.count(word) == 0) {
                report(field, span_text(*s) + " does not cover the word " + quoted(word) +
                                  " of the " + std::string(what) + " " + quoted(words));
                return;
            }
        }
    }

    // ---- The model --------------------------------------------------------------------------

    void check_text() { utf8("text", doc_.text); }

    void check_source() {
        utf8("source.path", doc_.source.path);
        optional("source.adapter", doc_.source.adapter);
        optional("source.media_type", doc_.source.media_type);
        formatted("source.sha256", doc_.source.sha256, is_sha256_hex, "64 lower-case hex digits");
    }

    void check_meeting() {
        const Meeting& m = doc_.meeting;
        optional("meeting.body", m.body);
        optional("meeting.title", m.title);
        formatted("meeting.date", m.date, is_calendar_date, "a calendar date, YYYY-MM-DD");
        formatted("meeting.time", m.time, is_clock_time, "a time, HH:MM");
        optional("meeting.venue", m.venue);
        optional("meeting.contact", m.contact);
        optional("meeting.status", m.status);
    }

    void check_attendee(const Attendee& a) {
        required("name", a.name);
        optional("title", a.title);
        optional("honours", a.honours);
        optional("role", a.role);
        formatted(
            "group", a.group, [](std::string_view g) { return one_of(g, kAttendeeGroups); },
            "one of present, also_present, in_attendance, apologies, substitute, officer, absent");
        optional("organisation", a.organisation);
        covering("span", a.span, a.name, "name");
    }

    void check_item(const Item& item) {
        optional("number", item.number);
        optional("ref", item.ref);
        optional("title", item.title);
        if (item.title) {
            covering("title_span", item.title_span, *item.title, "title");
        } else {
            span("title_span", item.title_span);
        }
        optional("section", item.section);
        each("description", item.description, [&](const Paragraph& p) { check_paragraph(p); });
        each("paragraphs", item.paragraphs, [&](const Paragraph& p) { check_paragraph(p); });
        each("resolutions", item.resolutions, [&](const Resolution& r) {
            utf8("text", r.text);
            covering("span", r.span, r.text, "text");
        });
        each("actions", item.actions, [&](const Action& a) { check_action(a); });
        each("questions", item.questions, [&](const Question& q) { check_question(q); });
        each("decisions", item.decisions, [&](const Decision& d) {
            required("ref", d.ref);
            covering("span", d.span, d.ref, "reference");
        });
        each("documents", item.documents, [&](const DocumentRef& d) {
            optional("title", d.title);
            optional("type", d.type);
        });
        each("events", item.events, [&](const Event& e) {
            required("kind", e.kind);
            formatted("time", e.time, is_clock_time, "a time, HH:MM");
            span("span", e.span);
        });
    }

    void check_paragraph(const Paragraph& p) {
        optional("number", p.number);
        utf8("text", p.text);
        covering("span", p.span, p.text, "text");
        each("speakers", p.speakers, [&](const Speaker& s) {
            required("entity", s.entity);
            utf8("name", s.name);
            span("span", s.span);
            if (!s.entity.empty() && entity_ids_.count(s.entity) == 0) {
                report("entity", quoted(s.entity) + " is not the id of any of the entities");
            }
        });
        each("children", p.children, [&](const Paragraph& child) { check_paragraph(child); });
    }

    void check_action(const Action& a) {
        utf8("text", a.text);
        optional("status", a.status);
        covering("span", a.span, a.text, "text");
        optional("note", a.note);
        optional("owner", a.owner);
        formatted("due", a.due, is_calendar_date, "a calendar date, YYYY-MM-DD");
    }

    void check_question(const Question& q) {
        optional("number", q.number);
        utf8("text", q.text);
        covering("span", q.span, q.text, "text");
        if (q.asker) {
            optional("asker.name", q.asker->name);
            optional("asker.organisation", q.asker->organisation);
        }
        each("answers", q.answers, [&](const Paragraph& p) { check_paragraph(p); });
    }

    void check_entities() {
        std::set<std::string_view> seen;
        each("entities", doc_.entities, [&](const Entity& e) {
            required("id", e.id);
            required("type", e.type);
            required("name", e.name);
            if (!seen.insert(e.id).second) {
                report("id", quoted(e.id) + " is the id of an earlier entity too");
            }
            each("mentions", e.mentions, [&](const Mention& m) {
                required("text", m.text);
                covering("span", m.span, m.text, "mention");
            });
        });
    }

    void check_diagnostic(const Diagnostic& d) {
        if (!one_of(d.severity, kSeverities)) {
            report("severity", quoted(d.severity) + " is not one of info, warning, error");
        }
        required("code", d.code);
        if (!d.code.empty() && !is_kebab_case(d.code)) {
            report("code", quoted(d.code) + " is not kebab-case (lower-case words and hyphens)");
        }
        required("message", d.message);
        span("span", d.span);
    }

    void check_pages() {
        std::uint64_t previous_end = 0;
        each("pages", doc_.pages, [&](const Page& page) {
            const std::size_t index = &page - doc_.pages.data();
            if (page.number != index + 1) {
                report("number", std::to_string(page.number) + " should be " +
                                     std::to_string(index + 1) + ": pages count from 1 in order");
            }
            if (span("span", page.span) && page.span.begin < previous_end) {
                report("span", span_text(page.span) + " begins before the page before it ends");
            }
            previous_end = std::max(previous_end, page.span.end);
        });
    }

    const Document& doc_;
    std::size_t limit_;
    std::string path_;
    std::set<std::string, std::less<>> entity_ids_;
    std::vector<InvariantViolation> found_;
};

}  // namespace

std::vector<InvariantViolation> check_invariants(const Document& doc, std::size_t limit) {
    return Checker(doc, limit).run();
}

std::string describe(const std::vector<InvariantViolation>& violations, std::size_t shown) {
    std::string out;
    for (std::size_t i = 0; i < violations.size() && i < shown; ++i) {
        out += (i == 0 ? "" : "\n") + violations[i].where + ": " + violations[i].problem;
    }
    if (violations.size() > shown) {
        out += "\n… and " + std::to_string(violations.size() - shown) + " more";
    }
    return out;
}

}  // namespace kpproc
