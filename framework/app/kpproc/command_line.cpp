#include "command_line.hpp"

#include <Poco/Util/HelpFormatter.h>
#include <Poco/Util/OptionException.h>
#include <Poco/Util/OptionProcessor.h>

namespace kpproc::cli {

namespace fw = kpproc::framework;
using Poco::Util::Option;
using Poco::Util::OptionSet;

void add_common_options(OptionSet& set) {
    set.addOption(Option("plugin-path", "p",
                         "Also load plugins from DIR, searched before $KPPROC_PLUGIN_PATH and the "
                         "installed plugins. Repeatable.")
                      .argument("DIR")
                      .repeatable(true));
    set.addOption(Option("help", "h", "Show this help and exit."));
}

void print_help(const CommandSpec& spec, std::ostream& out) {
    Poco::Util::HelpFormatter formatter(spec.options);
    formatter.setUnixStyle(true);
    formatter.setCommand("kpproc " + spec.name);
    formatter.setUsage(spec.usage);
    formatter.setHeader(spec.header);
    formatter.setFooter(spec.footer);
    formatter.setWidth(100);
    formatter.setIndent(26);
    formatter.format(out);
}

ParsedArgs parse_args(const CommandSpec& spec, const std::vector<std::string>& args) {
    ParsedArgs parsed;
    Poco::Util::OptionProcessor processor(spec.options);
    processor.setUnixStyle(true);
    bool only_positional = false;
    for (const auto& arg : args) {
        if (only_positional) {
            parsed.positional.push_back(arg);
            continue;
        }
        if (arg == "--") {
            only_positional = true;
            continue;
        }
        // Every argument goes through the processor: after "--chain" it takes the next one as
        // the value ("--chain 'auto ! json'"); it returns false for positional arguments and "-".
        std::string name;
        std::string value;
        try {
            if (!processor.process(arg, name, value)) {
                parsed.positional.push_back(arg);
            } else if (!name.empty()) {
                parsed.options.emplace(name, value);
            }
        } catch (const Poco::Util::OptionException& e) {
            throw UsageError(e.displayText());
        }
    }
    try {
        processor.checkRequired();
    } catch (const Poco::Util::OptionException& e) {
        throw UsageError(e.displayText());
    }
    return parsed;
}

fw::PluginRegistry load_plugins(const ParsedArgs& args) {
    fw::PluginSearch search;
    for (const auto& dir : args.values("plugin-path")) {
        search.directories.emplace_back(dir);
    }
    return fw::PluginRegistry::discover(search);
}

}  // namespace kpproc::cli
