#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <catch2/catch.hpp>

#include <csignal>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "kpproc/atomic_file.hpp"
#include "kpproc/error.hpp"
#include "kpproc/temporary_files.hpp"

#include "test_support.hpp"

namespace fs = std::filesystem;
using kpproc::AtomicFile;
using kpproc::testing::slurp;
using kpproc::testing::TempDir;

namespace {
std::size_t entries(const fs::path& dir) {
    return static_cast<std::size_t>(
        std::distance(fs::directory_iterator(dir), fs::directory_iterator()));
}
}  // namespace

TEST_CASE("An atomic file appears only on commit", "[atomic-file]") {
    TempDir dir;
    const fs::path target = dir.path / "out.json";
    {
        AtomicFile f(target);
        f.stream() << "{}";
        CHECK_FALSE(fs::exists(target));
        f.commit();
    }
    CHECK(slurp(target) == "{}");
    CHECK(entries(dir.path) == 1);  // no temporary left behind
}

TEST_CASE("An abandoned atomic file leaves the old file and no temporary", "[atomic-file]") {
    TempDir dir;
    const fs::path target = dir.path / "out.json";
    std::ofstream(target) << "old";
    {
        AtomicFile f(target);
        f.stream() << "half-writ";
        // destroyed without commit, as when an exception unwinds
    }
    CHECK(slurp(target) == "old");
    CHECK(entries(dir.path) == 1);
}

TEST_CASE("An atomic file in a missing directory fails naming the path", "[atomic-file][errors]") {
    TempDir dir;
    const fs::path target = dir.path / "no" / "such" / "out.json";
    try {
        AtomicFile f(target);
        FAIL("expected an error");
    } catch (const kpproc::Error& e) {
        CHECK(e.code() == "output-failed");
        CHECK(std::string(e.what()).find(target.string()) == 0);
    }
}

TEST_CASE("A failed write (as on a full disk) is reported at commit, leaving nothing",
          "[atomic-file][errors]") {
    TempDir dir;
    const fs::path target = dir.path / "out.json";
    std::ofstream(target) << "earlier data";
    // A file-size limit makes write() fail part-way, exactly as ENOSPC would.
    const auto previous_handler = std::signal(SIGXFSZ, SIG_IGN);
    rlimit old{};
    REQUIRE(::getrlimit(RLIMIT_FSIZE, &old) == 0);
    rlimit small = old;
    small.rlim_cur = 4096;
    REQUIRE(::setrlimit(RLIMIT_FSIZE, &small) == 0);
    std::string message;
    try {
        AtomicFile f(target);
        f.stream() << std::string(1 << 20, 'x');
        f.commit();
    } catch (const kpproc::Error& e) {
        message = e.what();
    }
    ::setrlimit(RLIMIT_FSIZE, &old);
    std::signal(SIGXFSZ, previous_handler);
    CHECK(message.find(target.string() + ": writing failed") == 0);
    CHECK(slurp(target) == "earlier data");
    CHECK(entries(dir.path) == 1);
}

TEST_CASE("Writing through a symbolic link replaces the file it points to, not the link",
          "[atomic-file]") {
    TempDir dir;
    std::ofstream(dir.path / "real.json") << "old";
    fs::create_symlink(dir.path / "real.json", dir.path / "link.json");
    {
        AtomicFile f(dir.path / "link.json");
        f.stream() << "new";
        f.commit();
    }
    CHECK(fs::is_symlink(dir.path / "link.json"));
    CHECK(slurp(dir.path / "real.json") == "new");
    CHECK(entries(dir.path) == 2);
}

TEST_CASE("A device is written to directly, never replaced", "[atomic-file]") {
    {
        AtomicFile f("/dev/null");
        f.stream() << "discarded";
        f.commit();
    }
    CHECK(fs::is_character_file("/dev/null"));
    if (fs::is_character_file("/dev/full")) {
        AtomicFile f("/dev/full");
        f.stream() << std::string(1 << 16, 'x');
        CHECK_THROWS_WITH(f.commit(), Catch::Contains("/dev/full: writing failed"));
        CHECK(fs::is_character_file("/dev/full"));
    }
}

TEST_CASE("New files get the usual permissions (0666 less the umask)", "[atomic-file]") {
    TempDir dir;
    const mode_t old = ::umask(022);
    {
        AtomicFile f(dir.path / "out.json");
        f.commit();
    }
    ::umask(old);
    CHECK((fs::status(dir.path / "out.json").permissions() & fs::perms::all) ==
          (fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read |
           fs::perms::others_read));
}

// ---- Temporary files an interrupted run leaves (issue 9, defect 3) ---------------------------

namespace {
// The pid of a process that has ended (forked, exited and reaped): no process runs under it
// until the kernel wraps its pid counter, which a test never waits for.
long ended_pid() {
    const pid_t child = ::fork();
    if (child == 0) {
        ::_exit(0);
    }
    ::waitpid(child, nullptr, 0);
    return child;
}
}  // namespace

TEST_CASE("Temporary names carry the final name, the marker and the owner's pid",
          "[atomic-file][temporary]") {
    namespace tf = kpproc::temporary_files;
    const fs::path name = tf::name_for("/out/minutes.json");
    CHECK(name.parent_path() == "/out");
    CHECK_THAT(name.filename().string(),
               Catch::StartsWith(".minutes.json.kpproc-tmp." + std::to_string(::getpid()) + "."));
    CHECK(tf::owner_pid(name.filename().string()) == ::getpid());
    CHECK(tf::owner_pid(".minutes.json.kpproc-tmp.123.abcdefgh") == 123);
    for (const char* not_ours : {"minutes.json", ".minutes.json", ".a.kpproc-tmp.x.y",
                                 ".a.kpproc-tmp.12", "a.kpproc-tmp.12.xyz", ".a.kpproc-tmp.-4.z"}) {
        INFO(not_ours);
        CHECK(tf::owner_pid(not_ours) == 0);
    }
}

TEST_CASE(
    "An atomic file's temporary is registered while it exists, and removed by the "
    "interrupt clean-up",
    "[atomic-file][temporary]") {
    TempDir dir;
    const fs::path target = dir.path / "out.json";
    AtomicFile f(target);
    f.stream() << "partial";
    REQUIRE(entries(dir.path) == 1);
    kpproc::temporary_files::remove_registered();  // what the SIGINT handler does
    CHECK(entries(dir.path) == 0);
    CHECK_THROWS_AS(f.commit(), kpproc::Error);  // nothing left to move into place
    CHECK_FALSE(fs::exists(target));
}

TEST_CASE("A committed atomic file is off the clean-up list", "[atomic-file][temporary]") {
    TempDir dir;
    const fs::path target = dir.path / "out.json";
    {
        AtomicFile f(target);
        f.stream() << "done";
        f.commit();
    }
    kpproc::temporary_files::remove_registered();
    CHECK(slurp(target) == "done");
}

TEST_CASE(
    "Temporaries of ended processes are removed by the next file written there, a live "
    "process's and other files are kept",
    "[atomic-file][temporary]") {
    TempDir dir;
    const std::string dead = ".old.json.kpproc-tmp." + std::to_string(ended_pid()) + ".zzzzzzzz";
    const std::string alive = ".old.json.kpproc-tmp." + std::to_string(::getppid()) + ".yyyyyyyy";
    for (const std::string& name :
         {dead, alive, std::string(".hidden"), std::string("keep.json")}) {
        std::ofstream(dir.path / name) << "x";
    }
    {
        AtomicFile f(dir.path / "new.json");
        f.stream() << "{}";
        f.commit();
    }
    CHECK_FALSE(fs::exists(dir.path / dead));
    CHECK(fs::exists(dir.path / alive));
    CHECK(fs::exists(dir.path / ".hidden"));
    CHECK(fs::exists(dir.path / "keep.json"));
    CHECK(slurp(dir.path / "new.json") == "{}");
}
