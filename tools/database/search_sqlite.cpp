// kpproc search over a database written by kp.exporter.sqlite (see search.hpp).
#include <Poco/Data/RecordSet.h>
#include <Poco/Data/SQLite/Connector.h>
#include <Poco/Data/Session.h>
#include <Poco/Data/Statement.h>

#include <filesystem>
#include <memory>

#include "kpproc/error.hpp"
#include "search.hpp"

namespace kpproc::cli {

namespace {

// What `kpproc search` asks of a database written by kp.exporter.sqlite: the FTS5 `search`
// table, each hit led back to its document, item, speaker and span. Filters are bound as
// parameters; an empty one matches everything.
const std::string kSearchQuery = std::string(R"sql(
WITH hits AS (
  SELECT s.kind AS kind, s.row_id AS row_id, s.document_id AS document_id,
         snippet(search, 0, char(1), char(2), '…', 20) AS snippet, bm25(search) AS score
  FROM search s WHERE search MATCH ?),
located AS (
  SELECT h.*,
)sql") + kp_rows::hit_location_sql() +
                                 R"sql(
    CASE h.kind WHEN 'paragraph'
         THEN (SELECT group_concat(name, '; ') FROM speakers WHERE paragraph_id = h.row_id)
         WHEN 'question' THEN (SELECT asker FROM questions WHERE id = h.row_id) END AS speaker
  FROM hits h)
SELECT l.kind, d.path, d.body, d.date, i.number, i.title, l.speaker, l.snippet, %PAGE% AS page,
       l.document_id
FROM located l JOIN documents d ON d.id = l.document_id LEFT JOIN items i ON i.id = l.item_id
WHERE (? = '' OR d.body LIKE '%' || ? || '%')
  AND (? = '' OR d.date >= ?) AND (? = '' OR d.date <= ?)
  AND (? = '' OR l.kind = ?)
  AND (? = '' OR COALESCE(l.speaker, '') LIKE '%' || ? || '%'
       OR EXISTS (SELECT 1 FROM entities en JOIN mentions m ON m.entity_id = en.id
                  WHERE en.document_id = l.document_id AND en.type = 'PERSON'
                    AND en.name LIKE '%' || ? || '%'
                    AND m.span_begin >= l.b AND m.span_end <= l.e))
ORDER BY l.score, d.date, d.path
LIMIT ?)sql";

// The page a hit begins on, from the pages of a PDF's document (schema 7); a database from
// before pages has none to give.
constexpr const char* kHitPage =
    "(SELECT p.number FROM pages p WHERE p.document_id = l.document_id AND p.span_begin <= l.b "
    "ORDER BY p.number DESC LIMIT 1)";

// A database the sqlite exporter wrote, open.
struct SearchDatabase {
    std::unique_ptr<Poco::Data::Session> session;
    bool has_pages = false;  // one from before schema 7 has no pages to give
};

SearchDatabase open_search_database(const std::string& database) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(database, ec)) {
        throw kpproc::Error("no-database", database + ": no such database file");
    }
    Poco::Data::SQLite::Connector::registerConnector();
    using namespace Poco::Data::Keywords;
    try {
        auto session =
            std::make_unique<Poco::Data::Session>(Poco::Data::SQLite::Connector::KEY, database);
        int tables = 0;
        *session << "SELECT COUNT(*) FROM sqlite_master WHERE name IN ('search', 'documents')",
            into(tables), now;
        if (tables != 2) {
            throw kpproc::Error("no-database",
                                database + ": not a database written by the sqlite exporter");
        }
        // Searching only reads: the connection refuses to write, whoever runs the search (the
        // web app's requests among them).
        *session << "PRAGMA query_only = 1", now;
        int pages = 0;
        *session << "SELECT COUNT(*) FROM sqlite_master WHERE name = 'pages'", into(pages), now;
        return SearchDatabase{std::move(session), pages != 0};
    } catch (const Poco::Exception& e) {
        throw kpproc::Error("no-database", database + ": cannot read it: " + e.displayText());
    }
}

// The hits, best first, each as kSearchQuery selects its columns (nullopt for NULL).
std::vector<Hit> find_hits(const SearchDatabase& db, const SearchRequest& r) {
    using namespace Poco::Data::Keywords;
    std::vector<Hit> hits;
    try {
        std::string sql = kSearchQuery;
        sql.replace(sql.find("%PAGE%"), 6, db.has_pages ? kHitPage : "NULL");
        Poco::Data::Statement select(*db.session);
        select << sql, bind(r.query), bind(r.body), bind(r.body), bind(r.from), bind(r.from),
            bind(r.to), bind(r.to), bind(r.kind), bind(r.kind), bind(r.person), bind(r.person),
            bind(r.person), bind(static_cast<Poco::Int64>(r.limit));
        select.execute();
        Poco::Data::RecordSet rows(select);
        for (std::size_t row = 0; row < rows.rowCount(); ++row) {
            Hit hit;
            for (std::size_t c = 0; c < rows.columnCount(); ++c) {
                hit.push_back(rows.isNull(c, row)
                                  ? std::nullopt
                                  : std::optional(rows.value(c, row).convert<std::string>()));
            }
            hits.push_back(std::move(hit));
        }
    } catch (const Poco::Exception& e) {
        // The database is the exporter's (checked when opened): what fails now is the query.
        throw kpproc::Error("bad-query", "the query '" + r.query + "' is not FTS5 syntax (" +
                                             e.displayText() + ")");
    }
    return hits;
}

}  // namespace

std::vector<Hit> search_sqlite(const SearchRequest& request) {
    return find_hits(open_search_database(request.database), request);
}

}  // namespace kpproc::cli
