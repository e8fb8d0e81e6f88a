// Attendance-list forms of names, and the names the adapters already read (attendees, askers).

#include <algorithm>
#include <array>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "recogniser.hpp"

namespace kpproc::entities {

// "(OP)": two or three capitals in brackets, glued to them.
bool Recogniser::bracketed_initials(std::size_t open) const {
    const std::size_t k = open + 1;
    return tokens_.is_symbol(open, "(") && tokens_.is_word(k) && tokens_.attached(k) &&
           tokens_.is_all_caps(k) && word(k).size() >= 2 && word(k).size() <= 3 &&
           tokens_.is_symbol(k + 1, ")") && tokens_.attached(k + 1);
}

// Where a role or title written directly before a name starts ("Chief Finance Officer Tariq
// Hollins", "Supt. Joanne Cardew"), else `name_begin`.
std::size_t Recogniser::role_before(std::size_t name_begin) const {
    constexpr std::size_t kLongestTitle = 4;  // tokens: "Deputy Chief Constable", "Supt ."
    std::size_t start = name_begin;
    for (std::size_t back = 1; back <= kLongestTitle && back <= name_begin; ++back) {
        const std::size_t k = name_begin - back;
        if (!tokens_.same_line(k + 1)) {
            break;
        }
        PhraseMatch match{};
        const bool dotted =
            tokens_.is_symbol(name_begin - 1, ".") && tokens_.attached(name_begin - 1);
        const std::size_t ends_at = dotted ? name_begin - 1 : name_begin;
        if ((longest(k, Kind::role, match) || longest(k, Kind::title, match)) &&
            match.end_token == ends_at) {
            start = k;
        }
    }
    return start;
}

// A place ends directly before token `k` ("West Kent Organised Crime Group (OCG)"): the words
// after it name a body, not a person.
bool Recogniser::place_before(std::size_t k) const {
    constexpr std::size_t kLongestPlace = 3;
    for (std::size_t back = 1; back <= kLongestPlace && back <= k; ++back) {
        PhraseMatch match{};
        if (!tokens_.same_line(k - back + 1)) {
            return false;
        }
        if (longest(k - back, Kind::place, match) && match.end_token == k) {
            return true;
        }
    }
    return false;
}

// "Owen Prestwick (OP)": the initials in brackets vouch for the words before them being a
// name, one word per letter, whatever the gazetteer knows. A line break may fall inside the
// name ("Helen / Ashdown (HA)"): the mention is the part on the bracket's line.
void Recogniser::initials_bracket_at(std::size_t open) {
    if (open == 0 || !bracketed_initials(open) || !tokens_.same_line(open)) {
        return;
    }
    const std::string_view letters = word(open + 1);
    std::size_t first = open;       // the earliest name word matched
    std::size_t line_start = open;  // the earliest one on the bracket's line
    for (std::size_t n = letters.size(); n-- > 0;) {
        if (first == 0) {
            return;
        }
        const std::size_t k = first - 1;
        const bool initial = tokens_.is_word(k) && word(k).size() == 1 && tokens_.is_all_caps(k);
        if (!tokens_.is_word(k) || word(k)[0] != letters[n] ||
            !(initial || (name_word(k) && word(k).size() > 1))) {
            return;
        }
        if (line_start == first && tokens_.same_line(first)) {
            line_start = k;
        }
        first = k;
    }
    if (line_start == open || word(open - 1).size() < 2) {
        return;
    }
    const std::size_t start = line_start == first ? role_before(line_start) : line_start;
    // A list item or a titled name, not an expansion in a sentence ("the Violence Reduction
    // Challenge (VRC)", "effectiveness of Integrated Offender Management (IOM)").
    // A post before the name ("Staff Officer Neil Orrin (NO)") is capitalised; a sentence's
    // word is not, and a body's name ends in a head word ("Organised Crime Group (OCG)").
    const bool in_sentence = start > 0 && tokens_.same_line(start) && tokens_.is_word(start - 1) &&
                             !tokens_.is_capitalised(start - 1) && word(start - 1) != "and" &&
                             word(start - 1) != "s";  // "Commissioner's Chief Finance Officer …"
    if (in_sentence || is_head(open - 1) || place_before(start)) {
        return;
    }
    PersonName name;
    name.title = std::string(tokens_.source().substr(
        tokens_[start].begin,
        start < line_start ? tokens_[line_start - 1].end - tokens_[start].begin : 0));
    for (std::size_t k = first; k + 1 < open; ++k) {
        name.given.emplace_back(word(k));
    }
    name.surname = std::string(word(open - 1));
    add(Type::person, start, open, 4).person = name;
    add(Type::person, open + 1, open + 2, 4).person = std::move(name);
}

// "Councillors Begum, Calloway, Dunne, … and Wray": the plural title is shared by every name
// of the list, which may wrap onto the next line after a comma or "and".
void Recogniser::plural_title_list_at(std::size_t i) {
    static constexpr std::array<std::string_view, 6> plural_titles = {
        "Councillors", "Cllrs", "COUNCILLORS", "Aldermen", "ALDERMEN", "Alderwomen"};
    if (std::find(plural_titles.begin(), plural_titles.end(), word(i)) == plural_titles.end()) {
        return;
    }
    std::size_t j = i + 1;
    // "Aldermen – R Agnew, J Crawford": a dash or colon between the title and its list.
    if (j < tokens_.size() && (is_dash(word(j)) || tokens_.is_symbol(j, ":"))) {
        ++j;
    }
    if (!tokens_.same_line(j)) {
        return;
    }
    constexpr int kLongestList = 60;
    for (int items = 0; items < kLongestList; ++items) {
        if (!person_after(j, j, {}, 3)) {
            return;
        }
        std::size_t next = candidates_.back().end_token;
        // "Councillors: Helen / Ashdown (HA)": a name broken at the line's end is not a
        // surname; the part on the next line is found by the rules for that line.
        if (next == candidates_.back().first_token + 1 && !tokens_.same_line(next) &&
            name_word(next)) {
            candidates_.pop_back();
            return;
        }
        while (has_at(Kind::honour, next) && tokens_.same_line(next)) {
            ++next;  // "W Gault MBE, R Kinnaird"
        }
        if (tokens_.is_symbol(next, ",") && tokens_.attached(next)) {
            j = next + (word_is(next + 1, "and") ? 2 : 1);
        } else if ((word_is(next, "and") || tokens_.is_symbol(next, "&")) &&
                   tokens_.same_line(next)) {
            j = next + 1;
        } else {
            return;
        }
    }
}

// "M Larkin (Director of …)", "J Whitlow - Clerk", "H Osei, …": initials and a surname as a
// list item, closed by a bracket, a dash, a comma or the line's end.
void Recogniser::untitled_initials_at(std::size_t i) {
    // After a list's comma or colon, a post's dash ("Chief Executive - M Burnside") or a
    // mayor's style ("Metro Mayor H Caddell", which is no title of the name's own).
    const bool item_start = i == 0 || !tokens_.same_line(i) || word(i - 1) == "," ||
                            word(i - 1) == ":" || word(i - 1) == "and" || word(i - 1) == "(" ||
                            is_dash(word(i - 1)) || word(i - 1) == "Mayor";
    const std::string_view letters = word(i);
    // "NOT PROTECTIVELY MARKED": a heading's capitals are not initials and a surname.
    if (!item_start || !initials_at(i) || letters.size() > 2 || tokens_.is_all_caps(i + 1) ||
        std::any_of(letters.begin(), letters.end(), [](char c) { return c < 'A' || c > 'Z'; })) {
        return;
    }
    const std::size_t before = candidates_.size();
    if (!person_after(i, i, {}, 1)) {
        return;
    }
    const RecognisedMention& m = candidates_.back();
    const std::size_t next = m.end_token;
    const bool closed = next >= tokens_.size() || !tokens_.same_line(next) ||
                        tokens_.is_symbol(next, "(") || tokens_.is_symbol(next, ")") ||
                        tokens_.is_symbol(next, ",") || is_dash(word(next)) || column_gap(next);
    if (!closed || m.person.given.empty() || has(Kind::org_head, m.person.surname)) {
        candidates_.resize(before);
    }
}

// Initials defined by "Name (XX)" stand for that person wherever they are used alone ("OP to
// obtain …", an action log's owner column), except among the capitals of a heading.
void Recogniser::initials_in_use() {
    std::vector<std::pair<std::string_view, const PersonName*>> defined;
    for (const auto& m : accepted_) {
        if (m.type == Type::person && bracketed_initials(m.end_token) &&
            m.end_token + 1 < taken_.size() && taken_[m.end_token + 1] != 0) {
            defined.emplace_back(word(m.end_token + 1), &m.person);
        }
    }
    if (defined.empty()) {
        return;
    }
    const auto heading_word = [&](std::size_t k) {
        return tokens_.is_word(k) && tokens_.is_all_caps(k) && word(k).size() >= 2 &&
               std::none_of(defined.begin(), defined.end(),
                            [&](const auto& d) { return d.first == word(k); });
    };
    for (std::size_t i = 0; i < tokens_.size(); ++i) {
        if (taken_[i] != 0 || !tokens_.is_word(i) || word(i).size() > 3 ||
            !tokens_.is_all_caps(i)) {
            continue;
        }
        const auto it = std::find_if(defined.begin(), defined.end(),
                                     [&](const auto& d) { return d.first == word(i); });
        if (it == defined.end() || (i > 0 && tokens_.same_line(i) && heading_word(i - 1)) ||
            (tokens_.same_line(i + 1) && heading_word(i + 1))) {
            continue;
        }
        accept_token(i, Type::person).person = *it->second;
    }
}

// "Morwenna Grice" in an attendance table: the adapter read the row, so a name of two or three
// capitalised words there is a person without a title or a known forename.
void Recogniser::untitled_attendee(const Attendee& a) {
    const std::string_view text = doc_.text;
    const std::size_t span_end = std::min(a.span->end, text.size());
    const std::size_t at = text.substr(a.span->begin, span_end - a.span->begin).find(a.name);
    // The name opens its row: a name read from further along ("…, Local Policing") is a post
    // or a body the adapter took for one.
    if (at == std::string_view::npos ||
        tokens_.first_at(a.span->begin) != tokens_.first_at(a.span->begin + at) ||
        tokens_.is_all_caps(tokens_.first_at(a.span->begin + at))) {
        return;
    }
    const std::size_t first = tokens_.first_at(a.span->begin + at);
    std::size_t end = first;
    while (end < tokens_.size() && tokens_[end].end <= a.span->begin + at + a.name.size() &&
           name_word(end) && (end == first || tokens_.same_line(end))) {
        ++end;
    }
    const std::size_t words = end - first;
    if (words < 2 || words > 3 || tokens_[end - 1].end != a.span->begin + at + a.name.size()) {
        return;
    }
    RecognisedMention& m = add(Type::person, first, end, 2);
    for (std::size_t k = first; k + 1 < end; ++k) {
        m.person.given.emplace_back(word(k));
    }
    m.person.surname = std::string(word(end - 1));
}

// The adapters already read attendance lists and askers: a single-word attendee ("Makinson")
// or an untitled asker is a person even without a title or a known forename.
void Recogniser::adapter_hints() {
    for (const auto& a : doc_.attendance) {
        if (!a.span || a.title || a.name.empty()) {
            continue;
        }
        // A row that also gives a role or a body is a person's; a bare phrase may be a post
        // the adapter took for a name ("Mr Oakes, Independent Person").
        if (a.name.find(' ') != std::string::npos) {
            if (a.role || a.organisation) {
                untitled_attendee(a);
            }
            continue;
        }
        const std::string_view inside = std::string_view(doc_.text).substr(
            a.span->begin, std::min(a.span->end, doc_.text.size()) - a.span->begin);
        const std::size_t at = inside.find(a.name);
        if (at == std::string_view::npos) {
            continue;
        }
        const std::size_t k = tokens_.first_at(a.span->begin + at);
        if (k < tokens_.size() && word(k) == a.name && tokens_.is_capitalised(k)) {
            add(Type::person, k, k + 1, 3).person.surname = a.name;
        }
    }
    // "(MJ Holloway – Gravesham)": the adapter read the asker's name from the bracket.
    const std::string_view text = doc_.text;
    for (const auto& item : doc_.items) {
        for (const auto& q : item.questions) {
            if (!q.asker || !q.asker->name || q.asker->name->find(' ') == std::string::npos) {
                continue;
            }
            // The asker's bracket follows the question's text closely.
            const std::string& name = *q.asker->name;
            const std::size_t from = q.span ? q.span->begin : 0;
            const std::size_t window =
                std::min<std::size_t>(text.size() - std::min(from, text.size()),
                                      (q.span ? q.span->end - q.span->begin : 0) + 2048);
            const std::size_t found = text.substr(from, window).find(name);
            if (found == std::string_view::npos) {
                continue;
            }
            const std::size_t at = from + found;
            const std::size_t first = tokens_.first_at(at);
            std::size_t end = first;
            while (end < tokens_.size() && tokens_[end].end <= at + name.size()) {
                ++end;
            }
            if (first >= tokens_.size() || tokens_[first].begin != at || end == first ||
                tokens_[end - 1].end != at + name.size() || !tokens_.is_capitalised(end - 1)) {
                continue;
            }
            RecognisedMention& m = add(Type::person, first, end, 2);
            for (std::size_t k = first; k + 1 < end; ++k) {
                if (tokens_.is_word(k)) {
                    m.person.given.emplace_back(word(k));
                }
            }
            m.person.surname = std::string(word(end - 1));
        }
    }
}

}  // namespace kpproc::entities
