// Indexes built once after a bulk load, not entry by entry during it.
//
// A batch into an empty database writes nothing but new rows. The indexes of the tables
// below documents (an item's paragraphs, an entity's key, …) serve queries and the deletes of
// a replaced document, neither of which such a batch does; kept up row by row they cost
// about an eighth of the export, as each new key lands on a page of its own. So a batch that
// finds the database empty drops them and builds each at its end in one sorted pass.
//
// What was dropped is written down in `deferred_indexes` (in the same transaction), so a
// batch killed before its end leaves a database that knows what it lacks: the next batch
// finds documents there and builds the indexes before it writes anything. The documents
// table keeps its own indexes: one row a document costs little, and begin() reads them.
#pragma once

#include "sqlite_handle.hpp"

#include <string>
#include <utility>
#include <vector>

namespace kp_sqlite {

// What a batch does with the deferrable indexes at its start.
enum class IndexPlan {
    keep,   // nothing to do: they are there, or the database is empty and they are dropped
    defer,  // an empty database with indexes: drop them for this batch
    build,  // a database with documents, whose indexes an earlier batch did not get to build
};

// Read without a lock; read again under the write lock before acting on it.
inline IndexPlan plan_indexes(sqlite3* db) {
    IndexPlan plan = IndexPlan::keep;
    Statement(db,
              "SELECT EXISTS (SELECT 1 FROM documents), EXISTS (SELECT 1 FROM deferred_indexes), "
              "EXISTS (SELECT 1 FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL AND "
              "tbl_name <> 'documents')")
        .first_row([&](Statement& s) {
            const bool has_documents = s.integer(0) != 0;
            const bool has_deferred = s.integer(1) != 0;
            const bool has_deferrable = s.integer(2) != 0;
            if (!has_documents && has_deferrable) {
                plan = IndexPlan::defer;
            } else if (has_documents && has_deferred) {
                plan = IndexPlan::build;
            }
        });
    return plan;
}

// "name" as an SQL identifier.
inline std::string quoted_identifier(const std::string& name) {
    std::string quoted = "\"";
    for (const char c : name) {
        quoted += c;
        if (c == '"') {
            quoted += '"';
        }
    }
    return quoted + "\"";
}

// Inside a write transaction: lists the deferrable indexes in deferred_indexes and drops them.
// (A user's own index on these tables is deferred, and rebuilt, like the exporter's.)
inline void defer_indexes(Connection& db) {
    db.exec(
        "INSERT OR IGNORE INTO deferred_indexes (name, sql) SELECT name, sql FROM sqlite_schema "
        "WHERE type = 'index' AND sql IS NOT NULL AND tbl_name <> 'documents'");
    std::vector<std::string> names;
    Statement(db.get(),
              "SELECT name FROM sqlite_schema WHERE type = 'index' AND name IN (SELECT name FROM "
              "deferred_indexes)")
        .each_row([&](Statement& s) { names.emplace_back(s.text(0)); });
    for (const std::string& name : names) {
        db.exec(("DROP INDEX " + quoted_identifier(name)).c_str());
    }
}

// Inside a write transaction: builds the indexes deferred_indexes lists (those still missing)
// and empties it. The connection's temp_store should be FILE: building an index sorts all its
// keys, in temporary files beyond the page cache, which in memory would grow with the
// database.
inline void build_deferred_indexes(Connection& db) {
    std::vector<std::pair<std::string, std::string>> missing;  // name, CREATE INDEX …
    Statement(db.get(),
              "SELECT name, sql FROM deferred_indexes WHERE name NOT IN (SELECT name FROM "
              "sqlite_schema WHERE type = 'index') ORDER BY rowid")
        .each_row([&](Statement& s) { missing.emplace_back(s.text(0), s.text(1)); });
    for (const auto& [name, sql] : missing) {
        db.exec(sql.c_str());
    }
    db.exec("DELETE FROM deferred_indexes");
}

}  // namespace kp_sqlite
