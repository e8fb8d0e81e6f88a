// org.kpproc-tests.processor.misbehave: does something no exception can report, on any document
// whose text contains the marker, for the tests of what the host does then. `act` chooses:
// "segv" raises SIGSEGV (a crash), "abort" calls std::abort(), "sleep" pauses 30 s (time for
// a test to interrupt the run with temporary files open).

#include <signal.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <thread>

#include "kpproc/plugin.hpp"

namespace {

class MisbehaveOnMarker final : public kpproc::Processor {
public:
    explicit MisbehaveOnMarker(const kpproc::Options& options)
        : marker_(options.get_string("marker")), act_(options.get_string("act")) {}

    void process(kpproc::Document& doc) override {
        if (doc.text.find(marker_) == std::string::npos) {
            return;
        }
        if (act_ == "segv") {
            ::raise(SIGSEGV);
        } else if (act_ == "abort") {
            std::abort();
        } else {
            // Not ::sleep(), which a signal cuts short: the stall must outlast an interrupt.
            std::this_thread::sleep_for(std::chrono::seconds(30));
        }
    }

private:
    std::string marker_;
    std::string act_;
};

}  // namespace

KPPROC_PLUGIN(MisbehaveOnMarker,
              {.id = "org.kpproc-tests.processor.misbehave",
               .version = "1.0.0",
               .summary = "Test plugin: crashes, aborts or stalls on documents with a marker",
               .options = {{.name = "marker",
                            .type = kpproc::OptionType::string,
                            .default_value = "MISBEHAVE-HERE",
                            .description = "Text that triggers the misbehaviour"},
                           {.name = "act",
                            .type = kpproc::OptionType::choice,
                            .default_value = "segv",
                            .description = "What to do",
                            .choices = {"segv", "abort", "sleep"}}}})
