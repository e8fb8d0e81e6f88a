// kpproc search over a database written by kp.exporter.postgres (see search.hpp): the same
// hits as over SQLite, found through the passages' tsvector columns (search_source).
#include <libpq-fe.h>

#include <memory>
#include <string>

#include "kpproc/error.hpp"
#include "search.hpp"

namespace kpproc::cli {

namespace {

// QUERY is read as a web search (words, "a phrase", OR, -word), its words folded to lower
// case and not stemmed (the 'simple' configuration the vectors were made with), as SQLite's
// FTS5 index reads them. The snippet marks matched words with \x01 … \x02, as FTS5's does.
constexpr const char* kSearchQuery = R"sql(
WITH q AS (SELECT websearch_to_tsquery('simple', $1) AS q),
hits AS (
  SELECT s.kind, s.row_id, s.document_id, s.text, ts_rank(s.search_vector, q.q) AS score, q.q
  FROM search_source s, q WHERE s.search_vector @@ q.q),
located AS (
  SELECT h.*,
    CASE h.kind WHEN 'paragraph' THEN (SELECT item_id FROM paragraphs WHERE id = h.row_id)
                WHEN 'resolution' THEN (SELECT item_id FROM resolutions WHERE id = h.row_id)
                WHEN 'question' THEN (SELECT item_id FROM questions WHERE id = h.row_id)
                WHEN 'action' THEN (SELECT item_id FROM actions WHERE id = h.row_id) END AS item_id,
    CASE h.kind WHEN 'paragraph' THEN (SELECT span_begin FROM paragraphs WHERE id = h.row_id)
                WHEN 'resolution' THEN (SELECT span_begin FROM resolutions WHERE id = h.row_id)
                WHEN 'question' THEN (SELECT span_begin FROM questions WHERE id = h.row_id)
                WHEN 'action' THEN (SELECT span_begin FROM actions WHERE id = h.row_id) END AS b,
    CASE h.kind WHEN 'paragraph' THEN (SELECT span_end FROM paragraphs WHERE id = h.row_id)
                WHEN 'resolution' THEN (SELECT span_end FROM resolutions WHERE id = h.row_id)
                WHEN 'question' THEN (SELECT span_end FROM questions WHERE id = h.row_id)
                WHEN 'action' THEN (SELECT span_end FROM actions WHERE id = h.row_id) END AS e,
    CASE h.kind WHEN 'paragraph'
         THEN (SELECT string_agg(name, '; ') FROM speakers WHERE paragraph_id = h.row_id)
         WHEN 'question' THEN (SELECT asker FROM questions WHERE id = h.row_id) END AS speaker
  FROM hits h)
SELECT l.kind, d.path, d.body, d.date, i.number, i.title, l.speaker,
       ts_headline('simple', l.text, l.q, 'StartSel=' || chr(1) || ', StopSel=' || chr(2) ||
                   ', MaxWords=20, MinWords=8, HighlightAll=false') AS snippet,
       (SELECT p.number FROM pages p WHERE p.document_id = l.document_id AND p.span_begin <= l.b
        ORDER BY p.number DESC LIMIT 1) AS page
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

struct ConnectionCloser {
    void operator()(PGconn* c) const { PQfinish(c); }
};
struct ResultClearer {
    void operator()(PGresult* r) const { PQclear(r); }
};
using Connection = std::unique_ptr<PGconn, ConnectionCloser>;
using Result = std::unique_ptr<PGresult, ResultClearer>;

std::string one_line(std::string message) {
    while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) {
        message.pop_back();
    }
    for (char& c : message) {
        c = c == '\n' ? ' ' : c;
    }
    return message;
}

// The server, for messages: libpq's own view of where it went, never the password.
std::string server_of(PGconn* conn) {
    const char* host = PQhost(conn);
    const char* db = PQdb(conn);
    return std::string("postgresql://") + (host != nullptr ? host : "") + "/" +
           (db != nullptr ? db : "");
}

// Open, read-only, and checked to be the exporter's.
Connection open_database(const std::string& url) {
    char* error = nullptr;
    PQconninfoOption* options = PQconninfoParse(url.c_str(), &error);
    PQfreemem(error);
    if (options == nullptr) {
        // libpq's reason quotes the URL, which may hold a password.
        throw kpproc::Error("no-database", "not a PostgreSQL URL: give postgresql://USER@HOST/DB");
    }
    PQconninfoFree(options);
    Connection conn(PQconnectdb(url.c_str()));
    if (PQstatus(conn.get()) != CONNECTION_OK) {
        throw kpproc::Error("no-database", "cannot connect to " + server_of(conn.get()) + ": " +
                                               one_line(PQerrorMessage(conn.get())));
    }
    Result check(PQexec(conn.get(),
                        "SET default_transaction_read_only = on; SELECT "
                        "to_regclass('search_source') IS NOT NULL AND "
                        "to_regclass('documents') IS NOT NULL"));
    if (PQresultStatus(check.get()) != PGRES_TUPLES_OK ||
        std::string(PQgetvalue(check.get(), 0, 0)) != "t") {
        throw kpproc::Error("no-database", server_of(conn.get()) +
                                               ": not a database written by the postgres exporter");
    }
    return conn;
}

}  // namespace

bool is_postgres_database(const std::string& database) {
    return database.rfind("postgresql://", 0) == 0 || database.rfind("postgres://", 0) == 0;
}

std::vector<Hit> search_postgres(const SearchRequest& r) {
    const Connection conn = open_database(r.database);
    const std::string limit = std::to_string(r.limit);
    const char* params[] = {r.query.c_str(), r.body.c_str(),   r.from.c_str(), r.to.c_str(),
                            r.kind.c_str(),  r.person.c_str(), limit.c_str()};
    Result rows(PQexecParams(conn.get(), kSearchQuery, 7, nullptr, params, nullptr, nullptr, 0));
    if (PQresultStatus(rows.get()) != PGRES_TUPLES_OK) {
        throw kpproc::Error("search-failed", server_of(conn.get()) + ": " +
                                                 one_line(PQresultErrorMessage(rows.get())));
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
