#include "postgres_session.hpp"

#include "kpproc/error.hpp"

namespace kpproc::cli {

std::string pg_one_line(std::string message) {
    while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) {
        message.pop_back();
    }
    for (char& c : message) {
        c = c == '\n' ? ' ' : c;
    }
    return message;
}

std::string pg_server(PGconn* conn) {
    const char* host = PQhost(conn);
    const char* db = PQdb(conn);
    return std::string("postgresql://") + (host != nullptr ? host : "") + "/" +
           (db != nullptr ? db : "");
}

PgConnection open_exporter_database(const std::string& url, const std::string& tables) {
    char* error = nullptr;
    PQconninfoOption* options = PQconninfoParse(url.c_str(), &error);
    PQfreemem(error);
    if (options == nullptr) {
        throw kpproc::Error("no-database", "not a PostgreSQL URL: give postgresql://USER@HOST/DB");
    }
    PQconninfoFree(options);
    PgConnection conn(PQconnectdb(url.c_str()));
    if (PQstatus(conn.get()) != CONNECTION_OK) {
        throw kpproc::Error("no-database", "cannot connect to " + pg_server(conn.get()) + ": " +
                                               pg_one_line(PQerrorMessage(conn.get())));
    }
    const std::string check =
        "SELECT bool_and(to_regclass(trim(t)) IS NOT NULL) FROM "
        "unnest(string_to_array('" +
        tables + "', ',')) AS t";
    const PgResult r(PQexec(conn.get(), check.c_str()));
    if (PQresultStatus(r.get()) != PGRES_TUPLES_OK ||
        std::string(PQgetvalue(r.get(), 0, 0)) != "t") {
        throw kpproc::Error("no-database", pg_server(conn.get()) +
                                               ": not a database written by the postgres exporter");
    }
    return conn;
}

}  // namespace kpproc::cli
