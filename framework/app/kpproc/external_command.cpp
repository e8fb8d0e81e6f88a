#include "external_command.hpp"

#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <string_view>

#include "commands.hpp"

namespace kpproc::cli {

namespace fs = std::filesystem;

namespace {

bool is_executable_file(const fs::path& path) {
    std::error_code ec;
    return fs::is_regular_file(path, ec) && ::access(path.c_str(), X_OK) == 0;
}

std::optional<fs::path> on_path(const std::string& file) {
    const char* path = std::getenv("PATH");
    std::string_view dirs = path != nullptr ? path : "";
    while (!dirs.empty()) {
        const auto colon = dirs.find(':');
        const std::string_view dir = dirs.substr(0, colon);
        // An empty entry would mean the current directory, which kpproc never searches.
        if (!dir.empty() && is_executable_file(fs::path(dir) / file)) {
            return fs::path(dir) / file;
        }
        dirs = colon == std::string_view::npos ? std::string_view{} : dirs.substr(colon + 1);
    }
    return std::nullopt;
}

}  // namespace

fs::path own_programs_directory() {
    std::error_code ec;
    const fs::path self = fs::read_symlink("/proc/self/exe", ec);
    return (self.parent_path() / KPPROC_LIBEXEC_FROM_BIN).lexically_normal();
}

std::optional<fs::path> find_external_command(const std::string& name) {
    const std::string file = "kpproc-" + name;
    if (const fs::path own = own_programs_directory() / file; is_executable_file(own)) {
        return own;
    }
    return on_path(file);
}

int run_external_command(const fs::path& program, const std::string& name,
                         const std::vector<std::string>& args) {
    std::vector<std::string> owned{program.string()};
    owned.insert(owned.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& a : owned) {
        argv.push_back(a.data());
    }
    argv.push_back(nullptr);
    std::cout.flush();
    ::execv(program.c_str(), argv.data());
    std::cerr << "kpproc " << name << ": cannot run " << program.string() << ": "
              << std::strerror(errno) << "\n";
    return kUsageError;
}

}  // namespace kpproc::cli
