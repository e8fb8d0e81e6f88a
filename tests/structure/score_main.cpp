// structure-score: how well the adapters read the layout fixtures, against hand-written gold.
//
//   structure-score [--errors] [--only SUBSTRING] [--source DIR]
//
// Runs 'auto' over every tests/data/structure/**/NAME.{txt,html} that has a NAME.gold.json and
// prints, per fixture, per folder and in all: the adapter chosen (detection), items P/R/F1,
// resolution, attendance and action F1, and the share of meeting fields right. --errors lists
// every missed, spurious and wrong fact. The format and the matching rules are in
// tests/data/structure/GOLD.md.

#include <iostream>

#include "kpproc/framework/batch.hpp"
#include "kpproc/framework/chain.hpp"
#include "kpproc/framework/pipeline.hpp"
#include "kpproc/framework/plugin_registry.hpp"
#include "structure_scoring.hpp"

namespace fs = std::filesystem;
namespace fw = kpproc::framework;
namespace ss = kpproc::structure_scoring;

int main(int argc, char** argv) {
    bool errors = false;
    std::string only;
    fs::path source = KPPROC_SOURCE_DIR;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--errors") {
            errors = true;
        } else if (arg == "--only" && i + 1 < argc) {
            only = argv[++i];
        } else if (arg == "--source" && i + 1 < argc) {
            source = argv[++i];
        } else {
            std::cerr << "usage: structure-score [--errors] [--only SUBSTRING] [--source DIR]\n";
            return arg == "--help" || arg == "-h" ? 0 : 2;
        }
    }
    try {
        fw::PluginRegistry registry;
        registry.load_directory(KPPROC_TEST_PLUGIN_DIR);
        const fw::Pipeline pipeline(registry, fw::parse_chain("auto"),
                                    fw::Pipeline::ExporterRule::optional);
        auto worker = pipeline.make_worker();
        const auto run = [&](const fs::path& input) { return ss::read_fixture(*worker, input); };
        auto scores = ss::evaluate(source / "tests/data/structure", run);
        if (!only.empty()) {
            std::erase_if(scores, [&](const auto& entry) {
                return entry.first.find(only) == std::string::npos;
            });
        }
        std::cout << ss::format_table(scores);
        if (errors) {
            for (const auto& [name, s] : scores) {
                if (!s.errors.empty()) {
                    std::cout << "\n" << name << "\n";
                    for (const auto& e : s.errors) {
                        std::cout << e << "\n";
                    }
                }
            }
        }
    } catch (const std::exception& e) {
        std::cerr << "structure-score: " << e.what() << "\n";
        return 2;
    }
    return 0;
}
