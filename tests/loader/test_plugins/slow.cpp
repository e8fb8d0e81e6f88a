// org.kpproc-tests.processor.slow: takes `ms` milliseconds over every document and changes
// nothing, so that a test can interrupt a batch part way through.

#include <chrono>
#include <thread>

#include "kpproc/plugin.hpp"

namespace {

class Slow final : public kpproc::Processor {
public:
    explicit Slow(const kpproc::Options& options)
        : pause_(std::chrono::milliseconds(options.get_int("ms"))) {}

    void process(kpproc::Document& /*doc*/) override { std::this_thread::sleep_for(pause_); }

private:
    std::chrono::milliseconds pause_;
};

}  // namespace

KPPROC_PLUGIN(Slow, {.id = "org.kpproc-tests.processor.slow",
                     .version = "1.0.0",
                     .summary = "Test plugin: takes a while over every document",
                     .options = {{.name = "ms",
                                  .type = kpproc::OptionType::integer,
                                  .default_value = "50",
                                  .description = "Milliseconds per document"}}})
