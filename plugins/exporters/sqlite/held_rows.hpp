// Rows held back while a group's documents are written, and written all together just before
// the group commits. Two tables are written this way, each for a reason of its own:
//   * search: FTS5 (as of SQLite 3.40) writes out its pending rows as a new index segment
//     whenever a savepoint opens in a transaction that wrote to it. Written per document,
//     inside each document's savepoint, every document would make a segment of its own, and
//     merging those costs more than the rest of the export. Held, the group makes one.
//   * entities: their index on the entity key (person:smith.j, date:2024-05-01) takes keys in
//     no order, about 30 a document, each into another page of the index. Written sorted by
//     that key, the group's keys go into the index in order, many to a page, and the whole
//     export is several per cent faster.
// The rows are kept encoded as the prepared documents are (prepared_rows.hpp), their
// references already turned into ids.
#pragma once

#include <sqlite3.h>

#include <algorithm>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "multi_row_insert.hpp"
#include "rows.hpp"
#include "sqlite_handle.hpp"

namespace kp_sqlite {

// Binds one value that needs no id resolved (a reference is a logic error here).
inline void bind_plain_value(sqlite3_stmt* s, int p, const Value& v) {
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
            // The buffer the value points into outlives the statement's run.
            rc =
                sqlite3_bind_text64(s, p, v.text.data(), v.text.size(), SQLITE_STATIC, SQLITE_UTF8);
            break;
        case Tag::ref:
            throw std::logic_error("sqlite: a reference left unresolved");
    }
    if (rc != SQLITE_OK) {
        throw_error(sqlite3_db_handle(s), rc);
    }
}

class HeldRows {
public:
    // The rows of `table`; `sort_column`, if given, is the column (a text) they are written in
    // the order of.
    HeldRows(Table table, std::optional<std::size_t> sort_column)
        : table_(table), sort_column_(sort_column) {}

    Table table() const { return table_; }

    // Holds the next `count` rows of `values`, document `document`'s, each reference turned
    // into an id by `resolve`.
    template <class Resolve>
    void hold(ValueReader& values, Id count, Id document, Resolve&& resolve) {
        const std::size_t columns = spec_of(table_).columns.size();
        for (Id r = 0; r < count; ++r) {
            Row row{.offset = bytes_.size(), .document = document};
            for (std::size_t c = 0; c < columns; ++c) {
                Value v = values.next();
                if (v.tag == Tag::ref) {
                    v = Value{.tag = Tag::integer, .integer = resolve(v)};
                }
                if (c == sort_column_) {
                    row.key_offset = bytes_.size() + kTextHeader;
                    row.key_size = v.text.size();
                }
                append_value(bytes_, v);
            }
            rows_.push_back(row);
        }
    }

    // Where a document's rows start, to take them back if it fails (see truncate).
    struct Mark {
        std::size_t rows = 0;
        std::size_t bytes = 0;
    };
    Mark mark() const { return {rows_.size(), bytes_.size()}; }
    void truncate(Mark m) {
        rows_.resize(m.rows);
        bytes_.resize(m.bytes);
    }

    // Forgets the rows of a document replaced before they were written. Their bytes stay
    // until the group ends: a replacement within one group is rare.
    void drop_document(Id document) {
        std::erase_if(rows_, [&](const Row& r) { return r.document == document; });
    }

    // Writes every row held, in the order of the sort column if there is one (ties in the
    // order held), with `insert`.
    void write(MultiRowInsert& insert) {
        if (sort_column_) {
            std::stable_sort(rows_.begin(), rows_.end(),
                             [&](const Row& a, const Row& b) { return key(a) < key(b); });
        }
        const std::size_t columns = spec_of(table_).columns.size();
        std::size_t next = 0;
        insert.insert(rows_.size(), [&](sqlite3_stmt* s, int first) {
            ValueReader values(std::string_view(bytes_).substr(rows_[next++].offset));
            for (std::size_t c = 0; c < columns; ++c) {
                bind_plain_value(s, first + static_cast<int>(c), values.next());
            }
        });
    }

private:
    // A text value's tag and length come before its bytes (see RowEncoder).
    static constexpr std::size_t kTextHeader = 1 + sizeof(std::int64_t);

    struct Row {
        std::size_t offset = 0;  // of its first value in bytes_
        std::size_t key_offset = 0;
        std::size_t key_size = 0;
        Id document = 0;
    };

    std::string_view key(const Row& r) const {
        return std::string_view(bytes_).substr(r.key_offset, r.key_size);
    }

    Table table_;
    std::optional<std::size_t> sort_column_;
    std::vector<Row> rows_;
    std::string bytes_;
};

}  // namespace kp_sqlite
