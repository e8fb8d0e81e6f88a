#pragma once
// `kpproc search` over the databases kpproc's exporters write: an SQLite file
// (kp.exporter.sqlite, its FTS5 index) or a PostgreSQL database (kp.exporter.postgres, its
// tsvector columns). Both give the same hits, in the same columns, for the same filters.

#include <optional>
#include <string>
#include <vector>

#include "kpproc/meeting_rows/passages.hpp"

namespace kpproc::cli {

// What `kpproc search` was asked, its options checked. Filters left out are empty.
struct SearchRequest {
    std::string database;  // a file, or a postgresql:// URL
    std::string query;
    std::string kind;
    std::string body;
    std::string from;
    std::string to;
    std::string person;
    long long limit = 20;
};

// A hit's columns, as both backends select them; the snippet marks the matched words with
// \x01 … \x02.
enum HitColumn {
    kind_column,
    path_column,
    body_column,
    date_column,
    item_number_column,
    item_title_column,
    speaker_column,
    snippet_column,
    page_column,
    document_id_column  // the document's id in the database (kpproc show DATABASE ID)
};
using Hit = std::vector<std::optional<std::string>>;

// Whether DATABASE names a PostgreSQL database (postgresql:// or postgres://) rather than a
// file.
bool is_postgres_database(const std::string& database);

// The hits, best first. Throw kpproc::Error: "no-database" (it cannot be opened or is not an
// exporter's), "bad-query" (the query's syntax), "search-failed".
std::vector<Hit> search_sqlite(const SearchRequest& request);
std::vector<Hit> search_postgres(const SearchRequest& request);

}  // namespace kpproc::cli
