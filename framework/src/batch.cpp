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

BatchRunner::BatchRunner(const Pipeline& pipeline, BatchOptions options)
    : pipeline_(pipeline), options_(std::move(options)) {
    options_.jobs = std::max(1u, options_.jobs);
}

BatchReport BatchRunner::run(const std::vector<Input>& inputs, std::ostream& standard_output,
                             const BatchEvents& events) {
    BatchReport report;
    const std::size_t total = inputs.size();
    ExporterInstance exporter = pipeline_.make_exporter();
    // An exporter that writes its own output at -o (csv: a directory of tables; sqlite: a
    // database it updates in place) gets that path as the batch's one target, untouched.
    const bool exporter_owns_output = pipeline_.writes_own_output();
    const bool per_input =
        options_.output.mode == OutputSpec::Mode::directory && !exporter_owns_output;
    std::ostringstream nothing;  // the stream of an exporter that writes its own output
    if (exporter_owns_output && options_.output.mode == OutputSpec::Mode::standard_output) {
        throw Error("output-failed",
                    pipeline_.exporter_plugin()->id() + " writes its own output: give -o PATH");
    }

    // One shared output target (stdout, a file, or the exporter's directory) for the batch.
    std::optional<AtomicFile> batch_file;
    std::ostream* shared_out = exporter_owns_output ? &nothing : &standard_output;
    if (!per_input) {
        if (options_.output.mode == OutputSpec::Mode::file && !exporter_owns_output) {
            batch_file.emplace(options_.output.path);
            shared_out = &batch_file->stream();
        }
        std::ostringstream header;
        exporter.begin(ExportTarget{options_.output.mode == OutputSpec::Mode::standard_output
                                        ? std::string("-")
                                        : options_.output.path.string(),
                                    total},
                       header);
        *shared_out << header.str();
    } else {
        std::error_code ec;
        fs::create_directories(options_.output.path, ec);
        if (ec) {
            throw Error("output-failed",
                        options_.output.path.string() +
                            ": cannot create the output directory: " + ec.message());
        }
    }
    OutputNamer namer(options_.output.path, pipeline_.output_extension());

    const auto fail = [&](DocumentFailure f) {
        if (events.on_failure) {
            events.on_failure(f);
        }
        report.failures.push_back(std::move(f));
    };

    // Exports one processed document; exporter failures cost only this document.
    const auto export_one = [&](const Input& input, const Document& doc) {
        try {
            if (per_input) {
                const fs::path target = namer.name_for(input);
                std::error_code ec;
                fs::create_directories(target.parent_path(), ec);
                AtomicFile file(target);
                std::ostringstream buffer;
                exporter.begin(ExportTarget{target.string(), 1}, buffer);
                exporter.write(doc, buffer);
                exporter.end(buffer);
                file.stream() << buffer.str();
                file.commit();
                report.written.push_back(target);
            } else {
                std::ostringstream buffer;
                exporter.write(doc, buffer);
                // One flush per record: a stream that writes whole records on flush (the
                // host's standard output) then never holds, or shows, part of one.
                shared_out->write(buffer.view().data(),
                                  static_cast<std::streamsize>(buffer.view().size()));
                shared_out->flush();
            }
            for (auto& notice : exporter.take_notices()) {
                DocumentNotice n{input.display, std::move(notice)};
                if (events.on_notice) {
                    events.on_notice(n);
                }
                report.notices.push_back(std::move(n));
            }
            ++report.succeeded;
        } catch (const std::exception& e) {
            fail(failure_from(input, e));
        }
    };

    // Set up with the workers below; runs on this thread only, in input order.
    BatchStages batch_stages;
    const auto deliver = [&](std::size_t index, Outcome outcome) {
        const DocumentScope document(inputs[index].display.c_str());
        if (auto* doc = std::get_if<Document>(&outcome)) {
            bool staged = true;
            try {
                batch_stages.run(*doc);
            } catch (const std::exception& e) {
                fail(failure_from(inputs[index], e));
                staged = false;
            }
            if (staged) {
                export_one(inputs[index], *doc);
            }
        } else {
            fail(std::get<DocumentFailure>(std::move(outcome)));
        }
        if (events.on_progress) {
            events.on_progress(index + 1, total, inputs[index]);
        }
    };

    // Every worker is created here, before any document is read: a plugin that cannot be set
    // up is one setup error, not a failure per document (and the same with -j 1 or -j 8).
    const std::size_t jobs = std::max<std::size_t>(1, std::min<std::size_t>(options_.jobs, total));
    std::vector<std::unique_ptr<DocumentWorker>> workers;
    try {
        for (std::size_t t = 0; t < jobs; ++t) {
            workers.push_back(pipeline_.make_worker());
        }
        batch_stages = pipeline_.make_batch_stages();
    } catch (const std::exception& e) {
        throw Error("setup-failed", std::string("cannot set up the chain: ") + e.what());
    }

    if (jobs == 1) {
        for (std::size_t i = 0; i < total; ++i) {
            deliver(i, process_one(*workers[0], inputs[i], options_.max_input_bytes));
        }
    } else {
        // Workers parse and process ahead; this thread exports strictly in input order. The
        // window bounds how many finished documents may wait in memory.
        const std::size_t window = 4 * jobs;
        std::vector<std::optional<Outcome>> slots(total);
        std::mutex mutex;
        std::condition_variable changed;
        std::size_t next = 0;
        std::size_t delivered = 0;
        std::vector<std::thread> threads;
        // Whatever happens on this thread (an exporter or a callback throwing), stop handing
        // out documents and join the workers before leaving.
        struct JoinGuard {
            std::function<void()> stop;
            std::vector<std::thread>& threads;
            ~JoinGuard() {
                stop();
                for (auto& t : threads) {
                    if (t.joinable()) {
                        t.join();
                    }
                }
            }
        } guard{[&] {
                    {
                        std::lock_guard lock(mutex);
                        next = total;
                    }
                    changed.notify_all();
                },
                threads};
        for (std::size_t t = 0; t < jobs; ++t) {
            threads.emplace_back([&, worker = workers[t].get()] {
                prepare_thread_for_signals();
                for (;;) {
                    std::size_t index = 0;
                    {
                        std::unique_lock lock(mutex);
                        changed.wait(lock,
                                     [&] { return next >= total || next < delivered + window; });
                        if (next >= total) {
                            return;
                        }
                        index = next++;
                    }
                    Outcome outcome = process_one(*worker, inputs[index], options_.max_input_bytes);
                    {
                        std::lock_guard lock(mutex);
                        slots[index] = std::move(outcome);
                    }
                    changed.notify_all();
                }
            });
        }
        for (std::size_t i = 0; i < total; ++i) {
            Outcome outcome = DocumentFailure{};
            {
                std::unique_lock lock(mutex);
                changed.wait(lock, [&] { return slots[i].has_value(); });
                outcome = std::move(*slots[i]);
                slots[i].reset();
            }
            deliver(i, std::move(outcome));
            {
                std::lock_guard lock(mutex);
                delivered = i + 1;
            }
            changed.notify_all();
        }
    }

    if (!per_input) {
        std::ostringstream trailer;
        exporter.end(trailer);
        *shared_out << trailer.str();
        if (exporter_owns_output) {
            report.written.push_back(options_.output.path);  // end() committed its files
        } else if (batch_file) {
            if (report.succeeded > 0) {
                batch_file->commit();  // throws, naming the file, if anything failed to write
                report.written.push_back(options_.output.path);
            }
        } else {
            shared_out->flush();
            if (!shared_out->good()) {
                throw Error("write-failed", "standard output: writing failed (" +
                                                std::to_string(report.succeeded) +
                                                " documents were processed but not all written)");
            }
        }
    }
    return report;
}

}  // namespace kpproc::framework
