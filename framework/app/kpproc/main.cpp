// kpproc: turns UK local-government meeting records into structured data through a chain of
// run-time plugins. See `kpproc --help`.

#include <algorithm>
#include <cstddef>
#include <iostream>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "commands.hpp"
#include "external_command.hpp"
#include "kpproc/framework/signals.hpp"
#include "kpproc/framework/suggest.hpp"
#include "kpproc/text.hpp"

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
  kpproc show FILE | DATABASE ID                       one meeting, readably, in the terminal
  kpproc serve DATABASE [--port N]                     a local web app: search, meetings, people
  kpproc help COMMAND, kpproc COMMAND --help          help on one command
  kpproc --version

Options before the command are passed to it: kpproc --plugin-path DIR plugins

A chain names the plugins a document passes through, gst-launch style:
  auto ! json                   detect the input format, write JSON (the default chain)
  auto ! json(pretty=false)     options go in brackets

Plugins are searched in: --plugin-path DIRs, then $KPPROC_PLUGIN_PATH (':'-separated), then the
plugins installed with kpproc. The current directory is never searched implicitly.

Exit status: 0 every document done, 1 some documents failed (each is reported), 2 usage or setup
error, 3 a plugin crashed kpproc (named on standard error with the document).
)";

// The commands, by name. (worker is internal: the processes of `run --isolate`.)
using Command = int (*)(const std::vector<std::string>&);
const std::vector<std::pair<std::string, Command>>& commands() {
    static const std::vector<std::pair<std::string, Command>> table = {
        {"run", kpproc::cli::run_command},
        {"plugins", kpproc::cli::plugins_command},
        {"inspect", kpproc::cli::inspect_command},
        {"detect", kpproc::cli::detect_command},
        {"worker", kpproc::cli::worker_command}};
    return table;
}

// kpproc's commands that are programs of their own (external_command.hpp), installed with it.
const std::vector<std::string> kOwnPrograms = {"search", "link", "show", "serve"};

std::vector<std::string> public_command_names() {
    std::vector<std::string> names;
    for (const auto& [name, command] : commands()) {
        if (name != "worker") {
            names.push_back(name);
        }
    }
    names.insert(names.end(), kOwnPrograms.begin(), kOwnPrograms.end());
    return names;
}

// Options given before the command, as `git -C` and `gst-inspect --gst-plugin-path` take them:
// --plugin-path DIR (-p DIR, --plugin-path=DIR, -pDIR), passed on to the command. Takes them
// off the front of `args`; throws a message for one without its value.
std::vector<std::string> global_options(std::vector<std::string>& args) {
    std::vector<std::string> passed;
    std::size_t i = 0;
    for (; i < args.size(); ++i) {
        const std::string& a = args[i];
        if (a == "--plugin-path" || a == "-p") {
            if (i + 1 == args.size()) {
                throw std::runtime_error("option '" + a + "' needs a value");
            }
            passed.insert(passed.end(), {"--plugin-path", args[++i]});
        } else if (a.rfind("--plugin-path=", 0) == 0) {
            passed.insert(passed.end(), {"--plugin-path", a.substr(14)});
        } else if (a.size() > 2 && a.rfind("-p", 0) == 0) {
            passed.insert(passed.end(), {"--plugin-path", a.substr(2)});
        } else {
            break;
        }
    }
    args.erase(args.begin(), args.begin() + static_cast<std::ptrdiff_t>(i));
    return passed;
}

int unknown_command(const std::string& command) {
    std::cerr << "kpproc: unknown command '" << command << "'"
              << kpproc::framework::did_you_mean(command, public_command_names())
              << "; the commands are " << kpproc::text::join(public_command_names(), ", ")
              << " (see 'kpproc --help')\n";
    return kpproc::cli::kUsageError;
}

// `kpproc NAME …` for a NAME that is not built in: kpproc-NAME, if there is one.
int external_or_unknown(const std::string& command, const std::vector<std::string>& args) {
    if (const auto program = kpproc::cli::find_external_command(command)) {
        return kpproc::cli::run_external_command(*program, command, args);
    }
    if (std::find(kOwnPrograms.begin(), kOwnPrograms.end(), command) != kOwnPrograms.end()) {
        std::cerr << "kpproc " << command << ": this command is the program kpproc-" << command
                  << ", which is not in " << kpproc::cli::own_programs_directory().string()
                  << " nor on PATH; install kpproc whole (cmake --install)\n";
        return kpproc::cli::kUsageError;
    }
    return unknown_command(command);
}

}  // namespace

int main(int argc, char** argv) {
    // Interrupted or crashed runs remove their temporary files; a crash names the plugin.
    kpproc::framework::install_signal_handlers();
    std::vector<std::string> args(argv + 1, argv + argc);
    std::vector<std::string> global;
    try {
        global = global_options(args);
    } catch (const std::exception& e) {
        std::cerr << "kpproc: " << e.what() << "\n";
        return kpproc::cli::kUsageError;
    }
    if (args.empty()) {
        std::cerr << kOverview;
        return kpproc::cli::kUsageError;
    }
    std::string command = args.front();
    std::vector<std::string> rest(args.begin() + 1, args.end());
    if (command == "help" && !rest.empty()) {
        command = rest.front();  // kpproc help CMD: the command's own help
        rest = {"--help"};
    } else if (command == "--help" || command == "-h" || command == "help") {
        std::cout << kOverview;
        return kpproc::cli::kSuccess;
    }
    if (command == "--version" || command == "-V") {
        std::cout << "kpproc " << KPPROC_VERSION << "\n";
        return kpproc::cli::kSuccess;
    }
    rest.insert(rest.begin(), global.begin(), global.end());
    for (const auto& [name, run] : commands()) {
        if (name == command) {
            return run(rest);
        }
    }
    return external_or_unknown(command, rest);
}
