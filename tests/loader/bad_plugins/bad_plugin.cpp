// A plugin with exactly one flaw, chosen by a KPPROC_FLAW_* definition. Apart from that flaw
// the descriptor is correct, so each refusal test proves the host checks that one thing.

#include <stdexcept>

#include "kpproc/plugin.hpp"

namespace {

class NoopProcessor final : public kpproc::Processor {
public:
    explicit NoopProcessor(const kpproc::Options&) {}
    void process(kpproc::Document&) override {}
};

[[maybe_unused]] void* create_that_throws(const void*, kpproc_failure*) {
    // Breaks the rule that nothing may throw across the boundary: the host must contain it.
    throw std::runtime_error("deliberate failure in create()");
}

[[maybe_unused]] kpproc_plugin_descriptor make_descriptor() {
    kpproc_plugin_descriptor d{};
    d.abi_major = KPPROC_ABI_MAJOR;
    d.abi_minor = KPPROC_ABI_MINOR;
    d.struct_size = sizeof(kpproc_plugin_descriptor);
    d.kind = KPPROC_KIND_PROCESSOR;
    d.toolchain = KPPROC_TOOLCHAIN_TAG;
    d.id = "org.kpproc-tests.processor.bad";
    d.version = "0.0.1";
    d.summary = "a deliberately broken plugin";
    d.create = &kpproc::abi::create_instance<NoopProcessor>;
    d.destroy = &kpproc::abi::destroy_instance<NoopProcessor>;
#if defined(KPPROC_FLAW_ABI_MAJOR_MISMATCH)
    d.abi_major = KPPROC_ABI_MAJOR + 1;
#elif defined(KPPROC_FLAW_ABI_MINOR_NEWER)
    d.abi_minor = KPPROC_ABI_MINOR + 7;
#elif defined(KPPROC_FLAW_BAD_STRUCT_SIZE)
    d.struct_size =
        sizeof(kpproc_plugin_descriptor) - 2 * sizeof(void*);  // an older, smaller struct
#elif defined(KPPROC_FLAW_TOOLCHAIN_MISMATCH)
    d.toolchain = "msvc-1939/msvcstl/sdk-1";
#elif defined(KPPROC_FLAW_INVALID_ID)
    d.id = "Not A Dotted Id";
#elif defined(KPPROC_FLAW_NULL_FACTORY)
    d.create = nullptr;
#elif defined(KPPROC_FLAW_CREATE_THROWS)
    d.create = &create_that_throws;
#elif defined(KPPROC_FLAW_DUPLICATE_ID)
    d.id = "kp.exporter.json";  // the id of a built-in plugin
#endif
    return d;
}

}  // namespace

#if defined(KPPROC_FLAW_MISSING_ENTRY_POINT)
// Exports something, but not the kpproc entry point.
extern "C" KPPROC_EXPORT int kpproc_plugin_v0(void) {
    return 0;
}
#else
extern "C" KPPROC_EXPORT const kpproc_plugin_descriptor* KPPROC_ENTRY_POINT(void) {
#if defined(KPPROC_FLAW_NULL_DESCRIPTOR)
    return nullptr;
#else
    static const kpproc_plugin_descriptor descriptor = make_descriptor();
    return &descriptor;
#endif
}
#endif
