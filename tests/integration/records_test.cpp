// Detection and reading over the variety of real records (issue 10), through the command line:
// every layout fixture under tests/data/structure is read by some adapter (none refused), text
// that is not a meeting record stays refused, and a document's warnings reach standard error
// and the summary.

#include <catch2/catch.hpp>

#include <filesystem>

#include "test_support.hpp"

namespace fs = std::filesystem;

namespace {

const fs::path kBinary = KPPROC_BINARY;
const fs::path kSource = KPPROC_SOURCE_DIR;

kpproc::testing::ProcessResult kpproc_run(const std::vector<std::string>& args,
                                          const std::string& stdin_file = "/dev/null") {
    return kpproc::testing::run_process(kBinary, args, stdin_file);
}

}  // namespace

TEST_CASE("Every layout fixture is read by an adapter: no meeting record is refused",
          "[records][detection]") {
    std::size_t fixtures = 0;
    for (const auto& entry : fs::recursive_directory_iterator(kSource / "tests/data/structure")) {
        const auto ext = entry.path().extension();
        if (ext != ".txt" && ext != ".html") {
            continue;
        }
        ++fixtures;
        const auto r = kpproc_run({"detect", entry.path().string()});
        INFO(entry.path().filename().string() << "\n" << r.out);
        CHECK(r.status == 0);
        CHECK_THAT(r.out, !Catch::Contains("nothing chosen"));
    }
    CHECK(fixtures >= 50);
}

TEST_CASE("Text that is not a meeting record is refused, whatever words it shares with one",
          "[records][detection]") {
    std::vector<fs::path> others = {kSource / "README.md", kSource / "framework/src/batch.cpp",
                                    kSource / "CMakeLists.txt",
                                    kSource / "tests/data/structure/GOLD.md"};
    for (const auto& entry : fs::directory_iterator(kSource / "tests/data/not-records")) {
        others.push_back(entry.path());
    }
    for (const char* licence :
         {"/usr/share/common-licenses/GPL-3", "/usr/share/common-licenses/Apache-2.0"}) {
        if (fs::exists(licence)) {
            others.emplace_back(licence);
        }
    }
    for (const auto& path : others) {
        const auto r = kpproc_run({"detect", path.string()});
        INFO(r.out);
        CHECK(r.status == 1);
        CHECK_THAT(r.out, Catch::Contains("nothing chosen"));
    }
}

TEST_CASE("A document's warnings reach standard error and the summary", "[records][warnings]") {
    const kpproc::testing::TempDir dir;
    const fs::path input = dir.path / "record.txt";
    std::ofstream(input) << "MINUTES\n\nPresent: Cllr A Smith and Cllr B Jones\n\nNothing else.\n";
    auto r = kpproc_run({"run", input.string()});
    CHECK(r.status == 0);
    CHECK_THAT(r.err, Catch::Contains("kpproc: warning: " + input.string() +
                                      ": no agenda items were found") &&
                          Catch::Contains("1 of 1 document done, 1 with warnings"));
    r = kpproc_run({"run", "-q", input.string()});
    CHECK(r.err.empty());
}

TEST_CASE("A ModernGov page is known by its title line, even under a long site menu",
          "[records][detection]") {
    const kpproc::testing::TempDir dir;
    const fs::path page = dir.path / "page.txt";
    std::string menu;
    for (int i = 0; i < 120; ++i) {
        menu += "Menu entry " + std::to_string(i) + " - Council services\n";
    }
    std::ofstream(page) << menu
                        << "\nWestshire Licensing Committee - Tuesday, 11th March, 2025 6.30 pm\n\n"
                           "Venue: Council Chamber, Civic Centre\n\nContact: Committee Services\n\n"
                           "Items\nNo. Item\n\n1.\n\nApologies for Absence\n\nMinutes:\n\nNone "
                           "were received.\n";
    const auto r = kpproc_run({"detect", page.string()});
    CHECK(r.status == 0);
    CHECK_THAT(r.out, Catch::Contains("kp.adapter.moderngov"));
}
