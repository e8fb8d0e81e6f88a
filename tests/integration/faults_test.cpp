// Faults a user meets, through the kpproc command line (issue 9): interrupted and crashed runs,
// file names that are not UTF-8, inputs over the limits, UTF-16 text, and which document is
// which when the same name or standard input comes again.

#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>
#include <catch2/catch.hpp>

#include <Poco/Data/SQLite/Connector.h>
#include <Poco/Data/Session.h>

#include <pugixml.hpp>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "kpproc/json.hpp"
#include "sqlite_schema_history.hpp"
#include "test_support.hpp"

namespace fs = std::filesystem;
using kpproc::testing::ProcessResult;
using kpproc::testing::shell_quote;
using kpproc::testing::slurp;
using kpproc::testing::TempDir;

namespace {

const fs::path kBinary = KPPROC_BINARY;
const fs::path kTestOnlyPlugins = KPPROC_TEST_ONLY_PLUGIN_DIR;
const fs::path kSeed = fs::path(KPPROC_TEST_DATA_DIR) / "seeds/001_78dbf443e4e88d81.txt";

ProcessResult kpproc_run(const std::vector<std::string>& args,
                         const std::string& stdin_file = "/dev/null",
                         const std::string& prefix = {}) {
    return kpproc::testing::run_process(kBinary, args, stdin_file, prefix);
}

// Three small minutes files; the second carries `marker` (the misbehaving plugin's trigger).
void write_three(const fs::path& dir, const std::string& marker) {
    const std::string seed = slurp(kSeed);
    std::ofstream(dir / "a.txt") << seed;
    std::ofstream(dir / "b.txt") << seed << "\n" << marker << "\n";
    std::ofstream(dir / "c.txt") << seed << "\nAnother line.\n";
}

std::vector<std::string> hidden_temporaries(const fs::path& dir) {
    std::vector<std::string> out;
    for (const auto& e : fs::recursive_directory_iterator(dir)) {
        if (e.path().filename().string().find(".kpproc-tmp.") != std::string::npos) {
            out.push_back(e.path().string());
        }
    }
    return out;
}

// A kpproc process started in the background, so a test can signal it mid-run.
using kpproc::testing::Background;

Background start_kpproc(const std::vector<std::string>& args, const fs::path& err) {
    return kpproc::testing::start_process(kBinary, args, err);
}

// A string field of a document's source ("" and a failed check when it is missing).
std::string source_field(const kpproc::json::Value& doc, const char* name) {
    const kpproc::json::Value* source = doc.find("source");
    const kpproc::json::Value* field = source != nullptr ? source->find(name) : nullptr;
    CHECK(field != nullptr);
    return field != nullptr && field->is_string() ? field->as_string() : std::string();
}

// Waits (up to 30 s) until `ready` holds: the run being watched has got that far.
template <class Predicate>
bool wait_until(Predicate ready) {
    for (int i = 0; i < 3000; ++i) {
        if (ready()) {
            return true;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return false;
}

bool wait_for_temporary(const fs::path& dir) {
    return wait_until([&] { return !hidden_temporaries(dir).empty(); });
}

}  // namespace

// ---- Defect 3: interrupted runs leave no half-written files -----------------------------------

TEST_CASE(
    "SIGINT or SIGTERM twice mid-export leaves no temporary file, and the earlier output as "
    "it was",
    "[faults][interrupt]") {
    struct Case {
        const char* exporter;
        const char* output;  // relative to the work directory
        int signal;
    };
    for (const Case c : {Case{"json", "all.json", SIGINT}, Case{"xml", "all.xml", SIGTERM},
                         Case{"json", "each/", SIGINT}, Case{"csv", "tables/", SIGTERM}}) {
        INFO(c.exporter << " -o " << c.output);
        const TempDir dir;
        write_three(dir.path, "MISBEHAVE-HERE");
        const fs::path out = dir.path / "out";
        fs::create_directories(out / "each");
        std::ofstream(out / "all.json") << "EARLIER\n";
        auto run = start_kpproc({"run", "-q", "--plugin-path", kTestOnlyPlugins.string(), "--chain",
                                 std::string("auto ! misbehave(act=sleep) ! ") + c.exporter, "-o",
                                 (out / c.output).string(), (dir.path / "a.txt").string(),
                                 (dir.path / "b.txt").string(), (dir.path / "c.txt").string()},
                                dir.path / "stderr");
        // With -o DIR/ a.json is written before b.txt stalls; the others hold a temporary.
        const bool mid_output =
            std::string(c.output) == "each/"
                ? wait_until([&] { return fs::exists(out / "each" / "a.json"); })
                : wait_for_temporary(out);
        REQUIRE(mid_output);
        // Once b.txt's stall has begun: a signal before it would find no document in flight,
        // and the run would end cleanly with what it has (a run on a busy machine can be
        // that slow to hand b.txt out).
        REQUIRE(wait_until([&] {
            return slurp(dir.path / "stderr").find("misbehave: stalling") != std::string::npos;
        }));
        // The first signal asks the run to finish the document in progress (which stalls); the
        // second ends it at once.
        ::kill(run.pid, c.signal);
        REQUIRE(wait_until(
            [&] { return slurp(dir.path / "stderr").find("interrupted") != std::string::npos; }));
        ::kill(run.pid, c.signal);
        CHECK(run.wait() == 128 + c.signal);  // it still dies of the signal
        CHECK(hidden_temporaries(out).empty());
        CHECK(slurp(out / "all.json") == "EARLIER\n");
    }
}

TEST_CASE("Temporary files a killed run left are removed by the next run into the same place",
          "[faults][interrupt]") {
    const TempDir dir;
    write_three(dir.path, "MISBEHAVE-HERE");
    const fs::path out = dir.path / "all.json";
    auto run = start_kpproc({"run", "-q", "--plugin-path", kTestOnlyPlugins.string(), "--chain",
                             "auto ! misbehave(act=sleep) ! json", "-o", out.string(),
                             (dir.path / "a.txt").string(), (dir.path / "b.txt").string()},
                            dir.path / "stderr");
    REQUIRE(wait_for_temporary(dir.path));
    ::kill(run.pid, SIGKILL);  // no handler sees this one
    CHECK(run.wait() == 128 + SIGKILL);
    REQUIRE(hidden_temporaries(dir.path).size() == 1);
    const auto again = kpproc_run({"run", "-q", "-o", out.string(), (dir.path / "a.txt").string()});
    CHECK(again.status == 0);
    CHECK(hidden_temporaries(dir.path).empty());
    CHECK(fs::exists(out));
}

// ---- Defect 10: a plugin that crashes the host leaves a trace and whole records ----------------

TEST_CASE(
    "With --no-isolate a plugin crash names the plugin and the document, exits 3, and leaves "
    "whole records",
    "[faults][crash]") {
    const TempDir dir;
    write_three(dir.path, "MISBEHAVE-HERE");
    for (const char* act : {"segv", "abort"}) {
        INFO(act);
        const auto r = kpproc_run(
            {"run", "--no-isolate", "--plugin-path", kTestOnlyPlugins.string(), "--chain",
             std::string("auto ! misbehave(act=") + act + ") ! json", (dir.path / "a.txt").string(),
             (dir.path / "b.txt").string(), (dir.path / "c.txt").string()});
        CHECK(r.status == 3);
        CHECK_THAT(r.err, Catch::Contains("plugin org.kpproc-tests.processor.misbehave crashed") &&
                              Catch::Contains("while processing " + (dir.path / "b.txt").string()));
        // Standard output holds a.txt's record, whole, and nothing of b.txt's.
        REQUIRE(!r.out.empty());
        CHECK(r.out.back() == '\n');
        std::istringstream lines(r.out);
        std::size_t records = 0;
        for (std::string line; std::getline(lines, line); ++records) {
            CHECK_NOTHROW(kpproc::json::parse(line));
        }
        CHECK(records == 1);
    }
    // Into a file: no temporary file is left, and no half-written file appears.
    const fs::path out = dir.path / "out" / "all.json";
    fs::create_directories(out.parent_path());
    const auto r =
        kpproc_run({"run", "-q", "--no-isolate", "--plugin-path", kTestOnlyPlugins.string(),
                    "--chain", "auto ! misbehave ! json", "-o", out.string(),
                    (dir.path / "a.txt").string(), (dir.path / "b.txt").string()});
    CHECK(r.status == 3);
    CHECK(fs::is_empty(out.parent_path()));
}

// ---- Defect 6: a file name that is not UTF-8 -------------------------------------------------

TEST_CASE(
    "A file name that is not UTF-8 gives well-formed XML and one documented replacement "
    "in every exporter, and a lossless identity",
    "[faults][names]") {
    const TempDir dir;
    const fs::path latin1 = dir.path / "caf\xE9.txt";  // "café" in ISO-8859-1
    fs::copy_file(kSeed, latin1);
    const std::string shown = (dir.path / "caf\xEF\xBF\xBD.txt").string();  // U+FFFD
    const std::string identity = (fs::canonical(dir.path) / "caf%E9.txt").string();

    const auto xml = kpproc_run({"run", "--chain", "auto ! xml", latin1.string()});
    REQUIRE(xml.status == 0);
    pugi::xml_document doc;
    REQUIRE(doc.load_string(xml.out.c_str()));  // well-formed
    const auto source = doc.select_node("/kpproc/document/source").node();
    CHECK(std::string(source.attribute("path").value()) == shown);
    CHECK(std::string(source.attribute("identity").value()) == identity);

    const auto json = kpproc_run({"run", "--chain", "auto ! json", latin1.string()});
    REQUIRE(json.status == 0);
    const auto parsed = kpproc::json::parse(json.out);
    CHECK(source_field(parsed, "path") == shown);
    CHECK(source_field(parsed, "identity") == identity);

    const fs::path tables = dir.path / "tables";
    REQUIRE(kpproc_run({"run", "-q", "--chain", "auto ! csv", "-o", tables.string() + "/",
                        latin1.string()})
                .status == 0);
    CHECK_THAT(slurp(tables / "items.csv"), Catch::Contains("\r\n" + identity + ",1,"));
}

// ---- Defect 7: limits are checked before the input is held -----------------------------------

#if !defined(__SANITIZE_ADDRESS__) && !defined(__has_feature)
#define KPPROC_TESTS_UNDER_ASAN 0
#elif defined(__SANITIZE_ADDRESS__)
#define KPPROC_TESTS_UNDER_ASAN 1
#elif __has_feature(address_sanitizer)
#define KPPROC_TESTS_UNDER_ASAN 1
#else
#define KPPROC_TESTS_UNDER_ASAN 0
#endif

TEST_CASE("An input over the limit is refused without being held in memory", "[faults][limits]") {
    if (KPPROC_TESTS_UNDER_ASAN) {
        WARN("skipped under AddressSanitizer, which needs more address space than the limit");
        return;
    }
    const TempDir dir;
    const fs::path sparse = dir.path / "sparse.txt";
    { std::ofstream(sparse) << ""; }
    fs::resize_file(sparse, 2ull << 30);
    std::ofstream(dir.path / "small.txt") << slurp(kSeed);
    // 512 MiB of address space: holding the 1 GiB limit (or a string doubling past it) fails.
    const std::string limit = "ulimit -v 524288;";
    auto r = kpproc_run({"run", "-q", sparse.string(), (dir.path / "small.txt").string()},
                        "/dev/null", limit);
    CHECK(r.status == 1);
    CHECK_THAT(r.err, Catch::Contains("sparse.txt: larger than the 1 GiB limit"));
    CHECK(kpproc::json::parse(r.out).find("source") != nullptr);  // the other one still ran

    r = kpproc_run({"run", "-q", "--max-input-size", "100M", "-"}, "/dev/zero", limit);
    CHECK(r.status == 1);
    CHECK_THAT(r.err, Catch::Contains("-: larger than the 100 MiB limit"));
    r = kpproc_run({"run", "--max-input-size", "lots", "-"});
    CHECK(r.status == 2);
    CHECK_THAT(r.err, Catch::Contains("--max-input-size expects a size"));
}

// ---- Defect 8: UTF-16 ------------------------------------------------------------------------

namespace {
// `utf8` in UTF-16 with a byte order mark (the test data is valid UTF-8).
std::string utf16(const std::string& utf8, bool little_endian) {
    std::string out = little_endian ? "\xFF\xFE" : "\xFE\xFF";
    const auto unit = [&](char32_t u) {
        const char high = static_cast<char>(u >> 8);
        const char low = static_cast<char>(u & 0xFF);
        out += little_endian ? std::string{low, high} : std::string{high, low};
    };
    for (std::size_t i = 0; i < utf8.size();) {
        const auto b = static_cast<unsigned char>(utf8[i]);
        const std::size_t n = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
        char32_t cp = n == 1 ? b : b & (0x3F >> (n - 1));
        for (std::size_t k = 1; k < n; ++k) {
            cp = (cp << 6) | (static_cast<unsigned char>(utf8[i + k]) & 0x3F);
        }
        i += n;
        if (cp >= 0x10000) {
            unit(0xD800 + ((cp - 0x10000) >> 10));
            unit(0xDC00 + ((cp - 0x10000) & 0x3FF));
        } else {
            unit(cp);
        }
    }
    return out;
}
}  // namespace

TEST_CASE("UTF-16 with a byte order mark is read like UTF-8, and without one the error says so",
          "[faults][encoding]") {
    const TempDir dir;
    const std::string seed = slurp(kSeed);
    const auto utf8 = kpproc::json::parse(kpproc_run({"run", kSeed.string()}).out);
    for (const bool little : {true, false}) {
        INFO((little ? "UTF-16LE" : "UTF-16BE"));
        const fs::path input = dir.path / "minutes-utf16.txt";
        std::ofstream(input, std::ios::binary) << utf16(seed, little);
        const auto r = kpproc_run({"run", input.string()});
        REQUIRE(r.status == 0);
        const auto doc = kpproc::json::parse(r.out);
        CHECK(source_field(doc, "adapter") == source_field(utf8, "adapter"));
        CHECK(doc.find("text")->as_string() == utf8.find("text")->as_string());
        CHECK(doc.find("items")->as_array().size() == utf8.find("items")->as_array().size());
        CHECK_THAT(kpproc::json::serialize(*doc.find("diagnostics")),
                   Catch::Contains(little ? "utf-16le" : "utf-16be"));
        const auto detected = kpproc_run({"detect", input.string()});
        CHECK(detected.status == 0);
        CHECK_THAT(detected.out, Catch::Contains(source_field(doc, "adapter")));
    }
    const fs::path bare = dir.path / "no-bom.txt";
    std::ofstream(bare, std::ios::binary) << utf16(seed, true).substr(2);
    const auto r = kpproc_run({"run", "--chain", "text ! json", bare.string()});
    CHECK(r.status == 1);
    CHECK_THAT(r.err,
               Catch::Contains("UTF-16 without a byte order mark") && !Catch::Contains("binary"));
}

// ---- Defect 1: which document is which ---------------------------------------------------------

TEST_CASE(
    "Identities: a file's resolved path from any directory, standard input's --name or "
    "its content",
    "[faults][identity]") {
    const TempDir dir;
    fs::create_directories(dir.path / "x");
    fs::copy_file(kSeed, dir.path / "x" / "minutes.txt");
    const auto from_x = kpproc_run({"run", "minutes.txt"}, "/dev/null",
                                   "cd " + shell_quote((dir.path / "x").string()) + " &&");
    REQUIRE(from_x.status == 0);
    const auto doc = kpproc::json::parse(from_x.out);
    CHECK(source_field(doc, "path") == "minutes.txt");
    CHECK(source_field(doc, "identity") ==
          (fs::canonical(dir.path) / "x" / "minutes.txt").string());

    auto piped = kpproc::json::parse(kpproc_run({"run", "-"}, kSeed.string()).out);
    const std::string sha = source_field(piped, "sha256");
    CHECK(source_field(piped, "path") == "-");
    CHECK(source_field(piped, "identity") == "stdin:sha256:" + sha);

    piped = kpproc::json::parse(
        kpproc_run({"run", "--name", "panel/2019-06-20.txt", "-"}, kSeed.string()).out);
    CHECK(source_field(piped, "path") == "panel/2019-06-20.txt");
    CHECK(source_field(piped, "identity") == "panel/2019-06-20.txt");

    const auto misuse = kpproc_run({"run", "--name", "n.txt", kSeed.string()});
    CHECK(misuse.status == 2);
    CHECK_THAT(misuse.err, Catch::Contains("--name names standard input"));
}

namespace {

// One value from the database at `path` (a COUNT, a version).
Poco::Int64 sql_number(const fs::path& db, const std::string& query) {
    Poco::Data::SQLite::Connector::registerConnector();
    Poco::Data::Session session(Poco::Data::SQLite::Connector::KEY, db.string());
    Poco::Int64 value = -1;
    session << query, Poco::Data::Keywords::into(value), Poco::Data::Keywords::now;
    return value;
}

}  // namespace

TEST_CASE(
    "SQLite keeps documents apart by source: standard input by content or --name, the same "
    "name from two directories, and a source's new bytes replace it with a note",
    "[faults][identity][sqlite]") {
    const TempDir dir;
    write_three(dir.path, "A third version.");
    const fs::path db = dir.path / "minutes.sqlite";
    const auto into_db = [&](std::vector<std::string> args, const std::string& stdin_file,
                             const std::string& prefix = {}) {
        args.insert(args.begin(), {"run", "--chain", "auto ! sqlite", "-o", db.string()});
        return kpproc_run(args, stdin_file, prefix);
    };
    for (const char* f : {"a.txt", "b.txt", "c.txt"}) {
        REQUIRE(into_db({"-"}, (dir.path / f).string()).status == 0);
    }
    CHECK(sql_number(db, "SELECT COUNT(*) FROM documents") == 3);  // was 1: each replaced the last
    REQUIRE(into_db({"-"}, (dir.path / "a.txt").string()).status == 0);
    CHECK(sql_number(db, "SELECT COUNT(*) FROM documents") == 3);  // the same bytes: no change

    // The same relative name run from two directories: two documents, nothing replaced.
    for (const char* sub : {"x", "y"}) {
        fs::create_directories(dir.path / sub);
    }
    fs::copy_file(dir.path / "a.txt", dir.path / "x" / "minutes.txt");
    fs::copy_file(dir.path / "c.txt", dir.path / "y" / "minutes.txt");
    for (const char* sub : {"x", "y"}) {
        const auto r = into_db({"minutes.txt"}, "/dev/null",
                               "cd " + shell_quote((dir.path / sub).string()) + " &&");
        REQUIRE(r.status == 0);
        CHECK_THAT(r.err, !Catch::Contains("replaced"));
    }
    CHECK(sql_number(db, "SELECT COUNT(*) FROM documents WHERE path = 'minutes.txt'") == 2);

    // A new version of x/minutes.txt, named another way: it replaces its source, and says so.
    fs::copy_file(dir.path / "b.txt", dir.path / "x" / "minutes.txt",
                  fs::copy_options::overwrite_existing);
    auto r = into_db({(dir.path / "x" / "." / "minutes.txt").string()}, "/dev/null");
    REQUIRE(r.status == 0);
    CHECK_THAT(r.err, Catch::Contains("note: ") &&
                          Catch::Contains("replaced the version stored "
                                          "earlier") &&
                          Catch::Contains(": 1 replaced; output in"));
    CHECK(sql_number(db, "SELECT COUNT(*) FROM documents WHERE path LIKE '%minutes.txt'") == 2);
    CHECK(sql_number(db, "SELECT COUNT(*) FROM pragma_foreign_key_check") == 0);

    // Standard input with --name: the second version replaces the first.
    REQUIRE(into_db({"--name", "panel/june.txt", "-"}, (dir.path / "a.txt").string()).status == 0);
    r = into_db({"--name", "panel/june.txt", "-"}, (dir.path / "c.txt").string());
    REQUIRE(r.status == 0);
    CHECK_THAT(r.err, Catch::Contains("panel/june.txt: replaced"));
    CHECK(sql_number(db, "SELECT COUNT(*) FROM documents WHERE source = 'panel/june.txt'") == 1);
    r = into_db({"-q", "--name", "panel/june.txt", "-"}, (dir.path / "b.txt").string());
    CHECK(r.err.empty());  // -q: no notes either
}

TEST_CASE(
    "A database of schema version 1 (keyed by bytes) migrates, keeping every document and "
    "its rows",
    "[faults][identity][sqlite]") {
    const TempDir dir;
    write_three(dir.path, "A third version.");
    const fs::path db = dir.path / "old.sqlite";
    REQUIRE(kpproc_run({"run", "-q", "--chain", "auto ! sqlite", "-o", db.string(),
                        (dir.path / "a.txt").string(), (dir.path / "b.txt").string()})
                .status == 0);
    const Poco::Int64 items = sql_number(db, "SELECT COUNT(*) FROM items");
    REQUIRE(items > 0);
    {
        // Back to version 1: no source column, sha256 unique, actions without owner and due.
        Poco::Data::SQLite::Connector::registerConnector();
        Poco::Data::Session s(Poco::Data::SQLite::Connector::KEY, db.string());
        using Poco::Data::Keywords::now;
        s << "PRAGMA foreign_keys = OFF", now;
        for (const std::string& sql : kpproc::testing::sqlite_schema_back_to_4()) {
            s << sql, now;
        }
        for (const char* sql :
             {"BEGIN",
              "CREATE TABLE documents_v1 (id INTEGER PRIMARY KEY, path TEXT NOT NULL, sha256 TEXT "
              "NOT NULL UNIQUE, adapter TEXT, media_type TEXT, bytes INTEGER NOT NULL, body TEXT, "
              "title TEXT, date TEXT, time TEXT, venue TEXT, contact TEXT, status TEXT, text TEXT "
              "NOT NULL)",
              "INSERT INTO documents_v1 SELECT id, path, sha256, adapter, media_type, bytes, body, "
              "title, date, time, venue, contact, status, text FROM documents",
              "DROP TABLE documents", "ALTER TABLE documents_v1 RENAME TO documents",
              "ALTER TABLE actions DROP COLUMN owner", "ALTER TABLE actions DROP COLUMN due",
              "UPDATE schema_version SET version = 1", "COMMIT"}) {
            s << sql, now;
        }
    }
    REQUIRE(kpproc_run({"run", "-q", "--chain", "auto ! sqlite", "-o", db.string(),
                        (dir.path / "c.txt").string()})
                .status == 0);
    CHECK(sql_number(db, "SELECT version FROM schema_version") == 8);
    CHECK(sql_number(db, "SELECT COUNT(*) FROM documents") == 3);
    CHECK(sql_number(db, "SELECT COUNT(*) FROM documents WHERE source = path AND id <= 2") == 2);
    CHECK(sql_number(db, "SELECT COUNT(*) FROM items WHERE document_id <= 2") == items);
    CHECK(sql_number(db, "SELECT COUNT(*) FROM pragma_foreign_key_check") == 0);
}

// ---- Issue 11: an interrupted batch ends cleanly, and running it again finishes it ------------

namespace {

// `count` small minutes files, each different.
std::vector<std::string> write_many(const fs::path& dir, int count) {
    const std::string seed = slurp(kSeed);
    std::vector<std::string> names;
    for (int i = 0; i < count; ++i) {
        const fs::path file = dir / ("minutes-" + std::to_string(100 + i) + ".txt");
        std::ofstream(file) << seed << "\nNote " << i << ".\n";
        names.push_back(file.string());
    }
    return names;
}

std::vector<std::string> lines_of(const fs::path& file) {
    std::vector<std::string> lines;
    std::istringstream in(slurp(file));
    for (std::string line; std::getline(in, line);) {
        lines.push_back(line);
    }
    return lines;
}

}  // namespace

TEST_CASE("The first SIGINT or SIGTERM finishes the documents in progress, commits and exits 130",
          "[faults][interrupt]") {
    // -j 1 --isolate hands the next document to its worker process before it writes the one
    // before: two documents in progress, as with -j 2.
    const std::vector<std::vector<std::string>> ways{{"-j", "2"}, {"-j", "1", "--isolate"}};
    for (const auto& way : ways) {
        for (const int signal : {SIGINT, SIGTERM}) {
            INFO("signal " << signal << " with " << way.back());
            const TempDir dir;
            fs::create_directories(dir.path / "in");
            write_many(dir.path / "in", 30);
            const fs::path out = dir.path / "all.json";
            std::vector<std::string> args{"run"};
            args.insert(args.end(), way.begin(), way.end());
            for (const std::string& arg :
                 {std::string("--plugin-path"), kTestOnlyPlugins.string(), std::string("--chain"),
                  std::string("auto ! slow(ms=100) ! json"), std::string("-o"), out.string(),
                  (dir.path / "in").string()}) {
                args.push_back(arg);
            }
            auto run = start_kpproc(args, dir.path / "stderr");
            REQUIRE(wait_for_temporary(dir.path));
            std::this_thread::sleep_for(std::chrono::milliseconds(300));
            ::kill(run.pid, signal);
            CHECK(run.wait() == 128 + signal);
            const std::string err = slurp(dir.path / "stderr");
            CHECK_THAT(err,
                       Catch::Contains("kpproc: interrupted: finishing the documents in progress"));
            CHECK_THAT(err, Catch::Contains("interrupted: run the same command again to finish"));
            // What was complete is committed, as whole NDJSON records, in input order.
            CHECK(hidden_temporaries(dir.path).empty());
            const auto lines = lines_of(out);
            CHECK(lines.size() > 0);
            CHECK(lines.size() < 30);
            for (std::size_t i = 0; i < lines.size(); ++i) {
                const auto doc = kpproc::json::parse(lines[i]);
                CHECK_THAT(source_field(doc, "path"),
                           Catch::EndsWith("minutes-" + std::to_string(100 + i) + ".txt"));
            }
        }
    }
}

TEST_CASE("An interrupted sqlite export keeps what it stored, and the same command finishes it",
          "[faults][interrupt][sqlite]") {
    const TempDir dir;
    fs::create_directories(dir.path / "in");
    write_many(dir.path / "in", 30);
    const fs::path db = dir.path / "minutes.sqlite";
    const std::vector<std::string> args{"run",
                                        "--plugin-path",
                                        kTestOnlyPlugins.string(),
                                        "--chain",
                                        "auto ! slow(ms=100) ! sqlite",
                                        "-o",
                                        db.string(),
                                        (dir.path / "in").string()};
    auto run = start_kpproc(args, dir.path / "stderr");
    REQUIRE(wait_until([&] { return fs::exists(db); }));
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    ::kill(run.pid, SIGINT);
    CHECK(run.wait() == 130);
    const auto stored = sql_number(db, "SELECT COUNT(*) FROM documents");
    CHECK(stored < 30);
    CHECK(sql_number(db, "SELECT COUNT(*) FROM search") > 0);
    const auto again = kpproc_run(args);
    CHECK(again.status == 0);
    CHECK(sql_number(db, "SELECT COUNT(*) FROM documents") == 30);
    CHECK_THAT(again.err, Catch::Contains("kpproc: 30 documents done in") &&
                              Catch::Contains(" new, ") &&
                              Catch::Contains(" unchanged; output in"));
}

TEST_CASE(
    "SQLite: a batch into an empty database builds the query indexes at its end, one into a "
    "database with documents keeps them throughout",
    "[faults][sqlite]") {
    const TempDir dir;
    fs::create_directories(dir.path / "first");
    fs::create_directories(dir.path / "second");
    write_many(dir.path / "first", 20);  // 2 s of slow documents: time to look mid-batch
    write_many(dir.path / "second", 20);
    for (const auto& entry : fs::directory_iterator(dir.path / "second")) {
        std::ofstream(entry.path(), std::ios::app) << "A later meeting.\n";  // other bytes
    }
    const fs::path db = dir.path / "minutes.sqlite";
    const auto stored = [&] {
        try {
            return fs::exists(db) ? sql_number(db, "SELECT COUNT(*) FROM documents") : 0;
        } catch (const Poco::Exception&) {
            return Poco::Int64{0};  // no schema yet
        }
    };
    const std::string missing = kpproc::testing::sqlite_missing_indexes_query();
    const auto run_slowly = [&](const std::string& folder, Poco::Int64 stored_before) {
        auto run = start_kpproc(
            {"run", "-q", "-j", "1", "--plugin-path", kTestOnlyPlugins.string(), "--chain",
             "auto ! slow(ms=100) ! sqlite", "-o", db.string(), (dir.path / folder).string()},
            dir.path / "stderr");
        REQUIRE(wait_until([&] { return stored() > stored_before; }));
        const auto lacking = sql_number(db, missing);
        const auto deferred = sql_number(db, "SELECT COUNT(*) FROM deferred_indexes");
        CHECK(run.wait() == 0);
        return std::pair{lacking, deferred};
    };

    // Mid-batch into a new database: the indexes below documents are listed and not there.
    const auto [lacking_first, deferred_first] = run_slowly("first", 0);
    CHECK(lacking_first == deferred_first);
    CHECK(lacking_first == 16);  // all but the four of documents
    CHECK(sql_number(db, missing) == 0);
    CHECK(sql_number(db, "SELECT COUNT(*) FROM deferred_indexes") == 0);
    CHECK(sql_number(db, "SELECT COUNT(*) FROM documents") == 20);

    // Mid-batch into a database with documents: nothing missing at any time.
    const auto [lacking_second, deferred_second] = run_slowly("second", 20);
    CHECK(lacking_second == 0);
    CHECK(deferred_second == 0);
    CHECK(sql_number(db, "SELECT COUNT(*) FROM documents") == 40);
}

TEST_CASE(
    "SQLite: an index that cannot be built at the end of a batch leaves every document stored, "
    "and says so",
    "[faults][sqlite][errors]") {
    const TempDir dir;
    fs::create_directories(dir.path / "in");
    write_many(dir.path / "in", 3);
    const fs::path db = dir.path / "minutes.sqlite";
    const std::vector<std::string> args = {"run",
                                           "-q",
                                           "--chain",
                                           "auto ! entities ! sqlite",
                                           "-o",
                                           db.string(),
                                           (dir.path / "in").string()};
    REQUIRE(kpproc_run(args).status == 0);
    {
        Poco::Data::SQLite::Connector::registerConnector();
        // Emptied again, with an index of the user's own that the documents will break: at
        // most one entity of each type.
        Poco::Data::Session s(Poco::Data::SQLite::Connector::KEY, db.string());
        using Poco::Data::Keywords::now;
        s << "PRAGMA foreign_keys = ON", now;
        s << "DELETE FROM documents", now;
        s << "CREATE UNIQUE INDEX one_of_each_type ON entities(type)", now;
    }
    const auto r = kpproc_run(args);
    CHECK(r.status == 1);
    CHECK_THAT(r.err, Catch::Contains("minutes.sqlite") &&
                          Catch::Contains("building the indexes failed") &&
                          Catch::Contains("UNIQUE") && Catch::Contains("every document is stored"));
    CHECK(sql_number(db, "SELECT COUNT(*) FROM documents") == 3);
    // The database still lists what it lacks: nothing was half-built.
    CHECK(sql_number(db, "SELECT COUNT(*) FROM deferred_indexes") == 17);
    CHECK(sql_number(db, kpproc::testing::sqlite_missing_indexes_query()) == 16);

    // The next batch cannot build them either, and says why before it writes anything.
    const auto again = kpproc_run(args);
    CHECK(again.status == 2);
    CHECK_THAT(again.err, Catch::Contains("minutes.sqlite") &&
                              Catch::Contains("building the indexes an earlier batch left for "
                                              "later (listed in deferred_indexes) failed") &&
                              Catch::Contains("UNIQUE"));

    // The user drops their index from the list: the next batch builds the others.
    Poco::Data::Session(Poco::Data::SQLite::Connector::KEY, db.string())
        << "DELETE FROM deferred_indexes WHERE name = 'one_of_each_type'",
        Poco::Data::Keywords::now;
    CHECK(kpproc_run(args).status == 0);
    CHECK(sql_number(db, kpproc::testing::sqlite_missing_indexes_query()) == 0);
    CHECK(sql_number(db, "SELECT COUNT(*) FROM deferred_indexes") == 0);
}

// ---- Issue 11: --isolate, a faulty plugin costs one document -----------------------------------

namespace {

// write_three()'s files, named as arguments: b.txt carries the misbehaving plugin's marker.
std::vector<std::string> three_inputs(const fs::path& dir) {
    write_three(dir, "MISBEHAVE-HERE");
    return {(dir / "a.txt").string(), (dir / "b.txt").string(), (dir / "c.txt").string()};
}

}  // namespace

TEST_CASE("run --isolate: a crash, hang or runaway allocation costs one document, named with why",
          "[faults][isolate]") {
    const TempDir dir;
    write_three(dir.path, "MISBEHAVE-HERE");
    const std::string a = (dir.path / "a.txt").string();
    const std::string b = (dir.path / "b.txt").string();
    const std::string c = (dir.path / "c.txt").string();
    const auto clean = kpproc_run({"run", "-q", a, c});
    REQUIRE(clean.status == 0);
    struct Case {
        const char* act;
        const char* reason;
        const char* timeout;  // the runaway allocation's is long: on a slow or busy machine
                              // (sanitizers) filling 200 MiB may take over a second
    };
    for (const Case k :
         {Case{"segv", "crashed (SIGSEGV, a bad memory access) while processing", "1"},
          Case{"abort", "crashed (SIGABRT, an abort) while processing", "1"},
          Case{"loop", "took longer than 1 s (--timeout)", "1"},
          Case{"allocate", "used more than 200 MiB (--max-memory)", "60"}}) {
        for (const char* jobs : {"1", "2"}) {
            INFO(k.act << " with -j " << jobs);
            const auto r = kpproc_run(
                {"run", "-q", "--isolate", "--timeout", k.timeout, "--max-memory", "200M", "-j",
                 jobs, "--plugin-path", kTestOnlyPlugins.string(), "--chain",
                 std::string("auto ! misbehave(act=") + k.act + ") ! json", a, b, c});
            CHECK(r.status == 1);
            CHECK_THAT(r.err, Catch::Contains("kpproc: error: " + b) && Catch::Contains(k.reason) &&
                                  Catch::Contains("org.kpproc-tests.processor.misbehave"));
            // The other documents are exactly what a run without the faulty one gives.
            CHECK(r.out == clean.out);
        }
    }
}

TEST_CASE("A plugin printing to standard output cannot corrupt the records, isolated or not",
          "[faults][isolate]") {
    const TempDir dir;
    const std::vector<std::string> inputs = three_inputs(dir.path);
    auto args = std::vector<std::string>{"run", "-q"};
    args.insert(args.end(), inputs.begin(), inputs.end());
    const auto clean = kpproc_run(args);
    REQUIRE(clean.status == 0);
    for (const bool isolate : {false, true}) {
        INFO("isolated: " << isolate);
        std::vector<std::string> run{"run",           "-q",
                                     "--plugin-path", kTestOnlyPlugins.string(),
                                     "--chain",       "auto ! misbehave(act=stdout) ! json"};
        if (isolate) {
            run.push_back("--isolate");
        }
        run.insert(run.end(), inputs.begin(), inputs.end());
        const auto r = kpproc_run(run);
        CHECK(r.status == 0);
        CHECK(r.out == clean.out);
    }
}

TEST_CASE("Plugins from outside kpproc run isolated by default, kpproc's own in-process",
          "[faults][isolate]") {
    const TempDir dir;
    const std::vector<std::string> inputs = three_inputs(dir.path);
    std::vector<std::string> args{"run", "--plugin-path", kTestOnlyPlugins.string(), "--chain",
                                  "auto ! misbehave ! json"};
    args.insert(args.end(), inputs.begin(), inputs.end());
    auto r = kpproc_run(args);
    CHECK(r.status == 1);  // not 3: the crash cost b.txt alone
    CHECK_THAT(r.err, Catch::Contains("kpproc: error: " + inputs[1]) &&
                          Catch::Contains("crashed (SIGSEGV") &&
                          Catch::Contains("kpproc: 2 of 3 documents done in") &&
                          Catch::Contains("; 1 failed"));
    CHECK(std::count(r.out.begin(), r.out.end(), '\n') == 2);

    // The limits need worker processes: with kpproc's own plugins only, they are asked for.
    r = kpproc_run({"run", "--timeout", "5", inputs[0]});
    CHECK(r.status == 2);
    CHECK_THAT(r.err, Catch::Contains("--timeout limits the worker processes of --isolate"));
    r = kpproc_run({"run", "--isolate", "--no-isolate", inputs[0]});
    CHECK(r.status == 2);
    CHECK_THAT(r.err, Catch::Contains("contradict"));
}
