// What the tests need to put a database written by kp.exporter.sqlite back to an earlier
// schema version, so that the exporter's migrations can be tested on it.
#pragma once

#include <vector>

namespace kpproc::testing {

// Schema 5 back to 4: mentions as a table of their own again, and the index on
// entities(type, name). Run with foreign keys off, inside a transaction.
inline const std::vector<const char*> kSqliteSchema5To4 = {
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

}  // namespace kpproc::testing
