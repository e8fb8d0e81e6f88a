// A thin RAII layer over the SQLite C API for kp.exporter.sqlite: a connection, and a prepared
// statement that is bound, stepped and reset in one call, so that no statement is ever left
// half-run (a statement left running would keep its snapshot and block ROLLBACK TO).
#pragma once

#include <sqlite3.h>

#include <concepts>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>

namespace kp_sqlite {

// A failed SQLite call, with its result code: a lock (SQLITE_BUSY, SQLITE_LOCKED) is waited out
// and tried again; anything else fails what was being done.
class SqliteError : public std::runtime_error {
public:
    SqliteError(int code, const std::string& message) : std::runtime_error(message), code_(code) {}
    bool is_lock() const {
        const int primary = code_ & 0xFF;
        return primary == SQLITE_BUSY || primary == SQLITE_LOCKED;
    }

private:
    int code_;
};

// Throws the connection's last error (its message is only valid until the next call on it).
[[noreturn]] inline void throw_error(sqlite3* db, int code) {
    throw SqliteError(code, db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(code));
}

class Connection {
public:
    // `create`: a new file when there is none; `existing`: only a database that exists.
    enum class Open { create, existing };

    explicit Connection(const std::string& path, Open open = Open::create) {
        // NOMUTEX: each connection is used from one thread (the writer from the host's export
        // thread, the background checkpoint's from its own).
        const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX |
                          (open == Open::create ? SQLITE_OPEN_CREATE : 0);
        const int rc = sqlite3_open_v2(path.c_str(), &db_, flags, nullptr);
        if (rc != SQLITE_OK) {
            const std::string message = db_ != nullptr ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
            sqlite3_close_v2(db_);
            db_ = nullptr;
            throw SqliteError(rc, message);
        }
        sqlite3_extended_result_codes(db_, 1);
    }
    ~Connection() { sqlite3_close_v2(db_); }
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;

    sqlite3* get() const { return db_; }

    // Runs one or more statements that need no parameters (pragmas, schema changes).
    void exec(const char* sql) {
        const int rc = sqlite3_exec(db_, sql, nullptr, nullptr, nullptr);
        if (rc != SQLITE_OK) {
            throw_error(db_, rc);
        }
    }

    // In a transaction (BEGIN … COMMIT not yet done, or not undone by an error).
    bool in_transaction() const { return sqlite3_get_autocommit(db_) == 0; }

private:
    sqlite3* db_ = nullptr;
};

class Statement {
public:
    // Prepared once for the whole batch: PERSISTENT tells SQLite so (it allocates accordingly).
    Statement(sqlite3* db, const char* sql) {
        const int rc = sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt_, nullptr);
        if (rc != SQLITE_OK) {
            throw_error(db, rc);
        }
    }
    ~Statement() { sqlite3_finalize(stmt_); }
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;

    // Runs a statement that returns no rows, with `args` bound to its parameters in order.
    template <class... Args>
    void run(const Args&... args) {
        const Use use(*this, args...);
        while (step()) {
        }
    }

    // Runs a statement that returns no rows, after bind(statement) bound every parameter.
    template <class Bind>
    void run_bound(Bind&& bind) {
        const Reset reset(stmt_);
        bind(stmt_);
        while (step()) {
        }
    }

    // Runs a query and calls `read(*this)` on its first row; false when there is none.
    template <class Read, class... Args>
    bool first_row(Read&& read, const Args&... args) {
        const Use use(*this, args...);
        if (!step()) {
            return false;
        }
        read(*this);
        return true;
    }

    // Runs a query and calls `read(*this)` on each row.
    template <class Read, class... Args>
    void each_row(Read&& read, const Args&... args) {
        const Use use(*this, args...);
        while (step()) {
            read(*this);
        }
    }

    bool is_null(int column) const { return sqlite3_column_type(stmt_, column) == SQLITE_NULL; }
    std::int64_t integer(int column) const { return sqlite3_column_int64(stmt_, column); }
    std::string_view text(int column) const {
        const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, column));
        return p == nullptr ? std::string_view()
                            : std::string_view(
                                  p, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column)));
    }

private:
    // Resets the statement when a run ends, even when a step throws: a statement left half-run
    // would keep its snapshot.
    class Reset {
    public:
        explicit Reset(sqlite3_stmt* s) : s_(s) {}
        ~Reset() { sqlite3_reset(s_); }
        Reset(const Reset&) = delete;
        Reset& operator=(const Reset&) = delete;

    private:
        sqlite3_stmt* s_;
    };

    // Binds the arguments for one run and resets the statement afterwards, even when a step
    // throws. Text is bound without a copy (SQLITE_STATIC): the arguments outlive the run, and
    // every run binds every parameter again.
    class Use {
    public:
        template <class... Args>
        Use(Statement& s, const Args&... args) : s_(s) {
            if (static_cast<int>(sizeof...(args)) != sqlite3_bind_parameter_count(s.stmt_)) {
                throw std::logic_error(std::string("wrong number of parameters for: ") +
                                       sqlite3_sql(s.stmt_));
            }
            int i = 0;
            (s.bind(++i, args), ...);
        }
        ~Use() { sqlite3_reset(s_.stmt_); }
        Use(const Use&) = delete;
        Use& operator=(const Use&) = delete;

    private:
        Statement& s_;
    };

    bool step() {
        const int rc = sqlite3_step(stmt_);
        if (rc == SQLITE_ROW) {
            return true;
        }
        if (rc != SQLITE_DONE) {
            throw_error(sqlite3_db_handle(stmt_), rc);
        }
        return false;
    }

    void check(int rc) {
        if (rc != SQLITE_OK) {
            throw_error(sqlite3_db_handle(stmt_), rc);
        }
    }
    template <std::integral T>
    void bind(int i, T value) {
        check(sqlite3_bind_int64(stmt_, i, static_cast<sqlite3_int64>(value)));
    }
    void bind(int i, double value) { check(sqlite3_bind_double(stmt_, i, value)); }
    void bind(int i, std::string_view value) {
        check(
            sqlite3_bind_text64(stmt_, i, value.data(), value.size(), SQLITE_STATIC, SQLITE_UTF8));
    }
    void bind(int i, const std::string& value) { bind(i, std::string_view(value)); }
    void bind(int i, const char* value) { bind(i, std::string_view(value)); }
    void bind(int i, std::nullopt_t) { check(sqlite3_bind_null(stmt_, i)); }
    template <class T>
    void bind(int i, const std::optional<T>& value) {
        if (value) {
            bind(i, *value);
        } else {
            bind(i, std::nullopt);
        }
    }

    sqlite3_stmt* stmt_ = nullptr;
};

}  // namespace kp_sqlite
