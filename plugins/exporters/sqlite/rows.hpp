// The rows the exporter writes, shared with the postgres exporter (kpproc/meeting_rows/): their
// names are used here as the sqlite exporter's own.
#pragma once

#include "kpproc/meeting_rows/document_rows.hpp"
#include "kpproc/meeting_rows/known_documents.hpp"
#include "kpproc/meeting_rows/prepared_rows.hpp"

namespace kp_sqlite {
using namespace kp_rows;  // NOLINT(google-build-using-namespace): one vocabulary for both
}  // namespace kp_sqlite
