#pragma once
// Helpers shared by the test programs.

#include <spawn.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace kpproc::testing {

// A fresh private directory, removed with everything in it at the end of the scope.
struct TempDir {
    std::filesystem::path path;
    TempDir() {
        std::string pattern =
            (std::filesystem::temp_directory_path() / "kpproc-test-XXXXXX").string();
        if (::mkdtemp(pattern.data()) == nullptr) {
            throw std::runtime_error("cannot create a temporary directory in " + pattern);
        }
        path = pattern;
    }
    ~TempDir() {
        std::error_code ec;
        std::filesystem::remove_all(path, ec);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
};

inline std::string slurp(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

inline std::string shell_quote(const std::string& s) {
    std::string out = "'";
    for (const char c : s) {
        out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    }
    return out + "'";
}

struct ProcessResult {
    int status = -1;  // the exit status, or 128 + the signal that ended it
    std::string out;
    std::string err;
};

// Runs `program` with `args` through the shell, standard input from `stdin_file`, and returns
// its status and what it printed. `prefix` goes before the command (e.g. "cd DIR &&").
inline ProcessResult run_process(const std::filesystem::path& program,
                                 const std::vector<std::string>& args,
                                 const std::string& stdin_file = "/dev/null",
                                 const std::string& prefix = {}) {
    static TempDir scratch;
    std::string command = prefix + " " + shell_quote(program.string());
    for (const auto& a : args) {
        command += " " + shell_quote(a);
    }
    const auto out = scratch.path / "stdout";
    const auto err = scratch.path / "stderr";
    command += " <" + shell_quote(stdin_file) + " >" + shell_quote(out.string()) + " 2>" +
               shell_quote(err.string());
    const int raw = std::system(command.c_str());
    ProcessResult r;
    r.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : 128 + WTERMSIG(raw);
    r.out = slurp(out);
    r.err = slurp(err);
    return r;
}

// A program started in the background; wait() for its status.
struct Background {
    pid_t pid = -1;
    int wait() {
        int raw = 0;
        ::waitpid(pid, &raw, 0);
        return WIFEXITED(raw) ? WEXITSTATUS(raw) : 128 + WTERMSIG(raw);
    }
};

// Starts `program` with `args` (standard input from /dev/null, standard output discarded,
// standard error into `err`) and returns at once. Throws if it cannot be started.
inline Background start_process(const std::filesystem::path& program,
                                const std::vector<std::string>& args,
                                const std::filesystem::path& err) {
    std::string command = "exec " + shell_quote(program.string());
    for (const auto& a : args) {
        command += " " + shell_quote(a);
    }
    command += " </dev/null >/dev/null 2>" + shell_quote(err.string());
    const char* argv[] = {"/bin/sh", "-c", command.c_str(), nullptr};
    Background b;
    if (::posix_spawn(&b.pid, "/bin/sh", nullptr, nullptr, const_cast<char**>(argv), environ) !=
        0) {
        throw std::runtime_error("cannot start " + program.string());
    }
    return b;
}

}  // namespace kpproc::testing
