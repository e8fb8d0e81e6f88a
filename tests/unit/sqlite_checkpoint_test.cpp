// kp.exporter.sqlite's background checkpoint (background_checkpoint.hpp), on a database of its
// own: the log is copied into the database by the thread, not by the commits; the log never
// grows past its hard limit, however fast the commits come; nothing is lost.
#include "background_checkpoint.hpp"

#include <catch2/catch.hpp>

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <thread>

#include "test_support.hpp"

namespace fs = std::filesystem;
using kp_sqlite::BackgroundCheckpoint;
using kp_sqlite::Connection;
using kp_sqlite::Statement;

namespace {

constexpr std::uintmax_t kPageSize = 4096;
// One row of this many bytes fills five pages of the log.
constexpr std::size_t kRowBytes = 5 * kPageSize - 512;

std::uintmax_t size_of(const fs::path& path) {
    std::error_code ec;
    const auto size = fs::file_size(path, ec);
    return ec ? 0 : size;
}

// A new database in WAL mode, as the exporter sets one up, with its writing connection.
struct Database {
    Database() : path(dir.path / "db.sqlite"), log(dir.path / "db.sqlite-wal") {
        writer.emplace(path.string());
        writer->exec(
            "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; "
            "CREATE TABLE rows (id INTEGER PRIMARY KEY, body BLOB NOT NULL)");
    }
    kpproc::testing::TempDir dir;
    fs::path path;
    fs::path log;
    std::optional<Connection> writer;
};

void insert_rows(Connection& db, int n) {
    Statement insert(db.get(), "INSERT INTO rows (body) VALUES (zeroblob(?))");
    for (int i = 0; i < n; ++i) {
        insert.run(static_cast<std::int64_t>(kRowBytes));  // one commit each
    }
}

std::int64_t count_rows(Connection& db) {
    std::int64_t n = -1;
    Statement(db.get(), "SELECT COUNT(*) FROM rows").first_row([&](Statement& s) {
        n = s.integer(0);
    });
    return n;
}

// Waits up to five seconds for `done`.
template <class F>
bool eventually(F&& done) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    while (!done()) {
        if (std::chrono::steady_clock::now() > deadline) {
            return false;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    return true;
}

}  // namespace

TEST_CASE("SQLite background checkpoint: the thread copies the log, not the commit", "[sqlite]") {
    Database db;
    const std::uintmax_t empty = size_of(db.path);
    {
        BackgroundCheckpoint checkpoint(db.path.string(), db.writer->get(),
                                        {.start_pages = 24, .hard_limit_pages = 1000});
        insert_rows(*db.writer, 3);  // 23 pages in the log (with the schema's): no checkpoint
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
        CHECK(size_of(db.path) == empty);
        insert_rows(*db.writer, 1);  // 30: the thread is woken, and nothing more is committed
        CHECK(eventually([&] { return size_of(db.path) >= empty + 4 * kRowBytes; }));
    }
    CHECK(count_rows(*db.writer) == 4);
}

TEST_CASE(
    "SQLite background checkpoint: commits in a tight loop keep the log within its limit, "
    "and lose nothing",
    "[sqlite]") {
    constexpr int kHardLimit = 64;
    Database db;
    std::uintmax_t largest_log = 0;
    {
        BackgroundCheckpoint checkpoint(db.path.string(), db.writer->get(),
                                        {.start_pages = 16, .hard_limit_pages = kHardLimit});
        for (int round = 0; round < 100; ++round) {
            insert_rows(*db.writer, 3);
            largest_log = std::max(largest_log, size_of(db.log));
        }
    }
    // A passive checkpoint alone would never find the whole log copied between two commits,
    // and the log would hold all 1,500 pages. Each frame is a page and 24 bytes.
    const std::uintmax_t frame = kPageSize + 24;
    CHECK(largest_log <= (kHardLimit + 3 * 5 + 5) * frame);
    CHECK(count_rows(*db.writer) == 300);
    // The last connection's close checkpoints the rest and removes the log.
    db.writer.reset();
    CHECK_FALSE(fs::exists(db.log));
    Connection reader(db.path.string(), Connection::Open::existing);
    std::string verdict;
    Statement(reader.get(), "PRAGMA integrity_check").first_row([&](Statement& s) {
        verdict = s.text(0);
    });
    CHECK(verdict == "ok");
    CHECK(count_rows(reader) == 300);
}

TEST_CASE(
    "SQLite background checkpoint: a database that cannot be opened a second time leaves "
    "the writer checkpointing as SQLite does",
    "[sqlite]") {
    Database db;
    const fs::path missing = db.dir.path / "missing.sqlite";
    // The name given is not the writer's file, and does not exist: no second connection.
    BackgroundCheckpoint checkpoint(missing.string(), db.writer->get(),
                                    {.start_pages = 24, .hard_limit_pages = 1000});
    const std::uintmax_t empty = size_of(db.path);
    insert_rows(*db.writer, 3);
    CHECK(size_of(db.path) == empty);
    insert_rows(*db.writer, 1);  // the commit that passes 24 pages checkpoints, on this thread
    CHECK(size_of(db.path) >= empty + 4 * kRowBytes);
    CHECK_FALSE(fs::exists(missing));
}

TEST_CASE("SQLite background checkpoint: its limits are sizes, whatever a page's size",
          "[sqlite]") {
    using kp_sqlite::CheckpointLimits;
    // 32 MiB to start a checkpoint, 64 MiB at most, as SQLite's pages of 4 KiB or the
    // exporter's of 16 KiB.
    const CheckpointLimits small = CheckpointLimits::for_page_size(4096);
    CHECK(small.start_pages == 8192);
    CHECK(small.hard_limit_pages == 16384);
    const CheckpointLimits large = CheckpointLimits::for_page_size(16384);
    CHECK(large.start_pages == 2048);
    CHECK(large.hard_limit_pages == 4096);
    CHECK(CheckpointLimits::for_page_size(65536).start_pages == 512);
}
