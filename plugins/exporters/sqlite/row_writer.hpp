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
          find_document(db, "SELECT id, sha256 FROM documents WHERE source = ?"),
          // The document's passages, found through its items: no scan of the index.
          delete_search(db,
                        "DELETE FROM search WHERE rowid IN (SELECT id FROM search_source WHERE "
                        "document_id = ?)"),
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
// Passages share one sequence (see is_passage).
class NextIds {
public:
    explicit NextIds(sqlite3* db) {
        std::string passages = "SELECT MAX(0";
        for (std::size_t t = 0; t < kTables; ++t) {
            const auto table = static_cast<Table>(t);
            const TableSpec& spec = table_specs()[t];
            if (is_passage(table)) {
                passages += std::string(", COALESCE((SELECT MAX(id) FROM ") + spec.name + "), 0)";
            } else if (spec.columns.front() == std::string("id")) {
                // The last entry of the table's rowid B-tree: no scan.
                highest_[t].emplace(db, (std::string("SELECT MAX(id) FROM ") + spec.name).c_str());
            }
        }
        highest_passage_.emplace(db, (passages + ")").c_str());
    }

    // Reads them again: another writer may have added rows since the last transaction.
    void read() {
        for (std::size_t t = 0; t < kTables; ++t) {
            next_[t] = 1;
            if (highest_[t]) {
                highest_[t]->first_row([&](Statement& row) { next_[t] = row.integer(0) + 1; });
            }
        }
        highest_passage_->first_row([&](Statement& row) { next_passage_ = row.integer(0) + 1; });
    }

    Id of(Table t) const {
        return is_passage(t) ? next_passage_ : next_[static_cast<std::size_t>(t)];
    }
    Id resolve(Table t, Id local) const { return of(t) + local; }

    // After a document's rows are written: the ids it used are taken.
    void advance(const PreparedRows& rows) {
        for (std::size_t t = 0; t < kTables; ++t) {
            const auto table = static_cast<Table>(t);
            (is_passage(table) ? next_passage_ : next_[t]) += rows.count(table);
        }
    }

    struct Snapshot {
        std::array<Id, kTables> next;
        Id next_passage;
    };
    Snapshot snapshot() const { return {next_, next_passage_}; }
    void restore(const Snapshot& ids) {
        next_ = ids.next;
        next_passage_ = ids.next_passage;
    }

private:
    std::array<std::optional<Statement>, kTables> highest_;
    std::optional<Statement> highest_passage_;
    std::array<Id, kTables> next_{};
    Id next_passage_ = 1;
};

// A row of the search table, held back until the group commits (see SearchChanges).
struct SearchRow {
    Id rowid = 0;
    std::string text;
    std::string kind;
    Id row_id = 0;
    Id document_id = 0;
};

// The search rows of a group. FTS5 (as of SQLite 3.40) writes out its pending rows as a new
// index segment whenever a savepoint opens in a transaction that wrote to it: written per
// document, inside each document's savepoint, every document would make a segment of its own,
// and merging those costs more than the rest of the export. So the rows are collected while
// the group's documents are written, and written just before it commits: one segment per
// group. (Deletions, rarer, are made at once: the index reads what to delete from the rows
// it was made from, which must still be there.)
class SearchChanges {
public:
    void insert(SearchRow row) { rows_.push_back(std::move(row)); }
    void append(SearchChanges&& more) {
        for (auto& r : more.rows_) {
            rows_.push_back(std::move(r));
        }
    }
    // Forgets the rows of a document replaced before they were written.
    void drop_document(Id document) {
        std::erase_if(rows_, [&](const SearchRow& r) { return r.document_id == document; });
    }

    // One statement per row: a statement that may write several rows opens a statement
    // savepoint, and FTS5 writes its pending rows out as a segment at every savepoint.
    void apply(ControlStatements& st) const {
        for (const auto& r : rows_) {
            st.insert_search.run(r.rowid, r.text, r.kind, r.row_id, r.document_id);
        }
    }

private:
    std::vector<SearchRow> rows_;
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
