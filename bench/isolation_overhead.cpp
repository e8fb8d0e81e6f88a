// What --isolate costs: the same files through a DocumentWorker (in-process) and through an
// IsolatedWorker (a worker process; the Document comes back in the binary form of
// framework/src/document_codec.hpp), one thread each. For comparison, what a JSON v1 round trip
// (to_json, document_from_json) alone costs in-process: the reason the worker does not use it.
//
//   python3 bench/make_corpus.py /tmp/iso-corpus --documents 100
//   cmake --build --preset release --target isolation-overhead
//   build/release/bin/isolation-overhead /tmp/iso-corpus [--chain CHAIN] [--limit N] [--rounds R]
//
// Rounds alternate the ways so that a busy machine slows them alike; the best round of each is
// compared. CPU time (for isolation: the parent's and the worker's) is steadier than wall time
// on a shared machine.

#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>
#include <string>
#include <vector>

#include "kpproc/framework/chain.hpp"
#include "kpproc/framework/isolation.hpp"
#include "kpproc/framework/pipeline.hpp"
#include "kpproc/framework/plugin_registry.hpp"
#include "kpproc/model_json.hpp"

namespace fs = std::filesystem;
namespace fw = kpproc::framework;
using Clock = std::chrono::steady_clock;

namespace {

struct Options {
    fs::path corpus;
    std::string chain = "auto ! entities ! json";
    std::size_t limit = 400;
    int rounds = 3;
};

Options parse(int argc, char** argv) {
    Options o;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "--chain" && i + 1 < argc) {
            o.chain = argv[++i];
        } else if (a == "--limit" && i + 1 < argc) {
            o.limit = std::stoul(argv[++i]);
        } else if (a == "--rounds" && i + 1 < argc) {
            o.rounds = std::stoi(argv[++i]);
        } else {
            o.corpus = a;
        }
    }
    if (o.corpus.empty()) {
        throw std::invalid_argument("usage: isolation-overhead CORPUS_DIR [--chain C] [--limit N]");
    }
    return o;
}

struct File {
    std::string path;
    std::string bytes;
};

// Every folder of the corpus contributes equally, so one slow format does not dominate.
std::vector<File> load(const Options& o) {
    std::vector<fs::path> paths;
    for (const auto& e : fs::recursive_directory_iterator(o.corpus)) {
        if (e.is_regular_file()) {
            paths.push_back(e.path());
        }
    }
    std::sort(paths.begin(), paths.end());
    const std::size_t step = std::max<std::size_t>(1, paths.size() / o.limit);
    std::vector<File> files;
    for (std::size_t i = 0; i < paths.size() && files.size() < o.limit; i += step) {
        std::ifstream in(paths[i], std::ios::binary);
        std::stringstream s;
        s << in.rdbuf();
        files.push_back(File{paths[i].string(), s.str()});
    }
    return files;
}

// CPU seconds of this process, and of another (from /proc: user + system, in clock ticks).
double cpu_seconds() {
    timespec t{};
    ::clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) / 1e9;
}

double cpu_seconds(pid_t pid) {
    if (pid <= 0) {
        return 0;
    }
    std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
    std::string stat((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::istringstream fields(stat.substr(stat.rfind(')') + 2));  // after "pid (name) "
    std::string field;
    double ticks = 0;
    for (int i = 3; i <= 15 && fields >> field; ++i) {
        if (i >= 14) {
            ticks += std::stod(field);  // utime, stime
        }
    }
    return ticks / static_cast<double>(::sysconf(_SC_CLK_TCK));
}

// Wall and CPU seconds (CPU of this process and of `child`, when it names a running worker).
struct Timing {
    double wall = 1e30;
    double cpu = 1e30;
    void keep_best(const Timing& t) {
        wall = std::min(wall, t.wall);
        cpu = std::min(cpu, t.cpu);
    }
};

template <class Run>
Timing time_for(const std::vector<File>& files, Run&& run,
                const fw::IsolatedWorker* child = nullptr) {
    const auto start = Clock::now();
    const double cpu_start = cpu_seconds() + (child ? cpu_seconds(child->child_pid()) : 0);
    for (const auto& f : files) {
        try {
            run(f);
        } catch (const std::exception&) {
            // A file no adapter takes costs the same either way; it is still timed.
        }
    }
    const double cpu_end = cpu_seconds() + (child ? cpu_seconds(child->child_pid()) : 0);
    return {std::chrono::duration<double>(Clock::now() - start).count(), cpu_end - cpu_start};
}

void print(const char* what, const Timing& t, const Timing& base, const char* note) {
    std::printf("%-22s wall %7.3f s (%+6.1f %%)   cpu %7.3f s (%+6.1f %%)  %s\n", what, t.wall,
                100.0 * (t.wall - base.wall) / base.wall, t.cpu,
                100.0 * (t.cpu - base.cpu) / base.cpu, note);
}

}  // namespace

int main(int argc, char** argv) {
    const Options o = parse(argc, argv);
    const std::vector<File> files = load(o);
    std::size_t bytes = 0;
    for (const auto& f : files) {
        bytes += f.bytes.size();
    }
    const auto registry = fw::PluginRegistry::discover({});
    const fw::Pipeline pipeline(registry, fw::parse_chain(o.chain));
    auto in_process = pipeline.make_worker();
    fw::IsolationSettings settings;
    settings.worker_command = {KPPROC_BINARY, "worker"};
    settings.chain = pipeline.chain().to_string();
    fw::IsolatedWorker isolated(settings);

    (void)isolated.run(files.front().path, files.front().bytes);  // start the worker first
    Timing in, iso, write, round_trip;
    for (int round = 0; round < o.rounds; ++round) {
        in.keep_best(
            time_for(files, [&](const File& f) { (void)in_process->run(f.path, f.bytes); }));
        iso.keep_best(time_for(
            files, [&](const File& f) { (void)isolated.run(f.path, f.bytes); }, &isolated));
        write.keep_best(time_for(files, [&](const File& f) {
            (void)kpproc::to_json(in_process->run(f.path, f.bytes));
        }));
        round_trip.keep_best(time_for(files, [&](const File& f) {
            (void)kpproc::document_from_json(kpproc::to_json(in_process->run(f.path, f.bytes)));
        }));
    }
    std::printf("%zu files, %.1f MB, chain '%s', best of %d rounds, %zu worker process\n",
                files.size(), static_cast<double>(bytes) / 1e6, o.chain.c_str(), o.rounds,
                isolated.spawn_count());
    print("in-process", in, in, "");
    print("isolated", iso, in, "(cpu: parent + worker)");
    print("in-process + to_json", write, in, "(writing the JSON alone)");
    print("in-process + JSON", round_trip, in, "(the round trip alone)");
    return 0;
}
