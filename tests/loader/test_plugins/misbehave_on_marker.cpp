// org.kpproc-tests.processor.misbehave: does something no exception can report, on any document
// whose text contains the marker, for the tests of what the host does then. `act` chooses:
// "segv" raises SIGSEGV (a crash), "abort" calls std::abort(), "sleep" says "misbehave:
// stalling" on standard error and pauses 30 s (time for a test to interrupt the run with
// temporary files open), "loop" spins for ever without a
// system call, "allocate" allocates and touches memory without bound (64 MiB at a time),
// "stdout" writes garbage to standard output (through std::cout and fd 1) and then carries on
// normally; "nul" puts a NUL byte into the meeting's title (which no adapter of kpproc's gives,
// and PostgreSQL's text cannot hold). Loop, allocate and stdout are for --isolate's limits
// and its protected channel; nul is for the database exporters' failures.

#include <signal.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <thread>
#include <vector>

#include "kpproc/plugin.hpp"

namespace {

class MisbehaveOnMarker final : public kpproc::Processor {
public:
    explicit MisbehaveOnMarker(const kpproc::Options& options)
        : marker_(options.get_string("marker")), act_(options.get_string("act")) {}

    void process(kpproc::Document& doc) override {
        if (doc.text.find(marker_) == std::string::npos) {
            return;
        }
        if (act_ == "segv") {
            ::raise(SIGSEGV);
        } else if (act_ == "abort") {
            std::abort();
        } else if (act_ == "loop") {
            volatile unsigned long spins = 0;
            for (;;) {
                spins = spins + 1;
            }
        } else if (act_ == "allocate") {
            allocate_without_bound();
        } else if (act_ == "nul") {
            doc.meeting.title = std::string("A title with a NUL\0 in it", 25);
        } else if (act_ == "stdout") {
            std::cout << "GARBAGE\x01\x02 not a frame\n" << std::flush;
            static constexpr char kRaw[] = "\xff\xfe raw garbage on fd 1\n";
            (void)!::write(STDOUT_FILENO, kRaw, sizeof kRaw - 1);
        } else {
            // Said on standard error, so that a test interrupts the run only once the stall
            // has begun (not while the document is still waiting for a worker).
            std::cerr << "misbehave: stalling\n" << std::flush;
            // Not ::sleep(), which a signal cuts short: the stall must outlast an interrupt.
            std::this_thread::sleep_for(std::chrono::seconds(30));
        }
    }

private:
    // Touches every page, so that the memory is really held (resident), not only reserved.
    [[noreturn]] static void allocate_without_bound() {
        constexpr std::size_t kChunk = 64u << 20;
        std::vector<std::unique_ptr<char[]>> held;
        for (;;) {
            held.push_back(std::unique_ptr<char[]>(new char[kChunk]));
            volatile char* bytes = held.back().get();
            for (std::size_t i = 0; i < kChunk; i += 4096) {
                bytes[i] = 1;
            }
        }
    }

    std::string marker_;
    std::string act_;
};

}  // namespace

KPPROC_PLUGIN(
    MisbehaveOnMarker,
    {.id = "org.kpproc-tests.processor.misbehave",
     .version = "1.0.0",
     .summary = "Test plugin: crashes, aborts, stalls, spins, allocates or prints on a marker",
     .options = {{.name = "marker",
                  .type = kpproc::OptionType::string,
                  .default_value = "MISBEHAVE-HERE",
                  .description = "Text that triggers the misbehaviour"},
                 {.name = "act",
                  .type = kpproc::OptionType::choice,
                  .default_value = "segv",
                  .description = "What to do",
                  .choices = {"segv", "abort", "sleep", "loop", "allocate", "stdout", "nul"}}}})
