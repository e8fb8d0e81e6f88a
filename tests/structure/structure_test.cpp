// The structure scorer's own rules (tests/data/structure/GOLD.md), so its figures can be
// trusted, and the adapters' floors on the layout fixtures.

#include <catch2/catch.hpp>

#include <map>

#include "built_plugins.hpp"
#include "kpproc/framework/batch.hpp"
#include "kpproc/framework/chain.hpp"
#include "kpproc/framework/pipeline.hpp"
#include "structure_scoring.hpp"

namespace ss = kpproc::structure_scoring;

TEST_CASE("Scorer: titles, numbers, names and resolutions match as GOLD.md says", "[structure]") {
    CHECK(ss::titles_match("Apologies for Absence", "APOLOGIES FOR ABSENCE."));
    CHECK(ss::titles_match("Declarations of Interest", "Declarations of interest"));
    CHECK_FALSE(ss::titles_match("Apologies", "Apologies for Absence and Substitutions"));
    CHECK(ss::titles_match("Minutes of the previous meeting held on 4 March",
                           "Minutes of the previous meeting held on 4 March 2024"));
    CHECK(ss::numbers_match(std::string("C 24/195"), std::string("C24/195")));
    CHECK(ss::numbers_match(std::string("12"), std::string("12.")));
    CHECK(ss::numbers_match(std::string("i"), std::string("(i)")));
    CHECK(ss::numbers_match(std::nullopt, std::nullopt));
    CHECK_FALSE(ss::numbers_match(std::string("12"), std::nullopt));
    CHECK(ss::names_match("J Smith", "Cllr Mrs J Smith (Chairman)"));
    CHECK(ss::names_match("Smith", "Councillor John Smith"));
    CHECK_FALSE(ss::names_match("J Smith", "K Smith"));
    CHECK_FALSE(ss::names_match("J Smith", "J Smyth"));
    CHECK(ss::resolutions_match("That the report be noted.", "that the report be noted"));
    CHECK_FALSE(ss::resolutions_match("That the report be noted.",
                                      "That the budget for 2024/25 be approved as amended."));
}

TEST_CASE("Scorer: precision, recall and F1 count matched, spurious and missed facts",
          "[structure]") {
    ss::Gold gold;
    gold.adapter = "kp.adapter.plaintext-minutes";
    gold.items = {{"1", "Apologies"}, {"2", "Minutes"}, {"3", "Budget"}};
    gold.meeting = {{"date", "2024-03-12"}, {"time", std::nullopt}};
    ss::Outcome outcome;
    outcome.document.emplace();
    outcome.document->source.adapter = "kp.adapter.plaintext-minutes";
    outcome.document->meeting.date = "2024-03-12";
    outcome.document->meeting.time = "19:00";  // the record does not say: an invention
    for (const auto& [number, title] : std::vector<std::pair<std::string, std::string>>{
             {"1", "Apologies"}, {"2", "Minutes"}, {"4", "Any other business"}}) {
        kpproc::Item item;
        item.number = number;
        item.title = title;
        outcome.document->items.push_back(item);
    }
    const ss::Score s = ss::score_document(gold, outcome);
    CHECK(s.detected == 1);
    CHECK(s.items.matched == 2);
    CHECK(s.items.missed == 1);
    CHECK(s.items.spurious == 1);
    CHECK(s.items.f1() == Approx(2.0 / 3.0));
    CHECK(s.meeting.matched == 1);
    CHECK(s.meeting.spurious == 1);

    ss::Outcome refused;
    refused.failure = "no adapter recognises this input";
    const ss::Score r = ss::score_document(gold, refused);
    CHECK(r.detected == 0);
    CHECK(r.items.missed == 3);
    CHECK(r.items.f1() == 0.0);
}

// ---- The adapters on the layout fixtures ---------------------------------------------------

namespace {

std::map<std::string, ss::Score> score_fixtures() {
    namespace fw = kpproc::framework;
    const fw::Pipeline pipeline(kpproc::testing::built_plugins(), fw::parse_chain("auto"),
                                fw::Pipeline::ExporterRule::optional);
    auto worker = pipeline.make_worker();
    return ss::evaluate(
        std::filesystem::path(KPPROC_SOURCE_DIR) / "tests/data/structure",
        [&](const std::filesystem::path& input) { return ss::read_fixture(*worker, input); });
}

double share(std::size_t part, std::size_t whole) {
    return whole == 0 ? 1.0 : static_cast<double>(part) / static_cast<double>(whole);
}

}  // namespace

// The bar issue 10 sets, 0.90 on every measure over all the layout fixtures, and a floor per
// family so that no family of real layouts is left behind while the others carry the mean.
TEST_CASE(
    "Layout fixtures: detection, items, resolutions, attendance, actions and meeting fields "
    "reach the 0.90 bar",
    "[structure][fixtures]") {
    ss::Score all;
    std::map<std::string, ss::Score> families;
    const auto scores = score_fixtures();
    for (const auto& [name, s] : scores) {
        all.add(s);
        families[name.substr(0, name.find('/'))].add(s);
    }
    INFO(ss::format_table(scores));
    CHECK(all.documents >= 70);
    CHECK(share(all.detected, all.documents) >= 0.95);
    CHECK(all.items.f1() >= 0.90);
    CHECK(all.resolutions.f1() >= 0.90);
    CHECK(all.attendance.f1() >= 0.90);
    CHECK(share(all.meeting.matched, all.meeting.matched + all.meeting.missed) >= 0.90);
    CHECK(all.actions.f1() >= 0.90);
    for (const auto& [family, s] : families) {
        INFO("family " << family);
        CHECK(share(s.detected, s.documents) >= 0.90);
        CHECK(s.items.f1() >= 0.85);
        CHECK(s.resolutions.f1() >= 0.85);
        CHECK(s.attendance.f1() >= 0.85);
    }
}
