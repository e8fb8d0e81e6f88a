#pragma once
// Scoring the entities processor against hand-written gold (tests/data/gold/GUIDELINES.md):
// a predicted mention counts when its type and byte span equal a gold mention's; values
// (dates, money, role holders, expansions) are scored separately on the matched mentions.

#include <filesystem>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "kpproc/model.hpp"

namespace kpproc::scoring {

struct GoldMention {
    std::size_t begin = 0;
    std::size_t end = 0;
    std::string type;
    std::string text;
    std::string value;  // empty when the guidelines give none or the text does not say
};

// Reads a gold file; throws kpproc::Error("invalid-gold") naming the file and line.
std::vector<GoldMention> read_gold(const std::filesystem::path& file);

// The mentions the processor put in `doc`, with the value the guidelines compare.
std::vector<GoldMention> predicted_mentions(const Document& doc);

struct Counts {
    std::size_t gold = 0;
    std::size_t predicted = 0;
    std::size_t matched = 0;
    std::size_t valued = 0;         // matched mentions whose gold has a value
    std::size_t value_correct = 0;  // … and whose predicted value equals it
    double precision() const { return predicted == 0 ? 1.0 : double(matched) / double(predicted); }
    double recall() const { return gold == 0 ? 1.0 : double(matched) / double(gold); }
    double f1() const {
        const double p = precision();
        const double r = recall();
        return p + r == 0 ? 0.0 : 2 * p * r / (p + r);
    }
    Counts& operator+=(const Counts& o);
};

struct Miss {
    std::string kind;  // "missed" (in gold only), "spurious" (predicted only), "value"
    GoldMention mention;
    std::string note;  // for "value": what was predicted
};

struct Score {
    std::map<std::string, Counts> by_type;
    Counts overall;
    std::vector<Miss> misses;
    void add(const Score& other);
};

Score score(const std::vector<GoldMention>& gold, const std::vector<GoldMention>& predicted);

// Runs `worker` (a chain with the entities processor) on the input of every gold file in
// `gold_dir` and its folders (<gold_dir>/<path>.tsv reads <data_dir>/<path>.txt or .html) and
// scores it.
// `per_document` receives each document's own score, named.
std::map<std::string, Score> evaluate_set(
    const std::filesystem::path& gold_dir, const std::filesystem::path& data_dir,
    const std::function<Document(const std::filesystem::path&)>& run);

// "TYPE  gold  pred  match  P  R  F1  values" rows, then the overall row.
std::string format_table(const Score& score);

}  // namespace kpproc::scoring
