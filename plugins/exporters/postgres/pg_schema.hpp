// The schema of kp.exporter.postgres's database, as forward migrations (schema_version holds
// how many have run). Its tables, columns, keys and indexes are those of kp.exporter.sqlite's
// database, in PostgreSQL's types: the tests check the two against each other and against the
// columns both exporters write (kpproc/meeting_rows/prepared_rows.hpp). What differs is
// the engine's own: ids come from sequences (passages share one, as in SQLite), attributes and
// mentions are jsonb, and the full-text index is a generated tsvector column on each passage
// table with a GIN index, read through the search_source view, instead of an FTS5 table. The
// vectors use the 'simple' configuration (words folded to lower case, not stemmed), so that a
// search finds what it finds in SQLite's FTS5 index.
#pragma once

#include <vector>

namespace kp_postgres {

// One sequence per table with ids; the passages (paragraphs, questions, resolutions, actions)
// share passage_ids, so that an id names one passage whatever its table.
inline const std::vector<const char*> kMigrations1 = {
    "CREATE TABLE schema_version (version INTEGER NOT NULL)",
    "INSERT INTO schema_version VALUES (0)",
    "CREATE SEQUENCE documents_ids",
    "CREATE SEQUENCE attendance_ids",
    "CREATE SEQUENCE items_ids",
    "CREATE SEQUENCE passage_ids",
    "CREATE SEQUENCE decisions_ids",
    "CREATE SEQUENCE item_documents_ids",
    "CREATE SEQUENCE events_ids",
    "CREATE SEQUENCE entities_ids",
    "CREATE TABLE documents (id BIGINT PRIMARY KEY DEFAULT nextval('documents_ids'), source TEXT "
    "NOT NULL UNIQUE, path TEXT NOT NULL, sha256 TEXT NOT NULL, adapter TEXT, media_type TEXT, "
    "bytes BIGINT NOT NULL, body TEXT, title TEXT, date TEXT, time TEXT, venue TEXT, contact "
    "TEXT, status TEXT, text TEXT NOT NULL)",
    "CREATE INDEX documents_path ON documents(path)",
    "CREATE INDEX documents_date ON documents(date)",
    "CREATE INDEX documents_sha256 ON documents(sha256)",
    "CREATE INDEX documents_source_sha256 ON documents(source, sha256)",
    "CREATE TABLE pages (document_id BIGINT NOT NULL REFERENCES documents(id) ON DELETE CASCADE, "
    "number BIGINT NOT NULL, span_begin BIGINT NOT NULL, span_end BIGINT NOT NULL, PRIMARY KEY "
    "(document_id, number))",
    "CREATE TABLE attendance (id BIGINT PRIMARY KEY DEFAULT nextval('attendance_ids'), "
    "document_id BIGINT NOT NULL REFERENCES documents(id) ON DELETE CASCADE, name TEXT NOT NULL, "
    "title TEXT, honours TEXT, role TEXT, attendance_group TEXT, organisation TEXT, span_begin "
    "BIGINT, span_end BIGINT)",
    "CREATE INDEX attendance_document ON attendance(document_id)",
    "CREATE TABLE items (id BIGINT PRIMARY KEY DEFAULT nextval('items_ids'), document_id BIGINT "
    "NOT NULL REFERENCES documents(id) ON DELETE CASCADE, position BIGINT NOT NULL, number TEXT, "
    "ref TEXT, title TEXT, section TEXT, truncated BIGINT NOT NULL, title_begin BIGINT, "
    "title_end BIGINT)",
    "CREATE INDEX items_document ON items(document_id)",
    "CREATE TABLE questions (id BIGINT PRIMARY KEY DEFAULT nextval('passage_ids'), item_id "
    "BIGINT NOT NULL REFERENCES items(id) ON DELETE CASCADE, position BIGINT NOT NULL, number "
    "TEXT, text TEXT NOT NULL, asker TEXT, asker_organisation TEXT, span_begin BIGINT, span_end "
    "BIGINT, search_vector tsvector GENERATED ALWAYS AS (to_tsvector('simple', text)) STORED)",
    "CREATE INDEX questions_item ON questions(item_id)",
    "CREATE TABLE paragraphs (id BIGINT PRIMARY KEY DEFAULT nextval('passage_ids'), item_id "
    "BIGINT NOT NULL REFERENCES items(id) ON DELETE CASCADE, parent_id BIGINT REFERENCES "
    "paragraphs(id) ON DELETE CASCADE, question_id BIGINT REFERENCES questions(id) ON DELETE "
    "CASCADE, part TEXT NOT NULL, position BIGINT NOT NULL, number TEXT, heading BIGINT NOT "
    "NULL, text TEXT NOT NULL, span_begin BIGINT, span_end BIGINT, search_vector tsvector "
    "GENERATED ALWAYS AS (to_tsvector('simple', text)) STORED)",
    "CREATE INDEX paragraphs_item ON paragraphs(item_id)",
    "CREATE INDEX paragraphs_parent ON paragraphs(parent_id) WHERE parent_id IS NOT NULL",
    "CREATE INDEX paragraphs_question ON paragraphs(question_id) WHERE question_id IS NOT NULL",
    "CREATE TABLE speakers (paragraph_id BIGINT NOT NULL REFERENCES paragraphs(id) ON DELETE "
    "CASCADE, entity TEXT NOT NULL, name TEXT NOT NULL, span_begin BIGINT, span_end BIGINT)",
    "CREATE INDEX speakers_paragraph ON speakers(paragraph_id)",
    "CREATE INDEX speakers_entity ON speakers(entity)",
    "CREATE TABLE resolutions (id BIGINT PRIMARY KEY DEFAULT nextval('passage_ids'), item_id "
    "BIGINT NOT NULL REFERENCES items(id) ON DELETE CASCADE, position BIGINT NOT NULL, text TEXT "
    "NOT NULL, span_begin BIGINT, span_end BIGINT, search_vector tsvector GENERATED ALWAYS AS "
    "(to_tsvector('simple', text)) STORED)",
    "CREATE INDEX resolutions_item ON resolutions(item_id)",
    "CREATE TABLE actions (id BIGINT PRIMARY KEY DEFAULT nextval('passage_ids'), item_id BIGINT "
    "NOT NULL REFERENCES items(id) ON DELETE CASCADE, position BIGINT NOT NULL, text TEXT NOT "
    "NULL, status TEXT, note TEXT, span_begin BIGINT, span_end BIGINT, owner TEXT, due TEXT, "
    "search_vector tsvector GENERATED ALWAYS AS (to_tsvector('simple', text)) STORED)",
    "CREATE INDEX actions_item ON actions(item_id)",
    "CREATE TABLE decisions (id BIGINT PRIMARY KEY DEFAULT nextval('decisions_ids'), item_id "
    "BIGINT NOT NULL REFERENCES items(id) ON DELETE CASCADE, ref TEXT NOT NULL, span_begin "
    "BIGINT, span_end BIGINT)",
    "CREATE INDEX decisions_ref ON decisions(ref)",
    "CREATE INDEX decisions_item ON decisions(item_id)",
    "CREATE TABLE item_documents (id BIGINT PRIMARY KEY DEFAULT nextval('item_documents_ids'), "
    "item_id BIGINT NOT NULL REFERENCES items(id) ON DELETE CASCADE, title TEXT, type TEXT, "
    "size_kb DOUBLE PRECISION)",
    "CREATE INDEX item_documents_item ON item_documents(item_id)",
    "CREATE TABLE events (id BIGINT PRIMARY KEY DEFAULT nextval('events_ids'), item_id BIGINT "
    "NOT NULL REFERENCES items(id) ON DELETE CASCADE, kind TEXT NOT NULL, time TEXT, span_begin "
    "BIGINT, span_end BIGINT)",
    "CREATE INDEX events_item ON events(item_id)",
    "CREATE TABLE entities (id BIGINT PRIMARY KEY DEFAULT nextval('entities_ids'), document_id "
    "BIGINT NOT NULL REFERENCES documents(id) ON DELETE CASCADE, entity TEXT NOT NULL, type TEXT "
    "NOT NULL, name TEXT NOT NULL, attributes JSONB NOT NULL, mentions JSONB NOT NULL DEFAULT "
    "'[]')",
    "CREATE INDEX entities_entity ON entities(entity)",
    "CREATE INDEX entities_document ON entities(document_id)",
    // As in SQLite: each mention a row, read from the entity's JSON.
    "CREATE VIEW mentions (entity_id, position, text, span_begin, span_end) AS SELECT e.id, "
    "m.ordinality - 1, m.value ->> 'text', (m.value -> 'span' ->> 0)::BIGINT, (m.value -> "
    "'span' ->> 1)::BIGINT FROM entities AS e CROSS JOIN LATERAL jsonb_array_elements("
    "e.mentions) WITH ORDINALITY AS m(value, ordinality)",
    // The passages searched, as in SQLite (headings are not), each with its vector.
    "CREATE VIEW search_source (id, text, kind, row_id, document_id, search_vector) AS SELECT "
    "p.id, p.text, 'paragraph', p.id, i.document_id, p.search_vector FROM paragraphs AS p JOIN "
    "items AS i ON i.id = p.item_id WHERE p.heading = 0 UNION ALL SELECT r.id, r.text, "
    "'resolution', r.id, i.document_id, r.search_vector FROM resolutions AS r JOIN items AS i ON "
    "i.id = r.item_id UNION ALL SELECT q.id, q.text, 'question', q.id, i.document_id, "
    "q.search_vector FROM questions AS q JOIN items AS i ON i.id = q.item_id UNION ALL SELECT "
    "a.id, a.text, 'action', a.id, i.document_id, a.search_vector FROM actions AS a JOIN items AS "
    "i ON i.id = a.item_id",
    "CREATE INDEX paragraphs_search ON paragraphs USING GIN (search_vector)",
    "CREATE INDEX questions_search ON questions USING GIN (search_vector)",
    "CREATE INDEX resolutions_search ON resolutions USING GIN (search_vector)",
    "CREATE INDEX actions_search ON actions USING GIN (search_vector)",
};

// Forward migrations: kMigrations[v] takes a database from version v to v + 1.
inline const std::vector<std::vector<const char*>> kMigrations = {kMigrations1};

}  // namespace kp_postgres
