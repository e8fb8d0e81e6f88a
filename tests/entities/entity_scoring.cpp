#include "entity_scoring.hpp"

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <set>
#include <sstream>
#include <tuple>

#include "kpproc/error.hpp"

namespace kpproc::scoring {

std::vector<GoldMention> read_gold(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) {
        throw Error("invalid-gold", file.string() + ": cannot read");
    }
    std::vector<GoldMention> out;
    std::string line;
    for (std::size_t number = 1; std::getline(in, line); ++number) {
        if (line.empty() || line[0] == '#') {
            continue;
        }
        std::vector<std::string> fields;
        std::stringstream ss(line);
        for (std::string f; std::getline(ss, f, '\t');) {
            fields.push_back(f);
        }
        if (line.back() == '\t') {
            fields.emplace_back();
        }
        if (fields.size() != 5) {
            throw Error("invalid-gold", file.string() + ":" + std::to_string(number) +
                                            ": expected begin, end, type, text, value");
        }
        try {
            out.push_back(GoldMention{std::stoul(fields[0]), std::stoul(fields[1]), fields[2],
                                      fields[3], fields[4]});
        } catch (const std::exception&) {
            throw Error("invalid-gold",
                        file.string() + ":" + std::to_string(number) + ": bad offsets");
        }
    }
    return out;
}

namespace {

const json::Value* attribute(const Entity& e, std::string_view key) {
    for (const auto& [k, v] : e.attributes) {
        if (k == key) {
            return &v;
        }
    }
    return nullptr;
}

std::string string_attribute(const Entity& e, std::string_view key) {
    const json::Value* v = attribute(e, key);
    return v != nullptr && v->is_string() ? v->as_string() : std::string();
}

}  // namespace

std::vector<GoldMention> predicted_mentions(const Document& doc) {
    std::vector<GoldMention> out;
    for (const auto& e : doc.entities) {
        std::string value;
        if (e.type == "DATE" || e.type == "TIME" || e.type == "PERCENT") {
            value = string_attribute(e, "value");
        } else if (e.type == "MONEY") {
            value = string_attribute(e, "amount");
        } else if (e.type == "ROLE") {
            value = string_attribute(e, "holder_surname");
        } else if (e.type == "ACRONYM") {
            value = string_attribute(e, "expansion");
        }
        for (const auto& m : e.mentions) {
            out.push_back(GoldMention{m.span.begin, m.span.end, e.type, m.text, value});
        }
    }
    std::sort(out.begin(), out.end(), [](const GoldMention& a, const GoldMention& b) {
        return std::tie(a.begin, a.end) < std::tie(b.begin, b.end);
    });
    return out;
}

Counts& Counts::operator+=(const Counts& o) {
    gold += o.gold;
    predicted += o.predicted;
    matched += o.matched;
    valued += o.valued;
    value_correct += o.value_correct;
    return *this;
}

void Score::add(const Score& other) {
    for (const auto& [type, c] : other.by_type) {
        by_type[type] += c;
    }
    overall += other.overall;
    misses.insert(misses.end(), other.misses.begin(), other.misses.end());
}

Score score(const std::vector<GoldMention>& gold, const std::vector<GoldMention>& predicted) {
    Score s;
    using Key = std::tuple<std::size_t, std::size_t, std::string>;
    std::map<Key, const GoldMention*> predicted_by_key;
    for (const auto& p : predicted) {
        predicted_by_key[{p.begin, p.end, p.type}] = &p;
        ++s.by_type[p.type].predicted;
    }
    std::set<Key> matched;
    for (const auto& g : gold) {
        Counts& c = s.by_type[g.type];
        ++c.gold;
        const Key key{g.begin, g.end, g.type};
        const auto it = predicted_by_key.find(key);
        if (it == predicted_by_key.end()) {
            s.misses.push_back(Miss{"missed", g, {}});
            continue;
        }
        ++c.matched;
        matched.insert(key);
        if (!g.value.empty()) {
            ++c.valued;
            if (it->second->value == g.value) {
                ++c.value_correct;
            } else {
                s.misses.push_back(Miss{"value", g, it->second->value});
            }
        }
    }
    for (const auto& p : predicted) {
        if (matched.count({p.begin, p.end, p.type}) == 0) {
            s.misses.push_back(Miss{"spurious", p, {}});
        }
    }
    for (const auto& [type, c] : s.by_type) {
        s.overall += c;
    }
    return s;
}

std::map<std::string, Score> evaluate_set(
    const std::filesystem::path& gold_dir, const std::filesystem::path& data_dir,
    const std::function<Document(const std::filesystem::path&)>& run) {
    // The structure set keeps its fixtures' folders: <gold_dir>/<folder>/<doc>.tsv.
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(gold_dir)) {
        if (entry.path().extension() == ".tsv") {
            files.push_back(entry.path());
        }
    }
    std::sort(files.begin(), files.end());
    std::map<std::string, Score> out;
    for (const auto& gold_file : files) {
        const std::filesystem::path relative =
            gold_file.lexically_relative(gold_dir).replace_extension();
        const std::string stem = relative.generic_string();
        std::filesystem::path input = data_dir / relative;
        input += ".txt";
        if (!std::filesystem::exists(input)) {
            input.replace_extension(".html");
        }
        if (!std::filesystem::exists(input)) {
            throw Error("invalid-gold", gold_file.string() + ": no input " + stem +
                                            ".txt or .html in " + data_dir.string());
        }
        const Document doc = run(input);
        Score s = score(read_gold(gold_file), predicted_mentions(doc));
        for (auto& m : s.misses) {
            m.note = stem + (m.note.empty() ? "" : ": predicted '" + m.note + "'");
        }
        out.emplace(stem, std::move(s));
    }
    return out;
}

std::string format_table(const Score& score) {
    std::string out;
    char line[160];
    std::snprintf(line, sizeof line, "%-14s %6s %6s %6s %7s %7s %7s %9s\n", "type", "gold", "pred",
                  "match", "P", "R", "F1", "values");
    out += line;
    const auto row = [&](const std::string& name, const Counts& c) {
        std::string values = "-";
        if (c.valued > 0) {
            values = std::to_string(c.value_correct) + "/" + std::to_string(c.valued);
        }
        std::snprintf(line, sizeof line, "%-14s %6zu %6zu %6zu %7.3f %7.3f %7.3f %9s\n",
                      name.c_str(), c.gold, c.predicted, c.matched, c.precision(), c.recall(),
                      c.f1(), values.c_str());
        out += line;
    };
    for (const auto& [type, c] : score.by_type) {
        row(type, c);
    }
    row("overall", score.overall);
    return out;
}

}  // namespace kpproc::scoring
