#pragma once
// A batch's inputs: naming them (files, directories walked in sorted order, standard input),
// knowing which document each is (its source identity), and reading them within a size limit.
// Directories are walked lazily, one at a time, so that a batch of a million files holds the
// names of the directories being walked, not of every input.

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kpproc::framework {

struct Input {
    std::string display;             // the name used in messages and Document::source.path
    std::filesystem::path path;      // empty for standard input
    std::filesystem::path relative;  // name for per-input outputs (relative to a named directory)
    // Document::source.identity: source_identity(path) for a file; for standard input the
    // escaped --name, or empty, when the worker makes it from the content's hash.
    std::string identity;
    bool is_stdin() const { return path.empty(); }
};

// The identity of a file (see Source::identity): its absolute path with symbolic links
// resolved, escaped by escape_identity(). A path that does not exist is made absolute as it is.
std::string source_identity(const std::filesystem::path& path);
// Writes '%', control characters and bytes that are not UTF-8 as %XX, so that any name is
// valid UTF-8 and no two names become the same.
std::string escape_identity(std::string_view name);

struct DocumentFailure {
    std::string input;    // Input::display
    std::string code;     // kpproc::Error code
    std::string message;  // readable sentence(s)
};

// Where a batch's inputs come from, one at a time, in order.
class InputSource {
public:
    virtual ~InputSource() = default;
    // The next input, or nullopt when there are no more.
    virtual std::optional<Input> next() = 0;
};

// The inputs of a list made beforehand.
class InputList final : public InputSource {
public:
    explicit InputList(const std::vector<Input>& inputs) : inputs_(inputs) {}
    std::optional<Input> next() override;

private:
    const std::vector<Input>& inputs_;
    std::size_t next_ = 0;
};

// The inputs that command-line arguments name: files stay as given (even if missing: reading
// reports it), directories are walked recursively in sorted order (hidden entries skipped,
// links to directories not followed), "-" is standard input (at most once). A directory that
// cannot be listed is a failure and a special file (FIFO, socket, device) in one is skipped
// with a warning, so nothing is skipped silently: both go to the callbacks as they are met.
class InputWalk final : public InputSource {
public:
    // Throws kpproc::Error("usage") for "-" given twice, or a `stdin_name` (--name: standard
    // input's display name and identity) without "-".
    explicit InputWalk(std::vector<std::string> arguments, std::string stdin_name = {});
    ~InputWalk() override;
    InputWalk(const InputWalk&) = delete;
    InputWalk& operator=(const InputWalk&) = delete;

    std::function<void(const DocumentFailure&)> on_failure;
    std::function<void(const std::string& path, const std::string& message)> on_warning;

    std::optional<Input> next() override;
    // How many inputs a walk of the same arguments gives (a walk of its own: names only).
    static std::size_t count(const std::vector<std::string>& arguments);

private:
    struct Walker;
    std::unique_ptr<Walker> walker_;
};

struct InputExpansion {
    std::vector<Input> inputs;
    std::vector<std::string> warnings;      // e.g. special files skipped in a directory
    std::vector<DocumentFailure> failures;  // directories that could not be listed
};

// The whole of an InputWalk as a list, for callers that want every input up front.
InputExpansion expand_inputs(const std::vector<std::string>& arguments,
                             const std::string& stdin_name = {});

// The default limit on one input's size. Peak memory is about 11 times the largest input
// (the README's table), so the limit bounds it too.
inline constexpr std::uint64_t kDefaultMaxInputBytes = 1ull << 30;

// Reads a whole input (or standard input). Throws kpproc::Error("read-failed"/"too-large"):
// a file over `max_bytes` is refused from its size, before any of it is read; standard input
// is read up to the limit and no further, so it never holds more than the limit in memory.
std::string read_input(const Input& input, std::uint64_t max_bytes);
// Reads the first `bytes` bytes of an input, e.g. for detection. Throws like read_input.
std::string read_head(const Input& input, std::size_t bytes);

// "1 GiB", "200 MiB", "1000 bytes": a size as messages give it.
std::string describe_size(std::uint64_t bytes);
// "1048576", "512K", "200M", "200MB", "200MiB", "2G" (binary units): the size in bytes, or
// nullopt for anything else (zero included).
std::optional<std::uint64_t> parse_size(std::string_view text);

}  // namespace kpproc::framework
