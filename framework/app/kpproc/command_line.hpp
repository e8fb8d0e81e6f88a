#pragma once
// What every kpproc command shares: its options parsed (Poco::Util), its help printed, the
// plugins loaded, and errors turned into messages and exit statuses.

#include <Poco/Util/Option.h>
#include <Poco/Util/OptionSet.h>

#include <iostream>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include "commands.hpp"
#include "kpproc/error.hpp"
#include "kpproc/framework/plugin_registry.hpp"

namespace kpproc::cli {

struct ParsedArgs {
    std::multimap<std::string, std::string> options;  // long name -> value ("" for flags)
    std::vector<std::string> positional;
    bool has(const std::string& name) const { return options.count(name) != 0; }
    std::string value(const std::string& name, const std::string& fallback = {}) const {
        auto it = options.find(name);
        return it == options.end() ? fallback : it->second;
    }
    std::vector<std::string> values(const std::string& name) const {
        std::vector<std::string> out;
        for (auto [it, end] = options.equal_range(name); it != end; ++it) {
            out.push_back(it->second);
        }
        return out;
    }
};

// A mistake in how a command was called: printed with a pointer to its --help, exit 2.
class UsageError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

struct CommandSpec {
    std::string name;    // "run"
    std::string usage;   // "[options] INPUT..."
    std::string header;  // what it does
    std::string footer;  // examples, notes
    Poco::Util::OptionSet options;
};

// --plugin-path and --help, which every command takes.
void add_common_options(Poco::Util::OptionSet& set);
void print_help(const CommandSpec& spec, std::ostream& out);
// Throws UsageError for an unknown option or a missing value.
ParsedArgs parse_args(const CommandSpec& spec, const std::vector<std::string>& args);
// The plugins of --plugin-path, $KPPROC_PLUGIN_PATH and the installed ones.
framework::PluginRegistry load_plugins(const ParsedArgs& args);

// Runs a command body with the error conventions every command shares.
template <class Body>
int guarded(const CommandSpec& spec, const std::vector<std::string>& args, Body&& body) {
    try {
        const ParsedArgs parsed = parse_args(spec, args);
        if (parsed.has("help")) {
            print_help(spec, std::cout);
            return kSuccess;
        }
        return body(parsed);
    } catch (const UsageError& e) {
        std::cerr << "kpproc " << spec.name << ": " << e.what() << "\n"
                  << "See 'kpproc " << spec.name << " --help'.\n";
        return kUsageError;
    } catch (const Error& e) {
        std::cerr << "kpproc " << spec.name << ": error: " << e.what() << "\n";
        return kUsageError;
    } catch (const std::exception& e) {
        std::cerr << "kpproc " << spec.name << ": error: " << e.what() << "\n";
        return kUsageError;
    }
}

}  // namespace kpproc::cli
