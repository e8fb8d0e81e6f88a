// The schema of kp.exporter.sqlite's database, as forward migrations: a new database runs them
// all, an older one the ones it lacks. schema_version holds how many have run.
#pragma once

#include <vector>

namespace kp_sqlite {

// Forward migrations: kMigrations[v] takes a database from version v to v + 1.
inline const std::vector<std::vector<const char*>> kMigrations = {
    {
        "CREATE TABLE schema_version (version INTEGER NOT NULL)",
        "CREATE TABLE documents (id INTEGER PRIMARY KEY, path TEXT NOT NULL, sha256 TEXT NOT NULL "
        "UNIQUE, adapter TEXT, media_type TEXT, bytes INTEGER NOT NULL, body TEXT, title TEXT, "
        "date "
        "TEXT, time TEXT, venue TEXT, contact TEXT, status TEXT, text TEXT NOT NULL)",
        "CREATE INDEX documents_path ON documents(path)",
        "CREATE INDEX documents_date ON documents(date)",
        "CREATE TABLE attendance (id INTEGER PRIMARY KEY, document_id INTEGER NOT NULL REFERENCES "
        "documents(id) ON DELETE CASCADE, name TEXT NOT NULL, title TEXT, honours TEXT, role TEXT, "
        "attendance_group TEXT, organisation TEXT, span_begin INTEGER, span_end INTEGER)",
        "CREATE INDEX attendance_document ON attendance(document_id)",
        "CREATE TABLE items (id INTEGER PRIMARY KEY, document_id INTEGER NOT NULL REFERENCES "
        "documents(id) ON DELETE CASCADE, position INTEGER NOT NULL, number TEXT, ref TEXT, title "
        "TEXT, section TEXT, truncated INTEGER NOT NULL, title_begin INTEGER, title_end INTEGER)",
        "CREATE INDEX items_document ON items(document_id)",
        "CREATE TABLE questions (id INTEGER PRIMARY KEY, item_id INTEGER NOT NULL REFERENCES "
        "items(id) ON DELETE CASCADE, position INTEGER NOT NULL, number TEXT, text TEXT NOT NULL, "
        "asker TEXT, asker_organisation TEXT, span_begin INTEGER, span_end INTEGER)",
        "CREATE INDEX questions_item ON questions(item_id)",
        "CREATE TABLE paragraphs (id INTEGER PRIMARY KEY, item_id INTEGER NOT NULL REFERENCES "
        "items(id) ON DELETE CASCADE, parent_id INTEGER REFERENCES paragraphs(id) ON DELETE "
        "CASCADE, question_id INTEGER REFERENCES questions(id) ON DELETE CASCADE, part TEXT NOT "
        "NULL, position INTEGER NOT NULL, number TEXT, heading INTEGER NOT NULL, text TEXT NOT "
        "NULL, span_begin INTEGER, span_end INTEGER)",
        "CREATE INDEX paragraphs_item ON paragraphs(item_id)",
        "CREATE TABLE resolutions (id INTEGER PRIMARY KEY, item_id INTEGER NOT NULL REFERENCES "
        "items(id) ON DELETE CASCADE, position INTEGER NOT NULL, text TEXT NOT NULL, span_begin "
        "INTEGER, span_end INTEGER)",
        "CREATE INDEX resolutions_item ON resolutions(item_id)",
        "CREATE TABLE actions (id INTEGER PRIMARY KEY, item_id INTEGER NOT NULL REFERENCES "
        "items(id) ON DELETE CASCADE, position INTEGER NOT NULL, text TEXT NOT NULL, status TEXT, "
        "note TEXT, span_begin INTEGER, span_end INTEGER)",
        "CREATE INDEX actions_item ON actions(item_id)",
        "CREATE TABLE decisions (id INTEGER PRIMARY KEY, item_id INTEGER NOT NULL REFERENCES "
        "items(id) ON DELETE CASCADE, ref TEXT NOT NULL, span_begin INTEGER, span_end INTEGER)",
        "CREATE INDEX decisions_ref ON decisions(ref)",
        "CREATE TABLE item_documents (id INTEGER PRIMARY KEY, item_id INTEGER NOT NULL REFERENCES "
        "items(id) ON DELETE CASCADE, title TEXT, type TEXT, size_kb REAL)",
        "CREATE TABLE events (id INTEGER PRIMARY KEY, item_id INTEGER NOT NULL REFERENCES "
        "items(id) ON DELETE CASCADE, kind TEXT NOT NULL, time TEXT, span_begin INTEGER, span_end "
        "INTEGER)",
        "CREATE TABLE entities (id INTEGER PRIMARY KEY, document_id INTEGER NOT NULL REFERENCES "
        "documents(id) ON DELETE CASCADE, entity TEXT NOT NULL, type TEXT NOT NULL, name TEXT NOT "
        "NULL, attributes TEXT NOT NULL)",
        "CREATE INDEX entities_entity ON entities(entity)",
        "CREATE INDEX entities_type_name ON entities(type, name)",
        "CREATE INDEX entities_document ON entities(document_id)",
        "CREATE TABLE mentions (id INTEGER PRIMARY KEY, entity_id INTEGER NOT NULL REFERENCES "
        "entities(id) ON DELETE CASCADE, text TEXT NOT NULL, span_begin INTEGER NOT NULL, span_end "
        "INTEGER NOT NULL)",
        "CREATE INDEX mentions_entity ON mentions(entity_id)",
        "CREATE TABLE speakers (paragraph_id INTEGER NOT NULL REFERENCES paragraphs(id) ON DELETE "
        "CASCADE, entity TEXT NOT NULL, name TEXT NOT NULL, span_begin INTEGER, span_end INTEGER)",
        "CREATE INDEX speakers_paragraph ON speakers(paragraph_id)",
        "CREATE INDEX speakers_entity ON speakers(entity)",
        // The full-text index: what was said (kind: paragraph, resolution, question, action).
        "CREATE VIRTUAL TABLE search USING fts5(text, kind UNINDEXED, row_id UNINDEXED, "
        "document_id UNINDEXED, tokenize = 'unicode61 remove_diacritics 2')",
        "INSERT INTO schema_version (version) VALUES (0)",
    },
    // 1 -> 2: a document is its source (kpproc's source identity), not its bytes: the same bytes
    // from two sources are two documents, and a source's new bytes replace its old ones. SQLite
    // cannot drop a UNIQUE constraint, so the table is rebuilt (with foreign keys off, so that
    // dropping the old table takes no rows with it); documents stored before keep their ids, and
    // their path, as typed then, stands for their source.
    {
        "CREATE TABLE documents_v2 (id INTEGER PRIMARY KEY, source TEXT NOT NULL UNIQUE, path TEXT "
        "NOT NULL, sha256 TEXT NOT NULL, adapter TEXT, media_type TEXT, bytes INTEGER NOT NULL, "
        "body TEXT, title TEXT, date TEXT, time TEXT, venue TEXT, contact TEXT, status TEXT, text "
        "TEXT NOT NULL)",
        "INSERT INTO documents_v2 (id, source, path, sha256, adapter, media_type, bytes, body, "
        "title, date, time, venue, contact, status, text) SELECT id, path, path, sha256, adapter, "
        "media_type, bytes, body, title, date, time, venue, contact, status, text FROM documents",
        "DROP TABLE documents",
        "ALTER TABLE documents_v2 RENAME TO documents",
        "CREATE INDEX documents_path ON documents(path)",
        "CREATE INDEX documents_date ON documents(date)",
        "CREATE INDEX documents_sha256 ON documents(sha256)",
    },
    // 2 -> 3: who is to do an action, and by when.
    {
        "ALTER TABLE actions ADD COLUMN owner TEXT",
        "ALTER TABLE actions ADD COLUMN due TEXT",
    },
    // 3 -> 4: each document's search rows are one contiguous rowid range, recorded on its
    // documents row, so that replacing a document deletes them by rowid instead of scanning
    // the whole FTS5 table for its document_id. The ranges are found in one grouped pass over
    // `search`. A document whose rows are not contiguous (another's rows lie between them; the
    // exporter never wrote them so, but a hand-edited database may) has them moved to the end.
    {
        "ALTER TABLE documents ADD COLUMN search_first INTEGER",
        "ALTER TABLE documents ADD COLUMN search_last INTEGER",
        "CREATE TEMP TABLE search_ranges AS SELECT document_id, MIN(rowid) AS first, MAX(rowid) "
        "AS last, COUNT(*) AS n FROM search GROUP BY document_id",
        // Looked up by rowid range, not by a scan: only scattered documents' ranges are read.
        "CREATE TEMP TABLE scattered AS SELECT (SELECT COALESCE(MAX(last), 0) FROM "
        "temp.search_ranges) + ROW_NUMBER() OVER (ORDER BY s.document_id, s.rowid) AS new, s.rowid "
        "AS old, s.text, s.kind, s.row_id, s.document_id FROM temp.search_ranges r CROSS JOIN "
        "search s "
        "ON s.rowid BETWEEN r.first AND r.last AND s.document_id = r.document_id WHERE r.n <> "
        "r.last - r.first + 1",
        "DELETE FROM search WHERE rowid IN (SELECT old FROM temp.scattered)",
        "INSERT INTO search (rowid, text, kind, row_id, document_id) SELECT new, text, kind, "
        "row_id, document_id FROM temp.scattered",
        "UPDATE temp.search_ranges SET first = g.first, last = g.last FROM (SELECT document_id, "
        "MIN(new) AS first, MAX(new) AS last FROM temp.scattered GROUP BY document_id) AS g WHERE "
        "g.document_id = search_ranges.document_id",
        "UPDATE documents SET search_first = r.first, search_last = r.last FROM temp.search_ranges "
        "r WHERE r.document_id = documents.id",
        "DROP TABLE temp.scattered",
        "DROP TABLE temp.search_ranges",
        // Deleting a document cascades through these columns: without an index each deleted
        // row would scan its whole child table. (IF NOT EXISTS: a database put back to an
        // earlier version by hand, as the tests do, may still have them.)
        "CREATE INDEX IF NOT EXISTS paragraphs_parent ON paragraphs(parent_id)",
        "CREATE INDEX IF NOT EXISTS paragraphs_question ON paragraphs(question_id)",
        "CREATE INDEX IF NOT EXISTS decisions_item ON decisions(item_id)",
        "CREATE INDEX IF NOT EXISTS item_documents_item ON item_documents(item_id)",
        "CREATE INDEX IF NOT EXISTS events_item ON events(item_id)",
        // What begin() reads of every stored document, without reading the documents' text.
        "CREATE INDEX IF NOT EXISTS documents_source_sha256 ON documents(source, sha256)",
    },
    // 4 -> 5, for an export at SQLite's speed:
    // - An entity's mentions are a JSON array on its row, as the json exporter writes them
    //   ([{"text": …, "span": [begin, end]}]), and `mentions` is a view of them: a table of
    //   their own made mentions the most numerous rows of the database, and the largest part
    //   of an export's time.
    // - No index on entities(type, name): names are searched with LIKE '%…%', which no index
    //   serves, and an index of keys that come in no order costs a search of it per row;
    //   entities(entity) finds an entity across documents.
    // - The full-text index keeps no copy of the text (FTS5 external content): it reads the
    //   passages themselves, through the search_source view. For that a passage's id is its
    //   index rowid, so paragraphs, questions, resolutions and actions take their ids from
    //   one sequence: the older ids are moved apart here (each table by a multiple of the
    //   highest id), and the index is built again from the passages. A document's index rows
    //   are found through its items, so the ranges of schema 4 go.
    // - FTS5 merges its segments 16 at a time rather than 4: a batch's rows were rewritten
    //   again and again as they were merged, for more than it cost to index them; searches
    //   read a few more segments, which costs them little. No 'optimize' at the end either.
    {
        "ALTER TABLE entities ADD COLUMN mentions TEXT NOT NULL DEFAULT '[]'",
        "UPDATE entities SET mentions = (SELECT json_group_array(json_object('text', m.text, "
        "'span', json_array(m.span_begin, m.span_end))) FROM (SELECT text, span_begin, span_end "
        "FROM mentions WHERE entity_id = entities.id ORDER BY id) AS m) WHERE id IN (SELECT "
        "entity_id FROM mentions)",
        "DROP TABLE mentions",
        "DROP INDEX IF EXISTS entities_type_name",
        "CREATE VIEW mentions (entity_id, position, text, span_begin, span_end) AS SELECT e.id, "
        "m.key, m.value ->> '$.text', m.value ->> '$.span[0]', m.value ->> '$.span[1]' FROM "
        "entities AS e, json_each(e.mentions) AS m",
        "CREATE TEMP TABLE passage_shift AS SELECT MAX(COALESCE((SELECT MAX(id) FROM "
        "paragraphs), 0), COALESCE((SELECT MAX(id) FROM questions), 0), COALESCE((SELECT "
        "MAX(id) FROM resolutions), 0), COALESCE((SELECT MAX(id) FROM actions), 0)) AS step",
        "UPDATE questions SET id = id + (SELECT step FROM temp.passage_shift)",
        "UPDATE paragraphs SET question_id = question_id + (SELECT step FROM temp.passage_shift) "
        "WHERE question_id IS NOT NULL",
        "UPDATE resolutions SET id = id + 2 * (SELECT step FROM temp.passage_shift)",
        "UPDATE actions SET id = id + 3 * (SELECT step FROM temp.passage_shift)",
        "DROP TABLE temp.passage_shift",
        "DROP TABLE search",
        "CREATE VIEW search_source (id, text, kind, row_id, document_id) AS SELECT p.id, "
        "p.text, 'paragraph', p.id, i.document_id FROM paragraphs AS p JOIN items AS i ON i.id = "
        "p.item_id WHERE NOT p.heading UNION ALL SELECT r.id, r.text, 'resolution', r.id, "
        "i.document_id FROM resolutions AS r JOIN items AS i ON i.id = r.item_id UNION ALL "
        "SELECT q.id, q.text, 'question', q.id, i.document_id FROM questions AS q JOIN items AS "
        "i ON i.id = q.item_id UNION ALL SELECT a.id, a.text, 'action', a.id, i.document_id "
        "FROM actions AS a JOIN items AS i ON i.id = a.item_id",
        "CREATE VIRTUAL TABLE search USING fts5(text, kind UNINDEXED, row_id UNINDEXED, "
        "document_id UNINDEXED, content = 'search_source', content_rowid = 'id', tokenize = "
        "'unicode61 remove_diacritics 2')",
        "INSERT INTO search (search, rank) VALUES ('automerge', 16)",
        "INSERT INTO search (search) VALUES ('rebuild')",
        "ALTER TABLE documents DROP COLUMN search_first",
        "ALTER TABLE documents DROP COLUMN search_last",
    },
    // 5 -> 6: the indexes of paragraphs' parent and question hold only the paragraphs that have
    // one (most have neither): a partial index answers `parent_id = ?` (and the cascade of a
    // deleted parent) all the same, and a paragraph without costs no entry. Together with the
    // entities written in the order of their keys, a few per cent of an export.
    {
        "DROP INDEX paragraphs_parent",
        "CREATE INDEX paragraphs_parent ON paragraphs(parent_id) WHERE parent_id IS NOT NULL",
        "DROP INDEX paragraphs_question",
        "CREATE INDEX paragraphs_question ON paragraphs(question_id) WHERE question_id IS NOT "
        "NULL",
    },
    // 6 -> 7: the pages of a document read from a PDF, each a span of its text, so that any
    // row's span can be cited by page (the page whose span holds its span_begin). Kept in the
    // order of its key (document, page): a document's pages are one range, found by its id.
    {
        "CREATE TABLE pages (document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE "
        "CASCADE, number INTEGER NOT NULL, span_begin INTEGER NOT NULL, span_end INTEGER NOT "
        "NULL, PRIMARY KEY (document_id, number)) WITHOUT ROWID",
    },
    // 7 -> 8: the indexes a batch into an empty database builds at its end rather than row by
    // row (deferred_indexes.hpp), each as sqlite_schema gave it; empty but for such a batch.
    {
        "CREATE TABLE deferred_indexes (name TEXT PRIMARY KEY, sql TEXT NOT NULL)",
    }};

}  // namespace kp_sqlite
