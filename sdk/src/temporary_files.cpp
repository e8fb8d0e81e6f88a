#include "kpproc/temporary_files.hpp"

#include <limits.h>
#include <signal.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <mutex>
#include <random>
#include <set>

namespace fs = std::filesystem;

namespace kpproc::temporary_files {

namespace {

// A fixed table, because a signal handler may neither allocate nor take a lock. A slot is
// claimed (free -> filling), written, then published (filling -> live); the handler reads only
// live slots. 256 slots cover every file one batch has open at once (a csv export has eight).
enum SlotState : int { kFree = 0, kFilling = 1, kLive = 2 };
// Every member initialised, so that the table is constant-initialised: all zeros, in memory the
// kernel hands out zeroed on first touch. With `path` left uninitialised the compiler set each
// slot's state at start-up, touching 256 pages (1 MiB) in every kpproc process.
struct Slot {
    std::atomic<int> state{kFree};
    char path[PATH_MAX]{};
};
constexpr std::size_t kSlots = 256;
constinit std::array<Slot, kSlots> g_slots{};
static_assert(std::atomic<int>::is_always_lock_free, "the signal handler reads these atomics");

std::string random_suffix() {
    static thread_local std::mt19937_64 random{std::random_device{}()};
    static constexpr char kAlphabet[] = "abcdefghijklmnopqrstuvwxyz0123456789";
    std::string out;
    for (int i = 0; i < 8; ++i) {
        out += kAlphabet[random() % (sizeof kAlphabet - 1)];
    }
    return out;
}

bool process_has_ended(long pid) {
    return ::kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH;
}

}  // namespace

fs::path name_for(const fs::path& final_path) {
    const fs::path dir =
        final_path.parent_path().empty() ? fs::path(".") : final_path.parent_path();
    std::string name = ".";
    name += final_path.filename().string();
    name += kMarker;
    name += std::to_string(::getpid());
    name += '.';
    name += random_suffix();
    return dir / name;
}

bool add(const fs::path& path) noexcept {
    std::error_code ec;
    const fs::path absolute = fs::absolute(path, ec);
    const std::string& text = ec ? path.native() : absolute.native();
    if (text.size() >= PATH_MAX) {
        return false;
    }
    for (auto& slot : g_slots) {
        int expected = kFree;
        if (slot.state.compare_exchange_strong(expected, kFilling)) {
            std::memcpy(slot.path, text.c_str(), text.size() + 1);
            slot.state.store(kLive);
            return true;
        }
    }
    return false;
}

void forget(const fs::path& path) noexcept {
    std::error_code ec;
    const fs::path absolute = fs::absolute(path, ec);
    const std::string& text = ec ? path.native() : absolute.native();
    for (auto& slot : g_slots) {
        if (slot.state.load() == kLive && text == slot.path) {
            slot.state.store(kFree);
            return;
        }
    }
}

void remove_registered() noexcept {
    for (auto& slot : g_slots) {
        if (slot.state.load() == kLive) {
            ::unlink(slot.path);
        }
    }
}

long owner_pid(std::string_view file_name) {
    if (file_name.empty() || file_name.front() != '.') {
        return 0;
    }
    const auto marker = file_name.rfind(kMarker);
    if (marker == std::string_view::npos) {
        return 0;
    }
    const std::string_view rest = file_name.substr(marker + kMarker.size());
    long pid = 0;
    const auto [end, error] = std::from_chars(rest.data(), rest.data() + rest.size(), pid);
    if (error != std::errc() || pid <= 0 || end == rest.data() + rest.size() || *end != '.') {
        return 0;
    }
    return pid;
}

std::size_t remove_stale(const fs::path& directory) {
    static std::mutex mutex;
    static std::set<fs::path> seen;
    std::error_code ec;
    const fs::path dir = fs::absolute(directory.empty() ? fs::path(".") : directory, ec);
    {
        std::lock_guard lock(mutex);
        if (ec || !seen.insert(dir).second) {
            return 0;
        }
    }
    std::size_t removed = 0;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
        const long pid = owner_pid(it->path().filename().native());
        if (pid != 0 && pid != ::getpid() && process_has_ended(pid) && it->is_regular_file(ec) &&
            fs::remove(it->path(), ec)) {
            ++removed;
        }
    }
    return removed;
}

}  // namespace kpproc::temporary_files
