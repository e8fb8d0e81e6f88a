#pragma once
// Small word-level tests the structure engine shares: case, titles, roles, numbers.

#include <cctype>
#include <string>
#include <string_view>
#include <vector>

namespace kpproc::structure::detail {

inline bool is_upper(char c) {
    return c >= 'A' && c <= 'Z';
}
inline bool is_lower(char c) {
    return c >= 'a' && c <= 'z';
}
inline bool is_digit(char c) {
    return c >= '0' && c <= '9';
}
inline bool is_letter(char c) {
    return is_upper(c) || is_lower(c);
}

// ASCII lower case.
std::string lower(std::string_view s);

// `s` starts with `prefix`, ignoring ASCII case.
bool starts_with_nocase(std::string_view s, std::string_view prefix);

// Splits on ASCII white space (and U+00A0).
std::vector<std::string_view> split_words(std::string_view s);

// Letters in `s` that are upper case, and all letters: "PLANNING COMMITTEE" has 17 of 17.
struct LetterCase {
    std::size_t upper = 0;
    std::size_t letters = 0;
    bool all_capitals() const { return letters >= 2 && upper == letters; }
};
LetterCase letter_case(std::string_view s);

// "Cllr", "Councillor", "Mr", "Mrs", "Dr", "Sir", … (with or without a full stop).
bool is_person_title(std::string_view word);
// "Councillors" and "Cllrs": a title shared by the names of a list.
bool is_plural_title(std::string_view word);
// A word that names a role or an organisation rather than a person: "Officer", "Council",
// "Police", "Director", "Clerk", …
bool is_role_or_body_word(std::string_view word);
// "Constable's", "Commissioner’s": a possessive, as roles are written, never a name's word.
bool is_possessive(std::string_view word);
// An initial: "J", "J.", "JA" (up to three capitals, optionally with full stops).
bool is_initial(std::string_view word);
// A capitalised name word: "Smith", "O'Neill", "Parfitt-Reid", "McDonald".
bool is_name_word(std::string_view word);

// 1..12 for a month name or abbreviation, else 0 (as kpproc::dates::month_number).
int month_of(std::string_view word);

}  // namespace kpproc::structure::detail
