#pragma once
// A file that appears under its final name only when it is complete: written to a temporary
// file in the same directory, then renamed over the target on commit(). If commit() is never
// reached (an error, an exception), the temporary file is removed and any earlier file of
// that name is left as it was. The temporary file is named and registered as
// kpproc/temporary_files.hpp describes, so an interrupted run removes it (a signal the host
// catches) or the next run into the same directory does (SIGKILL).
//
// Targets that are not regular files are respected: a symbolic link has the file it points to
// replaced (the link stays), and a device or FIFO (/dev/null, /dev/stdout, a named pipe) is
// written to directly, since renaming over it would replace the device with a file.

#include <filesystem>
#include <fstream>

namespace kpproc {

class AtomicFile {
public:
    // Throws kpproc::Error("output-failed") naming the path if the file cannot be created.
    explicit AtomicFile(std::filesystem::path target);
    ~AtomicFile();
    AtomicFile(const AtomicFile&) = delete;
    AtomicFile& operator=(const AtomicFile&) = delete;

    std::ostream& stream() { return out_; }
    const std::filesystem::path& target() const { return target_; }

    // Flushes, checks every write succeeded (a full disk shows up here), syncs and renames.
    // Throws kpproc::Error("write-failed") naming the target.
    void commit();

private:
    std::filesystem::path target_;     // as given, for messages
    std::filesystem::path final_;      // where the data goes (a link's target)
    std::filesystem::path temporary_;  // empty when writing directly
    std::ofstream out_;
    bool committed_ = false;
};

}  // namespace kpproc
