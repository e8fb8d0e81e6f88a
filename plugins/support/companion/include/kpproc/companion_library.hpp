// A plugin's companion library: code of the plugin's own that links something heavy (poppler
// and its thirty-odd libraries, libpq with Kerberos, LDAP and GnuTLS), built beside the plugin
// in a folder of its own and loaded the first time the plugin needs it.
//
// Every kpproc process loads every plugin to read its descriptor, so what a plugin links, every
// run pays for at start-up, and every --isolate worker again: libpq alone cost 16 ms of a
// 55 ms run of one file, in a run that wrote no PostgreSQL. A companion is loaded only by the
// run that uses it.
//
// Both are built together, by one toolchain, so C++ types cross between them; the companion's
// one entry point is found by name. It stays loaded for the life of the process (a library
// with global state, as poppler has, must not be unloaded under it).
#pragma once

#include <dlfcn.h>

#include <filesystem>
#include <string>

#include "kpproc/error.hpp"

namespace kpproc::companion {

// The entry point `entry` of the library at `relative` (say "pdf/kp-pdf-poppler.so") beside
// the plugin that holds `anchor` (any function of the plugin's own). Throws a kpproc::Error
// with `error_code` when it cannot be loaded: "cannot load " `what` (say "the PDF reader"),
// the file and the reason.
inline void* load_entry(void* anchor, const std::filesystem::path& relative, const char* entry,
                        const std::string& what, const char* error_code) {
    Dl_info self{};
    if (dladdr(anchor, &self) == 0 || self.dli_fname == nullptr) {
        throw kpproc::Error(
            error_code, "cannot load " + what + ": cannot tell where the plugin was loaded from");
    }
    const auto path = std::filesystem::path(self.dli_fname).parent_path() / relative;
    void* library = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (library == nullptr) {
        const char* why = dlerror();
        throw kpproc::Error(error_code, "cannot load " + what + " " + path.string() + ": " +
                                            (why != nullptr ? why : "unknown reason"));
    }
    void* found = dlsym(library, entry);
    if (found == nullptr) {
        throw kpproc::Error(error_code, path.string() + " has no " + entry);
    }
    return found;
}

}  // namespace kpproc::companion
