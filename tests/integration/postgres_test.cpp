// kp.exporter.postgres against a real PostgreSQL: the throw-away cluster CTest starts for the
// run (tests/support/postgres_cluster.sh), one new database per test.
#include <libpq-fe.h>
#include <signal.h>
#include <sqlite3.h>
#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <variant>
#include <vector>

#include "kpproc/json.hpp"
#include "kpproc/meeting_rows/prepared_rows.hpp"
#include "sqlite_rows.hpp"
#include "test_support.hpp"

namespace fs = std::filesystem;
using kpproc::testing::slurp;
using kpproc::testing::TempDir;
using Result = kpproc::testing::ProcessResult;
using kpproc::testing::Rows;
using kpproc::testing::sqlite_rows;

namespace {

const fs::path kBinary = KPPROC_BINARY;
const fs::path kTestData = KPPROC_TEST_DATA_DIR;
const fs::path kTestOnlyPlugins = KPPROC_TEST_ONLY_PLUGIN_DIR;

Result run_kpproc(const std::vector<std::string>& args) {
    return kpproc::testing::run_process(kBinary, args);
}

// The cluster's socket directory and superuser, from the state file the fixture wrote.
struct Cluster {
    std::string socket_dir;
    std::string superuser;

    static const Cluster& get() {
        static const Cluster cluster = [] {
            Cluster c;
            std::ifstream state(KPPROC_PG_STATE);
            for (std::string line; std::getline(state, line);) {
                if (line.rfind("SOCKET_DIR=", 0) == 0) {
                    c.socket_dir = line.substr(11);
                } else if (line.rfind("SUPERUSER=", 0) == 0) {
                    c.superuser = line.substr(10);
                }
            }
            if (c.socket_dir.empty()) {
                throw std::runtime_error(std::string("no PostgreSQL cluster: ") + KPPROC_PG_STATE +
                                         " lacks SOCKET_DIR (did the fixture start it?)");
            }
            return c;
        }();
        return cluster;
    }
    std::string conninfo(const std::string& dbname) const {
        return "host=" + socket_dir + " user=" + superuser + " dbname=" + dbname;
    }
};

// Runs SQL and returns its rows as text (NULL as "NULL"), or the error message.
std::variant<Rows, std::string> try_query(const std::string& conninfo, const std::string& sql) {
    PGconn* conn = PQconnectdb(conninfo.c_str());
    if (PQstatus(conn) != CONNECTION_OK) {
        std::string why = PQerrorMessage(conn);
        PQfinish(conn);
        return why;
    }
    PGresult* r = PQexec(conn, sql.c_str());
    const auto status = PQresultStatus(r);
    std::variant<Rows, std::string> result = std::string(PQresultErrorMessage(r));
    if (status == PGRES_TUPLES_OK || status == PGRES_COMMAND_OK) {
        Rows rows;
        for (int i = 0; i < PQntuples(r); ++i) {
            std::vector<std::string> row;
            for (int j = 0; j < PQnfields(r); ++j) {
                row.emplace_back(PQgetisnull(r, i, j) ? "NULL" : PQgetvalue(r, i, j));
            }
            rows.push_back(std::move(row));
        }
        result = std::move(rows);
    }
    PQclear(r);
    PQfinish(conn);
    return result;
}

// The same, failing the test on an error.
Rows query(const std::string& conninfo, const std::string& sql) {
    auto result = try_query(conninfo, sql);
    if (const auto* error = std::get_if<std::string>(&result)) {
        FAIL(sql << ": " << *error);
    }
    return std::get<Rows>(std::move(result));
}

long long number(const std::string& conninfo, const std::string& sql) {
    const Rows rows = query(conninfo, sql);
    REQUIRE(rows.size() == 1);
    return std::stoll(rows[0][0]);
}

// A database of its own for one test, dropped at the end.
class TestDatabase {
public:
    TestDatabase() {
        std::random_device random;
        name_ = "kpproc_test_" + std::to_string(random()) + std::to_string(::getpid());
        query(Cluster::get().conninfo("postgres"), "CREATE DATABASE " + name_);
    }
    ~TestDatabase() {
        PGconn* conn = PQconnectdb(Cluster::get().conninfo("postgres").c_str());
        PQclear(PQexec(conn, ("DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)").c_str()));
        PQfinish(conn);
    }
    TestDatabase(const TestDatabase&) = delete;
    TestDatabase& operator=(const TestDatabase&) = delete;

    std::string conninfo() const { return Cluster::get().conninfo(name_); }
    std::string url() const {
        return "postgresql://" + Cluster::get().superuser + "@/" + name_ +
               "?host=" + Cluster::get().socket_dir;
    }
    long long number(const std::string& sql) const { return ::number(conninfo(), sql); }
    Rows rows(const std::string& sql) const { return query(conninfo(), sql); }

private:
    std::string name_;
};

// What a database holds, without its surrogate ids: per table, its rows as their documents'
// sources and their own columns, sorted. Two databases that hold the same documents give the
// same, whichever ids their writers took.
const std::map<std::string, std::string> kContentQueries = {
    {"documents",
     "SELECT source, sha256, path, body, title, date, time, venue, status FROM documents"},
    {"items",
     "SELECT d.source, i.position, i.number, i.title, i.section FROM items i JOIN documents d ON "
     "d.id = i.document_id"},
    {"paragraphs",
     "SELECT d.source, i.position, p.part, p.position, p.heading, p.text, p.span_begin FROM "
     "paragraphs p JOIN items i ON i.id = p.item_id JOIN documents d ON d.id = i.document_id"},
    {"resolutions",
     "SELECT d.source, i.position, r.position, r.text FROM resolutions r JOIN items i ON i.id = "
     "r.item_id JOIN documents d ON d.id = i.document_id"},
    {"attendance",
     "SELECT d.source, a.name, a.role, a.attendance_group FROM attendance a JOIN documents d ON "
     "d.id = a.document_id"},
    {"entities",
     "SELECT d.source, e.entity, e.type, e.name FROM entities e JOIN documents d ON d.id = "
     "e.document_id"},
    {"speakers",
     "SELECT d.source, s.entity, s.name, s.span_begin FROM speakers s JOIN paragraphs p ON p.id = "
     "s.paragraph_id JOIN items i ON i.id = p.item_id JOIN documents d ON d.id = i.document_id"},
    {"mentions", "SELECT m.text, m.span_begin, m.span_end FROM mentions m"},
    {"pages", "SELECT d.source, p.number FROM pages p JOIN documents d ON d.id = p.document_id"},
};

using Content = std::map<std::string, Rows>;

Content sorted_content(const std::function<Rows(const std::string&)>& rows_of) {
    Content content;
    for (const auto& [table, sql] : kContentQueries) {
        Rows rows = rows_of(sql);
        std::sort(rows.begin(), rows.end());
        content[table] = std::move(rows);
    }
    return content;
}

// `copies` copies of the seeds, each with a line of its own, in folders of a few.
fs::path make_corpus(const fs::path& dir, int copies) {
    const fs::path corpus = dir / "corpus";
    std::vector<fs::path> seeds;
    for (const auto& e : fs::directory_iterator(kTestData / "seeds")) {
        seeds.push_back(e.path());
    }
    std::sort(seeds.begin(), seeds.end());
    for (int c = 0; c < copies; ++c) {
        const fs::path folder = corpus / ("council-" + std::to_string(c % 3));
        fs::create_directories(folder);
        for (const auto& seed : seeds) {
            std::ofstream(folder / (std::to_string(c) + "-" + seed.filename().string()))
                << slurp(seed) << "\nCopy " << c << ".\n";
        }
    }
    return corpus;
}

const std::string kChain = "auto ! entities(link_batch=false) ! postgres";

// Four processes at once, shards 0/4 to 3/4 of `corpus` into `url`: whether each ended well
// (its standard error in `dir` if not).
bool run_four_shards(const std::string& url, const fs::path& corpus, const fs::path& dir) {
    std::vector<kpproc::testing::Background> shards;
    for (int k = 0; k < 4; ++k) {
        shards.push_back(
            kpproc::testing::start_process(kBinary,
                                           {"run", "-q", "--shard", std::to_string(k) + "/4", "-c",
                                            kChain, "-o", url, corpus.string()},
                                           dir / ("shard-" + std::to_string(k) + ".err")));
    }
    bool all_well = true;
    for (int k = 0; k < 4; ++k) {
        const bool well = shards[static_cast<std::size_t>(k)].wait() == 0;
        if (!well) {
            UNSCOPED_INFO(slurp(dir / ("shard-" + std::to_string(k) + ".err")));
        }
        all_well = all_well && well;
    }
    return all_well;
}

}  // namespace

TEST_CASE("PostgreSQL: a batch stores the rows the SQLite export has, and re-runs change nothing",
          "[postgres]") {
    const TempDir dir;
    const TestDatabase db;
    const std::string seeds = (kTestData / "seeds").string();
    const auto first = run_kpproc({"run", "-c", kChain, "-o", db.url(), seeds});
    INFO(first.err);
    REQUIRE(first.status == 0);
    CHECK_THAT(first.err, Catch::Contains("5 documents done") && Catch::Contains("5 new"));
    const fs::path lite = dir.path / "seeds.sqlite";
    REQUIRE(run_kpproc({"run", "-q", "-c", "auto ! entities(link_batch=false) ! sqlite", "-o",
                        lite.string(), seeds})
                .status == 0);

    const Content in_postgres =
        sorted_content([&](const std::string& sql) { return db.rows(sql); });
    const Content in_sqlite =
        sorted_content([&](const std::string& sql) { return sqlite_rows(lite, sql); });
    for (const auto& [table, rows] : in_sqlite) {
        INFO(table);
        CHECK(in_postgres.at(table) == rows);
    }
    CHECK(in_postgres.at("paragraphs").size() > 100);
    CHECK(db.number("SELECT version FROM schema_version") == 1);

    // Full-text search: the generated vectors, through the search_source view.
    CHECK(db.number("SELECT COUNT(*) FROM search_source WHERE search_vector @@ "
                    "websearch_to_tsquery('simple', '\"county lines\"')") >= 3);

    // Again: nothing new, nothing written.
    const auto before = db.rows("SELECT COUNT(*), MAX(id) FROM paragraphs");
    const auto again = run_kpproc({"run", "-c", kChain, "-o", db.url(), seeds});
    CHECK(again.status == 0);
    CHECK_THAT(again.err, Catch::Contains("5 unchanged"));
    CHECK(db.rows("SELECT COUNT(*), MAX(id) FROM paragraphs") == before);
}

TEST_CASE("PostgreSQL: a changed document replaces its rows, and no other document's",
          "[postgres]") {
    const TempDir dir;
    const TestDatabase db;
    const fs::path corpus = make_corpus(dir.path, 2);
    REQUIRE(run_kpproc({"run", "-q", "-c", kChain, "-o", db.url(), corpus.string()}).status == 0);
    const long long paragraphs = db.number("SELECT COUNT(*) FROM paragraphs");
    const fs::path changed = corpus / "council-0" / "0-001_78dbf443e4e88d81.txt";
    REQUIRE(fs::exists(changed));
    std::ofstream(changed, std::ios::app) << "A line added later.\n";

    const auto r = run_kpproc({"run", "-c", kChain, "-o", db.url(), corpus.string()});
    INFO(r.err);
    CHECK(r.status == 0);
    CHECK_THAT(r.err, Catch::Contains("1 replaced") && Catch::Contains("9 unchanged") &&
                          Catch::Contains("replaced the version stored earlier"));
    CHECK(db.number("SELECT COUNT(*) FROM documents") == 10);
    CHECK(db.number("SELECT COUNT(*) FROM paragraphs") >= paragraphs);
    // No row is left without its document.
    CHECK(db.number("SELECT COUNT(*) FROM items i LEFT JOIN documents d ON d.id = i.document_id "
                    "WHERE d.id IS NULL") == 0);
    CHECK(db.number("SELECT COUNT(*) FROM documents WHERE text LIKE '%A line added later.%'") == 1);
}

TEST_CASE("PostgreSQL: four shards at once into one database hold exactly what one run holds",
          "[postgres][shard]") {
    const TempDir dir;
    const fs::path corpus = make_corpus(dir.path, 8);  // 40 documents
    const TestDatabase whole;
    REQUIRE(run_kpproc({"run", "-q", "-c", kChain, "-o", whole.url(), corpus.string()}).status ==
            0);
    const TestDatabase sharded;
    CHECK(run_four_shards(sharded.url(), corpus, dir.path));
    CHECK(sharded.number("SELECT COUNT(*) FROM documents") == 40);
    const Content one = sorted_content([&](const std::string& sql) { return whole.rows(sql); });
    const Content four = sorted_content([&](const std::string& sql) { return sharded.rows(sql); });
    for (const auto& [table, rows] : one) {
        INFO(table);
        CHECK(four.at(table) == rows);
    }
    // And again, all four at once over what they stored: nothing changes.
    const auto count_before = sharded.number("SELECT COUNT(*) + MAX(id) FROM paragraphs");
    CHECK(run_four_shards(sharded.url(), corpus, dir.path));
    CHECK(sharded.number("SELECT COUNT(*) + MAX(id) FROM paragraphs") == count_before);
}

TEST_CASE("PostgreSQL: writers given the same documents at once store each once", "[postgres]") {
    const TempDir dir;
    const fs::path corpus = make_corpus(dir.path, 4);
    const TestDatabase db;
    std::vector<kpproc::testing::Background> writers;
    for (int w = 0; w < 3; ++w) {
        writers.push_back(kpproc::testing::start_process(
            kBinary, {"run", "-q", "-c", kChain, "-o", db.url(), corpus.string()},
            dir.path / ("writer-" + std::to_string(w) + ".err")));
    }
    for (std::size_t w = 0; w < writers.size(); ++w) {
        INFO(slurp(dir.path / ("writer-" + std::to_string(w) + ".err")));
        CHECK(writers[w].wait() == 0);
    }
    CHECK(db.number("SELECT COUNT(*) FROM documents") == 20);
    CHECK(db.number("SELECT COUNT(DISTINCT source) FROM documents") == 20);
    // Each document's rows once: as many items as a single writer stores.
    const TestDatabase single;
    REQUIRE(run_kpproc({"run", "-q", "-c", kChain, "-o", single.url(), corpus.string()}).status ==
            0);
    CHECK(db.number("SELECT COUNT(*) FROM items") == single.number("SELECT COUNT(*) FROM items"));
    CHECK(db.number("SELECT COUNT(*) FROM paragraphs") ==
          single.number("SELECT COUNT(*) FROM paragraphs"));
}

TEST_CASE(
    "PostgreSQL: a writer killed mid-batch leaves whole documents only, and a re-run "
    "finishes",
    "[postgres][crash]") {
    const TempDir dir;
    const fs::path corpus = make_corpus(dir.path, 6);  // 30 documents
    const TestDatabase complete;
    REQUIRE(
        run_kpproc({"run", "-q", "-c", "auto ! postgres", "-o", complete.url(), corpus.string()})
            .status == 0);
    const TestDatabase db;
    auto writer = kpproc::testing::start_process(
        kBinary,
        {"run", "-q", "--plugin-path", kTestOnlyPlugins.string(), "-c",
         "auto ! slow(ms=60) ! postgres", "-o", db.url(), corpus.string()},
        dir.path / "killed.err");
    const auto stored = [&] {  // 0 until the schema is there
        const auto result = try_query(db.conninfo(), "SELECT COUNT(*) FROM documents");
        const auto* rows = std::get_if<Rows>(&result);
        return rows != nullptr ? std::stoll(rows->at(0).at(0)) : 0LL;
    };
    for (int i = 0; i < 1000 && stored() < 3; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    ::kill(writer.pid, SIGKILL);
    CHECK(writer.wait() == 128 + SIGKILL);
    const long long kept = db.number("SELECT COUNT(*) FROM documents");
    CHECK(kept >= 3);
    CHECK(kept < 30);
    // Every document there has all its rows: as many as the complete run gave it.
    const std::string per_document =
        "SELECT d.source, (SELECT COUNT(*) FROM items i WHERE i.document_id = d.id), (SELECT "
        "COUNT(*) FROM paragraphs p JOIN items i ON i.id = p.item_id WHERE i.document_id = d.id) "
        "FROM documents d ORDER BY d.source";
    const Rows partial = db.rows(per_document);
    const Rows full = complete.rows(per_document);
    for (const auto& row : partial) {
        INFO(row[0]);
        CHECK(std::find(full.begin(), full.end(), row) != full.end());
    }
    const auto again =
        run_kpproc({"run", "-c", "auto ! postgres", "-o", db.url(), corpus.string()});
    CHECK(again.status == 0);
    CHECK_THAT(again.err, Catch::Contains(std::to_string(kept) + " unchanged"));
    CHECK(db.rows(per_document) == full);
}

TEST_CASE(
    "PostgreSQL: a bad address or password is a setup error naming the server, never the "
    "password",
    "[postgres][errors]") {
    const std::string seed = (kTestData / "seeds/001_78dbf443e4e88d81.txt").string();
    const std::string socket = Cluster::get().socket_dir;
    const std::string secret = "wrong-secret-5678";
    const auto wrong = run_kpproc(
        {"run", "-c", "auto ! postgres", "-o",
         "postgresql://kpproc_secret:" + secret + "@/kpproc_secret?host=" + socket, seed});
    CHECK(wrong.status == 2);
    CHECK_THAT(wrong.err, Catch::Contains("password authentication failed") &&
                              Catch::Contains("kpproc_secret") && Catch::Contains(socket));
    CHECK(wrong.err.find(secret) == std::string::npos);
    CHECK(wrong.out.empty());

    // The right password, in a key=value string: the summary names the database without it.
    const std::string right = "right-password-1234";
    const auto ok = run_kpproc(
        {"run", "-c", "auto ! postgres", "-o",
         "host=" + socket + " user=kpproc_secret password=" + right + " dbname=kpproc_secret",
         seed});
    INFO(ok.err);
    CHECK(ok.status == 0);
    CHECK(ok.err.find(right) == std::string::npos);
    CHECK_THAT(ok.err, Catch::Contains("password=***"));
    const auto in_url = run_kpproc(
        {"run", "-c", "auto ! postgres", "-o",
         "postgresql://kpproc_secret:" + right + "@/kpproc_secret?host=" + socket, seed});
    CHECK(in_url.status == 0);
    CHECK(in_url.err.find(right) == std::string::npos);
    CHECK_THAT(in_url.err, Catch::Contains("postgresql://kpproc_secret:***@"));

    // No server there at all.
    const TempDir empty;
    const auto nowhere = run_kpproc(
        {"run", "-c", "auto ! postgres", "-o", "host=" + empty.path.string() + " dbname=x", seed});
    CHECK(nowhere.status == 2);
    CHECK_THAT(nowhere.err,
               Catch::Contains("cannot connect to") && Catch::Contains(empty.path.string()));
    // Not a connection string at all.
    const auto garbled = run_kpproc(
        {"run", "-c", "auto ! postgres", "-o", "postgresql://u:" + secret + "@[oops", seed});
    CHECK(garbled.status == 2);
    CHECK_THAT(garbled.err, Catch::Contains("-o is not a PostgreSQL connection string"));
    CHECK(garbled.err.find(secret) == std::string::npos);
    const auto a_file = run_kpproc({"run", "-c", "auto ! postgres", "-o", "minutes.db", seed});
    CHECK(a_file.status == 2);
    CHECK_THAT(a_file.err,
               Catch::Contains("-o is not a PostgreSQL connection string") &&
                   Catch::Contains("give postgresql://USER@HOST/DATABASE or 'host=HOST"));
    // Standard output is no database.
    const auto to_stdout = run_kpproc({"run", "-c", "auto ! postgres", seed});
    CHECK(to_stdout.status == 2);
    CHECK_THAT(to_stdout.err, Catch::Contains("give -o PATH"));
}

TEST_CASE("PostgreSQL and SQLite: one schema, checked table by table against the rows both write",
          "[postgres][schema]") {
    const TempDir dir;
    const TestDatabase db;
    const std::string seed = (kTestData / "seeds/001_78dbf443e4e88d81.txt").string();
    REQUIRE(run_kpproc({"run", "-q", "-c", "auto ! postgres", "-o", db.url(), seed}).status == 0);
    const fs::path lite = dir.path / "one.sqlite";
    REQUIRE(run_kpproc({"run", "-q", "-c", "auto ! sqlite", "-o", lite.string(), seed}).status ==
            0);

    for (const auto& spec : kp_rows::table_specs()) {
        const std::string table = spec.name;
        if (table == "search") {
            continue;  // FTS5 there, tsvector columns here: each engine's own
        }
        INFO(table);
        // Columns, in order, with whether they may be null (PostgreSQL's generated search
        // vectors aside).
        Rows pg = db.rows(
            "SELECT column_name, is_nullable FROM information_schema.columns WHERE "
            "table_name = '" +
            table +
            "' AND column_name <> 'search_vector' ORDER "
            "BY ordinal_position");
        Rows lt = sqlite_rows(lite,
                              "SELECT name, CASE WHEN \"notnull\" OR pk = 1 THEN 'NO' ELSE "
                              "'YES' END FROM pragma_table_info('" +
                                  table + "') ORDER BY cid");
        CHECK(pg == lt);
        std::vector<std::string> written;
        for (const auto& row : pg) {
            written.push_back(row[0]);
        }
        CHECK(written == std::vector<std::string>(spec.columns.begin(), spec.columns.end()));
        // Foreign keys: which column refers to which table, and what a delete does.
        Rows pg_keys = db.rows(
            "SELECT kcu.column_name, ccu.table_name, lower(rc.delete_rule) FROM "
            "information_schema.referential_constraints rc JOIN "
            "information_schema.key_column_usage kcu ON kcu.constraint_name = rc.constraint_name "
            "JOIN information_schema.constraint_column_usage ccu ON ccu.constraint_name = "
            "rc.constraint_name WHERE kcu.table_name = '" +
            table + "' ORDER BY 1");
        Rows lt_keys = sqlite_rows(lite,
                                   "SELECT \"from\", \"table\", lower(on_delete) FROM "
                                   "pragma_foreign_key_list('" +
                                       table + "') ORDER BY 1");
        CHECK(pg_keys == lt_keys);
        // Indexes by name (the primary keys' and full-text ones aside).
        Rows pg_indexes = db.rows("SELECT indexname FROM pg_indexes WHERE tablename = '" + table +
                                  "' AND indexname NOT LIKE '%_pkey' AND indexname NOT LIKE "
                                  "'%_key' AND indexname NOT LIKE '%_search' ORDER BY 1");
        Rows lt_indexes = sqlite_rows(lite,
                                      "SELECT name FROM sqlite_schema WHERE type = 'index' "
                                      "AND tbl_name = '" +
                                          table +
                                          "' AND sql IS NOT NULL "
                                          "ORDER BY 1");
        CHECK(pg_indexes == lt_indexes);
    }
    // The views both offer.
    CHECK(db.number("SELECT COUNT(*) FROM information_schema.views WHERE table_name IN "
                    "('mentions', 'search_source')") == 2);
}

TEST_CASE("kpproc search: a postgresql:// DATABASE gives the hits the SQLite one gives",
          "[postgres][search]") {
    const TempDir dir;
    const TestDatabase db;
    const std::string seeds = (kTestData / "seeds").string();
    const std::string chain = "auto ! entities";
    REQUIRE(run_kpproc({"run", "-q", "-c", chain + " ! postgres", "-o", db.url(), seeds}).status ==
            0);
    const fs::path lite = dir.path / "seeds.sqlite";
    REQUIRE(
        run_kpproc({"run", "-q", "-c", chain + " ! sqlite", "-o", lite.string(), seeds}).status ==
        0);
    // Each hit without its snippet (the engines cut and mark text each in their own way),
    // sorted (they rank alike but not identically).
    const auto hits = [](const std::string& json) {
        std::vector<std::string> found;
        const auto list = kpproc::json::parse(json);
        for (const auto& hit : list.as_array()) {
            std::string fields;
            for (const char* key : {"kind", "document", "body", "date", "item_number", "item_title",
                                    "speaker", "page"}) {
                const auto* v = hit.find(key);
                fields += std::string(key) + "=" +
                          (v == nullptr || v->is_null() ? "null"
                           : v->is_string()             ? v->as_string()
                                                        : std::to_string(v->as_int())) +
                          "; ";
            }
            found.push_back(fields);
        }
        std::sort(found.begin(), found.end());
        return found;
    };
    const std::vector<std::vector<std::string>> searches = {
        {"\"county lines\""},
        {"Commissioner", "--person", "Scott"},
        {"report", "--type", "resolution"},
        {"police", "--body", "kent", "--from", "2023-01-01", "--to", "2023-12-31"},
        {"budget", "--type", "question"},
    };
    std::size_t total = 0;
    for (const auto& search : searches) {
        INFO(search[0] << (search.size() > 1 ? " " + search[1] : ""));
        std::vector<std::string> pg_args = {"search", db.url()};
        std::vector<std::string> lite_args = {"search", lite.string()};
        for (const auto& a : search) {
            pg_args.push_back(a);
            lite_args.push_back(a);
        }
        for (auto* args : {&pg_args, &lite_args}) {
            args->insert(args->end(), {"--limit", "500", "--json"});
        }
        const auto in_postgres = run_kpproc(pg_args);
        const auto in_sqlite = run_kpproc(lite_args);
        INFO(in_postgres.err);
        CHECK(in_postgres.status == in_sqlite.status);
        const auto found = hits(in_postgres.out);
        CHECK(found == hits(in_sqlite.out));
        total += found.size();
    }
    CHECK(total > 20);  // the comparisons compared something
    // The text output is laid out alike.
    const auto text = run_kpproc({"search", db.url(), "\"county lines\"", "--limit", "1"});
    CHECK(text.status == 0);
    CHECK_THAT(text.out,
               Catch::Contains("Kent and Medway Police and Crime Panel, 2023-10-17 — item "));

    // A database that is not the exporter's, or not there: exit 2, named.
    const TestDatabase empty;
    const auto not_ours = run_kpproc({"search", empty.url(), "x"});
    CHECK(not_ours.status == 2);
    CHECK_THAT(not_ours.err, Catch::Contains("not a database written by the postgres exporter"));
}

TEST_CASE(
    "kpproc link over PostgreSQL: four shards linked afterwards hold the people of one "
    "batch, and linking again changes nothing",
    "[postgres][link]") {
    const TempDir dir;
    const fs::path corpus = make_corpus(dir.path, 4);
    const TestDatabase whole;
    REQUIRE(run_kpproc({"run", "-q", "-c", "auto ! entities ! postgres", "-o", whole.url(),
                        corpus.string()})
                .status == 0);
    const TestDatabase sharded;
    CHECK(run_four_shards(sharded.url(), corpus, dir.path));
    // Each entity and speaker, ids and notes included ("batch" and "archive" made alike).
    const std::string people =
        "SELECT d.source, e.entity, e.type, e.name, replace(e.attributes::text, 'archive', "
        "'batch') FROM entities e JOIN documents d ON d.id = e.document_id UNION ALL SELECT "
        "d.source, s.entity, 'speaker', p.position || '/' || p.part, s.name FROM speakers s JOIN "
        "paragraphs p ON p.id = s.paragraph_id JOIN items i ON i.id = p.item_id JOIN documents d "
        "ON d.id = i.document_id ORDER BY 1, 2, 3, 4, 5";
    REQUIRE(whole.number("SELECT COUNT(*) FROM entities WHERE attributes ->> 'linked_by' = "
                         "'batch'") >= 2);
    CHECK(sharded.rows(people) != whole.rows(people));
    const auto linked = run_kpproc({"link", sharded.url()});
    INFO(linked.err);
    CHECK(linked.status == 0);
    CHECK_THAT(linked.err, Catch::Contains("kpproc link: 20 documents; "));
    CHECK(sharded.rows(people) == whole.rows(people));
    const auto records = sharded.rows("SELECT * FROM entity_links ORDER BY 1");
    CHECK(run_kpproc({"link", "-q", sharded.url()}).status == 0);
    CHECK(sharded.rows(people) == whole.rows(people));
    CHECK(sharded.rows("SELECT * FROM entity_links ORDER BY 1") == records);
}

TEST_CASE("PostgreSQL: a database from a newer kpproc is refused, untouched",
          "[postgres][errors]") {
    const TestDatabase db;
    const std::string seed = (kTestData / "seeds/001_78dbf443e4e88d81.txt").string();
    REQUIRE(run_kpproc({"run", "-q", "-c", "auto ! postgres", "-o", db.url(), seed}).status == 0);
    db.rows("UPDATE schema_version SET version = 99");
    const auto before = db.rows("SELECT COUNT(*), MAX(id) FROM documents");
    const auto r = run_kpproc(
        {"run", "-c", "auto ! postgres", "-o", db.url(), (kTestData / "seeds").string()});
    CHECK(r.status == 2);
    CHECK_THAT(r.err, Catch::Contains("schema version 99, newer than this exporter's 1"));
    CHECK(db.rows("SELECT COUNT(*), MAX(id) FROM documents") == before);
}

TEST_CASE(
    "PostgreSQL: a document the database refuses fails alone, and its group's others are "
    "stored",
    "[postgres][errors]") {
    // A NUL byte is the one thing PostgreSQL's text cannot hold; kpproc's adapters never give
    // one, so a test plugin's document does: the exporter's COPY of its group fails, and the
    // group is written again one document at a time.
    const TempDir dir;
    const TestDatabase db;
    for (const char* name : {"a.txt", "b.txt", "c.txt"}) {
        std::ofstream(dir.path / name) << "Minutes of " << name << ".\n\nThe panel met.\n";
    }
    const auto r = run_kpproc({"run", "--no-isolate", "--plugin-path", kTestOnlyPlugins.string(),
                               "-c", "text ! misbehave(act=nul, marker=b.txt) ! postgres", "-o",
                               db.url(), dir.path.string()});
    INFO(r.err);
    CHECK(r.status == 1);
    CHECK_THAT(r.err, Catch::Contains("b.txt was not stored"));
    CHECK(db.number("SELECT COUNT(*) FROM documents") == 2);
    CHECK(db.number("SELECT COUNT(*) FROM documents WHERE path LIKE '%b.txt'") == 0);
}

TEST_CASE("PostgreSQL: libpq is loaded only by a run that exports to PostgreSQL", "[postgres]") {
    // The dynamic linker says which libraries it loads (LD_DEBUG=files, on standard error).
    const TestDatabase db;
    const std::string seed = (kTestData / "seeds/001_78dbf443e4e88d81.txt").string();
    const auto json = kpproc::testing::run_process(
        kBinary, {"run", "--no-isolate", "-q", "-c", "auto ! json", "-o", "/dev/null", seed},
        "/dev/null", "LD_DEBUG=files");
    REQUIRE(json.status == 0);
    CHECK(json.err.find("kp-exporter-postgres.so") != std::string::npos);  // to describe it
    CHECK(json.err.find("kp-postgres-writer.so") == std::string::npos);
    CHECK(json.err.find("libpq") == std::string::npos);
    const auto postgres = kpproc::testing::run_process(
        kBinary, {"run", "--no-isolate", "-q", "-c", "auto ! postgres", "-o", db.url(), seed},
        "/dev/null", "LD_DEBUG=files");
    REQUIRE(postgres.status == 0);
    CHECK(postgres.err.find("kp-postgres-writer.so") != std::string::npos);
    CHECK(postgres.err.find("libpq") != std::string::npos);
}

TEST_CASE(
    "PostgreSQL: a plugin copied without its writer library fails the batch clearly, "
    "before reading any document",
    "[postgres][errors]") {
    const TempDir dir;
    for (const char* plugin : {"kp-exporter-postgres.so", "kp-adapter-text.so"}) {
        fs::copy_file(fs::path(KPPROC_TEST_PLUGIN_DIR) / plugin, dir.path / plugin);
    }
    const std::string seed = (kTestData / "seeds/001_78dbf443e4e88d81.txt").string();
    // Listed with its options, as any plugin: describing it needs no writer.
    const auto inspect = run_kpproc({"--plugin-path", dir.path.string(), "inspect", "postgres"});
    INFO(inspect.out << inspect.err);
    CHECK(inspect.status == 0);
    CHECK_THAT(inspect.out, Catch::Contains("timeout"));
    const auto r = run_kpproc({"--plugin-path", dir.path.string(), "run", "-c", "text ! postgres",
                               "-o", "dbname=kpproc_never_reached", seed});
    INFO(r.err);
    CHECK(r.status == 2);
    CHECK_THAT(r.err, Catch::Contains("cannot load the PostgreSQL writer " +
                                      (dir.path / "postgres" / "kp-postgres-writer.so").string()));
    // An option out of range is still refused when the chain is set up, without the writer.
    const auto bad = run_kpproc({"--plugin-path", dir.path.string(), "run", "-c",
                                 "text ! postgres(timeout=-1)", "-o", "dbname=x", seed});
    CHECK(bad.status == 2);
    CHECK_THAT(bad.err, Catch::Contains("timeout must be from 0 to 86400 seconds"));
}
