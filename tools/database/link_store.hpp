#pragma once
// What `kpproc link` reads and writes of a database the sqlite or postgres exporter wrote: its
// documents, their entities and speakers, and a record of every value linking changed, so that
// the next pass can start from the documents as they were stored.
//
// The record is two tables of the link's own, made on its first pass:
//   entity_links (entity_id, entity, name, attributes): an entity row's values before linking;
//   speaker_links (paragraph_id, entity, linked): a speaker's entity before and after.
// Both go with their rows (ON DELETE CASCADE): a document replaced by a later batch takes
// its records with it.

#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace kpproc::cli {

struct StoredDocument {
    std::string id;
    std::string source;  // the identity (the key the exporters store documents by)
    std::string path;
};

struct StoredEntity {
    std::string row;  // entities.id
    std::string entity;
    std::string type;
    std::string name;
    std::string attributes;  // a JSON object
};

struct StoredSpeaker {
    std::string paragraph;  // speakers.paragraph_id
    std::string entity;
    std::string name;
};

// One connection to the database, as the link pass uses it: statements in, rows of text out.
class SqlSession {
public:
    using Rows = std::vector<std::vector<std::string>>;
    virtual ~SqlSession() = default;
    // Statements without parameters (several may be given).
    virtual void exec(const std::string& sql) = 0;
    // One statement with `?` placeholders, bound to text parameters; its rows (NULL as "").
    virtual Rows rows(const std::string& sql, const std::vector<std::string>& params) = 0;
};

// What each engine does its own way.
struct LinkDialect {
    std::string create_tables;      // entity_links and speaker_links, if not there
    std::string begin_transaction;  // begins, and keeps writers out until the commit
};

class LinkStore {
public:
    LinkStore(std::unique_ptr<SqlSession> session, LinkDialect dialect)
        : db_(std::move(session)), dialect_(std::move(dialect)) {}

    // One transaction for the whole pass, keeping writers out (readers carry on).
    void begin();
    void commit() { db_->exec("COMMIT"); }
    // Puts back every value an earlier pass changed, and forgets the record.
    void undo_earlier_links();

    std::vector<StoredDocument> documents();
    std::vector<StoredEntity> entities(const std::string& document);
    std::vector<StoredSpeaker> speakers(const std::string& document);

    // Writes an entity's new values, recording `before`.
    void change_entity(const StoredEntity& before, const std::string& entity,
                       const std::string& name, const std::string& attributes);
    // Gives the speakers of `paragraph` that were `before` the entity `after`, recording it.
    void change_speaker(const std::string& paragraph, const std::string& before,
                        const std::string& after);

private:
    std::unique_ptr<SqlSession> db_;
    LinkDialect dialect_;
};

// Throw kpproc::Error("no-database") when the database cannot be opened or is no exporter's.
std::unique_ptr<LinkStore> open_sqlite_link_store(const std::string& path);
std::unique_ptr<LinkStore> open_postgres_link_store(const std::string& url);

}  // namespace kpproc::cli
