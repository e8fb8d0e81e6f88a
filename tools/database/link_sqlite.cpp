// kpproc link over a database written by kp.exporter.sqlite: its session (see link_store.hpp).
#include <sqlite3.h>

#include <filesystem>

#include "kpproc/error.hpp"
#include "link_store.hpp"

namespace kpproc::cli {

namespace {

class SqliteSession final : public SqlSession {
public:
    explicit SqliteSession(const std::string& path) : path_(path) {
        std::error_code ec;
        if (!std::filesystem::is_regular_file(path, ec)) {
            throw Error("no-database", path + ": no such database file");
        }
        try {
            if (sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
                fail("cannot open it");
            }
            sqlite3_busy_timeout(db_, 60'000);  // a batch holds the lock a moment at a time
            const Rows tables = rows(
                "SELECT COUNT(*) FROM sqlite_master WHERE name IN "
                "('documents', 'entities', 'speakers')",
                {});
            if (tables.at(0).at(0) != "3") {
                throw Error("no-database",
                            path + ": not a database written by the sqlite exporter");
            }
            exec("PRAGMA foreign_keys = ON");
        } catch (...) {
            sqlite3_close_v2(db_);  // no destructor runs for a constructor that throws
            throw;
        }
    }
    ~SqliteSession() override { sqlite3_close_v2(db_); }
    SqliteSession(const SqliteSession&) = delete;
    SqliteSession& operator=(const SqliteSession&) = delete;

    void exec(const std::string& sql) override {
        if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, nullptr) != SQLITE_OK) {
            fail("linking failed");
        }
    }

    Rows rows(const std::string& sql, const std::vector<std::string>& params) override {
        sqlite3_stmt* s = nullptr;
        if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &s, nullptr) != SQLITE_OK) {
            fail("linking failed");
        }
        int i = 0;
        for (const auto& p : params) {
            sqlite3_bind_text(s, ++i, p.data(), static_cast<int>(p.size()), SQLITE_TRANSIENT);
        }
        Rows out;
        int rc = SQLITE_ROW;
        while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
            std::vector<std::string> row;
            for (int c = 0; c < sqlite3_column_count(s); ++c) {
                const auto* t = sqlite3_column_text(s, c);
                row.emplace_back(t == nullptr ? "" : reinterpret_cast<const char*>(t));
            }
            out.push_back(std::move(row));
        }
        sqlite3_finalize(s);
        if (rc != SQLITE_DONE) {
            fail("linking failed");
        }
        return out;
    }

private:
    [[noreturn]] void fail(const std::string& what) const {
        throw Error("no-database", path_ + ": " + what + ": " +
                                       (db_ != nullptr ? sqlite3_errmsg(db_) : "out of memory"));
    }

    std::string path_;
    sqlite3* db_ = nullptr;
};

}  // namespace

std::unique_ptr<LinkStore> open_sqlite_link_store(const std::string& path) {
    LinkDialect dialect{
        .create_tables =
            "CREATE TABLE IF NOT EXISTS entity_links (entity_id INTEGER PRIMARY KEY REFERENCES "
            "entities(id) ON DELETE CASCADE, entity TEXT NOT NULL, name TEXT NOT NULL, "
            "attributes TEXT NOT NULL);"
            "CREATE TABLE IF NOT EXISTS speaker_links (paragraph_id INTEGER NOT NULL REFERENCES "
            "paragraphs(id) ON DELETE CASCADE, entity TEXT NOT NULL, linked TEXT NOT NULL);"
            "CREATE INDEX IF NOT EXISTS speaker_links_paragraph ON speaker_links(paragraph_id)",
        // The write lock from the start: other writers wait (busy timeout), readers do not.
        .begin_transaction = "BEGIN IMMEDIATE"};
    return std::make_unique<LinkStore>(std::make_unique<SqliteSession>(path), std::move(dialect));
}

}  // namespace kpproc::cli
