#include "words.hpp"

#include <array>

#include "kpproc/dates.hpp"

namespace kpproc::structure::detail {

namespace {

bool equals_nocase(std::string_view a, std::string_view b) {
    return a.size() == b.size() && starts_with_nocase(a, b);
}

// `word` without a trailing full stop or comma.
std::string_view bare(std::string_view word) {
    while (!word.empty() && (word.back() == '.' || word.back() == ',' || word.back() == ':')) {
        word.remove_suffix(1);
    }
    return word;
}

template <std::size_t N>
bool one_of(std::string_view word, const std::array<std::string_view, N>& set) {
    for (const auto w : set) {
        if (equals_nocase(word, w)) {
            return true;
        }
    }
    return false;
}

}  // namespace

std::string lower(std::string_view s) {
    std::string out(s);
    for (char& c : out) {
        if (is_upper(c)) {
            c = static_cast<char>(c - 'A' + 'a');
        }
    }
    return out;
}

bool starts_with_nocase(std::string_view s, std::string_view prefix) {
    if (s.size() < prefix.size()) {
        return false;
    }
    for (std::size_t i = 0; i < prefix.size(); ++i) {
        const char a = is_upper(s[i]) ? static_cast<char>(s[i] - 'A' + 'a') : s[i];
        const char b = is_upper(prefix[i]) ? static_cast<char>(prefix[i] - 'A' + 'a') : prefix[i];
        if (a != b) {
            return false;
        }
    }
    return true;
}

std::vector<std::string_view> split_words(std::string_view s) {
    std::vector<std::string_view> out;
    std::size_t i = 0;
    const auto space_at = [&](std::size_t k) {
        if (s[k] == ' ' || s[k] == '\t' || s[k] == '\n' || s[k] == '\r') {
            return std::size_t{1};
        }
        return k + 1 < s.size() && s[k] == '\xC2' && s[k + 1] == '\xA0' ? std::size_t{2}
                                                                        : std::size_t{0};
    };
    while (i < s.size()) {
        while (i < s.size() && space_at(i) > 0) {
            i += space_at(i);
        }
        const std::size_t start = i;
        while (i < s.size() && space_at(i) == 0) {
            ++i;
        }
        if (i > start) {
            out.push_back(s.substr(start, i - start));
        }
    }
    return out;
}

LetterCase letter_case(std::string_view s) {
    LetterCase c;
    for (const char ch : s) {
        c.upper += is_upper(ch) ? 1 : 0;
        c.letters += is_letter(ch) ? 1 : 0;
    }
    return c;
}

bool is_person_title(std::string_view word) {
    // Police ranks written before a name ("Supt Joanne Cardew", "Ch Supt Pryce") are titles
    // too; "Cty Cllr" is a county councillor.
    static constexpr std::array<std::string_view, 29> kTitles = {
        "cllr",     "councillor", "mr",        "mrs", "ms",       "miss",     "dr",   "sir",
        "dame",     "prof",       "professor", "rev", "revd",     "reverend", "lord", "lady",
        "alderman", "alderwoman", "county",    "mx",  "baroness", "canon",    "cty",  "supt",
        "insp",     "sgt",        "ch",        "det", "rt"};
    return one_of(bare(word), kTitles);
}

bool is_plural_title(std::string_view word) {
    static constexpr std::array<std::string_view, 3> kPlural = {"councillors", "cllrs", "aldermen"};
    return one_of(bare(word), kPlural);
}

bool is_possessive(std::string_view word) {
    word = bare(word);
    return word.ends_with("'s") || word.ends_with("\xE2\x80\x99s");
}

bool is_role_or_body_word(std::string_view word) {
    word = bare(word);
    if (is_possessive(word)) {
        word.remove_suffix(word.ends_with("'s") ? 2 : 4);
    }
    static constexpr std::array<std::string_view, 69> kWords = {
        "council",        "councils",      "committee",   "panel",
        "board",          "police",        "authority",   "office",
        "officer",        "officers",      "director",    "manager",
        "head",           "chief",         "executive",   "clerk",
        "chair",          "chairman",      "chairwoman",  "chairperson",
        "vice-chair",     "vice-chairman", "deputy",      "assistant",
        "commissioner",   "constable",     "inspector",   "superintendent",
        "sergeant",       "secretary",     "treasurer",   "mayor",
        "leader",         "lead",          "member",      "solicitor",
        "accountant",     "adviser",       "advisor",     "analyst",
        "coordinator",    "co-ordinator",  "service",     "services",
        "trust",          "nhs",           "partnership", "borough",
        "district",       "parish",        "town",        "city",
        "fire",           "rescue",        "opcc",        "pcc",
        "department",     "team",          "unit",        "group",
        "representative", "governance",    "cabinet",     "portfolio",
        "holder",         "co-opted",      "person",      "independent",
        "staff"};
    return one_of(word, kWords);
}

bool is_initial(std::string_view word) {
    std::size_t capitals = 0;
    for (const char c : word) {
        if (is_upper(c)) {
            ++capitals;
        } else if (c != '.') {
            return false;
        }
    }
    return capitals >= 1 && capitals <= 3 &&
           (capitals == 1 || word.find('.') != std::string_view::npos || word.size() <= 2);
}

bool is_name_word(std::string_view word) {
    word = bare(word);
    if (word.size() < 2 || !is_upper(word[0]) || is_possessive(word)) {
        return false;
    }
    std::size_t lower_letters = 0;
    for (const char c : word.substr(1)) {
        if (is_lower(c)) {
            ++lower_letters;
        } else if (!is_upper(c) && c != '-' && c != '\'' && static_cast<unsigned char>(c) < 0x80) {
            return false;
        }
    }
    return lower_letters > 0 || word.size() >= 2;
}

int month_of(std::string_view word) {
    return kpproc::dates::month_number(bare(word));
}

}  // namespace kpproc::structure::detail
