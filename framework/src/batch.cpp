#include "kpproc/framework/batch.hpp"

#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <condition_variable>
#include <cstring>
#include <fstream>
#include <functional>
#include <iostream>
#include <iterator>
#include <mutex>
#include <optional>
#include <set>
#include <sstream>
#include <thread>
#include <variant>

#include "kpproc/atomic_file.hpp"
#include "kpproc/error.hpp"
#include "kpproc/framework/signals.hpp"
#include "kpproc/text.hpp"

namespace fs = std::filesystem;

namespace kpproc::framework {

namespace {

bool is_hidden(const fs::path& p) {
    const std::string name = p.filename().string();
    return !name.empty() && name[0] == '.';
}

DocumentFailure failure_from(const Input& input, const std::exception& e) {
    const auto* err = dynamic_cast<const Error*>(&e);
    return DocumentFailure{input.display, err != nullptr ? err->code() : "error", e.what()};
}

using Outcome = std::variant<Document, DocumentFailure>;

Outcome process_one(DocumentWorker& worker, const Input& input, std::uint64_t max_bytes) {
    const DocumentScope document(input.display.c_str());
    try {
        const std::string bytes = read_input(input, max_bytes);
        return worker.run(input.display, bytes, input.identity);
    } catch (const std::exception& e) {
        return failure_from(input, e);
    }
}

// Chooses output names for per-input outputs: "minutes.txt" -> "minutes.json"; when two inputs
// would share a name ("a.txt", "a.html"), the later one keeps its suffix ("a.html.json").
class OutputNamer {
public:
    OutputNamer(fs::path directory, std::string extension)
        : directory_(std::move(directory)), extension_(std::move(extension)) {}

    fs::path name_for(const Input& input) {
        fs::path relative = input.relative.empty() ? fs::path("stdin") : input.relative;
        fs::path candidate = fs::path(relative).replace_extension(extension_);
        if (!used_.insert(candidate).second) {
            candidate = relative;
            candidate += extension_;
            for (int n = 2; !used_.insert(candidate).second; ++n) {
                candidate = relative;
                candidate += "." + std::to_string(n) + extension_;
            }
        }
        return directory_ / candidate;
    }

private:
    fs::path directory_;
    std::string extension_;
    std::set<fs::path> used_;
};

// Walks `dir` recursively, one directory at a time, so that a directory that cannot be listed
// is reported by name rather than ending the walk early.
void collect_files(const fs::path& dir, std::vector<fs::path>& files, InputExpansion& out) {
    std::error_code ec;
    fs::directory_iterator it(dir, ec);
    if (ec) {
        out.failures.push_back(
            DocumentFailure{dir.string(), "read-failed",
                            dir.string() + ": cannot list directory: " + ec.message()});
        return;
    }
    std::vector<fs::path> subdirectories;
    for (const fs::directory_iterator end; it != end; it.increment(ec)) {
        if (ec) {
            out.failures.push_back(
                DocumentFailure{dir.string(), "read-failed",
                                dir.string() + ": listing stopped early: " + ec.message()});
            break;
        }
        const fs::path& entry = it->path();
        if (is_hidden(entry)) {
            continue;
        }
        const auto status = it->symlink_status(ec);
        if (fs::is_directory(status)) {
            subdirectories.push_back(entry);
        } else if (fs::is_symlink(status)) {
            // Links to files are inputs (a dangling one fails when read, by name); links to
            // directories are not followed, so there are no cycles.
            if (!fs::is_directory(entry, ec)) {
                files.push_back(entry);
            }
        } else if (fs::is_regular_file(status)) {
            files.push_back(entry);
        } else {
            // FIFOs, sockets and devices: reading them could block forever.
            out.warnings.push_back(entry.string() + ": skipped: not a regular file");
        }
    }
    for (const auto& sub : subdirectories) {
        collect_files(sub, files, out);
    }
}

}  // namespace

std::string escape_identity(std::string_view name) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string out;
    out.reserve(name.size());
    for (std::size_t i = 0; i < name.size();) {
        const auto b = static_cast<unsigned char>(name[i]);
        const std::size_t n = b < 0x80 ? 1 : text::utf8_sequence_length(name, i);
        if (n == 0 || b == '%' || b < 0x20 || b == 0x7F) {
            out += '%';
            out += kHex[b >> 4];
            out += kHex[b & 0xF];
            ++i;
        } else {
            out.append(name.substr(i, n));
            i += n;
        }
    }
    return out;
}

std::string source_identity(const fs::path& path) {
    std::error_code ec;
    fs::path resolved = fs::weakly_canonical(fs::absolute(path, ec), ec);
    if (ec) {
        resolved = fs::absolute(path, ec).lexically_normal();
    }
    return escape_identity(resolved.native());
}

InputExpansion expand_inputs(const std::vector<std::string>& arguments,
                             const std::string& stdin_name) {
    InputExpansion out;
    bool stdin_seen = false;
    for (const auto& arg : arguments) {
        if (arg == "-") {
            if (stdin_seen) {
                throw Error("usage", "standard input ('-') can be named only once");
            }
            stdin_seen = true;
            if (stdin_name.empty()) {
                out.inputs.push_back(Input{"-", {}, "stdin", {}});
            } else {
                const fs::path relative = fs::path(stdin_name).filename();
                out.inputs.push_back(Input{stdin_name,
                                           {},
                                           relative.empty() ? "stdin" : relative,
                                           escape_identity(stdin_name)});
            }
            continue;
        }
        const fs::path path(arg);
        std::error_code ec;
        if (!fs::is_directory(path, ec)) {
            out.inputs.push_back(Input{arg, path, path.filename(), source_identity(path)});
            continue;
        }
        std::vector<fs::path> files;
        collect_files(path, files, out);
        std::sort(files.begin(), files.end());
        for (const auto& f : files) {
            out.inputs.push_back(
                Input{f.string(), f, f.lexically_relative(path), source_identity(f)});
        }
    }
    if (!stdin_name.empty() && !stdin_seen) {
        throw Error("usage", "--name names standard input, but no '-' is among the inputs");
    }
    return out;
}

OutputSpec OutputSpec::from_argument(const std::string& argument) {
    OutputSpec spec;
    if (argument.empty() || argument == "-") {
        return spec;
    }
    spec.path = argument;
    std::error_code ec;
    if (argument.back() == '/' || fs::is_directory(spec.path, ec)) {
        spec.mode = Mode::directory;
    } else {
        spec.mode = Mode::file;
    }
    return spec;
}

namespace {

// Reads standard input up to `limit` bytes; sets `complete` when that was all of it. The
// buffer grows to at most `limit` (plus the byte that shows there is more), never to twice
// the limit as doubling growth would, so a stream without end costs no more than the limit.
std::string read_stream(std::istream& in, std::uint64_t limit, bool& complete) {
    std::string bytes;
    char buffer[65536];
    while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
        const auto got = static_cast<std::size_t>(in.gcount());
        if (bytes.size() + got > limit) {
            bytes.append(buffer, static_cast<std::size_t>(limit - bytes.size()));
            complete = false;
            return bytes;
        }
        if (bytes.size() + got > bytes.capacity()) {
            bytes.reserve(static_cast<std::size_t>(std::min<std::uint64_t>(
                limit, std::max<std::size_t>(2 * bytes.capacity(), bytes.size() + got))));
        }
        bytes.append(buffer, got);
    }
    complete = true;
    return bytes;
}

// Reads at most `limit` bytes of `input`; sets `complete` when that was all of it. A file
// larger than the limit is not read at all when `whole` is set (its size is known first).
std::string read_bytes(const Input& input, std::uint64_t limit, bool whole, bool& complete) {
    if (input.is_stdin()) {
        return read_stream(std::cin, limit, complete);
    }
    // stat first: a directory, FIFO or device is refused before open() could block on it.
    struct stat st {};
    if (::stat(input.path.c_str(), &st) != 0) {
        throw Error("read-failed", input.display + ": cannot read: " + std::strerror(errno));
    }
    if (S_ISDIR(st.st_mode)) {
        throw Error("read-failed", input.display + ": cannot read: it is a directory");
    }
    if (!S_ISREG(st.st_mode)) {
        throw Error("read-failed", input.display + ": cannot read: not a regular file");
    }
    const auto size = static_cast<std::uint64_t>(st.st_size);
    complete = size <= limit;
    if (!complete && whole) {
        return {};
    }
    std::ifstream in(input.path, std::ios::binary);
    if (!in) {
        throw Error("read-failed", input.display + ": cannot read: " + std::strerror(errno));
    }
    std::string bytes(static_cast<std::size_t>(std::min(size, limit)), '\0');
    in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (in.bad() || static_cast<std::size_t>(in.gcount()) != bytes.size()) {
        throw Error("read-failed",
                    input.display + ": reading stopped early (the file changed, or an I/O error)");
    }
    return bytes;
}

}  // namespace

std::string read_input(const Input& input, std::uint64_t max_bytes) {
    bool complete = false;
    std::string bytes = read_bytes(input, max_bytes, true, complete);
    if (!complete) {
        throw Error("too-large", input.display + ": larger than the " + describe_size(max_bytes) +
                                     " limit for one input (--max-input-size)");
    }
    return bytes;
}

std::string read_head(const Input& input, std::size_t bytes) {
    bool complete = false;
    return read_bytes(input, bytes, false, complete);
}

std::string describe_size(std::uint64_t bytes) {
    const auto exact = [&](std::uint64_t unit) { return bytes >= unit && bytes % unit == 0; };
    if (exact(1ull << 30)) {
        return std::to_string(bytes >> 30) + " GiB";
    }
    if (exact(1ull << 20)) {
        return std::to_string(bytes >> 20) + " MiB";
    }
    if (exact(1ull << 10)) {
        return std::to_string(bytes >> 10) + " KiB";
    }
    return std::to_string(bytes) + " bytes";
}

std::optional<std::uint64_t> parse_size(std::string_view text) {
    std::uint64_t number = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
    if (error != std::errc() || end == text.data()) {
        return std::nullopt;
    }
    std::string unit =
        text::to_lower_ascii(text::trim(text.substr(static_cast<std::size_t>(end - text.data()))));
    if (!unit.empty() && unit.back() == 'b') {
        unit.pop_back();  // "MB", "MiB" and "M" all mean 2^20 here
    }
    if (!unit.empty() && unit.back() == 'i') {
        unit.pop_back();
    }
    const int shift = unit.empty()  ? 0
                      : unit == "k" ? 10
                      : unit == "m" ? 20
                      : unit == "g" ? 30
                                    : -1;
    if (shift < 0 || number == 0 || number > (std::uint64_t{1} << (62 - shift))) {
        return std::nullopt;
    }
    return number << shift;
}

namespace {

// Where a batch's documents go: one shared target (standard output, one file, or the output an
// exporter writes itself at -o), or one file per input (-o DIR/).
class BatchOutput {
public:
    BatchOutput(const Pipeline& pipeline, const OutputSpec& spec, std::size_t total,
                std::ostream& standard_output, ExporterInstance& exporter)
        : spec_(spec),
          exporter_(exporter),
          // An exporter that writes its own output at -o (csv: a directory of tables; sqlite:
          // a database it updates in place) gets that path as the batch's one target.
          exporter_owns_output_(pipeline.writes_own_output()),
          per_input_(spec.mode == OutputSpec::Mode::directory && !exporter_owns_output_),
          namer_(spec.path, pipeline.output_extension()),
          shared_(exporter_owns_output_ ? &nothing_ : &standard_output) {
        if (exporter_owns_output_ && spec.mode == OutputSpec::Mode::standard_output) {
            throw Error("output-failed",
                        pipeline.exporter_plugin()->id() + " writes its own output: give -o PATH");
        }
        per_input_ ? make_output_directory() : begin_shared(total);
    }

    // Writes one processed document. Throws if it could not be written: that document fails.
    void write(const Input& input, const Document& doc, std::vector<fs::path>& written) {
        std::ostringstream buffer;
        if (!per_input_) {
            exporter_.write(doc, buffer);
            // One flush per record: a stream that writes whole records on flush (the host's
            // standard output) then never holds, or shows, part of one.
            shared_->write(buffer.view().data(),
                           static_cast<std::streamsize>(buffer.view().size()));
            shared_->flush();
            return;
        }
        const fs::path target = namer_.name_for(input);
        std::error_code ec;
        fs::create_directories(target.parent_path(), ec);
        AtomicFile file(target);
        exporter_.begin(ExportTarget{target.string(), 1}, buffer);
        exporter_.write(doc, buffer);
        exporter_.end(buffer);
        file.stream() << buffer.view();
        file.commit();
        written.push_back(target);
    }

    // Ends the shared target after the last document. Throws "write-failed" if not all of the
    // output reached it.
    void finish(std::size_t succeeded, std::vector<fs::path>& written) {
        if (per_input_) {
            return;
        }
        std::ostringstream trailer;
        exporter_.end(trailer);
        *shared_ << trailer.view();
        if (exporter_owns_output_) {
            written.push_back(spec_.path);  // end() committed its files
        } else if (file_) {
            if (succeeded > 0) {
                file_->commit();  // throws, naming the file, if anything failed to write
                written.push_back(spec_.path);
            }
        } else if (!shared_->flush().good()) {
            throw Error("write-failed", "standard output: writing failed (" +
                                            std::to_string(succeeded) +
                                            " documents were processed but not all written)");
        }
    }

private:
    void make_output_directory() {
        std::error_code ec;
        fs::create_directories(spec_.path, ec);
        if (ec) {
            throw Error(
                "output-failed",
                spec_.path.string() + ": cannot create the output directory: " + ec.message());
        }
    }

    void begin_shared(std::size_t total) {
        const bool to_stdout = spec_.mode == OutputSpec::Mode::standard_output;
        if (spec_.mode == OutputSpec::Mode::file && !exporter_owns_output_) {
            file_.emplace(spec_.path);
            shared_ = &file_->stream();
        }
        std::ostringstream header;
        exporter_.begin(ExportTarget{to_stdout ? std::string("-") : spec_.path.string(), total},
                        header);
        *shared_ << header.view();
    }

    const OutputSpec& spec_;
    ExporterInstance& exporter_;
    const bool exporter_owns_output_;
    const bool per_input_;
    OutputNamer namer_;
    std::ostringstream nothing_;  // the stream of an exporter that writes its own output
    std::optional<AtomicFile> file_;
    std::ostream* shared_;
};

// Hands finished documents from the worker threads to the exporting thread in input order. The
// window bounds how many finished documents may wait in memory.
class OrderedHandOff {
public:
    OrderedHandOff(std::size_t total, std::size_t window) : slots_(total), window_(window) {}

    // The next index to process, or nullopt when there is none left (or stop() was called).
    std::optional<std::size_t> claim() {
        std::unique_lock lock(mutex_);
        changed_.wait(lock, [&] { return next_ >= slots_.size() || next_ < taken_ + window_; });
        if (next_ >= slots_.size()) {
            return std::nullopt;
        }
        return next_++;
    }

    void put(std::size_t index, Outcome outcome) {
        {
            std::lock_guard lock(mutex_);
            slots_[index] = std::move(outcome);
        }
        changed_.notify_all();
    }

    // Waits for document `index` (taken strictly in order) and frees its place in the window.
    Outcome take(std::size_t index) {
        Outcome outcome = DocumentFailure{};
        {
            std::unique_lock lock(mutex_);
            changed_.wait(lock, [&] { return slots_[index].has_value(); });
            outcome = std::move(*slots_[index]);
            slots_[index].reset();
            taken_ = index + 1;
        }
        changed_.notify_all();
        return outcome;
    }

    void stop() {
        {
            std::lock_guard lock(mutex_);
            next_ = slots_.size();
        }
        changed_.notify_all();
    }

private:
    std::vector<std::optional<Outcome>> slots_;
    const std::size_t window_;
    std::mutex mutex_;
    std::condition_variable changed_;
    std::size_t next_ = 0;
    std::size_t taken_ = 0;
};

// Processes every input on the workers' threads and calls `deliver` for each, on this thread,
// in input order.
void process_in_order(const std::vector<std::unique_ptr<DocumentWorker>>& workers,
                      const std::vector<Input>& inputs, std::uint64_t max_bytes,
                      const std::function<void(std::size_t, Outcome)>& deliver) {
    if (workers.size() == 1) {
        for (std::size_t i = 0; i < inputs.size(); ++i) {
            deliver(i, process_one(*workers[0], inputs[i], max_bytes));
        }
        return;
    }
    OrderedHandOff hand_off(inputs.size(), 4 * workers.size());
    std::vector<std::thread> threads;
    // Whatever happens on this thread (an exporter or a callback throwing), stop handing out
    // documents and join the workers before leaving.
    struct JoinGuard {
        OrderedHandOff& hand_off;
        std::vector<std::thread>& threads;
        ~JoinGuard() {
            hand_off.stop();
            for (auto& t : threads) {
                t.join();
            }
        }
    } guard{hand_off, threads};
    for (const auto& worker : workers) {
        threads.emplace_back([&, w = worker.get()] {
            prepare_thread_for_signals();
            while (const auto index = hand_off.claim()) {
                hand_off.put(*index, process_one(*w, inputs[*index], max_bytes));
            }
        });
    }
    for (std::size_t i = 0; i < inputs.size(); ++i) {
        deliver(i, hand_off.take(i));
    }
}

// Passes on the document's own warnings, so that none stays buried in the output.
void report_warnings(const Document& doc, const Input& input, const BatchEvents& events,
                     BatchReport& report) {
    bool warned = false;
    for (const auto& d : doc.diagnostics) {
        if (d.severity != "warning") {
            continue;
        }
        warned = true;
        if (events.on_warning) {
            events.on_warning(DocumentNotice{input.display, ExportNotice{d.code, d.message}});
        }
    }
    report.with_warnings += warned ? 1 : 0;
}

// Passes on what the exporter noted about the document it just wrote.
void report_notices(ExporterInstance& exporter, const Input& input, const BatchEvents& events,
                    BatchReport& report) {
    for (auto& notice : exporter.take_notices()) {
        DocumentNotice n{input.display, std::move(notice)};
        if (events.on_notice) {
            events.on_notice(n);
        }
        report.notices.push_back(std::move(n));
    }
}

}  // namespace

BatchRunner::BatchRunner(const Pipeline& pipeline, BatchOptions options)
    : pipeline_(pipeline), options_(std::move(options)) {
    options_.jobs = std::max(1u, options_.jobs);
}

BatchReport BatchRunner::run(const std::vector<Input>& inputs, std::ostream& standard_output,
                             const BatchEvents& events) {
    BatchReport report;
    ExporterInstance exporter = pipeline_.make_exporter();
    BatchOutput output(pipeline_, options_.output, inputs.size(), standard_output, exporter);

    // Every worker is created here, before any document is read: a plugin that cannot be set
    // up is one setup error, not a failure per document (and the same with -j 1 or -j 8).
    const std::size_t jobs =
        std::max<std::size_t>(1, std::min<std::size_t>(options_.jobs, inputs.size()));
    std::vector<std::unique_ptr<DocumentWorker>> workers;
    BatchStages batch_stages;
    try {
        for (std::size_t t = 0; t < jobs; ++t) {
            workers.push_back(pipeline_.make_worker());
        }
        batch_stages = pipeline_.make_batch_stages();
    } catch (const std::exception& e) {
        throw Error("setup-failed", std::string("cannot set up the chain: ") + e.what());
    }

    const auto fail = [&](DocumentFailure f) {
        if (events.on_failure) {
            events.on_failure(f);
        }
        report.failures.push_back(std::move(f));
    };
    // The batch stages and the export of one document, on this thread, in input order; a
    // failure costs only this document.
    const auto deliver = [&](std::size_t index, Outcome outcome) {
        const Input& input = inputs[index];
        const DocumentScope document(input.display.c_str());
        if (auto* doc = std::get_if<Document>(&outcome)) {
            try {
                batch_stages.run(*doc);
                output.write(input, *doc, report.written);
                report_notices(exporter, input, events, report);
                report_warnings(*doc, input, events, report);
                ++report.succeeded;
            } catch (const std::exception& e) {
                fail(failure_from(input, e));
            }
        } else {
            fail(std::get<DocumentFailure>(std::move(outcome)));
        }
        if (events.on_progress) {
            events.on_progress(index + 1, inputs.size(), input);
        }
    };
    process_in_order(workers, inputs, options_.max_input_bytes, deliver);
    output.finish(report.succeeded, report.written);
    return report;
}

}  // namespace kpproc::framework
