// kpproc show, and the document reader it stands on: what the sqlite exporter stored reads
// back as the very documents it was given.

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <map>

#include "built_plugins.hpp"
#include "document_reader.hpp"
#include "kpproc/error.hpp"
#include "kpproc/framework/batch.hpp"
#include "kpproc/framework/pipeline.hpp"
#include "kpproc/model_json.hpp"
#include "test_support.hpp"

namespace fs = std::filesystem;
namespace fw = kpproc::framework;
using kpproc::Document;
using kpproc::testing::run_process;
using kpproc::testing::TempDir;

namespace {

const fs::path kSource = KPPROC_SOURCE_DIR;
const fs::path kBinary = KPPROC_BINARY;

std::vector<std::string> inputs() {
    return {(kSource / "tests/data/seeds").string(), (kSource / "tests/data/fixtures").string(),
            (kSource / "examples/data").string()};
}

// The documents of `inputs()` through the chain, in input order.
std::vector<Document> processed(const std::string& chain) {
    const fw::Pipeline pipeline(kpproc::testing::built_plugins(), fw::parse_chain(chain));
    fw::BatchOptions options;
    std::ostringstream out;
    const auto report =
        fw::BatchRunner(pipeline, options).run(fw::expand_inputs(inputs()).inputs, out);
    REQUIRE(report.failures.empty());
    std::vector<Document> docs;
    std::istringstream lines(out.str());
    for (std::string line; std::getline(lines, line);) {
        docs.push_back(kpproc::document_from_json(line));
    }
    return docs;
}

void write_database(const fs::path& database) {
    const fw::Pipeline pipeline(kpproc::testing::built_plugins(),
                                fw::parse_chain("auto ! entities ! sqlite"));
    fw::BatchOptions options;
    options.output = fw::OutputSpec::from_argument(database.string());
    std::ostringstream out;
    REQUIRE(fw::BatchRunner(pipeline, options)
                .run(fw::expand_inputs(inputs()).inputs, out)
                .failures.empty());
}

// What the database cannot give back: diagnostics (no table keeps them), the order of the
// entities (stored in the order of their ids), and an asker with neither name nor body.
Document comparable(Document doc) {
    doc.diagnostics.clear();
    std::sort(doc.entities.begin(), doc.entities.end(),
              [](const auto& a, const auto& b) { return a.id < b.id; });
    for (auto& item : doc.items) {
        for (auto& q : item.questions) {
            if (q.asker && !q.asker->name && !q.asker->organisation) {
                q.asker.reset();
            }
        }
    }
    return doc;
}

}  // namespace

TEST_CASE("Document reader: every stored document reads back as the document it was",
          "[show][reader]") {
    const TempDir dir;
    const fs::path database = dir.path / "minutes.sqlite";
    write_database(database);
    const auto originals = processed("auto ! entities ! json(pretty=false)");
    REQUIRE(originals.size() >= 15);
    auto db = kpproc::cli::open_sqlite_cells(database.string());
    for (const Document& original : originals) {
        INFO(original.source.path);
        const auto read = kpproc::cli::read_document(*db, original.source.identity);
        REQUIRE(read.has_value());
        CHECK(kpproc::to_json(comparable(*read)) == kpproc::to_json(comparable(original)));
    }
    CHECK_FALSE(kpproc::cli::read_document(*db, "no such document").has_value());
}

TEST_CASE("Document reader: by id or path, and a path of two documents is ambiguous",
          "[show][reader]") {
    const TempDir dir;
    const fs::path database = dir.path / "minutes.sqlite";
    write_database(database);
    auto db = kpproc::cli::open_sqlite_cells(database.string());
    const auto first = kpproc::cli::read_document(*db, "1");
    REQUIRE(first.has_value());
    const auto by_path = kpproc::cli::read_document(*db, first->source.path);
    REQUIRE(by_path.has_value());
    CHECK(by_path->source.identity == first->source.identity);
    CHECK_THROWS_WITH(kpproc::cli::open_sqlite_cells((dir.path / "none.sqlite").string()),
                      Catch::Contains("no such database file"));
}

TEST_CASE("kpproc show: a record, a JSON document or a database's document, readably",
          "[show][cli]") {
    const TempDir dir;
    const std::string minutes = (kSource / "examples/data/pcp-minutes-2023-10-17.txt").string();
    auto r = run_process(kBinary, {"show", "--width", "100", minutes});
    CHECK(r.status == 0);
    CHECK_THAT(r.out, Catch::StartsWith("Kent and Medway Police and Crime Panel\n2023-10-17 · "
                                        "Council Chamber, Sessions House, County Hall, "
                                        "Maidstone\n"));
    CHECK_THAT(r.out, Catch::Contains("\nPresent: Mr P M Hill OBE (Chairman), Mr G Sandher "
                                      "(Vice-Chairman),"));
    CHECK_THAT(r.out, Catch::Contains("\n100. Declarations of Interests by Members in Items on "
                                      "the Agenda for this Meeting\n   Mr Meade declared"));
    CHECK_THAT(r.out, Catch::Contains("   Resolved: RESOLVED to note the report.\n"));
    // Every line within the width.
    std::istringstream lines(r.out);
    for (std::string line; std::getline(lines, line);) {
        // Counted in characters: "·" and "’" are one each.
        const auto characters = std::count_if(line.begin(), line.end(), [](char c) {
            return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
        });
        CHECK(characters <= 100);
    }
    // The same meeting from a database, and from its JSON.
    const fs::path database = dir.path / "minutes.sqlite";
    REQUIRE(run_process(kBinary, {"run", "-q", "--chain", "auto ! entities ! sqlite", "-o",
                                  database.string(), minutes})
                .status == 0);
    auto from_db = run_process(kBinary, {"show", "--width", "100", database.string(), "1"});
    CHECK(from_db.status == 0);
    CHECK_THAT(from_db.out, Catch::Contains("Present: Mr P M Hill OBE (Chairman)"));
    CHECK_THAT(from_db.out, Catch::Contains("   Mr Meade declared that he was the Chairman of "
                                            "Gravesham Pastors Charity. [J Meade]\n"));
    const fs::path json = dir.path / "minutes.json";
    REQUIRE(run_process(kBinary, {"run", "-q", "-o", json.string(), minutes}).status == 0);
    auto from_json = run_process(kBinary, {"show", "--width", "100", json.string()});
    CHECK(from_json.out == r.out);
}

TEST_CASE("kpproc show: what it cannot show is said, exit 2", "[show][cli][errors]") {
    const TempDir dir;
    const fs::path database = dir.path / "minutes.sqlite";
    REQUIRE(run_process(kBinary, {"run", "-q", "--chain", "auto ! sqlite", "-o", database.string(),
                                  (kSource / "examples/data").string()})
                .status == 0);
    auto r = run_process(kBinary, {"show", database.string(), "999"});
    CHECK(r.status == 2);
    CHECK_THAT(r.err, Catch::Contains("no document with the id, source or path '999'"));
    r = run_process(kBinary, {"show", (dir.path / "none.sqlite").string(), "1"});
    CHECK(r.status == 2);
    CHECK_THAT(r.err, Catch::Contains("no such database file"));
    r = run_process(kBinary, {"show", "--width", "5", database.string(), "1"});
    CHECK(r.status == 2);
    CHECK_THAT(r.err, Catch::Contains("--width expects a number of columns from 20 to 1000"));
    r = run_process(kBinary, {"show"});
    CHECK(r.status == 2);
    CHECK_THAT(r.err, Catch::Contains("give a FILE, or a DATABASE and the ID"));
}
