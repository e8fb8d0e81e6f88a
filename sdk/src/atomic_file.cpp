#include "kpproc/atomic_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "kpproc/error.hpp"
#include "kpproc/temporary_files.hpp"

namespace fs = std::filesystem;

namespace kpproc {

namespace {

[[noreturn]] void fail(const char* code, const fs::path& target, const std::string& what,
                       int error) {
    throw Error(code, target.string() + ": " + what + ": " + std::strerror(error));
}

// Creates a new, uniquely named file beside `final_path`, registered for removal if the run is
// interrupted. open(O_EXCL, 0666) lets the kernel apply the umask (mkstemp would force 0600,
// and reading the umask means changing it).
fs::path create_temporary(const fs::path& final_path, const fs::path& target) {
    const fs::path dir =
        final_path.parent_path().empty() ? fs::path(".") : final_path.parent_path();
    temporary_files::remove_stale(dir);  // what a killed run left here
    for (int attempt = 0; attempt < 100; ++attempt) {
        const fs::path candidate = temporary_files::name_for(final_path);
        temporary_files::add(candidate);
        const int fd = ::open(candidate.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        if (fd >= 0) {
            ::close(fd);
            return candidate;
        }
        const int error = errno;
        temporary_files::forget(candidate);
        if (error != EEXIST) {
            fail("output-failed", target, "cannot create a file in " + dir.string(), error);
        }
    }
    fail("output-failed", target, "cannot find a free temporary name in " + dir.string(), EEXIST);
}

// Removes the temporary file and takes it off the interrupted-run list.
void discard(const fs::path& temporary) {
    std::error_code ec;
    fs::remove(temporary, ec);
    temporary_files::forget(temporary);
}

bool sync_file(const fs::path& path) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        return false;
    }
    const bool ok = ::fsync(fd) == 0;
    ::close(fd);
    return ok;
}

}  // namespace

AtomicFile::AtomicFile(fs::path target) : target_(std::move(target)), final_(target_) {
    std::error_code ec;
    if (fs::is_symlink(fs::symlink_status(target_, ec))) {
        final_ = fs::canonical(target_, ec);  // replace what the link points to, keep the link
        if (ec) {
            final_ = fs::absolute(target_).parent_path() / fs::read_symlink(target_, ec);
        }
    }
    const auto status = fs::status(final_, ec);
    if (fs::exists(status) && !fs::is_regular_file(status)) {
        if (fs::is_directory(status)) {
            fail("output-failed", target_, "cannot write", EISDIR);
        }
        out_.open(final_, std::ios::binary);  // a device or FIFO: write straight to it
        if (!out_) {
            fail("output-failed", target_, "cannot open for writing", errno);
        }
        return;
    }
    temporary_ = create_temporary(final_, target_);
    out_.open(temporary_, std::ios::binary | std::ios::trunc);
    if (!out_) {
        const int error = errno;
        discard(temporary_);
        fail("output-failed", target_, "cannot open a temporary file", error);
    }
}

AtomicFile::~AtomicFile() {
    if (!committed_ && !temporary_.empty()) {
        out_.close();
        discard(temporary_);
    }
}

void AtomicFile::commit() {
    out_.flush();
    const bool flushed = out_.good();
    errno = 0;
    out_.close();
    const int error = errno != 0 ? errno : EIO;
    committed_ = true;  // from here on, nothing is left for the destructor to clean up
    if (!flushed || out_.fail()) {
        if (!temporary_.empty()) {
            discard(temporary_);
        }
        fail("write-failed", target_, "writing failed", error);
    }
    if (temporary_.empty()) {
        return;
    }
    // The data must be on disk before the name points at it, or a crash could leave an empty
    // file where the old one was.
    if (!sync_file(temporary_)) {
        const int sync_error = errno;
        discard(temporary_);
        fail("write-failed", target_, "writing failed", sync_error);
    }
    if (::rename(temporary_.c_str(), final_.c_str()) != 0) {
        const int rename_error = errno;
        discard(temporary_);
        fail("write-failed", target_, "cannot move the finished file into place", rename_error);
    }
    temporary_files::forget(temporary_);
}

}  // namespace kpproc
