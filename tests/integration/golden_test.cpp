// Every input under tests/data/ parses to exactly its reviewed golden JSON under tests/golden/,
// and every span in it points at the words it describes.

#include <catch2/catch.hpp>

#include <filesystem>
#include <sstream>

#include "built_plugins.hpp"
#include "kpproc/framework/batch.hpp"
#include "kpproc/framework/pipeline.hpp"
#include "kpproc/model_json.hpp"
#include "kpproc/text.hpp"
#include "test_support.hpp"

namespace fs = std::filesystem;
using kpproc::testing::slurp;
namespace fw = kpproc::framework;

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

// What `kpproc run --chain 'auto ! json(pretty=true, indent=2)' -o DIR/ INPUT` writes.
std::string render(const fs::path& input) {
    const fw::Pipeline pipeline(kpproc::testing::built_plugins(),
                                fw::parse_chain("auto ! json(pretty=true, indent=2)"));
    const std::string bytes = slurp(kSourceDir / input);
    // The identity a golden records is its relative path (regenerate.sh names it with --name),
    // not this machine's absolute path.
    const kpproc::Document doc = pipeline.make_worker()->run(input.string(), bytes, input.string());
    auto exporter = pipeline.make_exporter();
    std::ostringstream out;
    exporter.begin(kpproc::ExportTarget{"golden", 1}, out);
    exporter.write(doc, out);
    exporter.end(out);
    return out.str();
}

std::string first_difference(const std::string& expected, const std::string& actual) {
    std::istringstream e(expected);
    std::istringstream a(actual);
    std::string le;
    std::string la;
    for (int line = 1;; ++line) {
        const bool more_e = static_cast<bool>(std::getline(e, le));
        const bool more_a = static_cast<bool>(std::getline(a, la));
        if (!more_e && !more_a) {
            return "no difference";
        }
        if (le != la || more_e != more_a) {
            return "line " + std::to_string(line) + ":\n  golden: " + le + "\n  now:    " + la;
        }
    }
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
        const std::string expected = slurp(g.golden);
        const std::string actual = render(g.input);
        if (actual != expected) {
            FAIL_CHECK("differs from the golden at "
                       << first_difference(expected, actual)
                       << "\n(regenerate with tests/golden/regenerate.sh "
                          "and review the diff by hand)");
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
