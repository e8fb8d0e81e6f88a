// entity-score: precision, recall and F1 of the entities processor against the gold files.
//
//   entity-score [--errors] [--set NAME]... [--source DIR]
//
// Scores each set (default: seeds, fixtures and structure) of tests/data/gold/<set>/**.tsv against
// the documents tests/data/<set>/<path>.{txt,html} run through 'auto ! entities' with the plugins
// of this build. --errors lists every missed, spurious and wrongly valued mention.

#include <cstdio>
#include <cstring>
#include <iostream>

#include "entity_scoring.hpp"
#include "kpproc/framework/batch.hpp"
#include "kpproc/framework/chain.hpp"
#include "kpproc/framework/pipeline.hpp"
#include "kpproc/framework/plugin_registry.hpp"

namespace fs = std::filesystem;
namespace fw = kpproc::framework;

int main(int argc, char** argv) {
    bool errors = false;
    std::vector<std::string> sets;
    fs::path source = KPPROC_SOURCE_DIR;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--errors") {
            errors = true;
        } else if (arg == "--set" && i + 1 < argc) {
            sets.emplace_back(argv[++i]);
        } else if (arg == "--source" && i + 1 < argc) {
            source = argv[++i];
        } else {
            std::cerr << "usage: entity-score [--errors] [--set seeds|fixtures|structure]... "
                         "[--source DIR]\n";
            return arg == "--help" || arg == "-h" ? 0 : 2;
        }
    }
    if (sets.empty()) {
        sets = {"seeds", "fixtures", "structure"};
    }
    try {
        fw::PluginRegistry registry;
        registry.load_directory(KPPROC_TEST_PLUGIN_DIR);
        const fw::Pipeline pipeline(registry, fw::parse_chain("auto ! entities"),
                                    fw::Pipeline::ExporterRule::optional);
        auto worker = pipeline.make_worker();
        const auto run = [&](const fs::path& input) {
            const std::string bytes =
                fw::read_input(fw::Input{input.string(), input, input.filename(), {}, {}}, 1u << 30);
            return worker->run(input.string(), bytes);
        };
        for (const auto& set : sets) {
            const auto scores = kpproc::scoring::evaluate_set(source / "tests/data/gold" / set,
                                                              source / "tests/data" / set, run);
            kpproc::scoring::Score total;
            for (const auto& [name, s] : scores) {
                total.add(s);
            }
            std::cout << "== " << set << " (" << scores.size() << " documents)\n"
                      << kpproc::scoring::format_table(total);
            if (errors) {
                for (const auto& m : total.misses) {
                    std::cout << "  " << m.kind << "\t" << m.mention.type << "\t" << m.mention.begin
                              << "\t" << m.mention.text << "\t" << m.mention.value << "\t" << m.note
                              << "\n";
                }
            }
        }
    } catch (const std::exception& e) {
        std::cerr << "entity-score: " << e.what() << "\n";
        return 2;
    }
    return 0;
}
