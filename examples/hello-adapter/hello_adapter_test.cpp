// The hello adapter's own tests, written with the plugin author's kit (kpproc/testing.hpp):
// the built plugin is loaded from its file and run as kpproc runs it, and every document it
// makes is checked against the rules of the document model. The kit works with any test
// framework; this file needs none, so that the example builds with nothing else installed.
//
//   hello-adapter-tests PLUGIN_FILE EXAMPLE_DIR

#include <kpproc/testing.hpp>

#include <filesystem>
#include <iostream>
#include <string>

namespace {

int failures = 0;

void expect(bool ok, const std::string& what) {
    std::cout << (ok ? "ok    " : "FAIL  ") << what << "\n";
    failures += ok ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 3) {
        std::cerr << "usage: hello-adapter-tests PLUGIN_FILE EXAMPLE_DIR\n";
        return 2;
    }
    const std::filesystem::path example_dir = argv[2];
    try {
        kpproc::testing::PluginUnderTest adapter(argv[1]);
        expect(adapter.id() == "org.example.adapter.hello", "the plugin says who it is");

        expect(adapter.detect("HELLO MINUTES\n", "x.txt").confidence > 0.9,
               "the header is recognised whatever the file is called");
        expect(adapter.detect("Minutes\n", "x.txt").confidence == 0.0, "other text is not claimed");

        // The sample against its reviewed golden file (KPPROC_UPDATE_GOLDEN=1 rewrites it).
        const auto doc = adapter.parse_file(example_dir / "sample.hello", "sample.hello");
        const auto golden = kpproc::testing::compare_with_golden(doc, example_dir / "sample.json");
        expect(golden.matches, "the sample reads as its golden file");
        std::cout << golden.diff;

        // A "Meeting:" line with nothing after it gives no body: null, not "".
        const auto bare = adapter.parse("HELLO MINUTES\nMeeting:\n# Item\nText.\n", "bare.hello");
        expect(!bare.meeting.body.has_value(), "an empty Meeting: line leaves the body null");

        // Input of another format is refused with the adapter's own error.
        try {
            (void)adapter.parse("Something else\n", "other.hello");
            expect(false, "input without the header is refused");
        } catch (const kpproc::testing::Failure& e) {
            expect(std::string(e.what()).find("(not-hello)") != std::string::npos,
                   "input without the header is refused");
        }
    } catch (const kpproc::testing::Failure& e) {
        // Parsing checks the document model's rules: a broken one ends up here, saying where.
        std::cout << "FAIL  " << e.what() << "\n";
        return 1;
    }
    std::cout << (failures == 0 ? "all passed\n" : std::to_string(failures) + " failed\n");
    return failures == 0 ? 0 : 1;
}
