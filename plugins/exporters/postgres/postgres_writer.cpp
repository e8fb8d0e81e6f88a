// kp.exporter.postgres's writer: every document of a batch into a PostgreSQL database, in the
// schema of kp.exporter.sqlite (pg_schema.hpp), loaded with COPY. It links libpq, and is built
// as the plugin's companion library, postgres/kp-postgres-writer.so (postgres_writer.hpp).
//
// Many writers at once — processes on one machine or many, each a shard of a corpus — are the
// case it is built for. Documents are written in groups (up to 250 ms of work or 4 MiB of
// text), each group one transaction (group_writer.hpp): it takes an advisory lock on each of
// its sources (so that two writers given the same source take turns rather than both insert
// it), finds what the database holds for them, and for each document either leaves it (the
// same bytes), or replaces it (other bytes: its rows deleted, by cascade, in the same
// transaction), or adds it. A transaction locks nothing of any document outside its group, and
// takes its locks in one order, so writers never deadlock; a writer killed mid-group leaves
// none of the group. A group that fails is written again one document at a time, so that only
// a document that cannot be stored is lost, and said to be.
#include <libpq-fe.h>

#include <chrono>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "copy_rows.hpp"
#include "group_writer.hpp"
#include "kpproc/meeting_rows/document_rows.hpp"
#include "kpproc/meeting_rows/known_documents.hpp"
#include "kpproc/meeting_rows/prepared_rows.hpp"
#include "kpproc/plugin.hpp"
#include "pg_connection.hpp"
#include "pg_schema.hpp"
#include "postgres_writer.hpp"

namespace {

using kp_postgres::Connection;
using kp_postgres::PgError;
using kp_postgres::Result;
using kpproc::Document;

// The advisory lock every batch takes while it creates or migrates the schema: two batches
// starting together on a new database take turns. A session's lock, taken before the
// transaction begins: a transaction that waited for a lock inside it could still read the
// catalogue as it was when the wait began, and not see the tables the other batch made.
constexpr const char* kSchemaLock =
    "SELECT pg_advisory_lock(hashtextextended('kp.exporter.postgres: schema', 0))";
constexpr const char* kSchemaUnlock =
    "SELECT pg_advisory_unlock(hashtextextended('kp.exporter.postgres: schema', 0))";

// Deadlocks and serialisation failures are retried: neither should happen (a document's
// transaction locks only its own rows), but a server may report one under load.
constexpr int kAttempts = 3;

using Clock = std::chrono::steady_clock;

// A group is committed once its documents hold this much text (what a kill -9 can lose) …
constexpr std::size_t kGroupTextBytes = std::size_t{4} << 20;
// … or once it is this old, so that locks are never held long while other writers wait.
constexpr auto kGroupAge = std::chrono::milliseconds(250);

class PostgresWriter final : public kpproc::Exporter {
public:
    // `lock_timeout_seconds`: the `timeout` option, checked by the plugin (0 to 86400).
    explicit PostgresWriter(double lock_timeout_seconds)
        : lock_timeout_seconds_(lock_timeout_seconds) {}

    void begin(const kpproc::ExportTarget& target, std::ostream& /*out*/) override {
        if (target.path == "-") {
            throw kpproc::Error("output-failed",
                                "postgres writes into a database: give -o postgresql://… or a "
                                "libpq connection string (host=… dbname=…)");
        }
        try {
            db_ = std::make_unique<Connection>(target.path);
            configure_session();
            migrate();
            read_known_documents();
        } catch (const PgError& e) {
            throw kpproc::Error("output-failed", e.what());
        }
    }

    bool prepare(const Document& doc, const kpproc::ExportTarget& /*target*/,
                 std::string& prepared) override {
        kp_rows::DocumentRows::render(doc, prepared);
        return true;
    }

    void write(const Document& doc, std::ostream& out) override {
        std::string prepared;
        kp_rows::DocumentRows::render(doc, prepared);
        write_prepared(doc, prepared, out);
    }

    void write_prepared(const Document& doc, std::string_view prepared,
                        std::ostream& /*out*/) override {
        notices_.clear();
        if (!group_.empty() && Clock::now() - group_opened_ >= kGroupAge) {
            commit_group(nullptr);  // a group left waiting while unchanged documents went by
        }
        const std::string source = doc.source.key();
        const std::string sha = doc.source.sha256.value_or("");
        if (known_.holds(source, sha)) {
            notices_.push_back({"unchanged", ""});
            return;  // the same bytes as at begin(): no database work at all
        }
        const std::string stored_sha = stored_sha256(source);
        if (!stored_sha.empty() && stored_sha == sha) {
            notices_.push_back({"unchanged", ""});  // stored by another writer since begin()
            return;
        }
        if (group_.empty()) {
            group_opened_ = Clock::now();
        }
        group_.push_back({source, sha, doc.source.path, std::string(prepared)});
        group_bytes_ += doc.text.size();
        notices_.push_back(stored_sha.empty() ? kpproc::ExportNotice{"new", ""}
                                              : replaced_notice(stored_sha, sha));
        if (group_bytes_ >= kGroupTextBytes || Clock::now() - group_opened_ >= kGroupAge) {
            commit_group(&doc);
        }
    }

    std::vector<kpproc::ExportNotice> take_notices() override {
        return std::exchange(notices_, {});
    }

    bool is_stored(std::string_view identity, std::string_view sha256) const override {
        return known_.holds(identity, sha256);
    }

    void end(std::ostream& /*out*/) override {
        if (!group_.empty()) {
            commit_group(nullptr);
        }
        db_.reset();
    }

    // A batch ended without end() (the host gave up on it): the documents it was told are
    // stored are written, as far as that can still be done.
    ~PostgresWriter() override {
        if (db_ && !group_.empty()) {
            try {
                commit_group(nullptr);
            } catch (...) {
                // Nobody is left to tell.
            }
        }
    }
    PostgresWriter(const PostgresWriter&) = delete;
    PostgresWriter& operator=(const PostgresWriter&) = delete;

private:
    void configure_session() {
        // A commit returns before its WAL record reaches the disk: a crash of the server may
        // lose the last moments of a batch (which running it again stores), never consistency.
        // A lock held by another writer longer than `timeout` fails the document, clearly.
        db_->exec(
            "SET synchronous_commit = off; SET client_min_messages = warning; "
            "SET application_name = 'kpproc'; SET lock_timeout = '" +
            std::to_string(static_cast<long long>(lock_timeout_seconds_ * 1000)) + "ms'");
    }

    int schema_version() {
        const Result exists = db_->query("SELECT to_regclass('schema_version') IS NOT NULL");
        if (std::string_view(PQgetvalue(exists.get(), 0, 0)) != "t") {
            return 0;
        }
        const Result version = db_->query("SELECT version FROM schema_version");
        return PQntuples(version.get()) == 0 ? 0 : std::stoi(PQgetvalue(version.get(), 0, 0));
    }

    void migrate() {
        const int current = static_cast<int>(kp_postgres::kMigrations.size());
        if (schema_version() == current) {
            return;  // every run but the first: no lock taken
        }
        db_->exec(kSchemaLock);
        try {
            db_->exec("BEGIN");
            const int version = schema_version();  // again, under the lock
            if (version > current) {
                throw kpproc::Error("output-failed", db_->target() +
                                                         ": the database has schema "
                                                         "version " +
                                                         std::to_string(version) +
                                                         ", newer than this exporter's " +
                                                         std::to_string(current));
            }
            for (int v = version; v < current; ++v) {
                for (const char* sql : kp_postgres::kMigrations[static_cast<std::size_t>(v)]) {
                    db_->exec(sql);
                }
                db_->exec("UPDATE schema_version SET version = " + std::to_string(v + 1));
            }
            db_->exec("COMMIT");
        } catch (...) {
            roll_back();
            try {
                db_->exec(kSchemaUnlock);
            } catch (...) {
                // The lock goes with the session, which the failure ends anyway.
            }
            throw;
        }
        db_->exec(kSchemaUnlock);
    }

    // Every stored document's source and sha256, once.
    void read_known_documents() {
        const Result r = db_->query("SELECT source, sha256 FROM documents");
        kp_rows::KnownDocuments known;
        for (int i = 0; i < PQntuples(r.get()); ++i) {
            known.add(PQgetvalue(r.get(), i, 0), PQgetvalue(r.get(), i, 1));
        }
        known.seal();
        known_ = std::move(known);
    }

    // What the database holds for `source` now (its sha256), or "" for nothing.
    std::string stored_sha256(const std::string& source) {
        const Result r =
            db_->query("SELECT sha256 FROM documents WHERE source = $1", {source.c_str()});
        return PQntuples(r.get()) > 0 ? PQgetvalue(r.get(), 0, 0) : "";
    }

    // Writes the group in one transaction, retried on a deadlock or serialisation failure; if
    // it fails otherwise, each document again in a transaction of its own. Throws, for
    // `current` (or for the end of the batch), naming each document that could not be stored.
    void commit_group(const Document* current) {
        std::vector<kp_postgres::PendingDocument> group = std::exchange(group_, {});
        group_bytes_ = 0;
        std::string failed;
        try {
            in_transaction([&] { kp_postgres::GroupWriter(*db_).write(group); });
        } catch (const PgError&) {
            for (const auto& document : group) {
                try {
                    in_transaction([&] { kp_postgres::GroupWriter(*db_).write({document}); });
                } catch (const PgError& e) {
                    failed += (failed.empty() ? "" : "; ") + document.path + " was not stored (" +
                              e.what() + ")";
                }
            }
        }
        if (!failed.empty()) {
            throw kpproc::Error("write-failed",
                                db_->target() + ": " + failed +
                                    (current != nullptr ? " (written with the group this "
                                                          "document ended)"
                                                        : " (the last group of the batch)"));
        }
    }

    template <class F>
    void in_transaction(F&& work) {
        for (int attempt = 1;; ++attempt) {
            try {
                db_->exec("BEGIN");
                work();
                db_->exec("COMMIT");
                return;
            } catch (const PgError& e) {
                roll_back();
                const bool transient = e.sqlstate() == "40P01" || e.sqlstate() == "40001";
                if (!transient || attempt == kAttempts) {
                    throw;
                }
            } catch (...) {
                roll_back();
                throw;
            }
        }
    }

    void roll_back() noexcept {
        if (db_ && db_->in_transaction()) {
            try {
                db_->exec("ROLLBACK");
            } catch (...) {
                // The error that brought us here is the one worth reporting.
            }
        }
    }

    kpproc::ExportNotice replaced_notice(const std::string& was, const std::string& now) const {
        return {"replaced", "replaced the version stored earlier in " + db_->target() +
                                " (sha256 " + was.substr(0, 12) + "… → " + now.substr(0, 12) +
                                "…)"};
    }

    double lock_timeout_seconds_;
    std::unique_ptr<Connection> db_;
    kp_rows::KnownDocuments known_;  // fixed at begin(): read from any thread after
    std::vector<kpproc::ExportNotice> notices_;
    std::vector<kp_postgres::PendingDocument> group_;  // written, not committed yet
    std::size_t group_bytes_ = 0;                      // of text
    Clock::time_point group_opened_;
};

class Factory final : public kp_postgres::WriterFactory {
public:
    std::unique_ptr<kpproc::Exporter> make(double lock_timeout_seconds) const override {
        return std::make_unique<PostgresWriter>(lock_timeout_seconds);
    }
};

}  // namespace

extern "C" __attribute__((visibility("default"))) const kp_postgres::WriterFactory*
kp_postgres_writer_v1() {
    static const Factory factory;
    return &factory;
}
