// Fuzz target: bytes through a chain of this build's plugins (KPPROC_FUZZ_CHAIN: one adapter,
// or "auto" for detection among them all, perhaps with processors after it), as `kpproc run`
// reads a file called KPPROC_FUZZ_FILE_NAME. A plugin's kpproc::Error is the expected answer to
// bad input; a crash, a sanitizer's report, an exception of any other kind or a document that
// breaks the model's rules is a finding.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string_view>

#include "fuzz_support.hpp"
#include "kpproc/error.hpp"

namespace {

kpproc::framework::DocumentWorker* worker = nullptr;

}  // namespace

extern "C" int LLVMFuzzerInitialize(int* /*argc*/, char*** /*argv*/) {
    // Loaded before the first input, so that libFuzzer sees the plugins' coverage from the start.
    static const kpproc::framework::Pipeline pipeline =
        kpproc::fuzz::checked_pipeline(KPPROC_FUZZ_CHAIN);
    static const std::unique_ptr<kpproc::framework::DocumentWorker> made = pipeline.make_worker();
    worker = made.get();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    try {
        (void)worker->run(KPPROC_FUZZ_FILE_NAME, bytes, "fuzz-input");
    } catch (const kpproc::Error& e) {
        if (e.code() == "invariant-violated" || e.code() == "internal") {
            kpproc::fuzz::finding(e.code() + ": " + e.what());
        }
    }
    // Anything else thrown escapes to libFuzzer, which reports it as a crash: a finding.
    return 0;
}
