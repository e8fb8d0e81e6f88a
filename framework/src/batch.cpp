#include "kpproc/framework/batch.hpp"

#include <sys/stat.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <exception>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <sstream>
#include <thread>
#include <tuple>
#include <variant>

#include "kpproc/atomic_file.hpp"
#include "kpproc/error.hpp"
#include "kpproc/framework/signals.hpp"

namespace fs = std::filesystem;

namespace kpproc::framework {

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

DocumentFailure failure_from(const Input& input, const std::exception& e) {
    const auto* err = dynamic_cast<const Error*>(&e);
    return DocumentFailure{input.display, err != nullptr ? err->code() : "error", e.what()};
}

// A document not read because its output holds it already: the code of the notice that counts
// it ("unchanged": the exporter has these bytes from this source; "skipped": --skip-existing).
struct Skipped {
    std::string code;
};

using Outcome = std::variant<Document, DocumentFailure, Skipped>;

// One document on its way through the batch.
struct Slot {
    enum class Stage { empty, processing, processed, ready };
    Stage stage = Stage::empty;
    Input input;
    fs::path target;  // its own output file (-o DIR/), chosen in input order
    Outcome outcome = Skipped{};
    std::string prepared;  // the exporter's prepare stage, when it has one
    bool is_prepared = false;
    std::uint64_t bytes = 0;
    // Sent to a worker process and not yet received back: the input's bytes, which the worker
    // may not have taken all of yet (on the heap, where moving the slot does not move them).
    std::unique_ptr<const std::string> with_worker_process;
};

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
          shared_target_{spec.mode == OutputSpec::Mode::standard_output ? std::string("-")
                                                                        : spec.path.string(),
                         total == 0 ? ExportTarget::kUnknownDocumentCount : total},
          shared_(exporter_owns_output_ ? &nothing_ : &standard_output) {
        if (exporter_owns_output_ && spec.mode == OutputSpec::Mode::standard_output) {
            throw Error("output-failed",
                        pipeline.exporter_plugin()->id() + " writes its own output: give -o PATH");
        }
        per_input_ ? make_output_directory() : begin_shared();
    }

    bool per_input() const { return per_input_; }
    // The output file of the next input; call in input order (names depend on earlier ones).
    fs::path target_for(const Input& input) {
        return per_input_ ? namer_.name_for(input) : fs::path();
    }
    // What the exporter is told it writes to, for its prepare stage.
    ExportTarget export_target(const fs::path& target) const {
        return per_input_ ? ExportTarget{target.string(), 1} : shared_target_;
    }

    // Writes one processed document. Throws if it could not be written: that document fails.
    void write(const Slot& slot, const Document& doc) {
        buffer_.str({});
        if (!per_input_) {
            export_into(buffer_, slot, doc);
            // One flush per record: a stream that writes whole records on flush (the host's
            // standard output) then never holds, or shows, part of one.
            const auto view = buffer_.view();
            shared_->write(view.data(), static_cast<std::streamsize>(view.size()));
            shared_->flush();
            return;
        }
        std::error_code ec;
        fs::create_directories(slot.target.parent_path(), ec);
        AtomicFile file(slot.target);
        exporter_.begin(export_target(slot.target), buffer_);
        export_into(buffer_, slot, doc);
        exporter_.end(buffer_);
        file.stream() << buffer_.view();
        file.commit();
    }

    // Ends the shared target after the last document. Throws "write-failed" if not all of the
    // output reached it.
    void finish(std::size_t succeeded) {
        if (per_input_) {
            return;
        }
        std::ostringstream trailer;
        exporter_.end(trailer);
        *shared_ << trailer.view();
        if (exporter_owns_output_) {
            return;  // end() committed its files
        }
        if (file_) {
            if (succeeded > 0) {
                file_->commit();  // throws, naming the file, if anything failed to write
            }
        } else if (!shared_->flush().good()) {
            throw Error("write-failed", "standard output: writing failed (" +
                                            std::to_string(succeeded) +
                                            " documents were processed but not all written)");
        }
    }

private:
    void export_into(std::ostream& out, const Slot& slot, const Document& doc) {
        if (slot.is_prepared) {
            exporter_.write_prepared(doc, slot.prepared, out);
        } else {
            exporter_.write(doc, out);
        }
    }

    void make_output_directory() {
        std::error_code ec;
        fs::create_directories(spec_.path, ec);
        if (ec) {
            throw Error(
                "output-failed",
                spec_.path.string() + ": cannot create the output directory: " + ec.message());
        }
    }

    void begin_shared() {
        if (spec_.mode == OutputSpec::Mode::file && !exporter_owns_output_) {
            file_.emplace(spec_.path);
            shared_ = &file_->stream();
        }
        std::ostringstream header;
        exporter_.begin(shared_target_, header);
        *shared_ << header.view();
    }

    const OutputSpec& spec_;
    ExporterInstance& exporter_;
    const bool exporter_owns_output_;
    const bool per_input_;
    OutputNamer namer_;
    const ExportTarget shared_target_;
    std::ostringstream nothing_;  // the stream of an exporter that writes its own output
    std::ostringstream buffer_;   // one document's output, reused
    std::optional<AtomicFile> file_;
    std::ostream* shared_;
};

// The output of -o DIR/ is at least as new as its input: --skip-existing leaves it.
bool output_is_current(const Input& input, const fs::path& target) {
    struct stat in {};
    struct stat out {};
    if (input.is_stdin() || ::stat(input.path.c_str(), &in) != 0 ||
        ::stat(target.c_str(), &out) != 0) {
        return false;
    }
    return std::tie(out.st_mtim.tv_sec, out.st_mtim.tv_nsec) >=
           std::tie(in.st_mtim.tv_sec, in.st_mtim.tv_nsec);
}

// What is done to one document, stage by stage. process() and prepare() run on the workers
// (each with its own plugin instances); link() runs one document at a time in input order.
// None of them throws: a failure becomes the document's outcome.
class DocumentStages {
public:
    DocumentStages(const Pipeline& pipeline, const BatchOptions& options, std::size_t workers,
                   BatchOutput& output, const ExporterInstance& exporter)
        : options_(options), output_(output), exporter_(exporter) {
        // Every plugin instance is made here, before any document is read: a plugin that
        // cannot be set up is one setup error, not a failure per document (and the same with
        // -j 1 or -j 8).
        try {
            for (std::size_t w = 0; w < workers; ++w) {
                // Isolated, the adapters and processors run only in the worker processes.
                if (options.isolation) {
                    isolated_.push_back(std::make_unique<IsolatedWorker>(*options.isolation));
                } else {
                    workers_.push_back(pipeline.make_worker());
                }
                preparers_.push_back(pipeline.make_exporter());
            }
            batch_stages_ = pipeline.make_batch_stages();
        } catch (const std::exception& e) {
            throw Error("setup-failed", std::string("cannot set up the chain: ") + e.what());
        }
    }

    bool has_batch_stages() const { return !batch_stages_.empty(); }

    // Reads the input and runs the chain's adapter and processors on it.
    void process(std::size_t worker, Slot& slot) {
        begin_process(worker, slot);
        finish_process(worker, slot);
    }

    // process() in two halves, for plugins isolated in worker processes: the first reads the
    // input and hands it to the worker's process, the second waits for the result, so that the
    // worker process can go on with one document while this thread writes the one before.
    // Without isolation the first half does all of it, and the second nothing.
    void begin_process(std::size_t worker, Slot& slot) {
        const DocumentScope document(slot.input.display.c_str());
        try {
            if (options_.skip_existing && output_is_current(slot.input, slot.target)) {
                slot.outcome = Skipped{"skipped"};
                return;
            }
            std::string bytes = read_input(slot.input, options_.max_input_bytes);
            slot.bytes = bytes.size();
            const std::string sha256 = sha256_hex(bytes);
            const std::string identity =
                !slot.input.identity.empty() ? slot.input.identity : "stdin:sha256:" + sha256;
            if (!output_.per_input() && exporter_.is_stored(identity, sha256)) {
                slot.outcome = Skipped{"unchanged"};
                return;
            }
            if (isolated_.empty()) {
                slot.outcome = workers_[worker]->run(slot.input.display, bytes, identity, sha256);
                return;
            }
            slot.with_worker_process = std::make_unique<const std::string>(std::move(bytes));
            isolated_[worker]->send(slot.input.display, *slot.with_worker_process, identity,
                                    sha256);
        } catch (const std::exception& e) {
            slot.with_worker_process.reset();
            slot.outcome = failure_from(slot.input, e);
        }
    }

    void finish_process(std::size_t worker, Slot& slot) {
        if (!slot.with_worker_process) {
            return;
        }
        const DocumentScope document(slot.input.display.c_str());
        try {
            slot.outcome = isolated_[worker]->receive();
        } catch (const std::exception& e) {
            slot.outcome = failure_from(slot.input, e);
        }
        slot.with_worker_process.reset();
    }

    bool in_worker_processes() const { return !isolated_.empty(); }

    // The processors' batch stages, in input order.
    void link(Slot& slot) {
        auto* doc = std::get_if<Document>(&slot.outcome);
        if (doc == nullptr || batch_stages_.empty()) {
            return;
        }
        const DocumentScope document(slot.input.display.c_str());
        try {
            batch_stages_.run(*doc);
        } catch (const std::exception& e) {
            slot.outcome = failure_from(slot.input, e);
        }
    }

    // The exporter's prepare stage, if it has one.
    void prepare(std::size_t worker, Slot& slot) {
        const auto* doc = std::get_if<Document>(&slot.outcome);
        if (doc == nullptr) {
            return;
        }
        const DocumentScope document(slot.input.display.c_str());
        try {
            slot.is_prepared =
                preparers_[worker].prepare(*doc, output_.export_target(slot.target), slot.prepared);
        } catch (const std::exception& e) {
            slot.outcome = failure_from(slot.input, e);
        }
    }

private:
    const BatchOptions& options_;
    BatchOutput& output_;
    const ExporterInstance& exporter_;
    std::vector<std::unique_ptr<DocumentWorker>> workers_;
    std::vector<std::unique_ptr<IsolatedWorker>> isolated_;  // --isolate: instead of workers_
    std::vector<ExporterInstance> preparers_;                // one per worker, never begun
    BatchStages batch_stages_;
};

// Hands documents out to the workers in input order and writes them in the same order. Every
// step is done by the workers themselves, with no thread that only waits: a worker takes, by
// priority, the writing of the next documents in order (one worker at a time), a document to
// prepare, the linking of the next documents in order (one worker at a time), a new input.
//
// The window of documents between being taken and being written is wide enough to keep every
// worker busy while the one writing is held up (a database exporter commits a group of
// documents at a time, a burst of tens of milliseconds), and bounded, so that a slow document
// holds up memory, not correctness: at most kWidestWindow documents a worker, and beyond
// kNarrowestWindow only while the bytes read into it stay under kWindowBytes a worker.
class Scheduler {
public:
    static constexpr std::size_t kNarrowestWindow = 4;  // documents a worker
    static constexpr std::size_t kWidestWindow = 16;
    static constexpr std::uint64_t kWindowBytes = std::uint64_t{8} << 20;

    using Write = std::function<void(Slot&)>;

    Scheduler(DocumentStages& stages, InputSource& inputs, BatchOutput& output,
              std::function<bool()> stop, std::size_t workers)
        : stages_(stages),
          inputs_(inputs),
          output_(output),
          stop_(std::move(stop)),
          workers_(workers),
          ring_(kWidestWindow * workers) {}

    // Runs the batch: one worker on this thread, the others on threads of their own. Returns
    // whether it stopped because stop() said so. What `write` throws ends the batch (no more
    // documents are taken) and is thrown again here.
    bool run(const Write& write) {
        if (workers_ == 1) {
            return run_on_this_thread(write);
        }
        write_ = &write;
        std::vector<std::thread> threads;
        for (std::size_t w = 1; w < workers_; ++w) {
            threads.emplace_back([this, w] {
                prepare_thread_for_signals();
                work_guarded(w);
            });
        }
        work_guarded(0);
        for (auto& t : threads) {
            t.join();
        }
        if (failure_) {
            std::rethrow_exception(failure_);
        }
        return stopped_;
    }

private:
    // One worker: each document in turn. With plugins in a worker process, the next document
    // is handed to that process before this one is linked, prepared and written, so that the
    // two go on at once on a machine with cores to spare.
    bool run_on_this_thread(const Write& write) {
        bool stopped = false;
        const bool overlap = stages_.in_worker_processes();
        std::optional<Slot> current = begin_next(stopped);
        while (current) {
            stages_.finish_process(0, *current);
            std::optional<Slot> next = overlap ? begin_next(stopped) : std::nullopt;
            stages_.link(*current);
            stages_.prepare(0, *current);
            write(*current);
            current = overlap ? std::move(next) : begin_next(stopped);
        }
        return stopped;
    }

    // The next input, begun; nullopt at the end of the inputs or when stop() says so.
    std::optional<Slot> begin_next(bool& stopped) {
        if (stopped || (stopped = stop_())) {
            return std::nullopt;
        }
        auto input = inputs_.next();
        if (!input) {
            return std::nullopt;
        }
        std::optional<Slot> slot(std::in_place);
        fill(*slot, std::move(*input));
        stages_.begin_process(0, *slot);
        return slot;
    }

    void fill(Slot& slot, Input input) {
        slot.target = output_.target_for(input);
        slot.input = std::move(input);
    }

    Slot& slot(std::size_t index) { return ring_[index % ring_.size()]; }

    // A worker's loop; anything it throws (taking the next input, say) ends the batch as a
    // failing write does, rather than the process.
    void work_guarded(std::size_t worker) noexcept {
        try {
            work(worker);
        } catch (...) {
            const std::lock_guard lock(mutex_);
            fail(std::current_exception());
        }
    }

    void work(std::size_t worker) {
        std::unique_lock lock(mutex_);
        for (;;) {
            if (writable()) {
                write_in_order(lock);
            } else if (!to_prepare_.empty()) {
                const std::size_t index = to_prepare_.front();
                to_prepare_.pop_front();
                lock.unlock();
                stages_.prepare(worker, slot(index));
                lock.lock();
                slot(index).stage = Slot::Stage::ready;
            } else if (linkable()) {
                link_in_order(lock);
            } else if (const auto index = claim()) {
                lock.unlock();
                process(worker, *index);
                lock.lock();
                slot(*index).stage =
                    stages_.has_batch_stages() ? Slot::Stage::processed : Slot::Stage::ready;
                window_bytes_ += slot(*index).bytes;
            } else if (closed_ && next_to_write_ == next_to_claim_) {
                return;  // every document taken was written
            } else {
                // Nothing for this worker until another finishes a step: the one that does
                // carries the document on itself, so no wake-up is needed then, only when room
                // or work appears for others (waking idle threads cost a tenth of the time of
                // small documents). The timeout is a safety net, not the mechanism.
                work_to_do_.wait_for(lock, std::chrono::milliseconds(100));
            }
        }
    }

    void process(std::size_t worker, std::size_t index) {
        Slot& s = slot(index);
        stages_.process(worker, s);
        if (!stages_.has_batch_stages()) {
            stages_.prepare(worker, s);  // no ordered step between: prepare at once
        }
    }

    bool writable() {
        return !writing_ && next_to_write_ < next_to_claim_ &&
               slot(next_to_write_).stage == Slot::Stage::ready;
    }

    // Writes every document ready next in order, freeing their places in the window.
    void write_in_order(std::unique_lock<std::mutex>& lock) {
        writing_ = true;
        while (writable_next()) {
            const std::size_t index = next_to_write_;
            lock.unlock();
            try {
                (*write_)(slot(index));
            } catch (...) {
                lock.lock();
                fail(std::current_exception());
                break;
            }
            lock.lock();
            window_bytes_ -= slot(index).bytes;
            slot(index) = Slot{};  // frees the document's memory now, not when the slot is reused
            ++next_to_write_;
        }
        writing_ = false;
        work_to_do_.notify_all();  // room in the window, or the end
    }

    bool writable_next() {
        return !failure_ && next_to_write_ < next_to_claim_ &&
               slot(next_to_write_).stage == Slot::Stage::ready;
    }

    // The write failed as a whole (not one document): no more documents are taken, the ones in
    // flight are dropped, and run() throws it.
    void fail(std::exception_ptr failure) {
        failure_ = std::move(failure);
        closed_ = true;
        next_to_claim_ = next_to_write_;  // what is in flight is dropped
        work_to_do_.notify_all();
    }

    bool linkable() {
        return !linking_ && next_to_link_ < next_to_claim_ &&
               slot(next_to_link_).stage == Slot::Stage::processed;
    }

    // Runs the batch stages on every document processed next in order, then queues them to be
    // prepared (by any worker, this one first).
    void link_in_order(std::unique_lock<std::mutex>& lock) {
        linking_ = true;
        while (next_to_link_ < next_to_claim_ &&
               slot(next_to_link_).stage == Slot::Stage::processed) {
            const std::size_t index = next_to_link_++;
            lock.unlock();
            stages_.link(slot(index));
            lock.lock();
            to_prepare_.push_back(index);
        }
        linking_ = false;
        if (to_prepare_.size() > 1) {
            work_to_do_.notify_one();  // a hand with the preparing
        }
    }

    // The next input, if the window has room and there is one. Called with the lock held.
    std::optional<std::size_t> claim() {
        if (closed_ || !window_has_room()) {
            return std::nullopt;
        }
        if (stop_()) {
            stopped_ = true;
            close();
            return std::nullopt;
        }
        auto input = inputs_.next();
        if (!input) {
            close();
            return std::nullopt;
        }
        const std::size_t index = next_to_claim_++;
        Slot& s = slot(index);
        s = Slot{};
        s.stage = Slot::Stage::processing;
        fill(s, std::move(*input));
        return index;
    }

    bool window_has_room() const {
        const std::size_t in_window = next_to_claim_ - next_to_write_;
        return in_window < ring_.size() &&
               (in_window < kNarrowestWindow * workers_ || window_bytes_ < kWindowBytes * workers_);
    }

    // No more inputs are handed out. Called with the lock held.
    void close() {
        closed_ = true;
        work_to_do_.notify_all();
    }

    DocumentStages& stages_;
    InputSource& inputs_;
    BatchOutput& output_;
    std::function<bool()> stop_;
    const std::size_t workers_;
    const Write* write_ = nullptr;
    std::vector<Slot> ring_;
    std::mutex mutex_;
    std::condition_variable work_to_do_;  // workers wait here: for room, or for work
    std::deque<std::size_t> to_prepare_;
    std::size_t next_to_claim_ = 0;
    std::size_t next_to_link_ = 0;
    std::size_t next_to_write_ = 0;
    std::uint64_t window_bytes_ = 0;  // of the documents processed and not yet written
    bool linking_ = false;
    bool writing_ = false;
    bool closed_ = false;
    bool stopped_ = false;
    std::exception_ptr failure_;
};

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

// Counts what the exporter noted about the document it just wrote, and passes on what it said.
void report_notices(ExporterInstance& exporter, const Input& input, const BatchEvents& events,
                    BatchReport& report) {
    for (auto& notice : exporter.take_notices()) {
        ++report.notice_counts[notice.code];
        if (!notice.message.empty() && events.on_notice) {
            events.on_notice(DocumentNotice{input.display, std::move(notice)});
        }
    }
}

std::function<bool()> default_stop() {
    return [] { return interrupt_signal() != 0; };
}

}  // namespace

BatchRunner::BatchRunner(const Pipeline& pipeline, BatchOptions options)
    : pipeline_(pipeline), options_(std::move(options)) {
    options_.jobs = std::max(1u, options_.jobs);
    if (!options_.stop_requested) {
        options_.stop_requested = default_stop();
    }
}

BatchReport BatchRunner::run(const std::vector<Input>& inputs, std::ostream& standard_output,
                             const BatchEvents& events) {
    InputList list(inputs);
    return run(list, inputs.size(), standard_output, events);
}

BatchReport BatchRunner::run(InputSource& inputs, std::size_t total, std::ostream& standard_output,
                             const BatchEvents& events) {
    BatchReport report;
    ExporterInstance exporter = pipeline_.make_exporter();
    BatchOutput output(pipeline_, options_.output, total, standard_output, exporter);
    // No more workers than documents, when their number is known.
    const std::size_t workers =
        total == 0 ? options_.jobs : std::min<std::size_t>(options_.jobs, total);
    DocumentStages stages(pipeline_, options_, workers, output, exporter);

    BatchProgress progress{0, total, 0, 0, nullptr};
    // The export of one document, on this thread, in input order; a failure costs only it.
    const auto write = [&](Slot& slot) {
        const DocumentScope document(slot.input.display.c_str());
        std::optional<DocumentFailure> failure;
        if (auto* doc = std::get_if<Document>(&slot.outcome)) {
            try {
                output.write(slot, *doc);
                report_notices(exporter, slot.input, events, report);
                report_warnings(*doc, slot.input, events, report);
                ++report.succeeded;
            } catch (const std::exception& e) {
                failure = failure_from(slot.input, e);
            }
        } else if (auto* skipped = std::get_if<Skipped>(&slot.outcome)) {
            ++report.notice_counts[skipped->code];
            ++report.succeeded;
        } else {
            failure = std::get<DocumentFailure>(std::move(slot.outcome));
        }
        if (failure) {
            if (events.on_failure) {
                events.on_failure(*failure);
            }
            report.failures.push_back(std::move(*failure));
        }
        report.bytes += slot.bytes;
        progress = BatchProgress{progress.done + 1, total, report.failures.size(), report.bytes,
                                 &slot.input};
        if (events.on_progress) {
            events.on_progress(progress);
        }
    };
    Scheduler scheduler(stages, inputs, output, options_.stop_requested, workers);
    report.interrupted = scheduler.run(write);
    output.finish(report.succeeded);
    return report;
}

}  // namespace kpproc::framework
