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
#include <utility>
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

// What the gazetteer knows about one word: the lists it is on, and where phrases starting with
// it continue in the trie. Looked up once per token.
struct WordInfo {
    std::uint32_t kinds = 0;  // bit (1 << Kind) for every word list the word is on
    std::uint32_t node = 0;   // trie node after this word, 0 when no phrase starts with it
    bool has(Kind kind) const { return (kinds >> static_cast<unsigned>(kind) & 1u) != 0; }
    // The last word of a multi-word list entry ("Group" of "Advisory Group").
    static constexpr unsigned kEndsEntry = 31;
    bool ends_entry() const { return (kinds >> kEndsEntry & 1u) != 0; }
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

    // The word's lists and trie entry; nullptr for a word the gazetteer does not know.
    const WordInfo* find(std::string_view word) const;

    // Calls `found` for every phrase that starts at token `i` (shortest first), never across a
    // line break. `first` is find(tokens.text(i)) when the caller has it already.
    template <class Found>
    void match_at(const Tokens& tokens, std::size_t i, const WordInfo* first, Found&& found) const {
        if (first == nullptr || first->node == 0) {
            return;
        }
        std::uint32_t node = first->node;
        for (std::size_t j = i + 1;; ++j) {
            for (const auto& e : nodes_[node].entries) {
                found(PhraseMatch{j, &e});
            }
            if (j >= tokens.size() || !tokens.same_line(j) || nodes_[node].next.empty()) {
                return;
            }
            const auto it = nodes_[node].next.find(tokens.text(j));
            if (it == nodes_[node].next.end()) {
                return;
            }
            node = it->second;
        }
    }
    template <class Found>
    void match_at(const Tokens& tokens, std::size_t i, Found&& found) const {
        match_at(tokens, i, find(tokens.text(i)), std::forward<Found>(found));
    }
    // The longest phrase of kind `kind` starting at token `i`, if any.
    bool longest_at(const Tokens& tokens, std::size_t i, Kind kind, PhraseMatch& out,
                    const WordInfo* first = nullptr) const;
    // Any phrase at all starts with this word.
    bool may_start(std::string_view token) const;

    bool has_word(Kind kind, std::string_view word) const;
    // The phrase ends in the head of a body's name: its last word ("… Unit") or last two
    // ("… Advisory Group") are ORG_HEAD.
    bool ends_in_head(std::string_view phrase) const;
    // Some phrase starts with a lower-case letter, so matching cannot skip such words.
    bool has_uncapitalised_phrases() const { return uncapitalised_phrases_; }
    std::size_t phrase_count() const { return phrase_count_; }

    // FNV-1a: the keys are short words, where it beats the library's general hash.
    struct Hash {
        using is_transparent = void;
        std::size_t operator()(std::string_view s) const {
            std::uint64_t h = 14695981039346656037ull;
            for (const char c : s) {
                h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ull;
            }
            return static_cast<std::size_t>(h);
        }
    };

private:
    using WordSet = std::unordered_set<std::string, Hash, std::equal_to<>>;
    struct Node {
        std::unordered_map<std::string, std::uint32_t, Hash, std::equal_to<>> next;
        std::vector<PhraseEntry> entries;
    };

    std::vector<Node> nodes_{Node{}};
    std::unordered_map<std::string, WordInfo, Hash, std::equal_to<>> vocabulary_;
    std::unordered_map<Kind, WordSet> multiword_;  // word-list entries with a space in them
    std::size_t phrase_count_ = 0;
    bool uncapitalised_phrases_ = false;
};

const char* kind_name(Kind kind);

}  // namespace kpproc::entities
