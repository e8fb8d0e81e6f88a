#pragma once
// The toolchain tag a plugin and the host must share, because C++ types (Document, the
// interfaces' vtables) cross the boundary after the C handshake: compiler family and major
// version, standard library and its ABI, and the SDK major.

#include "kpproc/abi.h"

#define KPPROC_STRINGIFY_(x) #x
#define KPPROC_STRINGIFY(x) KPPROC_STRINGIFY_(x)

#if defined(__clang__)
#define KPPROC_TOOLCHAIN_COMPILER "clang-" KPPROC_STRINGIFY(__clang_major__)
#elif defined(__GNUC__)
#define KPPROC_TOOLCHAIN_COMPILER "gcc-" KPPROC_STRINGIFY(__GNUC__)
#elif defined(_MSC_VER)
#define KPPROC_TOOLCHAIN_COMPILER "msvc-" KPPROC_STRINGIFY(_MSC_VER)
#else
#define KPPROC_TOOLCHAIN_COMPILER "unknown"
#endif

// <version> defines the library macros without pulling in anything heavy.
#include <version>
#if defined(_LIBCPP_VERSION)
#define KPPROC_TOOLCHAIN_STDLIB "libc++-" KPPROC_STRINGIFY(_LIBCPP_VERSION)
#elif defined(_GLIBCXX_RELEASE)
#if _GLIBCXX_USE_CXX11_ABI
#define KPPROC_TOOLCHAIN_STDLIB "libstdc++-" KPPROC_STRINGIFY(_GLIBCXX_RELEASE) "-cxx11"
#else
#define KPPROC_TOOLCHAIN_STDLIB "libstdc++-" KPPROC_STRINGIFY(_GLIBCXX_RELEASE) "-cxx98"
#endif
#elif defined(_MSC_VER)
#define KPPROC_TOOLCHAIN_STDLIB "msvcstl"
#else
#define KPPROC_TOOLCHAIN_STDLIB "unknown"
#endif

// Debug modes of the standard libraries change container layouts (Document is full of them).
#if defined(_GLIBCXX_DEBUG) || (defined(_LIBCPP_DEBUG) && _LIBCPP_DEBUG > 0)
#define KPPROC_TOOLCHAIN_DEBUG "-debug"
#else
#define KPPROC_TOOLCHAIN_DEBUG ""
#endif

// e.g. "gcc-12/libstdc++-12-cxx11/sdk-1"
#define KPPROC_TOOLCHAIN_TAG                                                     \
    KPPROC_TOOLCHAIN_COMPILER "/" KPPROC_TOOLCHAIN_STDLIB KPPROC_TOOLCHAIN_DEBUG \
                              "/sdk-" KPPROC_STRINGIFY(KPPROC_ABI_MAJOR)
