#pragma once
// What the processor knows before it reads a document: named bodies, places, roles, titles and
// the word lists its rules use. All of it is data (tab-separated files shipped with the plugin,
// extendable through plugin options), matched in one pass with a token trie.

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "tokens.hpp"

namespace kpproc::entities {

// The kinds a gazetteer line can declare. Phrase kinds are matched in the text; word kinds
// are single-word lists the rules consult.
enum class Kind : std::uint8_t {
    // phrases
    organisation,  // ORGANISATION  Kent Police
    council,       // COUNCIL       Swale Borough Council
    place,         // PLACE         Maidstone
    role,          // ROLE          Chairman <TAB> Chair   (the canonical role)
    title,         // TITLE         Cllr, Chief Constable  (before a name)
    acronym,       // ACRONYM       ASB <TAB> anti-social behaviour  (a known expansion)
    // words
    forename,      // FORENAME      Richard
    honour,        // HONOUR        OBE
    not_acronym,   // NOT_ACRONYM   RESOLVED   (capitals that are words, not abbreviations)
    not_name,      // NOT_NAME      During     (capitalised words that never start a name)
    org_head,      // ORG_HEAD      Panel      (the last word of a named body)
    counted_noun,  // COUNTED_NOUN  people     (counted nouns that do not end in "s")
    not_plural,    // NOT_PLURAL    status     (words ending in "s" that are not plurals)
    speech_verb,   // SPEECH_VERB   explained  (what a speaker does)
};

struct PhraseEntry {
    Kind kind;
    std::string canonical;  // the normalised name (the phrase itself unless the line gives one)
};

struct PhraseMatch {
    std::size_t end_token;  // one past the last token of the phrase
    const PhraseEntry* entry;
};

class Gazetteer {
public:
    // Reads every "*.tsv" file of `directory` (sorted by name), then each of `extra_files`.
    // Throws kpproc::Error("invalid-gazetteer") naming the file and line of a bad entry.
    void load_directory(const std::filesystem::path& directory);
    void load_file(const std::filesystem::path& file);
    // One entry, as a line of a file would give it. Throws on an unknown kind.
    void add(std::string_view kind, std::string_view phrase, std::string_view canonical);

    // Calls `found` for every phrase that starts at token `i` (shortest first), never across a
    // line break.
    void match_at(const Tokens& tokens, std::size_t i,
                  const std::function<void(const PhraseMatch&)>& found) const;
    // The longest phrase of kind `kind` starting at token `i`, if any.
    bool longest_at(const Tokens& tokens, std::size_t i, Kind kind, PhraseMatch& out) const;
    // Any phrase at all starts at token i (cheap: one hash lookup).
    bool may_start(std::string_view token) const;

    bool has_word(Kind kind, std::string_view word) const;
    std::size_t phrase_count() const { return phrase_count_; }

private:
    struct Hash {
        using is_transparent = void;
        std::size_t operator()(std::string_view s) const {
            return std::hash<std::string_view>{}(s);
        }
    };
    using WordSet = std::unordered_set<std::string, Hash, std::equal_to<>>;
    struct Node {
        std::unordered_map<std::string, std::uint32_t, Hash, std::equal_to<>> next;
        std::vector<PhraseEntry> entries;
    };

    std::vector<Node> nodes_{Node{}};
    std::unordered_map<Kind, WordSet> words_;
    std::size_t phrase_count_ = 0;
};

const char* kind_name(Kind kind);

}  // namespace kpproc::entities
