#pragma once
// A batch's inputs: naming them (files, directories walked in sorted order, standard input),
// knowing which document each is (its source identity), and reading them within a size limit.
// Directories are walked lazily, one at a time, so that a batch of a million files holds the
// names of the directories being walked, not of every input.

#include <cstdint>
#include <filesystem>
#include <functional>
#include <iosfwd>
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
    // The path relative to the input's root, '/'-separated: to the directory walked, or as
    // given for a file named directly (its root is the working directory). The same file has
    // the same one on every machine that names it the same way: --shard goes by it.
    std::string root_relative;
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
    // How many inputs a walk of the same arguments gives (a walk of its own: names only), of
    // those `keep` takes if it is given.
    static std::size_t count(const std::vector<std::string>& arguments,
                             const std::function<bool(const Input&)>& keep = {});

private:
    struct Walker;
    std::unique_ptr<Walker> walker_;
};

// The inputs a list names, read a line at a time as the batch goes (kpproc run --inputs-from):
// each line a path, a JSON string or a JSON object with a "path" (NDJSON), each path a file
// or a directory walked as an argument would be. Blank lines are skipped; a line that names
// nothing usable is a failure of its own ("line 3 of list.txt: …"), and the others go on.
class InputListReader final : public InputSource {
public:
    // `list` must outlive the reader; `name` is the list's name in messages ("-" for standard
    // input).
    InputListReader(std::istream& list, std::string name);
    ~InputListReader() override;
    InputListReader(const InputListReader&) = delete;
    InputListReader& operator=(const InputListReader&) = delete;

    std::function<void(const DocumentFailure&)> on_failure;
    std::function<void(const std::string& path, const std::string& message)> on_warning;

    std::optional<Input> next() override;

private:
    std::optional<std::string> next_path();

    std::istream& list_;
    std::string name_;
    std::size_t line_number_ = 0;
    std::unique_ptr<InputWalk> walk_;  // of the path on the current line
};

// One part of a corpus split into `count` parts by a stable hash of each input's
// root_relative path, so that `count` processes, each given one part and the same inputs,
// cover the corpus exactly once (kpproc run --shard INDEX/COUNT, INDEX from 0).
struct Shard {
    std::uint32_t index = 0;
    std::uint32_t count = 1;

    // "0/4" … "3/4"; nullopt for anything else (an index not below the count included).
    static std::optional<Shard> parse(std::string_view text);
    bool holds(const Input& input) const;
    // The part a path falls in: FNV-1a (64 bits) of its bytes, modulo `count`.
    static std::uint32_t of(std::string_view root_relative, std::uint32_t count);
};

// The inputs of `inner` that `keep` takes, in order.
class FilteredInputs final : public InputSource {
public:
    FilteredInputs(InputSource& inner, std::function<bool(const Input&)> keep)
        : inner_(inner), keep_(std::move(keep)) {}
    std::optional<Input> next() override;

private:
    InputSource& inner_;
    std::function<bool(const Input&)> keep_;
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
