// kp.exporter.sqlite against other writers, run as separate kpproc processes the way users run
// them: concurrent batches into one database, a batch meeting another connection's write lock,
// and output paths that cannot be opened as a database. Time bounds here only rule out a stall
// (Poco's 60-second default): they are generous, for a loaded machine and the sanitizers.

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>
#include <catch2/catch.hpp>

#include <Poco/Data/SQLite/Connector.h>
#include <Poco/Data/Session.h>
#include <Poco/Exception.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "sqlite_schema_history.hpp"
#include "test_support.hpp"

extern char** environ;

namespace fs = std::filesystem;
using kpproc::testing::slurp;
using kpproc::testing::TempDir;
using Poco::Data::Keywords::into;
using Poco::Data::Keywords::now;
using Clock = std::chrono::steady_clock;

namespace {

const fs::path kBinary = KPPROC_BINARY;
const fs::path kSeed = fs::path(KPPROC_TEST_DATA_DIR) / "seeds/004_4794919378d12ec7.txt";

// Far below the 60 s a stall would take, far above what a loaded machine needs.
constexpr double kNoStallSeconds = 30;

struct Finished {
    int status = -1;
    std::string out;
    std::string err;
    double seconds = 0;
};

// A kpproc process running in the background; its output goes to `name`.out and `name`.err.
class Kpproc {
public:
    Kpproc(const std::vector<std::string>& args, const fs::path& name)
        : out_file_(name.string() + ".out"),
          err_file_(name.string() + ".err"),
          started_(Clock::now()) {
        std::vector<std::string> argv_text = {kBinary.string()};
        argv_text.insert(argv_text.end(), args.begin(), args.end());
        std::vector<char*> argv;
        for (auto& a : argv_text) {
            argv.push_back(a.data());
        }
        argv.push_back(nullptr);
        posix_spawn_file_actions_t files;
        posix_spawn_file_actions_init(&files);
        posix_spawn_file_actions_addopen(&files, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
        posix_spawn_file_actions_addopen(&files, STDOUT_FILENO, out_file_.c_str(),
                                         O_WRONLY | O_CREAT | O_TRUNC, 0644);
        posix_spawn_file_actions_addopen(&files, STDERR_FILENO, err_file_.c_str(),
                                         O_WRONLY | O_CREAT | O_TRUNC, 0644);
        const int failed = posix_spawn(&pid_, argv[0], &files, nullptr, argv.data(), environ);
        posix_spawn_file_actions_destroy(&files);
        REQUIRE(failed == 0);
    }
    Kpproc(const Kpproc&) = delete;
    Kpproc& operator=(const Kpproc&) = delete;
    Kpproc(Kpproc&& other) noexcept
        : out_file_(std::move(other.out_file_)),
          err_file_(std::move(other.err_file_)),
          started_(other.started_),
          pid_(other.pid_) {
        other.pid_ = -1;
    }
    ~Kpproc() {
        if (pid_ > 0) {
            ::waitpid(pid_, nullptr, 0);  // never leave a child behind, even when a check threw
        }
    }

    // Sends `sig` to the process (SIGKILL: a crash, or a machine that stops).
    void signal(int sig) { REQUIRE(::kill(pid_, sig) == 0); }

    Finished wait() {
        int raw = 0;
        REQUIRE(::waitpid(pid_, &raw, 0) == pid_);
        pid_ = -1;
        Finished f;
        f.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : 128 + WTERMSIG(raw);
        f.out = slurp(out_file_);
        f.err = slurp(err_file_);
        f.seconds = std::chrono::duration<double>(Clock::now() - started_).count();
        return f;
    }

private:
    fs::path out_file_;
    fs::path err_file_;
    Clock::time_point started_;
    pid_t pid_ = -1;
};

Finished run_kpproc(const std::vector<std::string>& args, const fs::path& scratch) {
    return Kpproc(args, scratch / "kpproc").wait();
}

// Writes `count` small documents into `dir`: copies of one seed that differ in their last line,
// so each has its own content (and sha256, the exporter's key).
void make_documents(const fs::path& dir, int first, int count) {
    const std::string seed = slurp(kSeed);
    fs::create_directories(dir);
    for (int n = first; n < first + count; ++n) {
        std::ofstream(dir / ("copy-" + std::to_string(n) + ".txt"), std::ios::binary)
            << seed << "\nCopy " << n << " of the seed, for the locking tests.\n";
    }
}

Poco::Data::Session open_database(const fs::path& db) {
    Poco::Data::SQLite::Connector::registerConnector();
    return Poco::Data::Session(Poco::Data::SQLite::Connector::KEY, db.string());
}

Poco::Int64 count(const fs::path& db, const std::string& sql) {
    Poco::Data::Session s = open_database(db);
    Poco::Int64 n = -1;
    s << sql, into(n), now;
    return n;
}

// A database with the schema and one document in it, as an earlier batch leaves it.
fs::path prepared_database(const TempDir& dir) {
    const fs::path db = dir.path / "shared.sqlite";
    const auto first = run_kpproc(
        {"run", "-q", "--chain", "auto ! sqlite", "-o", db.string(), kSeed.string()}, dir.path);
    REQUIRE(first.status == 0);
    REQUIRE(count(db, "SELECT COUNT(*) FROM documents") == 1);
    return db;
}

// Another connection's write transaction, holding the write lock as a second writer would.
class WriteLock {
public:
    explicit WriteLock(const fs::path& db) : session_(open_database(db)) {
        session_ << "BEGIN IMMEDIATE", now;
    }
    void release() { session_ << "COMMIT", now; }

private:
    Poco::Data::Session session_;
};

}  // namespace

TEST_CASE("SQLite locking: concurrent batches into one new database store every document",
          "[sqlite][locking]") {
    const TempDir dir;
    const fs::path db = dir.path / "same.sqlite";
    constexpr int kWriters = 3;
    constexpr int kEach = 120;
    std::vector<Kpproc> writers;
    writers.reserve(kWriters);
    const auto inputs_of = [&](int w) { return dir.path / ("in-" + std::to_string(w)); };
    for (int w = 0; w < kWriters; ++w) {
        make_documents(inputs_of(w), w * kEach, kEach);
    }
    // All started together on a file that does not exist yet, so each finds no schema.
    for (int w = 0; w < kWriters; ++w) {
        writers.emplace_back(std::vector<std::string>{"run", "-q", "--chain", "auto ! sqlite", "-o",
                                                      db.string(), inputs_of(w).string()},
                             dir.path / ("writer-" + std::to_string(w)));
    }
    for (auto& writer : writers) {
        const auto finished = writer.wait();
        INFO(finished.err);
        CHECK(finished.status == 0);
        CHECK(finished.err.empty());
    }
    CHECK(count(db, "SELECT COUNT(*) FROM documents") == kWriters * kEach);
    CHECK(count(db, "SELECT COUNT(DISTINCT path) FROM documents") == kWriters * kEach);
    CHECK(count(db, "SELECT version FROM schema_version") == 8);
    CHECK(count(db, "SELECT COUNT(*) FROM schema_version") == 1);  // migrated once, not twice
    CHECK(count(db, "SELECT COUNT(*) FROM pragma_foreign_key_check") == 0);
    // Every document's rows are complete: each copy has the same number of items and of
    // search rows as the others, and some of each.
    for (const std::string table : {"items", "search"}) {
        INFO(table);
        const std::string per_document =
            "SELECT COUNT(t.document_id) AS n FROM documents d "
            "LEFT JOIN " +
            table +
            " t ON t.document_id = d.id "
            "GROUP BY d.id";
        CHECK(count(db, "SELECT COUNT(DISTINCT n) FROM (" + per_document + ")") == 1);
        CHECK(count(db, "SELECT MIN(n) FROM (" + per_document + ")") > 0);
    }
}

TEST_CASE("SQLite locking: a batch waits for another writer's lock and stores every document",
          "[sqlite][locking]") {
    const TempDir dir;
    const fs::path db = prepared_database(dir);
    make_documents(dir.path / "in", 0, 20);
    WriteLock lock(db);
    // The lock is let go after 2 s, while the batch is (most likely) waiting for it.
    std::thread releaser([&lock] {
        std::this_thread::sleep_for(std::chrono::seconds(2));
        lock.release();
    });
    const auto finished = run_kpproc(
        {"run", "-q", "--chain", "auto ! sqlite", "-o", db.string(), (dir.path / "in").string()},
        dir.path);
    releaser.join();
    INFO(finished.err);
    CHECK(finished.status == 0);
    CHECK(count(db, "SELECT COUNT(*) FROM documents") == 21);
    CHECK(finished.seconds < kNoStallSeconds);
}

TEST_CASE("SQLite locking: a lock held past the timeout fails the documents clearly, untouched",
          "[sqlite][locking][errors]") {
    const TempDir dir;
    const fs::path db = prepared_database(dir);
    make_documents(dir.path / "in", 0, 3);
    const auto rows_before = count(db, "SELECT COUNT(*) FROM search");
    WriteLock lock(db);  // held until the batch has ended: longer than any timeout
    const auto finished = run_kpproc({"run", "-q", "--chain", "auto ! sqlite(timeout=1)", "-o",
                                      db.string(), (dir.path / "in").string()},
                                     dir.path);
    lock.release();
    INFO(finished.err);
    CHECK(finished.status == 1);
    CHECK_THAT(finished.err,
               Catch::Contains(db.string()) && Catch::Contains("locked by another writer for 1 s"));
    for (int n = 0; n < 3; ++n) {
        CHECK_THAT(finished.err, Catch::Contains("copy-" + std::to_string(n) + ".txt"));
    }
    CHECK(finished.seconds < kNoStallSeconds);
    CHECK(count(db, "SELECT COUNT(*) FROM documents") == 1);
    CHECK(count(db, "SELECT COUNT(*) FROM search") == rows_before);
}

TEST_CASE("SQLite locking: a lock that is never let go ends the batch after one timeout",
          "[sqlite][locking][errors]") {
    const TempDir dir;
    const fs::path db = prepared_database(dir);
    make_documents(dir.path / "in", 0, 4);
    WriteLock lock(db);
    // Waiting the whole 10 s for each document would take 40 s; after the first has waited,
    // the others wait about a second each.
    const auto finished = run_kpproc({"run", "-q", "--chain", "auto ! sqlite(timeout=10)", "-o",
                                      db.string(), (dir.path / "in").string()},
                                     dir.path);
    lock.release();
    INFO(finished.err);
    CHECK(finished.status == 1);
    CHECK(finished.seconds >= 10);
    CHECK(finished.seconds < kNoStallSeconds);
    CHECK(count(db, "SELECT COUNT(*) FROM documents") == 1);
    // Once the lock is free again, the same documents go in.
    const auto again = run_kpproc({"run", "-q", "--chain", "auto ! sqlite(timeout=10)", "-o",
                                   db.string(), (dir.path / "in").string()},
                                  dir.path);
    CHECK(again.status == 0);
    CHECK(count(db, "SELECT COUNT(*) FROM documents") == 5);
}

TEST_CASE("SQLite locking: the timeout option is declared, documented and checked",
          "[sqlite][locking][errors]") {
    const TempDir dir;
    const auto inspect = run_kpproc({"inspect", "sqlite"}, dir.path);
    CHECK(inspect.status == 0);
    CHECK_THAT(inspect.out, Catch::Contains("timeout") && Catch::Contains("60"));
    const auto bad = run_kpproc({"run", "-q", "--chain", "auto ! sqlite(timeout=-1)", "-o",
                                 (dir.path / "db.sqlite").string(), kSeed.string()},
                                dir.path);
    CHECK(bad.status == 2);
    CHECK_THAT(bad.err, Catch::Contains("timeout"));
    CHECK_FALSE(fs::exists(dir.path / "db.sqlite"));
}

TEST_CASE("SQLite locking: a database that cannot be opened fails at once, naming the path",
          "[sqlite][locking][errors]") {
    const TempDir dir;
    fs::create_directories(dir.path / "existing");
    std::ofstream(dir.path / "blocker") << "a file, not a directory\n";
    const std::vector<fs::path> unopenable = {
        dir.path / "newdir/",            // names a directory (-o DIR/)
        dir.path / "existing",           // an existing directory
        dir.path / "blocker/db.sqlite",  // under a regular file
        "/proc/kpproc-test/db.sqlite",   // a place nobody can write, root included
        "/proc/kpproc-test.sqlite",
    };
    for (const auto& target : unopenable) {
        INFO(target.string());
        const auto r = run_kpproc(
            {"run", "-q", "--chain", "auto ! sqlite", "-o", target.string(), kSeed.string()},
            dir.path);
        INFO(r.err);
        CHECK(r.status == 2);
        CHECK_THAT(r.err, Catch::Contains(target.string()));
        CHECK(r.seconds < kNoStallSeconds);
    }
    CHECK_FALSE(fs::exists(dir.path / "newdir"));
    CHECK(fs::is_empty(dir.path / "existing"));
    CHECK(slurp(dir.path / "blocker") == "a file, not a directory\n");
}

TEST_CASE(
    "SQLite: a batch killed half-way (kill -9) leaves a sound database, and running it again "
    "stores every document once",
    "[sqlite][crash]") {
    const TempDir dir;
    const fs::path db = dir.path / "killed.sqlite";
    constexpr int kDocuments = 1500;
    make_documents(dir.path / "in", 0, kDocuments);
    const std::vector<std::string> args = {"run", "-q",        "-j",
                                           "1",   "--chain",   "auto ! sqlite",
                                           "-o",  db.string(), (dir.path / "in").string()};
    Kpproc batch(args, dir.path / "killed");
    // Killed once some groups are in (after 0.3 s, and later only on a machine so slow that
    // none is by then), so that the kill lands in the middle of the batch.
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    const auto stored_now = [&]() -> Poco::Int64 {
        try {
            return fs::exists(db) ? count(db, "SELECT COUNT(*) FROM documents") : 0;
        } catch (const Poco::Exception&) {
            return 0;  // the schema is not there yet
        }
    };
    for (const auto give_up = Clock::now() + std::chrono::seconds(20);
         stored_now() == 0 && Clock::now() < give_up;) {
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    batch.signal(SIGKILL);
    const auto killed = batch.wait();
    INFO(killed.err);
    CHECK(killed.status == 128 + SIGKILL);
    REQUIRE(fs::exists(db));
    {
        Poco::Data::Session s = open_database(db);
        std::string integrity;
        s << "PRAGMA integrity_check", into(integrity), now;
        CHECK(integrity == "ok");
    }
    const auto stored = count(db, "SELECT COUNT(*) FROM documents");
    INFO("stored before the kill: " << stored);
    CHECK(stored < kDocuments);
    // The batch began on an empty database, so the indexes below documents were left for
    // its end, which it did not reach: the database says which it lacks.
    CHECK(count(db, kpproc::testing::sqlite_missing_indexes_query()) > 0);
    CHECK(count(db, "SELECT COUNT(*) FROM deferred_indexes") > 0);
    // FTS5's own check of its index against its content.
    CHECK_NOTHROW(
        (open_database(db) << "INSERT INTO search (search) VALUES ('integrity-check')", now));

    const auto again = run_kpproc(args, dir.path);
    INFO(again.err);
    CHECK(again.status == 0);
    CHECK(count(db, "SELECT COUNT(*) FROM documents") == kDocuments);
    CHECK(count(db, "SELECT COUNT(DISTINCT source) FROM documents") == kDocuments);
    CHECK(count(db, "SELECT COUNT(*) FROM pragma_foreign_key_check") == 0);
    // The run again found documents there: it built the missing indexes before writing.
    CHECK(count(db, kpproc::testing::sqlite_missing_indexes_query()) == 0);
    CHECK(count(db, "SELECT COUNT(*) FROM deferred_indexes") == 0);
    // Each copy has as many search rows as the others, and the index matches its passages.
    const std::string per_document = "SELECT COUNT(*) AS n FROM search_source GROUP BY document_id";
    CHECK(count(db, "SELECT COUNT(DISTINCT n) FROM (" + per_document + ")") == 1);
    CHECK(count(db, "SELECT COUNT(*) FROM (" + per_document + ")") == kDocuments);
    CHECK_NOTHROW(
        (open_database(db) << "INSERT INTO search (search, rank) VALUES ('integrity-check', 1)",
         now));
}
