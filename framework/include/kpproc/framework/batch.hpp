#pragma once
// Running a pipeline over many inputs: reading them, running workers in parallel, and writing
// each result through the exporter in input order. One bad document never stops the others;
// each failure is reported with the input's name.
//
// Everything done per document runs on the workers: reading, detection, parsing, the
// processors, and the exporter's prepare stage (rendering JSON, XML or CSV rows). Two steps
// are ordered and run one document at a time: the processors' batch stages (cross-document
// work, run by whichever worker reaches the next document in order) and the final write (on
// the calling thread). A window of 4 documents per worker bounds what waits in memory, and
// inputs are taken from their source one at a time, so memory does not grow with the batch.

#include <cstdint>
#include <filesystem>
#include <functional>
#include <iosfwd>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kpproc/framework/inputs.hpp"
#include "kpproc/framework/isolation.hpp"
#include "kpproc/framework/pipeline.hpp"

namespace kpproc::framework {

struct OutputSpec {
    enum class Mode { standard_output, file, directory };
    Mode mode = Mode::standard_output;
    std::filesystem::path path;
    // "" or "-" -> standard output; ends with '/' or names an existing directory -> directory;
    // anything else -> one file.
    static OutputSpec from_argument(const std::string& argument);
};

struct BatchOptions {
    unsigned jobs = 1;
    OutputSpec output;
    std::uint64_t max_input_bytes = kDefaultMaxInputBytes;  // larger inputs fail, clearly
    // With one file per input (-o DIR/): skip an input whose output file is newer than it.
    bool skip_existing = false;
    // Asked before each document is handed out; once it says yes, no more are: the documents in
    // progress are finished and written, the output is ended, and run() returns with the report
    // marked interrupted. Unset: stop when kpproc's signal handlers saw SIGINT, SIGTERM or
    // SIGHUP (see signals.hpp).
    std::function<bool()> stop_requested;
    // Set (--isolate): each worker thread runs its documents in a worker process
    // (IsolatedWorker) instead of in-process, with these limits.
    std::optional<IsolationSettings> isolation;
};

struct DocumentNotice {
    std::string input;  // Input::display
    ExportNotice notice;
};

struct BatchReport {
    std::size_t succeeded = 0;  // written, or skipped as already there
    std::vector<DocumentFailure> failures;
    // The notices of the exporter and the host, counted by code: "replaced", "new",
    // "unchanged" (already in the output, not read again), "skipped" (--skip-existing).
    std::map<std::string, std::size_t> notice_counts;
    std::size_t with_warnings = 0;  // documents done with warning diagnostics
    std::uint64_t bytes = 0;        // input bytes of the documents finished
    bool interrupted = false;       // stop_requested() said yes before every input was taken
};

// Where a batch is, after each document is finished.
struct BatchProgress {
    std::size_t done = 0;   // documents finished: written, skipped or failed
    std::size_t total = 0;  // the batch's documents (as given to run()), 0 if not known
    std::size_t failed = 0;
    std::uint64_t bytes = 0;  // input bytes of the finished documents
    const Input* current = nullptr;
};

struct BatchEvents {
    std::function<void(const DocumentFailure&)> on_failure;
    // A notice with a message ("replaced …"); notices without one are only counted.
    std::function<void(const DocumentNotice&)> on_notice;
    // A warning diagnostic of a document that was done ("no items were found", "read as
    // Windows-1252"): the code and message of the diagnostic.
    std::function<void(const DocumentNotice&)> on_warning;
    std::function<void(const BatchProgress&)> on_progress;
};

class BatchRunner {
public:
    BatchRunner(const Pipeline& pipeline, BatchOptions options);

    // `standard_output` receives output in standard_output mode; `total` is the number of
    // inputs the source will give (exporters are told it: JSON writes NDJSON for more than
    // one), 0 when not known. Throws kpproc::Error only for failures that concern the whole
    // batch: "output-failed" when the output cannot be created and "setup-failed" when a plugin
    // cannot be set up (nothing was processed then), "write-failed" when writing the output
    // failed after documents were processed.
    BatchReport run(InputSource& inputs, std::size_t total, std::ostream& standard_output,
                    const BatchEvents& events = {});
    BatchReport run(const std::vector<Input>& inputs, std::ostream& standard_output,
                    const BatchEvents& events = {});

private:
    const Pipeline& pipeline_;
    BatchOptions options_;
};

}  // namespace kpproc::framework
