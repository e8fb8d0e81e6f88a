#pragma once
// Scoring what the adapters find (detection, items, resolutions, attendance, actions, meeting
// fields) against hand-written structure gold: tests/data/structure/GOLD.md gives the format
// and the matching rules implemented here.

#include <cstddef>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "kpproc/framework/pipeline.hpp"
#include "kpproc/model.hpp"

namespace kpproc::structure_scoring {

struct Counts {
    std::size_t matched = 0;   // found and in the gold
    std::size_t spurious = 0;  // found, not in the gold
    std::size_t missed = 0;    // in the gold, not found
    double precision() const;
    double recall() const;
    double f1() const;
    void add(const Counts& other);
};

struct GoldItem {
    std::optional<std::string> number;
    std::string title;
};
struct GoldAttendee {
    std::string name;
    std::string group;
};
struct GoldAction {
    std::string text;
    std::optional<std::string> owner;
    std::optional<std::string> status;
};

struct Gold {
    std::string family;
    std::string adapter;
    std::map<std::string, std::optional<std::string>> meeting;  // only the keys the gold gives
    std::vector<GoldItem> items;
    std::vector<std::string> resolutions;
    std::vector<GoldAttendee> attendance;
    std::optional<std::vector<GoldAction>> actions;  // absent: not scored
};

// Reads a .gold.json file; throws std::runtime_error naming the file and the problem.
Gold read_gold(const std::filesystem::path& path);

struct Score {
    std::size_t documents = 0;
    std::size_t detected = 0;  // documents the gold's adapter read
    Counts items;
    Counts resolutions;
    Counts attendance;
    Counts actions;
    Counts meeting;  // per field: matched, missed (wrong or absent) and spurious (wrong)
    std::vector<std::string> errors;  // one line per miss or spurious fact, for --errors
    void add(const Score& other);
};

// What the chain made of one input: the document, or why there is none (a refusal).
struct Outcome {
    std::optional<Document> document;
    std::string failure;
};

// Reads one fixture with `worker` (a chain of 'auto'): the document, or why there is none.
Outcome read_fixture(kpproc::framework::DocumentWorker& worker, const std::filesystem::path& input);

// Scores one document against its gold.
Score score_document(const Gold& gold, const Outcome& outcome);

// Scores every NAME.gold.json under `directory` (recursively) against NAME.txt or NAME.html
// beside it, run through `run`. Keys are the fixtures' paths relative to `directory`.
std::map<std::string, Score> evaluate(
    const std::filesystem::path& directory,
    const std::function<Outcome(const std::filesystem::path&)>& run);

// Rows of P/R/F1 per fixture, a subtotal per folder (layout group), and the total.
std::string format_table(const std::map<std::string, Score>& scores);

// Normalisations the matching uses, exposed for the tests.
std::string fold(std::string_view text);  // lower-case words of letters and digits
bool titles_match(std::string_view gold, std::string_view found);
bool numbers_match(const std::optional<std::string>& gold, const std::optional<std::string>& found);
bool resolutions_match(std::string_view gold, std::string_view found);
bool names_match(std::string_view gold, std::string_view found);

}  // namespace kpproc::structure_scoring
