// Phrases the gazetteer knows: bodies, councils, places, roles, acronyms; titles start a PERSON
// (mentions_people.cpp).

#include <string>
#include <string_view>
#include <utility>

#include "recogniser.hpp"

namespace kpproc::entities {

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

}  // namespace kpproc::entities
