// kpproc: turns UK local-government meeting records into structured data through a chain of
// run-time plugins. See `kpproc --help`.

#include <iostream>
#include <string>
#include <vector>

#include "commands.hpp"
#include "kpproc/framework/signals.hpp"

namespace {

constexpr const char* kOverview =
    R"(kpproc — turns council and Police and Crime Panel meeting records into structured data

Usage:
  kpproc run [--chain CHAIN] [-o OUT] [-j N] INPUT...   process files, directories or - (stdin)
  kpproc plugins [--json]                              list loaded plugins, and refused ones with why
  kpproc inspect ID                                    show one plugin: options, defaults, media types
  kpproc detect FILE...                                show which adapter would read each file
  kpproc search DATABASE QUERY                         full-text search of a sqlite or postgres export
  kpproc link DATABASE                                 link the people of a database's documents
  kpproc COMMAND --help                                help on one command
  kpproc --version

A chain names the plugins a document passes through, gst-launch style:
  auto ! json                   detect the input format, write JSON (the default chain)
  auto ! json(pretty=false)     options go in brackets

Plugins are searched in: --plugin-path DIRs, then $KPPROC_PLUGIN_PATH (':'-separated), then the
plugins installed with kpproc. The current directory is never searched implicitly.

Exit status: 0 every document done, 1 some documents failed (each is reported), 2 usage or setup
error, 3 a plugin crashed kpproc (named on standard error with the document).
)";

}  // namespace

int main(int argc, char** argv) {
    // Interrupted or crashed runs remove their temporary files; a crash names the plugin.
    kpproc::framework::install_signal_handlers();
    std::vector<std::string> args(argv + 1, argv + argc);
    if (args.empty()) {
        std::cerr << kOverview;
        return kpproc::cli::kUsageError;
    }
    const std::string command = args.front();
    const std::vector<std::string> rest(args.begin() + 1, args.end());
    if (command == "--help" || command == "-h" || command == "help") {
        std::cout << kOverview;
        return kpproc::cli::kSuccess;
    }
    if (command == "--version" || command == "-V") {
        std::cout << "kpproc " << KPPROC_VERSION << "\n";
        return kpproc::cli::kSuccess;
    }
    if (command == "run") {
        return kpproc::cli::run_command(rest);
    }
    if (command == "plugins") {
        return kpproc::cli::plugins_command(rest);
    }
    if (command == "inspect") {
        return kpproc::cli::inspect_command(rest);
    }
    if (command == "detect") {
        return kpproc::cli::detect_command(rest);
    }
    if (command == "search") {
        return kpproc::cli::search_command(rest);
    }
    if (command == "link") {
        return kpproc::cli::link_command(rest);
    }
    if (command == "worker") {
        return kpproc::cli::worker_command(rest);
    }
    std::cerr << "kpproc: unknown command '" << command
              << "'; the commands are run, plugins, inspect, detect, search and link (see 'kpproc "
                 "--help')\n";
    return kpproc::cli::kUsageError;
}
