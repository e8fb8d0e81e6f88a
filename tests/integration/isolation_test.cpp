// Plugins isolated in worker processes (framework/isolation.hpp): a plugin that crashes, hangs,
// allocates without bound or prints to standard output costs only its document, and a healthy
// chain gives exactly what it gives in-process.

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>
#include <catch2/catch.hpp>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <optional>
#include <stdexcept>
#include <thread>

#include "document_codec.hpp"  // framework/src: private to the framework, tested here
#include "kpproc/error.hpp"
#include "kpproc/framework/chain.hpp"
#include "kpproc/framework/isolation.hpp"
#include "kpproc/framework/pipeline.hpp"
#include "kpproc/framework/plugin_registry.hpp"
#include "kpproc/model_json.hpp"
#include "test_support.hpp"

namespace fs = std::filesystem;
namespace fw = kpproc::framework;
using kpproc::testing::slurp;
using kpproc::testing::TempDir;

namespace {

const fs::path kBinary = KPPROC_BINARY;
const fs::path kTestOnlyPlugins = KPPROC_TEST_ONLY_PLUGIN_DIR;
const fs::path kIsolationPlugins = KPPROC_ISOLATION_PLUGIN_DIR;
const fs::path kSeed = fs::path(KPPROC_TEST_DATA_DIR) / "seeds/001_78dbf443e4e88d81.txt";

// The shipped plugins, the test-only ones and the crashing adapter, loaded once.
const fw::PluginRegistry& registry() {
    static const fw::PluginRegistry loaded = [] {
        fw::PluginRegistry r;
        r.load_directory(KPPROC_TEST_PLUGIN_DIR);
        r.load_directory(kTestOnlyPlugins);
        r.load_directory(kIsolationPlugins);
        return r;
    }();
    return loaded;
}

fw::IsolationSettings settings_for(const std::string& chain) {
    fw::IsolationSettings s;
    s.worker_command = {kBinary.string(), "worker"};
    s.chain = chain;
    s.plugin_directories = {kTestOnlyPlugins, kIsolationPlugins};
    return s;
}

// A pipeline kept alive for an in-process run of `chain`.
struct InProcess {
    fw::Pipeline pipeline;
    std::unique_ptr<fw::DocumentWorker> worker;
    explicit InProcess(const std::string& chain)
        : pipeline(registry(), fw::parse_chain(chain)), worker(pipeline.make_worker()) {}
};

// A seed with the marker the misbehaving plugins look for, written to `dir`.
fs::path marked_document(const fs::path& dir, const std::string& marker) {
    const fs::path path = dir / ("marked-" + marker + ".txt");
    std::ofstream(path) << slurp(kSeed) << "\n" << marker << "\n";
    return path;
}

std::string json_of(const kpproc::Document& doc) {
    return kpproc::to_json(doc);
}

// Runs `path` through `worker` and returns the error it throws (and fails if none is thrown).
std::optional<kpproc::Error> error_of(fw::IsolatedWorker& worker, const fs::path& path) {
    try {
        (void)worker.run(path.string(), slurp(path), {});
    } catch (const kpproc::Error& e) {
        return e;
    }
    FAIL_CHECK("no error for " << path);
    return std::nullopt;
}

// A process that is gone: not running, and not a zombie waiting to be reaped either.
bool process_gone(pid_t pid) {
    return ::kill(pid, 0) != 0 && errno == ESRCH;
}

// Whether a process runs: it exists and is not a zombie (/proc/PID/stat's state is not Z).
bool running(pid_t pid) {
    const std::string stat = slurp("/proc/" + std::to_string(pid) + "/stat");
    const auto end_of_name = stat.rfind(')');
    return end_of_name != std::string::npos && end_of_name + 2 < stat.size() &&
           stat[end_of_name + 2] != 'Z';
}

// After a failure, the next (clean) document comes out right, from a new worker process.
void check_recovers(fw::IsolatedWorker& worker, const std::string& chain, pid_t failed_pid) {
    if (failed_pid > 0) {
        CHECK(process_gone(failed_pid));
    }
    InProcess reference(chain);
    const std::string bytes = slurp(kSeed);
    const auto expected = reference.worker->run(kSeed.string(), bytes);
    CHECK(json_of(worker.run(kSeed.string(), bytes)) == json_of(expected));
    CHECK(worker.child_pid() != failed_pid);
}

std::vector<fs::path> example_inputs() {
    std::vector<fs::path> out;
    for (const fs::path& dir :
         {fs::path(KPPROC_EXAMPLE_DATA_DIR), fs::path(KPPROC_SOURCE_DIR) / "../shared/seeds",
          fs::path(KPPROC_TEST_DATA_DIR) / "seeds"}) {
        if (!fs::is_directory(dir)) {
            continue;
        }
        for (const auto& e : fs::directory_iterator(dir)) {
            if (e.is_regular_file()) {
                out.push_back(e.path());
            }
        }
    }
    std::sort(out.begin(), out.end());
    return out;
}

}  // namespace

TEST_CASE("An isolated worker gives exactly the in-process Document for every example and seed",
          "[isolation]") {
    const std::string chain = "auto ! entities ! json";
    InProcess reference(chain);
    fw::IsolatedWorker isolated(settings_for(chain));
    const auto inputs = example_inputs();
    REQUIRE(inputs.size() >= 10);
    for (const auto& path : inputs) {
        INFO(path);
        const std::string bytes = slurp(path);
        const auto expected = reference.worker->run(path.string(), bytes);
        const auto got = isolated.run(path.string(), bytes);
        CHECK(got == expected);
        CHECK(json_of(got) == json_of(expected));
    }
    // A given identity, as for standard input with --name, travels too.
    const std::string bytes = slurp(kSeed);
    CHECK(json_of(isolated.run("-", bytes, "https://example.org/minutes")) ==
          json_of(reference.worker->run("-", bytes, "https://example.org/minutes")));
    CHECK(isolated.spawn_count() == 1);  // one long-lived worker for them all
}

TEST_CASE("The worker's document codec gives back every field exactly", "[isolation]") {
    using namespace kpproc;
    using namespace std::string_literals;
    Document doc;
    doc.source = {"a\xff.txt", "kp.adapter.text", "text/plain", std::nullopt, 42, "id%FF"};
    doc.meeting = {"Panel", "Title", "2023-10-17", "10:00", std::nullopt, "c@x", "moved"};
    doc.attendance.push_back({"Ann", "Cllr", "OBE", "Chair", "present", "KCC", Span{1, 4}});
    Paragraph child{"a", "child", Span{5, 9}, {}, false, {{"e1", "Ann", Span{5, 8}}}};
    Paragraph heading{std::nullopt, "head", std::nullopt, {child}, true, {}};
    Item item;
    item.number = "1";
    item.title_span = Span{0, 3};
    item.truncated = true;
    item.description = {heading};
    item.paragraphs = {child};
    item.resolutions = {{"resolved", Span{2, 3}}};
    item.actions = {{"do", "Ongoing", std::nullopt, "note", "RQ", "2024-01-01"}};
    item.questions = {{"Q1", "why", Span{1, 2}, Asker{"Bob", std::nullopt}, {child}}};
    item.decisions = {{"OPCC.D.034.23", Span{3, 4}}};
    item.documents = {{"Plan", "PDF", 145.25}, {std::nullopt, std::nullopt, std::nullopt}};
    item.events = {{"adjourned", "11:05", Span{6, 7}}};
    doc.items = {item, Item{}};
    doc.entities.push_back({"e1",
                            "PERSON",
                            "Ann",
                            json::parse(R"({"k":[1,2.5,"x",null,true]})").as_object(),
                            {{"Ann", Span{5, 8}}}});
    doc.text = "text with \0 and \xc3 invalid UTF-8"s;  // JSON could not carry these
    doc.add_diagnostic("warning", "w", "message", Span{0, 1});
    std::string encoded;
    fw::codec::encode(doc, encoded);
    REQUIRE(doc.text.size() == 31);
    CHECK(fw::codec::decode(encoded) == doc);
    // A document cut short is an error, not a partial document.
    CHECK_THROWS_AS(fw::codec::decode(std::string_view(encoded).substr(0, encoded.size() - 1)),
                    kpproc::Error);
    CHECK_THROWS_AS(fw::codec::decode(encoded + "x"), kpproc::Error);
}

TEST_CASE("Many documents go through one worker process", "[isolation]") {
    fw::IsolatedWorker isolated(settings_for("auto ! json"));
    const std::string bytes = slurp(kSeed);
    (void)isolated.run(kSeed.string(), bytes);
    const pid_t pid = isolated.child_pid();
    REQUIRE(pid > 0);
    for (int i = 0; i < 50; ++i) {
        CHECK(isolated.run(kSeed.string(), bytes).source.path == kSeed.string());
    }
    CHECK(isolated.child_pid() == pid);
    CHECK(isolated.spawn_count() == 1);
}

TEST_CASE("Replies of every size come back exactly, one after another, through one worker",
          "[isolation]") {
    // A reply larger than the socket's buffer arrives in parts, and one larger than what the
    // parent keeps between documents (8 MiB) is given back after it: small documents before
    // and after a large one must not be disturbed by either.
    const std::string small = slurp(kSeed);
    std::string grown;
    while (grown.size() < (6u << 20)) {
        grown += small + "\n\n";
    }
    const std::string& large = grown;
    InProcess reference("text ! json");
    fw::IsolatedWorker isolated(settings_for("text ! json"));
    for (const std::string* bytes : {&small, &large, &small, &large, &small}) {
        const auto expected = reference.worker->run("doc.txt", *bytes);
        CHECK(json_of(isolated.run("doc.txt", *bytes)) == json_of(expected));
    }
    CHECK(isolated.spawn_count() == 1);
    std::string reply;
    fw::codec::encode(reference.worker->run("doc.txt", large), reply);
    CHECK(reply.size() > (8u << 20));  // the large one is past what the parent keeps
}

TEST_CASE("A document sent is worked on while the caller does something else", "[isolation]") {
    // send() and receive(): the batch hands the worker the next document before it writes the
    // one before. A reply that came while the caller was busy past the time limit is on time:
    // the limit is for the worker, not for the caller.
    const std::string chain = "auto ! slow(ms=100) ! json";
    auto settings = settings_for(chain);
    settings.timeout = std::chrono::milliseconds(1000);
    fw::IsolatedWorker isolated(settings);
    InProcess reference(chain);
    const std::string bytes = slurp(kSeed);
    const auto expected = json_of(reference.worker->run(kSeed.string(), bytes));
    for (int i = 0; i < 2; ++i) {
        isolated.send(kSeed.string(), bytes);
        CHECK(isolated.has_pending());
        std::this_thread::sleep_for(std::chrono::milliseconds(1500));  // past the limit
        CHECK(json_of(isolated.receive()) == expected);
        CHECK_FALSE(isolated.has_pending());
    }
    CHECK(isolated.spawn_count() == 1);
}

TEST_CASE("A reply begun by the time limit is a document done, and may end arriving",
          "[isolation]") {
    // A large reply waits in the worker for room in the socket while the caller is busy; a
    // caller that comes after the limit may find it begun but not whole. A scripted worker
    // sends a real reply in two halves, 1.5 s apart, and the caller comes after the limit.
    const TempDir dir;
    std::string encoded;
    InProcess reference("auto ! json");
    const auto expected = reference.worker->run(kSeed.string(), slurp(kSeed));
    fw::codec::encode(expected, encoded);
    std::string reply(16, '\0');  // frame header: type 'D', reserved, payload length
    const std::uint32_t type = 'D';
    const std::uint64_t n = encoded.size();
    const std::uint64_t length = sizeof n + n;
    std::memcpy(reply.data(), &type, sizeof type);
    std::memcpy(reply.data() + 8, &length, sizeof length);
    reply.append(reinterpret_cast<const char*>(&n), sizeof n);
    reply += encoded;
    std::ofstream(dir.path / "reply", std::ios::binary) << reply;
    const char* script =
        "import os, struct, sys, time\n"
        "reply = open(sys.argv[1], 'rb').read()\n"
        "os.write(3, struct.pack('<IIQ', ord('H'), 0, 0))\n"
        "head = b''\n"
        "while len(head) < 16: head += os.read(3, 16 - len(head))\n"
        "left = struct.unpack('<IIQ', head)[2]\n"
        "while left > 0: left -= len(os.read(3, min(left, 65536)))\n"
        "half = len(reply) // 2\n"
        "os.write(3, reply[:half])\n"
        "time.sleep(1.5)\n"
        "os.write(3, reply[half:])\n"
        "time.sleep(5)\n";
    fw::IsolationSettings settings;
    settings.worker_command = {"python3", "-c", script, (dir.path / "reply").string()};
    settings.chain = "auto ! json";
    settings.timeout = std::chrono::milliseconds(1000);
    fw::IsolatedWorker isolated(settings);
    isolated.send(kSeed.string(), slurp(kSeed));
    std::this_thread::sleep_for(std::chrono::milliseconds(1200));  // the first half is in
    CHECK(json_of(isolated.receive()) == json_of(expected));
}

TEST_CASE("One document at a time: send twice, or receive with nothing sent, is refused",
          "[isolation][errors]") {
    fw::IsolatedWorker isolated(settings_for("auto ! json"));
    const std::string bytes = slurp(kSeed);
    CHECK_THROWS_AS(isolated.receive(), std::logic_error);
    isolated.send(kSeed.string(), bytes);
    CHECK_THROWS_AS(isolated.send(kSeed.string(), bytes), std::logic_error);
    CHECK(isolated.receive().source.path == kSeed.string());
}

TEST_CASE("A document still with the worker when its caller goes ends with the worker",
          "[isolation]") {
    // A batch that fails as a whole, or is interrupted, drops a document it has sent.
    pid_t pid = -1;
    {
        fw::IsolatedWorker isolated(settings_for("auto ! slow(ms=5000) ! json"));
        const std::string bytes = slurp(kSeed);
        isolated.send(kSeed.string(), bytes);
        pid = isolated.child_pid();
        REQUIRE(pid > 0);
    }
    CHECK(process_gone(pid));
}

TEST_CASE("A plugin that crashes costs only its document and is named with what it was doing",
          "[isolation]") {
    const TempDir dir;
    const fs::path marked = marked_document(dir.path, "MISBEHAVE-HERE");
    struct Case {
        std::string chain;
        std::string expected;
    };
    for (const Case& c :
         {Case{"auto ! misbehave(act=segv) ! json",
               "plugin org.kpproc-tests.processor.misbehave crashed (SIGSEGV, a bad memory "
               "access) while processing " +
                   marked.string()},
          Case{"auto ! misbehave(act=abort) ! json",
               "plugin org.kpproc-tests.processor.misbehave crashed (SIGABRT, an abort) while "
               "processing " +
                   marked.string()}}) {
        INFO(c.chain);
        fw::IsolatedWorker isolated(settings_for(c.chain));
        (void)isolated.run(kSeed.string(), slurp(kSeed));  // a clean document first
        const pid_t pid = isolated.child_pid();
        const auto error = error_of(isolated, marked);
        REQUIRE(error);
        CHECK(error->code() == "plugin-crashed");
        CHECK(std::string(error->what()) == c.expected);
        CHECK(isolated.child_pid() == -1);
        check_recovers(isolated, c.chain, pid);
        CHECK(isolated.spawn_count() == 2);
    }
}

TEST_CASE("An adapter that crashes while parsing is named as parsing", "[isolation]") {
    const TempDir dir;
    const fs::path marked = marked_document(dir.path, "CRASH-IN-PARSE");
    fw::IsolatedWorker isolated(settings_for("crash ! json"));
    const auto error = error_of(isolated, marked);
    REQUIRE(error);
    CHECK(error->code() == "plugin-crashed");
    CHECK(std::string(error->what()) ==
          "plugin org.kpproc-tests.adapter.crash crashed (SIGSEGV, a bad memory access) while "
          "parsing " +
              marked.string());
    check_recovers(isolated, "crash ! json", -1);
}

TEST_CASE("A plugin that spins for ever is stopped at the timeout", "[isolation]") {
    const TempDir dir;
    const fs::path marked = marked_document(dir.path, "MISBEHAVE-HERE");
    const std::string chain = "auto ! misbehave(act=loop) ! json";
    auto settings = settings_for(chain);
    settings.timeout = std::chrono::milliseconds(1000);
    fw::IsolatedWorker isolated(settings);
    (void)isolated.run(kSeed.string(), slurp(kSeed));
    const pid_t pid = isolated.child_pid();
    const auto start = std::chrono::steady_clock::now();
    const auto error = error_of(isolated, marked);
    const auto took = std::chrono::steady_clock::now() - start;
    REQUIRE(error);
    CHECK(error->code() == "timeout");
    CHECK(std::string(error->what()) ==
          "took longer than 1 s (--timeout) in plugin org.kpproc-tests.processor.misbehave "
          "(processing); the worker was stopped");
    CHECK(took >= std::chrono::milliseconds(1000));
    CHECK(took < std::chrono::seconds(5));
    check_recovers(isolated, chain, pid);
}

TEST_CASE("A plugin that allocates without bound is stopped at the memory limit", "[isolation]") {
    const TempDir dir;
    const fs::path marked = marked_document(dir.path, "MISBEHAVE-HERE");
    const std::string chain = "auto ! misbehave(act=allocate) ! json";
    auto settings = settings_for(chain);
    settings.max_memory = 256ull << 20;
    settings.timeout = std::chrono::seconds(30);  // a safety net: the limit must act first
    fw::IsolatedWorker isolated(settings);
    (void)isolated.run(kSeed.string(), slurp(kSeed));
    const pid_t pid = isolated.child_pid();
    const auto error = error_of(isolated, marked);
    REQUIRE(error);
    CHECK(error->code() == "memory-limit");
    CHECK(std::string(error->what()) ==
          "used more than 256 MiB (--max-memory) in plugin org.kpproc-tests.processor.misbehave "
          "(processing); the worker was stopped");
    check_recovers(isolated, chain, pid);
}

TEST_CASE("A plugin that writes to standard output cannot corrupt the result", "[isolation]") {
    const TempDir dir;
    const fs::path marked = marked_document(dir.path, "MISBEHAVE-HERE");
    fw::IsolatedWorker isolated(settings_for("auto ! misbehave(act=stdout) ! json"));
    InProcess reference("auto ! json");  // the misbehaving plugin changes nothing in a document
    const std::string bytes = slurp(marked);
    for (int i = 0; i < 3; ++i) {
        CHECK(json_of(isolated.run(marked.string(), bytes)) ==
              json_of(reference.worker->run(marked.string(), bytes)));
    }
    CHECK(isolated.spawn_count() == 1);
}

TEST_CASE("A plugin's exception keeps its code and message, and its worker", "[isolation]") {
    const TempDir dir;
    const fs::path marked = marked_document(dir.path, "FAIL-HERE");
    for (const char* kind : {"error", "std", "other"}) {
        const std::string chain =
            std::string("auto ! fail-on-marker(marker=FAIL-HERE,throw=") + kind + ") ! json";
        INFO(chain);
        InProcess reference(chain);
        std::string expected_code;
        std::string expected_message;
        try {
            (void)reference.worker->run(marked.string(), slurp(marked));
        } catch (const kpproc::Error& e) {
            expected_code = e.code();
            expected_message = e.what();
        }
        REQUIRE(!expected_code.empty());
        fw::IsolatedWorker isolated(settings_for(chain));
        const auto error = error_of(isolated, marked);
        REQUIRE(error);
        CHECK(error->code() == expected_code);
        CHECK(std::string(error->what()) == expected_message);
        const pid_t pid = isolated.child_pid();
        CHECK(pid > 0);  // still running: an exception is no reason for a new worker
        (void)isolated.run(kSeed.string(), slurp(kSeed));
        CHECK(isolated.child_pid() == pid);
        CHECK(isolated.spawn_count() == 1);
    }
}

TEST_CASE("The destructor ends the worker and leaves no zombie, even after a failure",
          "[isolation]") {
    pid_t pid = -1;
    {
        fw::IsolatedWorker isolated(settings_for("auto ! json"));
        (void)isolated.run(kSeed.string(), slurp(kSeed));
        pid = isolated.child_pid();
        REQUIRE(pid > 0);
        CHECK(::kill(pid, 0) == 0);
    }
    CHECK(process_gone(pid));
    // A worker that was never used starts no process at all.
    { const fw::IsolatedWorker unused(settings_for("auto ! json")); }
}

TEST_CASE("A worker whose parent is killed ends by itself, even in the middle of a document",
          "[isolation]") {
    const TempDir dir;
    const fs::path marked = marked_document(dir.path, "MISBEHAVE-HERE");
    int pid_pipe[2];
    REQUIRE(::pipe(pid_pipe) == 0);
    // A parent of our own to kill: this test process forks one (it has no other threads).
    const pid_t parent = ::fork();
    REQUIRE(parent >= 0);
    if (parent == 0) {
        ::close(pid_pipe[0]);
        fw::IsolatedWorker isolated(settings_for("auto ! misbehave(act=loop) ! json"));
        (void)isolated.run(kSeed.string(), slurp(kSeed));
        const pid_t worker = isolated.child_pid();
        (void)!::write(pid_pipe[1], &worker, sizeof worker);
        try {
            (void)isolated.run(marked.string(), slurp(marked));  // spins: no timeout
        } catch (...) {
        }
        ::_exit(0);
    }
    ::close(pid_pipe[1]);
    pid_t worker = -1;
    const bool told = ::read(pid_pipe[0], &worker, sizeof worker) == sizeof worker;
    ::close(pid_pipe[0]);
    if (told) {
        std::this_thread::sleep_for(std::chrono::milliseconds(300));  // the worker spins now
        CHECK(running(worker));
    }
    ::kill(parent, SIGKILL);
    ::waitpid(parent, nullptr, 0);
    REQUIRE(told);
    bool ended = false;
    for (int i = 0; i < 200 && !ended; ++i) {
        ended = !running(worker);
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    CHECK(ended);
    if (!ended) {
        ::kill(worker, SIGKILL);
    }
}

TEST_CASE("A worker command that cannot work gives a clear error, not a hang", "[isolation]") {
    const std::string bytes = slurp(kSeed);
    const auto error_for = [&](fw::IsolationSettings s) -> std::optional<kpproc::Error> {
        fw::IsolatedWorker isolated(std::move(s));
        try {
            (void)isolated.run(kSeed.string(), bytes);
        } catch (const kpproc::Error& e) {
            return e;
        }
        return std::nullopt;
    };
    auto missing = settings_for("auto ! json");
    missing.worker_command = {"/nonexistent/kpproc", "worker"};
    auto e = error_for(missing);
    REQUIRE(e);
    CHECK(e->code() == "worker-failed");
    CHECK(std::string(e->what()) ==
          "cannot start the worker process '/nonexistent/kpproc worker': No such file or "
          "directory");

    auto not_a_worker = settings_for("auto ! json");
    not_a_worker.worker_command = {"/bin/true"};
    e = error_for(not_a_worker);
    REQUIRE(e);
    CHECK(e->code() == "worker-failed");
    CHECK(std::string(e->what()) ==
          "the worker process '/bin/true' exited with status 0 before it was ready; is it a "
          "kpproc worker?");

    // The worker cannot find a plugin of the chain (no --plugin-path for the test plugins).
    auto unfound = settings_for("auto ! misbehave ! json");
    unfound.plugin_directories.clear();
    e = error_for(unfound);
    REQUIRE(e);
    CHECK(e->code() == "unknown-plugin");
    CHECK_THAT(e->what(), Catch::StartsWith("the worker process cannot start: ") &&
                              Catch::Contains("misbehave"));
}

TEST_CASE("run refuses --timeout and --max-memory without --isolate, and hides 'worker'",
          "[isolation][cli]") {
    const auto timeout = kpproc::testing::run_process(kBinary, {"run", "--timeout", "5", "x"});
    CHECK(timeout.status == 2);
    CHECK_THAT(timeout.err, Catch::Contains("--timeout limits the worker processes of --isolate; "
                                            "add --isolate"));
    const auto memory = kpproc::testing::run_process(kBinary, {"run", "--max-memory", "1G", "x"});
    CHECK(memory.status == 2);
    CHECK_THAT(memory.err, Catch::Contains("add --isolate"));
    const auto bad = kpproc::testing::run_process(
        kBinary, {"run", "--isolate", "--timeout", "soon", kSeed.string()});
    CHECK(bad.status == 2);
    CHECK_THAT(bad.err, Catch::Contains("--timeout expects a number of seconds"));
    const auto help = kpproc::testing::run_process(kBinary, {"--help"});
    CHECK(help.out.find("worker") == std::string::npos);
    const auto run_help = kpproc::testing::run_process(kBinary, {"run", "--help"});
    CHECK_THAT(run_help.out, Catch::Contains("--isolate") && Catch::Contains("--max-memory"));
}
