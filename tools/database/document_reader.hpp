#pragma once
// A document back from a database kpproc's exporters wrote: every fact stored, as the Document
// it was made from — less its diagnostics, which no table keeps, and with its entities in the
// order the database holds them. For the tools that show a meeting (kpproc show, kpproc serve).

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "kpproc/model.hpp"

namespace kpproc::cli {

// A value of a row, or nullopt for SQL NULL.
using Cell = std::optional<std::string>;
using CellRows = std::vector<std::vector<Cell>>;

// What the reader asks of a database: the rows of a query whose `?` parameters are `params`.
class CellQuery {
public:
    virtual ~CellQuery() = default;
    virtual CellRows rows(const std::string& sql, const std::vector<std::string>& params) = 0;
};

// A database the sqlite exporter wrote, opened read-only. Throws kpproc::Error("no-database")
// for a file that is missing or is not such a database.
std::unique_ptr<CellQuery> open_sqlite_cells(const std::string& path);

// The document `which` names: its id in the database (a number), its source identity, or its
// path as it was given (when that names one document only). nullopt when none is found;
// kpproc::Error("ambiguous-document") when a path names several, listing their ids.
std::optional<Document> read_document(CellQuery& db, const std::string& which);

}  // namespace kpproc::cli
