// kpproc link over a database written by kp.exporter.sqlite (see link_store.hpp).
#include <sqlite3.h>

#include <filesystem>
#include <functional>
#include <initializer_list>

#include "kpproc/error.hpp"
#include "link_store.hpp"

namespace kpproc::cli {

namespace {

constexpr const char* kLinkTables =
    "CREATE TABLE IF NOT EXISTS entity_links (entity_id INTEGER PRIMARY KEY REFERENCES "
    "entities(id) ON DELETE CASCADE, entity TEXT NOT NULL, name TEXT NOT NULL, attributes TEXT "
    "NOT NULL);"
    "CREATE TABLE IF NOT EXISTS speaker_links (paragraph_id INTEGER NOT NULL REFERENCES "
    "paragraphs(id) ON DELETE CASCADE, entity TEXT NOT NULL, linked TEXT NOT NULL);"
    "CREATE INDEX IF NOT EXISTS speaker_links_paragraph ON speaker_links(paragraph_id)";

constexpr const char* kUndo =
    "UPDATE entities SET entity = l.entity, name = l.name, attributes = l.attributes FROM "
    "entity_links l WHERE l.entity_id = entities.id;"
    "UPDATE speakers SET entity = l.entity FROM speaker_links l WHERE speakers.paragraph_id = "
    "l.paragraph_id AND speakers.entity = l.linked;"
    "DELETE FROM entity_links; DELETE FROM speaker_links";

class SqliteLinkStore final : public LinkStore {
public:
    explicit SqliteLinkStore(const std::string& path) : path_(path) {
        std::error_code ec;
        if (!std::filesystem::is_regular_file(path, ec)) {
            throw Error("no-database", path + ": no such database file");
        }
        try {
            if (sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
                fail("cannot open it");
            }
            sqlite3_busy_timeout(db_, 60'000);  // a batch holds the lock a moment at a time
            bool exporters = false;
            query(
                "SELECT COUNT(*) = 3 FROM sqlite_master WHERE name IN ('documents', "
                "'entities', 'speakers')",
                {}, [&](sqlite3_stmt* s) { exporters = sqlite3_column_int(s, 0) != 0; });
            if (!exporters) {
                throw Error("no-database",
                            path + ": not a database written by the sqlite exporter");
            }
            exec("PRAGMA foreign_keys = ON");
        } catch (...) {
            sqlite3_close_v2(db_);  // no destructor runs for a constructor that throws
            throw;
        }
    }
    ~SqliteLinkStore() override { sqlite3_close_v2(db_); }
    SqliteLinkStore(const SqliteLinkStore&) = delete;
    SqliteLinkStore& operator=(const SqliteLinkStore&) = delete;

    void begin() override {
        exec("BEGIN IMMEDIATE");
        exec(kLinkTables);
    }
    void commit() override { exec("COMMIT"); }
    void undo_earlier_links() override { exec(kUndo); }

    std::vector<StoredDocument> documents() override {
        std::vector<StoredDocument> out;
        query("SELECT id, source, path FROM documents", {}, [&](sqlite3_stmt* s) {
            out.push_back({text(s, 0), text(s, 1), text(s, 2)});
        });
        return out;
    }
    std::vector<StoredEntity> entities(const std::string& document) override {
        std::vector<StoredEntity> out;
        query(
            "SELECT id, entity, type, name, attributes FROM entities WHERE document_id = ? "
            "ORDER BY id",
            {document}, [&](sqlite3_stmt* s) {
                out.push_back({text(s, 0), text(s, 1), text(s, 2), text(s, 3), text(s, 4)});
            });
        return out;
    }
    std::vector<StoredSpeaker> speakers(const std::string& document) override {
        std::vector<StoredSpeaker> out;
        query(
            "SELECT s.paragraph_id, s.entity, s.name FROM speakers s JOIN paragraphs p ON p.id "
            "= s.paragraph_id JOIN items i ON i.id = p.item_id WHERE i.document_id = ? ORDER BY "
            "s.paragraph_id, s.rowid",
            {document}, [&](sqlite3_stmt* s) {
                out.push_back({text(s, 0), text(s, 1), text(s, 2)});
            });
        return out;
    }

    void change_entity(const StoredEntity& before, const std::string& entity,
                       const std::string& name, const std::string& attributes) override {
        query(
            "INSERT OR IGNORE INTO entity_links (entity_id, entity, name, attributes) VALUES "
            "(?, ?, ?, ?)",
            {before.row, before.entity, before.name, before.attributes});
        query("UPDATE entities SET entity = ?, name = ?, attributes = ? WHERE id = ?",
              {entity, name, attributes, before.row});
    }
    void change_speaker(const std::string& paragraph, const std::string& before,
                        const std::string& after) override {
        query("INSERT INTO speaker_links (paragraph_id, entity, linked) VALUES (?, ?, ?)",
              {paragraph, before, after});
        query("UPDATE speakers SET entity = ? WHERE paragraph_id = ? AND entity = ?",
              {after, paragraph, before});
    }

private:
    [[noreturn]] void fail(const std::string& what) const {
        throw Error("no-database", path_ + ": " + what + ": " +
                                       (db_ != nullptr ? sqlite3_errmsg(db_) : "out of memory"));
    }

    void exec(const char* sql) {
        if (sqlite3_exec(db_, sql, nullptr, nullptr, nullptr) != SQLITE_OK) {
            fail("linking failed");
        }
    }

    // Runs one statement with text parameters, calling `row` for each row.
    void query(const char* sql, std::initializer_list<std::string> params,
               const std::function<void(sqlite3_stmt*)>& row = {}) {
        sqlite3_stmt* s = nullptr;
        if (sqlite3_prepare_v2(db_, sql, -1, &s, nullptr) != SQLITE_OK) {
            fail("linking failed");
        }
        int i = 0;
        for (const auto& p : params) {
            sqlite3_bind_text(s, ++i, p.data(), static_cast<int>(p.size()), SQLITE_TRANSIENT);
        }
        int rc = SQLITE_ROW;
        while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
            if (row) {
                row(s);
            }
        }
        sqlite3_finalize(s);
        if (rc != SQLITE_DONE) {
            fail("linking failed");
        }
    }

    static std::string text(sqlite3_stmt* s, int column) {
        const auto* t = sqlite3_column_text(s, column);
        return t == nullptr ? std::string() : reinterpret_cast<const char*>(t);
    }

    std::string path_;
    sqlite3* db_ = nullptr;
};

}  // namespace

std::unique_ptr<LinkStore> open_sqlite_link_store(const std::string& path) {
    return std::make_unique<SqliteLinkStore>(path);
}

}  // namespace kpproc::cli
