#pragma once
// What happens when a run is interrupted or a plugin crashes the process.
//
// install_signal_handlers() (the kpproc host calls it first thing; an embedding program may):
//  * SIGINT, SIGTERM, SIGHUP, SIGPIPE: the temporary files of unfinished outputs are removed,
//    then the signal takes its default course, so the exit status still says which signal.
//  * SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT (a crash; in a plugin, since the host catches
//    every exception at the plugin boundary): one message on standard error names the signal,
//    the plugin and what it was doing, and the document; temporary files are removed; the
//    process exits with kExitCrashed. A record being written to standard output is let finish
//    first, so standard output never ends in a partial record.
//
// The framework records what each thread is doing (ActivityScope, DocumentScope) as it calls
// plugins, so the message can name them; recording costs two stores per call.

#include <streambuf>
#include <string>
#include <string_view>

namespace kpproc::framework {

// The exit status after a fatal signal (a plugin crashed the process).
inline constexpr int kExitCrashed = 3;

// Installs the handlers described above. Idempotent; call it from the main thread.
void install_signal_handlers();

// Graceful interruption, which `kpproc run` turns on: the first SIGINT, SIGTERM or SIGHUP only
// records the signal (interrupt_signal() returns it, and a batch then stops handing out
// documents, finishes and writes those in progress, ends its output and returns), with a note on
// standard error; a second one ends the process at once, as above. SIGPIPE always ends it.
void set_graceful_interrupts(bool on) noexcept;
// The signal a graceful interruption recorded, 0 if none.
int interrupt_signal() noexcept;
// In an isolated worker process (isolation.hpp): a crash writes its message, one line without
// the "kpproc: fatal: " prefix, to `fd` instead of standard error, and the process exits with
// kExitCrashed at once (the parent reports it, and the worker has no output files). -1 undoes it.
void set_crash_report_fd(int fd) noexcept;
// In an isolated worker process: on `sig` (its parent stopping it), the thread that gets it
// writes "plugin P (action)" to the crash report fd, if it was in a plugin, and the process
// exits with `exit_status` at once.
void report_activity_on(int sig, int exit_status) noexcept;

// Gives the calling thread an alternate signal stack, so that a stack overflow in a plugin still
// reaches the crash handler. Threads the framework starts call it themselves.
void prepare_thread_for_signals();

// While alive: the calling thread is running `action` ("parsing", "exporting", …) in the plugin
// `plugin_id`. The strings must outlive the scope (plugin ids live as long as the plugin).
class ActivityScope {
public:
    ActivityScope(const char* plugin_id, const char* action) noexcept;
    ~ActivityScope();
    ActivityScope(const ActivityScope&) = delete;
    ActivityScope& operator=(const ActivityScope&) = delete;

private:
    const char* previous_plugin_;
    const char* previous_action_;
};

// While alive: the calling thread works on the document named `name` (must outlive the scope).
class DocumentScope {
public:
    explicit DocumentScope(const char* name) noexcept;
    ~DocumentScope();
    DocumentScope(const DocumentScope&) = delete;
    DocumentScope& operator=(const DocumentScope&) = delete;

private:
    const char* previous_;
};

// Writes one whole output record to a file descriptor (standard output), retrying short writes
// and EINTR. The crash handler waits for a record in progress, so a crash on another thread
// never leaves half a record. Returns false (errno set) if the descriptor refuses the data.
bool write_whole_record(int fd, std::string_view record) noexcept;

// A stream buffer over a file descriptor that holds what it is given until the stream is
// flushed, then writes it with write_whole_record(): flush once per record, and a crash
// never leaves part of one. (std::cout flushes whenever its buffer fills, mid-record.)
class RecordStreamBuf final : public std::streambuf {
public:
    explicit RecordStreamBuf(int fd) : fd_(fd) {}

protected:
    int_type overflow(int_type ch) override;
    std::streamsize xsputn(const char* data, std::streamsize count) override;
    int sync() override;

private:
    int fd_;
    std::string pending_;
};

}  // namespace kpproc::framework
