#include "kpproc/framework/signals.hpp"

#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <ctime>
#include <memory>

#include "kpproc/temporary_files.hpp"

namespace kpproc::framework {

namespace {

// What this thread is doing, read by the crash handler on the same thread. initial-exec TLS
// is a fixed offset from the thread pointer: reading it in a signal handler cannot allocate.
struct Activity {
    const char* plugin = nullptr;
    const char* action = nullptr;
    const char* document = nullptr;
    bool writing_record = false;
};
thread_local Activity t_activity __attribute__((tls_model("initial-exec")));

std::atomic<int> g_records_in_progress{0};
std::atomic<bool> g_graceful{false};
std::atomic<int> g_interrupt_signal{0};
std::atomic<bool> g_stderr_is_terminal{false};
std::atomic<bool> g_installed{false};
// In an isolated worker process: where the crash message goes instead of standard error.
std::atomic<int> g_crash_report_fd{-1};

constexpr int kInterruptSignals[] = {SIGINT, SIGTERM, SIGHUP, SIGPIPE};
constexpr int kCrashSignals[] = {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT};

const char* signal_name(int sig) {
    switch (sig) {
        case SIGSEGV:
            return "SIGSEGV, a bad memory access";
        case SIGBUS:
            return "SIGBUS, a bad memory access";
        case SIGFPE:
            return "SIGFPE, an arithmetic error";
        case SIGILL:
            return "SIGILL, an illegal instruction";
        case SIGABRT:
            return "SIGABRT, an abort";
        default:
            return "a fatal signal";
    }
}

// A message built without allocating, for the crash handler.
class SignalSafeMessage {
public:
    SignalSafeMessage& operator<<(const char* text) {
        for (; text != nullptr && *text != '\0' && length_ + 1 < sizeof buffer_; ++text) {
            buffer_[length_++] = *text;
        }
        return *this;
    }
    void write_to(int fd) const {
        std::size_t done = 0;
        while (done < length_) {
            const ssize_t n = ::write(fd, buffer_ + done, length_ - done);
            if (n <= 0 && errno != EINTR) {
                return;
            }
            done += n > 0 ? static_cast<std::size_t>(n) : 0;
        }
    }

private:
    char buffer_[2048];
    std::size_t length_ = 0;
};

// Lets a record being written on another thread finish (bounded: that thread may be blocked on
// a full pipe), so standard output ends on a whole record.
void wait_for_record_in_progress() {
    if (t_activity.writing_record) {
        return;  // this thread was writing it: it cannot finish now
    }
    const timespec tick{0, 10'000'000};
    for (int i = 0; i < 200 && g_records_in_progress.load() > 0; ++i) {
        ::nanosleep(&tick, nullptr);
    }
}

// The first interruption of a graceful run is only recorded; the batch winds down by itself.
bool record_graceful_interrupt(int sig) {
    int none = 0;
    if (sig == SIGPIPE || !g_graceful.load() ||
        !g_interrupt_signal.compare_exchange_strong(none, sig)) {
        return false;
    }
    SignalSafeMessage message;
    // On a terminal, the progress line is erased first.
    message << (g_stderr_is_terminal.load() ? "\r\033[K" : "")
            << "kpproc: interrupted: finishing the documents in progress and ending the "
               "output; interrupt again to stop at once\n";
    message.write_to(STDERR_FILENO);
    return true;
}

void on_interrupt(int sig) {
    const int saved_errno = errno;
    if (record_graceful_interrupt(sig)) {
        errno = saved_errno;
        return;
    }
    wait_for_record_in_progress();
    temporary_files::remove_registered();
    // Die of the signal itself, so the parent sees what happened (130 for Ctrl-C in a shell).
    ::signal(sig, SIG_DFL);
    sigset_t set;
    ::sigemptyset(&set);
    ::sigaddset(&set, sig);
    ::pthread_sigmask(SIG_UNBLOCK, &set, nullptr);
    ::raise(sig);
    errno = saved_errno;
}

void on_crash(int sig) {
    const Activity activity = t_activity;
    SignalSafeMessage message;
    // A worker process tells its parent what crashed, in one line the parent puts in the
    // document's error; the parent, not the worker, speaks to the user.
    const int report_fd = g_crash_report_fd.load();
    if (report_fd < 0) {
        message << "kpproc: fatal: ";
    }
    if (activity.plugin != nullptr) {
        message << "plugin " << activity.plugin << " crashed (" << signal_name(sig) << ")";
        if (activity.action != nullptr) {
            message << " while " << activity.action;
        }
    } else {
        message << "kpproc crashed (" << signal_name(sig) << ")";
    }
    if (activity.document != nullptr) {
        message << (activity.action != nullptr ? " " : " while processing ") << activity.document;
    }
    if (report_fd >= 0) {
        message.write_to(report_fd);
        ::_exit(kExitCrashed);
    }
    static_assert(kExitCrashed == 3, "the message below states the exit status");
    message << "\nkpproc: output already written is whole; unfinished files were removed; exit "
               "status 3\n";
    message.write_to(STDERR_FILENO);
    wait_for_record_in_progress();
    temporary_files::remove_registered();
    ::_exit(kExitCrashed);
}

void install(const int* signals, std::size_t count, void (*handler)(int)) {
    for (std::size_t i = 0; i < count; ++i) {
        struct sigaction action {};
        action.sa_handler = handler;
        ::sigemptyset(&action.sa_mask);
        // The alternate stack lets a stack overflow be reported; a second crash while reporting
        // takes the default action (SA_RESETHAND) instead of looping.
        action.sa_flags = SA_ONSTACK | (handler == on_crash ? SA_RESETHAND : SA_RESTART);
        ::sigaction(signals[i], &action, nullptr);
    }
}

// The alternate stack of one thread, released (after being switched off) when the thread ends.
struct AlternateStack {
    std::unique_ptr<char[]> memory;
    ~AlternateStack() {
        if (memory) {
            stack_t off{};
            off.ss_flags = SS_DISABLE;
            ::sigaltstack(&off, nullptr);
        }
    }
};

}  // namespace

void set_graceful_interrupts(bool on) noexcept {
    g_stderr_is_terminal.store(::isatty(STDERR_FILENO) != 0);
    g_graceful.store(on);
}

int interrupt_signal() noexcept {
    return g_interrupt_signal.load();
}

void prepare_thread_for_signals() {
    static thread_local AlternateStack stack;
    if (stack.memory) {
        return;
    }
    constexpr std::size_t kSize = 64 * 1024;
    stack.memory = std::make_unique<char[]>(kSize);
    stack_t alternate{};
    alternate.ss_sp = stack.memory.get();
    alternate.ss_size = kSize;
    if (::sigaltstack(&alternate, nullptr) != 0) {
        stack.memory.reset();
    }
}

void install_signal_handlers() {
    if (g_installed.exchange(true)) {
        return;
    }
    t_activity = Activity{};  // touch the thread's block before any handler can read it
    prepare_thread_for_signals();
    install(kInterruptSignals, std::size(kInterruptSignals), on_interrupt);
    install(kCrashSignals, std::size(kCrashSignals), on_crash);
}

void set_crash_report_fd(int fd) noexcept {
    g_crash_report_fd.store(fd);
}

namespace {

std::atomic<int> g_stop_exit_status{0};

// A worker's parent stops it (too slow, too big): say which plugin was at work, then go.
void on_stop_request(int) {
    const Activity activity = t_activity;
    const int report_fd = g_crash_report_fd.load();
    if (activity.plugin != nullptr && report_fd >= 0) {
        SignalSafeMessage message;
        message << "plugin " << activity.plugin;
        if (activity.action != nullptr) {
            message << " (" << activity.action << ")";
        }
        message.write_to(report_fd);
    }
    ::_exit(g_stop_exit_status.load());
}

}  // namespace

void report_activity_on(int sig, int exit_status) noexcept {
    g_stop_exit_status.store(exit_status);
    struct sigaction action {};
    action.sa_handler = on_stop_request;
    ::sigemptyset(&action.sa_mask);
    action.sa_flags = SA_ONSTACK;
    ::sigaction(sig, &action, nullptr);
}

ActivityScope::ActivityScope(const char* plugin_id, const char* action) noexcept
    : previous_plugin_(t_activity.plugin), previous_action_(t_activity.action) {
    t_activity.plugin = plugin_id;
    t_activity.action = action;
}

ActivityScope::~ActivityScope() {
    t_activity.plugin = previous_plugin_;
    t_activity.action = previous_action_;
}

DocumentScope::DocumentScope(const char* name) noexcept : previous_(t_activity.document) {
    t_activity.document = name;
}

DocumentScope::~DocumentScope() {
    t_activity.document = previous_;
}

bool write_whole_record(int fd, std::string_view record) noexcept {
    t_activity.writing_record = true;
    g_records_in_progress.fetch_add(1);
    bool ok = true;
    while (!record.empty()) {
        const ssize_t n = ::write(fd, record.data(), record.size());
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            ok = false;
            break;
        }
        record.remove_prefix(static_cast<std::size_t>(n));
    }
    const int saved_errno = errno;
    g_records_in_progress.fetch_sub(1);
    t_activity.writing_record = false;
    errno = saved_errno;
    return ok;
}

}  // namespace kpproc::framework

namespace kpproc::framework {

RecordStreamBuf::int_type RecordStreamBuf::overflow(int_type ch) {
    if (!traits_type::eq_int_type(ch, traits_type::eof())) {
        pending_.push_back(traits_type::to_char_type(ch));
    }
    return traits_type::not_eof(ch);
}

std::streamsize RecordStreamBuf::xsputn(const char* data, std::streamsize count) {
    pending_.append(data, static_cast<std::size_t>(count));
    return count;
}

int RecordStreamBuf::sync() {
    const bool ok = write_whole_record(fd_, pending_);
    pending_.clear();
    return ok ? 0 : -1;
}

}  // namespace kpproc::framework
