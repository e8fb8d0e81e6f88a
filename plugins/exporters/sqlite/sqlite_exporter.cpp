// kp.exporter.sqlite — every document of a batch into one SQLite database (the SQLite C API):
// a normalised schema with foreign keys and indexes, an FTS5 index over paragraphs,
// resolutions, questions and actions, a schema_version table with forward migrations, WAL so
// readers can query while a batch writes. Documents are keyed by their source (the source
// identity): the same bytes again change nothing; a source's new bytes replace its rows, and
// the exporter says so (a "replaced" notice).
//
// Speed: statements are prepared once per batch, and documents are committed in groups (one
// transaction for up to kGroupTextBytes of text or kGroupAge of time), each document inside
// a savepoint of its own, so a failing document still leaves no rows and costs its group
// nothing. Several processes may write one database at once: each group's transaction takes
// the write lock up front and waits for another writer's lock for at most the `timeout`
// option; the age limit bounds how long a group keeps others waiting.

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

#include "background_checkpoint.hpp"
#include "deferred_indexes.hpp"
#include "kpproc/plugin.hpp"
#include "row_writer.hpp"
#include "rows.hpp"
#include "schema.hpp"
#include "sqlite_handle.hpp"

namespace {

using kp_sqlite::Connection;
using kp_sqlite::Id;
using kp_sqlite::KnownDocuments;
using kp_sqlite::SqliteError;
using kp_sqlite::Statement;
using kp_sqlite::Statements;
using kpproc::Document;
using Clock = std::chrono::steady_clock;

// A group is committed once its documents hold this much text (what a kill -9 can lose, and
// what the WAL must hold before a checkpoint can copy it) …
constexpr std::size_t kGroupTextBytes = std::size_t{4} << 20;
// … or once it is this old, so the write lock is never held long while other writers wait.
constexpr auto kGroupAge = std::chrono::milliseconds(250);
// The batch's connection. An 8 MiB page cache (SQLite's default is 2 MiB): a 32 MiB one
// measured no faster, over 1,000 documents or 10,000, and the process grew by its size as the
// database did (RSS 48 MB at 1,000 documents, 63 MB at 10,000; 34 and 36 MB with 8 MiB).
// Checkpoints are not made here but on a thread of their own (background_checkpoint.hpp).
constexpr const char* kConnectionSettings =
    "PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL; PRAGMA cache_size = -8192; "
    // Savepoint journals in memory: each document's savepoint copies the pages it changes
    // there first, and on disk that copy would be the largest write of the whole export.
    "PRAGMA temp_store = MEMORY";

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

// What storing one document did.
struct Stored {
    enum class Kind { added, unchanged, replaced };
    Kind kind = Kind::added;
    std::string replaced_sha256;  // of the version replaced
};

// The documents of the open transaction, not committed yet.
struct Group {
    bool open = false;
    Clock::time_point opened;
    std::size_t documents = 0;  // added or replaced in it
    std::size_t text_bytes = 0;
    Id first_document = 0;      // the id its first document got
    kp_sqlite::GroupRows held;  // written when the group commits
};

// A document as the database holds it.
struct StoredDocument {
    Id id = 0;
    std::string sha256;
};

class SqliteExporter final : public kpproc::Exporter {
public:
    explicit SqliteExporter(const kpproc::Options& options)
        : timeout_seconds_(checked_timeout(options.get_number("timeout"))),
          timeout_(std::chrono::duration_cast<Clock::duration>(
              std::chrono::duration<double>(timeout_seconds_))) {}

    // A batch ended without end() (the host gave up on it): the documents it was told are
    // stored are committed, as far as that can still be done.
    ~SqliteExporter() override {
        if (group_.open) {
            try {
                write_and_commit_group();
            } catch (...) {
                // Nobody is left to tell; the connection's close rolls the group back.
            }
        }
    }
    SqliteExporter(const SqliteExporter&) = delete;
    SqliteExporter& operator=(const SqliteExporter&) = delete;

    void begin(const kpproc::ExportTarget& target, std::ostream& /*out*/) override {
        if (target.path == "-") {
            throw kpproc::Error("output-failed", "sqlite writes a database file: give -o FILE");
        }
        path_ = target.path;
        guarded("open", [&] {
            open_database();
            // A new database gets pages of 16 KiB, not SQLite's 4 (an existing one keeps its
            // own: the pragma changes nothing there). A page costs a system call or two each
            // time it goes to the log, is read back and is copied into the database: on the
            // 600 documents of the bench corpus, 92,000 calls with 4 KiB pages and 23,000
            // with 16. Where a call is dear, as in this project's virtual machine, the export
            // took 8 % less time (wall and CPU alike); 32 KiB was no faster and made a larger
            // file, 64 KiB slower.
            db_->exec("PRAGMA page_size = 16384");
            // Turning WAL on takes an exclusive lock once, when the database is new: two
            // batches starting together on a new file can meet here.
            retry_while_locked([&] { db_->exec("PRAGMA journal_mode = WAL"); });
            migrate();  // before foreign keys are on: a migration may rebuild a parent table
            settle_indexes();
            // NORMAL under WAL: a commit is durable once the WAL is synced at a checkpoint; a
            // power cut may lose the last groups, never consistency.
            db_->exec(kConnectionSettings);
            statements_.emplace(db_->get());
            read_known_documents();
            checkpoint_.emplace(path_, db_->get(),
                                kp_sqlite::CheckpointLimits::for_page_size(page_size()));
        });
    }

    // On a worker: the document's rows, rendered (see document_rows.hpp).
    bool prepare(const Document& doc, const kpproc::ExportTarget& /*target*/,
                 std::string& prepared) override {
        kp_sqlite::DocumentRows::render(doc, prepared);
        return true;
    }

    void write(const Document& doc, std::ostream& out) override {
        std::string prepared;
        kp_sqlite::DocumentRows::render(doc, prepared);
        write_prepared(doc, prepared, out);
    }

    void write_prepared(const Document& doc, std::string_view prepared,
                        std::ostream& /*out*/) override {
        notices_.clear();
        guarded("write " + doc.source.path, [&] {
            // A group left open while documents that need no writing went by is ended first.
            if (group_.open && Clock::now() - group_.opened >= kGroupAge) {
                commit_group(group_.documents, "and this document was not written");
            }
            if (known_.holds(doc.source.key(), doc.source.sha256.value_or(""))) {
                notices_.push_back({"unchanged", ""});
                return;  // the same bytes as at begin(): no database work at all
            }
            const Stored stored = store_in_group(doc, kp_sqlite::PreparedRows(prepared));
            if (group_.text_bytes >= kGroupTextBytes || Clock::now() - group_.opened >= kGroupAge) {
                const bool counted = stored.kind != Stored::Kind::unchanged;
                commit_group(group_.documents - (counted ? 1 : 0), "nor was this document");
            }
            notices_.push_back(notice_for(stored, doc));
        });
    }

    std::vector<kpproc::ExportNotice> take_notices() override {
        return std::exchange(notices_, {});
    }

    bool is_stored(std::string_view identity, std::string_view sha256) const override {
        return known_.holds(identity, sha256);
    }

    void end(std::ostream& /*out*/) override {
        guarded("close", [&] {
            if (group_.open) {
                commit_group(group_.documents, nullptr);
            }
            statements_.reset();
            build_indexes_at_end();
            checkpoint_.reset();  // its connection closed first: the writer's close is the
            db_.reset();          // last, which checkpoints what is left and removes the log
        });
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

    // The host gets a kpproc::Error naming the file. A database that cannot be opened is an
    // output failure (nothing was processed yet).
    template <class F>
    void guarded(const std::string& what, F&& body) {
        const char* code = what == "open" ? "output-failed" : "write-failed";
        try {
            body();
        } catch (const kpproc::Error& e) {
            throw kpproc::Error(e.code(), path_ + ": " + e.what());
        } catch (const std::exception& e) {
            throw kpproc::Error(code, path_ + ": " + what + ": " + e.what());
        }
    }

    // The database's page size, in bytes.
    int page_size() const {
        int bytes = 4096;
        Statement(db_->get(), "PRAGMA page_size").first_row([&](Statement& s) {
            bytes = static_cast<int>(s.integer(0));
        });
        return bytes;
    }

    void open_database() {
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
        db_.emplace(path_);
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
            } catch (const SqliteError& e) {
                if (!e.is_lock()) {
                    lock_stuck_ = false;  // it got past the locks, and failed for another reason
                    throw;
                }
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
        sqlite3_busy_timeout(
            db_->get(),
            static_cast<int>(std::clamp<std::chrono::milliseconds::rep>(left.count(), 0, INT_MAX)));
    }

    // `work` in one transaction of its own that takes the write lock up front (BEGIN
    // IMMEDIATE). A deferred transaction reads first and asks for the lock at its first write;
    // SQLite refuses that upgrade at once, without waiting, while another connection writes.
    template <class F>
    void in_write_transaction(F&& work) {
        retry_while_locked([&] {
            db_->exec("BEGIN IMMEDIATE");
            try {
                work();
                db_->exec("COMMIT");
            } catch (...) {
                roll_back();
                throw;
            }
        });
    }

    // Ends an open transaction, if there is one: a failed COMMIT can leave it open.
    void roll_back() noexcept {
        if (!db_->in_transaction()) {
            return;
        }
        try {
            db_->exec("ROLLBACK");
        } catch (...) {
            // The error that brought us here is the one worth reporting.
        }
    }

    // ---- Schema -----------------------------------------------------------------------------

    // The database's schema version (0 when new); one from a newer kpproc is refused.
    int schema_version() {
        bool has_table = false;
        Statement(db_->get(), "SELECT COUNT(*) FROM sqlite_master WHERE name = 'schema_version'")
            .first_row([&](Statement& s) { has_table = s.integer(0) > 0; });
        int version = 0;
        if (has_table) {
            Statement(db_->get(), "SELECT version FROM schema_version")
                .first_row([&](Statement& s) { version = static_cast<int>(s.integer(0)); });
        }
        const int current = static_cast<int>(kp_sqlite::kMigrations.size());
        if (version > current) {
            throw kpproc::Error("write-failed",
                                "the database has schema version " + std::to_string(version) +
                                    ", newer than this exporter's " + std::to_string(current));
        }
        return version;
    }

    void migrate() {
        const int current = static_cast<int>(kp_sqlite::kMigrations.size());
        // Read without the write lock first: a database already up to date (every run but the
        // first) needs none, so a batch can start while another one is writing.
        int version = 0;
        retry_while_locked([&] { version = schema_version(); });
        if (version == current) {
            return;
        }
        in_write_transaction([&] {
            // Read again under the lock: another process may have migrated meanwhile.
            for (int v = schema_version(); v < current; ++v) {
                for (const char* sql : kp_sqlite::kMigrations[static_cast<std::size_t>(v)]) {
                    db_->exec(sql);
                }
                Statement(db_->get(), "UPDATE schema_version SET version = ?").run(v + 1);
            }
        });
    }

    // Into an empty database a batch writes its rows without the indexes that only queries
    // use, and builds those at its end; one killed before then has them built by the next.
    void settle_indexes() {
        kp_sqlite::IndexPlan plan = kp_sqlite::IndexPlan::keep;
        retry_while_locked([&] { plan = kp_sqlite::plan_indexes(db_->get()); });
        if (plan == kp_sqlite::IndexPlan::keep) {
            return;
        }
        in_write_transaction([&] {
            // Again under the lock: another batch may have begun, or ended, meanwhile.
            switch (kp_sqlite::plan_indexes(db_->get())) {
                case kp_sqlite::IndexPlan::defer:
                    kp_sqlite::defer_indexes(*db_);
                    break;
                case kp_sqlite::IndexPlan::build:
                    build_indexes_left_unbuilt();
                    break;
                case kp_sqlite::IndexPlan::keep:
                    break;
            }
        });
    }

    void build_indexes_left_unbuilt() {
        try {
            kp_sqlite::build_deferred_indexes(*db_);
        } catch (const SqliteError& e) {
            if (e.is_lock()) {
                throw;  // waited for like any other
            }
            throw std::runtime_error(
                std::string("building the indexes an earlier batch left for later (listed in "
                            "deferred_indexes) failed: ") +
                e.what());
        }
    }

    // The documents are committed by now; a failure here loses none of them.
    void build_indexes_at_end() {
        bool deferred = false;
        retry_while_locked([&] {
            Statement(db_->get(), "SELECT EXISTS (SELECT 1 FROM deferred_indexes)")
                .first_row([&](Statement& s) { deferred = s.integer(0) != 0; });
        });
        if (!deferred) {
            return;
        }
        try {
            // See build_deferred_indexes. And a page cache of 2 MiB, SQLite's default: the
            // sort that builds an index keeps as much in memory as the cache may hold, and
            // with the batch's 8 MiB the process grew by 10 MB at the end of any batch of
            // more than a few thousand documents, for no gain in time (0.7 s either way to
            // build the indexes of 10,000).
            db_->exec("PRAGMA temp_store = FILE; PRAGMA cache_size = -2048");
            in_write_transaction([&] { kp_sqlite::build_deferred_indexes(*db_); });
        } catch (const std::exception& e) {
            throw kpproc::Error("write-failed",
                                std::string("building the indexes failed (") + e.what() +
                                    "): every document is stored, and the next batch into "
                                    "this database builds them; searches work meanwhile, "
                                    "only slower");
        }
    }

    // Every stored document's source and sha256, once, from an index that holds just those
    // (the documents table itself would read each document's text along with them).
    void read_known_documents() {
        retry_while_locked([&] {
            KnownDocuments known;
            Statement(db_->get(),
                      "SELECT source, sha256 FROM documents INDEXED BY documents_source_sha256")
                .each_row([&](Statement& s) { known.add(s.text(0), s.text(1)); });
            known.seal();
            known_ = std::move(known);
        });
    }

    // ---- Writing documents ------------------------------------------------------------------

    // Stores `doc` in the open group (opening one if need be), inside a savepoint: a document
    // that fails takes back its own rows and leaves the group's others alone.
    Stored store_in_group(const Document& doc, const kp_sqlite::PreparedRows& rows) {
        open_group();
        Statements& st = *statements_;
        const auto ids_before = st.ids.snapshot();
        const auto held_before = group_.held.mark();
        st.savepoint.run();
        try {
            Stored stored = store(doc, rows);
            st.release.run();
            if (stored.kind != Stored::Kind::unchanged) {
                ++group_.documents;
                group_.text_bytes += doc.text.size();
            }
            return stored;
        } catch (const std::exception& e) {
            st.ids.restore(ids_before);
            group_.held.truncate(held_before);
            undo_document(e);
            throw;
        }
    }

    void open_group() {
        if (group_.open) {
            return;
        }
        retry_while_locked([&] { statements_->begin.run(); });
        group_ = Group{};
        group_.open = true;
        group_.opened = Clock::now();
        // Under the write lock: no other writer adds rows until the group commits.
        statements_->ids.read();
        group_.first_document = statements_->ids.of(kp_sqlite::Table::documents);
    }

    // Takes back a failed document's rows. SQLite itself rolls back the whole transaction after
    // some errors (a full disk, an I/O error): then the group's earlier documents are gone
    // too, and the failure says so rather than let them pass for stored.
    void undo_document(const std::exception& cause) {
        Statements& st = *statements_;
        if (db_->in_transaction()) {
            try {
                st.rollback_to.run();
                st.release.run();
                return;
            } catch (const std::exception&) {
                roll_back();
            }
        }
        const std::size_t lost = group_.documents;
        group_ = Group{};
        if (lost > 0) {
            throw kpproc::Error("write-failed", std::string(cause.what()) +
                                                    "; the transaction was rolled back: " +
                                                    lost_documents(lost, "nor was this document") +
                                                    " (run the batch again to store them)");
        }
    }

    // Stores `doc` under its source unless that source holds the same bytes already. A source
    // with other bytes is replaced.
    Stored store(const Document& doc, const kp_sqlite::PreparedRows& rows) {
        // Looked up inside the transaction: another process may have stored the same source
        // since begin().
        const std::string sha = doc.source.sha256.value_or("");
        const std::optional<StoredDocument> existing = find_stored(doc.source.key());
        if (existing && existing->sha256 == sha) {
            Stored unchanged;
            unchanged.kind = Stored::Kind::unchanged;
            return unchanged;
        }
        if (existing) {
            remove(*existing);
        }
        kp_sqlite::RowWriter(*statements_, group_.held).insert(rows);
        return Stored{.kind = existing ? Stored::Kind::replaced : Stored::Kind::added,
                      .replaced_sha256 = existing ? existing->sha256 : std::string()};
    }

    std::optional<StoredDocument> find_stored(const std::string& source) {
        std::optional<StoredDocument> found;
        statements_->find_document.first_row(
            [&](Statement& s) {
                found.emplace();
                found->id = s.integer(0);
                found->sha256 = s.text(1);
            },
            source);
        return found;
    }

    // A document written in this group still has rows held back (search, entities): they are
    // dropped. Otherwise its search rows go first (FTS5 tables take no foreign keys, and the
    // index reads what to delete from the passages). The other tables' rows go with the
    // documents row (ON DELETE CASCADE, over indexed columns).
    void remove(const StoredDocument& old) {
        if (old.id >= group_.first_document) {
            group_.held.drop_document(old.id);
        } else {
            statements_->delete_search.run(old.id);
        }
        statements_->delete_document.run(old.id);
    }

    // Commits the open group. If that fails nothing of the group is stored: the failure (of
    // the document whose write triggered the commit, or of end()) says how many documents
    // were lost, which the host had already counted as stored. `earlier` counts the group's
    // documents before the current one; `current` says what became of that one, if any.
    void commit_group(std::size_t earlier, const char* current) {
        try {
            write_and_commit_group();
        } catch (const std::exception& e) {
            roll_back();
            group_ = Group{};
            throw kpproc::Error("write-failed", std::string("committing failed (") + e.what() +
                                                    "): " + lost_documents(earlier, current) +
                                                    " (run the batch again to store them)");
        }
        group_ = Group{};
    }

    void write_and_commit_group() {
        group_.held.write([&](kp_sqlite::Table t) -> kp_sqlite::MultiRowInsert& {
            return statements_->insert(t);
        });
        statements_->commit.run();
    }

    // "the 2 earlier documents of its group were not stored, nor was this document", "the
    // last document of the batch was not stored".
    static std::string lost_documents(std::size_t n, const char* current) {
        const bool at_end = current == nullptr;
        if (n == 0) {
            return at_end ? "no document was lost" : "this document was not stored";
        }
        std::string text = at_end ? "the last " : "the ";
        text += n == 1 ? "" : std::to_string(n) + " ";
        text += at_end ? "" : "earlier ";
        text += n == 1 ? "document" : "documents";
        text += at_end ? " of the batch " : " of its group ";
        text += n == 1 ? "was not stored" : "were not stored";
        return at_end ? text : text + ", " + current;
    }

    kpproc::ExportNotice notice_for(const Stored& stored, const Document& doc) const {
        switch (stored.kind) {
            case Stored::Kind::added:
                return {"new", ""};
            case Stored::Kind::unchanged:
                return {"unchanged", ""};
            case Stored::Kind::replaced:
                break;
        }
        return {"replaced", "replaced the version stored earlier in " + path_ + " (sha256 " +
                                stored.replaced_sha256.substr(0, 12) + "… → " +
                                doc.source.sha256.value_or("").substr(0, 12) + "…)"};
    }

    double timeout_seconds_;  // as the user gave it, for messages
    Clock::duration timeout_;
    bool lock_stuck_ = false;                    // the last wait for a lock ran out
    std::vector<kpproc::ExportNotice> notices_;  // of the last write(), for take_notices()
    std::string path_;
    std::optional<Connection> db_;
    std::optional<kp_sqlite::BackgroundCheckpoint> checkpoint_;  // after db_: stopped first
    std::optional<Statements> statements_;  // after db_: finalized before it is closed
    KnownDocuments known_;                  // fixed at begin(): read from any thread after
    Group group_;
};

}  // namespace

KPPROC_PLUGIN(SqliteExporter,
              {.id = "kp.exporter.sqlite",
               .version = "1.0.0",
               .summary = "Every document of a batch into one SQLite database, with full-text "
                          "search (FTS5); re-running changes nothing",
               .media_types = {"application/vnd.sqlite3"},
               .extensions = {".sqlite"},
               .options =
                   {
                       {.name = "timeout",
                        .type = kpproc::OptionType::number,
                        .default_value = "60",
                        .description = "Seconds a document waits while another process holds the "
                                       "database's write lock, before it fails (0-86400)"},
                   },
               // It writes its own output: the database at -o FILE, updated in place.
               .owns_output = true})
