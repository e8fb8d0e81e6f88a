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

class LinkStore {
public:
    virtual ~LinkStore() = default;

    // One transaction for the whole pass, keeping writers out (readers carry on).
    virtual void begin() = 0;
    virtual void commit() = 0;
    // Puts back every value an earlier pass changed, and forgets the record.
    virtual void undo_earlier_links() = 0;

    virtual std::vector<StoredDocument> documents() = 0;
    virtual std::vector<StoredEntity> entities(const std::string& document) = 0;
    virtual std::vector<StoredSpeaker> speakers(const std::string& document) = 0;

    // Writes an entity's new values, recording `before`.
    virtual void change_entity(const StoredEntity& before, const std::string& entity,
                               const std::string& name, const std::string& attributes) = 0;
    // Gives the speakers of `paragraph` that were `before` the entity `after`, recording it.
    virtual void change_speaker(const std::string& paragraph, const std::string& before,
                                const std::string& after) = 0;
};

// Throw kpproc::Error("no-database") when the database cannot be opened or is no exporter's.
std::unique_ptr<LinkStore> open_sqlite_link_store(const std::string& path);
std::unique_ptr<LinkStore> open_postgres_link_store(const std::string& url);

}  // namespace kpproc::cli
