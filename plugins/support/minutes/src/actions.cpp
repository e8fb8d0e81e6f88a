#include "actions.hpp"

#include <array>

#include "action_log.hpp"
#include "attendance.hpp"
#include "kpproc/dates.hpp"
#include "kpproc/lines.hpp"
#include "kpproc/text.hpp"
#include "words.hpp"

namespace kpproc::structure::detail {

namespace {

constexpr std::string_view kEnDash = "\xE2\x80\x93";
constexpr std::string_view kEmDash = "\xE2\x80\x94";

bool is_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

// Removes one ':', '-', '–' or '—' (and the white space after it) from the front of `s`.
bool drop_separator(std::string_view& s) {
    for (const std::string_view sep :
         {std::string_view(":"), std::string_view("-"), kEnDash, kEmDash}) {
        if (s.starts_with(sep)) {
            s = lines::trim(s.substr(sep.size()));
            return true;
        }
    }
    return false;
}

// "24/03", "12", "A3", "(12)" after the label word: the action's number in the log.
std::optional<std::string> label_ref(std::string_view& rest) {
    std::size_t n = 0;
    while (n < rest.size() && !is_space(rest[n]) && rest[n] != ':' && rest[n] != '\xE2') {
        ++n;
    }
    std::string_view token = rest.substr(0, n);
    while (!token.empty() && (token.front() == '(' || token.front() == '#')) {
        token.remove_prefix(1);
    }
    while (!token.empty() && (token.back() == ')' || token.back() == '.')) {
        token.remove_suffix(1);
    }
    bool digit = false;
    for (const char c : token) {
        digit = digit || is_digit(c);
    }
    if (!digit || token.size() > 12) {
        return std::nullopt;
    }
    rest = lines::trim(rest.substr(n));
    return std::string(token);
}

// "by the Clerk:" / "by: RQ" after the label word. For "by:" the owner is the rest itself.
void label_owner(std::string_view& rest, ActionLabel& label) {
    if (!starts_with_nocase(rest, "by") || (rest.size() > 2 && is_letter(rest[2]))) {
        return;
    }
    std::string_view after = lines::trim(rest.substr(2));
    if (after.starts_with(":")) {
        rest = after;  // "Action by: RQ": the words after the colon name the owner
        return;
    }
    const auto colon = after.find(':');
    if (colon == std::string_view::npos || colon > 40) {
        return;
    }
    std::string_view who = lines::trim(after.substr(0, colon));
    if (starts_with_nocase(who, "the ")) {
        who.remove_prefix(4);
    }
    label.owner = text::collapse_whitespace(who);
    rest = after.substr(colon);
}

bool is_nil(std::string_view words) {
    std::string l = lower(lines::trim(words));
    while (!l.empty() && (l.back() == '.' || l.back() == ':')) {
        l.pop_back();
    }
    return l == "none" || l == "nil" || l == "n/a" || l == "no actions" || l == "none arising";
}

// "Owner:", "Lead officer –", "Due date:", "Deadline:", "Status:" starting at `s`.
bool field_label_at(std::string_view s) {
    for (const std::string_view name :
         {"owner", "lead officer", "lead", "responsible officer", "responsible", "due date", "due",
          "deadline", "target date", "status"}) {
        if (!starts_with_nocase(s, name)) {
            continue;
        }
        std::string_view rest = lines::trim(s.substr(name.size()));
        return drop_separator(rest);
    }
    return false;
}

// Where the first labelled field starts after the action's own words, or npos.
std::size_t field_start(std::string_view words) {
    for (std::size_t i = 1; i < words.size(); ++i) {
        const char before = words[i - 1];
        if ((before == ' ' || before == '\n' || before == '(') && field_label_at(words.substr(i))) {
            return before == '(' ? i - 1 : i;
        }
    }
    return std::string_view::npos;
}

// "… practice. – Discharged. 412 officers …": where a dash before a status starts, or npos.
std::size_t status_start(std::string_view words, std::optional<StatusWords>& status) {
    for (std::size_t i = 1; i < words.size(); ++i) {
        if (words[i - 1] != ' ') {
            continue;
        }
        std::string_view rest = words.substr(i);
        if (rest.starts_with(":") || !drop_separator(rest) || rest.empty()) {
            continue;  // a dash, not a colon: "… the following: open spaces" is prose
        }
        if (auto s = status_at_start(rest)) {
            status = std::move(s);
            return i - 1;
        }
    }
    return std::string_view::npos;
}

// "Status: Open": the status a label gives.
std::optional<StatusWords> labelled_status(std::string_view words) {
    const auto at = lower(words).find("status");
    if (at == std::string::npos) {
        return std::nullopt;
    }
    std::string_view rest = lines::trim(words.substr(at + 6));
    return drop_separator(rest) ? status_at_start(rest) : std::nullopt;
}

// "Owner: Head of Finance", "(Owner – RQ)": who an action names as its owner.
std::optional<std::string> labelled_owner(std::string_view action) {
    const std::string l = lower(action);
    for (const std::string_view name : {"owner", "lead officer", "responsible officer"}) {
        const auto at = l.find(name);
        if (at == std::string::npos) {
            continue;
        }
        std::string_view rest = lines::trim(action.substr(at + name.size()));
        if (!drop_separator(rest)) {
            continue;
        }
        rest = lines::trim(rest.substr(0, rest.find_first_of(",;)")));
        if (const auto due = lower(rest).find(" due"); due != std::string::npos) {
            rest = lines::trim(rest.substr(0, due));
        }
        while (!rest.empty() && rest.back() == '.') {
            rest.remove_suffix(1);
        }
        if (!rest.empty()) {
            return text::collapse_whitespace(rest);
        }
    }
    return std::nullopt;
}

// "RQ to write to the county council", "The Clerk to chase", "Chief Constable to provide …":
// the words before " to " name who is to do it.
std::optional<std::string> owner_before_to(std::string_view action) {
    const auto to = action.find(" to ");
    if (to == std::string_view::npos || to == 0) {
        return std::nullopt;
    }
    std::string_view who = action.substr(0, to);
    if (starts_with_nocase(who, "the ")) {
        who = who.substr(4);
    }
    const auto words = split_words(who);
    if (words.empty() || words.size() > 5 || !is_upper(who[0])) {
        return std::nullopt;
    }
    for (const auto w : words) {
        if (!is_upper(w[0]) && w != "and" && w != "of" && w != "&") {
            return std::nullopt;  // prose, not a name or a role
        }
    }
    return text::collapse_whitespace(who);
}

// "Due: 31 May 2024", "by 30 June 2024", "Deadline – 1 July 2024": a full date the action is
// due by; nothing for "by the next meeting".
std::optional<std::string> due_date(std::string_view action) {
    const std::string l = lower(action);
    for (const std::string_view lead : {"due", "deadline", "target date", " by "}) {
        const auto at = l.find(lead);
        if (at == std::string::npos) {
            continue;
        }
        std::string_view tail = lines::trim(action.substr(at + lead.size()));
        drop_separator(tail);
        if (!tail.empty() && is_digit(tail[0])) {
            if (auto date = cell_date(tail.substr(0, std::min<std::size_t>(tail.size(), 24)))) {
                return date;  // "by 31.05.24", "Due: 30/06/2024"
            }
        }
        const auto date = dates::find_date(action.substr(at + lead.size()));
        if (date && date->begin <= 6) {
            return date->value;
        }
    }
    return std::nullopt;
}

// "Action PF to discuss …", "Action DCC Nickless to speak …": a label without a colon or a
// dash, followed at once by who is to act. The owner must start with initials or a title so
// that "Action Fraud to …" and "Action Plan to be …" stay prose.
bool owner_leads(std::string_view rest) {
    const auto owner = owner_before_to(text::collapse_whitespace(rest.substr(0, 80)));
    if (!owner) {
        return false;
    }
    const std::string first(split_words(*owner).front());
    return is_person_title(first) || (first.size() >= 2 && letter_case(first).all_capitals());
}

}  // namespace

std::optional<ActionLabel> action_label(std::string_view block) {
    if (const auto m = lines::parse_marker(block); m && m->style == lines::MarkerStyle::bullet) {
        block = block.substr(m->length);
    }
    if (!starts_with_nocase(block, "action")) {
        return std::nullopt;
    }
    std::string_view rest = block.substr(6);
    if (starts_with_nocase(rest, "s")) {
        rest.remove_prefix(1);
    }
    if (!rest.empty() && is_letter(rest[0])) {
        return std::nullopt;  // "Actionable", "Actioned"
    }
    rest = lines::trim(rest);
    if (starts_with_nocase(rest, "point")) {
        rest = lines::trim(rest.substr(starts_with_nocase(rest, "points") ? 6 : 5));
    }
    ActionLabel label;
    label.ref = label_ref(rest);
    label_owner(rest, label);
    if (!drop_separator(rest) && !owner_leads(rest)) {
        return std::nullopt;
    }
    if (rest.empty() || is_nil(rest)) {
        return std::nullopt;
    }
    label.rest = rest;
    return label;
}

std::optional<OwnerMarker> owner_marker(std::string_view words) {
    std::string_view w = lines::trim(words);
    while (!w.empty() && w.back() == '.') {
        w.remove_suffix(1);
    }
    OwnerMarker marker;
    if (w.ends_with(")")) {
        const auto open = w.rfind('(');
        std::string_view inside = w.substr(open + 1, w.size() - open - 2);
        if (open == std::string_view::npos || inside.find_first_of("0123456789") == inside.npos) {
            return std::nullopt;
        }
        marker.ref = std::string(lines::trim(inside));
        w = lines::trim(w.substr(0, open));
    }
    const auto parts = split_words(w);
    if (parts.empty() || parts.size() > 5 || w.find(" to ") != std::string_view::npos) {
        return std::nullopt;
    }
    for (const auto part : parts) {
        const bool joining = part == "and" || part == "of" || part == "&" || part == "/";
        if (!joining && !is_upper(part[0])) {
            return std::nullopt;  // "report back at the next meeting" is the action itself
        }
    }
    marker.owner = text::collapse_whitespace(starts_with_nocase(w, "the ") ? w.substr(4) : w);
    return marker;
}

std::optional<StatusWords> status_at_start(std::string_view words) {
    static constexpr std::array<std::string_view, 31> kStatuses = {"in progress",
                                                                   "on track",
                                                                   "on hold",
                                                                   "not started",
                                                                   "carried forward",
                                                                   "partially complete",
                                                                   "proposed closed",
                                                                   "not yet due",
                                                                   "discharged",
                                                                   "completed",
                                                                   "complete",
                                                                   "ongoing",
                                                                   "overdue",
                                                                   "outstanding",
                                                                   "superseded",
                                                                   "deferred",
                                                                   "withdrawn",
                                                                   "cancelled",
                                                                   "closed",
                                                                   "open",
                                                                   "pending",
                                                                   "done",
                                                                   "delayed",
                                                                   "achieved",
                                                                   "actioned",
                                                                   "paused",
                                                                   "red",
                                                                   "amber",
                                                                   "green",
                                                                   "blue",
                                                                   "grey"};
    words = lines::trim(words);
    for (const auto status : kStatuses) {
        if (!starts_with_nocase(words, status) ||
            (words.size() > status.size() && is_letter(words[status.size()]))) {
            continue;
        }
        StatusWords out{std::string(status), std::nullopt};
        std::string_view rest = lines::trim(words.substr(status.size()));
        if (!drop_separator(rest) &&
            (rest.starts_with(".") || rest.starts_with(",") || rest.starts_with(";"))) {
            rest = lines::trim(rest.substr(1));
        }
        if (!rest.empty()) {
            out.note = text::collapse_whitespace(rest);
        }
        return out;
    }
    return std::nullopt;
}

Action read_action(std::string_view words, Span span) {
    std::optional<StatusWords> status;
    const std::size_t by_dash = status_start(words, status);
    const std::size_t by_label = field_start(words);
    std::string_view own = words.substr(0, std::min(by_dash, by_label));
    own = lines::trim(own);
    while (own.ends_with(kEnDash) || own.ends_with("-") || own.ends_with(";") ||
           own.ends_with(",")) {
        own = lines::trim(own.substr(0, own.size() - (own.ends_with(kEnDash) ? 3 : 1)));
    }
    // Owner and date from the action and its labelled fields, not from the status's note.
    const std::string_view fields = words.substr(0, by_dash == words.npos ? words.size() : by_dash);
    Action a;
    a.text = text::collapse_whitespace(own);
    a.span = Span{span.begin,
                  span.begin + static_cast<std::size_t>(own.data() - words.data()) + own.size()};
    a.owner = labelled_owner(fields);
    if (!a.owner) {
        a.owner = owner_before_to(a.text);  // white space collapsed: "Clerk to\nsubmit"
    }
    a.due = due_date(fields);
    if (!status) {
        status = labelled_status(words);
    }
    if (status) {
        a.status = status->status;
        a.note = status->note;
    }
    return a;
}

std::vector<std::size_t> inline_labels(std::string_view paragraph) {
    std::vector<std::size_t> out;
    for (std::size_t i = 2; i + 6 < paragraph.size(); ++i) {
        if (paragraph[i] != 'A' || !is_space(paragraph[i - 1])) {
            continue;
        }
        std::size_t b = i;
        while (b > 0 && is_space(paragraph[b - 1])) {
            --b;
        }
        const char end = b > 0 ? paragraph[b - 1] : '\0';
        const std::string_view word = paragraph.substr(i, 6);
        if ((end == '.' || end == '?' || end == '!' || end == ')') &&
            (word == "Action" || word == "ACTION") && action_label(paragraph.substr(i))) {
            out.push_back(i);
        }
    }
    return out;
}

std::string_view action_extent(std::string_view rest) {
    std::size_t end = 0;
    do {
        const std::string_view tail = lines::trim(rest.substr(end));
        const auto skip = static_cast<std::size_t>(tail.data() - rest.data());
        const std::string_view sentence = first_sentence(tail);
        end = skip + sentence.size() + (skip + sentence.size() < rest.size() ? 1 : 0);
    } while (end < rest.size() && field_label_at(lines::trim(rest.substr(end))));
    return rest.substr(0, end);
}

std::string_view sentence_before(std::string_view text, std::size_t at) {
    std::size_t end = std::min(at, text.size());
    while (end > 0 && is_space(text[end - 1])) {
        --end;
    }
    if (end == 0 || (text[end - 1] != '.' && text[end - 1] != '?' && text[end - 1] != '!')) {
        return {};
    }
    std::size_t begin = end - 1;
    const std::size_t floor = end > 800 ? end - 800 : 0;
    while (begin > floor) {
        const char c = text[begin - 1];
        if (c == '\n' && begin >= 2 && text[begin - 2] == '\n') {
            break;  // a blank line starts the paragraph
        }
        // "c) that an annual progress report be brought …": a point of a list starts on its
        // own line, and its marker is no part of the action.
        if (c == '\n') {
            const auto line = lines::trim(text.substr(begin, end - begin));
            if (const auto marker = lines::parse_marker(line)) {
                return lines::trim(line.substr(marker->length));
            }
        }
        const char p = begin >= 2 ? text[begin - 2] : '\0';
        const bool initial =
            begin >= 3 && is_upper(text[begin - 3]) && (begin == 3 || !is_letter(text[begin - 4]));
        if (is_space(c) && (p == '.' || p == '?' || p == '!' || p == ':') && !initial) {
            break;
        }
        --begin;
    }
    return lines::trim(text.substr(begin, end - begin));
}

}  // namespace kpproc::structure::detail
