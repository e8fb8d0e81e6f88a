// OPERATION, and runs of capitalised words that name a body, a council or an Act.

#include <algorithm>
#include <array>
#include <string_view>

#include "recogniser.hpp"

namespace kpproc::entities {

namespace {

// Tokens in the longest name of a body or Act the run rule considers.
constexpr std::size_t kLongestName = 24;

bool is_connector(std::string_view s) {
    // By length first: asked of every word of every capitalised run.
    switch (s.size()) {
        case 1:
            return s[0] == '&';
        case 2:
            return s == "of" || s == "OF" || s == "on" || s == "in";
        case 3:
            return s == "and" || s == "AND" || s == "the" || s == "THE" || s == "for" || s == "FOR";
        default:
            return false;
    }
}

}  // namespace

void Recogniser::operation_at(std::size_t i) {
    const std::string_view s = word(i);
    if (s != "Operation" && s != "Op" && s != "Exercise") {
        return;
    }
    std::size_t j = i + 1;
    if (s == "Op" && tokens_.is_symbol(j, ".") && tokens_.attached(j)) {
        ++j;
    }
    const std::size_t names_from = j;
    while (j < names_from + 3 && tokens_.is_word(j) && tokens_.same_line(j) &&
           tokens_.is_capitalised(j) && !is_connector(word(j)) && word(j) != "The" &&
           word(j) != "A" && word(j) != "An") {
        ++j;
    }
    if (j > names_from) {
        add(Type::operation, i, j, 3);
    }
}

void Recogniser::capitalised_runs() {
    const std::size_t n = tokens_.size();
    std::size_t i = 0;
    while (i < n) {
        if (!tokens_.is_word(i) || !tokens_.is_capitalised(i)) {
            ++i;
            continue;
        }
        // Extend: capitalised words, connectors between them, possessives ("Commissioner’s").
        std::size_t end = i + 1;
        // Most capitalised words stand alone (a sentence's first word, a name): no run.
        const auto may_continue = [&](std::size_t k) {
            if (tokens_.is_word(k)) {
                const char c = tokens_.source()[tokens_[k].begin];
                return (c >= 'A' && c <= 'Z') || c == 'a' || c == 'o' || c == 't' || c == 'f' ||
                       c == 'i';
            }
            return word(k) == "&" || word(k) == "," || is_apostrophe(word(k));
        };
        if (end >= n || !tokens_.same_line(end) || !may_continue(end)) {
            i = end;
            continue;
        }
        while (end < n && tokens_.same_line(end) && !column_gap(end)) {
            const std::size_t next = next_in_run(end);
            if (next == end) {
                break;
            }
            end = next;
        }
        // No body's name is that long: a longer run is a list or a heading, and splitting it
        // recursively would be deep.
        if (end - i <= kLongestName) {
            named_run(i, end);
        }
        i = end;
    }
}

// Where a capitalised run that has reached token `end` goes on to; `end` itself if it stops.
std::size_t Recogniser::next_in_run(std::size_t end) const {
    if (tokens_.is_word(end) && tokens_.is_capitalised(end) && tokens_[end].space_before) {
        // "Eastmere District Council Cllr Mrs P Kinsella": a run-on attendance list.
        return starts_title(end) ? end : end + 1;
    }
    // "Local Government (Scotland) Act 1973": the jurisdiction in brackets.
    if (tokens_.is_symbol(end, "(") && tokens_.is_word(end + 1) &&
        tokens_.is_symbol(end + 2, ")") &&
        (word_is(end + 3, "Act") || word_is(end + 3, "Regulations")) &&
        tokens_.same_line(end + 3)) {
        return end + 4;
    }
    // Possessive: apostrophe + "s" attached, or after a plural ("Firefighters' Charity").
    if (tokens_.is_symbol(end, "'") || tokens_.is_symbol(end, "\xE2\x80\x99")) {
        if (tokens_.attached(end) && word_is(end + 1, "s") && tokens_.attached(end + 1) &&
            tokens_.is_capitalised(end + 2) && tokens_.same_line(end + 2)) {
            return end + 2;
        }
        if (tokens_.attached(end) && word(end - 1).ends_with("s") &&
            tokens_.is_capitalised(end + 1) && tokens_.same_line(end + 1) &&
            tokens_[end + 1].space_before) {
            return end + 1;
        }
        return end;
    }
    const std::string_view c = word(end);
    if (c == ",") {
        const bool word_follows = tokens_.attached(end) && tokens_.is_word(end + 1) &&
                                  tokens_.is_capitalised(end + 1) && tokens_.same_line(end + 1);
        return word_follows ? end + 2 : end;
    }
    return tokens_.is_word(end) || c == "&" ? after_connector(end) : end;
}

// Connectors lead to another capitalised word; "of"/"for"/"the" only after words that take
// them in names ("Office of the …", "Department for …"). Returns where the run goes on to,
// or `k` if it stops.
std::size_t Recogniser::after_connector(std::size_t k) const {
    const std::string_view c = word(k);
    if (!is_connector(c)) {
        return k;
    }
    const std::string_view prev = word(k - 1);
    if ((c == "of" || c == "for" || c == "on" || c == "in" || c == "OF" || c == "FOR") &&
        !has(Kind::org_head, prev) && prev != "Association" && prev != "Department" &&
        prev != "Ministry" && prev != "Institute" && prev != "Office" && prev != "Inspectorate" &&
        prev != "Chamber" && prev != "Society" && prev != "Federation" && prev != "College" &&
        prev != "University" && prev != "Friends" && prev != "Director" && prev != "Secretary" &&
        prev != "OFFICE") {
        return k;
    }
    std::size_t next = k + 1;
    if ((word(next) == "the" || word(next) == "THE") && (c == "of" || c == "OF" || c == "for")) {
        ++next;
    }
    return tokens_.is_word(next) && tokens_.is_capitalised(next) && tokens_.same_line(next)
               ? next + 1
               : k;
}

// A run of capitalised words: a named body if its last word is a head ("Panel", "Police"),
// a council if it ends "Council", an Act. Split at "and" after a complete name ("Swale
// Borough Council and Kent Police"), but not inside "Police and Crime".
void Recogniser::named_run(std::size_t first, std::size_t end) {
    first = name_start(first, end);
    if (end - first < 2 || split_run(first, end)) {
        return;
    }
    // "Executive Board Minutes – 04 November 2019": the record's name follows the body's.
    const std::string_view record = word(end - 1);
    if (end - first > 2 && (record == "Minutes" || record == "MINUTES") && is_head(end - 2)) {
        --end;
    }
    const std::string_view tail = word(end - 1);
    // "Anti-social Behaviour, Crime and Policing Act 2014" and "Place, Regeneration and
    // Housing Committee" keep their commas; in any other run a comma separates names
    // ("Swale, Dover and Thanet").
    if (!legislation_word(tail) && !comma_listed_name(first, end)) {
        for (std::size_t k = end; k-- > first;) {
            if (word(k) == ",") {
                named_run(first, k);
                named_run(k + 1, end);
                return;
            }
        }
    }
    std::size_t words = 0;
    for (std::size_t k = first; k < end; ++k) {
        words += is_connector(word(k)) || word(k) == "s" ? 0 : 1;
    }
    if (words >= 2) {
        classify_run(first, end);
    }
}

// Where a body's name can start in a run: past a heading's words ("MEETING OF …"), a month
// ("December Board") and a gerund opening a sentence ("Contacting Kent Police"), unless it
// is itself a place ("Epping Forest").
std::size_t Recogniser::name_start(std::size_t first, std::size_t end) const {
    const auto sentence_start = [&](std::size_t k) {
        return k == 0 || !tokens_.same_line(k) || tokens_.is_symbol(k - 1, ".") ||
               tokens_.is_symbol(k - 1, ":");
    };
    PhraseMatch place{};
    while (first < end &&
           (has_in_any_case(Kind::not_name, first) || is_connector(word(first)) ||
            month_number(word(first)) != 0 || word(first) == "s" || is_apostrophe(word(first)) ||
            (word(first).ends_with("ing") && sentence_start(first) &&
             !longest(first, Kind::place, place) && may_start(first + 1)))) {
        ++first;
    }
    return first;
}

// Splits a run at "and", "&" or a comma after a whole name: a known body or role ("Victim
// Support and Crimestoppers", "Commissioner and Kent Police") or a name ending in a head
// word. Returns whether it did.
bool Recogniser::split_run(std::size_t first, std::size_t end) {
    std::size_t known_ends[8];
    std::size_t known_count = 0;
    gazetteer_.match_at(tokens_, first, info(first), [&](const PhraseMatch& match) {
        const Kind kind = match.entry->kind;
        if (known_count < 8 &&
            (kind == Kind::role || kind == Kind::organisation || kind == Kind::council)) {
            known_ends[known_count++] = match.end_token;
        }
    });
    for (std::size_t k = first + 1; k + 1 < end; ++k) {
        const std::string_view c = word(k);
        const bool known_before =
            std::find(known_ends, known_ends + known_count, k) != known_ends + known_count;
        // "Kent Police and Crime Panel" is one name, though "Kent Police" is one too.
        const bool police_and_crime = word(k - 1) == "Police" && word(k + 1) == "Crime";
        if ((c == "and" || c == "&" || c == ",") && !police_and_crime &&
            (known_before || is_head(k - 1) || word(k - 1) == "Council")) {
            named_run(first, k);
            named_run(k + 1, end);
            return true;
        }
    }
    return false;
}

bool Recogniser::legislation_word(std::string_view s) {
    return s == "Act" || s == "ACT" || s == "Regulations" || s == "Bill";
}

// "Place, Regeneration and Housing Committee": single words joined by commas and a final
// "and" before a head word are one committee's name, not a list of names.
bool Recogniser::comma_listed_name(std::size_t first, std::size_t end) const {
    if (!is_head(end - 1)) {
        return false;
    }
    bool comma = false;
    bool and_after_comma = false;
    for (std::size_t k = first; k + 1 < end; ++k) {
        if (word(k) == ",") {
            // Each listed part is one word, not a body of its own ("Kent Police, …").
            if (k == first || is_head(k - 1) || (k >= first + 2 && word(k - 2) != ",")) {
                return false;
            }
            comma = true;
        } else if (comma && (word(k) == "and" || word(k) == "&")) {
            and_after_comma = true;
        }
    }
    return comma && and_after_comma;
}

// In a heading in capitals, where the name ending at `end` starts: after the last of the
// heading's own words ("MINUTES OF A MEETING OF THE …"), "AND" being part of names.
std::size_t Recogniser::caps_name_start(std::size_t first, std::size_t end) const {
    const auto in_names = [&](std::size_t k) {
        const std::string_view s = word(k);
        return !has_in_any_case(Kind::not_name, k) || s == "AND" || s == "BOROUGH" ||
               s == "DISTRICT";
    };
    std::size_t k = end - 1;
    while (k > first && in_names(k - 1)) {
        --k;
    }
    return k;
}

// Gives a run that is a whole candidate name its type: council, Act, body.
void Recogniser::classify_run(std::size_t first, std::size_t end) {
    const std::string_view tail = word(end - 1);
    if (tail == "COUNCIL") {
        // "PROCEEDINGS OF THE MEETING OF THE COUNCIL": the heading's words are no name.
        first = caps_name_start(first, end);
    }
    if ((tail == "Council" || tail == "COUNCIL") && end - first >= 2) {
        static constexpr std::array<std::string_view, 8> generic = {
            "County", "Borough", "District", "City", "Town",
            "Parish", "Full",    "Unitary"};  // "PARISH COUNCIL" is as generic as "Parish Council".
        if (std::find(generic.begin(), generic.end(), title_case(word(first))) == generic.end()) {
            add(Type::council, first, end, 2);
        }
        return;
    }
    if (legislation_word(tail)) {
        // "Local Government Act 1972", "LOCAL GOVERNMENT ACT, 1972"
        std::size_t year = tokens_.is_symbol(end, ",") && tokens_.attached(end) ? end + 1 : end;
        const bool dated = tokens_.is_number(year) && word(year).size() == 4 &&
                           all_digits(word(year)) && tokens_.same_line(year);
        add(Type::legislation, first, dated ? year + 1 : end, 2);
        return;
    }
    if (is_head(end - 1)) {
        body_run(first, end);
        return;
    }
    // "Department for Communities": a head that takes "for" or "of" opens the name.
    if (is_head(first) && (word(first + 1) == "for" || word(first + 1) == "of") &&
        end - first >= 3) {
        add(Type::organisation, first, end, 1);
        return;
    }
    // "Redbourne Borough Council Civic Offices", "the Education Committee in February",
    // "LICENSING SUB-COMMITTEE DECISIONS": a body named at the start of a longer run; but
    // "Mobile Police Station" names a building, not a police force.
    for (std::size_t k = end - 1; k > first;
         --k) {  // "Joint Waste Partnership Manager" is a post, not the partnership.
        static constexpr std::array<std::string_view, 6> posts = {
            "Manager", "Officer", "Lead", "Director", "Coordinator", "Administrator"};
        const bool post = std::find(posts.begin(), posts.end(), word(k + 1)) != posts.end();
        const bool then_other_words = (has_in_any_case(Kind::not_name, k + 1) ||
                                       is_connector(word(k + 1)) || tokens_.is_all_caps(k)) &&
                                      !post;
        const bool police = word(k) == "Police" || word(k) == "POLICE";  // "Police Officers"
        if (word(k) == "Council" || word(k) == "COUNCIL" ||
            (is_head(k) && then_other_words && !police)) {
            named_run(first, k + 1);
            return;
        }
    }
}

// A run ending in a head word. In a heading in capitals the body's name is only the words
// after the heading's own ("MINUTES OF A MEETING OF THE LICENSING COMMITTEE"); a combined
// authority is a local authority ("Northmere Combined Authority"), though "the Combined
// Authority" alone names none.
void Recogniser::body_run(std::size_t first, std::size_t end) {
    // "the Board of the Strathcairn Harbour Trust": the board of a named body names the body.
    if (end - first > 3 && is_head(first) && word(first + 1) == "of" && word(first + 2) == "the") {
        first += 3;
    }
    // "Local Government" is a sector, not a body (it opens Acts broken across lines).
    if (end - first == 2 && word(first) == "Local" && word(first + 1) == "Government") {
        return;
    }
    if (tokens_.is_all_caps(end - 1)) {
        first = caps_name_start(first, end);
        if (end - first < 2) {
            return;
        }
    }
    const std::string_view before_head = word(end - 2);
    const bool combined = (before_head == "Combined" || before_head == "COMBINED") &&
                          (word(end - 1) == "Authority" || word(end - 1) == "AUTHORITY");
    if (combined) {
        if (end - first > 2) {
            add(Type::council, first, end, 2);
        }
        return;
    }
    add(Type::organisation, first, end, 1);
}

bool Recogniser::has_in_any_case(Kind kind, std::size_t i) const {
    if (has_at(kind, i)) {
        return true;
    }
    const std::string_view s = word(i);
    if (s.size() < 2 || s.size() > 16 || !tokens_.is_all_caps(i)) {
        return false;
    }
    char title_cased[16];
    title_cased[0] = s[0];
    for (std::size_t c = 1; c < s.size(); ++c) {
        title_cased[c] = s[c] >= 'A' && s[c] <= 'Z' ? static_cast<char>(s[c] - 'A' + 'a') : s[c];
    }
    return has(kind, std::string_view(title_cased, s.size()));
}

}  // namespace kpproc::entities
