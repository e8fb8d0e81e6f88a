// PERSON: a name after a title, a known forename or a contact label, and a surname named in full
// once standing alone later.

#include <algorithm>
#include <cstdint>
#include <iterator>
#include <string>
#include <string_view>
#include <unordered_set>
#include <utility>
#include <vector>

#include "recogniser.hpp"

namespace kpproc::entities {

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
    // Added to accepted_ only at the end: `surnames` and `forename_surname` view its strings,
    // which a growing vector would move (a short string's characters move with it).
    std::vector<RecognisedMention> found;
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
        found.push_back(std::move(m));
    }
    accepted_.insert(accepted_.end(), std::make_move_iterator(found.begin()),
                     std::make_move_iterator(found.end()));
}

}  // namespace kpproc::entities
