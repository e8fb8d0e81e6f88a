// kp.exporter.sqlite — every document of a batch into one SQLite database (Poco::Data::SQLite):
// a normalised schema with foreign keys and indexes, an FTS5 index over paragraphs,
// resolutions, questions and actions, a schema_version table with forward migrations, WAL so
// readers can query while a batch writes. Documents are keyed by their source (the source
// identity): the same bytes again change nothing; a source's new bytes replace its rows, and
// the exporter says so (a "replaced" notice). Each document
// is one transaction, so a failure never leaves part of one behind. Several processes may
// write one database at once: each transaction takes the write lock up front and waits for
// another writer's lock for at most the `timeout` option.

#include <Poco/Data/SQLite/Connector.h>
#include <Poco/Data/SQLite/SQLiteException.h>
#include <Poco/Data/SQLite/Utility.h>
#include <Poco/Data/Session.h>
#include <Poco/Exception.h>
#include <Poco/Nullable.h>
#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <climits>
#include <filesystem>
#include <memory>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "kpproc/json.hpp"
#include "kpproc/plugin.hpp"

namespace {

using namespace Poco::Data::Keywords;
using kpproc::Document;
using Text = Poco::Nullable<std::string>;
using Number = Poco::Nullable<Poco::Int64>;

Text text(const kpproc::OptionalString& s) {
    return s ? Text(*s) : Text();
}
Number begin_of(const std::optional<kpproc::Span>& s) {
    return s ? Number(static_cast<Poco::Int64>(s->begin)) : Number();
}
Number end_of(const std::optional<kpproc::Span>& s) {
    return s ? Number(static_cast<Poco::Int64>(s->end)) : Number();
}

// Forward migrations: kMigrations[v] takes a database from version v to v + 1.
const std::vector<std::vector<const char*>> kMigrations = {
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
    }};

using Clock = std::chrono::steady_clock;

// Another connection kept the database locked for the whole of the exporter's timeout.
class LockedTooLong : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// "1", "0.5", "60": seconds as the user wrote them in the option.
std::string seconds_text(double seconds) {
    std::ostringstream out;
    out << seconds;
    return out.str();
}

class SqliteExporter final : public kpproc::Exporter {
public:
    explicit SqliteExporter(const kpproc::Options& options)
        : timeout_seconds_(checked_timeout(options.get_number("timeout"))),
          timeout_(std::chrono::duration_cast<Clock::duration>(
              std::chrono::duration<double>(timeout_seconds_))) {
        Poco::Data::SQLite::Connector::registerConnector();
    }

    void begin(const kpproc::ExportTarget& target, std::ostream& /*out*/) override {
        if (target.path == "-") {
            throw kpproc::Error("output-failed", "sqlite writes a database file: give -o FILE");
        }
        path_ = target.path;
        guarded("open", [&] {
            open_session();
            Poco::Data::Session& s = *session_;
            // Turning WAL on takes an exclusive lock once, when the database is new: two
            // batches starting together on a new file can meet here.
            retry_while_locked([&] { s << "PRAGMA journal_mode = WAL", now; });
            migrate();  // before foreign keys are on: a migration may rebuild a parent table
            s << "PRAGMA foreign_keys = ON", now;
        });
    }

    void write(const Document& doc, std::ostream& /*out*/) override {
        guarded("write " + doc.source.path, [&] {
            std::optional<std::string> replaced;  // the sha256 of the version replaced
            in_write_transaction([&](Poco::Data::Session& s) { replaced = store(s, doc); });
            if (replaced) {
                notices_.push_back({"replaced", "replaced the version stored earlier in " + path_ +
                                                    " (sha256 " + replaced->substr(0, 12) + "… → " +
                                                    doc.source.sha256.value_or("").substr(0, 12) +
                                                    "…)"});
            }
        });
    }

    std::vector<kpproc::ExportNotice> take_notices() override {
        return std::exchange(notices_, {});
    }

    void end(std::ostream& /*out*/) override {
        guarded("close", [&] { session_.reset(); });
    }

private:
    static double checked_timeout(double seconds) {
        // A day at most keeps the wait in sqlite3_busy_timeout's int of milliseconds.
        if (!(seconds >= 0 && seconds <= 86400)) {
            throw kpproc::Error("invalid-option",
                                "sqlite: timeout must be from 0 to 86400 seconds");
        }
        return seconds;
    }

    // Poco reports with its own exceptions; the host gets a kpproc::Error naming the file.
    // A database that cannot be opened is an output failure (nothing was processed yet).
    template <class F>
    void guarded(const std::string& what, F&& body) {
        const char* code = what == "open" ? "output-failed" : "write-failed";
        try {
            body();
        } catch (const kpproc::Error& e) {
            throw kpproc::Error(e.code(), path_ + ": " + e.what());
        } catch (const Poco::Exception& e) {
            throw kpproc::Error(code, path_ + ": " + what + ": " + e.displayText());
        } catch (const std::exception& e) {
            throw kpproc::Error(code, path_ + ": " + what + ": " + e.what());
        }
    }

    void open_session() {
        // -o DIR/ or a directory: refused before anything is created, as no file can be made
        // there under the name given.
        if (path_.ends_with('/') || std::filesystem::is_directory(path_)) {
            throw kpproc::Error("output-failed",
                                "a directory, not a database file: give -o FILE for sqlite");
        }
        const auto parent = std::filesystem::path(path_).parent_path();
        if (!parent.empty()) {
            std::filesystem::create_directories(parent);
        }
        // Login timeout 0: Poco otherwise retries a failed sqlite3_open_v2 every 10 ms for its
        // 60 s default, though no wait makes an unopenable path openable (opening takes no
        // lock). Poco also makes that value the busy timeout; retry_while_locked sets its own.
        session_ = std::make_unique<Poco::Data::Session>(Poco::Data::SQLite::Connector::KEY, path_,
                                                         std::size_t{0});
        db_ = Poco::Data::SQLite::Utility::dbHandle(*session_);
    }

    // Runs `attempt` until it gets past other connections' locks (SQLITE_BUSY, SQLITE_LOCKED),
    // waiting at most timeout_ in all. SQLite's busy handler waits inside a statement for
    // what is left of that time; when SQLite reports a lock without waiting (it does where
    // waiting could deadlock) the attempt is made again after a pause that doubles.
    template <class F>
    void retry_while_locked(F&& attempt) {
        const Clock::time_point deadline = Clock::now() + longest_wait();
        auto pause = std::chrono::milliseconds(5);
        for (;;) {
            wait_for_locks_until(deadline);
            try {
                attempt();
                lock_stuck_ = false;
                return;
            } catch (const Poco::Data::SQLite::DBLockedException&) {
            } catch (const Poco::Data::SQLite::TableLockedException&) {
            } catch (...) {
                lock_stuck_ = false;  // it got past the locks, and failed for another reason
                throw;
            }
            const auto left = deadline - Clock::now();
            if (left <= Clock::duration::zero()) {
                lock_stuck_ = true;
                throw LockedTooLong("the database was locked by another writer for " +
                                    seconds_text(timeout_seconds_) +
                                    " s; gave up waiting (sqlite(timeout=SECONDS) sets how long)");
            }
            std::this_thread::sleep_for(std::min<Clock::duration>(pause, left));
            pause = std::min(pause * 2, std::chrono::milliseconds(200));
        }
    }

    // The whole timeout, unless the last wait ran out and nothing got through since: then the
    // lock counts as stuck and a document waits only briefly, so a batch meeting a lock that
    // is never let go ends after about one timeout, not one timeout per document.
    Clock::duration longest_wait() const {
        return lock_stuck_ ? std::min<Clock::duration>(timeout_, std::chrono::seconds(1))
                           : timeout_;
    }

    void wait_for_locks_until(Clock::time_point deadline) {
        const auto left =
            std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
        sqlite3_busy_timeout(db_, static_cast<int>(std::clamp<std::chrono::milliseconds::rep>(
                                      left.count(), 0, INT_MAX)));
    }

    // `work` in one transaction that takes the write lock up front (BEGIN IMMEDIATE). A
    // deferred transaction reads first and asks for the lock at its first write; SQLite
    // refuses that upgrade at once, without waiting, while another connection writes.
    template <class F>
    void in_write_transaction(F&& work) {
        retry_while_locked([&] {
            Poco::Data::Session& s = *session_;
            s << "BEGIN IMMEDIATE", now;
            try {
                work(s);
                s << "COMMIT", now;
            } catch (...) {
                roll_back();
                throw;
            }
        });
    }

    // Ends an open transaction, if there is one: a failed COMMIT can leave it open.
    void roll_back() noexcept {
        if (sqlite3_get_autocommit(db_) != 0) {
            return;
        }
        try {
            *session_ << "ROLLBACK", now;
        } catch (...) {
            // The error that brought us here is the one worth reporting.
        }
    }

    // Stores `doc` under its source unless that source holds the same bytes already. A source
    // with other bytes is replaced: returns the sha256 of the version replaced.
    std::optional<std::string> store(Poco::Data::Session& s, const Document& doc) {
        // Looked up inside the transaction: another process may store the same source between a
        // check made outside it and the insert.
        const std::string& source = doc.source.key();
        const std::string sha = doc.source.sha256.value_or("");
        Poco::Nullable<std::string> stored;
        s << "SELECT sha256 FROM documents WHERE source = ?", bind(source), into(stored), now;
        if (!stored.isNull() && stored.value() == sha) {
            return std::nullopt;  // the same bytes again: nothing changes
        }
        if (!stored.isNull()) {
            // The search rows go by hand: FTS5 tables take no foreign keys.
            s << "DELETE FROM search WHERE document_id IN (SELECT id FROM documents WHERE source "
                 "= ?)",
                bind(source), now;
            s << "DELETE FROM documents WHERE source = ?", bind(source), now;
        }
        insert(s, doc);
        return stored.isNull() ? std::nullopt : std::optional<std::string>(stored.value());
    }

    // The database's schema version (0 when new); one from a newer kpproc is refused.
    static int schema_version(Poco::Data::Session& s) {
        int tables = 0;
        s << "SELECT COUNT(*) FROM sqlite_master WHERE name = 'schema_version'", into(tables), now;
        int version = 0;
        if (tables > 0) {
            s << "SELECT version FROM schema_version", into(version), now;
        }
        const int current = static_cast<int>(kMigrations.size());
        if (version > current) {
            throw kpproc::Error("write-failed",
                                "the database has schema version " + std::to_string(version) +
                                    ", newer than this exporter's " + std::to_string(current));
        }
        return version;
    }

    void migrate() {
        const int current = static_cast<int>(kMigrations.size());
        // Read without the write lock first: a database already up to date (every run but the
        // first) needs none, so a batch can start while another one is writing.
        int version = 0;
        retry_while_locked([&] { version = schema_version(*session_); });
        if (version == current) {
            return;
        }
        in_write_transaction([&](Poco::Data::Session& s) {
            // Read again under the lock: another process may have migrated meanwhile.
            for (int v = schema_version(s); v < current; ++v) {
                for (const char* sql : kMigrations[static_cast<std::size_t>(v)]) {
                    s << sql, now;
                }
                s << "UPDATE schema_version SET version = ?", bind(v + 1), now;
            }
        });
    }

    static Poco::Int64 last_id(Poco::Data::Session& s) {
        Poco::Int64 id = 0;
        s << "SELECT last_insert_rowid()", into(id), now;
        return id;
    }

    static void index(Poco::Data::Session& s, const std::string& words, const char* kind,
                      Poco::Int64 row, Poco::Int64 document) {
        s << "INSERT INTO search (text, kind, row_id, document_id) VALUES (?, ?, ?, ?)",
            bind(words), bind(std::string(kind)), bind(row), bind(document), now;
    }

    void insert(Poco::Data::Session& s, const Document& d) {
        const kpproc::Meeting& m = d.meeting;
        s << "INSERT INTO documents (source, path, sha256, adapter, media_type, bytes, body, "
             "title, date, time, venue, contact, status, text) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, "
             "?, ?, ?, ?, ?)",
            bind(d.source.key()), bind(d.source.path), bind(d.source.sha256.value_or("")),
            bind(text(d.source.adapter)), bind(text(d.source.media_type)),
            bind(static_cast<Poco::Int64>(d.source.bytes)), bind(text(m.body)), bind(text(m.title)),
            bind(text(m.date)), bind(text(m.time)), bind(text(m.venue)), bind(text(m.contact)),
            bind(text(m.status)), bind(d.text), now;
        const Poco::Int64 document = last_id(s);
        insert_attendance(s, document, d.attendance);
        Poco::Int64 position = 0;
        for (const auto& item : d.items) {
            insert_item(s, document, ++position, item);
        }
        insert_entities(s, document, d.entities);
    }

    void insert_attendance(Poco::Data::Session& s, Poco::Int64 document,
                           const std::vector<kpproc::Attendee>& attendance) {
        for (const auto& a : attendance) {
            s << "INSERT INTO attendance (document_id, name, title, honours, role, "
                 "attendance_group, organisation, span_begin, span_end) VALUES (?, ?, ?, ?, ?, ?, "
                 "?, ?, ?)",
                bind(document), bind(a.name), bind(text(a.title)), bind(text(a.honours)),
                bind(text(a.role)), bind(text(a.group)), bind(text(a.organisation)),
                bind(begin_of(a.span)), bind(end_of(a.span)), now;
        }
    }

    // One item and everything in it: paragraphs, resolutions, actions, questions and answers,
    // decisions, documents and events.
    void insert_item(Poco::Data::Session& s, Poco::Int64 document, Poco::Int64 position,
                     const kpproc::Item& item) {
        s << "INSERT INTO items (document_id, position, number, ref, title, section, "
             "truncated, title_begin, title_end) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            bind(document), bind(position), bind(text(item.number)), bind(text(item.ref)),
            bind(text(item.title)), bind(text(item.section)), bind(item.truncated ? 1 : 0),
            bind(begin_of(item.title_span)), bind(end_of(item.title_span)), now;
        const Poco::Int64 item_id = last_id(s);
        paragraphs(s, document, item_id, Number(), Number(), "description", item.description);
        paragraphs(s, document, item_id, Number(), Number(), "minutes", item.paragraphs);
        Poco::Int64 k = 0;
        for (const auto& r : item.resolutions) {
            s << "INSERT INTO resolutions (item_id, position, text, span_begin, span_end) "
                 "VALUES (?, ?, ?, ?, ?)",
                bind(item_id), bind(++k), bind(r.text), bind(begin_of(r.span)),
                bind(end_of(r.span)), now;
            index(s, r.text, "resolution", last_id(s), document);
        }
        k = 0;
        for (const auto& a : item.actions) {
            s << "INSERT INTO actions (item_id, position, text, status, note, span_begin, "
                 "span_end, owner, due) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                bind(item_id), bind(++k), bind(a.text), bind(text(a.status)), bind(text(a.note)),
                bind(begin_of(a.span)), bind(end_of(a.span)), bind(text(a.owner)),
                bind(text(a.due)), now;
            index(s, a.text, "action", last_id(s), document);
        }
        k = 0;
        for (const auto& q : item.questions) {
            s << "INSERT INTO questions (item_id, position, number, text, asker, "
                 "asker_organisation, span_begin, span_end) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                bind(item_id), bind(++k), bind(text(q.number)), bind(q.text),
                bind(q.asker ? text(q.asker->name) : Text()),
                bind(q.asker ? text(q.asker->organisation) : Text()), bind(begin_of(q.span)),
                bind(end_of(q.span)), now;
            const Poco::Int64 question = last_id(s);
            index(s, q.text, "question", question, document);
            paragraphs(s, document, item_id, Number(), Number(question), "answer", q.answers);
        }
        insert_item_references(s, item_id, item);
    }

    // An item's decisions, documents and events: what it refers to, not what was said.
    static void insert_item_references(Poco::Data::Session& s, Poco::Int64 item_id,
                                       const kpproc::Item& item) {
        for (const auto& dec : item.decisions) {
            s << "INSERT INTO decisions (item_id, ref, span_begin, span_end) VALUES (?, ?, "
                 "?, ?)",
                bind(item_id), bind(dec.ref), bind(begin_of(dec.span)), bind(end_of(dec.span)), now;
        }
        for (const auto& att : item.documents) {
            s << "INSERT INTO item_documents (item_id, title, type, size_kb) VALUES (?, ?, "
                 "?, ?)",
                bind(item_id), bind(text(att.title)), bind(text(att.type)),
                bind(att.size_kb ? Poco::Nullable<double>(*att.size_kb) : Poco::Nullable<double>()),
                now;
        }
        for (const auto& e : item.events) {
            s << "INSERT INTO events (item_id, kind, time, span_begin, span_end) VALUES (?, "
                 "?, ?, ?, ?)",
                bind(item_id), bind(e.kind), bind(text(e.time)), bind(begin_of(e.span)),
                bind(end_of(e.span)), now;
        }
    }

    static void insert_entities(Poco::Data::Session& s, Poco::Int64 document,
                                const std::vector<kpproc::Entity>& entities) {
        for (const auto& e : entities) {
            std::string attributes;
            kpproc::json::Writer writer(attributes);
            writer.value(kpproc::json::Value(e.attributes));
            s << "INSERT INTO entities (document_id, entity, type, name, attributes) VALUES (?, "
                 "?, ?, ?, ?)",
                bind(document), bind(e.id), bind(e.type), bind(e.name), bind(attributes), now;
            const Poco::Int64 entity = last_id(s);
            for (const auto& mention : e.mentions) {
                s << "INSERT INTO mentions (entity_id, text, span_begin, span_end) VALUES (?, ?, "
                     "?, ?)",
                    bind(entity), bind(mention.text),
                    bind(static_cast<Poco::Int64>(mention.span.begin)),
                    bind(static_cast<Poco::Int64>(mention.span.end)), now;
            }
        }
    }

    void paragraphs(Poco::Data::Session& s, Poco::Int64 document, Poco::Int64 item, Number parent,
                    Number question, const char* part, const std::vector<kpproc::Paragraph>& list) {
        Poco::Int64 position = 0;
        for (const auto& p : list) {
            s << "INSERT INTO paragraphs (item_id, parent_id, question_id, part, position, number, "
                 "heading, text, span_begin, span_end) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                bind(item), bind(parent), bind(question), bind(std::string(part)), bind(++position),
                bind(text(p.number)), bind(p.heading ? 1 : 0), bind(p.text), bind(begin_of(p.span)),
                bind(end_of(p.span)), now;
            const Poco::Int64 id = last_id(s);
            if (!p.heading) {
                index(s, p.text, "paragraph", id, document);
            }
            for (const auto& sp : p.speakers) {
                s << "INSERT INTO speakers (paragraph_id, entity, name, span_begin, span_end) "
                     "VALUES (?, ?, ?, ?, ?)",
                    bind(id), bind(sp.entity), bind(sp.name), bind(begin_of(sp.span)),
                    bind(end_of(sp.span)), now;
            }
            paragraphs(s, document, item, Number(id), question, part, p.children);
        }
    }

    double timeout_seconds_;  // as the user gave it, for messages
    Clock::duration timeout_;
    bool lock_stuck_ = false;                    // the last wait for a lock ran out
    std::vector<kpproc::ExportNotice> notices_;  // of the last write(), for take_notices()
    std::string path_;
    std::unique_ptr<Poco::Data::Session> session_;
    sqlite3* db_ = nullptr;  // session_'s connection, for what Poco does not offer
};

}  // namespace

KPPROC_PLUGIN(SqliteExporter,
              {.id = "kp.exporter.sqlite",
               .version = "1.0.0",
               .summary = "Every document of a batch into one SQLite database, with full-text "
                          "search (FTS5); re-running changes nothing",
               .media_types = {"application/vnd.sqlite3"},
               // "/": it writes its own output (the database at -o FILE, updated in place).
               .extensions = {"/"},
               .options = {
                   {.name = "timeout",
                    .type = kpproc::OptionType::number,
                    .default_value = "60",
                    .description = "Seconds a document waits while another process holds the "
                                   "database's write lock, before it fails (0-86400)"},
               }})
