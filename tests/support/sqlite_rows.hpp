#pragma once
// The rows of an SQLite database, as text, for tests that look into what an export wrote.

#include <sqlite3.h>
#include <catch2/catch.hpp>

#include <filesystem>
#include <string>
#include <vector>

namespace kpproc::testing {

using Rows = std::vector<std::vector<std::string>>;

// Rows of an SQLite database, as text.
inline Rows sqlite_rows(const std::filesystem::path& db, const std::string& sql) {
    sqlite3* handle = nullptr;
    REQUIRE(sqlite3_open_v2(db.c_str(), &handle, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
    sqlite3_stmt* stmt = nullptr;
    INFO(sql << ": " << sqlite3_errmsg(handle));
    REQUIRE(sqlite3_prepare_v2(handle, sql.c_str(), -1, &stmt, nullptr) == SQLITE_OK);
    Rows rows;
    while (sqlite3_step(stmt) == SQLITE_ROW) {
        std::vector<std::string> row;
        for (int j = 0; j < sqlite3_column_count(stmt); ++j) {
            const auto* text = sqlite3_column_text(stmt, j);
            row.emplace_back(text == nullptr ? "NULL" : reinterpret_cast<const char*>(text));
        }
        rows.push_back(std::move(row));
    }
    sqlite3_finalize(stmt);
    sqlite3_close(handle);
    return rows;
}

}  // namespace kpproc::testing
