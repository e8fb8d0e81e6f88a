#include "attendance.hpp"

#include <algorithm>
#include <array>
#include <utility>

#include "kpproc/lines.hpp"
#include "kpproc/minutes.hpp"
#include "kpproc/text.hpp"
#include "words.hpp"

namespace kpproc::structure::detail {

namespace {

using kpproc::lines::trim;

struct LabelForm {
    std::string_view words;  // lower case
    std::string_view group;
};

// Longest forms first, so "also present" is not read as "also" + "present".
constexpr std::array<LabelForm, 50> kLabels = {{
    {"committee members", "present"},
    {"board members", "present"},
    {"panel members", "present"},
    {"in the chair", "present"},
    {"presenting", "in_attendance"},
    {"guests", "in_attendance"},
    {"minute taker", "officer"},
    {"note taker", "officer"},
    {"note-taker", "officer"},
    {"notetaker", "officer"},
    {"minute-taker", "officer"},
    {"secretariat", "officer"},
    {"committee members present", "present"},
    {"panel members present", "present"},
    {"board members present", "present"},
    {"councillors present", "present"},
    {"members present", "present"},
    {"member present", "present"},
    {"also in attendance", "also_present"},
    {"officers in attendance", "officer"},
    {"officers present", "officer"},
    {"council officers", "officer"},
    {"officers attending", "officer"},
    {"in attendance", "in_attendance"},
    {"also present", "also_present"},
    {"others present", "also_present"},
    {"others in attendance", "in_attendance"},
    {"observers", "in_attendance"},
    {"other members", "also_present"},
    {"employees", "officer"},
    {"staff present", "officer"},
    {"those attending", "present"},
    {"also attended", "also_present"},
    {"co-opted members", "present"},
    {"co-opted", "present"},
    {"those present", "present"},
    {"apologies for absence", "apologies"},
    {"apologies received", "apologies"},
    {"apologies", "apologies"},
    {"substitute members", "substitute"},
    {"substitutes", "substitute"},
    {"substitutions", "substitute"},
    {"attendees", "present"},
    {"attending", "present"},
    {"attendance", "present"},
    {"present", "present"},
    {"officers", "officer"},
    {"absent", "absent"},
    {"members", "present"},
    {"apology", "apologies"},
}};

// A separator after a label: ':' or a dash, or nothing (the label alone on its line).
std::optional<std::string_view> after_label(std::string_view rest) {
    rest = trim(rest);
    // "Employees (by Directorate):": a qualifier in brackets between the label and its colon.
    if (rest.starts_with("(")) {
        const auto close = rest.find(')');
        if (close == std::string_view::npos || close > 40) {
            return std::nullopt;
        }
        rest = trim(rest.substr(close + 1));
        if (rest.empty()) {
            return std::nullopt;  // "Apologies (2)" heads nothing on its own line
        }
    }
    if (rest.empty()) {
        return rest;
    }
    if (rest.starts_with(":-") || rest.starts_with(":\xE2\x80\x93")) {
        return trim(rest.substr(rest[1] == '-' ? 2 : 4));  // "PRESENT:-"
    }
    if (rest[0] == ':' || rest[0] == '-') {
        return trim(rest.substr(1));
    }
    if (rest.starts_with("\xE2\x80\x93") || rest.starts_with("\xE2\x80\x94")) {
        return trim(rest.substr(3));
    }
    return std::nullopt;
}

bool is_filler(std::string_view part) {
    const std::string l = lower(part);
    for (const std::string_view f : {"member of the public", "members of the public",
                                     "no apologies", "there were no", "no other"}) {
        if (l.find(f) != std::string::npos) {
            return true;
        }
    }
    // Whole words only: "Anil" is no "nil", "Pressley" no "press".
    for (std::string_view w : split_words(l)) {
        while (!w.empty() && !is_letter(w.back()) && w.back() != '/') {
            w.remove_suffix(1);
        }
        for (const std::string_view f : {"none", "nil", "n/a", "press", "public"}) {
            if (w == f) {
                return true;
            }
        }
    }
    return false;
}

bool is_particle(std::string_view w) {
    for (const std::string_view p :
         {"de", "van", "von", "der", "le", "la", "du", "da", "di", "bin", "al", "el", "st", "y"}) {
        if (w == p) {
            return true;
        }
    }
    return false;
}

// "Councillors: Helen" / "Ashdown (HA), Robert Quince (RQ)": a PDF copied as text broke the
// line inside a name. A lone forename before the break, and a lone surname then initials or a
// comma after it, are one name.
bool name_runs_on(std::string_view before, std::string_view after) {
    if (const auto colon = before.rfind(':'); colon != std::string_view::npos) {
        before = before.substr(colon + 1);  // "Councillors: Helen"
    }
    const auto head = split_words(before);
    if (head.size() != 1 || !is_name_word(head[0])) {
        return false;
    }
    const auto stop = after.find_first_of(",(\n");
    if (stop == std::string_view::npos || after[stop] == '\n') {
        return false;
    }
    const auto tail = split_words(after.substr(0, stop));
    return tail.size() == 1 && is_name_word(tail[0]);
}

bool is_initials_bracket(std::string_view w) {
    if (w.size() < 4 || w.front() != '(' || w.back() != ')') {
        return false;
    }
    const auto inside = w.substr(1, w.size() - 2);
    return inside.size() <= 5 &&
           inside.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZ-") == std::string_view::npos;
}

// "Graham Odell (GO) Vice-chair Pauline Hext (PH)": a table flattened into one line runs its
// people on without separators, but each name carries its initials. A segment with several
// is cut before the name words of each later one.
std::vector<std::string_view> split_at_initials(const std::vector<std::string_view>& segments) {
    std::vector<std::string_view> out;
    for (const auto segment : segments) {
        const auto words = split_words(segment);
        std::size_t start = 0;  // offset in `segment` of the current piece
        bool seen = false;      // the current piece has its initials already
        for (std::size_t k = 0; k < words.size(); ++k) {
            if (!is_initials_bracket(words[k])) {
                continue;
            }
            std::size_t first = k;
            while (first > 0 && k - first < 4 && is_name_word(words[first - 1]) &&
                   !is_role_or_body_word(words[first - 1])) {
                --first;
            }
            const auto cut = static_cast<std::size_t>(words[first].data() - segment.data());
            if (seen && first < k && cut > start) {
                out.push_back(lines::trim(segment.substr(start, cut - start)));
                start = cut;
            }
            seen = true;
        }
        out.push_back(lines::trim(segment.substr(start)));
    }
    return out;
}

// The word "and" at `i`, followed by a space or a line's end ("M Ervine and" / "T Kirkpatrick").
bool word_and_at(std::string_view list, std::size_t i) {
    return list.substr(i, 3) == "and" && (i + 3 == list.size() || list[i + 3] == ' ' ||
                                          list[i + 3] == '\n' || list[i + 3] == '\t');
}

// "Police and Crime Commissioner", "Fire & Rescue Service", "Clerk and Responsible Financial
// Officer": an "and" (at `at`) inside a post's name, between a post's words, joins them.
bool joins_a_post(std::string_view list, std::size_t start, std::size_t at) {
    const auto before = split_words(list.substr(start, at - start));
    const auto after = split_words(list.substr(at, std::min<std::size_t>(list.size() - at, 80)));
    if (before.empty() || after.size() < 3) {
        return false;
    }
    // after[0] is "and" or "&"; a post's word follows within the next two.
    const bool post_after = is_role_or_body_word(after[1]) || is_role_or_body_word(after[2]);
    const bool post_before = is_role_or_body_word(before.back()) && !is_person_title(before.back());
    return post_before && post_after;
}

// Splits at ',', ';', '&' and the word "and", outside brackets; a line break too, unless a
// name runs on across it.
std::vector<std::string_view> split_segments(std::string_view list) {
    std::vector<std::string_view> out;
    int depth = 0;
    std::size_t start = 0;
    const auto cut = [&](std::size_t end, std::size_t next) {
        out.push_back(trim(list.substr(start, end - start)));
        start = next;
    };
    for (std::size_t i = 0; i < list.size(); ++i) {
        const char c = list[i];
        depth += c == '(' ? 1 : c == ')' ? -1 : 0;
        if (depth != 0) {
            continue;
        }
        if (c == '\n' && name_runs_on(list.substr(start, i - start), list.substr(i + 1))) {
            continue;
        }
        // "Mr D Abernethy                    Mrs K MacAulay": two columns of names.
        if (c == '\t' || (c == ' ' && list.substr(i, 3) == "   ")) {
            std::size_t next = i;
            while (next < list.size() && (list[next] == ' ' || list[next] == '\t')) {
                ++next;
            }
            cut(i, next);
            i = next - 1;
            continue;
        }
        if (c == ',' || c == ';' || c == '\n' || c == '|') {
            cut(i, i + 1);
        } else if ((c == ' ' || c == '\t') &&
                   (word_and_at(list, i + 1) || list.substr(i + 1, 2) == "& ") &&
                   !joins_a_post(list, start, i)) {
            cut(i, i + (list[i + 1] == '&' ? 2 : 4));
        }
    }
    cut(list.size(), list.size());
    std::erase_if(out, [](std::string_view s) { return s.empty(); });
    return split_at_initials(out);
}

bool names_a_body(std::string_view part) {
    for (std::string_view w : split_words(part)) {
        while (!w.empty() && !is_letter(w.back())) {
            w.remove_suffix(1);  // "Council,", "(OPCC)"
        }
        while (!w.empty() && !is_letter(w.front())) {
            w.remove_prefix(1);
        }
        std::string l = lower(w);
        if (l.size() > 3 && l.ends_with("s") && !l.ends_with("ss")) {
            l.pop_back();  // "Councils", "Services"
        }
        // Whole words: an "Officer" works in an "Office", but is none.
        for (const std::string_view body :
             {"council",      "police",     "authority",   "borough",    "county",  "district",
              "constabulary", "office",     "opcc",        "opfcc",      "service", "trust",
              "nhs",          "commission", "partnership", "university", "college", "association",
              "llp",          "ltd",        "limited",     "plc"}) {
            if (l == body) {
                return true;
            }
        }
    }
    return false;
}

// The noun that ends a body's name: "Authority", "Council", "Police", "Constabulary".
bool is_body_noun(std::string_view word) {
    const std::string l = lower(word);
    for (const std::string_view noun :
         {"authority", "council", "police", "constabulary", "service", "trust", "commission",
          "partnership", "university", "college", "association", "board", "panel", "llp", "ltd",
          "limited", "plc"}) {
        if (l == noun) {
            return true;
        }
    }
    return false;
}

// "Democratic Services Officer", "Highways Manager": a post, however much of a body its first
// words name, when its last word is a person's post.
bool ends_with_post(std::string_view role) {
    const auto words = split_words(role);
    if (words.empty()) {
        return false;
    }
    std::string_view last = words.back();
    while (!last.empty() && !is_letter(last.back())) {
        last.remove_suffix(1);
    }
    const std::string l = lower(last);
    for (const std::string_view post :
         {"officer",   "manager",    "director",     "clerk",     "secretary",     "treasurer",
          "adviser",   "advisor",    "accountant",   "analyst",   "coordinator",   "co-ordinator",
          "solicitor", "assistant",  "lead",         "leader",    "inspector",     "superintendent",
          "sergeant",  "constable",  "commissioner", "executive", "administrator", "engineer",
          "planner",   "consultant", "auditor"}) {
        if (l == post) {
            return true;
        }
    }
    return false;
}

// "Ashcombe Vale Parish Council": capitalised words up to a body's noun, a few words on.
bool names_body_ahead(const std::vector<std::string_view>& words, std::size_t end) {
    for (std::size_t k = end; k < words.size() && k < end + 3; ++k) {
        if (!is_upper(words[k][0])) {
            return false;
        }
        if (is_body_noun(words[k])) {
            return true;
        }
    }
    return false;
}

// "Responsible Financial Officer", "Senior Democratic Services Officer": words written as
// capitalised as a name's, running straight into a post's word; a name has initials, a
// separator or a title before its post.
bool role_runs_on(const std::vector<std::string_view>& words, std::size_t first, std::size_t end) {
    if (end >= words.size() || !is_role_or_body_word(words[end]) || end - first < 2) {
        return false;
    }
    for (std::size_t k = first; k < end; ++k) {
        if (is_initial(words[k]) || !is_name_word(words[k])) {
            return false;
        }
    }
    return words[end - 1].back() != ',' && !is_upper(words[end].back());
}

// The words of a person's name, where they end, and what follows as a role.
struct PersonParts {
    bool titled = false;
    std::size_t words = 0;  // in the name
    std::string title;
    std::string_view name;
    std::string honours;
    std::optional<std::string> role;
};

// Takes a role off the end of `part`: a bracket ("(Chair)"; initials "(SM)" are dropped) or a
// dash ("J Smith – Chief Executive").
std::string_view without_trailing_role(std::string_view part, std::optional<std::string>& role) {
    part = trim(part);
    if (!part.empty() && part.back() == ')') {
        const auto open = part.rfind('(');
        if (open != std::string_view::npos && open > 0) {
            const auto inside = part.substr(open + 1, part.size() - open - 2);
            std::string said = text::collapse_whitespace(inside);
            // "(SM)": initials, dropped; "()": nothing said.
            if (!said.empty() && !(inside.size() <= 4 && letter_case(inside).all_capitals())) {
                role = std::move(said);
            }
            part = trim(part.substr(0, open));
        }
    }
    for (const std::string_view dash : {" \xE2\x80\x93 ", " - ", " \xE2\x80\x94 "}) {
        const auto at = part.find(dash);
        if (at != std::string_view::npos) {
            if (!role) {
                role = text::collapse_whitespace(part.substr(at + dash.size()));
            }
            part = trim(part.substr(0, at));
        }
    }
    return part;
}

bool is_tier(std::string_view word) {
    const std::string l = lower(word);
    for (const std::string_view tier : {"unitary", "borough", "district", "town", "parish", "city",
                                        "county", "ward", "division", "divisional"}) {
        if (l == tier) {
            return true;
        }
    }
    return false;
}

// Titles ("Cllr Mrs"), then a rank or office in short capitals ("DCC", "PCC") before the
// name: returns the index of the name's first word.
std::size_t read_titles(const std::vector<std::string_view>& words, PersonParts& p,
                        std::string& rank) {
    std::size_t i = 0;
    // "Unitary Cllr B Lister", "Borough Councillor R Ashdown": the tier before the title.
    if (words.size() > 2 && is_person_title(words[1]) && !is_person_title(words[0]) &&
        is_tier(words[0])) {
        p.title = std::string(words[0]);
        i = 1;
    }
    while (i < words.size() && is_person_title(words[i])) {
        p.title += (p.title.empty() ? "" : " ") + std::string(words[i]);
        ++i;
    }
    // "EC Julie Marchant": capitals before a forename and a surname are not her initials.
    const bool before_full_name = i + 2 < words.size() && is_name_word(words[i + 1]) &&
                                  !is_initial(words[i + 1]) && is_name_word(words[i + 2]) &&
                                  !is_initial(words[i + 2]);
    if (i + 1 < words.size() && words[i].size() <= 5 && letter_case(words[i]).all_capitals() &&
        (is_initial(words[i + 1]) || is_name_word(words[i + 1])) &&
        (!is_initial(words[i]) || before_full_name)) {
        rank = std::string(words[i]);
        ++i;
    }
    return i;
}

// The end of the name that starts at words[first]: initials, capitalised words and particles,
// up to a role word, an honour or anything else.
std::size_t name_end(const std::vector<std::string_view>& words, std::size_t first) {
    std::size_t end = first;
    while (end < words.size() && !minutes::is_honour(words[end]) &&
           !is_role_or_body_word(words[end]) &&
           (is_initial(words[end]) || is_name_word(words[end]) || is_particle(words[end]))) {
        ++end;
    }
    return end;
}

std::optional<PersonParts> person_parts(std::string_view part) {
    PersonParts p;
    part = without_trailing_role(part, p.role);
    const auto words = split_words(part);
    std::string rank;
    const std::size_t first = read_titles(words, p, rank);
    std::size_t end = name_end(words, first);
    if (end == first || (end - first) > 5 || !is_name_word(words[end - 1])) {
        return std::nullopt;
    }
    // "Tormouth Constabulary", "Halcyon Audit LLP": a body's name, however capitalised.
    if (p.title.empty() && rank.empty() && is_body_noun(words[end - 1])) {
        return std::nullopt;
    }
    // "EC", "OPFCC": an organisation's letters, not a name, unless a title says so.
    if (end - first == 1 && p.title.empty() && rank.empty() && words[first].size() <= 6 &&
        letter_case(words[first]).all_capitals()) {
        return std::nullopt;
    }
    // "There were no apologies": a capitalised word followed by prose is not a name; "in the
    // chair" after a name says who chaired.
    const auto tail = end < words.size()
                          ? part.substr(static_cast<std::size_t>(words[end].data() - part.data()))
                          : std::string_view{};
    const bool chair = starts_with_nocase(tail, "in the chair");
    if (!tail.empty() && !chair && !minutes::is_honour(words[end]) && is_lower(words[end][0])) {
        return std::nullopt;
    }
    // "Crime Commissioner": one capitalised word before a role is part of the role;
    // "Northmoor Combined Authority": capitalised words before a body's word name the body.
    if (p.title.empty() && rank.empty() && end < words.size() &&
        ((end - first == 1 && is_role_or_body_word(words[end])) || is_body_noun(words[end]) ||
         names_body_ahead(words, end) || role_runs_on(words, first, end))) {
        return std::nullopt;
    }
    p.role = p.role          ? p.role
             : chair         ? std::optional<std::string>("Chair")
             : !rank.empty() ? std::optional<std::string>(rank)
                             : std::nullopt;
    p.titled = !p.title.empty();
    p.words = end - first;
    for (; end < words.size() && minutes::is_honour(words[end]); ++end) {
        p.honours += (p.honours.empty() ? "" : " ") + std::string(words[end]);
    }
    p.name = part.substr(static_cast<std::size_t>(words[first].data() - part.data()),
                         static_cast<std::size_t>(words[end - 1].data() + words[end - 1].size() -
                                                  words[first].data()));
    if (end < words.size() && !p.role) {
        // What follows the name (its honours aside) is the role: "Clerk and Executive Officer";
        // "(DQ) Chief Finance Officer": the initials first are the name's, not the role's.
        std::size_t from = end;
        if (is_initials_bracket(words[from]) && from + 1 < words.size()) {
            ++from;
        }
        p.role = text::collapse_whitespace(
            part.substr(static_cast<std::size_t>(words[from].data() - part.data())));
    }
    return p;
}

// "Chief Finance Officer Neil Orrin (NO)", "PFCC Harriet Sollom": a role, then the name.
std::optional<PersonParts> person_after_role(std::string_view part) {
    const auto words = split_words(part);
    for (std::size_t k = 1; k + 1 < words.size() && k <= 6; ++k) {
        if (!is_role_or_body_word(words[k - 1]) && !letter_case(words[k - 1]).all_capitals()) {
            continue;
        }
        const auto rest = part.substr(static_cast<std::size_t>(words[k].data() - part.data()));
        auto parts = person_parts(rest);
        if (parts && (parts->words >= 2 || parts->titled)) {
            if (!parts->role) {
                parts->role = text::collapse_whitespace(
                    part.substr(0, static_cast<std::size_t>(words[k].data() - part.data())));
            }
            return parts;
        }
    }
    return std::nullopt;
}

// "Head of Corporate Communications Adam Faulds (AF)": the initials in brackets spell the
// name's words, so the words before them are the role, however it is worded.
std::optional<PersonParts> person_by_initials(std::string_view part) {
    part = trim(part);
    const auto open = part.rfind('(');
    if (part.empty() || part.back() != ')' || open == std::string_view::npos || open == 0) {
        return std::nullopt;
    }
    std::string initials;
    for (const char c : part.substr(open + 1, part.size() - open - 2)) {
        if (is_upper(c)) {
            initials += c;
        } else if (c != '-' && c != '.') {
            return std::nullopt;
        }
    }
    const auto before = trim(part.substr(0, open));
    const auto words = split_words(before);
    if (initials.size() < 2 || initials.size() > 4 || words.size() < initials.size()) {
        return std::nullopt;
    }
    const std::size_t first = words.size() - initials.size();
    for (std::size_t k = 0; k < initials.size(); ++k) {
        if (!is_name_word(words[first + k]) || words[first + k][0] != initials[k]) {
            return std::nullopt;
        }
    }
    PersonParts p;
    p.words = initials.size();
    p.name = before.substr(static_cast<std::size_t>(words[first].data() - before.data()));
    if (first > 0) {
        p.role = text::collapse_whitespace(
            before.substr(0, static_cast<std::size_t>(words[first].data() - before.data())));
    }
    return p;
}

// "– R Agnew", ": R Agnew": the dash or colon between a group's word and its names.
std::string_view without_leading_dash(std::string_view part) {
    for (const std::string_view dash : {"\xE2\x80\x93", "\xE2\x80\x94", "-", ":"}) {
        if (part.starts_with(dash)) {
            return trim(part.substr(dash.size()));
        }
    }
    return part;
}

// "Chief Executive - M Burnside", "Borough Lawyer and Head of Legal Services - R Mateer": a
// post, a dash, then the person holding it.
std::optional<PersonParts> person_after_dash_role(std::string_view part) {
    for (const std::string_view dash : {" - ", " \xE2\x80\x93 ", " \xE2\x80\x94 "}) {
        const auto at = part.rfind(dash);
        if (at == std::string_view::npos || at == 0) {
            continue;
        }
        const auto post = trim(part.substr(0, at));
        const auto post_words = split_words(post);
        const bool is_post =
            std::any_of(post_words.begin(), post_words.end(),
                        [](std::string_view w) { return is_role_or_body_word(w); });
        auto person = person_parts(part.substr(at + dash.size()));
        if (is_post && person && (person->words >= 2 || person->titled)) {
            // "– Alec Hartley (Chair)": the post, and what the bracket adds to it.
            const std::string role = text::collapse_whitespace(post);
            person->role = person->role ? role + " (" + *person->role + ")" : role;
            return person;
        }
    }
    return std::nullopt;
}

// "Development Control Manager (M Pilkington)": a role, then the name in brackets.
std::optional<PersonParts> person_in_brackets(std::string_view part) {
    part = trim(part);
    const auto open = part.rfind('(');
    if (part.empty() || part.back() != ')' || open == std::string_view::npos || open == 0) {
        return std::nullopt;
    }
    const auto outside = trim(part.substr(0, open));
    const auto outside_words = split_words(outside);
    const bool role = std::any_of(outside_words.begin(), outside_words.end(),
                                  [](std::string_view w) { return is_role_or_body_word(w); });
    auto parts = person_parts(part.substr(open + 1, part.size() - open - 2));
    if (!role || !parts || (parts->words < 2 && !parts->titled)) {
        return std::nullopt;
    }
    parts->role = text::collapse_whitespace(outside);
    return parts;
}

// "Police:Gareth Polglase", "OPCC: Chief Executive Daniel Ashworth": a group's name before
// its people.
std::string_view without_group_prefix(std::string_view part) {
    const auto colon = part.find(':');
    if (colon == std::string_view::npos || colon > 40 ||
        split_words(part.substr(0, colon)).size() > 4) {
        return part;
    }
    return trim(part.substr(colon + 1));
}

}  // namespace

std::optional<AttendanceLabel> group_prefixed_list(std::string_view line) {
    line = trim(line);
    const auto colon = line.find(':');
    if (colon == std::string_view::npos || colon == 0 || colon > 40) {
        return std::nullopt;
    }
    const auto prefix = line.substr(0, colon);
    const auto prefix_words = split_words(prefix);
    if (prefix_words.empty() || prefix_words.size() > 4 ||
        prefix.find_first_of("0123456789") != std::string_view::npos) {
        return std::nullopt;
    }
    const auto rest = trim(line.substr(colon + 1));
    const auto parts = split_segments(rest);
    if (parts.size() < 2) {
        return std::nullopt;
    }
    for (const auto part : parts) {
        const auto person = person_parts(part);
        if (!person || (person->words < 2 && !person->titled)) {
            return std::nullopt;
        }
    }
    return AttendanceLabel{"present", rest};
}

// "P r e s e n t:": a heading spaced out letter by letter, read as its word ("present:").
std::optional<std::string> letter_spaced(std::string_view line) {
    const auto words = split_words(line);
    if (words.size() < 4) {
        return std::nullopt;
    }
    std::string joined;
    for (const auto w : words) {
        if (w.size() != 1 && !(w.size() == 2 && w[1] == ':')) {
            return std::nullopt;
        }
        joined += w;
    }
    return joined;
}

// "Mayoral Advisors in attendance", "Officers in attendance": a short line that ends with the
// words, naming who the list below holds.
std::optional<AttendanceLabel> label_at_end(std::string_view line) {
    const std::string l = lower(line);
    const auto words = split_words(line);
    if (words.size() < 3 || words.size() > 6 || !l.ends_with(" in attendance")) {
        return std::nullopt;
    }
    const bool officers = l.starts_with("officer");
    return AttendanceLabel{officers ? "officer" : "in_attendance", line.substr(line.size())};
}

// "Name | Role |", "Name<TAB>Organisation": the header of a table of those attending, where
// no other label says who they are.
std::optional<AttendanceLabel> name_table_header(std::string_view line) {
    const auto cells = split_segments(line);
    if (cells.size() < 2 || cells.size() > 4 || lower(cells[0]) != "name") {
        return std::nullopt;
    }
    for (std::size_t k = 1; k < cells.size(); ++k) {
        const std::string c = lower(cells[k]);
        if (c != "role" && c != "title" && c != "position" && c != "organisation" &&
            c != "representing" && c != "job title" && c != "post") {
            return std::nullopt;
        }
    }
    return AttendanceLabel{"present", line.substr(line.size())};
}

std::optional<AttendanceLabel> attendance_label(std::string_view line) {
    line = trim(line);
    if (const auto word = letter_spaced(line)) {
        // The joined word has no spaces, so nothing follows the label: the rest, empty, must
        // still point into `line`, not into the joined copy.
        auto label = attendance_label(*word);
        if (label) {
            label->rest = line.substr(line.size());
        }
        return label;
    }
    if (auto label = label_at_end(line)) {
        return label;
    }
    if (auto label = name_table_header(line)) {
        return label;
    }
    // "… at 9.30 am when there were present:": the list follows on the next lines.
    if (line.size() > 12 && line.back() == ':' && split_words(line).size() > 2) {
        const std::string l = lower(line);
        for (const auto& form :
             {LabelForm{"present:", "present"}, LabelForm{"in attendance:", "in_attendance"}}) {
            if (l.ends_with(std::string(" ") + std::string(form.words))) {
                return AttendanceLabel{std::string(form.group), line.substr(line.size())};
            }
        }
    }
    for (const auto& form : kLabels) {
        if (!starts_with_nocase(line, form.words)) {
            continue;
        }
        const auto rest = after_label(line.substr(form.words.size()));
        if (!rest) {
            continue;
        }
        // "Members" alone is a heading only when a list follows on its line or the next.
        return AttendanceLabel{std::string(form.group), *rest};
    }
    return std::nullopt;
}

std::string_view first_sentence(std::string_view s) {
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] != '.') {
            continue;
        }
        const bool end = i + 1 == s.size() || s[i + 1] == ' ' || s[i + 1] == '\n' ||
                         (s[i + 1] == '\xC2' && i + 2 < s.size() && s[i + 2] == '\xA0');
        // "J. Smith": the full stop of an initial does not end the sentence.
        const bool initial = i >= 1 && is_upper(s[i - 1]) && (i == 1 || !is_letter(s[i - 2]));
        if (end && !initial) {
            return s.substr(0, i);
        }
    }
    return s;
}

namespace {

// The sentences of a paragraph, in order.
std::vector<std::string_view> sentences(std::string_view paragraph) {
    std::vector<std::string_view> out;
    paragraph = trim(paragraph);
    while (!paragraph.empty()) {
        const std::string_view sentence = first_sentence(paragraph);
        out.push_back(sentence);
        paragraph = trim(paragraph.substr(std::min(paragraph.size(), sentence.size() + 1)));
    }
    return out;
}

// "Apologies were received from Councillors A and B (illness)": the people of one sentence
// that gives apologies.
std::optional<std::string_view> apologies_in(std::string_view sentence) {
    // "Apologies were …", "An apology for absence was …", "It was noted that apologies …".
    const std::string l = lower(sentence.substr(0, 200));
    const auto word = l.find("apolog");
    if (word == std::string::npos || word > 40 ||
        !(word == 0 || l.starts_with("an apology") || l.starts_with("it was noted") ||
          l.starts_with("the chair") || l.starts_with("the clerk"))) {
        return std::nullopt;
    }
    for (const std::string_view marker :
         {"received from ", "submitted by ", "submitted from ", "given by ", "noted from ",
          "on behalf of ", "apologies from ", "accepted from ", "tendered by ", "recorded from ",
          "recorded for ", "intimated by ", "intimated from ", "received for ", "sent by ",
          "reported from ", "apology from "}) {
        const auto at = l.find(marker);
        if (at == std::string::npos) {
            continue;
        }
        std::string_view list = sentence.substr(at + marker.size());
        // "… Councillors Jarvis and Khan for their inability to attend": the reason follows;
        // "…, with Councillor Imrie attending" names the substitute, read elsewhere.
        for (const std::string_view after : {" for ", ", with ", " with "}) {
            if (const auto cut = lower(list).find(after); cut != std::string::npos) {
                list = list.substr(0, cut);
            }
        }
        while (!list.empty() && (list.back() == '.' || list.back() == ' ')) {
            list.remove_suffix(1);
        }
        return list;
    }
    return std::nullopt;
}

}  // namespace

std::vector<std::string_view> substitute_sentences(std::string_view paragraph) {
    std::vector<std::string_view> out;
    if (!text::contains_words(paragraph, "ubstitut") &&
        !text::contains_words(paragraph, "represented by") &&
        (!text::contains_words(paragraph, " attending") ||
         !text::contains_words(paragraph, ", with "))) {
        return out;  // most paragraphs: no sentence to look at
    }
    for (const auto sentence : sentences(paragraph)) {
        const std::string l = lower(sentence);
        // "…, who was represented by Councillor Fairbrother": the substitute follows.
        if (const auto by = l.find("represented by "); by != std::string::npos) {
            std::string_view who = sentence.substr(by + 15);
            who = who.substr(0, who.find_first_of(",;"));  // to the end of the clause
            out.push_back(trim(who));
            continue;
        }
        // "… Councillor Thackeray, with Councillor Imrie attending as substitute" / "(Cllr P
        // Trask substituting)": the substitute after "with" or inside the bracket.
        if (const auto with = l.find(", with ");
            with != std::string::npos && l.find("attending", with) != std::string::npos) {
            std::string_view who = sentence.substr(with + 7);
            who = who.substr(0, lower(who).find(" attending"));
            out.push_back(trim(who));
            continue;
        }
        if (const auto sub = l.find(" substituting)"); sub != std::string::npos) {
            const auto open = l.rfind('(', sub);
            if (open != std::string::npos) {
                out.push_back(trim(sentence.substr(open + 1, sub - open - 1)));
            }
            continue;
        }
        if (l.find("substitut") == std::string::npos) {
            continue;
        }
        // "Cllr Linnane attended as a substitute for …": the people before the verb.
        std::size_t cut = std::string::npos;
        for (const std::string_view verb : {" attended", " substituted", " was substituting",
                                            " acted as", " was present", " substitute"}) {
            cut = std::min(cut, l.find(verb));
        }
        const auto words = split_words(sentence);
        if (cut != std::string::npos && !words.empty() &&
            (is_person_title(words[0]) || is_plural_title(words[0]))) {
            out.push_back(trim(sentence.substr(0, cut)));
        }
    }
    return out;
}

std::optional<std::string_view> apologies_sentence(std::string_view paragraph) {
    if (paragraph.find("polog") == std::string_view::npos) {
        return std::nullopt;  // most paragraphs: no sentence to look at
    }
    // The apologies may follow a welcome in the same paragraph.
    for (const auto sentence : sentences(paragraph)) {
        if (const auto list = apologies_in(sentence)) {
            return list;
        }
    }
    return std::nullopt;
}

// "Chief Executive", "Executive Chief Officer, Finance and Resources": an officer named only
// by the post, in a list of those present. Its first word is a role's, and no name follows.
bool is_post_only(std::string_view line) {
    const auto words = split_words(line);
    if (words.empty() || words.size() > 8 || !is_role_or_body_word(words[0]) ||
        line.back() == '.' || line.back() == ':' || attendance_label(line)) {
        return false;
    }
    // "Assistant Chief Constable Damian Quill, Northmoor Police" names someone after the post.
    const auto first = trim(line.substr(0, line.find(',')));
    const bool titled = std::any_of(words.begin(), words.end(),
                                    [](std::string_view w) { return is_person_title(w); });
    return !titled && !person_after_role(first) && !person_by_initials(first) &&
           !person_after_dash_role(first) && !person_in_brackets(first);
}

bool is_filler_line(std::string_view line) {
    line = trim(line);
    // "Mrs H Quigley, Clerk, and 3 members of the public": names before the public are names.
    const auto parts = split_segments(line);
    const bool filler = is_filler(line) && (parts.empty() || is_filler(parts.front()));
    return filler || is_post_only(line);
}

bool is_group_heading(std::string_view line) {
    line = trim(line);
    const auto words = split_words(line);
    return !words.empty() && words.size() <= 8 && line.back() != '.' && names_a_body(line) &&
           !looks_like_people_line(line);
}

// Whether one segment of a list line names a person.
bool segment_names_person(std::string_view segment) {
    auto first = without_group_prefix(segment);
    // "Councillors: Helen" / "Ashdown (HA)": a plural title is no label before one word.
    const auto prefix_words =
        split_words(segment.substr(0, static_cast<std::size_t>(first.data() - segment.data())));
    const bool prefixed = first.data() != segment.data() &&
                          !(prefix_words.size() == 1 && is_plural_title(prefix_words[0]));
    const auto words = split_words(first);
    if (!words.empty() && is_plural_title(words[0])) {
        first = without_leading_dash(trim(first.substr(words[0].size())));
    }
    // After a label ("Paragraph 14(a): Complete."), one bare word is no one.
    if (const auto person = person_parts(first)) {
        return !prefixed || person->words >= 2 || person->titled;
    }
    return person_after_role(first).has_value() || person_after_dash_role(first).has_value() ||
           person_in_brackets(first).has_value();
}

bool looks_like_people_line(std::string_view line) {
    line = trim(line);
    // (A long line is prose, unless semicolons part the people of a one-line list.)
    const std::size_t longest = line.find(';') != std::string_view::npos ? 400 : 160;
    if (line.empty() || line.size() > longest || attendance_label(line) || is_filler_line(line)) {
        return false;
    }
    // One bare word ("None.", "Noted.") is no list of people.
    if (const auto words = split_words(line); words.size() == 1 && !is_plural_title(words[0])) {
        return false;
    }
    // "Office of the Police, Fire and Crime Commissioner (OPFCC): Commissioner Gregory Hale
    // (GH); …": a group's long name, commas and all, before its people.
    if (const auto colon = line.find(": ");
        colon != std::string_view::npos && colon < 90 &&
        line.substr(0, colon).find_first_of("0123456789") == std::string_view::npos &&
        split_words(line.substr(0, colon)).size() <= 12) {
        line = trim(line.substr(colon + 2));
    }
    const auto parts = split_segments(line);
    if (parts.empty()) {
        return false;
    }
    if (segment_names_person(parts.front())) {
        return true;
    }
    // "Police, Fire and Crime Commissioner Gregory Hale (GH); …": a post with a comma of its
    // own before the name; the line's next segments may hold the person.
    return line.back() != '.' && parts.size() > 2 &&
           (segment_names_person(parts[1]) || segment_names_person(parts[2]));
}

bool has_dash_role(std::string_view part) {
    return part.find(" \xE2\x80\x93 ") != part.npos || part.find(" - ") != part.npos;
}

// "Dylan Athill – Chief Superintendent, Corporate Development": after a name and a dash, the
// rest of the line is the role, commas and all, unless it names someone else with a title or
// a dash of their own.
bool continues_dash_role(std::string_view previous, std::string_view part) {
    if (previous.empty() || !has_dash_role(previous) || has_dash_role(part)) {
        return false;
    }
    const char* gap_begin = previous.data() + previous.size();
    if (std::string_view(gap_begin, static_cast<std::size_t>(part.data() - gap_begin)).find('\n') !=
        std::string_view::npos) {
        return false;
    }
    const auto words = split_words(part);
    return !words.empty() && !is_person_title(words[0]) && !is_plural_title(words[0]);
}

namespace {

// The list's non-blank lines, trimmed.
std::vector<std::string_view> list_lines(std::string_view list) {
    std::vector<std::string_view> out;
    for (std::size_t start = 0; start <= list.size();) {
        const auto end = std::min(list.find('\n', start), list.size());
        if (const auto line = trim(list.substr(start, end - start)); !line.empty()) {
            out.push_back(line);
        }
        start = end + 1;
    }
    return out;
}

bool starts_with_title(std::string_view line) {
    const auto words = split_words(line);
    return !words.empty() && (is_person_title(words[0]) || is_plural_title(words[0]) ||
                              (words.size() > 2 && words[0].size() <= 5 &&
                               letter_case(words[0]).all_capitals() && is_name_word(words[1])));
}

// What a line under a name says of the person: their post or their body ("Westmarch Police",
// "Chief Executive, OPCC Westmarch", "Severnshire", "Westmarch (Chair)").
bool reads_as_post_or_body(std::string_view line) {
    // A word in lower case ("Secondary academy headteacher") is no name's.
    const auto words = split_words(line);
    return words.size() == 1 || line.back() == ')' || names_a_body(line) ||
           std::any_of(words.begin(), words.end(), [](std::string_view w) {
               return is_role_or_body_word(w) || (is_lower(w[0]) && !is_particle(w));
           });
}

}  // namespace

std::optional<std::vector<Attendee>> read_people_in_groups(std::string_view text,
                                                           std::string_view list,
                                                           const std::string& group) {
    if (list.find(';') == std::string_view::npos || list.find(',') == std::string_view::npos) {
        return std::nullopt;
    }
    std::vector<Attendee> people;
    for (std::size_t start = 0; start <= list.size();) {
        const auto end = std::min(list.find(';', start), list.size());
        const auto part = trim(list.substr(start, end - start));
        start = end + 1;
        if (part.empty()) {
            continue;
        }
        const auto comma = part.find(',');
        const auto who = trim(part.substr(0, comma));
        // "Councillors Brisco, Cheung, …": a plural title heads several names.
        if (const auto words = split_words(who); !words.empty() && is_plural_title(words[0])) {
            return std::nullopt;
        }
        auto found = read_people(text, who, group);
        if (found.size() != 1) {
            return std::nullopt;  // not one person to a group: not this layout
        }
        if (comma != std::string_view::npos && !found.front().role) {
            // "Craig Heseltine," with the post on the next line: nothing after the comma.
            std::string post = text::collapse_whitespace(trim(part.substr(comma + 1)));
            if (!post.empty()) {
                found.front().role = std::move(post);
            }
        }
        people.push_back(std::move(found.front()));
    }
    return people;
}

namespace {

// Where the records of a list of names over their posts start: every second line ("PCC Gareth
// Llewelyn" / "Westmarch (Chair)"), or every line with a title ("Councillor Hester Rudge" /
// "(Vice-Chair)" / "Aldwick City Council"). Empty when the list is not laid out so.
std::vector<std::vector<std::size_t>> record_starts(const std::vector<std::string_view>& lines) {
    std::vector<std::vector<std::size_t>> layouts;
    std::vector<std::size_t> titled;
    for (std::size_t k = 0; k < lines.size(); ++k) {
        if (starts_with_title(lines[k])) {
            titled.push_back(k);
        }
    }
    if (titled.size() >= 2 && titled.front() == 0 && titled.size() < lines.size()) {
        layouts.push_back(std::move(titled));
    }
    if (lines.size() >= 4 && lines.size() % 2 == 0) {
        std::vector<std::size_t> pairs;
        for (std::size_t k = 0; k < lines.size(); k += 2) {
            pairs.push_back(k);
        }
        layouts.push_back(std::move(pairs));
    }
    return layouts;
}

// Whether the lines under each record's name read as its post or body, for most records.
bool details_read_as_posts(const std::vector<std::string_view>& lines,
                           const std::vector<std::size_t>& starts) {
    std::size_t posts = 0;
    for (std::size_t r = 0; r < starts.size(); ++r) {
        const std::size_t end = r + 1 < starts.size() ? starts[r + 1] : lines.size();
        const auto name = lines[starts[r]];
        // A dash gives a line a person of its own ("Ann Lee – Treasurer").
        if (end - starts[r] > 3 || !looks_like_people_line(name) ||
            name.find(',') != std::string_view::npos || has_dash_role(name)) {
            return false;
        }
        for (std::size_t k = starts[r] + 1; k < end; ++k) {
            if (starts_with_title(lines[k]) || has_dash_role(lines[k])) {
                return false;
            }
        }
        posts += end > starts[r] + 1 && reads_as_post_or_body(lines[starts[r] + 1]) ? 1 : 0;
    }
    return posts * 4 >= starts.size() * 3;  // else names one under another
}

// A line under a person's name: their post ("Chief Executive, OPCC Westmarch", "(Chair)") or
// their body ("Westmarch Police").
void add_detail(Attendee& a, std::string_view below) {
    if (below.starts_with("(") && below.ends_with(")")) {
        below = trim(below.substr(1, below.size() - 2));
    }
    const auto words = split_words(below);
    if (words.empty()) {
        return;  // a blank line, or "()", says nothing of them
    }
    const bool post = is_role_or_body_word(words[0]) || !names_a_body(below);
    auto& field =
        post ? (a.role ? a.organisation : a.role) : (a.organisation ? a.role : a.organisation);
    if (!field) {
        field = text::collapse_whitespace(below);
    }
}

}  // namespace

std::optional<std::vector<Attendee>> read_people_in_pairs(std::string_view text,
                                                          std::string_view list,
                                                          const std::string& group) {
    const auto lines = list_lines(list);
    std::vector<std::size_t> starts;
    for (auto& layout : record_starts(lines)) {
        if (layout.size() >= 2 && details_read_as_posts(lines, layout)) {
            starts = std::move(layout);
            break;
        }
    }
    if (starts.empty()) {
        return std::nullopt;
    }
    std::vector<Attendee> people;
    for (std::size_t r = 0; r < starts.size(); ++r) {
        auto found = read_people(text, lines[starts[r]], group);
        if (found.size() != 1) {
            return std::nullopt;
        }
        const std::size_t end = r + 1 < starts.size() ? starts[r + 1] : lines.size();
        for (std::size_t k = starts[r] + 1; k < end; ++k) {
            add_detail(found.front(), lines[k]);
        }
        people.push_back(std::move(found.front()));
    }
    return people;
}

namespace {

// The person one segment of a list names, in any of the forms lists write them.
std::optional<PersonParts> person_in(std::string_view part) {
    // "Development Control Manager (M Pilkington)": the bracket holds the name.
    auto parts = person_in_brackets(part);
    if (!parts) {
        parts = person_parts(part);
    }
    if (!parts) {
        parts = person_after_role(part);
    }
    if (!parts) {
        parts = person_by_initials(part);
    }
    if (!parts) {
        parts = person_after_dash_role(part);
    }
    return parts;
}

// A segment's words without what stands before the name: a shared title ("Councillors",
// kept in `shared_title`), a group's name and colon, "from".
std::string_view without_list_lead(std::string_view part, std::string& shared_title) {
    const auto words = split_words(part);
    if (!words.empty() && is_plural_title(words[0])) {
        shared_title = std::string(words[0]);
        part = trim(
            part.substr(static_cast<std::size_t>(words[0].data() + words[0].size() - part.data())));
        part = without_leading_dash(part);  // "Aldermen – R Agnew"
    }
    part = without_group_prefix(part);
    if (starts_with_nocase(part, "from ")) {
        part = trim(part.substr(5));  // "… and from Mr Oakes"
    }
    return part;
}

// The attendee a person's parts make, in `group` unless the role says otherwise.
Attendee attendee_from(const PersonParts& parts, const std::string& shared_title,
                       const std::string& group) {
    Attendee a;
    a.name = text::collapse_whitespace(parts.name);
    // "Councillor G Patton." ends a sentence, not the name ("J." is an initial).
    if (a.name.ends_with('.') && a.name.size() > 3 && a.name[a.name.size() - 3] != ' ') {
        a.name.pop_back();
    }
    if (!parts.title.empty()) {
        a.title = parts.title;
    } else if (!shared_title.empty()) {
        a.title = shared_title == "Cllrs" ? std::string("Cllr") : std::string("Councillor");
    }
    if (!parts.honours.empty()) {
        a.honours = parts.honours;
    }
    a.role = parts.role;
    // "T Brennan - substitute for Mrs K Oyelaran": the role says the group ("Cllr Kettle
    // (substituted by Cllr Jolliffe)" is the member who was away).
    const bool substitute = a.role && starts_with_nocase(*a.role, "substitut") &&
                            !starts_with_nocase(*a.role, "substituted by");
    a.group = substitute ? "substitute" : group;
    if (a.role && !substitute && names_a_body(*a.role) && !ends_with_post(*a.role) &&
        !is_role_or_body_word(split_words(*a.role)[0])) {
        a.organisation = std::move(a.role);
        a.role.reset();
    }
    // "Andrew Quarry (AQ) (Apologies received)": a member listed with the others, absent.
    if (a.role && starts_with_nocase(*a.role, "apolog")) {
        a.group = "apologies";
        a.role.reset();
    }
    return a;
}

// "Cllr Kettle (substituted by Cllr Jolliffe)": the member who came in the absent one's place,
// named in the bracket; the bracket is no role of the absent member's.
std::optional<Attendee> substitute_named_in(std::string_view text, std::string_view part,
                                            Attendee& absent) {
    if (!absent.role || !starts_with_nocase(*absent.role, "substituted by ")) {
        return std::nullopt;
    }
    absent.role.reset();
    const auto at = lower(part).find("substituted by ");
    auto close = part.find(')', at);
    if (at == std::string::npos || close == std::string_view::npos) {
        return std::nullopt;
    }
    const auto who = trim(part.substr(at + 15, close - at - 15));
    auto found = read_people(text, who, "substitute");
    if (found.size() != 1) {
        return std::nullopt;
    }
    return std::move(found.front());
}

// A role or an organisation that follows a person belongs to them.
void add_to_previous(std::vector<Attendee>& people, std::string_view part) {
    if (people.empty()) {
        return;
    }
    std::string detail = text::collapse_whitespace(part);
    if (detail.empty()) {
        return;  // only white space (a no-break space between columns)
    }
    Attendee& previous = people.back();
    auto& field = names_a_body(part) ? previous.organisation : previous.role;
    if (!field) {
        field = std::move(detail);
    }
}

}  // namespace

std::vector<Attendee> read_people(std::string_view text, std::string_view list,
                                  const std::string& group) {
    std::vector<Attendee> people;
    std::string shared_title;
    std::string_view previous_part;
    bool after_role = false;  // the segment before was a role or a body, not a person
    for (std::string_view part : split_segments(list)) {
        if (is_filler(part)) {
            continue;
        }
        if (!people.empty() && people.back().role && continues_dash_role(previous_part, part)) {
            *people.back().role += ", " + text::collapse_whitespace(part);
            previous_part = part;
            continue;
        }
        previous_part = part;
        part = without_list_lead(part, shared_title);
        auto parts = person_in(part);
        // One bare word ("Makinson") is a name only inside a list of people, and not after
        // a role ("Director of Policing, Fire and Crime") or a full name.
        const bool after_full_name = !people.empty() && split_words(people.back().name).size() > 1;
        if (parts && parts->words == 1 && !parts->titled && shared_title.empty() &&
            (people.empty() || after_role || after_full_name)) {
            parts.reset();
        }
        after_role = !parts;
        if (!parts) {
            add_to_previous(people, part);
            continue;
        }
        Attendee a = attendee_from(*parts, shared_title, group);
        const auto begin = static_cast<std::size_t>(part.data() - text.data());
        a.span = Span{begin, begin + part.size()};
        std::optional<Attendee> stand_in = substitute_named_in(text, part, a);
        people.push_back(std::move(a));
        if (stand_in) {
            people.push_back(std::move(*stand_in));
        }
    }
    return people;
}

}  // namespace kpproc::structure::detail
