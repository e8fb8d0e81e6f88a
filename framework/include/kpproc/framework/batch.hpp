#pragma once
// Running a pipeline over many inputs: expanding files and directories, reading them, running
// workers in parallel, and writing each result through the exporter in input order. One bad
// document never stops the others; each failure is reported with the input's name.

#include <cstdint>
#include <filesystem>
#include <functional>
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kpproc/framework/isolation.hpp"
#include "kpproc/framework/pipeline.hpp"

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

struct InputExpansion {
    std::vector<Input> inputs;
    std::vector<std::string> warnings;      // e.g. special files skipped in a directory
    std::vector<DocumentFailure> failures;  // directories that could not be listed
};

// Files stay as given (even if missing: reading reports it), directories are walked
// recursively in sorted order (hidden entries skipped), "-" is standard input (at most once).
// A directory that cannot be listed is a failure, so nothing is skipped silently.
// Throws kpproc::Error("usage") for "-" given twice.
// `stdin_name` names standard input (--name): its display name, and its identity, so that the
// same document piped in again is recognised as the same.
InputExpansion expand_inputs(const std::vector<std::string>& arguments,
                             const std::string& stdin_name = {});

struct OutputSpec {
    enum class Mode { standard_output, file, directory };
    Mode mode = Mode::standard_output;
    std::filesystem::path path;
    // "" or "-" -> standard output; ends with '/' or names an existing directory -> directory;
    // anything else -> one file.
    static OutputSpec from_argument(const std::string& argument);
};

// The default limit on one input's size. Peak memory is about 11 times the largest input
// (the README's table), so the limit bounds it too.
inline constexpr std::uint64_t kDefaultMaxInputBytes = 1ull << 30;

struct BatchOptions {
    unsigned jobs = 1;
    OutputSpec output;
    std::uint64_t max_input_bytes = kDefaultMaxInputBytes;  // larger inputs fail, clearly
    // Set (--isolate): each worker thread runs its documents in a worker process
    // (IsolatedWorker) instead of in-process, with these limits.
    std::optional<IsolationSettings> isolation;
};

struct DocumentNotice {
    std::string input;  // Input::display
    ExportNotice notice;
};

struct BatchReport {
    std::size_t succeeded = 0;
    std::vector<DocumentFailure> failures;
    std::vector<DocumentNotice> notices;         // what the exporter reported besides failures
    std::size_t with_warnings = 0;               // documents done with warning diagnostics
    std::vector<std::filesystem::path> written;  // output files committed
};

struct BatchEvents {
    std::function<void(const DocumentFailure&)> on_failure;
    std::function<void(const DocumentNotice&)> on_notice;
    // A warning diagnostic of a document that was done ("no items were found", "read as
    // Windows-1252"): the code and message of the diagnostic.
    std::function<void(const DocumentNotice&)> on_warning;
    std::function<void(std::size_t done, std::size_t total, const Input&)> on_progress;
};

class BatchRunner {
public:
    BatchRunner(const Pipeline& pipeline, BatchOptions options);

    // `standard_output` receives output in standard_output mode. Throws kpproc::Error only for
    // failures that concern the whole batch: "output-failed" when the output cannot be created
    // and "setup-failed" when a plugin cannot be set up (nothing was processed then),
    // "write-failed" when writing the output failed after documents were processed.
    BatchReport run(const std::vector<Input>& inputs, std::ostream& standard_output,
                    const BatchEvents& events = {});

private:
    const Pipeline& pipeline_;
    BatchOptions options_;
};

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
