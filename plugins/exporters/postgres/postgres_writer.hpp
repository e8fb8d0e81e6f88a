// What kp.exporter.postgres (postgres_plugin.cpp) needs of its writer (postgres_writer.cpp):
// the writer links libpq, which brings Kerberos, LDAP and GnuTLS with it, some twenty libraries
// and 16 ms of start-up in every kpproc process if the plugin linked them itself. It is a
// companion library beside the plugin, postgres/kp-postgres-writer.so, loaded by the first
// batch that exports to PostgreSQL (kpproc/companion_library.hpp), not when kpproc makes each
// plugin once with its defaults to see that it can.
#pragma once

#include <memory>

#include "kpproc/plugin.hpp"

namespace kp_postgres {

class WriterFactory {
public:
    virtual ~WriterFactory() = default;
    // An exporter for one batch that waits at most `lock_timeout_seconds` for another
    // writer's lock (0: for ever).
    virtual std::unique_ptr<kpproc::Exporter> make(double lock_timeout_seconds) const = 0;
};

}  // namespace kp_postgres

// The writer library's one entry point.
extern "C" const kp_postgres::WriterFactory* kp_postgres_writer_v1();
