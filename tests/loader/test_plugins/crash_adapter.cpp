// org.kpproc-tests.adapter.crash: reads any input as plain text, but crashes (SIGSEGV) while
// parsing one that contains "CRASH-IN-PARSE", for the tests of --isolate: a crash in an adapter
// must be named as one ("while parsing"). It never claims an input in auto-detection.

#include <signal.h>

#include "kpproc/plugin.hpp"

namespace {

class CrashAdapter final : public kpproc::Adapter {
public:
    explicit CrashAdapter(const kpproc::Options&) {}

    kpproc::Detection detect(std::string_view, std::string_view) const override {
        return {0.0, "only when named in the chain"};
    }

    kpproc::Document parse(const kpproc::SourceInput& input) override {
        if (input.bytes.find("CRASH-IN-PARSE") != std::string_view::npos) {
            ::raise(SIGSEGV);
        }
        kpproc::Document doc;
        doc.text = std::string(input.bytes);
        return doc;
    }
};

}  // namespace

KPPROC_PLUGIN(CrashAdapter, {.id = "org.kpproc-tests.adapter.crash",
                             .version = "1.0.0",
                             .summary = "Test plugin: crashes while parsing on a marker"})
