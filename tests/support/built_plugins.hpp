#pragma once
// The plugins this build made, loaded once per test program. KPPROC_TEST_PLUGIN_DIR is set by
// tests/CMakeLists.txt for the programs that include this.

#include "kpproc/framework/plugin_registry.hpp"

namespace kpproc::testing {

inline const framework::PluginRegistry& built_plugins() {
    static const framework::PluginRegistry registry = [] {
        framework::PluginRegistry loaded;
        loaded.load_directory(KPPROC_TEST_PLUGIN_DIR);
        return loaded;
    }();
    return registry;
}

}  // namespace kpproc::testing
