// Finding mentions: the run over the tokens, choosing among overlapping candidates, and the
// word shapes several recognisers ask about. The recognisers themselves are in mentions_*.cpp.

#include "mentions.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "recogniser.hpp"

namespace kpproc::entities {

const char* type_name(Type type) {
    static constexpr std::array<const char*, 17> names = {
        "PERSON",       "ROLE",    "ORGANISATION", "COUNCIL", "PLACE",   "OPERATION",
        "LEGISLATION",  "DATE",    "TIME",         "MONEY",   "PERCENT", "QUANTITY",
        "DECISION_REF", "ACRONYM", "EMAIL",        "PHONE",   "POSTCODE"};
    return names[static_cast<std::size_t>(type)];
}

bool all_digits(std::string_view s) {
    return !s.empty() &&
           std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::string two(int v) {
    char buf[8];
    std::snprintf(buf, sizeof buf, "%02d", v % 100);
    return buf;
}

std::string title_case(std::string_view caps) {
    std::string out(caps);
    for (std::size_t c = 1; c < out.size(); ++c) {
        if (out[c] >= 'A' && out[c] <= 'Z' && out[c - 1] != '-') {
            out[c] = static_cast<char>(out[c] - 'A' + 'a');
        }
    }
    return out;
}

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

std::vector<RecognisedMention> find_mentions(const Document& doc, const Tokens& tokens,
                                             const Gazetteer& gazetteer,
                                             const RecogniserOptions& options) {
    return Recogniser(doc, tokens, gazetteer, options).run();
}

}  // namespace kpproc::entities
