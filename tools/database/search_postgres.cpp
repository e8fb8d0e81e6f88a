// kpproc search over a database written by kp.exporter.postgres (see search.hpp): the same
// hits as over SQLite, found through the passages' tsvector columns (search_source).
#include <libpq-fe.h>

#include <memory>
#include <string>

#include "kpproc/error.hpp"
#include "postgres_session.hpp"
#include "search.hpp"

namespace kpproc::cli {

namespace {

// QUERY is read as a web search (words, "a phrase", OR, -word), its words folded to lower
// case and not stemmed (the 'simple' configuration the vectors were made with), as SQLite's
// FTS5 index reads them. The snippet marks matched words with \x01 … \x02, as FTS5's does.
const std::string kSearchQuery = std::string(R"sql(
WITH q AS (SELECT websearch_to_tsquery('simple', $1) AS q),
hits AS (
  SELECT s.kind, s.row_id, s.document_id, s.text, ts_rank(s.search_vector, q.q) AS score, q.q
  FROM search_source s, q WHERE s.search_vector @@ q.q),
located AS (
  SELECT h.*,
)sql") + kp_rows::hit_location_sql() +
                                 R"sql(
    CASE h.kind WHEN 'paragraph'
         THEN (SELECT string_agg(name, '; ') FROM speakers WHERE paragraph_id = h.row_id)
         WHEN 'question' THEN (SELECT asker FROM questions WHERE id = h.row_id) END AS speaker
  FROM hits h)
SELECT l.kind, d.path, d.body, d.date, i.number, i.title, l.speaker,
       ts_headline('simple', l.text, l.q, 'StartSel=' || chr(1) || ', StopSel=' || chr(2) ||
                   ', MaxWords=20, MinWords=8, HighlightAll=false') AS snippet,
       (SELECT p.number FROM pages p WHERE p.document_id = l.document_id AND p.span_begin <= l.b
        ORDER BY p.number DESC LIMIT 1) AS page,
       l.document_id
FROM located l JOIN documents d ON d.id = l.document_id LEFT JOIN items i ON i.id = l.item_id
WHERE ($2 = '' OR d.body ILIKE '%' || $2 || '%')
  AND ($3 = '' OR d.date >= $3) AND ($4 = '' OR d.date <= $4)
  AND ($5 = '' OR l.kind = $5)
  AND ($6 = '' OR COALESCE(l.speaker, '') ILIKE '%' || $6 || '%'
       OR EXISTS (SELECT 1 FROM entities en JOIN mentions m ON m.entity_id = en.id
                  WHERE en.document_id = l.document_id AND en.type = 'PERSON'
                    AND en.name ILIKE '%' || $6 || '%'
                    AND m.span_begin >= l.b AND m.span_end <= l.e))
ORDER BY l.score DESC, d.date, d.path
LIMIT $7)sql";

}  // namespace

bool is_postgres_database(const std::string& database) {
    return database.rfind("postgresql://", 0) == 0 || database.rfind("postgres://", 0) == 0;
}

std::vector<Hit> search_postgres(const SearchRequest& r) {
    const PgConnection conn = open_exporter_database(r.database, "documents, search_source");
    PgResult(PQexec(conn.get(), "SET default_transaction_read_only = on"));
    const std::string limit = std::to_string(r.limit);
    const char* params[] = {r.query.c_str(), r.body.c_str(),   r.from.c_str(), r.to.c_str(),
                            r.kind.c_str(),  r.person.c_str(), limit.c_str()};
    const PgResult rows(
        PQexecParams(conn.get(), kSearchQuery.c_str(), 7, nullptr, params, nullptr, nullptr, 0));
    if (PQresultStatus(rows.get()) != PGRES_TUPLES_OK) {
        throw kpproc::Error("search-failed", pg_server(conn.get()) + ": " +
                                                 pg_one_line(PQresultErrorMessage(rows.get())));
    }
    std::vector<Hit> hits;
    for (int i = 0; i < PQntuples(rows.get()); ++i) {
        Hit hit;
        for (int c = 0; c < PQnfields(rows.get()); ++c) {
            hit.push_back(PQgetisnull(rows.get(), i, c)
                              ? std::nullopt
                              : std::optional<std::string>(PQgetvalue(rows.get(), i, c)));
        }
        hits.push_back(std::move(hit));
    }
    return hits;
}

}  // namespace kpproc::cli
