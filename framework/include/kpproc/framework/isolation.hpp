#pragma once
// Running each document's plugins in a separate worker process, as Apache Tika's forked parsers
// do, so that a plugin that crashes, hangs or allocates without bound costs only that document.
//
// The parent (IsolatedWorker, one per worker thread) starts a long-lived child with
// posix_spawn (`kpproc worker …`, never a bare fork: the parent has other threads and plugins
// holding locks), sends it one document at a time over a socket and gets back the processed
// Document, or the plugin's error. The child runs an ordinary DocumentWorker, and the Document
// travels in an exact binary form (JSON v1 would be exact too for valid UTF-8, but parsing it
// back cost a quarter of the processing time), so the result is what an in-process run gives. A
// child that crashes, runs over the time limit or over the memory limit is killed and reaped; that
// document fails with a clear error and the next one gets a fresh child.

#include <sys/types.h>
#include <chrono>
#include <cstdint>
#include <exception>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "kpproc/framework/pipeline.hpp"
#include "kpproc/model.hpp"

namespace kpproc::framework {

struct IsolationSettings {
    // The argv prefix that starts a worker process; kpproc's: {"/proc/self/exe", "worker"}.
    std::vector<std::string> worker_command;
    std::string chain;                                      // Pipeline::chain().to_string()
    std::vector<std::filesystem::path> plugin_directories;  // passed on as --plugin-path
    std::chrono::milliseconds timeout{0};                   // per document; 0 = none
    std::uint64_t max_memory = 0;                           // bytes per worker process; 0 = none
    bool check_invariants = false;  // the worker's Pipeline::check_invariants (passed as --check)
};

// The argv prefix kpproc itself uses: this very executable, as `kpproc worker`.
std::vector<std::string> default_worker_command();

// One per worker thread (not thread-safe). Owns one long-lived child process, started at the
// first document and again after a failure that ended it.
class IsolatedWorker {
public:
    struct Child;  // the running worker process

    explicit IsolatedWorker(IsolationSettings settings);
    // Ends the child: closes its channel (it exits when it sees that), reaps it, and kills it if
    // it does not go within a moment.
    ~IsolatedWorker();
    IsolatedWorker(const IsolatedWorker&) = delete;
    IsolatedWorker& operator=(const IsolatedWorker&) = delete;

    // Same contract as DocumentWorker::run: the processed Document, or kpproc::Error. A plugin's
    // error keeps its code and message. The child's own failures:
    //   "plugin-crashed"  "plugin P crashed (SIGSEGV, a bad memory access) while parsing DOC"
    //   "timeout"         "took longer than 5 s (--timeout) in plugin P (processing); the worker
    //                     was stopped" (without "in …" when the worker cannot tell)
    //   "memory-limit"    "used more than 512 MiB (--max-memory) in plugin P (parsing); the
    //                     worker was stopped" (likewise)
    //   "worker-failed"   the child could not be started, or broke the protocol
    // `sha256`, when given, is the hash of `bytes` made already (as DocumentWorker::run takes it).
    Document run(std::string_view path, std::string_view bytes, std::string_view identity = {},
                 std::string_view sha256 = {});

    // run() in two halves, so that the worker process works on a document while the caller
    // does something else (writes the one before): send() hands the document over, starting a
    // worker process if there is none, and returns without waiting; receive() waits for the
    // result, and gives or throws what run() would. One document at a time: send() again only
    // after receive(). `bytes` must stay valid until receive() returns. The time limit counts
    // from send(). A worker that cannot be started throws from send().
    void send(std::string_view path, std::string_view bytes, std::string_view identity = {},
              std::string_view sha256 = {});
    Document receive();
    // Whether a document was sent and not yet received.
    bool has_pending() const { return pending_ != nullptr; }

    // Children started so far (for tests and diagnostics: one per failure, plus the first).
    std::size_t spawn_count() const { return spawns_; }
    // The running child's process id, or -1.
    pid_t child_pid() const;

private:
    struct Pending;  // a document sent and not yet received
    Child& ensure_child();
    void stop_child();  // gently: close the channel, reap, kill only if it lingers
    void kill_child();  // at once: a child that is busy with a document it must not finish
    // Reaps a child that ended while working and throws the error that says why.
    [[noreturn]] void fail_after_death(std::string_view path);

    IsolationSettings settings_;
    std::unique_ptr<Child> child_;
    std::unique_ptr<Pending> pending_;
    std::size_t spawns_ = 0;
};

// ---- The child side, as `kpproc worker` runs it ----------------------------------------------

// Reads requests from `in_fd`, runs a DocumentWorker of `pipeline` on each and writes the
// result to `out_fd`, until `in_fd` closes. Returns the process exit status. (It first tells
// the parent that it is ready, or why it cannot work.)
int serve_isolated_worker(const Pipeline& pipeline, int in_fd, int out_fd);

// For a child that could not make its Pipeline (bad chain, unknown plugin): tells the parent
// why, so that it reports this rather than a crash. Returns the exit status.
int refuse_isolated_work(const std::exception& why, int out_fd);

// In the child, first: a crash writes its one-line report to `report_fd`, and the parent's
// request to stop (over a limit) makes it write which plugin it was in there, then exit.
void prepare_worker_process(int report_fd);

// In the child: bounds its address space to what it uses now plus `max_memory` (a backstop for
// an allocation faster than the parent's polling), and makes an allocation that fails end the
// process with a status the parent reports as "memory-limit". Does nothing under
// AddressSanitizer, which reserves terabytes of address space.
void limit_worker_memory(std::uint64_t max_memory);

}  // namespace kpproc::framework
