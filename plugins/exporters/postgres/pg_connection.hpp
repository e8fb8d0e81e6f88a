// libpq, held as C++ owns things: one connection, results freed when they go out of scope,
// errors as exceptions that never carry a password.
#pragma once

#include <libpq-fe.h>

#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace kp_postgres {

// A failure the server or libpq reported. `sqlstate` is PostgreSQL's five-character code
// ("23505" a unique violation, "40P01" a deadlock), empty when the connection itself failed.
class PgError : public std::runtime_error {
public:
    PgError(const std::string& message, std::string sqlstate)
        : std::runtime_error(message), sqlstate_(std::move(sqlstate)) {}
    const std::string& sqlstate() const { return sqlstate_; }

private:
    std::string sqlstate_;
};

// libpq's messages end in a newline (and sometimes carry a second line of detail): one line.
inline std::string one_line(std::string message) {
    while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) {
        message.pop_back();
    }
    for (char& c : message) {
        if (c == '\n') {
            c = ' ';
        }
    }
    return message;
}

struct ResultDeleter {
    void operator()(PGresult* r) const { PQclear(r); }
};
using Result = std::unique_ptr<PGresult, ResultDeleter>;

// Where a connection string points, for messages: "postgresql://kpproc@/tmp/pg:5432/minutes"
// with no password, whichever form (URL or key=value) it was given in. An unreadable string
// is shown as "(a PostgreSQL connection string)".
inline std::string describe_target(const std::string& conninfo) {
    char* error = nullptr;
    PQconninfoOption* options = PQconninfoParse(conninfo.c_str(), &error);
    PQfreemem(error);
    if (options == nullptr) {
        return "(a PostgreSQL connection string)";
    }
    std::string user, host, port, dbname;
    for (PQconninfoOption* o = options; o->keyword != nullptr; ++o) {
        const std::string_view key = o->keyword;
        const std::string value = o->val != nullptr ? o->val : "";
        if (key == "user") {
            user = value;
        } else if (key == "host" || (key == "hostaddr" && host.empty())) {
            host = value;
        } else if (key == "port") {
            port = value;
        } else if (key == "dbname") {
            dbname = value;
        }
    }
    PQconninfoFree(options);
    std::string text = "postgresql://";
    text += user.empty() ? "" : user + "@";
    text += host.empty() ? "localhost" : host;
    text += port.empty() ? "" : ":" + port;
    return text + "/" + dbname;
}

class Connection {
public:
    // Connects, or throws PgError naming the server (never the password).
    explicit Connection(const std::string& conninfo) : target_(describe_target(conninfo)) {
        check_syntax(conninfo);
        conn_ = PQconnectdb(conninfo.c_str());
        if (conn_ == nullptr) {
            throw PgError("cannot connect to " + target_ + ": out of memory", "");
        }
        if (PQstatus(conn_) != CONNECTION_OK) {
            const std::string why = one_line(PQerrorMessage(conn_));
            PQfinish(conn_);
            conn_ = nullptr;
            throw PgError("cannot connect to " + target_ + ": " + why, "");
        }
    }
    ~Connection() {
        if (conn_ != nullptr) {
            PQfinish(conn_);
        }
    }
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;

    PGconn* get() const { return conn_; }
    const std::string& target() const { return target_; }

    // Runs SQL with no parameters (several statements may be given); throws on failure.
    void exec(const std::string& sql) { check(Result(PQexec(conn_, sql.c_str())), sql); }

    // Runs one statement with text parameters (nullptr for NULL); returns its rows.
    Result query(const std::string& sql, const std::vector<const char*>& params = {}) {
        Result r(PQexecParams(conn_, sql.c_str(), static_cast<int>(params.size()), nullptr,
                              params.data(), nullptr, nullptr, 0));
        check_ref(r, sql);
        return r;
    }

    // COPY table (columns) FROM STDIN with `data` in COPY's text format.
    void copy_in(const std::string& copy_sql, std::string_view data) {
        Result start(PQexec(conn_, copy_sql.c_str()));
        if (PQresultStatus(start.get()) != PGRES_COPY_IN) {
            check(std::move(start), copy_sql);
            throw PgError("COPY did not start: " + copy_sql, "");
        }
        if (PQputCopyData(conn_, data.data(), static_cast<int>(data.size())) != 1 ||
            PQputCopyEnd(conn_, nullptr) != 1) {
            throw PgError(one_line(PQerrorMessage(conn_)), "");
        }
        Result end(PQgetResult(conn_));
        // Every result read before the outcome is judged: one left unread would keep the
        // connection busy, and the ROLLBACK after a failure would never reach the server.
        while (PGresult* extra = PQgetResult(conn_)) {
            PQclear(extra);
        }
        check(std::move(end), copy_sql);
    }

    bool in_transaction() const {
        return PQtransactionStatus(conn_) == PQTRANS_INTRANS ||
               PQtransactionStatus(conn_) == PQTRANS_INERROR;
    }

private:
    // A string libpq cannot read is refused with what to give instead. Not with libpq's
    // reason: that quotes the string, which may hold a password.
    static void check_syntax(const std::string& conninfo) {
        char* error = nullptr;
        PQconninfoOption* options = PQconninfoParse(conninfo.c_str(), &error);
        PQfreemem(error);
        if (options != nullptr) {
            PQconninfoFree(options);
            return;
        }
        throw PgError(
            "-o is not a PostgreSQL connection string: give "
            "postgresql://USER@HOST/DATABASE or 'host=HOST dbname=DATABASE'",
            "");
    }

    void check(Result r, const std::string& sql) { check_ref(r, sql); }
    void check_ref(const Result& r, const std::string& sql) {
        const ExecStatusType status = PQresultStatus(r.get());
        if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) {
            return;
        }
        const char* state = r ? PQresultErrorField(r.get(), PG_DIAG_SQLSTATE) : nullptr;
        std::string message = one_line(r ? PQresultErrorMessage(r.get()) : PQerrorMessage(conn_));
        if (message.empty()) {
            message = std::string("unexpected result ") + PQresStatus(status) +
                      " for: " + sql.substr(0, 80);
        }
        throw PgError(message, state != nullptr ? state : "");
    }

    std::string target_;
    PGconn* conn_ = nullptr;
};

// One value of a result (nullptr for NULL).
inline const char* value(const Result& r, int row, int column) {
    return PQgetisnull(r.get(), row, column) ? nullptr : PQgetvalue(r.get(), row, column);
}

}  // namespace kp_postgres
