// The statements kp.exporter.sqlite runs for a batch, prepared once, and the code that writes
// one prepared document's rows with them.
#pragma once

#include <sqlite3.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "held_rows.hpp"
#include "multi_row_insert.hpp"
#include "rows.hpp"
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
          delete_document(db, "DELETE FROM documents WHERE id = ?") {}

    Statement begin, commit, rollback;
    Statement savepoint, release, rollback_to;
    Statement find_document, delete_search, delete_document;
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

// The rows a group holds back until it commits (see held_rows.hpp): the entities', in the
// order of their keys, and the search index's, in the order of their passages.
class GroupRows {
public:
    // The tables held, in the order they are written.
    static constexpr std::array<Table, 2> kTables = {Table::entities, Table::search};
    static bool holds(Table t) { return std::ranges::find(kTables, t) != kTables.end(); }
    HeldRows& of(Table t) {
        return held_[static_cast<std::size_t>(std::ranges::find(kTables, t) - kTables.begin())];
    }

    using Mark = std::array<HeldRows::Mark, kTables.size()>;
    Mark mark() const {
        Mark m;
        for (std::size_t i = 0; i < kTables.size(); ++i) {
            m[i] = held_[i].mark();
        }
        return m;
    }
    void truncate(const Mark& m) {
        for (std::size_t i = 0; i < kTables.size(); ++i) {
            held_[i].truncate(m[i]);
        }
    }
    void drop_document(Id document) {
        for (auto& h : held_) {
            h.drop_document(document);
        }
    }
    template <class InsertFor>
    void write(InsertFor&& insert_for) {
        for (auto& h : held_) {
            h.write(insert_for(h.table()));
        }
    }

private:
    std::array<HeldRows, kTables.size()> held_ = {
        HeldRows(Table::entities, 2),  // by entity
        HeldRows(Table::search, std::nullopt),
    };
};

// Every statement of the batch, prepared once (the multi-row ones as first needed).
struct Statements : ControlStatements {
    explicit Statements(sqlite3* db) : ControlStatements(db), ids(db) {
        for (std::size_t t = 0; t < kTables; ++t) {
            // One search row per statement: a statement that may write several rows opens a
            // statement savepoint, and FTS5 writes its pending rows out at every savepoint.
            const bool search = static_cast<Table>(t) == Table::search;
            inserts[t].emplace(db, table_specs()[t], search ? 1 : MultiRowInsert::kMostRows);
        }
    }
    MultiRowInsert& insert(Table t) { return *inserts[static_cast<std::size_t>(t)]; }

    NextIds ids;
    std::array<std::optional<MultiRowInsert>, kTables> inserts;
};

// Writes the rows of one prepared document, giving them the ids that come next in each
// table. The rows of the tables its group holds back go there.
class RowWriter {
public:
    RowWriter(Statements& st, GroupRows& held) : st_(st), held_(held) {}

    // The held rows are taken first (their ids are known before anything is written); a
    // failure writing the others takes them back (see the exporter's store_in_group).
    void insert(const PreparedRows& rows) {
        for (const Table table : GroupRows::kTables) {
            ValueReader values = rows.values(table);
            held_.of(table).hold(values, rows.count(table), st_.ids.of(Table::documents),
                                 [&](const Value& v) { return resolve(v); });
        }
        for (std::size_t t = 0; t < kTables; ++t) {
            const auto table = static_cast<Table>(t);
            if (held_.holds(table)) {
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
        if (v.tag == Tag::ref) {
            const int rc = sqlite3_bind_int64(s, p, resolve(v));
            if (rc != SQLITE_OK) {
                throw_error(sqlite3_db_handle(s), rc);
            }
            return;
        }
        bind_plain_value(s, p, v);
    }

    Statements& st_;
    GroupRows& held_;
};

}  // namespace kp_sqlite
