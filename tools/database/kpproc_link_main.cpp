// kpproc-link: `kpproc link`, which kpproc runs (see database_commands.hpp).

#include <string>
#include <vector>

#include "database_commands.hpp"
#include "kpproc/framework/signals.hpp"

int main(int argc, char** argv) {
    // It runs the entities processor's batch stage: a crash there names the plugin.
    kpproc::framework::install_signal_handlers();
    return kpproc::cli::link_command(std::vector<std::string>(argv + 1, argv + argc));
}
