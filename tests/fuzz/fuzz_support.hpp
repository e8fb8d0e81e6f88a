#pragma once
// What the fuzz targets share: the plugins of this build, loaded once, and the rule that a
// finding is a crash. libFuzzer records an input as a finding when the process aborts, so a
// broken rule of the document model (kpproc/invariants.hpp) aborts with the violation printed,
// just as a sanitizer's report does.

#include <cstdio>
#include <cstdlib>
#include <string>

#include "kpproc/framework/chain.hpp"
#include "kpproc/framework/pipeline.hpp"
#include "kpproc/framework/plugin_registry.hpp"
#include "kpproc/invariants.hpp"

namespace kpproc::fuzz {

inline const framework::PluginRegistry& plugins() {
    static const framework::PluginRegistry registry = [] {
        framework::PluginRegistry loaded;
        loaded.load_directory(KPPROC_FUZZ_PLUGIN_DIR);
        for (const auto& refusal : loaded.refusals()) {
            std::fprintf(stderr, "fuzz: %s refused: %s\n", refusal.path.c_str(),
                         refusal.message.c_str());
            std::abort();
        }
        return loaded;
    }();
    return registry;
}

// A pipeline of `chain` whose workers check every plugin's output against the model's rules.
inline framework::Pipeline checked_pipeline(const std::string& chain) {
    framework::Pipeline pipeline(plugins(), framework::parse_chain(chain),
                                 framework::Pipeline::ExporterRule::optional);
    pipeline.check_invariants(true);
    return pipeline;
}

[[noreturn]] inline void finding(const std::string& what) {
    std::fprintf(stderr, "fuzz: finding: %s\n", what.c_str());
    std::abort();
}

}  // namespace kpproc::fuzz
