// Every input under tests/data/ parses to exactly its reviewed golden JSON under tests/golden/,
// and every span in it points at the words it describes.

#include <catch2/catch.hpp>

#include <filesystem>
#include <map>
#include <sstream>

#include "built_plugins.hpp"
#include "kpproc/model_json.hpp"
#include "kpproc/testing.hpp"
#include "kpproc/text.hpp"
#include "test_support.hpp"

namespace fs = std::filesystem;
using kpproc::testing::slurp;

namespace {

const fs::path kSourceDir = KPPROC_SOURCE_DIR;

struct Golden {
    fs::path input;   // relative to the source directory, as recorded in source.path
    fs::path golden;  // absolute
};

std::vector<Golden> goldens() {
    std::vector<Golden> out;
    for (const auto& entry : fs::recursive_directory_iterator(kSourceDir / "tests" / "golden")) {
        // The PDFs' goldens: their inputs are made at test time, and pdf_test.cpp checks them.
        if (entry.path().extension() != ".json" || entry.path().parent_path().filename() == "pdf") {
            continue;
        }
        const auto doc = kpproc::json::parse(slurp(entry.path()));
        out.push_back(Golden{doc.find("source")->find("path")->as_string(), entry.path()});
    }
    std::sort(out.begin(), out.end(),
              [](const auto& a, const auto& b) { return a.golden < b.golden; });
    return out;
}

// The adapter a golden was made with, loaded from its file through the plugin author's kit
// (kpproc/testing.hpp), as a third party tests theirs; one per adapter, reused.
kpproc::testing::PluginUnderTest& adapter_for(const std::string& id) {
    static std::map<std::string, kpproc::testing::PluginUnderTest> loaded;
    auto found = loaded.find(id);
    if (found == loaded.end()) {
        const auto plugin = kpproc::testing::built_plugins().find(id);
        found = loaded.emplace(id, kpproc::testing::PluginUnderTest(plugin->path())).first;
    }
    return found->second;
}

// The words under a span, with white space collapsed as the model's text fields are.
std::string words(const kpproc::Document& doc, const std::optional<kpproc::Span>& span) {
    REQUIRE(span.has_value());
    REQUIRE(span->end <= doc.text.size());
    return kpproc::text::collapse_whitespace(doc.slice(*span));
}

void check_paragraphs(const kpproc::Document& doc,
                      const std::vector<kpproc::Paragraph>& paragraphs) {
    for (const auto& p : paragraphs) {
        INFO("paragraph: " << p.text.substr(0, 60));
        CHECK(words(doc, p.span) == p.text);
        check_paragraphs(doc, p.children);
    }
}

}  // namespace

TEST_CASE("Golden: every input parses to its reviewed JSON", "[golden]") {
    const auto all = goldens();
    REQUIRE(all.size() >= 5);
    for (const auto& g : all) {
        INFO(g.input.string() << " -> " << g.golden.string());
        const auto golden = kpproc::document_from_json(slurp(g.golden));
        // The identity a golden records is its relative path (regenerate.sh names it with
        // --name), which parse() gives a document it is not told otherwise.
        const kpproc::Document doc = adapter_for(golden.source.adapter.value())
                                         .parse(slurp(kSourceDir / g.input), g.input.string());
        const auto comparison = kpproc::testing::compare_with_golden(doc, g.golden);
        if (!comparison) {
            FAIL_CHECK("differs from the golden:\n"
                       << comparison.diff
                       << "(regenerate with tests/golden/regenerate.sh and review the diff by "
                          "hand)");
        }
    }
}

TEST_CASE("Golden: every span points at the words of its fact", "[golden][spans]") {
    for (const auto& g : goldens()) {
        INFO(g.input.string());
        const kpproc::Document doc = kpproc::document_from_json(slurp(g.golden));
        for (const auto& a : doc.attendance) {
            INFO("attendee " << a.name);
            CHECK_THAT(words(doc, a.span), Catch::Contains(a.name));
        }
        for (const auto& item : doc.items) {
            INFO("item " << item.number.value_or("-") << " " << item.title.value_or(""));
            if (item.title) {
                CHECK(words(doc, item.title_span) == *item.title);
            }
            check_paragraphs(doc, item.description);
            check_paragraphs(doc, item.paragraphs);
            for (const auto& r : item.resolutions) {
                CHECK(words(doc, r.span) == r.text);
            }
            for (const auto& a : item.actions) {
                CHECK(words(doc, a.span) == a.text);
            }
            for (const auto& q : item.questions) {
                if (!q.text.empty()) {
                    CHECK(words(doc, q.span) == q.text);
                }
                check_paragraphs(doc, q.answers);
            }
            for (const auto& d : item.decisions) {
                CHECK(words(doc, d.span) == d.ref);
            }
            for (const auto& e : item.events) {
                CHECK_THAT(kpproc::text::to_lower_ascii(words(doc, e.span)),
                           Catch::Contains(e.kind == "reconvened" ? "re" : e.kind.substr(0, 4)));
            }
        }
    }
}
