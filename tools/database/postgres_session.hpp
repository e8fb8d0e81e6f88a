#pragma once
// A connection to a database of kp.exporter.postgres's, for the commands that read or link
// one (search, link): opened from a URL, checked to be the exporter's, and described in
// messages without its password.

#include <libpq-fe.h>

#include <memory>
#include <string>

namespace kpproc::cli {

struct PgConnectionCloser {
    void operator()(PGconn* c) const { PQfinish(c); }
};
using PgConnection = std::unique_ptr<PGconn, PgConnectionCloser>;

struct PgResultClearer {
    void operator()(PGresult* r) const { PQclear(r); }
};
using PgResult = std::unique_ptr<PGresult, PgResultClearer>;

// libpq's message as one line.
std::string pg_one_line(std::string message);

// "postgresql://HOST/DB": where a connection went, never its password.
std::string pg_server(PGconn* conn);

// Connects and checks that `tables` (a comma-separated list) are there. Throws
// kpproc::Error("no-database") naming the server: a string that is no URL (not quoting it,
// which may hold a password), a server that refuses, a database not the exporter's.
PgConnection open_exporter_database(const std::string& url, const std::string& tables);

}  // namespace kpproc::cli
