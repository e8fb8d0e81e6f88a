#pragma once
// Temporary files that must not outlive an interrupted run. Every file kpproc writes under a
// temporary name (AtomicFile, and any plugin that writes its own files through it) is named
//
//     .<final name>.kpproc-tmp.<pid>.<random>
//
// in the directory of its final name, and is registered here while it exists. Two ways of
// cleaning up follow from that:
//
//  * remove_registered() unlinks every registered file. It is async-signal-safe, so the host's
//    handlers for SIGINT, SIGTERM and fatal signals call it before the process ends.
//  * remove_stale() is for the case no handler can see (SIGKILL, a power cut): the next run
//    that writes into the same directory removes the temporary files of processes that no
//    longer exist, recognised by the name above and the pid in it.
//
// The registry is process-wide and lives in libkpproc-sdk, so the host and every plugin share it.

#include <filesystem>
#include <string>
#include <string_view>

namespace kpproc::temporary_files {

// The marker in every temporary name, between the final name and the pid.
inline constexpr std::string_view kMarker = ".kpproc-tmp.";

// A fresh temporary name for `final_path`, in its directory (so rename() stays on one file
// system): ".<name>.kpproc-tmp.<pid>.<random>". It does not create the file.
std::filesystem::path name_for(const std::filesystem::path& final_path);

// Registers `path` for removal by remove_registered(). Call it before creating the file, so no
// moment exists in which the file is there but unknown. Returns false when the registry is full
// (the file then relies on remove_stale() of a later run, like one left by SIGKILL).
bool add(const std::filesystem::path& path) noexcept;
// Unregisters `path` once it was renamed into place or removed.
void forget(const std::filesystem::path& path) noexcept;

// Unlinks every registered file. Async-signal-safe: it uses only atomics and unlink(2).
void remove_registered() noexcept;

// The pid written in a temporary name, or 0 when `file_name` is not one.
long owner_pid(std::string_view file_name);

// Removes the temporary files in `directory` left by processes that have ended (their pid no
// longer runs). Each directory is looked at once per process; errors are ignored, since this is
// tidying up and must never fail a run. Returns how many files it removed.
std::size_t remove_stale(const std::filesystem::path& directory);

}  // namespace kpproc::temporary_files
