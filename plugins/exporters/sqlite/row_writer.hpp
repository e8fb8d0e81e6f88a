// The statements kp.exporter.sqlite runs for a batch, prepared once, and the code that writes
// one prepared document's rows with them.
#pragma once

#include <sqlite3.h>

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "multi_row_insert.hpp"
#include "prepared_rows.hpp"
#include "sqlite_handle.hpp"

namespace kp_sqlite {

// What a batch runs around the rows: transactions, savepoints, finding and removing documents.
struct ControlStatements {
    explicit ControlStatements(sqlite3* db)
        : begin(db, "BEGIN IMMEDIATE"),
          commit(db, "COMMIT"),
          rollback(db, "ROLLBACK"),
          savepoint(db, "SAVEPOINT document"),
          release(db, "RELEASE document"),
          rollback_to(db, "ROLLBACK TO document"),
          find_document(db,
                        "SELECT id, sha256, search_first, search_last FROM documents WHERE "
                        "source = ?"),
          delete_search(db, "DELETE FROM search WHERE rowid BETWEEN ? AND ?"),
          delete_document(db, "DELETE FROM documents WHERE id = ?"),
          insert_search(db,
                        "INSERT INTO search (rowid, text, kind, row_id, document_id) VALUES (?, ?, "
                        "?, ?, ?)") {}

    Statement begin, commit, rollback;
    Statement savepoint, release, rollback_to;
    Statement find_document, delete_search, delete_document, insert_search;
};

// The first free id of each table, and the statements that find them: the writer gives every
// row its id itself, so that a document's rows can refer to each other before any is written.
class NextIds {
public:
    explicit NextIds(sqlite3* db) {
        for (std::size_t t = 0; t < kTables; ++t) {
            const TableSpec& spec = table_specs()[t];
            if (static_cast<Table>(t) != Table::search &&
                spec.columns.front() == std::string("id")) {
                // The last entry of the table's rowid B-tree: no scan.
                highest_[t].emplace(db, (std::string("SELECT MAX(id) FROM ") + spec.name).c_str());
            }
        }
        // FTS5 answers this from the end of its content table: no scan.
        search_highest_.emplace(db, "SELECT rowid FROM search ORDER BY rowid DESC LIMIT 1");
    }

    // Reads them again: another writer may have added rows since the last transaction.
    void read() {
        for (std::size_t t = 0; t < kTables; ++t) {
            std::optional<Statement>& s =
                t == static_cast<std::size_t>(Table::search) ? search_highest_ : highest_[t];
            next_[t] = 1;
            if (s) {
                s->first_row([&](Statement& row) { next_[t] = row.integer(0) + 1; });
            }
        }
    }

    Id of(Table t) const { return next_[static_cast<std::size_t>(t)]; }
    Id resolve(Table t, Id local) const { return of(t) + local; }

    // After a document's rows are written: the ids it used are taken.
    void advance(const PreparedRows& rows) {
        for (std::size_t t = 0; t < kTables; ++t) {
            next_[t] += rows.count(static_cast<Table>(t));
        }
    }

    std::array<Id, kTables> snapshot() const { return next_; }
    void restore(const std::array<Id, kTables>& ids) { next_ = ids; }

private:
    std::array<std::optional<Statement>, kTables> highest_;
    std::optional<Statement> search_highest_;
    std::array<Id, kTables> next_{};
};

// A row of the search table, held back until the group commits (see SearchChanges).
struct SearchRow {
    Id rowid = 0;
    std::string text;
    std::string kind;
    Id row_id = 0;
    Id document_id = 0;
};

// The search table's changes of a group, in order. FTS5 (as of SQLite 3.40) writes out its
// pending rows as a new index segment whenever a savepoint opens in a transaction that wrote
// to it: written per document, inside each document's savepoint, every document would make a
// segment of its own, and merging those costs more than the rest of the export. So the rows
// are collected while the group's documents are written, and applied, in order, just before
// it commits: one segment per group.
class SearchChanges {
public:
    void insert(SearchRow row) { changes_.push_back(Change{0, 0, std::move(row)}); }
    void erase(Id first, Id last) { changes_.push_back(Change{first, last, {}}); }
    void append(SearchChanges&& more) {
        for (auto& c : more.changes_) {
            changes_.push_back(std::move(c));
        }
    }

    // One statement per row: a statement that may write several rows opens a statement
    // savepoint, and FTS5 writes its pending rows out as a segment at every savepoint.
    void apply(ControlStatements& st) const {
        for (const auto& c : changes_) {
            if (c.last == 0) {
                st.insert_search.run(c.row.rowid, c.row.text, c.row.kind, c.row.row_id,
                                     c.row.document_id);
            } else {
                st.delete_search.run(c.first, c.last);
            }
        }
    }
    bool empty() const { return changes_.empty(); }

private:
    struct Change {
        Id first = 0;  // of a range deleted
        Id last = 0;   // of a range deleted; 0 for an insertion
        SearchRow row;
    };

    std::vector<Change> changes_;
};

// Every statement of the batch, prepared once (the multi-row ones as first needed).
struct Statements : ControlStatements {
    explicit Statements(sqlite3* db) : ControlStatements(db), ids(db) {
        for (std::size_t t = 0; t < kTables; ++t) {
            if (static_cast<Table>(t) != Table::search) {  // see SearchChanges::apply
                inserts[t].emplace(db, table_specs()[t]);
            }
        }
    }
    MultiRowInsert& insert(Table t) { return *inserts[static_cast<std::size_t>(t)]; }

    NextIds ids;
    std::array<std::optional<MultiRowInsert>, kTables> inserts;
};

// Writes the rows of one prepared document, giving them the ids that come next in each
// table. Its search rows go to `search`, to be written when the group commits.
class RowWriter {
public:
    RowWriter(Statements& st, SearchChanges& search) : st_(st), search_(search) {}

    // The id the document's row gets.
    Id document_id() const { return st_.ids.of(Table::documents); }

    void insert(const PreparedRows& rows) {
        for (std::size_t t = 0; t < kTables; ++t) {
            const auto table = static_cast<Table>(t);
            if (table == Table::search) {
                hold_search_rows(rows);
                continue;
            }
            ValueReader values = rows.values(table);
            const std::size_t columns = spec_of(table).columns.size();
            st_.insert(table).insert(static_cast<std::size_t>(rows.count(table)),
                                     [&](sqlite3_stmt* s, int first) {
                                         for (std::size_t c = 0; c < columns; ++c) {
                                             bind(s, first + static_cast<int>(c), values.next());
                                         }
                                     });
        }
        st_.ids.advance(rows);
    }

private:
    Id resolve(const Value& v) const { return st_.ids.resolve(v.table, v.integer); }

    void bind(sqlite3_stmt* s, int p, const Value& v) const {
        int rc = SQLITE_OK;
        switch (v.tag) {
            case Tag::null:
                rc = sqlite3_bind_null(s, p);
                break;
            case Tag::integer:
                rc = sqlite3_bind_int64(s, p, v.integer);
                break;
            case Tag::real:
                rc = sqlite3_bind_double(s, p, v.real);
                break;
            case Tag::text:
                // The prepared buffer outlives the statement's run.
                rc = sqlite3_bind_text64(s, p, v.text.data(), v.text.size(), SQLITE_STATIC,
                                         SQLITE_UTF8);
                break;
            case Tag::ref:
                rc = sqlite3_bind_int64(s, p, resolve(v));
                break;
        }
        if (rc != SQLITE_OK) {
            throw_error(sqlite3_db_handle(s), rc);
        }
    }

    // Search rows: rowid, text, kind, row_id, document_id.
    void hold_search_rows(const PreparedRows& rows) {
        ValueReader values = rows.values(Table::search);
        for (Id r = 0; r < rows.count(Table::search); ++r) {
            SearchRow row;
            row.rowid = resolve(values.next());
            row.text = std::string(values.next().text);
            row.kind = std::string(values.next().text);
            row.row_id = resolve(values.next());
            row.document_id = resolve(values.next());
            search_.insert(std::move(row));
        }
    }

    Statements& st_;
    SearchChanges& search_;
};

}  // namespace kp_sqlite
