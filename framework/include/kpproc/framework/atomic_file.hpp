#pragma once
// A file that appears under its final name only when it is complete: written to a temporary
// file in the same directory, then renamed over the target on commit(). If commit() is never
// reached (an error, an exception), the temporary file is removed and any earlier file of
// that name is left as it was.

#include <filesystem>
#include <fstream>

namespace kpproc::framework {

class AtomicFile {
public:
    // Throws kpproc::Error("output-failed") naming the path if the temporary cannot be made.
    explicit AtomicFile(std::filesystem::path target);
    ~AtomicFile();
    AtomicFile(const AtomicFile&) = delete;
    AtomicFile& operator=(const AtomicFile&) = delete;

    std::ostream& stream() { return out_; }
    const std::filesystem::path& target() const { return target_; }

    // Flushes, checks every write succeeded (a full disk shows up here), and renames.
    void commit();

private:
    std::filesystem::path target_;
    std::filesystem::path temporary_;
    std::ofstream out_;
    bool committed_ = false;
};

}  // namespace kpproc::framework
