// Hostile and broken input: every adapter either returns a Document or fails with a
// kpproc::Error — never a crash, a hang or unbounded memory. (CTest's timeout catches hangs;
// the asan preset catches memory errors.)

#include <catch2/catch.hpp>

#include <filesystem>
#include <random>

#include "built_plugins.hpp"
#include "kpproc/error.hpp"
#include "kpproc/framework/chain.hpp"
#include "kpproc/framework/pipeline.hpp"
#include "test_support.hpp"

namespace fw = kpproc::framework;

namespace {

std::string random_bytes(std::size_t n, unsigned seed) {
    std::mt19937 random(seed);
    std::string out(n, '\0');
    for (auto& c : out) {
        c = static_cast<char>(random() & 0xFF);
    }
    return out;
}

std::string repeat(std::string_view unit, std::size_t times) {
    std::string out;
    out.reserve(unit.size() * times);
    for (std::size_t i = 0; i < times; ++i) {
        out += unit;
    }
    return out;
}

std::vector<std::pair<std::string, std::string>> hostile_inputs() {
    const std::string seed001 = kpproc::testing::slurp(
        std::string(KPPROC_SOURCE_DIR) + "/tests/data/seeds/001_78dbf443e4e88d81.txt");
    const std::string seed000 = kpproc::testing::slurp(
        std::string(KPPROC_SOURCE_DIR) + "/tests/data/seeds/000_722b17af0df403e7.txt");
    return {
        {"empty", ""},
        {"binary junk", random_bytes(1 << 16, 7)},
        {"50 MB on one line", "MINUTES of a meeting of the Panel " + std::string(50u << 20, 'a')},
        {"a truncated seed, cut inside a UTF-8 sequence",
         seed000.substr(0, seed000.find("\xE2\x80\x99") + 1)},
        {"the seed cut in half", seed001.substr(0, seed001.size() / 2)},
        {"100 000 numbered lines",
         "MINUTES of a meeting of the Panel\n" + repeat("- 1. a\n 2. b\n", 50000)},
        {"100 000 nested bullets", "Meeting Notes\nItem 1. X\n" + repeat(" - x\n", 100000)},
        {"100 000 labels", "  • Agenda and minutes\n" + repeat("312.\nTitle\nMinutes:\n", 33000)},
        {"100 000 askers", "Agenda item\nQ\nMinutes:\n" + repeat("(A B - C)\n", 100000)},
        {"only carriage returns", std::string(100000, '\r')},
        {"NUL bytes in text", std::string("MINUTES of a meeting of\0\0\0 the Panel", 37)},
        {"unbalanced brackets", "PRESENT: " + repeat("(Mr A (", 20000)},
        {"100 000 nested tags",
         "<!DOCTYPE html><html><body><div id=\"modgov\" class=\"mgContent\">" +
             repeat("<div><table class=\"mgItemTable\"><tr><td>", 33000) + "312." +
             repeat("</td></tr></table></div>", 1000)},
        // Deep nesting is read whole; stray end tags down there must not make that quadratic.
        {"100 000 stray end tags 100 000 deep",
         "<html><body><div id=\"modgov\" class=\"mgContent\">" + repeat("<div>", 100000) +
             repeat("</span>", 100000)},
        {"HTML cut off mid-tag",
         "<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body><div id=\"modgov\">"
         "<table class=\"mgItemTable\"><tr><td class=\"mgItemNumberCell\">312.</td><td><p "
         "class=\"mgAiTitleTxt\">Title</p><p class=\"mgSubItemTitleTxt\">Minutes:</p><div cla"},
        {"HTML with an unknown charset",
         "<html><head><meta charset=\"x-klingon\"></head><body>"
         "<div class=\"mgContent\">\xE9t\xE9</div></body></html>"},
        {"HTML of junk", "<html>" + random_bytes(1 << 16, 11)},
        {"a PDF header, then junk", "%PDF-1.7\n" + random_bytes(1 << 16, 13)},
        // No cross-reference table (the reader rebuilds one), and a page count it must not
        // believe.
        {"a PDF claiming a billion pages",
         "%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages "
         "/Kids [3 0 R] /Count 1000000000 >> endobj\n3 0 obj << /Type /Page /Parent 2 0 R "
         "/MediaBox [0 0 595 842] /Contents 4 0 R >> endobj\n4 0 obj << /Length 999999999 >> "
         "stream\nBT /F1 12 Tf (Minutes) Tj ET\nendstream endobj\ntrailer << /Root 1 0 R >>\n"
         "%%EOF\n"},
        {"a PDF whose pages refer to themselves",
         "%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages "
         "/Kids [2 0 R 2 0 R] /Count 2 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"},
    };
}

}  // namespace

TEST_CASE("Robustness: every adapter survives hostile input", "[robustness]") {
    const auto inputs = hostile_inputs();
    for (const auto& plugin : kpproc::testing::built_plugins().of_kind(fw::PluginKind::adapter)) {
        for (const auto& [name, bytes] : inputs) {
            INFO(plugin->id() << " on " << name);
            auto adapter = plugin->create_adapter();
            const auto detection =
                adapter.detect(std::string_view(bytes).substr(0, 65536), "x.txt");
            CHECK(detection.confidence >= 0.0);
            CHECK(detection.confidence <= 1.0);
            try {
                const auto doc = adapter.parse(kpproc::SourceInput{name, bytes});
                // Whatever came out, its spans lie inside its text.
                for (const auto& item : doc.items) {
                    for (const auto& p : item.paragraphs) {
                        CHECK(p.span->end <= doc.text.size());
                    }
                }
            } catch (const kpproc::Error& e) {
                CHECK_FALSE(std::string(e.what()).empty());
            }
        }
    }
}

TEST_CASE("Robustness: the entities processor survives hostile documents", "[robustness]") {
    std::vector<std::pair<std::string, std::string>> inputs = hostile_inputs();
    // Text built to stress the entity rules: long runs of names, titles, figures, brackets.
    inputs.emplace_back("100 000 titles", repeat("Cllr ", 100000));
    inputs.emplace_back("a 200 000-word capitalised run", repeat("Kent Police and ", 50000));
    inputs.emplace_back("a run of commas", repeat("Kent Police, ", 50000) + "Act 2011");
    inputs.emplace_back("100 000 pound signs", repeat("\xC2\xA3", 100000) + "5m");
    inputs.emplace_back("glued e-mail addresses", repeat("a@b.c", 100000));
    inputs.emplace_back("a glued reference", "OPCC" + repeat(".D.1", 100000));
    inputs.emplace_back("100 000 bracketed acronyms", repeat("Force Control Room (FCR) ", 30000));
    inputs.emplace_back("digits", repeat("0 1 2 3 4 5 6 7 8 9 ", 50000));
    inputs.emplace_back("one long initials run", "Mr " + repeat("A ", 100000) + "Hill");
    inputs.emplace_back("20 000 attendees",
                        "MINUTES of a meeting of the Panel held on 1 May 2023.\n\nPRESENT: " +
                            repeat("Cllr A Smith (Chairman), ", 20000) + "Mr B Jones\n");
    const fw::Pipeline pipeline(kpproc::testing::built_plugins(),
                                fw::parse_chain("text ! entities"),
                                fw::Pipeline::ExporterRule::optional);
    auto worker = pipeline.make_worker();
    auto batch = pipeline.make_batch_stages();
    for (const auto& [name, bytes] : inputs) {
        INFO("entities on " << name);
        try {
            auto doc = worker->run(name, bytes);
            batch.run(doc);
            for (const auto& e : doc.entities) {
                for (const auto& m : e.mentions) {
                    REQUIRE(m.span.end <= doc.text.size());
                    CHECK(doc.slice(m.span) == m.text);
                }
            }
        } catch (const kpproc::Error& e) {
            CHECK_FALSE(std::string(e.what()).empty());
        }
    }
    // The same through the minutes adapter, whose attendance list the processor reads.
    const fw::Pipeline minutes(kpproc::testing::built_plugins(),
                               fw::parse_chain("plaintext-minutes ! entities"),
                               fw::Pipeline::ExporterRule::optional);
    const auto doc = minutes.make_worker()->run("attendees", inputs.back().second);
    CHECK(doc.attendance.size() > 1000);
    CHECK_FALSE(doc.entities.empty());
}

// Every input in tests/fuzz/regressions/ once made a fuzz target fail (tests/fuzz/README.md):
// through every adapter, and the entities processor after the text adapter, each now gives a
// document that keeps the model's rules, or a kpproc::Error.
TEST_CASE("Robustness: what fuzzing found stays fixed", "[robustness][fuzz]") {
    const std::filesystem::path regressions =
        std::filesystem::path(KPPROC_SOURCE_DIR) / "tests" / "fuzz" / "regressions";
    std::vector<std::string> chains;
    for (const auto& plugin : kpproc::testing::built_plugins().of_kind(fw::PluginKind::adapter)) {
        chains.push_back(plugin->id());
    }
    chains.emplace_back("auto");
    chains.emplace_back("text ! entities");
    std::size_t files = 0;
    for (const auto& entry : std::filesystem::directory_iterator(regressions)) {
        ++files;
        const std::string bytes = kpproc::testing::slurp(entry.path());
        for (const auto& chain : chains) {
            INFO(entry.path().filename().string() << " through " << chain);
            fw::Pipeline pipeline(kpproc::testing::built_plugins(), fw::parse_chain(chain),
                                  fw::Pipeline::ExporterRule::optional);
            pipeline.check_invariants(true);
            try {
                (void)pipeline.make_worker()->run(entry.path().filename().string(), bytes);
            } catch (const kpproc::Error& e) {
                CHECK(e.code() != "invariant-violated");
            }
        }
    }
    CHECK(files >= 1);
}
