#include "linking.hpp"

#include <algorithm>
#include <optional>
#include <tuple>
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

// Groups PERSON mentions into people: "Cllr S Mochrie-Cox" and "Cllr Shane Mochrie-Cox" are
// one; "Steve Iles" and "Josie Iles" two; "Mr Hill" joins "Mr P M Hill" when no other Hill
// competes.
std::vector<Person> group_people(const std::vector<RecognisedMention>& mentions) {
    std::vector<Person> people;
    std::unordered_map<std::string, std::vector<std::size_t>> by_surname;
    const auto compatible_title = [](const Person& p, const std::string& title) {
        return !((female_title(p.title) && male_title(title)) ||
                 (male_title(p.title) && female_title(title)));
    };
    // Pass 1: mentions with given names define people.
    for (std::size_t k = 0; k < mentions.size(); ++k) {
        const RecognisedMention& m = mentions[k];
        if (m.type != Type::person || m.person.given.empty()) {
            continue;
        }
        const std::string key = lower(m.person.surname);
        const std::string initial(1, m.person.given.front()[0]);
        auto& list = by_surname[key];
        Person* match = nullptr;
        for (std::size_t idx : list) {
            Person& p = people[idx];
            if (p.initial != initial || !compatible_title(p, m.person.title)) {
                continue;
            }
            // "John" and "Jane" share an initial but are two people.
            const std::string& a = p.given.front();
            const std::string& b = m.person.given.front();
            if (!is_initial(a) && !is_initial(b) && a != b) {
                continue;
            }
            match = &p;
            break;
        }
        if (match == nullptr) {
            people.push_back(
                Person{m.person.surname, initial, m.person.given, m.person.title, {}, {}, {}});
            list.push_back(people.size() - 1);
            match = &people.back();
        }
        match->mentions.push_back(k);
        // Keep the fullest form: full forenames over initials, more names over fewer.
        const auto fullness = [](const std::vector<std::string>& given) {
            std::size_t score = given.size();
            for (const auto& x : given) {
                score += is_initial(x) ? 0 : 10;
            }
            return score;
        };
        if (fullness(m.person.given) > fullness(match->given)) {
            match->given = m.person.given;
        }
        if (match->title.empty()) {
            match->title = m.person.title;
        }
    }
    // Pass 2: surname-only mentions join the one person with that surname.
    std::unordered_map<std::string, std::size_t> surname_only;
    for (std::size_t k = 0; k < mentions.size(); ++k) {
        const RecognisedMention& m = mentions[k];
        if (m.type != Type::person || !m.person.given.empty()) {
            continue;
        }
        const std::string key = lower(m.person.surname);
        std::vector<std::size_t> fits;
        for (std::size_t idx : by_surname[key]) {
            if (compatible_title(people[idx], m.person.title)) {
                fits.push_back(idx);
            }
        }
        if (fits.size() == 1) {
            Person& p = people[fits.front()];
            p.mentions.push_back(k);
            if (p.title.empty()) {
                p.title = m.person.title;
            }
            continue;
        }
        auto it = surname_only.find(key);
        if (it == surname_only.end()) {
            Person p{m.person.surname, {}, {}, m.person.title, {}, {}, {}};
            for (std::size_t idx : fits) {
                p.ambiguous.push_back(text::join(people[idx].given, " ") + " " +
                                      people[idx].surname);
            }
            people.push_back(std::move(p));
            it = surname_only.emplace(key, people.size() - 1).first;
        }
        people[it->second].mentions.push_back(k);
        if (people[it->second].title.empty()) {
            people[it->second].title = m.person.title;
        }
    }
    // Ids: stable across documents (surname and first initial), unique within this one.
    std::unordered_map<std::string, int> used;
    for (Person& p : people) {
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
    return people;
}

std::string person_name(const Person& p) {
    std::string name = text::join(p.given, " ");
    return name.empty() ? p.surname : name + " " + p.surname;
}

// ---- acronyms -------------------------------------------------------------------------------

bool connector_word(std::string_view s) {
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
        if (connector_word(s) && need != letters.size()) {
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

// ---- roles ----------------------------------------------------------------------------------

// The words between a person and a role that give the person the role: "… be elected as",
// "… who had joined the OPCC as", "… was also the".
bool joins_to_role(const std::string& b) {
    static constexpr std::string_view endings[] = {" as",           " as the",     " was the",
                                                   " was also the", " is the",     " is also the",
                                                   " became",       " became the", " as its"};
    const std::string spaced = " " + b;
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
    std::string how;  // attendance, election, named-with-role
};

}  // namespace

void link_document(Document& doc, const Tokens& tokens, const Gazetteer& gazetteer,
                   std::vector<RecognisedMention> mentions) {
    expand_acronyms(tokens, gazetteer, mentions);
    const std::vector<Person> people = group_people(mentions);
    std::vector<std::size_t> person_of(mentions.size(), SIZE_MAX);
    for (std::size_t p = 0; p < people.size(); ++p) {
        for (std::size_t k : people[p].mentions) {
            person_of[k] = p;
        }
    }
    const std::string_view text = doc.text;
    const auto surface = [&](const RecognisedMention& m) {
        return text.substr(m.begin, m.end - m.begin);
    };

    // Role holders, from the evidence the document gives.
    std::map<std::string, std::vector<Holder>> holders;  // canonical role -> candidates
    const auto add_holder = [&](const std::string& role, std::size_t person, Span evidence,
                                const char* how) {
        // Evidence that says so outright beats "… as Chair" in passing.
        const auto strength = [](std::string_view h) {
            return h == "as-role" || h == "held-by-role" ? 0 : 1;
        };
        auto& list = holders[role];
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
    };
    // A person and a role the same sentence joins:
    //   "Mr M Scott (Kent Police and Crime Commissioner)", "Mr M Scott, Commissioner",
    //   "Ms O'Rourke, the Deputy PCC,", "RESOLVED that Mr Hill be elected as Chair",
    //   "Dr Marsh, who had joined the OPCC as Chief Finance Officer", "he was the Chairman of"
    //   "The Commissioner, Mr Rupert Ashworth-Kemp, welcomed", "Chair: Cllr Jones".
    // The words between two mentions, folded; a long stretch never joins them, so it is not
    // copied at all (this runs for every role mention).
    const auto between_text = [&](std::size_t from, std::size_t to) {
        if (to - from > 160) {
            return std::string("…");
        }
        return lower(text::collapse_whitespace(text.substr(from, to - from)));
    };
    std::vector<std::tuple<std::string, std::string, Span>> role_of_role;
    for (std::size_t k = 0; k < mentions.size(); ++k) {
        const RecognisedMention& r = mentions[k];
        if (r.type != Type::role || r.value == "Member") {
            continue;
        }
        // The nearest person or role before it, and after it.
        std::size_t before = k;
        while (before > 0 && mentions[before - 1].type != Type::person &&
               mentions[before - 1].type != Type::role) {
            --before;
        }
        if (before > 0 && mentions[before - 1].type == Type::person &&
            person_of[before - 1] != SIZE_MAX) {
            const RecognisedMention& a = mentions[before - 1];
            const std::string b = between_text(a.end, r.begin);
            const bool bracket =
                (b == "(" || b.ends_with(" (") || (b.starts_with(",") && b.ends_with("("))) &&
                b.size() < 12 && tokens.is_symbol(r.end_token, ")");
            const bool apposition = b == "," || b == "-" || b == "\xE2\x80\x93" || b == ", the" ||
                                    b == ", our" || b == ", its";
            const bool sentence = b.size() < 100 && b.find_first_of(".;:") == std::string::npos;
            const bool elected = sentence && (b.find("elected") != std::string::npos ||
                                              b.find("appointed") != std::string::npos);
            const bool as_role = sentence && joins_to_role(b);
            if (bracket || apposition) {
                add_holder(r.value, person_of[before - 1], Span{a.begin, r.end}, "named-with-role");
            } else if (elected && as_role) {
                add_holder(r.value, person_of[before - 1], Span{a.begin, r.end}, "election");
            } else if (as_role) {
                add_holder(r.value, person_of[before - 1], Span{a.begin, r.end}, "as-role");
            }
        }
        // "The Commissioner was also the Chairman of the Criminal Justice Board": the holder
        // of one role holds the other.
        if (before > 0 && mentions[before - 1].type == Type::role &&
            mentions[before - 1].value != r.value) {
            const RecognisedMention& a = mentions[before - 1];
            const std::string b = between_text(a.end, r.begin);
            if (b.size() < 60 && b.find_first_of(".;:") == std::string::npos && joins_to_role(b)) {
                role_of_role.emplace_back(a.value, r.value, Span{a.begin, r.end});
            }
        }
        if (k + 1 < mentions.size() && mentions[k + 1].type == Type::person &&
            person_of[k + 1] != SIZE_MAX) {
            const RecognisedMention& p = mentions[k + 1];
            const std::string b = between_text(r.end, p.begin);
            const std::string_view after =
                tokens.is_symbol(p.end_token, ",") || tokens.is_symbol(p.end_token, ")") ||
                        tokens.is_symbol(p.end_token, ".") || p.end_token >= tokens.size() ||
                        !tokens.same_line(p.end_token)
                    ? "closed"
                    : "open";
            if ((b == "," && after == "closed") || b == ":") {
                add_holder(r.value, person_of[k + 1], Span{r.begin, p.end}, "named-with-role");
            }
        }
    }
    // "Chief Constable Sarah Whitfield-Moss", "DCC Marcus Oyelaran": the title is the role.
    for (std::size_t k = 0; k < mentions.size(); ++k) {
        const RecognisedMention& m = mentions[k];
        if (m.type != Type::person || m.person.title.empty() || person_of[k] == SIZE_MAX) {
            continue;
        }
        const Tokens title(m.person.title);
        PhraseMatch role{};
        if (gazetteer.longest_at(title, 0, Kind::role, role) && role.end_token == title.size()) {
            add_holder(role.entry->canonical, person_of[k], Span{m.begin, m.end}, "title");
        }
    }
    // Mentions are sorted by position: the first one at or after `offset`.
    const auto first_mention_at = [&](std::size_t offset) {
        return static_cast<std::size_t>(
            std::lower_bound(
                mentions.begin(), mentions.end(), offset,
                [](const RecognisedMention& m, std::size_t off) { return m.begin < off; }) -
            mentions.begin());
    };
    // Attendance lists: the role is the head of the bracket ("PCC's Chief Executive" ->
    // Chief Executive), so the last role mention inside the entry's bracket.
    for (const auto& a : doc.attendance) {
        if (!a.span || !a.role) {
            continue;
        }
        std::optional<std::size_t> person;
        std::optional<std::size_t> role;
        for (std::size_t k = first_mention_at(a.span->begin);
             k < mentions.size() && mentions[k].begin < a.span->end; ++k) {
            const RecognisedMention& m = mentions[k];
            if (m.end > a.span->end) {
                continue;
            }
            if (m.type == Type::person && !person && person_of[k] != SIZE_MAX) {
                person = person_of[k];
            } else if (m.type == Type::role && person) {
                role = k;
            }
        }
        if (person && role) {
            auto& list = holders[mentions[*role].value];
            // The bracket rule above took the first role of the bracket; the head wins.
            list.erase(std::remove_if(list.begin(), list.end(),
                                      [&](const Holder& h) {
                                          return h.person == *person &&
                                                 h.how == std::string("named-with-role");
                                      }),
                       list.end());
            for (auto& [role_name, others] : holders) {
                if (role_name == mentions[*role].value) {
                    continue;
                }
                others.erase(std::remove_if(others.begin(), others.end(),
                                            [&](const Holder& h) {
                                                return h.person == *person &&
                                                       h.evidence.begin >= a.span->begin &&
                                                       h.evidence.end <= a.span->end;
                                            }),
                             others.end());
            }
            add_holder(mentions[*role].value, *person, *a.span, "attendance");
        }
    }

    for (const auto& [from, to, evidence] : role_of_role) {
        const auto h = holders.find(from);
        if (h != holders.end() && h->second.size() == 1) {
            add_holder(to, h->second.front().person, evidence, "held-by-role");
        }
    }
    // The attendance entry each mention lies in, found once (lists can be long).
    std::vector<const Attendee*> attendee_of(mentions.size(), nullptr);
    for (const auto& a : doc.attendance) {
        if (!a.span) {
            continue;
        }
        for (std::size_t k = first_mention_at(a.span->begin);
             k < mentions.size() && mentions[k].begin < a.span->end; ++k) {
            if (mentions[k].end <= a.span->end && attendee_of[k] == nullptr) {
                attendee_of[k] = &a;
            }
        }
    }
    // Entities: people first by their first mention, then every other kind by value.
    struct Built {
        Entity entity;
        std::size_t first;
    };
    std::vector<Built> built;
    // Per mention, the index of its entity in `built` (kNone: none); people come first, so
    // person p is built[p]. Indices, not ids: copying an id per mention cost more than linking.
    constexpr std::size_t kNone = SIZE_MAX;
    std::vector<std::size_t> entity_of(mentions.size(), kNone);
    built.reserve(people.size() + mentions.size());
    for (const Person& p : people) {
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
        // What the attendance list says about this person (the entry one of its mentions is in).
        const Attendee* entry = nullptr;
        for (const std::size_t k : p.mentions) {
            if (attendee_of[k] != nullptr) {
                entry = attendee_of[k];
                break;
            }
        }
        if (entry != nullptr) {
            const Attendee& a = *entry;
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
        for (std::size_t k : p.mentions) {
            e.mentions.push_back(kpproc::Mention{std::string(surface(mentions[k])),
                                                 Span{mentions[k].begin, mentions[k].end}});
            entity_of[k] = built.size();
        }
        built.push_back(Built{std::move(e), mentions[p.mentions.front()].begin});
    }

    std::unordered_map<std::string, std::size_t> by_id;  // index into built
    by_id.reserve(mentions.size());
    // Per type: the raw words (or value) of a mention -> index into built. Views into the text
    // and into the mentions, both alive until the end of this function.
    std::vector<std::unordered_map<std::string_view, std::size_t>> seen_by_type(
        static_cast<std::size_t>(Type::postcode) + 1);
    std::vector<std::size_t> role_holder(people.size() + mentions.size(), kNone);  // by built index
    for (std::size_t k = 0; k < mentions.size(); ++k) {
        const RecognisedMention& m = mentions[k];
        if (m.type == Type::person) {
            continue;
        }
        // Most mentions repeat an entity already built: find it by the raw words (or value)
        // before building a key, a slug and an id.
        const bool by_value = !m.value.empty() && m.type != Type::quantity &&
                              m.type != Type::operation && m.type != Type::legislation &&
                              m.type != Type::email && m.type != Type::decision_ref &&
                              m.type != Type::phone && m.type != Type::acronym;
        const std::string_view raw = by_value ? std::string_view(m.value) : surface(m);
        auto& seen = seen_by_type[static_cast<std::size_t>(m.type)];
        if (const auto known = seen.find(raw); known != seen.end()) {
            built[known->second].entity.mentions.push_back(
                kpproc::Mention{std::string(surface(m)), Span{m.begin, m.end}});
            entity_of[k] = known->second;
            continue;
        }
        std::string key;
        switch (m.type) {
            case Type::quantity:
            case Type::operation:
            case Type::legislation:
            case Type::email:
            case Type::decision_ref:
                key = text::collapse_whitespace(surface(m));
                break;
            case Type::phone:
                for (char c : surface(m)) {
                    if (c >= '0' && c <= '9') {
                        key += c;
                    }
                }
                break;
            case Type::acronym: {
                std::string s(surface(m));
                if (s.size() > 2 && s.back() == 's') {
                    s.pop_back();
                }
                key = s;
                break;
            }
            default:
                key = m.value.empty() ? text::collapse_whitespace(surface(m)) : m.value;
        }
        const std::string id = std::string(id_prefix(m.type)) + ":" + slug(key);
        auto it = by_id.find(id);
        if (it == by_id.end()) {
            Entity e;
            e.id = id;
            e.type = type_name(m.type);
            e.name = key;
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
                case Type::role: {
                    e.attributes.emplace_back("role", m.value);
                    const auto h = holders.find(m.value);
                    if (h == holders.end() || h->second.empty()) {
                        e.attributes.emplace_back("status", "unresolved");
                        e.attributes.emplace_back("holder", nullptr);
                    } else if (h->second.size() > 1) {
                        e.attributes.emplace_back("status", "conflicting");
                        e.attributes.emplace_back("holder", nullptr);
                        json::Array candidates;
                        for (const auto& c : h->second) {
                            candidates.emplace_back(json::Object{
                                {"person", people[c.person].id},
                                {"name", person_name(people[c.person])},
                                {"evidence",
                                 std::string(text.substr(c.evidence.begin,
                                                         c.evidence.end - c.evidence.begin))}});
                        }
                        e.attributes.emplace_back("candidates", std::move(candidates));
                    } else {
                        const Holder& c = h->second.front();
                        e.attributes.emplace_back("status", "resolved");
                        e.attributes.emplace_back("holder", people[c.person].id);
                        e.attributes.emplace_back("holder_name", person_name(people[c.person]));
                        e.attributes.emplace_back("holder_surname", people[c.person].surname);
                        e.attributes.emplace_back(
                            "evidence",
                            json::Object{
                                {"how", c.how},
                                {"span",
                                 json::Array{
                                     json::Value(static_cast<std::int64_t>(c.evidence.begin)),
                                     json::Value(static_cast<std::int64_t>(c.evidence.end))}},
                                {"text",
                                 std::string(text.substr(c.evidence.begin,
                                                         c.evidence.end - c.evidence.begin))}});
                        role_holder[built.size()] = c.person;  // the entity being built
                    }
                    break;
                }
                case Type::quantity: {
                    // The number and what it counts: "487 new police officers".
                    const std::string_view s = surface(m);
                    const auto space = s.find(' ');
                    e.attributes.emplace_back("number", std::string(s.substr(0, space)));
                    const auto last = s.find_last_of(" -");
                    e.attributes.emplace_back(
                        "counted",
                        std::string(s.substr(last == std::string_view::npos ? 0 : last + 1)));
                    break;
                }
                default:
                    break;
            }
            if (m.type == Type::organisation || m.type == Type::council || m.type == Type::place) {
                e.name = m.value.empty() ? key : m.value;
            }
            built.push_back(Built{std::move(e), m.begin});
            it = by_id.emplace(id, built.size() - 1).first;
        }
        built[it->second].entity.mentions.push_back(
            kpproc::Mention{std::string(surface(m)), Span{m.begin, m.end}});
        entity_of[k] = it->second;
        seen.emplace(raw, it->second);
    }

    // In order of first mention; sort positions and move each entity once.
    std::vector<std::size_t> order(built.size());
    for (std::size_t k = 0; k < order.size(); ++k) {
        order[k] = k;
    }
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return built[a].first < built[b].first; });
    doc.entities.clear();
    doc.entities.reserve(built.size());
    std::vector<std::size_t> position(built.size());  // built index -> index in doc.entities
    for (const std::size_t k : order) {
        position[k] = doc.entities.size();
        doc.entities.push_back(std::move(built[k].entity));
    }

    // Speakers: a person or role that opens a sentence and is followed by what it did
    // ("The Commissioner explained", "Cllr Palmer queried", "Mr Hill also thanked").
    const auto speaker_at = [&](std::size_t k) -> bool {
        const RecognisedMention& m = mentions[k];
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
    };
    const auto opens_sentence = [&](const RecognisedMention& m, std::size_t paragraph_begin) {
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
    };
    const std::function<void(Paragraph&)> fill = [&](Paragraph& p) {
        p.speakers.clear();
        if (p.span) {
            const auto lo = std::lower_bound(
                mentions.begin(), mentions.end(), p.span->begin,
                [](const RecognisedMention& m, std::size_t b) { return m.begin < b; });
            for (auto it = lo; it != mentions.end() && it->end <= p.span->end; ++it) {
                const std::size_t k = static_cast<std::size_t>(it - mentions.begin());
                if (!speaker_at(k) || !opens_sentence(*it, p.span->begin)) {
                    continue;
                }
                std::size_t speaker = entity_of[k];
                if (speaker == kNone) {
                    continue;
                }
                if (role_holder[speaker] != kNone) {
                    speaker = role_holder[speaker];  // the person holding the role speaks
                }
                const Entity& e = doc.entities[position[speaker]];
                const bool seen = std::any_of(p.speakers.begin(), p.speakers.end(),
                                              [&](const Speaker& s) { return s.entity == e.id; });
                if (!seen && !(it->type == Type::role && it->value == "Member")) {
                    p.speakers.push_back(Speaker{e.id, e.name, Span{it->begin, it->end}});
                }
            }
        }
        for (auto& c : p.children) {
            fill(c);
        }
    };
    for (auto& item : doc.items) {
        for (auto& p : item.description) {
            fill(p);
        }
        for (auto& p : item.paragraphs) {
            fill(p);
        }
        for (auto& q : item.questions) {
            for (auto& a : q.answers) {
                fill(a);
            }
        }
    }
}

// ---- across a batch -------------------------------------------------------------------------

void BatchDirectory::link(Document& doc) {
    std::map<std::string, std::string> renamed;  // old id -> new id
    std::vector<std::pair<std::string, Known>> learned;
    for (auto& e : doc.entities) {
        if (e.type != "PERSON") {
            continue;
        }
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
            continue;
        }
        const std::string key = lower(surname_value->as_string());
        const bool named_fully =
            given != nullptr && given->is_array() && !given->as_array().empty();
        const bool ambiguous_here =
            std::any_of(e.attributes.begin(), e.attributes.end(),
                        [](const auto& kv) { return kv.first == "ambiguous_with"; });
        if (named_fully) {
            learned.emplace_back(key, Known{e.id, e.name, doc.source.path});
            continue;
        }
        if (ambiguous_here) {
            continue;
        }
        const auto it = by_surname_.find(key);
        if (it == by_surname_.end() || it->second.empty()) {
            continue;
        }
        if (it->second.size() == 1) {
            const Known& k = it->second.front();
            renamed[e.id] = k.id;
            e.attributes.emplace_back("linked_by", scope_);
            e.attributes.emplace_back("link_note", "named by surname only; the one " + e.name +
                                                       " seen earlier in the " + scope_ + " is " +
                                                       k.name + " (" + k.source + ")");
            e.id = k.id;
            e.name = k.name;
        } else {
            json::Array names;
            for (const auto& k : it->second) {
                names.emplace_back(k.name + " (" + k.id + ")");
            }
            e.attributes.emplace_back("ambiguous_with", std::move(names));
            e.attributes.emplace_back(
                "link_note", "named by surname only, and " + std::to_string(it->second.size()) +
                                 " people of that surname were seen earlier in the " + scope_ +
                                 ": not merged");
        }
    }
    for (auto& entry : learned) {
        Known& known = entry.second;  // not a structured binding: lambdas capture it below
        auto& list = by_surname_[entry.first];
        if (std::none_of(list.begin(), list.end(),
                         [&](const Known& k) { return k.id == known.id; })) {
            list.push_back(std::move(known));
        }
    }
    if (renamed.empty()) {
        return;
    }
    // Follow the new ids wherever the document refers to a person.
    for (auto& e : doc.entities) {
        for (auto& [k, v] : e.attributes) {
            if (k == "holder" && v.is_string()) {
                if (const auto r = renamed.find(v.as_string()); r != renamed.end()) {
                    v = r->second;
                }
            }
        }
    }
    const std::function<void(Paragraph&)> fix = [&](Paragraph& p) {
        for (auto& s : p.speakers) {
            if (const auto r = renamed.find(s.entity); r != renamed.end()) {
                s.entity = r->second;
            }
        }
        for (auto& c : p.children) {
            fix(c);
        }
    };
    for (auto& item : doc.items) {
        for (auto& p : item.description) {
            fix(p);
        }
        for (auto& p : item.paragraphs) {
            fix(p);
        }
        for (auto& q : item.questions) {
            for (auto& a : q.answers) {
                fix(a);
            }
        }
    }
}

}  // namespace kpproc::entities
