#pragma once
// Finding mentions: every recogniser proposes candidates over the tokens, then the longest
// span wins where candidates overlap (stand-off, no nesting).

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "gazetteer.hpp"
#include "kpproc/model.hpp"
#include "tokens.hpp"

namespace kpproc::entities {

enum class Type : std::uint8_t {
    person,
    role,
    organisation,
    council,
    place,
    operation,
    legislation,
    date,
    time,
    money,
    percent,
    quantity,
    decision_ref,
    acronym,
    email,
    phone,
    postcode,
};
const char* type_name(Type type);  // "PERSON", "DECISION_REF", …

struct PersonName {
    std::string title;               // "Cllr Mrs", "Mr"; empty when none
    std::vector<std::string> given;  // forenames and initials, in order ("P", "M")
    std::string surname;             // "Hill", "Mochrie-Cox"
};

// A span the recognisers found, before linking: its type, tokens and normalised value. Linking
// turns each into a kpproc::Mention (the model's text and span) of one entity.
struct RecognisedMention {
    Type type = Type::person;
    std::uint32_t begin = 0;  // bytes into Document::text
    std::uint32_t end = 0;
    std::uint32_t first_token = 0;
    std::uint32_t end_token = 0;  // one past the last token
    int priority = 0;             // breaks ties between spans of equal length
    std::string value;            // normalised value or canonical name; empty if none
    // DATE: "day", "month", "year", "day-month" or "financial-year" (a literal: no copy)
    std::string_view precision;
    PersonName person;  // PERSON only
};

struct RecogniserOptions {
    bool bare_years = true;  // "in 2016" is a DATE
};

// All mentions of `doc`, sorted by position, none overlapping.
std::vector<RecognisedMention> find_mentions(const Document& doc, const Tokens& tokens,
                                             const Gazetteer& gazetteer,
                                             const RecogniserOptions& options);

}  // namespace kpproc::entities
