#include "linking.hpp"

#include <algorithm>
#include <optional>
#include <unordered_map>

#include "kpproc/text.hpp"

namespace kpproc::entities {

namespace {

std::string lower(std::string_view s) {
    return text::to_lower_ascii(s);
}

// "Kent Police" -> "kent-police"; keeps non-ASCII bytes as they are.
std::string slug(std::string_view s) {
    // Written by index into a buffer of the input's size (the slug is never longer): one id per
    // mention is built, and appending byte by byte cost more than the rest of the work.
    std::string out(s.size(), '\0');
    std::size_t n = 0;
    bool dash = false;
    for (char c : s) {
        const auto u = static_cast<unsigned char>(c);
        const bool keep = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || u >= 0x80 ||
                          c == '.' || c == ':' || c == '/';
        if (c >= 'A' && c <= 'Z') {
            out[n++] = static_cast<char>(c - 'A' + 'a');
            dash = false;
        } else if (keep) {
            out[n++] = c;
            dash = false;
        } else if (!dash && n != 0) {
            out[n++] = '-';
            dash = true;
        }
    }
    while (n != 0 && out[n - 1] == '-') {
        --n;
    }
    out.resize(n);
    return out;
}

const char* id_prefix(Type type) {
    switch (type) {
        case Type::person:
            return "person";
        case Type::role:
            return "role";
        case Type::organisation:
            return "org";
        case Type::council:
            return "council";
        case Type::place:
            return "place";
        case Type::operation:
            return "operation";
        case Type::legislation:
            return "legislation";
        case Type::date:
            return "date";
        case Type::time:
            return "time";
        case Type::money:
            return "money";
        case Type::percent:
            return "percent";
        case Type::quantity:
            return "quantity";
        case Type::decision_ref:
            return "decision";
        case Type::acronym:
            return "acronym";
        case Type::email:
            return "email";
        case Type::phone:
            return "phone";
        case Type::postcode:
            return "postcode";
    }
    return "entity";
}

bool female_title(std::string_view title) {
    return title.find("Mrs") != std::string_view::npos ||
           title.find("Ms") != std::string_view::npos ||
           title.find("Miss") != std::string_view::npos ||
           title.find("Dame") != std::string_view::npos ||
           title.find("Lady") != std::string_view::npos ||
           title.find("Baroness") != std::string_view::npos;
}
bool male_title(std::string_view title) {
    return (title.find("Mr") != std::string_view::npos &&
            title.find("Mrs") == std::string_view::npos) ||
           title.find("Sir") != std::string_view::npos ||
           title.find("Lord") != std::string_view::npos;
}

// ---- people ---------------------------------------------------------------------------------

struct Person {
    std::string surname;
    std::string initial;             // first given name's initial, upper case; "" if none
    std::vector<std::string> given;  // the fullest given names seen
    std::string title;
    std::vector<std::size_t> mentions;   // indices into the mention list
    std::vector<std::string> ambiguous;  // names this surname-only person could be
    std::string id;
};

bool is_initial(const std::string& given_name) {
    return given_name.size() == 1;
}

// Titles of the other gender never merge: "Mrs Taylor" is not "Mr Taylor".
bool compatible_title(const Person& p, const std::string& title) {
    return !((female_title(p.title) && male_title(title)) ||
             (male_title(p.title) && female_title(title)));
}

// How full a form of the given names is: full forenames over initials, more names over fewer.
std::size_t fullness(const std::vector<std::string>& given) {
    std::size_t score = given.size();
    for (const auto& x : given) {
        score += is_initial(x) ? 0 : 10;
    }
    return score;
}

// Builds the people of one document from its PERSON mentions, those with given names first.
class PeopleGrouper {
public:
    // A mention with given names joins the person of the same surname and a compatible initial
    // and title, or defines a new one.
    void add_named(std::size_t k, const PersonName& name);
    // A surname-only mention joins the one person of that surname; with none or several it
    // joins a person of its own, one per surname, who records whom it could be.
    void add_surname_only(std::size_t k, const PersonName& name);
    // The people with their mentions in order and their ids.
    std::vector<Person> finish();

private:
    Person* named_match(const std::vector<std::size_t>& same_surname, const std::string& initial,
                        const PersonName& name);

    std::vector<Person> people_;
    std::unordered_map<std::string, std::vector<std::size_t>> by_surname_;  // named people
    std::unordered_map<std::string, std::size_t> surname_only_;
};

Person* PeopleGrouper::named_match(const std::vector<std::size_t>& same_surname,
                                   const std::string& initial, const PersonName& name) {
    for (std::size_t idx : same_surname) {
        Person& p = people_[idx];
        if (p.initial != initial || !compatible_title(p, name.title)) {
            continue;
        }
        // "John" and "Jane" share an initial but are two people.
        const std::string& a = p.given.front();
        const std::string& b = name.given.front();
        if (!is_initial(a) && !is_initial(b) && a != b) {
            continue;
        }
        return &p;
    }
    return nullptr;
}

void PeopleGrouper::add_named(std::size_t k, const PersonName& name) {
    const std::string initial(1, name.given.front()[0]);
    auto& same_surname = by_surname_[lower(name.surname)];
    Person* match = named_match(same_surname, initial, name);
    if (match == nullptr) {
        people_.push_back(Person{name.surname, initial, name.given, name.title, {}, {}, {}});
        same_surname.push_back(people_.size() - 1);
        match = &people_.back();
    }
    match->mentions.push_back(k);
    if (fullness(name.given) > fullness(match->given)) {
        match->given = name.given;
    }
    if (match->title.empty()) {
        match->title = name.title;
    }
}

void PeopleGrouper::add_surname_only(std::size_t k, const PersonName& name) {
    const std::string key = lower(name.surname);
    std::vector<std::size_t> fits;
    for (std::size_t idx : by_surname_[key]) {
        if (compatible_title(people_[idx], name.title)) {
            fits.push_back(idx);
        }
    }
    std::size_t joined = 0;
    if (fits.size() == 1) {
        joined = fits.front();
    } else {
        auto it = surname_only_.find(key);
        if (it == surname_only_.end()) {
            Person p{name.surname, {}, {}, name.title, {}, {}, {}};
            for (std::size_t idx : fits) {
                p.ambiguous.push_back(text::join(people_[idx].given, " ") + " " +
                                      people_[idx].surname);
            }
            people_.push_back(std::move(p));
            it = surname_only_.emplace(key, people_.size() - 1).first;
        }
        joined = it->second;
    }
    people_[joined].mentions.push_back(k);
    if (people_[joined].title.empty()) {
        people_[joined].title = name.title;
    }
}

std::vector<Person> PeopleGrouper::finish() {
    // Ids: stable across documents (surname and first initial), unique within this one.
    std::unordered_map<std::string, int> used;
    for (Person& p : people_) {
        std::sort(p.mentions.begin(), p.mentions.end());
        std::string id = "person:" + slug(p.surname);
        if (!p.initial.empty()) {
            id += "." + lower(p.initial);
        }
        if (const int n = used[id]++; n > 0) {
            id += "." + (p.given.empty() ? std::to_string(n + 1) : slug(p.given.front()));
        }
        p.id = std::move(id);
    }
    return std::move(people_);
}

// Groups PERSON mentions into people: "Cllr S Mochrie-Cox" and "Cllr Shane Mochrie-Cox" are
// one; "Steve Iles" and "Josie Iles" two; "Mr Hill" joins "Mr P M Hill" when no other Hill
// competes.
std::vector<Person> group_people(const std::vector<RecognisedMention>& mentions) {
    PeopleGrouper grouper;
    for (std::size_t k = 0; k < mentions.size(); ++k) {
        if (mentions[k].type == Type::person && !mentions[k].person.given.empty()) {
            grouper.add_named(k, mentions[k].person);
        }
    }
    for (std::size_t k = 0; k < mentions.size(); ++k) {
        if (mentions[k].type == Type::person && mentions[k].person.given.empty()) {
            grouper.add_surname_only(k, mentions[k].person);
        }
    }
    return grouper.finish();
}

std::string person_name(const Person& p) {
    std::string name = text::join(p.given, " ");
    return name.empty() ? p.surname : name + " " + p.surname;
}

// ---- acronyms -------------------------------------------------------------------------------

// Small words an acronym's letters pass over: "Police and Crime Panel (PCP)".
bool skipped_in_acronym(std::string_view s) {
    return s == "and" || s == "of" || s == "the" || s == "for" || s == "&" || s == "in" ||
           s == "on" || s == "to";
}

// "Force Control Room (FCR)": the words before the bracket whose initials spell the acronym.
std::optional<std::string> expansion_before(const Tokens& tokens, std::size_t open,
                                            std::string_view acronym) {
    std::string letters;
    for (char c : acronym) {
        if (c >= 'A' && c <= 'Z') {
            letters += c;
        }
    }
    if (letters.size() < 2 || open == 0) {
        return std::nullopt;
    }
    std::size_t need = letters.size();
    std::size_t k = open;
    std::size_t first = open;
    while (k > 0 && need > 0) {
        --k;
        if (!tokens.same_line(k + 1)) {
            return std::nullopt;
        }
        const std::string_view s = tokens.text(k);
        if (tokens.is_symbol(k, "'") || tokens.is_symbol(k, "\xE2\x80\x99") ||
            (s == "s" && tokens.attached(k))) {
            continue;  // "Majesty’s"
        }
        if (!tokens.is_word(k)) {
            return std::nullopt;
        }
        if (skipped_in_acronym(s) && need != letters.size()) {
            continue;
        }
        // Hyphenated words give one initial per part ("Anti-Social" -> A S).
        std::vector<char> initials;
        for (std::size_t p = 0; p < s.size(); ++p) {
            if (p == 0 || s[p - 1] == '-') {
                initials.push_back(
                    static_cast<char>(std::toupper(static_cast<unsigned char>(s[p]))));
            }
        }
        if (initials.size() > need) {
            initials = {initials.front()};
        }
        for (std::size_t q = initials.size(); q-- > 0;) {
            if (need == 0 || letters[need - 1] != initials[q]) {
                return std::nullopt;
            }
            --need;
        }
        first = k;
    }
    if (need != 0) {
        return std::nullopt;
    }
    const auto begin = tokens[first].begin;
    const auto end = tokens[open - 1].end;
    return std::string(tokens.source().substr(begin, end - begin));
}

// "FCR (Force Control Room)"
std::optional<std::string> expansion_after(const Tokens& tokens, std::size_t open,
                                           std::string_view acronym) {
    std::size_t close = open + 1;
    while (close < tokens.size() && tokens.same_line(close) && !tokens.is_symbol(close, ")") &&
           close < open + 12) {
        ++close;
    }
    if (!tokens.is_symbol(close, ")") || close == open + 1) {
        return std::nullopt;
    }
    // Reuse the backwards matcher on the bracketed words.
    const auto found = expansion_before(tokens, close, acronym);
    if (!found) {
        return std::nullopt;
    }
    const auto whole = tokens.source().substr(tokens[open + 1].begin,
                                              tokens[close - 1].end - tokens[open + 1].begin);
    return whole == *found ? found : std::nullopt;
}

void expand_acronyms(const Tokens& tokens, const Gazetteer& gazetteer,
                     std::vector<RecognisedMention>& mentions) {
    std::map<std::string, std::string, std::less<>> expansions;
    for (const RecognisedMention& m : mentions) {
        if (m.type != Type::acronym && m.type != Type::organisation && m.type != Type::council) {
            continue;
        }
        const std::string_view surface = tokens.source().substr(m.begin, m.end - m.begin);
        if (m.end_token != m.first_token + 1 || !tokens.is_all_caps(m.first_token)) {
            if (!(surface.size() > 2 && surface.back() == 's')) {
                continue;
            }
        }
        std::optional<std::string> found;
        if (m.first_token > 0 && tokens.is_symbol(m.first_token - 1, "(") &&
            tokens.is_symbol(m.end_token, ")")) {
            found = expansion_before(tokens, m.first_token - 1, surface);
        }
        if (!found && tokens.is_symbol(m.end_token, "(")) {
            found = expansion_after(tokens, m.end_token, surface);
        }
        if (found) {
            std::string key(surface);
            if (key.size() > 2 && key.back() == 's') {
                key.pop_back();
            }
            expansions.emplace(key, *found);
        }
    }
    for (RecognisedMention& m : mentions) {
        if (m.type != Type::acronym) {
            continue;
        }
        std::string key(tokens.source().substr(m.begin, m.end - m.begin));
        if (key.size() > 2 && key.back() == 's') {
            key.pop_back();
        }
        const auto it = expansions.find(key);
        if (it == expansions.end()) {
            continue;
        }
        m.value = it->second;
        // "Violence Reduction Unit (VRU)": an abbreviation of a body names that body.
        if (gazetteer.ends_in_head(it->second)) {
            m.type = Type::organisation;
        }
    }
}

// ---- one document's mentions ----------------------------------------------------------------

// No person, entity or role holder.
constexpr std::size_t kNone = SIZE_MAX;

// The mentions of one document as every step of linking reads them: sorted by position, each
// PERSON mention with the person it was grouped into.
struct DocumentMentions {
    DocumentMentions(std::string_view document_text, const Tokens& document_tokens,
                     const std::vector<RecognisedMention>& recognised,
                     const std::vector<Person>& grouped)
        : text(document_text),
          tokens(document_tokens),
          list(recognised),
          people(grouped),
          person_of(recognised.size(), kNone) {
        for (std::size_t p = 0; p < people.size(); ++p) {
            for (std::size_t k : people[p].mentions) {
                person_of[k] = p;
            }
        }
    }

    std::string_view surface(const RecognisedMention& m) const {
        return text.substr(m.begin, m.end - m.begin);
    }
    // The first mention at or after byte `offset`.
    std::size_t first_at(std::size_t offset) const {
        return static_cast<std::size_t>(
            std::lower_bound(
                list.begin(), list.end(), offset,
                [](const RecognisedMention& m, std::size_t off) { return m.begin < off; }) -
            list.begin());
    }
    // Calls `visit(k)` for every mention k wholly inside `span`.
    template <class Visit>
    void for_each_inside(const Span& span, const Visit& visit) const {
        for (std::size_t k = first_at(span.begin); k < list.size() && list[k].begin < span.end;
             ++k) {
            if (list[k].end <= span.end) {
                visit(k);
            }
        }
    }
    // Mention k is a PERSON grouped into a person.
    bool names_person(std::size_t k) const {
        return list[k].type == Type::person && person_of[k] != kNone;
    }

    std::string_view text;
    const Tokens& tokens;
    const std::vector<RecognisedMention>& list;
    const std::vector<Person>& people;
    std::vector<std::size_t> person_of;  // per mention: index into people, or kNone
};

template <class Visit>
void visit_with_children(Paragraph& p, const Visit& visit) {
    visit(p);
    for (auto& c : p.children) {
        visit_with_children(c, visit);
    }
}

// Every paragraph of the document's items, each before its children.
template <class Visit>
void for_each_paragraph(Document& doc, const Visit& visit) {
    for (auto& item : doc.items) {
        for (auto& p : item.description) {
            visit_with_children(p, visit);
        }
        for (auto& p : item.paragraphs) {
            visit_with_children(p, visit);
        }
        for (auto& q : item.questions) {
            for (auto& a : q.answers) {
                visit_with_children(a, visit);
            }
        }
    }
}

// ---- role holders ---------------------------------------------------------------------------

// The words between a person and a role that give the person the role: "… be elected as",
// "… who had joined the OPCC as", "… was also the".
bool joins_to_role(const std::string& between) {
    static constexpr std::string_view endings[] = {" as",           " as the",     " was the",
                                                   " was also the", " is the",     " is also the",
                                                   " became",       " became the", " as its"};
    const std::string spaced = " " + between;
    for (auto e : endings) {
        if (spaced.ends_with(e)) {
            return true;
        }
    }
    return false;
}

struct Holder {
    std::size_t person = 0;  // index into people
    Span evidence;
    std::string how;  // attendance, election, named-with-role, as-role, title, held-by-role
};

// "The Commissioner was also the Chairman of the Criminal Justice Board": whoever holds `from`
// holds `to`, once the holders are known.
struct RoleOfRole {
    std::string from;
    std::string to;
    Span evidence;
};

// The candidates for each role's holder (canonical role -> candidates).
class RoleHolders {
public:
    void add(const std::string& role, std::size_t person, Span evidence, const char* how) {
        // Evidence that says so outright beats "… as Chair" in passing.
        const auto strength = [](std::string_view h) {
            return h == "as-role" || h == "held-by-role" ? 0 : 1;
        };
        auto& list = by_role_[role];
        for (auto& h : list) {
            if (h.person == person) {
                if (strength(how) > strength(h.how)) {
                    h.evidence = evidence;
                    h.how = how;
                }
                return;
            }
        }
        list.push_back(Holder{person, evidence, how});
    }

    // An attendance entry gives `person` the role at the head of its bracket ("PCC's Chief
    // Executive" -> Chief Executive): the entry replaces what the bracket rule took from it.
    void add_attendee(const std::string& role, std::size_t person, Span entry) {
        auto& list = by_role_[role];
        // The bracket rule took the first role of the bracket; the head wins.
        list.erase(std::remove_if(list.begin(), list.end(),
                                  [&](const Holder& h) {
                                      return h.person == person &&
                                             h.how == std::string("named-with-role");
                                  }),
                   list.end());
        for (auto& [role_name, others] : by_role_) {
            if (role_name == role) {
                continue;
            }
            others.erase(std::remove_if(others.begin(), others.end(),
                                        [&](const Holder& h) {
                                            return h.person == person &&
                                                   h.evidence.begin >= entry.begin &&
                                                   h.evidence.end <= entry.end;
                                        }),
                         others.end());
        }
        add(role, person, entry, "attendance");
    }

    // The candidates for `role`; nullptr when the document gave none.
    const std::vector<Holder>* of(const std::string& role) const {
        const auto it = by_role_.find(role);
        return it == by_role_.end() ? nullptr : &it->second;
    }

private:
    std::map<std::string, std::vector<Holder>> by_role_;
};

// The words between two mentions, folded; a long stretch never joins them, so it is not copied
// at all (this runs for every role mention).
std::string words_between(std::string_view text, std::size_t from, std::size_t to) {
    if (to - from > 160) {
        return std::string("…");
    }
    return lower(text::collapse_whitespace(text.substr(from, to - from)));
}

// "Mr M Scott (Kent Police and Crime Commissioner)", "Mr M Scott, Commissioner", "Ms O'Rourke,
// the Deputy PCC,", "RESOLVED that Mr Hill be elected as Chair", "Dr Marsh, who had joined the
// OPCC as Chief Finance Officer": person mention `p` before role mention `r`.
void person_before_role(const DocumentMentions& mentions, std::size_t p, std::size_t r,
                        RoleHolders& holders) {
    const RecognisedMention& person = mentions.list[p];
    const RecognisedMention& role = mentions.list[r];
    const std::string between = words_between(mentions.text, person.end, role.begin);
    const bool bracket = (between == "(" || between.ends_with(" (") ||
                          (between.starts_with(",") && between.ends_with("("))) &&
                         between.size() < 12 && mentions.tokens.is_symbol(role.end_token, ")");
    const bool apposition = between == "," || between == "-" || between == "\xE2\x80\x93" ||
                            between == ", the" || between == ", our" || between == ", its";
    const bool sentence = between.size() < 100 && between.find_first_of(".;:") == std::string::npos;
    const bool elected = sentence && (between.find("elected") != std::string::npos ||
                                      between.find("appointed") != std::string::npos);
    const bool as_role = sentence && joins_to_role(between);
    const Span evidence{person.begin, role.end};
    if (bracket || apposition) {
        holders.add(role.value, mentions.person_of[p], evidence, "named-with-role");
    } else if (elected && as_role) {
        holders.add(role.value, mentions.person_of[p], evidence, "election");
    } else if (as_role) {
        holders.add(role.value, mentions.person_of[p], evidence, "as-role");
    }
}

// "The Commissioner was also the Chairman of the Criminal Justice Board": role mention `earlier`
// before role mention `later`, the holder of one holding the other.
std::optional<RoleOfRole> role_before_role(const DocumentMentions& mentions, std::size_t earlier,
                                           std::size_t later) {
    const RecognisedMention& first = mentions.list[earlier];
    const RecognisedMention& second = mentions.list[later];
    const std::string between = words_between(mentions.text, first.end, second.begin);
    if (between.size() < 60 && between.find_first_of(".;:") == std::string::npos &&
        joins_to_role(between)) {
        return RoleOfRole{first.value, second.value, Span{first.begin, second.end}};
    }
    return std::nullopt;
}

// "The Commissioner, Mr Rupert Ashworth-Kemp, welcomed", "Chair: Cllr Jones": role mention `r`
// before person mention `p`.
void role_before_person(const DocumentMentions& mentions, std::size_t r, std::size_t p,
                        RoleHolders& holders) {
    const Tokens& tokens = mentions.tokens;
    const RecognisedMention& role = mentions.list[r];
    const RecognisedMention& person = mentions.list[p];
    const std::string between = words_between(mentions.text, role.end, person.begin);
    const std::string_view after =
        tokens.is_symbol(person.end_token, ",") || tokens.is_symbol(person.end_token, ")") ||
                tokens.is_symbol(person.end_token, ".") || person.end_token >= tokens.size() ||
                !tokens.same_line(person.end_token)
            ? "closed"
            : "open";
    if ((between == "," && after == "closed") || between == ":") {
        holders.add(role.value, mentions.person_of[p], Span{role.begin, person.end},
                    "named-with-role");
    }
}

// A person and a role the same sentence joins, the role mention's nearest person or role
// before it and the person after it. Returns the roles held by another role's holder.
std::vector<RoleOfRole> holders_beside_roles(const DocumentMentions& mentions,
                                             RoleHolders& holders) {
    const auto& list = mentions.list;
    std::vector<RoleOfRole> role_of_role;
    for (std::size_t k = 0; k < list.size(); ++k) {
        if (list[k].type != Type::role || list[k].value == "Member") {
            continue;
        }
        // The nearest person or role before it (before - 1), and the mention after it.
        std::size_t before = k;
        while (before > 0 && list[before - 1].type != Type::person &&
               list[before - 1].type != Type::role) {
            --before;
        }
        if (before > 0 && mentions.names_person(before - 1)) {
            person_before_role(mentions, before - 1, k, holders);
        }
        if (before > 0 && list[before - 1].type == Type::role &&
            list[before - 1].value != list[k].value) {
            if (auto found = role_before_role(mentions, before - 1, k)) {
                role_of_role.push_back(std::move(*found));
            }
        }
        if (k + 1 < list.size() && mentions.names_person(k + 1)) {
            role_before_person(mentions, k, k + 1, holders);
        }
    }
    return role_of_role;
}

// "Chief Constable Sarah Whitfield-Moss", "DCC Marcus Oyelaran": the title is the role.
void holders_by_title(const DocumentMentions& mentions, const Gazetteer& gazetteer,
                      RoleHolders& holders) {
    for (std::size_t k = 0; k < mentions.list.size(); ++k) {
        const RecognisedMention& m = mentions.list[k];
        if (!mentions.names_person(k) || m.person.title.empty()) {
            continue;
        }
        const Tokens title(m.person.title);
        PhraseMatch role{};
        if (gazetteer.longest_at(title, 0, Kind::role, role) && role.end_token == title.size()) {
            holders.add(role.entry->canonical, mentions.person_of[k], Span{m.begin, m.end},
                        "title");
        }
    }
}

// Attendance lists: the role is the head of the bracket, so the last role mention inside the
// entry after its person.
void holders_from_attendance(const Document& doc, const DocumentMentions& mentions,
                             RoleHolders& holders) {
    for (const auto& a : doc.attendance) {
        if (!a.span || !a.role) {
            continue;
        }
        std::optional<std::size_t> person;
        std::optional<std::size_t> role;
        mentions.for_each_inside(*a.span, [&](std::size_t k) {
            if (!person && mentions.names_person(k)) {
                person = mentions.person_of[k];
            } else if (mentions.list[k].type == Type::role && person) {
                role = k;
            }
        });
        if (person && role) {
            holders.add_attendee(mentions.list[*role].value, *person, *a.span);
        }
    }
}

// Who holds each role, from the evidence the document gives.
RoleHolders find_role_holders(const Document& doc, const DocumentMentions& mentions,
                              const Gazetteer& gazetteer) {
    RoleHolders holders;
    const std::vector<RoleOfRole> role_of_role = holders_beside_roles(mentions, holders);
    holders_by_title(mentions, gazetteer, holders);
    holders_from_attendance(doc, mentions, holders);
    for (const auto& [from, to, evidence] : role_of_role) {
        const std::vector<Holder>* from_holders = holders.of(from);
        if (from_holders != nullptr && from_holders->size() == 1) {
            holders.add(to, from_holders->front().person, evidence, "held-by-role");
        }
    }
    return holders;
}

// ---- entities -------------------------------------------------------------------------------

// The attendance entry each mention lies in, found once (lists can be long).
std::vector<const Attendee*> attendees_of(const Document& doc, const DocumentMentions& mentions) {
    std::vector<const Attendee*> attendee_of(mentions.list.size(), nullptr);
    for (const auto& a : doc.attendance) {
        if (!a.span) {
            continue;
        }
        mentions.for_each_inside(*a.span, [&](std::size_t k) {
            if (attendee_of[k] == nullptr) {
                attendee_of[k] = &a;
            }
        });
    }
    return attendee_of;
}

// What the attendance list says about a person (the entry one of its mentions is in).
void add_attendance_facts(Entity& e, const Attendee& a) {
    if (a.honours) {
        e.attributes.emplace_back("honours", *a.honours);
    }
    if (a.role) {
        e.attributes.emplace_back("role", *a.role);
    }
    if (a.organisation) {
        e.attributes.emplace_back("organisation", *a.organisation);
    }
    if (a.group) {
        e.attributes.emplace_back("attendance", *a.group);
    }
}

// A PERSON entity, without its mentions.
Entity person_entity(const Person& p, const std::vector<const Attendee*>& attendee_of) {
    Entity e;
    e.id = p.id;
    e.type = "PERSON";
    e.name = person_name(p);
    if (!p.title.empty()) {
        e.attributes.emplace_back("title", p.title);
    }
    json::Array given;
    for (const auto& x : p.given) {
        given.emplace_back(x);
    }
    e.attributes.emplace_back("given_names", std::move(given));
    e.attributes.emplace_back("surname", p.surname);
    for (const std::size_t k : p.mentions) {
        if (attendee_of[k] != nullptr) {
            add_attendance_facts(e, *attendee_of[k]);
            break;
        }
    }
    if (!p.ambiguous.empty()) {
        json::Array names;
        for (const auto& x : p.ambiguous) {
            names.emplace_back(x);
        }
        e.attributes.emplace_back("ambiguous_with", std::move(names));
        e.attributes.emplace_back(
            "link_note", "named by surname only, and " + std::to_string(p.ambiguous.size()) +
                             " people in this document share that surname: not merged");
    }
    return e;
}

// A mention whose value names its entity ("2019-02-06" for "6 February 2019" and "06/02/2019")
// is looked up by that value; figures and references by their words as written.
bool keyed_by_value(const RecognisedMention& m) {
    return !m.value.empty() && m.type != Type::quantity && m.type != Type::operation &&
           m.type != Type::legislation && m.type != Type::email && m.type != Type::decision_ref &&
           m.type != Type::phone && m.type != Type::acronym;
}

// The name an entity is known by; its id is made from it.
std::string entity_key(const RecognisedMention& m, std::string_view surface) {
    std::string key;
    switch (m.type) {
        case Type::quantity:
        case Type::operation:
        case Type::legislation:
        case Type::email:
        case Type::decision_ref:
            key = text::collapse_whitespace(surface);
            break;
        case Type::phone:
            for (char c : surface) {
                if (c >= '0' && c <= '9') {
                    key += c;
                }
            }
            break;
        case Type::acronym: {
            std::string s(surface);
            if (s.size() > 2 && s.back() == 's') {
                s.pop_back();
            }
            key = s;
            break;
        }
        default:
            key = m.value.empty() ? text::collapse_whitespace(surface) : m.value;
    }
    return key;
}

// The attributes of a figure, date, time or acronym entity.
void add_value_attributes(Entity& e, const RecognisedMention& m, std::string_view surface) {
    switch (m.type) {
        case Type::date:
            e.attributes.emplace_back("value", m.value);
            e.attributes.emplace_back("precision", m.precision);
            break;
        case Type::time:
            e.attributes.emplace_back("value", m.value);
            break;
        case Type::money:
            e.attributes.emplace_back("currency", "GBP");
            e.attributes.emplace_back("amount", m.value);
            break;
        case Type::percent:
            e.attributes.emplace_back("value", m.value);
            break;
        case Type::acronym:
            e.attributes.emplace_back(
                "expansion", m.value.empty() ? json::Value(nullptr) : json::Value(m.value));
            break;
        case Type::quantity: {
            // The number and what it counts: "487 new police officers".
            const auto space = surface.find(' ');
            e.attributes.emplace_back("number", std::string(surface.substr(0, space)));
            const auto last = surface.find_last_of(" -");
            e.attributes.emplace_back(
                "counted",
                std::string(surface.substr(last == std::string_view::npos ? 0 : last + 1)));
            break;
        }
        default:
            break;
    }
}

std::string evidence_text(std::string_view text, const Holder& h) {
    return std::string(text.substr(h.evidence.begin, h.evidence.end - h.evidence.begin));
}

// A ROLE entity's attributes: the role and who holds it. Returns the holder (an index into
// people) when there is exactly one, else kNone.
std::size_t add_role_attributes(Entity& e, const std::string& role,
                                const std::vector<Holder>* holders,
                                const DocumentMentions& mentions) {
    const auto& people = mentions.people;
    e.attributes.emplace_back("role", role);
    if (holders == nullptr || holders->empty()) {
        e.attributes.emplace_back("status", "unresolved");
        e.attributes.emplace_back("holder", nullptr);
        return kNone;
    }
    if (holders->size() > 1) {
        e.attributes.emplace_back("status", "conflicting");
        e.attributes.emplace_back("holder", nullptr);
        json::Array candidates;
        for (const auto& candidate : *holders) {
            candidates.emplace_back(
                json::Object{{"person", people[candidate.person].id},
                             {"name", person_name(people[candidate.person])},
                             {"evidence", evidence_text(mentions.text, candidate)}});
        }
        e.attributes.emplace_back("candidates", std::move(candidates));
        return kNone;
    }
    const Holder& holder = holders->front();
    e.attributes.emplace_back("status", "resolved");
    e.attributes.emplace_back("holder", people[holder.person].id);
    e.attributes.emplace_back("holder_name", person_name(people[holder.person]));
    e.attributes.emplace_back("holder_surname", people[holder.person].surname);
    e.attributes.emplace_back(
        "evidence",
        json::Object{
            {"how", holder.how},
            {"span", json::Array{json::Value(static_cast<std::int64_t>(holder.evidence.begin)),
                                 json::Value(static_cast<std::int64_t>(holder.evidence.end))}},
            {"text", evidence_text(mentions.text, holder)}});
    return holder.person;
}

// Builds one entity per person and per value, each with its mentions, then hands them to the
// document in order of first mention.
class EntityBuilder {
public:
    EntityBuilder(const DocumentMentions& mentions, const RoleHolders& holders)
        : mentions_(mentions),
          holders_(holders),
          entity_of_(mentions.list.size(), kNone),
          role_holder_(mentions.people.size() + mentions.list.size(), kNone),
          seen_by_type_(static_cast<std::size_t>(Type::postcode) + 1) {
        built_.reserve(mentions.people.size() + mentions.list.size());
        by_id_.reserve(mentions.list.size());
    }

    // People come first, in order, so person p is built_[p].
    void add_person(const Person& p, const std::vector<const Attendee*>& attendee_of);
    // A mention of any other type joins the entity it names, built on first sight.
    void add_mention(std::size_t k);
    // Moves the entities into doc.entities, in order of first mention.
    void publish(Document& doc);
    // Per mention, the index in doc.entities of who speaks when the mention opens a sentence:
    // its entity, or for a role with a holder the holder; kNone for none. After publish().
    std::vector<std::size_t> speakers() const;

private:
    struct Built {
        Entity entity;
        std::size_t first;  // where its first mention begins
    };
    std::size_t build(const RecognisedMention& m, const std::string& id, const std::string& key);
    void add_to(std::size_t entity, std::size_t k) {
        const RecognisedMention& m = mentions_.list[k];
        built_[entity].entity.mentions.push_back(
            kpproc::Mention{std::string(mentions_.surface(m)), Span{m.begin, m.end}});
        entity_of_[k] = entity;
    }

    const DocumentMentions& mentions_;
    const RoleHolders& holders_;
    std::vector<Built> built_;
    // Indices into built_, not ids: copying an id per mention cost more than linking.
    std::vector<std::size_t> entity_of_;    // per mention; kNone: none
    std::vector<std::size_t> role_holder_;  // per built entity: the person holding the role
    std::vector<std::size_t> position_;     // per built entity: its index in doc.entities
    std::unordered_map<std::string, std::size_t> by_id_;
    // Per type: the raw words (or value) of a mention -> index into built_. Views into the
    // text and into the mentions, both alive as long as this builder.
    std::vector<std::unordered_map<std::string_view, std::size_t>> seen_by_type_;
};

void EntityBuilder::add_person(const Person& p, const std::vector<const Attendee*>& attendee_of) {
    built_.push_back(
        Built{person_entity(p, attendee_of), mentions_.list[p.mentions.front()].begin});
    for (std::size_t k : p.mentions) {
        add_to(built_.size() - 1, k);
    }
}

void EntityBuilder::add_mention(std::size_t k) {
    const RecognisedMention& m = mentions_.list[k];
    // Most mentions repeat an entity already built: find it by the raw words (or value) before
    // building a key, a slug and an id.
    const std::string_view raw =
        keyed_by_value(m) ? std::string_view(m.value) : mentions_.surface(m);
    auto& seen = seen_by_type_[static_cast<std::size_t>(m.type)];
    if (const auto known = seen.find(raw); known != seen.end()) {
        add_to(known->second, k);
        return;
    }
    const std::string key = entity_key(m, mentions_.surface(m));
    const std::string id = std::string(id_prefix(m.type)) + ":" + slug(key);
    auto it = by_id_.find(id);
    if (it == by_id_.end()) {
        it = by_id_.emplace(id, build(m, id, key)).first;
    }
    add_to(it->second, k);
    seen.emplace(raw, it->second);
}

// A new entity for mention `m`, without its mentions; returns its index in built_.
std::size_t EntityBuilder::build(const RecognisedMention& m, const std::string& id,
                                 const std::string& key) {
    Entity e;
    e.id = id;
    e.type = type_name(m.type);
    e.name = key;
    if (m.type == Type::role) {
        role_holder_[built_.size()] =
            add_role_attributes(e, m.value, holders_.of(m.value), mentions_);
    } else {
        add_value_attributes(e, m, mentions_.surface(m));
    }
    if (m.type == Type::organisation || m.type == Type::council || m.type == Type::place) {
        e.name = m.value.empty() ? key : m.value;
    }
    built_.push_back(Built{std::move(e), m.begin});
    return built_.size() - 1;
}

void EntityBuilder::publish(Document& doc) {
    // Sort positions and move each entity once.
    std::vector<std::size_t> order(built_.size());
    for (std::size_t k = 0; k < order.size(); ++k) {
        order[k] = k;
    }
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        return built_[a].first < built_[b].first;
    });
    doc.entities.clear();
    doc.entities.reserve(built_.size());
    position_.assign(built_.size(), 0);
    for (const std::size_t k : order) {
        position_[k] = doc.entities.size();
        doc.entities.push_back(std::move(built_[k].entity));
    }
}

std::vector<std::size_t> EntityBuilder::speakers() const {
    std::vector<std::size_t> speaker(entity_of_.size(), kNone);
    for (std::size_t k = 0; k < entity_of_.size(); ++k) {
        std::size_t entity = entity_of_[k];
        if (entity == kNone) {
            continue;
        }
        if (role_holder_[entity] != kNone) {
            entity = role_holder_[entity];  // the person holding the role speaks
        }
        speaker[k] = position_[entity];
    }
    return speaker;
}

// ---- speakers -------------------------------------------------------------------------------

// A person or role followed by what it did ("The Commissioner explained", "Cllr Palmer queried",
// "Mr Hill also thanked").
bool followed_by_speech(const RecognisedMention& m, const Tokens& tokens,
                        const Gazetteer& gazetteer) {
    if (m.type != Type::person && m.type != Type::role) {
        return false;
    }
    std::size_t j = m.end_token;
    for (int skip = 0; skip < 3 && tokens.is_word(j); ++skip) {
        if (gazetteer.has_word(Kind::speech_verb, tokens.text(j))) {
            return true;
        }
        const std::string_view s = tokens.text(j);
        if (s != "also" && s != "then" && s != "further" && s != "briefly" && s != "again" &&
            s != "had" && s != "has" && s != "have" && s != "was" && s != "would" &&
            s != "kindly" && s != "duly" && s != "subsequently") {
            return false;
        }
        ++j;
    }
    return false;
}

// The mention (with its article) opens a sentence of the paragraph starting at byte
// `paragraph_begin`.
bool opens_sentence(const RecognisedMention& m, const Tokens& tokens, std::size_t paragraph_begin) {
    std::size_t j = m.first_token;
    if (j > 0 && (tokens.text(j - 1) == "The" || tokens.text(j - 1) == "the" ||
                  tokens.text(j - 1) == "A" || tokens.text(j - 1) == "a")) {
        --j;
    }
    if (tokens[j].begin <= paragraph_begin || j == 0) {
        return true;
    }
    const std::string_view prev = tokens.text(j - 1);
    return prev == "." || prev == ":" || prev == ";" || tokens[j].newline_before ||
           (prev == "," && j >= 2 && tokens.text(j - 2) != "and");
}

// Sets a paragraph's speakers: a person or role that opens a sentence and is followed by what
// it did. A role stands for its holder when the document names one.
void fill_speakers(Paragraph& p, const DocumentMentions& mentions, const Gazetteer& gazetteer,
                   const std::vector<Entity>& entities, const std::vector<std::size_t>& speaker) {
    p.speakers.clear();
    if (!p.span) {
        return;
    }
    const auto& list = mentions.list;
    for (std::size_t k = mentions.first_at(p.span->begin);
         k < list.size() && list[k].end <= p.span->end; ++k) {
        const RecognisedMention& m = list[k];
        if (!followed_by_speech(m, mentions.tokens, gazetteer) ||
            !opens_sentence(m, mentions.tokens, p.span->begin) || speaker[k] == kNone) {
            continue;
        }
        const Entity& e = entities[speaker[k]];
        const bool seen = std::any_of(p.speakers.begin(), p.speakers.end(),
                                      [&](const Speaker& s) { return s.entity == e.id; });
        if (!seen && !(m.type == Type::role && m.value == "Member")) {
            p.speakers.push_back(Speaker{e.id, e.name, Span{m.begin, m.end}});
        }
    }
}

}  // namespace

void link_document(Document& doc, const Tokens& tokens, const Gazetteer& gazetteer,
                   std::vector<RecognisedMention> mentions) {
    expand_acronyms(tokens, gazetteer, mentions);
    const std::vector<Person> people = group_people(mentions);
    const DocumentMentions found(doc.text, tokens, mentions, people);
    const RoleHolders holders = find_role_holders(doc, found, gazetteer);

    EntityBuilder entities(found, holders);
    const std::vector<const Attendee*> attendee_of = attendees_of(doc, found);
    for (const Person& p : people) {
        entities.add_person(p, attendee_of);
    }
    for (std::size_t k = 0; k < mentions.size(); ++k) {
        if (mentions[k].type != Type::person) {
            entities.add_mention(k);
        }
    }
    entities.publish(doc);

    const std::vector<std::size_t> speaker = entities.speakers();
    for_each_paragraph(
        doc, [&](Paragraph& p) { fill_speakers(p, found, gazetteer, doc.entities, speaker); });
}

// ---- across a batch -------------------------------------------------------------------------

namespace {

// What linking across documents reads of a PERSON entity.
struct SurnameFacts {
    std::string key;              // the surname, lower case
    bool named_fully = false;     // given names are known
    bool ambiguous_here = false;  // its own document could not tell whom it names
};

std::optional<SurnameFacts> surname_facts(const Entity& e) {
    const json::Value* surname_value = nullptr;
    const json::Value* given = nullptr;
    for (const auto& [k, v] : e.attributes) {
        if (k == "surname") {
            surname_value = &v;
        } else if (k == "given_names") {
            given = &v;
        }
    }
    if (surname_value == nullptr || !surname_value->is_string()) {
        return std::nullopt;
    }
    SurnameFacts facts;
    facts.key = lower(surname_value->as_string());
    facts.named_fully = given != nullptr && given->is_array() && !given->as_array().empty();
    facts.ambiguous_here = std::any_of(e.attributes.begin(), e.attributes.end(),
                                       [](const auto& kv) { return kv.first == "ambiguous_with"; });
    return facts;
}

// Follows new ids wherever the document refers to a person: role holders and speakers.
void follow_renames(Document& doc, const std::map<std::string, std::string>& renamed) {
    for (auto& e : doc.entities) {
        for (auto& [k, v] : e.attributes) {
            if (k == "holder" && v.is_string()) {
                if (const auto r = renamed.find(v.as_string()); r != renamed.end()) {
                    v = r->second;
                }
            }
        }
    }
    for_each_paragraph(doc, [&](Paragraph& p) {
        for (auto& s : p.speakers) {
            if (const auto r = renamed.find(s.entity); r != renamed.end()) {
                s.entity = r->second;
            }
        }
    });
}

}  // namespace

void BatchDirectory::link(Document& doc) {
    std::map<std::string, std::string> renamed;  // old id -> new id
    std::vector<std::pair<std::string, Known>> learned;
    for (auto& e : doc.entities) {
        if (e.type != "PERSON") {
            continue;
        }
        const std::optional<SurnameFacts> facts = surname_facts(e);
        if (!facts) {
            continue;
        }
        if (facts->named_fully) {
            learned.emplace_back(facts->key, Known{e.id, e.name, doc.source.path});
        } else if (!facts->ambiguous_here) {
            link_by_surname(e, facts->key, renamed);
        }
    }
    remember(std::move(learned));
    if (!renamed.empty()) {
        follow_renames(doc, renamed);
    }
}

void BatchDirectory::link_by_surname(Entity& person, const std::string& surname,
                                     std::map<std::string, std::string>& renamed) const {
    const auto it = by_surname_.find(surname);
    if (it == by_surname_.end() || it->second.empty()) {
        return;
    }
    if (it->second.size() == 1) {
        const Known& k = it->second.front();
        renamed[person.id] = k.id;
        person.attributes.emplace_back("linked_by", scope_);
        person.attributes.emplace_back(
            "link_note", "named by surname only; the one " + person.name + " seen earlier in the " +
                             scope_ + " is " + k.name + " (" + k.source + ")");
        person.id = k.id;
        person.name = k.name;
        return;
    }
    json::Array names;
    for (const auto& k : it->second) {
        names.emplace_back(k.name + " (" + k.id + ")");
    }
    person.attributes.emplace_back("ambiguous_with", std::move(names));
    person.attributes.emplace_back(
        "link_note", "named by surname only, and " + std::to_string(it->second.size()) +
                         " people of that surname were seen earlier in the " + scope_ +
                         ": not merged");
}

void BatchDirectory::remember(std::vector<std::pair<std::string, Known>> learned) {
    for (auto& entry : learned) {
        Known& known = entry.second;  // not a structured binding: lambdas capture it below
        auto& list = by_surname_[entry.first];
        if (std::none_of(list.begin(), list.end(),
                         [&](const Known& k) { return k.id == known.id; })) {
            list.push_back(std::move(known));
        }
    }
}

}  // namespace kpproc::entities
