// kpproc built with -DKPPROC_WITH_POSTGRES=OFF: a postgresql:// DATABASE is recognised, and
// refused with the reason.
#include "kpproc/error.hpp"
#include "link_store.hpp"
#include "search.hpp"

namespace kpproc::cli {

bool is_postgres_database(const std::string& database) {
    return database.rfind("postgresql://", 0) == 0 || database.rfind("postgres://", 0) == 0;
}

namespace {
constexpr const char* kLeftOut =
    "this kpproc was built without PostgreSQL (-DKPPROC_WITH_POSTGRES=OFF)";
}  // namespace

std::vector<Hit> search_postgres(const SearchRequest& /*request*/) {
    throw kpproc::Error("no-database", kLeftOut);
}

std::unique_ptr<LinkStore> open_postgres_link_store(const std::string& /*url*/) {
    throw kpproc::Error("no-database", kLeftOut);
}

}  // namespace kpproc::cli
