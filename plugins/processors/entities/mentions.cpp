#include "mentions.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <charconv>
#include <cstdio>
#include <unordered_set>

namespace kpproc::entities {

const char* type_name(Type type) {
    static constexpr std::array<const char*, 17> names = {
        "PERSON",       "ROLE",    "ORGANISATION", "COUNCIL", "PLACE",   "OPERATION",
        "LEGISLATION",  "DATE",    "TIME",         "MONEY",   "PERCENT", "QUANTITY",
        "DECISION_REF", "ACRONYM", "EMAIL",        "PHONE",   "POSTCODE"};
    return names[static_cast<std::size_t>(type)];
}

namespace {

bool all_digits(std::string_view s) {
    return !s.empty() &&
           std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

int to_int(std::string_view s) {
    int v = 0;
    std::from_chars(s.data(), s.data() + s.size(), v);
    return v;
}

std::string two(int v) {
    char buf[8];
    std::snprintf(buf, sizeof buf, "%02d", v % 100);
    return buf;
}

int month_number_as_written(std::string_view word);

// "January" / "Jan" / "Sept" -> 1..12, else 0. Capitalised only: "may" is a verb. Headings
// write the full name in capitals ("19 SEPTEMBER 2019"); abbreviations in capitals ("MAR")
// are too often something else.
int month_number(std::string_view word) {
    const int as_written = month_number_as_written(word);
    if (as_written != 0 || word.size() < 3 || word.size() > 9 || word[1] < 'A' || word[1] > 'Z') {
        return as_written;
    }
    char title_cased[9];
    title_cased[0] = word[0];
    for (std::size_t c = 1; c < word.size(); ++c) {
        if (word[c] < 'A' || word[c] > 'Z') {
            return 0;
        }
        title_cased[c] = static_cast<char>(word[c] - 'A' + 'a');
    }
    const std::string_view name(title_cased, word.size());
    const int month = month_number_as_written(name);
    return month != 0 && name.size() > 3 && name != "Sept" ? month : 0;
}

int month_number_as_written(std::string_view word) {
    // Asked of every capitalised word, and most are not months: only the months sharing the
    // word's first letter are compared.
    if (word.size() < 3 || word.size() > 9 || word[0] < 'A' || word[0] > 'Z') {
        return 0;
    }
    static constexpr std::array<std::string_view, 12> full = {
        "January", "February", "March",     "April",   "May",      "June",
        "July",    "August",   "September", "October", "November", "December"};
    static constexpr std::array<std::string_view, 12> abbreviated = {
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    // Bit m: month m + 1 starts with the letter.
    static constexpr std::array<std::uint16_t, 26> months_by_initial = [] {
        std::array<std::uint16_t, 26> table{};
        for (std::size_t m = 0; m < 12; ++m) {
            table[static_cast<std::size_t>(full[m][0] - 'A')] |=
                static_cast<std::uint16_t>(1u << m);
        }
        return table;
    }();
    for (unsigned months = months_by_initial[static_cast<std::size_t>(word[0] - 'A')]; months != 0;
         months &= months - 1) {
        const auto m = static_cast<std::size_t>(std::countr_zero(months));
        if (word == full[m] || word == abbreviated[m]) {
            return static_cast<int>(m) + 1;
        }
    }
    if (word == "Sept") {
        return 9;
    }
    return 0;
}

int days_in_month(int month, int year) {
    static constexpr std::array<int, 12> days = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month == 2 && year > 0) {
        const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        return leap ? 29 : 28;
    }
    return days[static_cast<std::size_t>(month - 1)];
}

bool plausible_year(int y) {
    return y >= 1990 && y <= 2049;
}

std::string title_case(std::string_view caps);

class Recogniser {
public:
    Recogniser(const Document& doc, const Tokens& tokens, const Gazetteer& gazetteer,
               const RecogniserOptions& options)
        : doc_(doc),
          tokens_(tokens),
          gazetteer_(gazetteer),
          options_(options),
          info_(tokens.size(), &kNotLookedUp) {}

    std::vector<RecognisedMention> run();

private:
    // ---- helpers ----------------------------------------------------------------------------
    [[gnu::always_inline]] std::string_view word(std::size_t i) const {
        return i < tokens_.size() ? tokens_.text(i) : std::string_view{};
    }
    bool word_is(std::size_t i, std::string_view s) const {
        return tokens_.is_word(i) && word(i) == s;
    }
    bool has(Kind kind, std::string_view s) const { return gazetteer_.has_word(kind, s); }
    // What the gazetteer knows of token i (nullptr: nothing), looked up once, when first asked:
    // most words are never asked about.
    const WordInfo* info(std::size_t i) const {
        if (i >= info_.size()) {
            return nullptr;
        }
        if (info_[i] == &kNotLookedUp) {
            info_[i] = tokens_[i].kind == TokenKind::symbol && word(i) != "&"
                           ? nullptr
                           : gazetteer_.find(word(i));
        }
        return info_[i];
    }
    // Token i is on word list `kind`.
    bool has_at(Kind kind, std::size_t i) const {
        const WordInfo* known = info(i);
        return known != nullptr && known->has(kind);
    }
    bool may_start(std::size_t i) const {
        const WordInfo* known = info(i);
        return known != nullptr && known->node != 0;
    }
    bool longest(std::size_t i, Kind kind, PhraseMatch& out) const {
        return may_start(i) && gazetteer_.longest_at(tokens_, i, kind, out, info(i));
    }

    RecognisedMention& add(Type type, std::size_t first, std::size_t end_token, int priority,
                           std::string value = {}) {
        RecognisedMention m;
        m.type = type;
        m.first_token = static_cast<std::uint32_t>(first);
        m.end_token = static_cast<std::uint32_t>(end_token);
        m.begin = tokens_[first].begin;
        m.end = tokens_[end_token - 1].end;
        m.priority = priority;
        m.value = std::move(value);
        candidates_.push_back(std::move(m));
        return candidates_.back();
    }

    // A word that may be part of a personal name: capitalised, not a known non-name.
    bool name_word(std::size_t i) const;
    // Initials before a surname: "P", "A" (even though "A" is also an article), "MJ".
    bool initials_at(std::size_t i, int depth = 0) const;
    bool is_plural_noun(std::size_t i) const;
    // Three spaces or a tab between tokens i-1 and i on one line: a table's next column.
    bool column_gap(std::size_t i) const;
    // The last word of a named body ("Panel", "PANEL"), or the last two ("Advisory Group").
    bool is_head(std::size_t k) const;
    bool is_ampm(std::size_t i, std::size_t& end, bool& pm) const;

    // ---- recognisers ------------------------------------------------------------------------
    void gazetteer_at(std::size_t i);
    void role_at(std::size_t i, const PhraseMatch& match);
    void titled_person_at(std::size_t i, const PhraseMatch& match);
    void organisation_at(std::size_t i, const PhraseMatch& match);
    bool person_after(std::size_t first, std::size_t names_from, std::string title, int priority,
                      std::size_t min_words = 1);
    void forename_person_at(std::size_t i);
    void contact_person_at(std::size_t i);
    // Attendance-list forms: "Owen Prestwick (OP)", "Councillors Begum, Dunne and Wray",
    // "M Larkin (Director …)", and the initials used alone later ("OP to obtain …").
    bool bracketed_initials(std::size_t open) const;
    std::size_t role_before(std::size_t name_begin) const;
    bool place_before(std::size_t k) const;
    void initials_bracket_at(std::size_t open);
    void plural_title_list_at(std::size_t i);
    void untitled_initials_at(std::size_t i);
    void initials_in_use();
    // A capitalised word that starts a title ("Cllr", "Chief Constable"): no body's name
    // continues into one.
    bool starts_title(std::size_t i) const {
        PhraseMatch match{};
        return longest(i, Kind::title, match);
    }
    // Word i, or word i in capitals, is on word list `kind` ("MEETING" as "Meeting").
    bool has_in_any_case(Kind kind, std::size_t i) const;
    void date_at_number(std::size_t i);
    void year_at(std::size_t i);
    bool slash_date(std::size_t i);
    void day_month_date(std::size_t i);
    void date_at_month(std::size_t i);
    void dotted_date(std::size_t i);
    void time_at(std::size_t i);
    bool clock_context(std::size_t i) const;
    void clock_hours_at(std::size_t i);
    void money_at(std::size_t i);
    void percent_at(std::size_t i);
    void quantity_at(std::size_t i);
    bool counts_nothing(std::size_t i) const;
    void phone_at(std::size_t i);
    void postcode_at(std::size_t i);
    void email_at(std::size_t i);
    void operation_at(std::size_t i);
    void capitalised_runs();
    std::size_t next_in_run(std::size_t end) const;
    std::size_t after_connector(std::size_t k) const;
    void decision_ref_at(std::size_t i);
    void named_run(std::size_t first, std::size_t end);
    std::size_t name_start(std::size_t first, std::size_t end) const;
    bool split_run(std::size_t first, std::size_t end);
    static bool legislation_word(std::string_view s);
    bool comma_listed_name(std::size_t first, std::size_t end) const;
    void classify_run(std::size_t first, std::size_t end);
    void body_run(std::size_t first, std::size_t end);
    std::size_t caps_name_start(std::size_t first, std::size_t end) const;
    void adapter_hints();
    void untitled_attendee(const Attendee& a);

    void propose_at(std::size_t i);
    void resolve();
    void bare_surnames();
    void acronyms();
    bool acronym_shaped(std::size_t i, std::string_view bare) const;
    const Document& doc_;
    const Tokens& tokens_;
    const Gazetteer& gazetteer_;
    const RecogniserOptions& options_;
    std::vector<RecognisedMention> candidates_;
    std::vector<RecognisedMention> accepted_;

    // Accepts token i alone as a mention of `type` and takes it; returns the mention.
    RecognisedMention& accept_token(std::size_t i, Type type) {
        RecognisedMention m;
        m.type = type;
        m.first_token = static_cast<std::uint32_t>(i);
        m.end_token = static_cast<std::uint32_t>(i + 1);
        m.begin = tokens_[i].begin;
        m.end = tokens_[i].end;
        taken_[i] = 1;
        accepted_.push_back(std::move(m));
        return accepted_.back();
    }
    std::vector<char> taken_;  // per token
    static inline const WordInfo kNotLookedUp{};
    mutable std::vector<const WordInfo*> info_;  // per token: see info()
};

bool Recogniser::name_word(std::size_t i) const {
    if (!tokens_.is_word(i) || !tokens_.is_capitalised(i)) {
        return false;
    }
    const std::string_view s = word(i);
    if (has_at(Kind::not_name, i) || has_at(Kind::honour, i) || has_at(Kind::org_head, i) ||
        month_number(s) != 0) {
        return false;
    }
    // "Mr Hill Chairman": a role word ends the name.
    PhraseMatch match{};
    if (longest(i, Kind::role, match)) {
        return false;
    }
    // Capitals longer than an initial are an acronym or a heading, not a name ("Mr X OBE").
    return !(tokens_.is_all_caps(i) && s.size() > 1 && s.size() < 4);
}

bool Recogniser::column_gap(std::size_t i) const {
    if (i == 0 || i >= tokens_.size() || !tokens_.same_line(i)) {
        return false;
    }
    const std::string_view gap =
        tokens_.source().substr(tokens_[i - 1].end, tokens_[i].begin - tokens_[i - 1].end);
    return gap.size() >= 3 || gap.find('\t') != std::string_view::npos;
}

bool Recogniser::is_head(std::size_t k) const {
    const std::string_view s = word(k);
    if (has_at(Kind::org_head, k)) {
        return true;
    }
    // Two-word heads end in a word that is a head of its own nowhere ("Advisory Group").
    if (k > 0 && tokens_.is_word(k - 1) && tokens_.same_line(k) && info(k) != nullptr &&
        info(k)->ends_entry()) {
        std::string two_words(word(k - 1));
        two_words += ' ';
        two_words += s;
        if (has(Kind::org_head, two_words)) {
            return true;
        }
    }
    if (tokens_.is_all_caps(k) && s.size() > 1) {
        // "SUB-COMMITTEE", "HARBOUR COMMISSIONERS": the head as the word list writes it.
        const std::string head = title_case(s);
        return has(Kind::org_head, head) ||
               (k > 0 && tokens_.is_all_caps(k - 1) && tokens_.same_line(k) &&
                has(Kind::org_head, title_case(word(k - 1)) + " " + head));
    }
    return false;
}

// "SUB-COMMITTEE" → "Sub-Committee": each part's first letter kept, the rest lower case.
std::string title_case(std::string_view caps) {
    std::string out(caps);
    for (std::size_t c = 1; c < out.size(); ++c) {
        if (out[c] >= 'A' && out[c] <= 'Z' && out[c - 1] != '-') {
            out[c] = static_cast<char>(out[c] - 'A' + 'a');
        }
    }
    return out;
}

bool Recogniser::initials_at(std::size_t i, int depth) const {
    if (!tokens_.is_word(i) || !tokens_.is_all_caps(i) || word(i).size() > 3 ||
        has_at(Kind::honour, i) || depth > 4) {
        return false;
    }
    std::size_t next = i + 1;
    const bool dotted = tokens_.is_symbol(next, ".") && tokens_.attached(next);
    next += dotted ? 1 : 0;
    // "R.M. Pugh": initials written close together, each with its dot.
    const bool close_initial = dotted && tokens_.attached(next) && tokens_.is_all_caps(next) &&
                               word(next).size() == 1 && tokens_.is_symbol(next + 1, ".");
    if (!tokens_.same_line(next) || (!tokens_[next].space_before && !close_initial)) {
        return false;
    }
    return initials_at(next, depth + 1) || (name_word(next) && word(next).size() > 1);
}

bool Recogniser::is_plural_noun(std::size_t i) const {
    if (!tokens_.is_word(i)) {
        return false;
    }
    const std::string_view s = word(i);
    if (has_at(Kind::counted_noun, i)) {
        return true;
    }
    if (s.size() < 3 || s.back() != 's' || has_at(Kind::not_plural, i)) {
        return false;
    }
    const std::string_view stem = s.substr(0, s.size() - 1);
    return !(stem.back() == 's' && stem.size() > 2 && stem[stem.size() - 2] != 'e') ||
           stem.ends_with("sse");  // "process", "across" are not plurals; "buses" is
}

bool Recogniser::is_ampm(std::size_t i, std::size_t& end, bool& pm) const {
    if (!tokens_.is_word(i) || !tokens_.same_line(i)) {
        return false;
    }
    const std::string_view s = word(i);
    if (s == "am" || s == "AM" || s == "pm" || s == "PM") {
        pm = s[0] == 'p' || s[0] == 'P';
        end = i + 1;
        return true;
    }
    // "a.m." / "p.m."
    if ((s == "a" || s == "p") && tokens_.is_symbol(i + 1, ".") && tokens_.attached(i + 1) &&
        word_is(i + 2, "m") && tokens_.attached(i + 2)) {
        pm = s == "p";
        end = i + 3;
        if (tokens_.is_symbol(i + 3, ".") && tokens_.attached(i + 3)) {
            end = i + 4;
        }
        return true;
    }
    return false;
}

// ---- PERSON ---------------------------------------------------------------------------------

// Names after a title (or a forename at `names_from`): initials and capitalised words up to
// the surname, on one line.
bool Recogniser::person_after(std::size_t first, std::size_t names_from, std::string title,
                              int priority, std::size_t min_words) {
    std::size_t j = names_from;
    std::vector<std::size_t> names;
    // The mention may open a line (a list item wrapped onto the next line), never cross one.
    while (j < tokens_.size() && (tokens_.same_line(j) || j == first) && names.size() < 5) {
        if (!names.empty() && column_gap(j)) {
            break;  // "Cllr A Bramley    Personal interest …": the next column
        }
        if (initials_at(j)) {
            names.push_back(j);
            ++j;
            if (tokens_.is_symbol(j, ".") && tokens_.attached(j)) {
                ++j;  // "P. M. Hill"
            }
            continue;
        }
        if (!name_word(j)) {
            // "van", "de", "le" inside a name, before a capitalised word.
            const std::string_view s = word(j);
            if (!names.empty() && tokens_.is_word(j) &&
                (s == "van" || s == "de" || s == "der" || s == "le" || s == "la" || s == "von") &&
                name_word(j + 1)) {
                ++j;
                continue;
            }
            break;
        }
        names.push_back(j);
        const bool initial = word(j).size() == 1;
        ++j;
        if (initial && tokens_.is_symbol(j, ".") && tokens_.attached(j) && name_word(j + 1)) {
            ++j;  // "P. M. Hill"
        }
        if (!initial && word(j - 1).size() > 1 && !name_word(j)) {
            break;
        }
    }
    if (names.size() < std::max<std::size_t>(min_words, 1) || word(names.back()).size() < 2) {
        return false;
    }
    RecognisedMention& m = add(Type::person, first, names.back() + 1, priority);
    m.person.title = std::move(title);
    for (std::size_t k = 0; k + 1 < names.size(); ++k) {
        m.person.given.emplace_back(word(names[k]));
    }
    m.person.surname = std::string(word(names.back()));
    return true;
}

// "Contact: Gwenllian Prys 01632 960244": a meeting page's contact is a person, named in full,
// whether or not the forename is a known one.
void Recogniser::contact_person_at(std::size_t i) {
    if ((word(i) == "Contact" || word(i) == "CONTACT") && tokens_.is_symbol(i + 1, ":") &&
        tokens_.same_line(i + 2)) {
        const std::size_t before = candidates_.size();
        // "Contact: Democratic Services": a team, not a person.
        if (person_after(i + 2, i + 2, {}, 2, 2)) {
            const std::string_view last = word(candidates_.back().end_token - 1);
            if (is_head(candidates_.back().end_token - 1) || last == "Services" || last == "Team" ||
                last == "Support") {
                candidates_.resize(before);
            }
        }
    }
}

void Recogniser::forename_person_at(std::size_t i) {
    if (!has_at(Kind::forename, i)) {
        return;
    }
    // "St Giles Trust", "Kent Police Finance Team": a name is not inside a longer proper name.
    if (i > 0 && tokens_.same_line(i) && tokens_.is_capitalised(i - 1) && tokens_.is_word(i - 1) &&
        !has_at(Kind::not_name, i - 1)) {
        return;
    }
    const std::size_t before = candidates_.size();
    if (!person_after(i, i, {}, 1)) {
        return;
    }
    RecognisedMention& m = candidates_.back();
    const std::size_t after = m.end_token;
    // "Morag Rennie Tel: …": a word that is never a name's does not continue one.
    const bool continues = tokens_.is_word(after) && tokens_.is_capitalised(after) &&
                           tokens_.same_line(after) && !has_at(Kind::not_name, after) &&
                           !column_gap(after);
    if (m.person.given.empty() || has(Kind::org_head, m.person.surname) || continues ||
        gazetteer_.may_start(m.person.surname)) {
        candidates_.resize(before);
    }
}

// ---- gazetteer phrases: bodies, places, roles, titles ---------------------------------------

void Recogniser::gazetteer_at(std::size_t i) {
    if (!may_start(i)) {
        return;
    }
    gazetteer_.match_at(tokens_, i, info(i), [&](const PhraseMatch& match) {
        const PhraseEntry& entry = *match.entry;
        switch (entry.kind) {
            case Kind::organisation:
                organisation_at(i, match);
                break;
            case Kind::council:
                add(Type::council, i, match.end_token, 3, entry.canonical);
                break;
            case Kind::place: {
                // "North Kent", "West Kent": a part of a place is a place.
                std::size_t first = i;
                const std::string_view before = word(i - 1);
                if (i > 0 && tokens_.same_line(i) && tokens_[i].space_before &&
                    (before == "North" || before == "South" || before == "East" ||
                     before == "West" || before == "Mid" || before == "Central")) {
                    first = i - 1;
                }
                add(Type::place, first, match.end_token, 2,
                    first == i ? entry.canonical : std::string(before) + " " + entry.canonical);
                break;
            }
            case Kind::acronym:
                add(Type::acronym, i, match.end_token, 1, entry.canonical);
                break;
            case Kind::role:
                role_at(i, match);
                break;
            case Kind::title:
                titled_person_at(i, match);
                break;
            default:
                break;
        }
    });
}

// A role title from the gazetteer at token i.
void Recogniser::role_at(std::size_t i, const PhraseMatch& match) {
    const PhraseEntry& entry = *match.entry;
    // "a Member", "the Member": the singular with an article only.
    if (entry.canonical == "Member") {
        const std::string_view a = word(i - 1);
        if (i == 0 || !tokens_.same_line(i) ||
            !(a == "a" || a == "the" || a == "A" || a == "The")) {
            return;
        }
    }
    // "Youth Commissioner", "Information Commissioner": another title.
    if (match.end_token == i + 1 && i > 0 && tokens_.same_line(i) && tokens_[i].space_before &&
        tokens_.is_word(i - 1) && tokens_.is_capitalised(i - 1) && !has_at(Kind::not_name, i - 1) &&
        !tokens_.is_all_caps(i - 1)) {
        return;
    }
    std::size_t first = i;
    // "Kent Police and Crime Commissioner": the place that qualifies the role.
    if (entry.canonical == "Commissioner" && word(i) == "Police" && i > 0 && tokens_.same_line(i)) {
        for (std::size_t back = 1; back <= 3 && back <= i; ++back) {
            PhraseMatch p{};
            if (longest(i - back, Kind::place, p) && p.end_token == i) {
                first = i - back;
            }
        }
    }
    // "Chairman of Gravesham Pastors Charity": the chair of another body is a role
    // of its own; "Chair of the Panel" is this meeting's chair.
    std::string role = entry.canonical;
    std::size_t k = match.end_token;
    if (word_is(k, "of") && tokens_.same_line(k)) {
        std::size_t q = k + 1;
        const bool article = word_is(q, "the");
        q += article ? 1 : 0;
        std::size_t qend = q;
        while (qend < tokens_.size() && tokens_.same_line(qend) &&
               ((tokens_.is_word(qend) && tokens_.is_capitalised(qend)) ||
                ((word(qend) == "and" || word(qend) == "&") && tokens_.is_capitalised(qend + 1)))) {
            ++qend;
        }
        const bool generic = qend == q + 1 && article && is_head(q);
        if (qend > q && !generic) {
            role += " of ";
            role +=
                tokens_.source().substr(tokens_[q].begin, tokens_[qend - 1].end - tokens_[q].begin);
        }
    }
    add(Type::role, first, match.end_token, 2, std::move(role));
}

// A title ("Cllr", "Chief Constable", "Cllr Mrs") and the name after it.
void Recogniser::titled_person_at(std::size_t i, const PhraseMatch& match) {
    std::size_t j = match.end_token;
    std::string title(
        tokens_.source().substr(tokens_[i].begin, tokens_[j - 1].end - tokens_[i].begin));
    if (tokens_.is_symbol(j, ".") && tokens_.attached(j)) {
        ++j;  // "Mr."
    }
    // "Cllr Mrs J Hollingsbee"
    PhraseMatch second{};
    if (longest(j, Kind::title, second) && tokens_.same_line(j)) {
        title += " ";
        title += tokens_.source().substr(tokens_[j].begin,
                                         tokens_[second.end_token - 1].end - tokens_[j].begin);
        j = second.end_token;
    }
    // "PCC Amelia Sorensen" but not "PCC Complaints": a commissioner's abbreviation
    // also names the office, so it is a title only before a full name (a rank such
    // as "DCC" is always one).
    PhraseMatch role{};
    const bool office_abbreviation =
        tokens_.is_all_caps(i) && longest(i, Kind::role, role) &&
        role.entry->canonical.find("Commissioner") != std::string::npos;
    person_after(i, j, std::move(title), 3, office_abbreviation ? 2 : 1);
}

// A known body. "OPCC Westmarch": the commissioner's office followed by its area alone at a
// line's end is one name.
void Recogniser::organisation_at(std::size_t i, const PhraseMatch& match) {
    const PhraseEntry& entry = *match.entry;
    std::size_t end = match.end_token;
    const bool office = entry.canonical.starts_with("Office of the Police");
    if (office && tokens_.is_word(end) && tokens_.is_capitalised(end) && tokens_.same_line(end) &&
        !tokens_.is_all_caps(end) && !has_at(Kind::not_name, end) && !starts_title(end) &&
        (end + 1 >= tokens_.size() || !tokens_.same_line(end + 1))) {
        ++end;
    }
    add(Type::organisation, i, end, 3, end == match.end_token ? entry.canonical : std::string{});
}

// ---- DATE and TIME --------------------------------------------------------------------------

void Recogniser::date_at_number(std::size_t i) {
    const std::string_view s = word(i);
    if (!all_digits(s)) {
        dotted_date(i);
        return;
    }
    if (s.size() == 4 && plausible_year(to_int(s))) {
        year_at(i);
        return;
    }
    if (slash_date(i) || s.size() > 2) {
        return;
    }
    day_month_date(i);
}

// "2022/23", "2022-23", "2022/2023": a financial year; "2025-2028": a period of two years;
// else a year on its own ("in 2016").
void Recogniser::year_at(std::size_t i) {
    const std::string_view s = word(i);
    const int y = to_int(s);
    const std::string_view sep = word(i + 1);
    if ((sep == "/" || sep == "-") && tokens_.attached(i + 1) && tokens_.is_number(i + 2) &&
        tokens_.attached(i + 2)) {
        const std::string_view next = word(i + 2);
        const bool two_digit =
            next.size() == 2 && all_digits(next) && to_int(next) == (y + 1) % 100;
        const bool four_digit = next.size() == 4 && all_digits(next) && to_int(next) == y + 1;
        if (two_digit || four_digit) {
            add(Type::date, i, i + 3, 2, std::to_string(y) + "/" + std::to_string(y + 1))
                .precision = "financial-year";
            return;
        }
        // "Funding Agreement 2025-2028": a span of years longer than one financial year is
        // its two ends, as "2025 to 2028" is.
        const int later = next.size() == 4 && all_digits(next) ? to_int(next) : 0;
        if (sep == "-" && later > y + 1 && plausible_year(later) && !tokens_.attached(i + 3) &&
            !(i > 0 && tokens_.attached(i) && !tokens_.is_symbol(i - 1, "("))) {
            add(Type::date, i, i + 1, 1, std::string(s)).precision = "year";
            add(Type::date, i + 2, i + 3, 1, std::string(next)).precision = "year";
            return;
        }
    }
    const bool glued_before =
        i > 0 && tokens_.attached(i) &&
        (tokens_.is_symbol(i - 1, "/") || tokens_.is_symbol(i - 1, "-") ||
         tokens_.is_symbol(i - 1, "\xC2\xA3") || tokens_.is_symbol(i - 1, "."));
    const bool glued_after = tokens_.attached(i + 1) &&
                             (tokens_.is_symbol(i + 1, "/") || tokens_.is_symbol(i + 1, "%") ||
                              tokens_.is_word(i + 1) || tokens_.is_symbol(i + 1, "."));
    const bool sentence_end =
        tokens_.is_symbol(i + 1, ".") && (i + 2 >= tokens_.size() || !tokens_.attached(i + 2));
    if (options_.bare_years && !glued_before && (!glued_after || sentence_end)) {
        add(Type::date, i, i + 1, 0, std::string(s)).precision = "year";
    }
}

// "17/10/2023", "17/10/23"
bool Recogniser::slash_date(std::size_t i) {
    const std::string_view s = word(i);
    if (!(s.size() <= 2 && tokens_.is_symbol(i + 1, "/") && tokens_.attached(i + 1) &&
          tokens_.is_number(i + 2) && tokens_.attached(i + 2) && all_digits(word(i + 2)) &&
          word(i + 2).size() <= 2 && tokens_.is_symbol(i + 3, "/") && tokens_.attached(i + 3) &&
          tokens_.is_number(i + 4) && tokens_.attached(i + 4) && all_digits(word(i + 4)))) {
        return false;
    }
    const int d = to_int(s);
    const int mo = to_int(word(i + 2));
    int y = to_int(word(i + 4));
    if (word(i + 4).size() == 2) {
        y += 2000;
    } else if (word(i + 4).size() != 4) {
        return true;
    }
    if (mo >= 1 && mo <= 12 && d >= 1 && d <= days_in_month(mo, y)) {
        add(Type::date, i, i + 5, 2, std::to_string(y) + "-" + two(mo) + "-" + two(d)).precision =
            "day";
    }
    return true;
}

// An ordinal suffix in any case ("16th", "21ST"); `rest` is what follows it in the same word.
bool ordinal_suffix(std::string_view word, std::string_view& rest) {
    if (word.size() < 2) {
        return false;
    }
    std::string lower{static_cast<char>(word[0] | 0x20), static_cast<char>(word[1] | 0x20)};
    rest = word.substr(2);
    return lower == "st" || lower == "nd" || lower == "rd" || lower == "th";
}

// "17 October 2023", "16th July, 2025", "6th of February", "11 August", and "11thFebruary
// 2020" (the suffix run into the month by a PDF's lost space).
void Recogniser::day_month_date(std::size_t i) {
    const int d = to_int(word(i));
    if (d < 1 || d > 31) {
        return;
    }
    std::size_t j = i + 1;
    int mo = 0;
    if (tokens_.is_word(j) && tokens_.attached(j)) {
        std::string_view glued_month;
        if (!ordinal_suffix(word(j), glued_month)) {
            return;
        }
        mo = glued_month.empty() ? 0 : month_number(glued_month);
        if (!glued_month.empty() && mo == 0) {
            return;
        }
        ++j;
    }
    if (mo == 0) {
        if (word_is(j, "of") && tokens_.same_line(j)) {
            ++j;
        }
        if (!tokens_.is_word(j) || !tokens_.same_line(j) || (mo = month_number(word(j))) == 0) {
            return;
        }
        ++j;
    }
    std::size_t y_at = tokens_.is_symbol(j, ",") && tokens_.same_line(j) ? j + 1 : j;
    if (tokens_.is_number(y_at) && tokens_.same_line(y_at) && word(y_at).size() == 4 &&
        all_digits(word(y_at))) {
        const int y = to_int(word(y_at));
        if (d <= days_in_month(mo, y)) {
            add(Type::date, i, y_at + 1, 2, std::to_string(y) + "-" + two(mo) + "-" + two(d))
                .precision = "day";
        }
        return;
    }
    if (d <= days_in_month(mo, 0)) {
        add(Type::date, i, j, 2, "--" + two(mo) + "-" + two(d)).precision = "day-month";
    }
}

// "14.11.19", "17.10.2023": one number token with two dots. Paragraph numbers ("1.2.10") are
// told apart by a two-digit day or month, or a four-digit year.
void Recogniser::dotted_date(std::size_t i) {
    const std::string_view s = word(i);
    const auto first_dot = s.find('.');
    const auto second_dot = s.find('.', first_dot + 1);
    if (first_dot == std::string_view::npos || second_dot == std::string_view::npos ||
        s.find('.', second_dot + 1) != std::string_view::npos) {
        return;
    }
    const std::string_view day = s.substr(0, first_dot);
    const std::string_view month = s.substr(first_dot + 1, second_dot - first_dot - 1);
    const std::string_view year = s.substr(second_dot + 1);
    if (!all_digits(day) || !all_digits(month) || !all_digits(year) || day.size() > 2 ||
        month.size() > 2 || (year.size() != 2 && year.size() != 4) ||
        (day.size() < 2 && month.size() < 2 && year.size() < 4)) {
        return;
    }
    const int d = to_int(day);
    const int mo = to_int(month);
    const int y = to_int(year) + (year.size() == 2 ? 2000 : 0);
    if (mo >= 1 && mo <= 12 && d >= 1 && d <= days_in_month(mo, y) && plausible_year(y)) {
        add(Type::date, i, i + 1, 2, std::to_string(y) + "-" + two(mo) + "-" + two(d)).precision =
            "day";
    }
}

void Recogniser::date_at_month(std::size_t i) {
    const int mo = month_number(word(i));
    if (mo == 0 || (word(i) == "May" && !tokens_.is_number(i + 1))) {
        return;
    }
    std::size_t j = i + 1;
    // "July 16, 2025" / "July 16"
    if (tokens_.is_number(j) && tokens_.same_line(j) && word(j).size() <= 2 &&
        all_digits(word(j))) {
        const int d = to_int(word(j));
        std::size_t k = j + 1;
        if (tokens_.is_word(k) && tokens_.attached(k) &&
            (word(k) == "st" || word(k) == "nd" || word(k) == "rd" || word(k) == "th")) {
            ++k;
        }
        if (tokens_.is_symbol(k, ",") && tokens_.is_number(k + 1) && word(k + 1).size() == 4 &&
            tokens_.same_line(k + 1)) {
            const int y = to_int(word(k + 1));
            if (d >= 1 && d <= days_in_month(mo, y)) {
                add(Type::date, i, k + 2, 2, std::to_string(y) + "-" + two(mo) + "-" + two(d))
                    .precision = "day";
            }
        } else if (d >= 1 && d <= days_in_month(mo, 0)) {
            add(Type::date, i, k, 1, "--" + two(mo) + "-" + two(d)).precision = "day-month";
        }
        return;
    }
    if (tokens_.is_symbol(j, ",") && tokens_.same_line(j)) {
        ++j;
    }
    if (tokens_.is_number(j) && tokens_.same_line(j) && word(j).size() == 4 &&
        all_digits(word(j)) && plausible_year(to_int(word(j))) &&
        !(tokens_.is_symbol(j + 1, "/") && tokens_.attached(j + 1))) {
        add(Type::date, i, j + 1, 2, std::string(word(j)) + "-" + two(mo)).precision = "month";
        return;
    }
    // "February and March 2023", "January to March 2024": the year is shared.
    if ((word_is(i + 1, "and") || word_is(i + 1, "to") || word_is(i + 1, "or")) &&
        tokens_.same_line(i + 2) && tokens_.is_word(i + 2) && month_number(word(i + 2)) != 0 &&
        tokens_.is_number(i + 3) && tokens_.same_line(i + 3) && word(i + 3).size() == 4 &&
        all_digits(word(i + 3)) && plausible_year(to_int(word(i + 3)))) {
        add(Type::date, i, i + 1, 1, std::string(word(i + 3)) + "-" + two(mo)).precision = "month";
    }
}

void Recogniser::time_at(std::size_t i) {
    const std::string_view s = word(i);
    int h = -1;
    int mi = 0;
    std::size_t j = i + 1;
    bool needs_ampm = true;
    if (all_digits(s) && s.size() <= 2 && tokens_.is_symbol(i + 1, ":") &&
        tokens_.attached(i + 1) && tokens_.is_number(i + 2) && tokens_.attached(i + 2) &&
        word(i + 2).size() == 2 && all_digits(word(i + 2))) {
        h = to_int(s);
        mi = to_int(word(i + 2));
        j = i + 3;
        needs_ampm = false;
    } else if (const auto dot = s.find('.'); dot != std::string_view::npos) {
        if (dot > 2 || s.size() - dot - 1 != 2) {
            return;
        }
        h = to_int(s.substr(0, dot));
        mi = to_int(s.substr(dot + 1));
    } else if (all_digits(s) && s.size() <= 2) {
        h = to_int(s);
    } else {
        return;
    }
    if (h > 23 || mi > 59) {
        return;
    }
    std::size_t end = j;
    bool pm = false;
    if (is_ampm(j, end, pm)) {
        if (h < 1 || h > 12) {
            return;
        }
        h = (h % 12) + (pm ? 12 : 0);
    } else if (needs_ampm && !(h >= 13 && clock_context(i))) {
        return;
    }
    add(Type::time, i, end, 2, two(h) + ":" + two(mi));
}

// "at 14.00", "from 13.30": past noon a dotted time needs no "pm", but a paragraph number
// ("13.10 Update") has none of these words before it.
bool Recogniser::clock_context(std::size_t i) const {
    if (i == 0 || !tokens_.same_line(i) || !tokens_.is_word(i - 1)) {
        return false;
    }
    const std::string_view before = word(i - 1);
    return before == "at" || before == "from" || before == "until" || before == "to" ||
           before == "and";
}

// "1000 hours", "1400hrs": a 24-hour clock written as four digits and the word for hours.
void Recogniser::clock_hours_at(std::size_t i) {
    const std::string_view s = word(i);
    if (s.size() != 4 || !all_digits(s) || !tokens_.is_word(i + 1) || !tokens_.same_line(i + 1)) {
        return;
    }
    std::string unit(word(i + 1));
    for (char& c : unit) {
        c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    }
    const int h = to_int(s.substr(0, 2));
    const int mi = to_int(s.substr(2));
    if ((unit != "hours" && unit != "hrs" && unit != "hr") || h > 23 || mi > 59) {
        return;
    }
    add(Type::time, i, i + 2, 3, two(h) + ":" + two(mi));
}

// ---- MONEY, PERCENT, QUANTITY ---------------------------------------------------------------

// A decimal number as written ("2.7", "600,000") in units of 10^-scale.
struct Decimal {
    unsigned long long digits = 0;
    int scale = 0;
    bool ok = false;
};

Decimal parse_decimal(std::string_view s) {
    Decimal d;
    bool after_point = false;
    for (char c : s) {
        if (c == ',') {
            continue;
        }
        if (c == '.') {
            if (after_point) {
                return d;
            }
            after_point = true;
            continue;
        }
        if (c < '0' || c > '9' || d.digits > 1'000'000'000'000ull) {
            return d;
        }
        d.digits = d.digits * 10 + static_cast<unsigned long long>(c - '0');
        d.scale += after_point ? 1 : 0;
    }
    d.ok = true;
    return d;
}

// Pounds as a plain decimal: "2700000", "3.50".
std::string pounds(const Decimal& amount, unsigned long long multiplier) {
    // In pence: digits * multiplier * 100 / 10^scale.
    unsigned long long pence = amount.digits * multiplier * 100;
    for (int s = 0; s < amount.scale; ++s) {
        pence /= 10;
    }
    std::string out = std::to_string(pence / 100);
    if (pence % 100 != 0) {
        out += "." + two(static_cast<int>(pence % 100));
    }
    return out;
}

unsigned long long multiplier_of(std::string_view word) {
    if (word == "m" || word == "M" || word == "million" || word == "mn" || word == "Million") {
        return 1'000'000;
    }
    if (word == "k" || word == "K" || word == "thousand") {
        return 1'000;
    }
    if (word == "bn" || word == "billion" || word == "b") {
        return 1'000'000'000;
    }
    return 0;
}

void Recogniser::money_at(std::size_t i) {
    std::size_t j = i + 1;
    if (!tokens_.is_number(j) || !tokens_.same_line(j)) {
        return;
    }
    const Decimal low = parse_decimal(word(j));
    if (!low.ok) {
        return;
    }
    ++j;
    Decimal high;
    // "£2-3m", "£2m-£3m"
    std::size_t k = j;
    unsigned long long low_multiplier = 0;
    if (tokens_.is_word(k) && tokens_.attached(k) && multiplier_of(word(k)) != 0) {
        low_multiplier = multiplier_of(word(k));
        ++k;
    }
    if (tokens_.is_symbol(k, "-") || tokens_.is_symbol(k, "\xE2\x80\x93")) {
        std::size_t n = k + 1;
        if (tokens_.is_symbol(n, "\xC2\xA3")) {
            ++n;
        }
        if (tokens_.is_number(n) && tokens_.same_line(n) &&
            tokens_[n].begin - tokens_[k].end <= 1) {
            high = parse_decimal(word(n));
            if (high.ok) {
                j = n + 1;
            }
        }
    }
    if (!high.ok) {
        j = i + 2;
    }
    unsigned long long multiplier = 1;
    std::size_t end = j;
    if (tokens_.is_word(j) && tokens_.same_line(j) && multiplier_of(word(j)) != 0 &&
        (tokens_.attached(j) || word(j).size() > 2)) {
        multiplier = multiplier_of(word(j));
        end = j + 1;
    }
    std::string value;
    if (high.ok) {
        value = pounds(low, low_multiplier != 0 ? low_multiplier : multiplier) + "-" +
                pounds(high, multiplier);
    } else {
        value = pounds(low, multiplier);
    }
    add(Type::money, i, end, 3, value);
}

void Recogniser::percent_at(std::size_t i) {
    const std::string_view s = word(i);
    if (!parse_decimal(s).ok) {
        return;
    }
    std::string value(s);
    value.erase(std::remove(value.begin(), value.end(), ','), value.end());
    std::size_t j = i + 1;
    // "96-97%"
    if ((tokens_.is_symbol(j, "-") || tokens_.is_symbol(j, "\xE2\x80\x93")) &&
        tokens_.attached(j) && tokens_.is_number(j + 1) && tokens_.attached(j + 1)) {
        value += "-";
        value += word(j + 1);
        j += 2;
    }
    if (tokens_.is_symbol(j, "%") && tokens_.same_line(j) &&
        tokens_[j].begin - tokens_[j - 1].end <= 1) {
        add(Type::percent, i, j + 1, 3, value);
    } else if (word_is(j, "per") && word_is(j + 1, "cent") && tokens_.same_line(j + 1)) {
        add(Type::percent, i, j + 2, 3, value);
    } else if (word_is(j, "percent") && tokens_.same_line(j)) {
        add(Type::percent, i, j + 1, 3, value);
    }
}

// A number that counts nothing whatever follows it: a reference ("Item 4"), a year, money,
// a service's number ("999 calls"), a numbered paragraph or a table's cell.
bool Recogniser::counts_nothing(std::size_t i) const {
    if (!parse_decimal(word(i)).ok) {
        return true;
    }
    if (i > 0 && tokens_.same_line(i)) {
        if (tokens_.is_symbol(i - 1, "\xC2\xA3") || tokens_.is_symbol(i - 1, "/")) {
            return true;
        }
        // "Item 4 officers", "Question 2 asks", "paragraph 3": references, not counts.
        static constexpr std::array<std::string_view, 24> refs = {
            "Item",  "item",   "Question", "question", "paragraph", "Paragraph",
            "para",  "page",   "Page",     "Appendix", "appendix",  "Annex",
            "No",    "no",     "number",   "Number",   "section",   "Section",
            "Table", "Figure", "Phase",    "Tier",     "Priority",  "Option"};
        if (tokens_.is_word(i - 1) &&
            std::find(refs.begin(), refs.end(), word(i - 1)) != refs.end()) {
            return true;
        }
        // "4 July 2024 and matters arising": the year of a date counts nothing.
        if (tokens_.is_word(i - 1) && month_number(word(i - 1)) != 0) {
            return true;
        }
    }
    // "999 calls", "101 call numbers": the service numbers, not counts of calls.
    if ((word(i) == "101" || word(i) == "999" || word(i) == "111") && tokens_.is_word(i + 1) &&
        word(i + 1).starts_with("call")) {
        return true;
    }
    // "3.1 DCC Kovacs presented …": a numbered paragraph, not a count; "1184    Recommendations
    // Approved": the next column of a table.
    const bool paragraph_number = (i == 0 || !tokens_.same_line(i)) &&
                                  word(i).find('.') != std::string_view::npos &&
                                  tokens_.is_capitalised(i + 1);
    return paragraph_number || column_gap(i + 1);
}

void Recogniser::quantity_at(std::size_t i) {
    if (counts_nothing(i)) {
        return;
    }
    std::size_t j = i + 1;
    // "60 to 70 questions", "20-30 officers"
    if ((word_is(j, "to") || tokens_.is_symbol(j, "-") || tokens_.is_symbol(j, "\xE2\x80\x93")) &&
        tokens_.is_number(j + 1) && tokens_.same_line(j + 1)) {
        j += 2;
    }
    // "6-month review", "15-minute"
    if (tokens_.is_symbol(j, "-") && tokens_.attached(j) && tokens_.is_word(j + 1) &&
        tokens_.attached(j + 1)) {
        ++j;
    }
    if (tokens_.is_word(j) && tokens_.attached(j) && !is_plural_noun(j)) {
        return;  // "16th", "10am", "2m"
    }
    // Words that end the noun phrase after a number: what follows is not what it counts.
    static constexpr std::array<std::string_view, 62> stops = {
        "of",      "that",  "which", "the",     "a",     "an",    "to",    "were",  "was",
        "is",      "are",   "in",    "on",      "at",    "for",   "with",  "by",    "from",
        "had",     "have",  "has",   "been",    "be",    "it",    "he",    "she",   "they",
        "this",    "these", "those", "than",    "per",   "who",   "whom",  "into",  "after",
        "before",  "as",    "but",   "not",     "when",  "where", "while", "if",    "so",
        "because", "since", "until", "whether", "we",    "you",   "i",     "would", "could",
        "should",  "will",  "can",   "may",     "might", "must",  "being", "its"};
    for (std::size_t k = j; k < j + 4 && k < tokens_.size(); ++k) {
        if (!tokens_.is_word(k) || !tokens_.same_line(k)) {
            return;
        }
        if (is_plural_noun(k)) {
            add(Type::quantity, i, k + 1, 1);
            return;
        }
        if (std::find(stops.begin(), stops.end(), word(k)) != stops.end()) {
            return;
        }
    }
}

// ---- contact details ------------------------------------------------------------------------

void Recogniser::phone_at(std::size_t i) {
    std::size_t first = i;
    std::size_t digits = 0;
    std::size_t j = i;
    if (tokens_.is_symbol(i, "+")) {
        if (!word_is(i + 1, "44") && !(tokens_.is_number(i + 1) && word(i + 1) == "44")) {
            return;
        }
        digits = 1;  // "+44" stands for the leading 0
        j = i + 2;
    } else if (!all_digits(word(i)) || word(i)[0] != '0' || word(i).size() < 3) {
        return;
    } else {
        digits = word(i).size();
        j = i + 1;
    }
    std::size_t end = first + 1;
    if (tokens_.is_symbol(i, "+")) {
        end = i + 2;
    }
    while (digits < 11 && tokens_.is_number(j) && tokens_.same_line(j) && all_digits(word(j)) &&
           tokens_[j].begin - tokens_[j - 1].end <= 1) {
        digits += word(j).size();
        end = ++j;
    }
    if (digits >= 10 && digits <= 11) {
        add(Type::phone, first, end, 4);
    }
}

void Recogniser::postcode_at(std::size_t i) {
    // Outward code "ME15", "SW1A", "M1"; then the inward code "9BZ" (a digit and two letters).
    const std::string_view s = word(i);
    std::size_t letters = 0;
    while (letters < s.size() && s[letters] >= 'A' && s[letters] <= 'Z') {
        ++letters;
    }
    if (letters < 1 || letters > 2 || s.size() < letters + 1 || s.size() > letters + 2) {
        return;
    }
    const std::string_view rest = s.substr(letters);
    if (rest[0] < '0' || rest[0] > '9') {
        return;
    }
    if (rest.size() == 2 &&
        !((rest[1] >= '0' && rest[1] <= '9') || (rest[1] >= 'A' && rest[1] <= 'Z'))) {
        return;
    }
    const std::size_t j = i + 1;
    if (!tokens_.is_number(j) || !tokens_.same_line(j) || word(j).size() != 1 ||
        !tokens_.is_word(j + 1) || !tokens_.attached(j + 1) || word(j + 1).size() != 2 ||
        !tokens_.is_all_caps(j + 1)) {
        return;
    }
    if (tokens_.is_word(j + 2) && tokens_.attached(j + 2)) {
        return;
    }
    add(Type::postcode, i, j + 2, 4);
}

void Recogniser::email_at(std::size_t i) {
    const auto part = [&](std::size_t k) {
        return tokens_.is_word(k) || tokens_.is_number(k) || tokens_.is_symbol(k, ".") ||
               tokens_.is_symbol(k, "_") || tokens_.is_symbol(k, "-") || tokens_.is_symbol(k, "+");
    };
    // An address is short: bounded scans keep glued text ("a@b.c@d…") linear.
    constexpr std::size_t kLongest = 32;
    std::size_t first = i;
    while (first > 0 && i - first < kLongest && tokens_.attached(first) && part(first - 1) &&
           !tokens_.is_symbol(first - 1, "@")) {
        --first;
    }
    std::size_t end = i + 1;
    bool dot = false;
    while (end < tokens_.size() && end - i < kLongest && tokens_.attached(end) && part(end) &&
           !tokens_.is_symbol(end, "+") && !tokens_.is_symbol(end, "@")) {
        dot = dot || tokens_.is_symbol(end, ".");
        ++end;
    }
    while (end > i + 1 && tokens_.is_symbol(end - 1, ".")) {
        --end;
    }
    if (first < i && end > i + 1 && dot && tokens_.is_word(end - 1)) {
        add(Type::email, first, end, 4);
    }
}

// ---- DECISION_REF ---------------------------------------------------------------------------

// "OPCC.D.034.23", "WMPCC-DN-2025-014": capitals and numbers joined by '.', '-' or '/', with
// no space, at least three parts; "Decision 2024/057": a number reference after "Decision".
void Recogniser::decision_ref_at(std::size_t i) {
    if (word(i) == "Decision" || word(i) == "decision") {
        std::size_t j = i + 1;
        if (word_is(j, "No") || word_is(j, "Notice")) {
            ++j;
            if (tokens_.is_symbol(j, ".") && tokens_.attached(j)) {
                ++j;
            }
        }
        if (tokens_.is_number(j) && tokens_.same_line(j) && tokens_.is_symbol(j + 1, "/") &&
            tokens_.attached(j + 1) && tokens_.is_number(j + 2) && tokens_.attached(j + 2)) {
            add(Type::decision_ref, i, j + 3, 4);
        }
        return;
    }
    // Quick rejection first: a reference starts with two capitals and is glued to what follows.
    if (word(i).size() < 2 || word(i)[1] < 'A' || word(i)[1] > 'Z' || !tokens_.attached(i + 1) ||
        !tokens_.is_all_caps(i) ||
        (i > 0 && tokens_.attached(i) && !tokens_.is_symbol(i - 1, "("))) {
        return;
    }
    std::size_t parts = 1;
    std::size_t numbers = 0;
    std::size_t j = i + 1;
    while (j + 1 < tokens_.size() && parts < 8 && tokens_.attached(j) && tokens_.attached(j + 1) &&
           (tokens_.is_symbol(j, ".") || tokens_.is_symbol(j, "-") || tokens_.is_symbol(j, "/")) &&
           (tokens_.is_number(j + 1) || tokens_.is_all_caps(j + 1))) {
        numbers += tokens_.is_number(j + 1) ? 1 : 0;
        parts += 1;
        j += 2;
    }
    // A word of capitals with hyphens inside ("WMPCC-DN") counts its parts too.
    for (char c : word(i)) {
        parts += c == '-' ? 1 : 0;
    }
    if (parts >= 3 && numbers >= 1) {
        add(Type::decision_ref, i, j, 4);
    }
}

// ---- OPERATION and capitalised runs (named bodies, councils, Acts) --------------------------

bool is_connector(std::string_view s);

// Tokens in the longest name of a body or Act the run rule considers.
constexpr std::size_t kLongestName = 24;

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

// ---- attendance-list forms of names ---------------------------------------------------------

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

// ---- choosing among candidates --------------------------------------------------------------

void Recogniser::resolve() {
    std::vector<std::size_t> order(candidates_.size());
    for (std::size_t k = 0; k < order.size(); ++k) {
        order[k] = k;
    }
    accepted_.reserve(candidates_.size());
    // Longest first, then the surer rule, then the earlier; the index makes the order total,
    // so a plain sort gives the same order as a stable one.
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        const RecognisedMention& x = candidates_[a];
        const RecognisedMention& y = candidates_[b];
        const auto lx = x.end - x.begin;
        const auto ly = y.end - y.begin;
        if (lx != ly) {
            return lx > ly;
        }
        if (x.priority != y.priority) {
            return x.priority > y.priority;
        }
        if (x.begin != y.begin) {
            return x.begin < y.begin;
        }
        return a < b;
    });
    taken_.assign(tokens_.size(), 0);
    for (std::size_t k : order) {
        RecognisedMention& m = candidates_[k];
        bool free = true;
        for (std::size_t j = m.first_token; j < m.end_token && free; ++j) {
            free = taken_[j] == 0;
        }
        if (!free) {
            continue;
        }
        std::fill(taken_.begin() + m.first_token, taken_.begin() + m.end_token, 1);
        accepted_.push_back(std::move(m));
    }
    candidates_.clear();
}

// A person named in full once is named by surname alone later ("Mochrie-Cox").
void Recogniser::bare_surnames() {
    std::unordered_set<std::string_view, Gazetteer::Hash> surnames;
    // "Deryn Matlock" named again in full: the forename belongs to the mention.
    std::vector<std::pair<std::string_view, std::string_view>> forename_surname;
    for (const auto& m : accepted_) {
        if (m.type == Type::person && (!m.person.given.empty() || !m.person.title.empty()) &&
            !m.person.surname.empty() && m.person.surname[0] >= 'A' && m.person.surname[0] <= 'Z') {
            surnames.insert(m.person.surname);
            if (!m.person.given.empty() && m.person.given.back().size() > 1) {
                forename_surname.emplace_back(m.person.given.back(), m.person.surname);
            }
        }
    }
    if (surnames.empty()) {
        return;
    }
    // A cheap filter before hashing: surnames' first letters and lengths.
    std::uint32_t first_letters = 0;  // bit per capital letter
    std::uint64_t lengths = 0;        // bit per length below 64
    for (const std::string_view s : surnames) {
        first_letters |= 1u << (s[0] - 'A');
        lengths |= s.size() < 64 ? 1ull << s.size() : 1ull << 63;
    }
    for (std::size_t i = 0; i < tokens_.size(); ++i) {
        if (taken_[i] != 0 || !tokens_.is_word(i) || !tokens_.is_capitalised(i)) {
            continue;
        }
        const std::string_view s = word(i);
        if ((first_letters & (1u << (s[0] - 'A'))) == 0 ||
            (lengths & (s.size() < 64 ? 1ull << s.size() : 1ull << 63)) == 0 ||
            surnames.find(s) == surnames.end()) {
            continue;
        }
        // Not the first word of a longer proper name ("Hill Street").
        const bool continues = tokens_.is_word(i + 1) && tokens_.is_capitalised(i + 1) &&
                               tokens_.same_line(i + 1) && taken_[i + 1] == 0;
        if (continues) {
            continue;
        }
        const bool with_forename = i > 0 && tokens_.same_line(i) && tokens_.is_word(i - 1) &&
                                   taken_[i - 1] == 0 &&
                                   std::find(forename_surname.begin(), forename_surname.end(),
                                             std::pair{word(i - 1), s}) != forename_surname.end();
        const std::size_t first = with_forename ? i - 1 : i;
        RecognisedMention m;
        m.type = Type::person;
        m.first_token = static_cast<std::uint32_t>(first);
        m.end_token = static_cast<std::uint32_t>(i + 1);
        m.begin = tokens_[first].begin;
        m.end = tokens_[i].end;
        if (with_forename) {
            m.person.given.emplace_back(word(i - 1));
        }
        m.person.surname = std::string(s);
        std::fill(taken_.begin() + first, taken_.begin() + i + 1, 1);
        accepted_.push_back(std::move(m));
    }
}

// Six capitals or more with no digit are a word written in capitals ("PLANNING", "MONDAY"),
// not an abbreviation; letters inside a reference ("24-25/FRA/15", "25/0041/HH") are a code.
bool Recogniser::acronym_shaped(std::size_t i, std::string_view bare) const {
    const bool has_digit = bare.find_first_of("0123456789") != std::string_view::npos;
    const bool in_reference = i > 1 && tokens_.attached(i) && tokens_.is_symbol(i - 1, "/") &&
                              tokens_.attached(i - 1) && tokens_.is_number(i - 2);
    // "South East Regional Organised Crime Unit (SEROCU)": defined, so an abbreviation.
    const bool defined =
        tokens_.source().find("(" + std::string(word(i)) + ")") != std::string_view::npos;
    return (bare.size() < 6 || has_digit || defined) && !in_reference;
}

// Abbreviations not known as bodies or roles: "FCR", "OCGs". A run of capitals is a heading.
void Recogniser::acronyms() {
    const auto caps = [&](std::size_t i) {
        if (!tokens_.is_word(i)) {
            return false;
        }
        std::string_view s = word(i);
        if (s.size() > 2 && s.back() == 's') {
            s.remove_suffix(1);
        }
        if (s.size() < 2 || s.size() > 10 || s[0] < 'A' || s[0] > 'Z') {
            return false;
        }
        std::size_t letters = 0;
        for (char c : s) {
            if (c >= 'A' && c <= 'Z') {
                ++letters;
            } else if (c < '0' || c > '9') {
                return false;
            }
        }
        return letters >= 2;
    };
    const auto roman = [](std::string_view s) {
        return s.find_first_not_of("IVXLC") == std::string_view::npos;
    };
    for (std::size_t i = 0; i < tokens_.size(); ++i) {
        if (taken_[i] != 0 || !caps(i)) {
            continue;
        }
        const std::string_view s = word(i);
        std::string_view bare = s;
        if (bare.back() == 's') {
            bare.remove_suffix(1);
        }
        if (has_at(Kind::not_acronym, i) || has(Kind::not_acronym, bare) ||
            has_at(Kind::honour, i) || roman(s) || !acronym_shaped(i, bare)) {
            continue;
        }
        // A heading in capitals: another word of capitals beside it on the line.
        const auto heading_word = [&](std::size_t k) {
            return tokens_.is_word(k) && tokens_.is_all_caps(k) && word(k).size() >= 2 &&
                   (has_at(Kind::not_acronym, k) || word(k).size() >= 5);
        };
        if ((i > 0 && tokens_.same_line(i) && heading_word(i - 1)) ||
            (tokens_.same_line(i + 1) && heading_word(i + 1))) {
            continue;
        }
        accept_token(i, Type::acronym);
    }
}

// Every recogniser that starts at token i proposes its candidates.
void Recogniser::propose_at(std::size_t i) {
    const Token& tok = tokens_[i];
    if (tok.kind == TokenKind::word) {
        const bool capital = tokens_.is_capitalised(i);
        if (capital || gazetteer_.has_uncapitalised_phrases() ||
            static_cast<unsigned char>(tokens_.source()[tok.begin]) >= 0x80) {
            gazetteer_at(i);
        }
        if (capital) {
            decision_ref_at(i);
            forename_person_at(i);
            contact_person_at(i);
            plural_title_list_at(i);
            untitled_initials_at(i);
            date_at_month(i);
            operation_at(i);
            postcode_at(i);
        }
    } else if (tok.kind == TokenKind::number) {
        date_at_number(i);
        time_at(i);
        clock_hours_at(i);
        percent_at(i);
        quantity_at(i);
        phone_at(i);
    } else {
        const std::string_view s = word(i);
        if (s == "\xC2\xA3") {
            money_at(i);
        } else if (s == "(") {
            initials_bracket_at(i);
        } else if (s == "@") {
            email_at(i);
        } else if (s == "+") {
            phone_at(i);
        }
    }
}

std::vector<RecognisedMention> Recogniser::run() {
    candidates_.reserve(tokens_.size() / 16 + 16);
    for (std::size_t i = 0; i < tokens_.size(); ++i) {
        propose_at(i);
    }
    capitalised_runs();
    adapter_hints();
    resolve();
    initials_in_use();
    bare_surnames();
    acronyms();
    // Sort positions, then move each mention once (they are large).
    std::vector<std::uint32_t> order(accepted_.size());
    for (std::size_t k = 0; k < order.size(); ++k) {
        order[k] = static_cast<std::uint32_t>(k);
    }
    std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
        return accepted_[a].begin < accepted_[b].begin;
    });
    std::vector<RecognisedMention> sorted;
    sorted.reserve(order.size());
    for (const std::uint32_t k : order) {
        sorted.push_back(std::move(accepted_[k]));
    }
    return sorted;
}

}  // namespace

std::vector<RecognisedMention> find_mentions(const Document& doc, const Tokens& tokens,
                                             const Gazetteer& gazetteer,
                                             const RecogniserOptions& options) {
    return Recogniser(doc, tokens, gazetteer, options).run();
}

}  // namespace kpproc::entities
