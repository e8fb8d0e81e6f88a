#pragma once
// The kpproc subcommands. Each takes its arguments (without the subcommand word) and returns
// the process exit status: 0 all done, 1 some documents failed, 2 usage or setup error. (3, a
// plugin crashed the process, comes from the crash handler: framework/signals.hpp.)

#include <string>
#include <vector>

namespace kpproc::cli {

enum ExitStatus : int { kSuccess = 0, kSomeFailed = 1, kUsageError = 2 };

int run_command(const std::vector<std::string>& args);
int plugins_command(const std::vector<std::string>& args);
int inspect_command(const std::vector<std::string>& args);
int detect_command(const std::vector<std::string>& args);
// Internal (not in the help): the worker process of `run --isolate` (worker_command.cpp).
int worker_command(const std::vector<std::string>& args);

}  // namespace kpproc::cli
