#include "command_line.hpp"

#include <Poco/Util/HelpFormatter.h>
#include <Poco/Util/OptionException.h>
#include <Poco/Util/OptionProcessor.h>

#include "kpproc/framework/suggest.hpp"

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

namespace {

// The option as it was typed, without its value: "--chian" of "--chian=x".
std::string option_word(const std::string& arg) {
    return arg.substr(0, arg.find('='));
}

// What was wrong with an option, in kpproc's words rather than Poco's ("Unknown option: x").
std::string option_mistake(const CommandSpec& spec, const std::string& arg,
                           const Poco::Util::OptionException& e) {
    const std::string word = option_word(arg);
    if (dynamic_cast<const Poco::Util::UnknownOptionException*>(&e) != nullptr) {
        std::vector<std::string> names;
        for (const auto& option : spec.options) {
            names.push_back("--" + option.fullName());
        }
        return "unknown option '" + word + "'" + fw::did_you_mean(word, names);
    }
    if (dynamic_cast<const Poco::Util::AmbiguousOptionException*>(&e) != nullptr) {
        return "'" + word + "' is the start of several options: write it out in full";
    }
    if (dynamic_cast<const Poco::Util::MissingArgumentException*>(&e) != nullptr) {
        return "option '" + word + "' needs a value";
    }
    if (dynamic_cast<const Poco::Util::UnexpectedArgumentException*>(&e) != nullptr) {
        return "option '" + word + "' takes no value";
    }
    if (dynamic_cast<const Poco::Util::DuplicateOptionException*>(&e) != nullptr) {
        return "option '" + word + "' is given twice";
    }
    return "option '" + word + "' cannot be used here (" + e.message() + ")";
}

}  // namespace

ParsedArgs parse_args(const CommandSpec& spec, const std::vector<std::string>& args) {
    ParsedArgs parsed;
    Poco::Util::OptionProcessor processor(spec.options);
    processor.setUnixStyle(true);
    bool only_positional = false;
    std::string awaiting_value;
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
            } else {
                awaiting_value = arg;  // "--chain": its value is the next argument
            }
        } catch (const Poco::Util::OptionException& e) {
            throw UsageError(option_mistake(spec, arg, e));
        }
    }
    try {
        processor.checkRequired();  // also: an option still waiting for its value
    } catch (const Poco::Util::OptionException& e) {
        throw UsageError(option_mistake(spec, awaiting_value, e));
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
