// INSERT statements that take many rows at once. Running one statement per row, SQLite spends
// more on each run (opening its cursors, checking foreign keys, closing a statement journal)
// than on storing the row; a statement of 64 rows pays that once for all of them.
#pragma once

#include <sqlite3.h>

#include <algorithm>
#include <array>
#include <cstddef>
#include <memory>
#include <string>

#include "rows.hpp"
#include "sqlite_handle.hpp"

namespace kp_sqlite {

class MultiRowInsert {
public:
    // Statements for 64, 32, …, 1 rows: any count of rows is run as at most 7 statements per
    // 64, each prepared the first time it is needed and kept for the batch.
    static constexpr std::size_t kSizes = 7;
    static constexpr std::size_t kMostRows = std::size_t{1} << (kSizes - 1);

    // `most_rows` (a power of two) bounds the rows of one statement.
    MultiRowInsert(sqlite3* db, const TableSpec& spec, std::size_t most_rows = kMostRows)
        : db_(db), spec_(spec), most_rows_(std::min(most_rows, kMostRows)) {}

    // Inserts `rows` rows; bind(statement, first_parameter) binds one row's values to the
    // parameters from first_parameter on, and is called once per row, in order.
    template <class BindRow>
    void insert(std::size_t rows, BindRow&& bind) {
        while (rows > 0) {
            std::size_t size = kMostRows;
            std::size_t which = 0;
            while (size > rows || size > most_rows_) {
                size /= 2;
                ++which;
            }
            Statement& statement = statement_for(which, size);
            const int columns = static_cast<int>(spec_.columns.size());
            statement.run_bound([&](sqlite3_stmt* s) {
                for (std::size_t r = 0; r < size; ++r) {
                    bind(s, 1 + static_cast<int>(r) * columns);
                }
            });
            rows -= size;
        }
    }

private:
    Statement& statement_for(std::size_t which, std::size_t rows) {
        auto& slot = statements_[which];
        if (!slot) {
            slot = std::make_unique<Statement>(db_, sql(rows).c_str());
        }
        return *slot;
    }

    std::string sql(std::size_t rows) const {
        std::string columns;
        std::string one_row = "(";
        for (const char* c : spec_.columns) {
            columns += columns.empty() ? "" : ", ";
            columns += c;
            one_row += one_row.size() == 1 ? "?" : ", ?";
        }
        one_row += ")";
        std::string text = std::string("INSERT INTO ") + spec_.name + " (" + columns + ") VALUES ";
        for (std::size_t r = 0; r < rows; ++r) {
            text += r == 0 ? one_row : ", " + one_row;
        }
        return text;
    }

    sqlite3* db_;
    const TableSpec& spec_;
    std::size_t most_rows_;
    std::array<std::unique_ptr<Statement>, kSizes> statements_;
};

}  // namespace kp_sqlite
