// kpproc link over SQLite databases: sharded batches, linked afterwards, hold the people one
// batch over the whole archive links; linking again changes nothing; new documents are linked
// with the rest. (Over PostgreSQL: postgres_test.cpp.)
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "sqlite_rows.hpp"
#include "test_support.hpp"

namespace fs = std::filesystem;
using kpproc::testing::Rows;
using kpproc::testing::slurp;
using kpproc::testing::sqlite_rows;
using kpproc::testing::TempDir;

namespace {

const fs::path kBinary = KPPROC_BINARY;
const fs::path kTestData = KPPROC_TEST_DATA_DIR;
const fs::path kExamples = KPPROC_EXAMPLE_DATA_DIR;

kpproc::testing::ProcessResult run_kpproc(const std::vector<std::string>& args) {
    return kpproc::testing::run_process(kBinary, args);
}

// The seeds and the examples in one folder, in an order where people named in full come
// before the same people named by surname only (and after, in other copies).
fs::path make_archive(const fs::path& dir, const std::vector<std::string>& prefixes) {
    const fs::path archive = dir / "archive";
    for (const auto& prefix : prefixes) {
        fs::create_directories(archive / prefix);
        for (const fs::path& folder : {kTestData / "seeds", kExamples}) {
            for (const auto& e : fs::directory_iterator(folder)) {
                fs::copy_file(e.path(), archive / prefix / e.path().filename());
            }
        }
    }
    return archive;
}

// Each entity and speaker as one batch would have written it; the word a link uses for the
// documents it linked ("batch" from kpproc run, "archive" from kpproc link) made the same.
Rows people(const fs::path& db) {
    Rows rows = sqlite_rows(
        db,
        "SELECT d.source, e.entity, e.type, e.name, replace(e.attributes, 'archive', 'batch') "
        "FROM entities e JOIN documents d ON d.id = e.document_id UNION ALL SELECT d.source, "
        "s.entity, 'speaker', p.position || '/' || p.part, s.name FROM speakers s JOIN paragraphs "
        "p ON p.id = s.paragraph_id JOIN items i ON i.id = p.item_id JOIN documents d ON d.id = "
        "i.document_id");
    std::sort(rows.begin(), rows.end());
    return rows;
}

long long count(const fs::path& db, const std::string& sql) {
    return std::stoll(sqlite_rows(db, sql).at(0).at(0));
}

const std::string kUnlinked = "auto ! entities(link_batch=false) ! sqlite";

}  // namespace

TEST_CASE("kpproc link: shards linked afterwards hold the people one batch over them links",
          "[link]") {
    const TempDir dir;
    const fs::path archive = make_archive(dir.path, {"a", "b"});
    const fs::path whole = dir.path / "whole.sqlite";
    REQUIRE(run_kpproc({"run", "-q", "-c", "auto ! entities ! sqlite", "-o", whole.string(),
                        archive.string()})
                .status == 0);
    // Linking across documents happened there: the check below compares something.
    REQUIRE(count(whole,
                  "SELECT COUNT(*) FROM entities WHERE attributes LIKE "
                  "'%\"linked_by\":\"batch\"%'") >= 2);

    const fs::path sharded = dir.path / "sharded.sqlite";
    for (const char* shard : {"0/3", "1/3", "2/3"}) {
        REQUIRE(run_kpproc({"run", "-q", "--shard", shard, "-c", kUnlinked, "-o", sharded.string(),
                            archive.string()})
                    .status == 0);
    }
    CHECK(people(sharded) != people(whole));  // each shard saw a part: fewer links
    const auto linked = run_kpproc({"link", sharded.string()});
    INFO(linked.err);
    CHECK(linked.status == 0);
    CHECK_THAT(linked.err, Catch::Contains("kpproc link: 20 documents; "));
    CHECK(people(sharded) == people(whole));
    CHECK(count(sharded,
                "SELECT COUNT(*) FROM entities WHERE attributes LIKE "
                "'%\"linked_by\":\"archive\"%'") ==
          count(whole,
                "SELECT COUNT(*) FROM entities WHERE attributes LIKE "
                "'%\"linked_by\":\"batch\"%'"));

    // Again: the same rows, and the same record of what linking changed.
    const Rows records = sqlite_rows(sharded, "SELECT * FROM entity_links ORDER BY 1");
    CHECK(run_kpproc({"link", "-q", sharded.string()}).status == 0);
    CHECK(people(sharded) == people(whole));
    CHECK(sqlite_rows(sharded, "SELECT * FROM entity_links ORDER BY 1") == records);
}

TEST_CASE("kpproc link: documents that arrive later are linked with the rest", "[link]") {
    const TempDir dir;
    const fs::path archive = make_archive(dir.path, {"a", "b"});
    const fs::path db = dir.path / "minutes.sqlite";
    // The second folder first, linked; then the first, which sorts before it.
    REQUIRE(run_kpproc({"run", "-q", "-c", kUnlinked, "-o", db.string(), (archive / "b").string()})
                .status == 0);
    REQUIRE(run_kpproc({"link", "-q", db.string()}).status == 0);
    REQUIRE(
        run_kpproc({"run", "-q", "-c", kUnlinked, "-o", db.string(), archive.string()}).status ==
        0);
    REQUIRE(run_kpproc({"link", "-q", db.string()}).status == 0);

    const fs::path whole = dir.path / "whole.sqlite";
    REQUIRE(run_kpproc({"run", "-q", "-c", "auto ! entities ! sqlite", "-o", whole.string(),
                        archive.string()})
                .status == 0);
    CHECK(people(db) == people(whole));
}

TEST_CASE("kpproc link: mistakes and databases it cannot link are errors that say why",
          "[link][errors]") {
    const TempDir dir;
    const auto missing = run_kpproc({"link", (dir.path / "none.sqlite").string()});
    CHECK(missing.status == 2);
    CHECK_THAT(missing.err, Catch::Contains("none.sqlite: no such database file"));

    std::ofstream(dir.path / "notes.txt") << "not a database\n";
    const auto not_sqlite = run_kpproc({"link", (dir.path / "notes.txt").string()});
    CHECK(not_sqlite.status == 2);
    CHECK_THAT(not_sqlite.err, Catch::Contains("notes.txt"));

    const fs::path other = dir.path / "other.sqlite";
    sqlite3* handle = nullptr;
    REQUIRE(sqlite3_open(other.c_str(), &handle) == SQLITE_OK);
    REQUIRE(sqlite3_exec(handle, "CREATE TABLE t (x)", nullptr, nullptr, nullptr) == SQLITE_OK);
    sqlite3_close(handle);
    const auto not_ours = run_kpproc({"link", other.string()});
    CHECK(not_ours.status == 2);
    CHECK_THAT(not_ours.err, Catch::Contains("not a database written by the sqlite exporter"));

    const fs::path db = dir.path / "minutes.sqlite";
    REQUIRE(run_kpproc(
                {"run", "-q", "-c", kUnlinked, "-o", db.string(), (kTestData / "seeds").string()})
                .status == 0);
    const auto exporter = run_kpproc({"link", "--processor", "json", db.string()});
    CHECK(exporter.status == 2);
    CHECK_THAT(exporter.err, Catch::Contains("kp.exporter.json is not a processor"));
    const auto two = run_kpproc({"link", db.string(), db.string()});
    CHECK(two.status == 2);
    CHECK_THAT(two.err, Catch::Contains("give one DATABASE"));
    // Nothing was changed by the mistakes.
    CHECK(count(db, "SELECT COUNT(*) FROM sqlite_master WHERE name = 'entity_links'") == 0);
}
