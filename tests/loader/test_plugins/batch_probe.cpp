// org.kpproc-tests.processor.batch-probe: its batch stage (ABI 1.1) fails on documents whose
// text contains "BATCH-FAIL" and stamps the others, so tests can check that the host runs the
// stage, in input order, costing only the failing document. Built a second time as if for
// ABI 1.0 (batch-probe-1-0), to check that the host never calls a stage an older plugin lacks.

#include "kpproc/abi.h"
#ifdef KPPROC_TEST_AS_ABI_1_0
#undef KPPROC_ABI_MINOR
#define KPPROC_ABI_MINOR 0
#define KPPROC_TEST_PROBE_ID "org.kpproc-tests.processor.batch-probe-1-0"
#else
#define KPPROC_TEST_PROBE_ID "org.kpproc-tests.processor.batch-probe"
#endif

#include <string>

#include "kpproc/plugin.hpp"

namespace {

class BatchProbe final : public kpproc::Processor {
public:
    explicit BatchProbe(const kpproc::Options&) {}

    void process(kpproc::Document&) override {}

    void process_in_batch(kpproc::Document& doc) override {
        if (doc.text.find("BATCH-FAIL") != std::string::npos) {
            throw kpproc::Error("deliberate", "deliberate failure in the batch stage");
        }
        // The position of this document in the batch, as the one shared instance saw it.
        doc.add_diagnostic("info", "batch-probe", "batch position " + std::to_string(++seen_));
    }

private:
    int seen_ = 0;
};

}  // namespace

KPPROC_PLUGIN(BatchProbe, {.id = KPPROC_TEST_PROBE_ID,
                           .version = "1.0.0",
                           .summary = "Test plugin: a batch stage that fails on a marker"})
