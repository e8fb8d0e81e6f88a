// kpproc link over a database written by kp.exporter.postgres (see link_store.hpp).
#include <libpq-fe.h>

#include <initializer_list>
#include <memory>

#include "kpproc/error.hpp"
#include "link_store.hpp"

namespace kpproc::cli {

namespace {

constexpr const char* kLinkTables =
    "CREATE TABLE IF NOT EXISTS entity_links (entity_id BIGINT PRIMARY KEY REFERENCES "
    "entities(id) ON DELETE CASCADE, entity TEXT NOT NULL, name TEXT NOT NULL, attributes JSONB "
    "NOT NULL);"
    "CREATE TABLE IF NOT EXISTS speaker_links (paragraph_id BIGINT NOT NULL REFERENCES "
    "paragraphs(id) ON DELETE CASCADE, entity TEXT NOT NULL, linked TEXT NOT NULL);"
    "CREATE INDEX IF NOT EXISTS speaker_links_paragraph ON speaker_links(paragraph_id)";

constexpr const char* kUndo =
    "UPDATE entities SET entity = l.entity, name = l.name, attributes = l.attributes FROM "
    "entity_links l WHERE l.entity_id = entities.id;"
    "UPDATE speakers SET entity = l.entity FROM speaker_links l WHERE speakers.paragraph_id = "
    "l.paragraph_id AND speakers.entity = l.linked;"
    "DELETE FROM entity_links; DELETE FROM speaker_links";

struct Clear {
    void operator()(PGresult* r) const { PQclear(r); }
};
using Result = std::unique_ptr<PGresult, Clear>;

std::string one_line(std::string message) {
    while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) {
        message.pop_back();
    }
    for (char& c : message) {
        c = c == '\n' ? ' ' : c;
    }
    return message;
}

class PostgresLinkStore final : public LinkStore {
public:
    explicit PostgresLinkStore(const std::string& url) {
        char* error = nullptr;
        PQconninfoOption* options = PQconninfoParse(url.c_str(), &error);
        PQfreemem(error);
        if (options == nullptr) {  // libpq's reason quotes the URL, password and all
            throw Error("no-database", "not a PostgreSQL URL: give postgresql://USER@HOST/DB");
        }
        PQconninfoFree(options);
        conn_ = PQconnectdb(url.c_str());
        server_ = std::string("postgresql://") + (PQhost(conn_) ? PQhost(conn_) : "") + "/" +
                  (PQdb(conn_) ? PQdb(conn_) : "");
        if (PQstatus(conn_) != CONNECTION_OK) {
            const std::string why = one_line(PQerrorMessage(conn_));
            PQfinish(conn_);
            throw Error("no-database", "cannot connect to " + server_ + ": " + why);
        }
        const Result check(PQexec(conn_,
                                  "SELECT to_regclass('documents') IS NOT NULL AND "
                                  "to_regclass('entities') IS NOT NULL AND "
                                  "to_regclass('speakers') IS NOT NULL"));
        if (PQresultStatus(check.get()) != PGRES_TUPLES_OK ||
            std::string(PQgetvalue(check.get(), 0, 0)) != "t") {
            PQfinish(conn_);
            throw Error("no-database",
                        server_ + ": not a database written by the postgres exporter");
        }
        exec("SET client_min_messages = warning");
    }
    ~PostgresLinkStore() override { PQfinish(conn_); }
    PostgresLinkStore(const PostgresLinkStore&) = delete;
    PostgresLinkStore& operator=(const PostgresLinkStore&) = delete;

    void begin() override {
        exec("BEGIN");
        exec(kLinkTables);
        // Writers wait until the pass commits (a document's transaction writes entities);
        // readers, kpproc search among them, carry on.
        exec("LOCK TABLE documents, entities, speakers IN EXCLUSIVE MODE");
    }
    void commit() override { exec("COMMIT"); }
    void undo_earlier_links() override { exec(kUndo); }

    std::vector<StoredDocument> documents() override {
        std::vector<StoredDocument> out;
        const Result r = query("SELECT id, source, path FROM documents", {});
        for (int i = 0; i < PQntuples(r.get()); ++i) {
            out.push_back({value(r, i, 0), value(r, i, 1), value(r, i, 2)});
        }
        return out;
    }
    std::vector<StoredEntity> entities(const std::string& document) override {
        std::vector<StoredEntity> out;
        const Result r = query(
            "SELECT id, entity, type, name, attributes::text FROM entities "
            "WHERE document_id = $1 ORDER BY id",
            {document});
        for (int i = 0; i < PQntuples(r.get()); ++i) {
            out.push_back(
                {value(r, i, 0), value(r, i, 1), value(r, i, 2), value(r, i, 3), value(r, i, 4)});
        }
        return out;
    }
    std::vector<StoredSpeaker> speakers(const std::string& document) override {
        std::vector<StoredSpeaker> out;
        const Result r = query(
            "SELECT s.paragraph_id, s.entity, s.name FROM speakers s JOIN paragraphs p ON p.id = "
            "s.paragraph_id JOIN items i ON i.id = p.item_id WHERE i.document_id = $1 ORDER BY "
            "s.paragraph_id",
            {document});
        for (int i = 0; i < PQntuples(r.get()); ++i) {
            out.push_back({value(r, i, 0), value(r, i, 1), value(r, i, 2)});
        }
        return out;
    }

    void change_entity(const StoredEntity& before, const std::string& entity,
                       const std::string& name, const std::string& attributes) override {
        query(
            "INSERT INTO entity_links (entity_id, entity, name, attributes) VALUES ($1, $2, "
            "$3, $4::jsonb) ON CONFLICT (entity_id) DO NOTHING",
            {before.row, before.entity, before.name, before.attributes});
        query("UPDATE entities SET entity = $1, name = $2, attributes = $3::jsonb WHERE id = $4",
              {entity, name, attributes, before.row});
    }
    void change_speaker(const std::string& paragraph, const std::string& before,
                        const std::string& after) override {
        query("INSERT INTO speaker_links (paragraph_id, entity, linked) VALUES ($1, $2, $3)",
              {paragraph, before, after});
        query("UPDATE speakers SET entity = $1 WHERE paragraph_id = $2 AND entity = $3",
              {after, paragraph, before});
    }

private:
    void exec(const char* sql) {
        const Result r(PQexec(conn_, sql));
        check(r);
    }

    Result query(const char* sql, std::initializer_list<std::string> params) {
        std::vector<const char*> values;
        for (const auto& p : params) {
            values.push_back(p.c_str());
        }
        Result r(PQexecParams(conn_, sql, static_cast<int>(values.size()), nullptr, values.data(),
                              nullptr, nullptr, 0));
        check(r);
        return r;
    }

    void check(const Result& r) const {
        const auto status = PQresultStatus(r.get());
        if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
            throw Error("link-failed", server_ + ": " + one_line(PQresultErrorMessage(r.get())));
        }
    }

    static std::string value(const Result& r, int row, int column) {
        return PQgetvalue(r.get(), row, column);
    }

    PGconn* conn_ = nullptr;
    std::string server_;  // for messages: never the password
};

}  // namespace

std::unique_ptr<LinkStore> open_postgres_link_store(const std::string& url) {
    return std::make_unique<PostgresLinkStore>(url);
}

}  // namespace kpproc::cli
