#include "kpproc/framework/atomic_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "kpproc/error.hpp"

namespace fs = std::filesystem;

namespace kpproc::framework {

namespace {

// mkstemp creates 0600 files; outputs should get the usual 0666 & ~umask. umask can only be read
// by setting it, so read it once.
mode_t output_mode() {
    static const mode_t mode = [] {
        const mode_t mask = ::umask(0);
        ::umask(mask);
        return static_cast<mode_t>(0666 & ~mask);
    }();
    return mode;
}

[[noreturn]] void fail(const fs::path& target, const std::string& what, int error) {
    throw Error("output-failed", target.string() + ": " + what + ": " + std::strerror(error));
}

}  // namespace

AtomicFile::AtomicFile(fs::path target) : target_(std::move(target)) {
    const fs::path dir = target_.parent_path().empty() ? fs::path(".") : target_.parent_path();
    // Hidden, in the same directory (so rename() stays on one file system), unique.
    std::string temporary_name = ".";
    temporary_name += target_.filename().string();
    temporary_name += ".kpproc-XXXXXX";
    std::string pattern = (dir / temporary_name).string();
    const int fd = ::mkstemp(pattern.data());
    if (fd < 0) {
        fail(target_, "cannot create a file in " + dir.string(), errno);
    }
    ::fchmod(fd, output_mode());
    ::close(fd);
    temporary_ = pattern;
    out_.open(temporary_, std::ios::binary | std::ios::trunc);
    if (!out_) {
        const int error = errno;
        fs::remove(temporary_);
        fail(target_, "cannot open a temporary file", error);
    }
}

AtomicFile::~AtomicFile() {
    if (!committed_) {
        out_.close();
        std::error_code ec;
        fs::remove(temporary_, ec);
    }
}

void AtomicFile::commit() {
    out_.flush();
    const bool flushed = out_.good();
    out_.close();
    if (!flushed || out_.fail()) {
        const int error = errno != 0 ? errno : EIO;
        std::error_code ec;
        fs::remove(temporary_, ec);
        committed_ = true;  // nothing left to clean up
        fail(target_, "writing failed", error);
    }
    if (::rename(temporary_.c_str(), target_.c_str()) != 0) {
        const int error = errno;
        std::error_code ec;
        fs::remove(temporary_, ec);
        committed_ = true;
        fail(target_, "cannot move the finished file into place", error);
    }
    committed_ = true;
}

}  // namespace kpproc::framework
