// kpproc built with -DKPPROC_WITH_POSTGRES=OFF: a postgresql:// DATABASE is recognised, and
// refused with the reason.
#include "kpproc/error.hpp"
#include "search.hpp"

namespace kpproc::cli {

bool is_postgres_database(const std::string& database) {
    return database.rfind("postgresql://", 0) == 0 || database.rfind("postgres://", 0) == 0;
}

std::vector<Hit> search_postgres(const SearchRequest& /*request*/) {
    throw kpproc::Error("no-database",
                        "this kpproc was built without PostgreSQL (-DKPPROC_WITH_POSTGRES=OFF)");
}

}  // namespace kpproc::cli
