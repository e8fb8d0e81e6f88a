// kp.exporter.sqlite run as a separate kpproc process, the way users run it: output paths that
// cannot be opened as a database. Time bounds here only rule out a stall (Poco's 60-second
// default): they are generous, for a loaded machine and the sanitizers.

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>
#include <catch2/catch.hpp>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "test_support.hpp"

extern char** environ;

namespace fs = std::filesystem;
using kpproc::testing::slurp;
using kpproc::testing::TempDir;
using Clock = std::chrono::steady_clock;

namespace {

const fs::path kBinary = KPPROC_BINARY;
const fs::path kSeed = fs::path(KPPROC_TEST_DATA_DIR) / "seeds/004_4794919378d12ec7.txt";

// Far below the 60 s a stall would take, far above what a loaded machine needs.
constexpr double kNoStallSeconds = 30;

struct Finished {
    int status = -1;
    std::string out;
    std::string err;
    double seconds = 0;
};

// A kpproc process running in the background; its output goes to `name`.out and `name`.err.
class Kpproc {
public:
    Kpproc(const std::vector<std::string>& args, const fs::path& name)
        : out_file_(name.string() + ".out"),
          err_file_(name.string() + ".err"),
          started_(Clock::now()) {
        std::vector<std::string> argv_text = {kBinary.string()};
        argv_text.insert(argv_text.end(), args.begin(), args.end());
        std::vector<char*> argv;
        for (auto& a : argv_text) {
            argv.push_back(a.data());
        }
        argv.push_back(nullptr);
        posix_spawn_file_actions_t files;
        posix_spawn_file_actions_init(&files);
        posix_spawn_file_actions_addopen(&files, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
        posix_spawn_file_actions_addopen(&files, STDOUT_FILENO, out_file_.c_str(),
                                         O_WRONLY | O_CREAT | O_TRUNC, 0644);
        posix_spawn_file_actions_addopen(&files, STDERR_FILENO, err_file_.c_str(),
                                         O_WRONLY | O_CREAT | O_TRUNC, 0644);
        const int failed = posix_spawn(&pid_, argv[0], &files, nullptr, argv.data(), environ);
        posix_spawn_file_actions_destroy(&files);
        REQUIRE(failed == 0);
    }
    Kpproc(const Kpproc&) = delete;
    Kpproc& operator=(const Kpproc&) = delete;
    Kpproc(Kpproc&& other) noexcept
        : out_file_(std::move(other.out_file_)),
          err_file_(std::move(other.err_file_)),
          started_(other.started_),
          pid_(other.pid_) {
        other.pid_ = -1;
    }
    ~Kpproc() {
        if (pid_ > 0) {
            ::waitpid(pid_, nullptr, 0);  // never leave a child behind, even when a check threw
        }
    }

    Finished wait() {
        int raw = 0;
        REQUIRE(::waitpid(pid_, &raw, 0) == pid_);
        pid_ = -1;
        Finished f;
        f.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : 128 + WTERMSIG(raw);
        f.out = slurp(out_file_);
        f.err = slurp(err_file_);
        f.seconds = std::chrono::duration<double>(Clock::now() - started_).count();
        return f;
    }

private:
    fs::path out_file_;
    fs::path err_file_;
    Clock::time_point started_;
    pid_t pid_ = -1;
};

Finished run_kpproc(const std::vector<std::string>& args, const fs::path& scratch) {
    return Kpproc(args, scratch / "kpproc").wait();
}

}  // namespace

TEST_CASE("SQLite locking: a database that cannot be opened fails at once, naming the path",
          "[sqlite][locking][errors]") {
    const TempDir dir;
    fs::create_directories(dir.path / "existing");
    std::ofstream(dir.path / "blocker") << "a file, not a directory\n";
    const std::vector<fs::path> unopenable = {
        dir.path / "newdir/",            // names a directory (-o DIR/)
        dir.path / "existing",           // an existing directory
        dir.path / "blocker/db.sqlite",  // under a regular file
        "/proc/kpproc-test/db.sqlite",   // a place nobody can write, root included
        "/proc/kpproc-test.sqlite",
    };
    for (const auto& target : unopenable) {
        INFO(target.string());
        const auto r = run_kpproc(
            {"run", "-q", "--chain", "auto ! sqlite", "-o", target.string(), kSeed.string()},
            dir.path);
        INFO(r.err);
        CHECK(r.status == 2);
        CHECK_THAT(r.err, Catch::Contains(target.string()));
        CHECK(r.seconds < kNoStallSeconds);
    }
    CHECK_FALSE(fs::exists(dir.path / "newdir"));
    CHECK(fs::is_empty(dir.path / "existing"));
    CHECK(slurp(dir.path / "blocker") == "a file, not a directory\n");
}
