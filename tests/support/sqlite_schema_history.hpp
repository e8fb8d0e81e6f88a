// What the tests need to put a database written by kp.exporter.sqlite back to an earlier
// schema version, so that the exporter's migrations can be tested on it.
#pragma once

#include <string>
#include <vector>

namespace kpproc::testing {

// The indexes of today's schema (as `SELECT name FROM sqlite_schema WHERE type = 'index' AND
// sql IS NOT NULL ORDER BY name` lists them): what a batch into an empty database defers and
// builds at its end must all be there once it has ended.
inline const std::vector<std::string> kSqliteIndexes = {
    "actions_item",      "attendance_document", "decisions_item",    "decisions_ref",
    "documents_date",    "documents_path",      "documents_sha256",  "documents_source_sha256",
    "entities_document", "entities_entity",     "events_item",       "item_documents_item",
    "items_document",    "paragraphs_item",     "paragraphs_parent", "paragraphs_question",
    "questions_item",    "resolutions_item",    "speakers_entity",   "speakers_paragraph",
};

// A query counting the indexes of kSqliteIndexes that a database lacks: 0 when it has them all.
inline std::string sqlite_missing_indexes_query() {
    std::string names;
    for (const std::string& name : kSqliteIndexes) {
        names += (names.empty() ? "\"" : ", \"") + name + "\"";
    }
    return "SELECT COUNT(*) FROM json_each('[" + names +
           "]') WHERE value NOT IN (SELECT name FROM sqlite_schema WHERE type = 'index')";
}

// Schema 8 back to 7: no list of deferred indexes.
inline const std::vector<const char*> kSqliteSchema8To7 = {
    "DROP TABLE deferred_indexes",
    "UPDATE schema_version SET version = 7",
};

// Schema 7 back to 6: no pages.
inline const std::vector<const char*> kSqliteSchema7To6 = {
    "DROP TABLE pages",
    "UPDATE schema_version SET version = 6",
};

// Schema 6 back to 5: the paragraphs' indexes of parent and question whole again.
inline const std::vector<const char*> kSqliteSchema6To5 = {
    "DROP INDEX paragraphs_parent",
    "CREATE INDEX paragraphs_parent ON paragraphs(parent_id)",
    "DROP INDEX paragraphs_question",
    "CREATE INDEX paragraphs_question ON paragraphs(question_id)",
    "UPDATE schema_version SET version = 5",
};

// Schema 5 back to 4: mentions as a table of their own again, the index on entities(type,
// name), and a full-text index with its own copy of the text, each document's rows one range
// of rowids recorded on the document. (Passage ids stay as schema 5 gave them: any distinct
// ids will do.) Run with foreign keys off.
inline const std::vector<const char*> kSqliteSchema5To4 = {
    "CREATE TEMP TABLE v4_search AS SELECT ROW_NUMBER() OVER (ORDER BY document_id, id) AS "
    "rowid_, text, kind, row_id, document_id FROM search_source",
    "DROP TABLE search",
    "DROP VIEW search_source",
    "CREATE VIRTUAL TABLE search USING fts5(text, kind UNINDEXED, row_id UNINDEXED, document_id "
    "UNINDEXED, tokenize = 'unicode61 remove_diacritics 2')",
    "INSERT INTO search (rowid, text, kind, row_id, document_id) SELECT * FROM temp.v4_search",
    "ALTER TABLE documents ADD COLUMN search_first INTEGER",
    "ALTER TABLE documents ADD COLUMN search_last INTEGER",
    "UPDATE documents SET search_first = r.first, search_last = r.last FROM (SELECT "
    "document_id, MIN(rowid_) AS first, MAX(rowid_) AS last FROM temp.v4_search GROUP BY "
    "document_id) AS r WHERE r.document_id = documents.id",
    "DROP TABLE temp.v4_search",
    "DROP VIEW mentions",
    "CREATE TABLE mentions (id INTEGER PRIMARY KEY, entity_id INTEGER NOT NULL REFERENCES "
    "entities(id) ON DELETE CASCADE, text TEXT NOT NULL, span_begin INTEGER NOT NULL, span_end "
    "INTEGER NOT NULL)",
    "INSERT INTO mentions (entity_id, text, span_begin, span_end) SELECT e.id, m.value ->> "
    "'$.text', m.value ->> '$.span[0]', m.value ->> '$.span[1]' FROM entities AS e, "
    "json_each(e.mentions) AS m ORDER BY e.id, m.key",
    "CREATE INDEX mentions_entity ON mentions(entity_id)",
    "ALTER TABLE entities DROP COLUMN mentions",
    "CREATE INDEX entities_type_name ON entities(type, name)",
    "UPDATE schema_version SET version = 4",
};

// Today's schema back to 4, the steps above in turn.
inline std::vector<std::string> sqlite_schema_back_to_4() {
    std::vector<std::string> steps(kSqliteSchema8To7.begin(), kSqliteSchema8To7.end());
    steps.insert(steps.end(), kSqliteSchema7To6.begin(), kSqliteSchema7To6.end());
    steps.insert(steps.end(), kSqliteSchema6To5.begin(), kSqliteSchema6To5.end());
    steps.insert(steps.end(), kSqliteSchema5To4.begin(), kSqliteSchema5To4.end());
    return steps;
}

}  // namespace kpproc::testing
