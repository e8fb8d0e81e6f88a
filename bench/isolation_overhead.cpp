// What --isolate costs: the same files through a DocumentWorker (in-process) and through an
// IsolatedWorker (a worker process, the Document coming back as JSON), one thread each, and
// what the JSON round trip alone costs in-process.
//
//   cmake --build --preset release --target isolation-overhead
//   build/release/bin/isolation-overhead CORPUS_DIR [--chain CHAIN] [--limit N] [--rounds R]
//
// Rounds alternate the two ways so that a busy machine slows both alike; the best round of
// each is compared.

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
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

template <class Run>
double seconds_for(const std::vector<File>& files, Run&& run) {
    const auto start = Clock::now();
    for (const auto& f : files) {
        try {
            run(f);
        } catch (const std::exception&) {
            // A file no adapter takes costs the same either way; it is still timed.
        }
    }
    return std::chrono::duration<double>(Clock::now() - start).count();
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

    double best_in = 1e30;
    double best_iso = 1e30;
    double best_json = 1e30;
    for (int round = 0; round < o.rounds; ++round) {
        best_in = std::min(best_in, seconds_for(files, [&](const File& f) {
                               (void)in_process->run(f.path, f.bytes);
                           }));
        best_iso = std::min(best_iso, seconds_for(files, [&](const File& f) {
                                (void)isolated.run(f.path, f.bytes);
                            }));
        best_json = std::min(best_json, seconds_for(files, [&](const File& f) {
                                 const auto doc = in_process->run(f.path, f.bytes);
                                 (void)kpproc::document_from_json(kpproc::to_json(doc));
                             }));
    }
    std::printf("%zu files, %.1f MB, chain '%s', best of %d rounds\n", files.size(),
                static_cast<double>(bytes) / 1e6, o.chain.c_str(), o.rounds);
    std::printf("in-process            %8.3f s\n", best_in);
    std::printf("isolated              %8.3f s  (%+.1f %%, %zu worker process)\n", best_iso,
                100.0 * (best_iso - best_in) / best_in, isolated.spawn_count());
    std::printf("in-process + JSON     %8.3f s  (%+.1f %%: the round trip alone)\n", best_json,
                100.0 * (best_json - best_in) / best_in);
    return 0;
}
