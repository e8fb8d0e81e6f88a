// The link pass's reads and writes, in SQL that SQLite and PostgreSQL both take (see
// link_store.hpp).
#include "link_store.hpp"

namespace kpproc::cli {

namespace {

constexpr const char* kUndo =
    "UPDATE entities SET entity = l.entity, name = l.name, attributes = l.attributes FROM "
    "entity_links l WHERE l.entity_id = entities.id;"
    "UPDATE speakers SET entity = l.entity FROM speaker_links l WHERE speakers.paragraph_id = "
    "l.paragraph_id AND speakers.entity = l.linked;"
    "DELETE FROM entity_links; DELETE FROM speaker_links";

}  // namespace

void LinkStore::begin() {
    db_->exec(dialect_.begin_transaction);
    db_->exec(dialect_.create_tables);
}

void LinkStore::undo_earlier_links() {
    db_->exec(kUndo);
}

std::vector<StoredDocument> LinkStore::documents() {
    std::vector<StoredDocument> out;
    for (auto& r : db_->rows("SELECT id, source, path FROM documents", {})) {
        out.push_back({std::move(r[0]), std::move(r[1]), std::move(r[2])});
    }
    return out;
}

std::vector<StoredEntity> LinkStore::entities(const std::string& document) {
    std::vector<StoredEntity> out;
    for (auto& r : db_->rows("SELECT id, entity, type, name, CAST(attributes AS TEXT) FROM "
                             "entities WHERE document_id = ? ORDER BY id",
                             {document})) {
        out.push_back(
            {std::move(r[0]), std::move(r[1]), std::move(r[2]), std::move(r[3]), std::move(r[4])});
    }
    return out;
}

std::vector<StoredSpeaker> LinkStore::speakers(const std::string& document) {
    std::vector<StoredSpeaker> out;
    for (auto& r : db_->rows("SELECT s.paragraph_id, s.entity, s.name FROM speakers s JOIN "
                             "paragraphs p ON p.id = s.paragraph_id JOIN items i ON i.id = "
                             "p.item_id WHERE i.document_id = ? ORDER BY s.paragraph_id",
                             {document})) {
        out.push_back({std::move(r[0]), std::move(r[1]), std::move(r[2])});
    }
    return out;
}

void LinkStore::change_entity(const StoredEntity& before, const std::string& entity,
                              const std::string& name, const std::string& attributes) {
    db_->rows(
        "INSERT INTO entity_links (entity_id, entity, name, attributes) VALUES (?, ?, ?, ?) "
        "ON CONFLICT (entity_id) DO NOTHING",
        {before.row, before.entity, before.name, before.attributes});
    db_->rows("UPDATE entities SET entity = ?, name = ?, attributes = ? WHERE id = ?",
              {entity, name, attributes, before.row});
}

void LinkStore::change_speaker(const std::string& paragraph, const std::string& before,
                               const std::string& after) {
    db_->rows("INSERT INTO speaker_links (paragraph_id, entity, linked) VALUES (?, ?, ?)",
              {paragraph, before, after});
    db_->rows("UPDATE speakers SET entity = ? WHERE paragraph_id = ? AND entity = ?",
              {after, paragraph, before});
}

}  // namespace kpproc::cli
