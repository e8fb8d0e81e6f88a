// kpproc-show: `kpproc show`, which kpproc runs (see database_commands.hpp).

#include <string>
#include <vector>

#include "database_commands.hpp"
#include "kpproc/framework/signals.hpp"

int main(int argc, char** argv) {
    // It may run an adapter on a FILE: a crash there names the plugin.
    kpproc::framework::install_signal_handlers();
    return kpproc::cli::show_command(std::vector<std::string>(argv + 1, argv + argc));
}
