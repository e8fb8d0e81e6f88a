#include "kpproc/framework/isolation.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <new>
#include <optional>
#include <span>
#include <thread>
#include <utility>

#include "kpproc/error.hpp"
#include "kpproc/framework/batch.hpp"
#include "kpproc/framework/signals.hpp"

#include "document_codec.hpp"

extern char** environ;

#if defined(__SANITIZE_ADDRESS__)
#define KPPROC_UNDER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define KPPROC_UNDER_ASAN 1
#endif
#endif
#ifndef KPPROC_UNDER_ASAN
#define KPPROC_UNDER_ASAN 0
#endif

namespace kpproc::framework {

namespace {

using Clock = std::chrono::steady_clock;

// The child's channel (a socket, both ways) and crash-report pipe, at fixed numbers.
constexpr int kChildChannelFd = 3;
constexpr int kChildReportFd = 4;
// The status a worker exits with when it is stopped: by its parent (over the time or memory
// limit), or by itself when an allocation fails (over its address-space limit).
constexpr int kExitStopped = 4;
// How long a stopped worker has to say which plugin it was in before it is killed.
constexpr auto kStopGrace = std::chrono::milliseconds(100);
// Loading plugins takes milliseconds; a child that says nothing for this long is not a worker.
constexpr auto kStartupLimit = std::chrono::seconds(30);
// How often the parent looks at the child's memory while it waits. A plugin touching 64 MiB
// chunks gets a few chunks past the limit at most; the address-space limit stops the rest.
constexpr auto kMemoryPollInterval = std::chrono::milliseconds(20);
// How long the rest of a reply begun by the time limit may take to arrive.
constexpr auto kReplyGrace = std::chrono::seconds(10);
// How long an idle child may take to exit after its channel closes, before it is killed.
constexpr auto kExitGrace = std::chrono::milliseconds(1000);

// ---- Frames: a 16-byte header (type, length), then fields each prefixed by its length --------

enum class FrameType : std::uint32_t {
    hello = 'H',     // child: ready for documents
    refusal = 'S',   // child: cannot work (code, message); it exits
    request = 'Q',   // parent: path, identity, sha256 (or empty), bytes
    document = 'D',  // child: the Document (document_codec.hpp)
    failure = 'F',   // child: the document failed (code, message)
};

struct FrameHeader {
    std::uint32_t type;
    std::uint32_t reserved;
    std::uint64_t length;  // of the payload after the header
};
static_assert(sizeof(FrameHeader) == 16);

// Buffers kept from one document to the next save an allocation, and the faulting-in of its
// pages, per document; one that a rare huge document made large is given back, not kept.
constexpr std::size_t kLargestKeptBuffer = 8u << 20;

void release_if_large(std::string& buffer) {
    if (buffer.capacity() > kLargestKeptBuffer) {
        std::string().swap(buffer);
    }
}

// A frame as received: a view into the receiving FrameBuffer, valid until it next takes bytes.
struct Frame {
    FrameType type{};
    std::string_view payload;
};

// The parent's receiving buffer for one child, kept for the child's life: replies are read
// straight into it and decoded where they lie, so that a reply of megabytes is neither copied
// out of a bounce buffer nor allocated (and its pages faulted in) anew for every document.
class FrameBuffer {
public:
    // Room for at least `wanted` more bytes after what is held, moving the held bytes to the
    // front first (which ends the views of frames taken before).
    std::span<char> room(std::size_t wanted) {
        if (begin_ == end_ && capacity_ > kLargestKeptBuffer) {
            storage_.reset();  // what a rare huge reply made large is given back
            capacity_ = begin_ = end_ = 0;
        }
        if (begin_ > 0) {
            std::memmove(storage_.get(), storage_.get() + begin_, end_ - begin_);
            end_ -= begin_;
            begin_ = 0;
        }
        if (capacity_ - end_ < wanted) {
            grow(end_ + wanted);
        }
        return {storage_.get() + end_, capacity_ - end_};
    }
    void filled(std::size_t n) { end_ += n; }
    std::string_view held() const { return {storage_.get() + begin_, end_ - begin_}; }
    // Marks the first `n` held bytes as taken; their view stays valid until room() is called.
    void take(std::size_t n) { begin_ += n; }

private:
    void grow(std::size_t needed) {
        const std::size_t capacity = std::max(needed, 2 * capacity_);
        auto bigger = std::make_unique_for_overwrite<char[]>(capacity);  // no zeroing: overwritten
        if (end_ > 0) {
            std::memcpy(bigger.get(), storage_.get(), end_);
        }
        storage_ = std::move(bigger);
        capacity_ = capacity;
    }

    std::unique_ptr<char[]> storage_;
    std::size_t capacity_ = 0;
    std::size_t begin_ = 0;
    std::size_t end_ = 0;
};

void append_raw(std::string& out, const void* data, std::size_t size) {
    out.append(static_cast<const char*>(data), size);
}

void append_field(std::string& out, std::string_view field) {
    const std::uint64_t n = field.size();
    append_raw(out, &n, sizeof n);
    out.append(field);
}

std::string frame_header(FrameType type, std::uint64_t payload_length) {
    const FrameHeader header{static_cast<std::uint32_t>(type), 0, payload_length};
    std::string out;
    append_raw(out, &header, sizeof header);
    return out;
}

std::string make_frame(FrameType type, std::initializer_list<std::string_view> fields) {
    std::string payload;
    for (const auto field : fields) {
        append_field(payload, field);
    }
    return frame_header(type, payload.size()) + payload;
}

// Reads the fields of a payload in order; a payload that ends early is a protocol error.
class FieldReader {
public:
    explicit FieldReader(std::string_view payload) : rest_(payload) {}
    std::string_view next() {
        std::uint64_t n = 0;
        if (rest_.size() < sizeof n) {
            throw Error("worker-failed", "the worker process sent a malformed message");
        }
        std::memcpy(&n, rest_.data(), sizeof n);
        rest_.remove_prefix(sizeof n);
        if (rest_.size() < n) {
            throw Error("worker-failed", "the worker process sent a malformed message");
        }
        const std::string_view field = rest_.substr(0, n);
        rest_.remove_prefix(n);
        return field;
    }

private:
    std::string_view rest_;
};

// A header the parent can receive: a reply type, and a length that is no garbage (a plugin
// writing to the channel's descriptor must not make the parent reserve terabytes).
bool known_reply(const FrameHeader& header) {
    constexpr std::uint64_t kMaxReply = 1ull << 40;
    switch (static_cast<FrameType>(header.type)) {
        case FrameType::hello:
        case FrameType::refusal:
        case FrameType::document:
        case FrameType::failure:
            return header.reserved == 0 && header.length <= kMaxReply;
        case FrameType::request:
            break;
    }
    return false;
}

// Takes one whole frame off the front of `buffer`, if it holds one; otherwise makes room
// for the rest of the frame begun, so that a large reply is read into one allocation.
bool take_frame(FrameBuffer& buffer, Frame& frame) {
    const std::string_view held = buffer.held();
    FrameHeader header{};
    if (held.size() < sizeof header) {
        return false;
    }
    std::memcpy(&header, held.data(), sizeof header);
    if (!known_reply(header)) {
        throw Error("worker-failed", "the worker process sent a malformed message");
    }
    const std::size_t size = sizeof header + header.length;
    if (held.size() < size) {
        (void)buffer.room(size - held.size());
        return false;
    }
    frame.type = static_cast<FrameType>(header.type);
    frame.payload = held.substr(sizeof header, header.length);
    buffer.take(size);
    return true;
}

// Sends `parts` one after the other, as many as the socket takes in one call. Gathered, so that
// a frame's head and body reach the peer together: sent apart, the first wakes a peer that
// then only waits for the second, two context switches more per document. `flags` as send()'s;
// -1 with errno on failure; a pipe (not a socket) is written with writev().
ssize_t send_parts(int fd, std::span<const std::string_view> parts, std::size_t skip, int flags) {
    std::array<iovec, 4> vectors{};
    std::size_t count = 0;
    for (const auto part : parts) {
        if (skip >= part.size()) {
            skip -= part.size();
            continue;
        }
        vectors.at(count++) = iovec{const_cast<char*>(part.data()) + skip, part.size() - skip};
        skip = 0;
    }
    msghdr message{};
    message.msg_iov = vectors.data();
    message.msg_iovlen = count;
    const ssize_t n = ::sendmsg(fd, &message, flags | MSG_NOSIGNAL);
    if (n < 0 && errno == ENOTSOCK) {
        return ::writev(fd, vectors.data(), static_cast<int>(count));
    }
    return n;
}

std::size_t total_size(std::span<const std::string_view> parts) {
    std::size_t total = 0;
    for (const auto part : parts) {
        total += part.size();
    }
    return total;
}

// Writes everything, never raising SIGPIPE: kpproc treats SIGPIPE as an interrupt, and a dead
// peer must only fail the write. (send() for the socketpair; write() if given a pipe.)
bool write_all(int fd, std::initializer_list<std::string_view> parts) {
    const std::span<const std::string_view> all(parts.begin(), parts.size());
    const std::size_t total = total_size(all);
    std::size_t sent = 0;
    while (sent < total) {
        const ssize_t n = send_parts(fd, all, sent, 0);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            return false;
        }
        sent += static_cast<std::size_t>(n);
    }
    return true;
}

bool write_all(int fd, std::string_view data) {
    return write_all(fd, {data});
}

// Reads exactly `size` bytes. False at end of input or on an error.
bool read_exact(int fd, char* data, std::size_t size) {
    while (size > 0) {
        const ssize_t n = ::read(fd, data, size);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            return false;
        }
        data += n;
        size -= static_cast<std::size_t>(n);
    }
    return true;
}

std::string errno_text(int error) {
    return std::strerror(error);
}

}  // namespace

// ---- The child side -------------------------------------------------------------------------

namespace {

// Ends the child as soon as its parent's end of the channel closes, even while a plugin spins:
// a parent that was interrupted or killed must not leave a worker running on its own.
void start_orphan_guard(int channel_fd) {
    std::thread([channel_fd] {
        sigset_t all;
        ::sigfillset(&all);
        ::pthread_sigmask(SIG_BLOCK, &all, nullptr);  // signals are for the main thread
        pollfd p{channel_fd, POLLRDHUP, 0};
        while (::poll(&p, 1, -1) < 0 && errno == EINTR) {
        }
        if ((p.revents & (POLLRDHUP | POLLHUP | POLLERR | POLLNVAL)) != 0) {
            ::_exit(0);
        }
    }).detach();
}

// One request, read into `storage` (kept from one request to the next, so that its memory is
// reused); nullopt when the parent closed the channel between documents.
std::optional<Frame> read_frame(int fd, std::string& storage) {
    FrameHeader header{};
    if (!read_exact(fd, reinterpret_cast<char*>(&header), sizeof header)) {
        return std::nullopt;
    }
    storage.resize(header.length);
    if (!read_exact(fd, storage.data(), storage.size())) {
        return std::nullopt;
    }
    return Frame{static_cast<FrameType>(header.type), storage};
}

// Runs one document and sends the reply. Every exception becomes a failure with the code the
// batch runner would report for it in-process. False if the parent has gone.
bool answer_request(DocumentWorker& worker, const Frame& request, std::string& encoded,
                    int out_fd) {
    FieldReader fields(request.payload);
    const std::string path(fields.next());
    const std::string_view identity = fields.next();
    const std::string_view sha256 = fields.next();  // hashed by the parent already, or empty
    const std::string_view bytes = fields.next();
    const DocumentScope document(path.c_str());  // named by the crash report
    encoded.clear();
    try {
        codec::encode(worker.run(path, bytes, identity, sha256), encoded);
    } catch (const Error& e) {
        return write_all(out_fd, make_frame(FrameType::failure, {e.code(), e.what()}));
    } catch (const std::exception& e) {
        return write_all(out_fd, make_frame(FrameType::failure, {"error", e.what()}));
    }
    // The header and the document go separately: no copy of a large one into one buffer.
    std::string head = frame_header(FrameType::document, sizeof(std::uint64_t) + encoded.size());
    const std::uint64_t n = encoded.size();
    append_raw(head, &n, sizeof n);
    return write_all(out_fd, {head, encoded});
}

}  // namespace

int refuse_isolated_work(const std::exception& why, int out_fd) {
    const auto* err = dynamic_cast<const Error*>(&why);
    const std::string code = err != nullptr ? err->code() : "worker-failed";
    return write_all(out_fd, make_frame(FrameType::refusal, {code, why.what()})) ? 2 : 1;
}

int serve_isolated_worker(const Pipeline& pipeline, int in_fd, int out_fd) {
    start_orphan_guard(in_fd);
    std::unique_ptr<DocumentWorker> worker;
    try {
        worker = pipeline.make_worker();
    } catch (const std::exception& e) {
        return refuse_isolated_work(e, out_fd);
    }
    if (!write_all(out_fd, make_frame(FrameType::hello, {}))) {
        return 1;
    }
    std::string request_bytes;  // both kept from one document to the next
    std::string encoded;
    while (const auto request = read_frame(in_fd, request_bytes)) {
        if (request->type != FrameType::request) {
            return 1;
        }
        try {
            if (!answer_request(*worker, *request, encoded, out_fd)) {
                return 1;
            }
        } catch (const Error&) {
            return 1;  // a malformed request: this is no parent to work for
        }
        release_if_large(request_bytes);
        release_if_large(encoded);
    }
    return 0;
}

namespace {

// The signal a parent stops its worker with; a real-time one, which no plugin is likely to use.
int stop_signal() {
    return SIGRTMIN + 1;
}

// An allocation failed: stop as the parent would have, saying which plugin was at work.
[[noreturn]] void out_of_memory() {
    ::raise(stop_signal());
    ::_exit(kExitStopped);  // not reached: the handler exits
}

std::uint64_t current_address_space() {
    std::ifstream statm("/proc/self/statm");
    std::uint64_t pages = 0;
    statm >> pages;
    return pages * static_cast<std::uint64_t>(::sysconf(_SC_PAGESIZE));
}

}  // namespace

void prepare_worker_process(int report_fd) {
    set_crash_report_fd(report_fd);
    report_activity_on(stop_signal(), kExitStopped);
}

void limit_worker_memory(std::uint64_t max_memory) {
    if (KPPROC_UNDER_ASAN || max_memory == 0) {
        return;
    }
    std::set_new_handler(out_of_memory);
    // The resident size, which the parent polls, is the real limit. This one is a backstop for
    // an allocation faster than the polling, so it is generous: what the loaded worker maps
    // already (libraries, plugins), plus twice the limit for address space that is reserved
    // but never touched (malloc arenas, thread stacks).
    constexpr std::uint64_t kThreadRoom = 64ull << 20;
    const rlim_t limit = current_address_space() + kThreadRoom + 2 * max_memory;
    rlimit r{limit, limit};
    (void)::setrlimit(RLIMIT_AS, &r);
}

}  // namespace kpproc::framework

// ---- The parent side ------------------------------------------------------------------------

namespace kpproc::framework {

namespace {

// A file descriptor, closed with its owner.
class Fd {
public:
    Fd() = default;
    explicit Fd(int fd) : fd_(fd) {}
    Fd(Fd&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}
    Fd& operator=(Fd&& other) noexcept {
        reset(std::exchange(other.fd_, -1));
        return *this;
    }
    ~Fd() { reset(); }
    int get() const { return fd_; }
    void reset(int fd = -1) {
        if (fd_ >= 0) {
            ::close(fd_);
        }
        fd_ = fd;
    }

private:
    int fd_ = -1;
};

[[noreturn]] void throw_setup_failure(const char* what) {
    throw Error("worker-failed",
                std::string("cannot ") + what + " for the worker process: " + errno_text(errno));
}

// Moves a descriptor to 10 or above (close-on-exec), so that the child's dup2 onto 3 and 4 can
// neither overwrite the other's source nor be a no-op that leaves close-on-exec set.
Fd moved_high(Fd fd) {
    const int high = ::fcntl(fd.get(), F_DUPFD_CLOEXEC, 10);
    if (high < 0) {
        throw_setup_failure("move a descriptor");
    }
    return Fd(high);
}

void set_nonblocking(int fd) {
    (void)::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK);
}

std::string describe_command(const std::vector<std::string>& command) {
    std::string out;
    for (const auto& word : command) {
        out += (out.empty() ? "" : " ") + word;
    }
    return out;
}

std::vector<std::string> worker_argv(const IsolationSettings& settings) {
    if (settings.worker_command.empty()) {
        throw Error("worker-failed",
                    "no worker command is set (IsolationSettings::worker_command)");
    }
    std::vector<std::string> argv = settings.worker_command;
    argv.insert(argv.end(), {"--chain", settings.chain});
    for (const auto& dir : settings.plugin_directories) {
        argv.insert(argv.end(), {"--plugin-path", dir.string()});
    }
    argv.insert(argv.end(), {"--channel-fd", std::to_string(kChildChannelFd), "--report-fd",
                             std::to_string(kChildReportFd)});
    if (settings.max_memory > 0) {
        argv.insert(argv.end(), {"--max-memory", std::to_string(settings.max_memory)});
    }
    argv.insert(argv.end(), {"--check", settings.check_invariants ? "yes" : "no"});
    return argv;
}

// posix_spawn's instructions for a worker: standard input from /dev/null (the parent may be
// reading its own), standard output onto standard error (a plugin printing cannot corrupt the
// channel), the channel and report pipe at fixed numbers, nothing else inherited; its own
// process group (a Ctrl-C at the terminal is the parent's to handle), default signal handling.
class SpawnSetup {
public:
    SpawnSetup(int channel, int report) {
        ::posix_spawn_file_actions_init(&actions);
        ::posix_spawnattr_init(&attributes);
        ::posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
        ::posix_spawn_file_actions_adddup2(&actions, STDERR_FILENO, STDOUT_FILENO);
        ::posix_spawn_file_actions_adddup2(&actions, channel, kChildChannelFd);
        ::posix_spawn_file_actions_adddup2(&actions, report, kChildReportFd);
#if defined(__GLIBC__)
#if __GLIBC_PREREQ(2, 34)
        // Descriptors other threads opened without close-on-exec (an exporter's output file)
        // must not live on in a long-lived worker.
        ::posix_spawn_file_actions_addclosefrom_np(&actions, kChildReportFd + 1);
#endif
#endif
        sigset_t none;
        ::sigemptyset(&none);
        sigset_t defaults;
        ::sigemptyset(&defaults);
        for (const int sig : {SIGINT, SIGTERM, SIGHUP, SIGPIPE, SIGCHLD}) {
            ::sigaddset(&defaults, sig);
        }
        ::posix_spawnattr_setsigmask(&attributes, &none);
        ::posix_spawnattr_setsigdefault(&attributes, &defaults);
        ::posix_spawnattr_setpgroup(&attributes, 0);
        ::posix_spawnattr_setflags(
            &attributes, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
    }
    ~SpawnSetup() {
        ::posix_spawnattr_destroy(&attributes);
        ::posix_spawn_file_actions_destroy(&actions);
    }
    SpawnSetup(const SpawnSetup&) = delete;
    SpawnSetup& operator=(const SpawnSetup&) = delete;

    posix_spawn_file_actions_t actions;
    posix_spawnattr_t attributes;
};

// How a child ended: its wait status (-1 if it cannot be had: SIGCHLD ignored, or reaped by
// someone else), and whether it had to be killed for not ending by itself in time.
struct Ended {
    int status = -1;
    bool killed = false;
};

// Waits for the child to end, killing it if it has not within `grace`.
Ended reap(pid_t pid, Clock::duration grace) {
    const auto until = Clock::now() + grace;
    int status = 0;
    for (;;) {
        const pid_t r = ::waitpid(pid, &status, WNOHANG);
        if (r == pid) {
            return {status, false};
        }
        if (r < 0 && errno != EINTR) {
            return {};
        }
        if (Clock::now() >= until) {
            break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    ::kill(pid, SIGKILL);
    while (::waitpid(pid, &status, 0) < 0) {
        if (errno != EINTR) {
            return {-1, true};
        }
    }
    return {status, true};
}

// Whatever the crash handler managed to write before the child died (non-blocking: the write
// end may live on in a process the plugin started).
std::string read_report(int fd) {
    std::string out;
    char chunk[4096];
    for (;;) {
        const ssize_t n = ::read(fd, chunk, sizeof chunk);
        if (n > 0) {
            out.append(chunk, static_cast<std::size_t>(n));
        } else if (!(n < 0 && errno == EINTR)) {
            break;
        }
    }
    while (!out.empty() && (out.back() == '\n' || out.back() == '\r')) {
        out.pop_back();
    }
    return out;
}

std::uint64_t resident_bytes(pid_t pid) {
    std::ifstream statm("/proc/" + std::to_string(pid) + "/statm");
    std::uint64_t size = 0;
    std::uint64_t resident = 0;
    statm >> size >> resident;
    return resident * static_cast<std::uint64_t>(::sysconf(_SC_PAGESIZE));
}

// "5 s", "1.5 s", "0.25 s": the timeout as the user gave it.
std::string describe_duration(std::chrono::milliseconds d) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.10g s", static_cast<double>(d.count()) / 1000.0);
    return buf;
}

std::string describe_signal(int sig) {
    const char* abbreviation = ::sigabbrev_np(sig);
    return (abbreviation != nullptr ? std::string("SIG") + abbreviation
                                    : "signal " + std::to_string(sig)) +
           ", " + ::strsignal(sig);
}

// What happened to a worker that ended without a reply.
std::string describe_end(const Ended& ended) {
    if (ended.killed) {
        return "closed its channel without exiting (it was killed)";
    }
    if (ended.status == -1) {
        return "ended";
    }
    if (WIFSIGNALED(ended.status)) {
        const int sig = WTERMSIG(ended.status);
        return "was killed by " + describe_signal(sig) +
               (sig == SIGKILL ? " (the system may have run out of memory)" : "");
    }
    return "exited with status " + std::to_string(WEXITSTATUS(ended.status));
}

// " in plugin P (processing)" when the worker could tell where it was, else "".
std::string in_plugin(const std::string& where) {
    return where.empty() ? where : " in " + where;
}

Error memory_limit_error(std::uint64_t max_memory, const std::string& where) {
    return Error("memory-limit", "used more than " + describe_size(max_memory) + " (--max-memory)" +
                                     in_plugin(where) + "; the worker was stopped");
}

Error timeout_error(std::chrono::milliseconds timeout, const std::string& where) {
    return Error("timeout", "took longer than " + describe_duration(timeout) + " (--timeout)" +
                                in_plugin(where) + "; the worker was stopped");
}

// Bytes queued for the child: a small owned head (frame header, fields) and the document's
// bytes, sent as they are rather than copied into one buffer.
struct Outgoing {
    std::string head;
    std::string_view tail;
    std::size_t sent = 0;
    bool done() const { return sent == head.size() + tail.size(); }
};

Outgoing request_to(std::string_view path, std::string_view identity, std::string_view sha256,
                    std::string_view bytes) {
    std::string fields;
    append_field(fields, path);
    append_field(fields, identity);
    append_field(fields, sha256);
    const std::uint64_t n = bytes.size();
    append_raw(fields, &n, sizeof n);
    return Outgoing{frame_header(FrameType::request, fields.size() + bytes.size()) + fields, bytes};
}

// Sends what the socket takes now. False when the child has gone (its last words may still
// be waiting to be read).
bool send_some(int fd, Outgoing& out) {
    const std::array<std::string_view, 2> parts{out.head, out.tail};
    while (!out.done()) {
        const ssize_t n = send_parts(fd, parts, out.sent, MSG_DONTWAIT);
        if (n > 0) {
            out.sent += static_cast<std::size_t>(n);
        } else if (!(n < 0 && errno == EINTR)) {
            return n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK);
        }
    }
    return true;
}

// Reads what has arrived. False at the end of the stream: the child closed it or died.
bool receive_some(int fd, FrameBuffer& buffer) {
    constexpr std::size_t kLeastRoom = 64 * 1024;
    for (;;) {
        const std::span<char> room = buffer.room(kLeastRoom);
        const ssize_t n = ::recv(fd, room.data(), room.size(), MSG_DONTWAIT);
        if (n > 0) {
            buffer.filled(static_cast<std::size_t>(n));
        } else if (!(n < 0 && errno == EINTR)) {
            return n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK);
        }
    }
}

enum class Wait { frame, closed, timed_out, over_memory };

}  // namespace

struct IsolatedWorker::Child {
    pid_t pid = -1;
    Fd channel;            // the parent's end of the socket, non-blocking
    Fd report;             // the read end of the crash-report pipe, non-blocking
    FrameBuffer received;  // read, and not yet taken as a frame
};

namespace {

// A document and its reply pass in one send each, rather than a socket buffer's worth at a
// time with a context switch between (a Unix socket's default, about 200 KB, is less than a
// large document's reply). The kernel caps the size at net.core.wmem_max; a refusal is harmless.
void widen_send_buffer(int fd) {
    constexpr int kSendBuffer = 2 << 20;
    (void)::setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &kSendBuffer, sizeof kSendBuffer);
}

std::unique_ptr<IsolatedWorker::Child> spawn_child(const IsolationSettings& settings) {
    const std::vector<std::string> argv = worker_argv(settings);
    int sockets[2];
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sockets) != 0) {
        throw_setup_failure("make a socket");
    }
    Fd parent_channel(sockets[0]);
    Fd child_channel = moved_high(Fd(sockets[1]));
    widen_send_buffer(parent_channel.get());
    widen_send_buffer(child_channel.get());
    int pipe_ends[2];
    if (::pipe2(pipe_ends, O_CLOEXEC) != 0) {
        throw_setup_failure("make a pipe");
    }
    Fd parent_report(pipe_ends[0]);
    Fd child_report = moved_high(Fd(pipe_ends[1]));

    std::vector<char*> raw;
    for (const auto& word : argv) {
        raw.push_back(const_cast<char*>(word.c_str()));
    }
    raw.push_back(nullptr);
    const SpawnSetup setup(child_channel.get(), child_report.get());
    auto child = std::make_unique<IsolatedWorker::Child>();
    const int error =
        ::posix_spawnp(&child->pid, raw[0], &setup.actions, &setup.attributes, raw.data(), environ);
    if (error != 0) {
        throw Error("worker-failed", "cannot start the worker process '" +
                                         describe_command(settings.worker_command) +
                                         "': " + errno_text(error));
    }
    set_nonblocking(parent_channel.get());
    set_nonblocking(parent_report.get());
    child->channel = std::move(parent_channel);
    child->report = std::move(parent_report);
    return child;
}

}  // namespace

namespace {

// Sends `out` (if any) and waits for the child's next frame, for the end of its stream, for the
// deadline, or for its memory to go over `max_memory`, whichever comes first.
Wait pump(IsolatedWorker::Child& child, Outgoing* out, std::optional<Clock::time_point> deadline,
          std::uint64_t max_memory, Frame& frame) {
    auto next_memory_check = Clock::now();
    bool open = true;
    bool read_at_deadline = false;
    bool reply_begun = false;
    for (;;) {
        if (take_frame(child.received, frame)) {
            return Wait::frame;
        }
        if (!open) {
            return Wait::closed;
        }
        const auto now = Clock::now();
        if (max_memory > 0 && now >= next_memory_check) {
            if (resident_bytes(child.pid) > max_memory) {
                return Wait::over_memory;
            }
            next_memory_check = now + kMemoryPollInterval;
        }
        if (deadline && now >= *deadline) {
            // The caller may come late (it sent the document, then wrote another): a reply
            // that arrived meanwhile is read before the document is called late.
            if (!read_at_deadline) {
                read_at_deadline = true;
                open = receive_some(child.channel.get(), child.received);
                continue;
            }
            // A reply begun is a document done, whose bytes are still on their way (a large
            // one waits for room in the socket while the caller is busy): it gets a while
            // more to arrive whole, not for ever, lest a partial reply hang the batch.
            if (!reply_begun && !child.received.held().empty()) {
                reply_begun = true;
                deadline = now + kReplyGrace;
                continue;
            }
            return Wait::timed_out;
        }
        std::optional<Clock::time_point> wake = deadline;
        if (max_memory > 0) {
            wake = wake ? std::min(*wake, next_memory_check) : next_memory_check;
        }
        // poll() takes an int of milliseconds; a long timeout is waited for a minute at a time.
        const auto wait = wake ? std::chrono::ceil<std::chrono::milliseconds>(*wake - now)
                               : std::chrono::milliseconds(-1);
        const int wait_ms = static_cast<int>(std::min<std::int64_t>(wait.count(), 60'000));
        pollfd p{child.channel.get(), POLLIN, 0};
        if (out != nullptr && !out->done()) {
            p.events |= POLLOUT;
        }
        if (::poll(&p, 1, wait_ms) < 0) {
            if (errno == EINTR) {
                continue;
            }
            throw Error("worker-failed",
                        "cannot wait for the worker process: " + errno_text(errno));
        }
        if ((p.revents & POLLOUT) != 0 && !send_some(child.channel.get(), *out)) {
            out = nullptr;  // the child is gone; read what it said before it went
        }
        if ((p.revents & (POLLIN | POLLHUP | POLLERR)) != 0) {
            open = receive_some(child.channel.get(), child.received);
        }
    }
}

// A reply that is a plugin's error, as the child caught it. (The fields are read before
// anything is thrown, so a malformed reply is told apart from the plugin's error.)
std::optional<Error> plugin_error(const Frame& reply) {
    if (reply.type != FrameType::failure) {
        return std::nullopt;
    }
    FieldReader fields(reply.payload);
    const std::string code(fields.next());
    return Error(code, std::string(fields.next()));
}

// Ends a child at once, whatever it is doing.
void kill_now(std::unique_ptr<IsolatedWorker::Child>& child) {
    if (child) {
        ::kill(child->pid, SIGKILL);
        (void)reap(child->pid, Clock::duration::zero());
        child.reset();
    }
}

// Stops a busy child, asking it first which plugin it is in (its main thread runs them), and
// returns that ("plugin P (processing)"), or "" if it could not tell in time.
std::string stop_asking_where(std::unique_ptr<IsolatedWorker::Child>& child) {
    ::syscall(SYS_tgkill, child->pid, child->pid, stop_signal());
    (void)reap(child->pid, kStopGrace);
    std::string where = read_report(child->report.get());
    child.reset();
    return where;
}

// pump(), but a failure of the parent's own (poll, a malformed reply, no memory for one) ends
// the child, whose state is then unknown, and is reported as kpproc::Error like the others.
Wait pump_or_kill(std::unique_ptr<IsolatedWorker::Child>& child, Outgoing* out,
                  std::optional<Clock::time_point> deadline, std::uint64_t max_memory,
                  Frame& frame) {
    try {
        return pump(*child, out, deadline, max_memory, frame);
    } catch (const Error&) {
        kill_now(child);
        throw;
    } catch (const std::exception& e) {
        kill_now(child);
        throw Error("worker-failed", std::string("lost the worker process: ") + e.what());
    }
}

// The Document a reply holds, or the error it reports. A reply that breaks the protocol ends
// the child, which is not trusted with another document.
Document document_from(const Frame& reply, std::unique_ptr<IsolatedWorker::Child>& child) {
    std::optional<Error> error;
    try {
        error = plugin_error(reply);
        if (!error && reply.type == FrameType::document) {
            return codec::decode(FieldReader(reply.payload).next());
        }
    } catch (const std::exception& e) {
        kill_now(child);
        throw Error("worker-failed", std::string("cannot read the worker's reply: ") + e.what());
    }
    if (error) {
        throw *error;  // the child stays: an exception leaves it as sound as in-process
    }
    kill_now(child);
    throw Error("worker-failed", "the worker process sent an unexpected message");
}

}  // namespace

std::vector<std::string> default_worker_command() {
    return {"/proc/self/exe", "worker"};
}

IsolatedWorker::IsolatedWorker(IsolationSettings settings) : settings_(std::move(settings)) {}

pid_t IsolatedWorker::child_pid() const {
    return child_ ? child_->pid : -1;
}

void IsolatedWorker::stop_child() {
    if (!child_) {
        return;
    }
    child_->channel.reset();  // an idle worker exits when it sees its channel close
    (void)reap(child_->pid, kExitGrace);
    child_.reset();
}

void IsolatedWorker::kill_child() {
    kill_now(child_);
}

void IsolatedWorker::fail_after_death(std::string_view path) {
    const Ended ended = reap(child_->pid, kExitGrace);
    const std::string report = read_report(child_->report.get());
    child_.reset();
    if (settings_.max_memory > 0 && !ended.killed && ended.status != -1 &&
        WIFEXITED(ended.status) && WEXITSTATUS(ended.status) == kExitStopped) {
        throw memory_limit_error(settings_.max_memory, report);  // an allocation failed
    }
    if (!report.empty()) {
        throw Error("plugin-crashed", report);  // the crash handler named plugin and activity
    }
    throw Error("plugin-crashed", "the worker process " + describe_end(ended) +
                                      " while processing " + std::string(path));
}

IsolatedWorker::Child& IsolatedWorker::ensure_child() {
    if (child_) {
        return *child_;
    }
    child_ = spawn_child(settings_);
    ++spawns_;
    const std::string command = describe_command(settings_.worker_command);
    Frame hello;
    switch (
        pump_or_kill(child_, nullptr, Clock::now() + kStartupLimit, settings_.max_memory, hello)) {
        case Wait::frame:
            break;
        case Wait::closed: {
            const Ended ended = reap(child_->pid, kExitGrace);
            child_.reset();
            throw Error("worker-failed", "the worker process '" + command + "' " +
                                             describe_end(ended) +
                                             " before it was ready; is it a kpproc worker?");
        }
        case Wait::timed_out:
            kill_child();
            throw Error("worker-failed",
                        "the worker process '" + command + "' did not become ready within 30 s");
        case Wait::over_memory:
            kill_child();
            throw memory_limit_error(settings_.max_memory, {});
    }
    if (hello.type == FrameType::hello) {
        return *child_;
    }
    const std::string said(hello.payload);  // the frame's bytes go with the child
    stop_child();
    if (hello.type != FrameType::refusal) {
        throw Error("worker-failed", "the worker process '" + command +
                                         "' sent an unexpected message; is it a kpproc worker?");
    }
    FieldReader fields(said);
    const std::string code(fields.next());
    throw Error(code, "the worker process cannot start: " + std::string(fields.next()));
}

// A document sent to the worker process and not yet received back.
struct IsolatedWorker::Pending {
    std::string path;
    Outgoing request;  // what the socket has not taken yet goes out while receive() waits
    std::optional<Clock::time_point> deadline;
};

IsolatedWorker::~IsolatedWorker() {
    stop_child();  // a document still in the worker's hands goes with it
}

void IsolatedWorker::send(std::string_view path, std::string_view bytes, std::string_view identity,
                          std::string_view sha256) {
    if (pending_) {
        throw std::logic_error("IsolatedWorker::send: the last document was not received");
    }
    (void)ensure_child();
    auto pending = std::make_unique<Pending>();
    pending->path = path;
    pending->request = request_to(path, identity, sha256, bytes);
    if (settings_.timeout.count() > 0) {
        pending->deadline = Clock::now() + settings_.timeout;
    }
    // As much as the socket takes now, so that the worker can start; a child already gone is
    // found out by receive(), which then reads what it said before it went.
    (void)send_some(child_->channel.get(), pending->request);
    pending_ = std::move(pending);
}

Document IsolatedWorker::receive() {
    if (!pending_) {
        throw std::logic_error("IsolatedWorker::receive: no document was sent");
    }
    const std::unique_ptr<Pending> pending = std::move(pending_);
    Frame reply;
    switch (
        pump_or_kill(child_, &pending->request, pending->deadline, settings_.max_memory, reply)) {
        case Wait::frame:
            break;
        case Wait::closed:
            fail_after_death(pending->path);
        case Wait::timed_out:
            throw timeout_error(settings_.timeout, stop_asking_where(child_));
        case Wait::over_memory:
            throw memory_limit_error(settings_.max_memory, stop_asking_where(child_));
    }
    return document_from(reply, child_);
}

Document IsolatedWorker::run(std::string_view path, std::string_view bytes,
                             std::string_view identity, std::string_view sha256) {
    send(path, bytes, identity, sha256);
    return receive();
}

}  // namespace kpproc::framework
