// The plugin author's kit (kpproc/testing.hpp), as a third party uses it: load a built plugin
// from its file, run it, have the model's rules checked, compare with a golden file.

#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "kpproc/model_json.hpp"
#include "kpproc/testing.hpp"
#include "test_support.hpp"

namespace fs = std::filesystem;
using kpproc::testing::Failure;
using kpproc::testing::PluginUnderTest;
using kpproc::testing::TempDir;

namespace {

const fs::path kPlugins = KPPROC_TEST_PLUGIN_DIR;
const fs::path kTestOnlyPlugins = KPPROC_TEST_ONLY_PLUGIN_DIR;
const fs::path kBadPlugins = KPPROC_BAD_PLUGIN_DIR;

fs::path text_adapter() {
    return kPlugins / "kp-adapter-text.so";
}

// KPPROC_UPDATE_GOLDEN set for the life of the object.
struct UpdatingGoldens {
    UpdatingGoldens() { ::setenv("KPPROC_UPDATE_GOLDEN", "1", 1); }
    ~UpdatingGoldens() { ::unsetenv("KPPROC_UPDATE_GOLDEN"); }
};

}  // namespace

TEST_CASE("Kit: an adapter loads from its file, detects and parses as the host does", "[kit]") {
    PluginUnderTest adapter(text_adapter());
    CHECK(adapter.id() == "kp.adapter.text");
    CHECK(adapter.kind() == "adapter");
    CHECK_FALSE(adapter.version().empty());
    CHECK(adapter.detect("Plain words.\n", "notes.txt").confidence > 0.0);

    const kpproc::Document doc = adapter.parse("First paragraph.\n\nSecond one.\n", "in/notes.txt");
    CHECK(doc.source.path == "in/notes.txt");
    CHECK(doc.source.identity == "in/notes.txt");
    CHECK(doc.source.adapter == "kp.adapter.text");
    CHECK(doc.source.bytes == 30);
    CHECK(doc.source.sha256.value_or("").size() == 64);
    REQUIRE(doc.items.size() == 1);
    CHECK(doc.items[0].paragraphs.size() == 2);
    CHECK_NOTHROW(kpproc::testing::require_invariants(doc));
}

TEST_CASE("Kit: a plugin the host would refuse is refused with the host's reason", "[kit]") {
    const fs::path file = kBadPlugins / "toolchain_mismatch" / "bad-toolchain_mismatch.so";
    REQUIRE(fs::exists(file));
    try {
        PluginUnderTest refused(file);
        FAIL("a plugin built with another toolchain was loaded");
    } catch (const Failure& e) {
        CHECK_THAT(e.what(), Catch::StartsWith(file.string() + ": kpproc would refuse this plugin "
                                                               "(toolchain-mismatch): "));
    }
    CHECK_THROWS_WITH(PluginUnderTest(kPlugins / "no-such-plugin.so"),
                      Catch::Contains("kpproc would refuse this plugin (not-loadable)"));
    CHECK_THROWS_WITH(PluginUnderTest(text_adapter(), {{"no_such_option", "1"}}),
                      Catch::StartsWith("the options failed (unknown-option): "));
}

TEST_CASE("Kit: a call for another kind of plugin says so", "[kit]") {
    PluginUnderTest adapter(text_adapter());
    kpproc::Document doc;
    CHECK_THROWS_WITH(adapter.process(doc),
                      "process() is for a processor; kp.adapter.text is an adapter");
    CHECK_THROWS_WITH(adapter.export_documents({}),
                      "export_documents() is for an exporter; kp.adapter.text is an adapter");
}

TEST_CASE("Kit: a processor that breaks the model's rules fails with the field named", "[kit]") {
    PluginUnderTest adapter(text_adapter());
    kpproc::Document doc = adapter.parse("Here it says BREAK-HERE.\n", "bad.txt");
    PluginUnderTest breaker(kTestOnlyPlugins / "test-processor-break-model.so",
                            {{"how", "duplicate-id"}});
    CHECK(breaker.kind() == "processor");
    CHECK_THROWS_WITH(
        breaker.process(doc),
        Catch::Contains("process failed (invariant-violated): "
                        "org.kpproc-tests.processor.break-model broke the rules") &&
            Catch::Contains("entities[1].id: \"dup\" is the id of an earlier entity"));

    kpproc::Document fine = adapter.parse("Nothing to see.\n", "fine.txt");
    CHECK_NOTHROW(breaker.process(fine));
}

TEST_CASE("Kit: require_invariants lists every rule broken", "[kit]") {
    kpproc::Document doc;
    doc.text = "Twelve bytes";
    doc.source.path = "made.txt";
    doc.meeting.venue = "";
    doc.add_diagnostic("info", "note", "pointing too far", kpproc::Span{5, 999999});
    CHECK_THROWS_WITH(kpproc::testing::require_invariants(doc),
                      "the document made.txt breaks 2 of the model's rules:\n"
                      "meeting.venue: is set but empty; what the source does not give is null\n"
                      "diagnostics[0].span: [5, 999999) ends after the text, which is 12 bytes");
}

TEST_CASE("Kit: an exporter writes what the host would write", "[kit]") {
    PluginUnderTest adapter(text_adapter());
    PluginUnderTest json(kPlugins / "kp-exporter-json.so", {{"pretty", "false"}});
    const auto doc = adapter.parse("One paragraph.\n", "one.txt");
    const std::string out = json.export_documents({doc});
    CHECK(kpproc::document_from_json(out) == doc);
}

TEST_CASE("Kit: golden files are compared with a readable diff, and written on request", "[kit]") {
    const TempDir dir;
    const fs::path golden = dir.path / "goldens" / "notes.json";
    PluginUnderTest adapter(text_adapter());
    const auto doc = adapter.parse("First paragraph.\n", "notes.txt");

    auto comparison = kpproc::testing::compare_with_golden(doc, golden);
    CHECK_FALSE(comparison.matches);
    CHECK_THAT(comparison.diff, Catch::Contains("does not exist; run with KPPROC_UPDATE_GOLDEN=1"));
    {
        const UpdatingGoldens updating;
        comparison = kpproc::testing::compare_with_golden(doc, golden);
        CHECK(comparison.matches);
        CHECK(comparison.written);
    }
    REQUIRE(fs::exists(golden));
    CHECK(kpproc::testing::compare_with_golden(doc, golden).matches);

    const auto changed = adapter.parse("First paragraph, changed.\n", "notes.txt");
    comparison = kpproc::testing::compare_with_golden(changed, golden);
    CHECK_FALSE(comparison.matches);
    CHECK_FALSE(comparison.written);
    // The paragraph's line, taken out and put back changed, in a hunk of its own.
    CHECK_THAT(comparison.diff,
               Catch::Matches(R"([\s\S]*\n@@ golden line \d+, now line \d+ @@\n[^@]*)"
                              R"(\n- +"text": "First paragraph\.",\n)"
                              R"(\+ +"text": "First paragraph, changed\.",\n[\s\S]*)"));
}

TEST_CASE("Kit: line_diff shows the changed lines with two lines either side", "[kit]") {
    CHECK(kpproc::testing::line_diff("a\nb\n", "a\nb\n").empty());
    CHECK(kpproc::testing::line_diff("1\n2\n3\n4\n5\n6\n7\n", "1\n2\n3\nfour\n5\n6\n7\n") ==
          "@@ golden line 2, now line 2 @@\n"
          "  2\n"
          "  3\n"
          "- 4\n"
          "+ four\n"
          "  5\n"
          "  6\n");
    CHECK(kpproc::testing::line_diff("a\nb\n", "a\nb\nc\n") ==
          "@@ golden line 1, now line 1 @@\n"
          "  a\n"
          "  b\n"
          "+ c\n");
    // Two changes far apart are two hunks; the lines between are not shown.
    const std::string far =
        kpproc::testing::line_diff("x\n1\n2\n3\n4\n5\n6\n7\ny\n", "X\n1\n2\n3\n4\n5\n6\n7\nY\n");
    CHECK(far ==
          "@@ golden line 1, now line 1 @@\n"
          "- x\n"
          "+ X\n"
          "  1\n"
          "  2\n"
          "@@ golden line 7, now line 7 @@\n"
          "  6\n"
          "  7\n"
          "- y\n"
          "+ Y\n");
}
