// kp.exporter.postgres: every document of a batch into a PostgreSQL database, in the schema of
// kp.exporter.sqlite, loaded with COPY; many writers at once (postgres_writer.cpp says how).
//
// This library is only the plugin's descriptor and a door: the writer, which links libpq, is a
// companion library loaded when a batch first uses the exporter (postgres_writer.hpp), so that
// a run that writes no PostgreSQL does not load libpq and its twenty-odd libraries.

#include <memory>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "kpproc/companion_library.hpp"
#include "kpproc/error.hpp"
#include "kpproc/plugin.hpp"
#include "postgres_writer.hpp"

namespace {

const kp_postgres::WriterFactory* load_writer();

// Loaded at the first call; a load that fails (and throws) is tried again at the next.
const kp_postgres::WriterFactory& writer_factory() {
    static const kp_postgres::WriterFactory* const loaded = load_writer();
    return *loaded;
}

const kp_postgres::WriterFactory* load_writer() {
    void* entry = kpproc::companion::load_entry(
        reinterpret_cast<void*>(&load_writer), "postgres/kp-postgres-writer.so",
        "kp_postgres_writer_v1", "the PostgreSQL writer", "writer-missing");
    return reinterpret_cast<const kp_postgres::WriterFactory* (*)()>(entry)();
}

// Every call goes to the writer, made (and its library loaded) at the first: kpproc makes
// each plugin once with its defaults when it loads it, to see that it can, and that must not
// load libpq. The option is checked here, at once.
class PostgresExporter final : public kpproc::Exporter {
public:
    explicit PostgresExporter(const kpproc::Options& options)
        : lock_timeout_seconds_(options.get_number("timeout")) {
        if (!(lock_timeout_seconds_ >= 0 && lock_timeout_seconds_ <= 86400)) {
            throw kpproc::Error("invalid-option",
                                "postgres: timeout must be from 0 to 86400 seconds");
        }
    }

    void begin(const kpproc::ExportTarget& target, std::ostream& out) override {
        writer().begin(target, out);
    }
    void write(const kpproc::Document& doc, std::ostream& out) override {
        writer().write(doc, out);
    }
    void end(std::ostream& out) override { writer().end(out); }
    std::vector<kpproc::ExportNotice> take_notices() override {
        return writer_ ? writer_->take_notices() : std::vector<kpproc::ExportNotice>{};
    }
    bool prepare(const kpproc::Document& doc, const kpproc::ExportTarget& target,
                 std::string& prepared) override {
        return writer().prepare(doc, target, prepared);
    }
    void write_prepared(const kpproc::Document& doc, std::string_view prepared,
                        std::ostream& out) override {
        writer().write_prepared(doc, prepared, out);
    }
    // Asked only once the batch has begun; before, nothing is stored that it knows of.
    bool is_stored(std::string_view identity, std::string_view sha256) const override {
        return writer_ && writer_->is_stored(identity, sha256);
    }

private:
    kpproc::Exporter& writer() {
        if (!writer_) {
            writer_ = writer_factory().make(lock_timeout_seconds_);
        }
        return *writer_;
    }

    double lock_timeout_seconds_;
    std::unique_ptr<kpproc::Exporter> writer_;
};

}  // namespace

KPPROC_PLUGIN(PostgresExporter,
              {.id = "kp.exporter.postgres",
               .version = "0.1.0",
               .summary = "Every document of a batch into a PostgreSQL database (the sqlite "
                          "exporter's schema, loaded with COPY, full-text search by tsvector); "
                          "many writers at once; re-running changes nothing",
               .media_types = {"application/vnd.kpproc.postgresql"},
               .options =
                   {
                       {.name = "timeout",
                        .type = kpproc::OptionType::number,
                        .default_value = "60",
                        .description = "Seconds a document waits for a lock another writer holds "
                                       "(the same source being written), before it fails (0-86400; "
                                       "0 waits for ever)"},
                   },
               // It writes its own output: the database -o names (a postgresql:// URL or a
               // libpq connection string).
               .owns_output = true})
