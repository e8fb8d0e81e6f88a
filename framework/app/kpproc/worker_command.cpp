// `kpproc worker`: the child process of `kpproc run --isolate` (framework/isolation.hpp). It is
// internal, started by the parent with its channel already open, so it is not in the help.

#include <fcntl.h>

#include <charconv>
#include <iostream>
#include <stdexcept>

#include "commands.hpp"
#include "kpproc/framework/chain.hpp"
#include "kpproc/framework/isolation.hpp"
#include "kpproc/framework/pipeline.hpp"
#include "kpproc/framework/plugin_registry.hpp"

namespace kpproc::cli {

namespace fw = kpproc::framework;

namespace {

struct WorkerArguments {
    std::string chain;
    std::vector<std::filesystem::path> plugin_directories;
    int channel_fd = -1;
    int report_fd = -1;
    std::uint64_t max_memory = 0;
    bool check_invariants = false;
};

template <class Number>
Number parse_number(const std::string& option, const std::string& text) {
    Number n{};
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
    if (ec != std::errc() || end != text.data() + text.size()) {
        throw std::invalid_argument(option + " takes a number, not '" + text + "'");
    }
    return n;
}

WorkerArguments parse_worker_arguments(const std::vector<std::string>& args) {
    WorkerArguments a;
    for (std::size_t i = 0; i < args.size(); i += 2) {
        const std::string& option = args[i];
        if (i + 1 == args.size()) {
            throw std::invalid_argument(option + " needs a value");
        }
        const std::string& value = args[i + 1];
        if (option == "--chain") {
            a.chain = value;
        } else if (option == "--plugin-path") {
            a.plugin_directories.emplace_back(value);
        } else if (option == "--channel-fd") {
            a.channel_fd = parse_number<int>(option, value);
        } else if (option == "--report-fd") {
            a.report_fd = parse_number<int>(option, value);
        } else if (option == "--max-memory") {
            a.max_memory = parse_number<std::uint64_t>(option, value);
        } else if (option == "--check") {
            if (value != "yes" && value != "no") {
                throw std::invalid_argument("--check takes yes or no, not '" + value + "'");
            }
            a.check_invariants = value == "yes";
        } else {
            throw std::invalid_argument("unknown option '" + option + "'");
        }
    }
    if (a.chain.empty() || a.channel_fd < 0) {
        throw std::invalid_argument("--chain and --channel-fd are required");
    }
    return a;
}

}  // namespace

int worker_command(const std::vector<std::string>& args) {
    WorkerArguments a;
    try {
        a = parse_worker_arguments(args);
    } catch (const std::exception& e) {
        std::cerr << "kpproc worker: " << e.what()
                  << "\n(an internal command, started by 'kpproc run --isolate')\n";
        return kUsageError;
    }
    // Processes a plugin starts must not hold the channel open after this worker has gone.
    for (const int fd : {a.channel_fd, a.report_fd}) {
        if (fd >= 0) {
            (void)::fcntl(fd, F_SETFD, FD_CLOEXEC);
        }
    }
    if (a.report_fd >= 0) {
        fw::prepare_worker_process(a.report_fd);
    }
    try {
        fw::PluginSearch search;
        search.directories = a.plugin_directories;
        const fw::PluginRegistry registry = fw::PluginRegistry::discover(search);
        // The parent exports; the worker only needs the chain to be one it would accept.
        fw::Pipeline pipeline(registry, fw::parse_chain(a.chain),
                              fw::Pipeline::ExporterRule::optional);
        // Always said by the parent, so that the worker checks as it does, whatever the build.
        pipeline.check_invariants(a.check_invariants);
        fw::limit_worker_memory(a.max_memory);
        return fw::serve_isolated_worker(pipeline, a.channel_fd, a.channel_fd);
    } catch (const std::exception& e) {
        return fw::refuse_isolated_work(e, a.channel_fd);
    }
}

}  // namespace kpproc::cli
