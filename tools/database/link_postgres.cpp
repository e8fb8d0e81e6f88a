// kpproc link over a database written by kp.exporter.postgres: its session (see
// link_store.hpp).
#include <libpq-fe.h>

#include "kpproc/error.hpp"
#include "link_store.hpp"
#include "postgres_session.hpp"

namespace kpproc::cli {

namespace {

// "… = ? AND … = ?" as PostgreSQL numbers its parameters: "… = $1 AND … = $2". (The link's
// SQL has no '?' inside a string.)
std::string numbered_parameters(const std::string& sql) {
    std::string out;
    int n = 0;
    for (const char c : sql) {
        out += c == '?' ? "$" + std::to_string(++n) : std::string(1, c);
    }
    return out;
}

class PostgresSession final : public SqlSession {
public:
    explicit PostgresSession(const std::string& url)
        : conn_(open_exporter_database(url, "documents, entities, speakers")),
          server_(pg_server(conn_.get())) {
        exec("SET client_min_messages = warning");
    }

    void exec(const std::string& sql) override {
        check(PgResult(PQexec(conn_.get(), sql.c_str())));
    }

    Rows rows(const std::string& sql, const std::vector<std::string>& params) override {
        std::vector<const char*> values;
        for (const auto& p : params) {
            values.push_back(p.c_str());
        }
        const PgResult r = check(PgResult(PQexecParams(
            conn_.get(), numbered_parameters(sql).c_str(), static_cast<int>(values.size()), nullptr,
            values.data(), nullptr, nullptr, 0)));
        Rows out;
        for (int i = 0; i < PQntuples(r.get()); ++i) {
            std::vector<std::string> row;
            for (int c = 0; c < PQnfields(r.get()); ++c) {
                row.emplace_back(PQgetvalue(r.get(), i, c));
            }
            out.push_back(std::move(row));
        }
        return out;
    }

private:
    PgResult check(PgResult r) const {
        const auto status = PQresultStatus(r.get());
        if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
            throw Error("link-failed", server_ + ": " + pg_one_line(PQresultErrorMessage(r.get())));
        }
        return r;
    }

    PgConnection conn_;
    std::string server_;  // for messages: never the password
};

}  // namespace

std::unique_ptr<LinkStore> open_postgres_link_store(const std::string& url) {
    LinkDialect dialect{
        .create_tables =
            "CREATE TABLE IF NOT EXISTS entity_links (entity_id BIGINT PRIMARY KEY REFERENCES "
            "entities(id) ON DELETE CASCADE, entity TEXT NOT NULL, name TEXT NOT NULL, "
            "attributes JSONB NOT NULL);"
            "CREATE TABLE IF NOT EXISTS speaker_links (paragraph_id BIGINT NOT NULL REFERENCES "
            "paragraphs(id) ON DELETE CASCADE, entity TEXT NOT NULL, linked TEXT NOT NULL);"
            "CREATE INDEX IF NOT EXISTS speaker_links_paragraph ON speaker_links(paragraph_id)",
        // Writers wait until the pass commits (a group's transaction writes entities);
        // readers, kpproc search among them, carry on.
        .begin_transaction = "BEGIN; LOCK TABLE documents, entities, speakers IN EXCLUSIVE MODE"};
    return std::make_unique<LinkStore>(std::make_unique<PostgresSession>(url), std::move(dialect));
}

}  // namespace kpproc::cli
