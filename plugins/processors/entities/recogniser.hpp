#pragma once
// Private to the recognisers (mentions*.cpp): the Recogniser that find_mentions() runs, and the
// few word helpers more than one of its files needs. Each group of members below is defined in
// the file named above it.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "gazetteer.hpp"
#include "kpproc/model.hpp"
#include "mentions.hpp"
#include "tokens.hpp"

namespace kpproc::entities {

// Every character a decimal digit, and at least one.
bool all_digits(std::string_view s);
// "07": two digits of `v % 100`.
std::string two(int v);
// "SUB-COMMITTEE" → "Sub-Committee": each part's first letter kept, the rest lower case.
std::string title_case(std::string_view caps);
// "January" / "Jan" / "Sept" / "JANUARY" -> 1..12, else 0: the SDK's month names, capitalised as
// the texts write them (mentions_dates.cpp).
int month_number(std::string_view word);

// Proposes candidate mentions at every token, then keeps the longest where they overlap and
// adds what only the kept ones reveal (bare surnames, initials in use, acronyms).
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
    // ---- looking at tokens (inline: asked of nearly every token) ----------------------------
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
    // A capitalised word that starts a title ("Cllr", "Chief Constable"): no body's name
    // continues into one.
    bool starts_title(std::size_t i) const {
        PhraseMatch match{};
        return longest(i, Kind::title, match);
    }

    // Proposes a candidate mention over tokens [first, end_token); returns it.
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

    // ---- mentions.cpp: the word shapes several recognisers ask about, and the run ----------
    // A word that may be part of a personal name: capitalised, not a known non-name.
    bool name_word(std::size_t i) const;
    // Initials before a surname: "P", "A" (even though "A" is also an article), "MJ".
    bool initials_at(std::size_t i, int depth = 0) const;
    bool is_plural_noun(std::size_t i) const;
    // Three spaces or a tab between tokens i-1 and i on one line: a table's next column.
    bool column_gap(std::size_t i) const;
    // The last word of a named body ("Panel", "PANEL"), or the last two ("Advisory Group").
    bool is_head(std::size_t k) const;
    // Every recogniser that starts at token i proposes its candidates.
    void propose_at(std::size_t i);
    // Keeps the longest of overlapping candidates.
    void resolve();

    // ---- mentions_people.cpp: PERSON -------------------------------------------------------
    bool person_after(std::size_t first, std::size_t names_from, std::string title, int priority,
                      std::size_t min_words = 1);
    void titled_person_at(std::size_t i, const PhraseMatch& match);
    void forename_person_at(std::size_t i);
    void contact_person_at(std::size_t i);
    void bare_surnames();

    // ---- mentions_attendance.cpp: attendance-list forms of names ---------------------------
    // "Owen Prestwick (OP)", "Councillors Begum, Dunne and Wray", "M Larkin (Director …)", and
    // the initials used alone later ("OP to obtain …").
    bool bracketed_initials(std::size_t open) const;
    std::size_t role_before(std::size_t name_begin) const;
    bool place_before(std::size_t k) const;
    void initials_bracket_at(std::size_t open);
    void plural_title_list_at(std::size_t i);
    void untitled_initials_at(std::size_t i);
    void initials_in_use();
    void adapter_hints();
    void untitled_attendee(const Attendee& a);

    // ---- mentions_gazetteer.cpp: phrases the gazetteer knows -------------------------------
    void gazetteer_at(std::size_t i);
    void role_at(std::size_t i, const PhraseMatch& match);
    void organisation_at(std::size_t i, const PhraseMatch& match);

    // ---- mentions_dates.cpp: DATE and TIME -------------------------------------------------
    void date_at_number(std::size_t i);
    void year_at(std::size_t i);
    bool slash_date(std::size_t i);
    void day_month_date(std::size_t i);
    void date_at_month(std::size_t i);
    void dotted_date(std::size_t i);
    void time_at(std::size_t i);
    bool is_ampm(std::size_t i, std::size_t& end, bool& pm) const;
    bool clock_context(std::size_t i) const;
    void clock_hours_at(std::size_t i);

    // ---- mentions_figures.cpp: MONEY, PERCENT, QUANTITY ------------------------------------
    void money_at(std::size_t i);
    void percent_at(std::size_t i);
    void quantity_at(std::size_t i);
    bool counts_nothing(std::size_t i) const;

    // ---- mentions_references.cpp: contact details and DECISION_REF -------------------------
    void phone_at(std::size_t i);
    void postcode_at(std::size_t i);
    void email_at(std::size_t i);
    void decision_ref_at(std::size_t i);

    // ---- mentions_bodies.cpp: OPERATION and capitalised runs (bodies, councils, Acts) ------
    void operation_at(std::size_t i);
    void capitalised_runs();
    std::size_t next_in_run(std::size_t end) const;
    std::size_t after_connector(std::size_t k) const;
    void named_run(std::size_t first, std::size_t end);
    std::size_t name_start(std::size_t first, std::size_t end) const;
    bool split_run(std::size_t first, std::size_t end);
    static bool legislation_word(std::string_view s);
    bool comma_listed_name(std::size_t first, std::size_t end) const;
    void classify_run(std::size_t first, std::size_t end);
    void body_run(std::size_t first, std::size_t end);
    std::size_t caps_name_start(std::size_t first, std::size_t end) const;
    // Word i, or word i in capitals, is on word list `kind` ("MEETING" as "Meeting").
    bool has_in_any_case(Kind kind, std::size_t i) const;

    // ---- mentions_acronyms.cpp: ACRONYM ----------------------------------------------------
    void acronyms();
    bool acronym_shaped(std::size_t i, std::string_view bare) const;

    const Document& doc_;
    const Tokens& tokens_;
    const Gazetteer& gazetteer_;
    const RecogniserOptions& options_;
    std::vector<RecognisedMention> candidates_;
    std::vector<RecognisedMention> accepted_;
    std::vector<char> taken_;  // per token
    static inline const WordInfo kNotLookedUp{};
    mutable std::vector<const WordInfo*> info_;  // per token: see info()
};

}  // namespace kpproc::entities
