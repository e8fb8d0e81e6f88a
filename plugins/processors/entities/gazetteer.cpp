#include "gazetteer.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>

#include "kpproc/error.hpp"
#include "kpproc/text.hpp"

namespace kpproc::entities {

namespace {

struct KindName {
    Kind kind;
    const char* name;
};

constexpr KindName kKindNames[] = {
    {Kind::organisation, "ORGANISATION"},
    {Kind::council, "COUNCIL"},
    {Kind::place, "PLACE"},
    {Kind::role, "ROLE"},
    {Kind::title, "TITLE"},
    {Kind::acronym, "ACRONYM"},
    {Kind::forename, "FORENAME"},
    {Kind::honour, "HONOUR"},
    {Kind::not_acronym, "NOT_ACRONYM"},
    {Kind::not_name, "NOT_NAME"},
    {Kind::org_head, "ORG_HEAD"},
    {Kind::counted_noun, "COUNTED_NOUN"},
    {Kind::not_plural, "NOT_PLURAL"},
    {Kind::speech_verb, "SPEECH_VERB"},
};

bool is_phrase_kind(Kind k) {
    return k == Kind::organisation || k == Kind::council || k == Kind::place || k == Kind::role ||
           k == Kind::title || k == Kind::acronym;
}

std::string known_kinds() {
    std::string out;
    for (const auto& k : kKindNames) {
        out += out.empty() ? "" : ", ";
        out += k.name;
    }
    return out;
}

}  // namespace

const char* kind_name(Kind kind) {
    for (const auto& k : kKindNames) {
        if (k.kind == kind) {
            return k.name;
        }
    }
    return "?";
}

void Gazetteer::add(std::string_view kind_text, std::string_view phrase,
                    std::string_view canonical) {
    const auto* found = std::find_if(std::begin(kKindNames), std::end(kKindNames),
                                     [&](const KindName& k) { return kind_text == k.name; });
    if (found == std::end(kKindNames)) {
        throw Error("invalid-gazetteer",
                    "unknown kind '" + std::string(kind_text) + "' (known: " + known_kinds() + ")");
    }
    phrase = text::trim(phrase);
    if (phrase.empty()) {
        throw Error("invalid-gazetteer", "empty phrase");
    }
    const Kind kind = found->kind;
    if (!is_phrase_kind(kind)) {
        if (const auto space = phrase.rfind(' '); space != std::string_view::npos) {
            multiword_[kind].emplace(phrase);
            vocabulary_[std::string(phrase.substr(space + 1))].kinds |= 1u << WordInfo::kEndsEntry;
        } else {
            vocabulary_[std::string(phrase)].kinds |= 1u << static_cast<unsigned>(kind);
        }
        return;
    }
    const Tokens tokens(phrase);
    uncapitalised_phrases_ = uncapitalised_phrases_ || !(phrase[0] >= 'A' && phrase[0] <= 'Z');
    std::uint32_t node = 0;
    for (std::size_t i = 0; i < tokens.size(); ++i) {
        const std::string_view word = tokens.text(i);
        auto it = nodes_[node].next.find(word);
        if (it == nodes_[node].next.end()) {
            nodes_.emplace_back();
            it = nodes_[node].next.emplace(std::string(word), nodes_.size() - 1).first;
        }
        node = it->second;
        if (i == 0) {
            vocabulary_[std::string(word)].node = node;
        }
    }
    canonical = text::trim(canonical);
    PhraseEntry entry{kind, std::string(canonical.empty() ? phrase : canonical)};
    auto& entries = nodes_[node].entries;
    if (std::find_if(entries.begin(), entries.end(),
                     [&](const PhraseEntry& e) { return e.kind == kind; }) == entries.end()) {
        entries.push_back(std::move(entry));
        ++phrase_count_;
    }
}

void Gazetteer::load_file(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) {
        throw Error("invalid-gazetteer", file.string() + ": cannot read the gazetteer file");
    }
    std::string line;
    std::size_t number = 0;
    while (std::getline(in, line)) {
        ++number;
        if (!line.empty() && line.back() == '\r') {
            line.pop_back();
        }
        const std::string_view view = text::trim(line);
        if (view.empty() || view.front() == '#') {
            continue;
        }
        const std::size_t tab1 = line.find('\t');
        if (tab1 == std::string::npos) {
            throw Error("invalid-gazetteer", file.string() + ":" + std::to_string(number) +
                                                 ": expected KIND<TAB>phrase[<TAB>canonical name]");
        }
        const std::size_t tab2 = line.find('\t', tab1 + 1);
        const std::string_view whole(line);
        try {
            add(text::trim(whole.substr(0, tab1)),
                whole.substr(tab1 + 1,
                             tab2 == std::string::npos ? std::string::npos : tab2 - tab1 - 1),
                tab2 == std::string::npos ? std::string_view{} : whole.substr(tab2 + 1));
        } catch (const Error& e) {
            throw Error("invalid-gazetteer",
                        file.string() + ":" + std::to_string(number) + ": " + e.what());
        }
    }
}

void Gazetteer::load_directory(const std::filesystem::path& directory) {
    std::error_code ec;
    std::vector<std::filesystem::path> files;
    for (std::filesystem::directory_iterator it(directory, ec), end; !ec && it != end;
         it.increment(ec)) {
        if (it->path().extension() == ".tsv") {
            files.push_back(it->path());
        }
    }
    if (ec) {
        throw Error("invalid-gazetteer",
                    directory.string() + ": cannot read the gazetteer directory: " + ec.message());
    }
    if (files.empty()) {
        throw Error("invalid-gazetteer", directory.string() + ": no gazetteer files (*.tsv)");
    }
    std::sort(files.begin(), files.end());
    for (const auto& f : files) {
        load_file(f);
    }
}

const WordInfo* Gazetteer::find(std::string_view word) const {
    const auto it = vocabulary_.find(word);
    return it == vocabulary_.end() ? nullptr : &it->second;
}

bool Gazetteer::may_start(std::string_view token) const {
    const WordInfo* info = find(token);
    return info != nullptr && info->node != 0;
}

bool Gazetteer::longest_at(const Tokens& tokens, std::size_t i, Kind kind, PhraseMatch& out,
                           const WordInfo* first) const {
    bool any = false;
    match_at(tokens, i, first != nullptr ? first : find(tokens.text(i)), [&](const PhraseMatch& m) {
        if (m.entry->kind == kind) {
            out = m;
            any = true;
        }
    });
    return any;
}

bool Gazetteer::has_word(Kind kind, std::string_view word) const {
    if (word.find(' ') != std::string_view::npos) {
        const auto it = multiword_.find(kind);
        return it != multiword_.end() && it->second.find(word) != it->second.end();
    }
    const WordInfo* info = find(word);
    return info != nullptr && info->has(kind);
}

bool Gazetteer::ends_in_head(std::string_view phrase) const {
    const auto last_space = phrase.find_last_of(' ');
    if (last_space == std::string_view::npos) {
        return has_word(Kind::org_head, phrase);
    }
    if (has_word(Kind::org_head, phrase.substr(last_space + 1))) {
        return true;
    }
    const auto space = phrase.find_last_of(' ', last_space - 1);
    return has_word(Kind::org_head, phrase.substr(space == std::string_view::npos ? 0 : space + 1));
}

}  // namespace kpproc::entities
