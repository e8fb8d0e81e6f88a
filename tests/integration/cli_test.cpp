// The kpproc command line, run as a separate process the way a user runs it.

#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "kpproc/json.hpp"

#include "moderngov_pages.hpp"
#include "test_support.hpp"

namespace fs = std::filesystem;
using kpproc::testing::slurp;
using kpproc::testing::TempDir;

namespace {

const fs::path kBinary = KPPROC_BINARY;
const fs::path kBadPluginDir = KPPROC_BAD_PLUGIN_DIR;
const fs::path kExampleData = KPPROC_EXAMPLE_DATA_DIR;
const fs::path kTestOnlyPlugins = KPPROC_TEST_ONLY_PLUGIN_DIR;
const fs::path kTestData = KPPROC_TEST_DATA_DIR;
const fs::path kCliDocs = KPPROC_CLI_DOCS_DIR;

using Result = kpproc::testing::ProcessResult;
using kpproc::testing::shell_quote;

// Runs kpproc with `args`; standard input from `stdin_file` (or /dev/null).
Result run_kpproc(const std::vector<std::string>& args, const std::string& stdin_file = "/dev/null",
                  const std::string& prefix = {}) {
    return kpproc::testing::run_process(kBinary, args, stdin_file, prefix);
}

std::vector<kpproc::json::Value> ndjson(const std::string& text) {
    std::vector<kpproc::json::Value> docs;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) {
        docs.push_back(kpproc::json::parse(line));
    }
    return docs;
}

}  // namespace

TEST_CASE("--help and --version answer and exit 0", "[cli]") {
    auto r = run_kpproc({"--help"});
    CHECK(r.status == 0);
    CHECK_THAT(r.out, Catch::Contains("kpproc run") && Catch::Contains("Exit status"));
    r = run_kpproc({"--version"});
    CHECK(r.status == 0);
    CHECK_THAT(r.out, Catch::StartsWith("kpproc "));
    for (const char* command : {"run", "plugins", "inspect", "detect", "search", "link"}) {
        INFO(command);
        r = run_kpproc({command, "--help"});
        CHECK(r.status == 0);
        CHECK_THAT(r.out, Catch::Contains(std::string("usage: kpproc ") + command));
        CHECK_THAT(r.out, Catch::Contains("--plugin-path"));
        // `kpproc help CMD` is the same help.
        const auto help = run_kpproc({"help", command});
        CHECK(help.status == 0);
        CHECK(help.out == r.out);
    }
}

TEST_CASE("Options before the command are the command's: kpproc --plugin-path DIR plugins",
          "[cli]") {
    // As `git -C DIR` and `gst-inspect --gst-plugin-path`: the test-only plugins' directory,
    // given before the command, is searched.
    const std::string dir = kTestOnlyPlugins.string();
    const auto after = run_kpproc({"plugins", "--json", "--plugin-path", dir});
    REQUIRE(after.status == 0);
    REQUIRE_THAT(after.out, Catch::Contains("org.kpproc-tests."));
    for (const std::vector<std::string>& before : {std::vector<std::string>{"--plugin-path", dir},
                                                   {"-p", dir},
                                                   {"--plugin-path=" + dir},
                                                   {"-p" + dir}}) {
        INFO(before.front());
        std::vector<std::string> args = before;
        args.insert(args.end(), {"plugins", "--json"});
        const auto r = run_kpproc(args);
        CHECK(r.status == 0);
        CHECK(r.out == after.out);
    }
    const auto dangling = run_kpproc({"--plugin-path"});
    CHECK(dangling.status == 2);
    CHECK_THAT(dangling.err, Catch::Contains("option '--plugin-path' needs a value"));
}

TEST_CASE("Mistyped commands, options and plugins get a suggestion, in kpproc's own words",
          "[cli][errors]") {
    auto r = run_kpproc({"serch", "db", "x"});
    CHECK(r.status == 2);
    CHECK_THAT(r.err,
               Catch::Contains(
                   "unknown command 'serch' (did you mean 'search'?); the commands are run, "));
    r = run_kpproc({"run", "--chian", "auto ! json", "x"});
    CHECK(r.status == 2);
    CHECK_THAT(r.err, Catch::Contains("unknown option '--chian' (did you mean '--chain'?)"));
    r = run_kpproc({"run", "--jobs"});
    CHECK(r.status == 2);
    CHECK_THAT(r.err, Catch::Contains("option '--jobs' needs a value"));
    r = run_kpproc({"plugins", "--json=yes"});
    CHECK(r.status == 2);
    CHECK_THAT(r.err, Catch::Contains("option '--json' takes no value"));
    // Poco's own wording ("Unknown option: chian") is never shown.
    for (const auto& args : std::vector<std::vector<std::string>>{
             {"run", "--chian", "x"}, {"run", "--jobs"}, {"plugins", "--json=yes"}}) {
        const auto e = run_kpproc(args);
        CHECK(e.err.find("option:") == std::string::npos);
        CHECK(e.err.find("Option") == std::string::npos);
    }
    const std::string seed = (kTestData / "seeds/001_78dbf443e4e88d81.txt").string();
    r = run_kpproc({"run", "-c", "auto ! jsn", seed});
    CHECK(r.status == 2);
    CHECK_THAT(r.err, Catch::Contains("no plugin named 'jsn' (did you mean 'json'?); available: "));
    r = run_kpproc({"inspect", "entites"});
    CHECK(r.status == 2);
    CHECK_THAT(r.err, Catch::Contains("(did you mean 'entities'?)"));
    // Nothing near: no guess.
    r = run_kpproc({"run", "-c", "auto ! spreadsheet", seed});
    CHECK(r.status == 2);
    CHECK(r.err.find("did you mean") == std::string::npos);
}

TEST_CASE("The man page and the bash completion are written from the help", "[cli][docs]") {
    const std::string man = slurp(kCliDocs / "kpproc.1");
    CHECK_THAT(man, Catch::StartsWith(".TH KPPROC 1"));
    for (const char* command : {"run", "plugins", "inspect", "detect", "search", "link"}) {
        INFO(command);
        CHECK_THAT(man, Catch::Contains(std::string(".SS ") + command));
    }
    // Every option of run, as its help gives it ('-' escaped for roff).
    for (const char* option : {"chain", "shard", "inputs\\-from", "skip\\-existing", "isolate"}) {
        INFO(option);
        CHECK_THAT(man, Catch::Contains(std::string("\\-\\-") + option));
    }
    // The completion, run as bash runs it.
    const fs::path completion = kCliDocs / "kpproc.bash";
    const auto complete = [&](const std::string& words, int current) {
        const std::string script = "source " + shell_quote(completion.string()) + "; COMP_WORDS=(" +
                                   words + "); COMP_CWORD=" + std::to_string(current) +
                                   "; _kpproc; echo \"${COMPREPLY[*]}\"";
        return kpproc::testing::run_process("/bin/bash", {"-c", script}).out;
    };
    CHECK(complete("kpproc ru", 1) == "run\n");
    CHECK(complete("kpproc run --sh", 2) == "--shard\n");
    CHECK(complete("kpproc -p /tmp search --ty", 4) == "--type\n");
    CHECK(complete("kpproc help li", 2) == "link\n");
}

TEST_CASE("Usage errors exit 2 and say what to do", "[cli][errors]") {
    auto r = run_kpproc({});
    CHECK(r.status == 2);
    r = run_kpproc({"frobnicate"});
    CHECK(r.status == 2);
    CHECK_THAT(r.err, Catch::Contains("unknown command 'frobnicate'"));
    r = run_kpproc({"run"});
    CHECK(r.status == 2);
    CHECK_THAT(r.err, Catch::Contains("no INPUT given"));
    r = run_kpproc({"run", "--bogus", "x"});
    CHECK(r.status == 2);
    CHECK_THAT(r.err, Catch::Contains("See 'kpproc run --help'"));
    r = run_kpproc({"run", "-j", "zero", "x"});
    CHECK(r.status == 2);
    CHECK_THAT(r.err, Catch::Contains("--jobs expects a whole number"));
}

TEST_CASE("An unknown plugin or a bad chain is a setup error (exit 2)", "[cli][errors]") {
    const fs::path input = kExampleData / "pcp-minutes-2023-10-17.txt";
    auto r = run_kpproc({"run", "--chain", "auto ! yaml", input.string()});
    CHECK(r.status == 2);
    CHECK_THAT(r.err, Catch::Contains("no plugin named 'yaml'") && Catch::Contains("available: "));
    CHECK(r.out.empty());
    r = run_kpproc({"run", "--chain", "auto ! json(pretty=perhaps)", input.string()});
    CHECK(r.status == 2);
    CHECK_THAT(r.err, Catch::Contains("option 'pretty' expects true or false, not 'perhaps'"));
    r = run_kpproc({"run", "--chain", "json ! auto", input.string()});
    CHECK(r.status == 2);
    CHECK_THAT(r.err, Catch::Contains("must begin with an adapter or 'auto'"));
    // The hint is a chain that works: 'auto' first and nowhere else (issue 9, defect 9).
    CHECK_THAT(r.err,
               Catch::Contains("write e.g. 'auto ! json'") && !Catch::Contains("json ! auto'"));
    r = run_kpproc({"run", "--chain", "entities ! json(pretty=false)", input.string()});
    CHECK(r.status == 2);
    CHECK_THAT(r.err, Catch::Contains("write e.g. 'auto ! entities ! json(pretty=false)'"));
    r = run_kpproc({"run", "--chain", "auto ! json(", input.string()});
    CHECK(r.status == 2);
    CHECK_THAT(r.err, Catch::Contains("column 13"));
}

TEST_CASE("run: one document to stdout is one pretty JSON document", "[cli]") {
    const fs::path input = kExampleData / "pcp-minutes-2023-10-17.txt";
    const auto r = run_kpproc({"run", input.string()});
    REQUIRE(r.status == 0);
    const auto doc = kpproc::json::parse(r.out);
    CHECK(doc.find("source")->find("path")->as_string() == input.string());
    CHECK(doc.find("source")->find("adapter")->as_string() == "kp.adapter.plaintext-minutes");
    CHECK(doc.find("source")->find("bytes")->as_int() ==
          static_cast<std::int64_t>(fs::file_size(input)));
    CHECK(doc.find("source")->find("sha256")->as_string().size() == 64);
    CHECK(doc.find("text")->as_string() == slurp(input));
    CHECK_THAT(r.out, Catch::Contains("\n  \"source\": {"));  // pretty by default
    CHECK_THAT(r.err, Catch::Contains("kpproc: 1 document done in"));
}

TEST_CASE("run: a missing file fails alone - the others are written - exit 1", "[cli][errors]") {
    const auto r = run_kpproc(
        {"run", "-q", (kExampleData / "moderngov-item-questions.txt").string(),
         "/no/such/minutes.txt", (kExampleData / "pcp-minutes-2023-10-17.txt").string()});
    CHECK(r.status == 1);
    CHECK_THAT(r.err,
               Catch::Contains("/no/such/minutes.txt: cannot read: No such file or directory"));
    const auto docs = ndjson(r.out);  // several documents in one stream: NDJSON
    REQUIRE(docs.size() == 2);
    CHECK_THAT(docs[1].find("source")->find("path")->as_string(),
               Catch::EndsWith("pcp-minutes-2023-10-17.txt"));
}

TEST_CASE("run: a directory with an unreadable file still processes the rest - exit 1",
          "[cli][errors]") {
    TempDir dir;
    for (const auto& entry : fs::directory_iterator(kExampleData)) {
        fs::copy_file(entry.path(), dir.path / entry.path().filename());
    }
    // A dangling link cannot be read even by root; a mode-000 file only by non-root users.
    fs::create_symlink(dir.path / "gone.txt", dir.path / "broken-link.txt");
    std::size_t unreadable = 1;
    if (::geteuid() != 0) {
        std::ofstream(dir.path / "locked.txt") << "secret";
        fs::permissions(dir.path / "locked.txt", fs::perms::none);
        ++unreadable;
    }
    const TempDir out;
    const auto r = run_kpproc({"run", "-o", out.path.string() + "/", dir.path.string()});
    CHECK(r.status == 1);
    CHECK_THAT(r.err, Catch::Contains("broken-link.txt: cannot read"));
    CHECK_THAT(r.err, Catch::Contains(std::to_string(unreadable) + " failed"));
    std::vector<std::string> written;
    for (const auto& entry : fs::directory_iterator(out.path)) {
        written.push_back(entry.path().filename().string());
        CHECK_NOTHROW(kpproc::json::parse(slurp(entry.path())));
    }
    std::sort(written.begin(), written.end());
    CHECK(written == std::vector<std::string>{
                         "moderngov-item-police-crime-plan.json", "moderngov-item-questions.json",
                         "moderngov-meeting-page.json", "pcc-board-notes-2015-11-11.json",
                         "pcp-minutes-2023-10-17.json"});
}

TEST_CASE("run: -o FILE gets every document as NDJSON, written atomically", "[cli]") {
    const TempDir out;
    const fs::path file = out.path / "all.ndjson";
    const auto r = run_kpproc({"run", "-q", "-o", file.string(), kExampleData.string()});
    CHECK(r.status == 0);
    CHECK(r.out.empty());
    const auto docs = ndjson(slurp(file));
    CHECK(docs.size() == 5);
    CHECK(std::distance(fs::directory_iterator(out.path), fs::directory_iterator()) == 1);
}

TEST_CASE("run: nothing is written when every document fails", "[cli][errors]") {
    const TempDir out;
    const fs::path file = out.path / "out.json";
    const auto r = run_kpproc({"run", "-q", "-o", file.string(), "/no/such/file"});
    CHECK(r.status == 1);
    CHECK_FALSE(fs::exists(file));
    CHECK(fs::is_empty(out.path));
}

TEST_CASE("run: -j 2 writes the same output, in input order, as -j 1", "[cli]") {
    // Many documents of very different sizes, so workers finish out of order.
    const TempDir dir;
    for (int i = 0; i < 60; ++i) {
        std::ofstream(dir.path / ("doc-" + std::to_string(100 + i) + ".txt"))
            << std::string(static_cast<std::size_t>((i * 7919) % 20000 + 1), 'x') << "\n"
            << i << "\n";
    }
    const auto one = run_kpproc({"run", "-q", "-j", "1", "-c", "text ! json", dir.path.string()});
    const auto two = run_kpproc({"run", "-q", "-j", "2", "-c", "text ! json", dir.path.string()});
    CHECK(one.status == 0);
    CHECK(two.status == 0);
    CHECK(one.out == two.out);
    const auto docs = ndjson(two.out);
    REQUIRE(docs.size() == 60);
    for (std::size_t i = 0; i < docs.size(); ++i) {
        CHECK_THAT(docs[i].find("source")->find("path")->as_string(),
                   Catch::EndsWith("doc-" + std::to_string(100 + i) + ".txt"));
    }
}

TEST_CASE("run: '-' reads standard input", "[cli]") {
    const TempDir dir;
    const fs::path input = dir.path / "in.txt";
    std::ofstream(input) << "First paragraph.\n\nSecond\nparagraph.\n";
    const auto r = run_kpproc({"run", "--chain", "text ! json(pretty=false)", "-"}, input.string());
    REQUIRE(r.status == 0);
    const auto doc = kpproc::json::parse(r.out);
    CHECK(doc.find("source")->find("path")->as_string() == "-");
    const auto& paragraphs = doc.find("items")->as_array()[0].find("paragraphs")->as_array();
    REQUIRE(paragraphs.size() == 2);
    CHECK(paragraphs[1].find("text")->as_string() == "Second paragraph.");
}

TEST_CASE("run: binary input fails with a reason from every adapter", "[cli][errors]") {
    const TempDir dir;
    std::ofstream(dir.path / "image.png", std::ios::binary)
        << std::string("\x89PNG\r\n\x1a\n\0\0\0", 11);
    const auto r = run_kpproc({"run", "-q", (dir.path / "image.png").string()});
    CHECK(r.status == 1);
    CHECK_THAT(r.err, Catch::Contains("image.png: no adapter recognises this input") &&
                          Catch::Contains("kp.adapter.text  0.00  binary data") &&
                          Catch::Contains("kp.adapter.moderngov  0.00  binary data"));
}

TEST_CASE("plugins: lists the built-in plugins, and refused ones with why", "[cli]") {
    auto r = run_kpproc({"plugins"});
    CHECK(r.status == 0);
    CHECK_THAT(r.out, Catch::Contains("kp.adapter.text") && Catch::Contains("kp.exporter.json"));
    CHECK_THAT(r.out, Catch::Contains("Processors:\n  kp.processor.entities"));

    r = run_kpproc({"plugins", "--json", "-p", (kBadPluginDir / "abi_major_mismatch").string(),
                    "-p", (kBadPluginDir / "toolchain_mismatch").string()});
    CHECK(r.status == 0);
    const auto listing = kpproc::json::parse(r.out);
    CHECK(listing.find("plugins")->as_array().size() >= 2);
    const auto& refused = listing.find("refused")->as_array();
    REQUIRE(refused.size() == 2);
    CHECK(refused[0].find("reason")->as_string() == "abi-major-mismatch");
    CHECK(refused[1].find("reason")->as_string() == "toolchain-mismatch");
    CHECK_THAT(refused[1].find("message")->as_string(), Catch::Contains("msvc-1939"));
}

TEST_CASE("plugins: the environment adds search directories", "[cli]") {
    ::setenv("KPPROC_PLUGIN_PATH", (kBadPluginDir / "null_factory").c_str(), 1);
    const auto r = run_kpproc({"plugins"});
    ::unsetenv("KPPROC_PLUGIN_PATH");
    CHECK(r.status == 0);
    CHECK_THAT(r.out, Catch::Contains("Refused:") && Catch::Contains("null-factory: "));
}

TEST_CASE("inspect: shows options with defaults - unknown ids exit 2", "[cli]") {
    auto r = run_kpproc({"inspect", "json"});
    CHECK(r.status == 0);
    CHECK_THAT(r.out, Catch::StartsWith("kp.exporter.json 1.0.0 (exporter)"));
    CHECK_THAT(r.out, Catch::Contains("pretty (bool, default true)"));
    CHECK_THAT(r.out, Catch::Contains("indent (int, default 2)"));
    r = run_kpproc({"inspect", "--json", "kp.adapter.text"});
    CHECK(r.status == 0);
    CHECK(kpproc::json::parse(r.out).find("kind")->as_string() == "adapter");
    r = run_kpproc({"inspect", "nosuch"});
    CHECK(r.status == 2);
    CHECK_THAT(r.err, Catch::Contains("no plugin named 'nosuch'"));
}

TEST_CASE("detect: names the adapter, or says nothing fits", "[cli]") {
    const TempDir dir;
    std::ofstream(dir.path / "empty.txt") << "";
    std::ofstream(dir.path / "blob.bin", std::ios::binary) << std::string("\0\1\2\3", 4);
    auto r = run_kpproc({"detect", (kExampleData / "pcp-minutes-2023-10-17.txt").string()});
    CHECK(r.status == 0);
    CHECK_THAT(r.out,
               Catch::Contains("pcp-minutes-2023-10-17.txt: kp.adapter.plaintext-minutes (0.95)"));
    r = run_kpproc({"detect", (dir.path / "empty.txt").string(), (dir.path / "blob.bin").string()});
    CHECK(r.status == 1);
    CHECK_THAT(r.out,
               Catch::Contains("empty.txt: nothing chosen: no adapter recognises this input"));
    CHECK_THAT(r.out, Catch::Contains("blob.bin: nothing chosen"));
    r = run_kpproc({"detect", "--json", "/no/such/file"});
    CHECK(r.status == 1);
    CHECK_THAT(r.err, Catch::Contains("/no/such/file: cannot read"));
}

TEST_CASE("run: a plugin that throws costs only that document, whatever it throws",
          "[cli][errors]") {
    const TempDir dir;
    std::ofstream(dir.path / "1-good.txt") << "An ordinary paragraph.\n";
    std::ofstream(dir.path / "2-bad.txt") << "This one says FAIL-HERE.\n";
    std::ofstream(dir.path / "3-good.txt") << "Another paragraph.\n";
    const std::pair<const char*, const char*> cases[] = {
        {"error",
         "2-bad.txt: fail-on-marker: processing failed: deliberate failure on 'FAIL-HERE'"},
        {"std", "2-bad.txt: fail-on-marker: processing failed: deliberate std::out_of_range"},
        {"other", "2-bad.txt: fail-on-marker: processing failed: unknown exception"},
    };
    for (const auto& [kind, message] : cases) {
        INFO(kind);
        const auto r = run_kpproc(
            {"run", "-q", "-p", kTestOnlyPlugins.string(), "--chain",
             std::string("text ! fail-on-marker(throw=") + kind + ") ! json(pretty=false)",
             dir.path.string()});
        CHECK(r.status == 1);
        CHECK_THAT(r.err, Catch::Contains(message));
        const auto docs = ndjson(r.out);
        REQUIRE(docs.size() == 2);
        CHECK_THAT(docs[0].find("source")->find("path")->as_string(),
                   Catch::EndsWith("1-good.txt"));
        CHECK_THAT(docs[1].find("source")->find("path")->as_string(),
                   Catch::EndsWith("3-good.txt"));
    }
}

TEST_CASE("run --check: a plugin that breaks the model's rules fails that document, named",
          "[cli][errors][check]") {
    const TempDir dir;
    std::ofstream(dir.path / "1-good.txt") << "An ordinary paragraph.\n";
    std::ofstream(dir.path / "2-bad.txt") << "This one says BREAK-HERE.\n";
    std::ofstream(dir.path / "3-good.txt") << "Another paragraph.\n";
    const std::pair<const char*, const char*> cases[] = {
        {"span", "diagnostics[0].span: [5, 999999) ends after the text, which is 26 bytes"},
        {"empty", "meeting.venue: is set but empty; what the source does not give is null"},
        {"duplicate-id", "entities[1].id: \"dup\" is the id of an earlier entity too"},
    };
    // In worker processes (the test plugins come from outside kpproc's directory) and in the
    // kpproc process itself.
    for (const char* isolation : {"--isolate", "--no-isolate"}) {
        for (const auto& [how, violation] : cases) {
            INFO(isolation << " " << how);
            const auto r = run_kpproc(
                {"run", "-q", "--check", isolation, "-p", kTestOnlyPlugins.string(), "--chain",
                 std::string("text ! break-model(how=") + how + ") ! json(pretty=false)",
                 dir.path.string()});
            CHECK(r.status == 1);
            CHECK_THAT(r.err, Catch::Contains("2-bad.txt: org.kpproc-tests.processor.break-model "
                                              "broke the rules of the document model "
                                              "(1 violation):"));
            CHECK_THAT(r.err, Catch::Contains(violation));
            const auto docs = ndjson(r.out);
            REQUIRE(docs.size() == 2);
            CHECK_THAT(docs[1].find("source")->find("path")->as_string(),
                       Catch::EndsWith("3-good.txt"));
        }
    }
}

TEST_CASE(
    "run: a processor's batch stage runs once per document in input order, and a "
    "failure there costs only that document",
    "[cli][errors][batch]") {
    const TempDir dir;
    for (int i = 1; i <= 6; ++i) {
        std::ofstream(dir.path / (std::to_string(i) + ".txt"))
            << (i == 4 ? "This one says BATCH-FAIL.\n" : "An ordinary paragraph.\n");
    }
    const auto r = run_kpproc({"run", "-q", "-j", "3", "-p", kTestOnlyPlugins.string(), "--chain",
                               "text ! batch-probe ! json(pretty=false)", dir.path.string()});
    CHECK(r.status == 1);
    CHECK_THAT(r.err, Catch::Contains("4.txt: batch-probe: batch processing failed: deliberate "
                                      "failure in the batch stage"));
    const auto docs = ndjson(r.out);
    REQUIRE(docs.size() == 5);
    // One shared instance saw the documents in input order, whatever the number of workers.
    const char* expected[] = {"1", "2", "3", "5", "6"};
    for (std::size_t k = 0; k < docs.size(); ++k) {
        CHECK_THAT(docs[k].find("source")->find("path")->as_string(),
                   Catch::EndsWith(std::string(expected[k]) + ".txt"));
        const auto& diagnostics = docs[k].find("diagnostics")->as_array();
        REQUIRE_FALSE(diagnostics.empty());
        CHECK(diagnostics.back().find("message")->as_string() ==
              "batch position " + std::to_string(k + 1));
    }
}

TEST_CASE(
    "run: a processor built for ABI 1.0 loads, and its missing batch stage is never "
    "called",
    "[cli][batch]") {
    const TempDir dir;
    std::ofstream(dir.path / "a.txt") << "This one says BATCH-FAIL.\n";
    const auto listing = run_kpproc({"inspect", "-p", kTestOnlyPlugins.string(), "--json",
                                     "org.kpproc-tests.processor.batch-probe-1-0"});
    CHECK(listing.status == 0);
    const auto r = run_kpproc({"run", "-q", "-p", kTestOnlyPlugins.string(), "--chain",
                               "text ! batch-probe-1-0 ! json(pretty=false)", dir.path.string()});
    CHECK(r.status == 0);
    const auto docs = ndjson(r.out);
    REQUIRE(docs.size() == 1);
    CHECK(docs[0].find("diagnostics")->as_array().empty());
}

TEST_CASE("run: an adapter that throws on its input costs only that document", "[cli][errors]") {
    const TempDir dir;
    std::ofstream(dir.path / "a.txt") << "text\n";
    std::ofstream(dir.path / "b.bin", std::ios::binary) << std::string("\0\0\0\1binary", 10);
    const auto r =
        run_kpproc({"run", "-q", "--chain", "text ! json", "-o", (dir.path / "out").string() + "/",
                    (dir.path / "a.txt").string(), (dir.path / "b.bin").string()});
    CHECK(r.status == 1);
    CHECK_THAT(r.err,
               Catch::Contains("b.bin: text: parse failed: the input is binary data, not text"));
    CHECK(fs::exists(dir.path / "out" / "a.json"));
    CHECK_FALSE(fs::exists(dir.path / "out" / "b.json"));
}

TEST_CASE("run: an output that cannot be created is a setup error naming it", "[cli][errors]") {
    const auto r = run_kpproc({"run", "-q", "-o", "/no/such/directory/out.json",
                               (kExampleData / "moderngov-item-questions.txt").string()});
    CHECK(r.status == 2);
    CHECK_THAT(r.err, Catch::Contains("/no/such/directory/out.json: cannot create a file in "
                                      "/no/such/directory: No such file or directory"));
}

TEST_CASE("detect and run: a near-tie is reported, not guessed, and a clear winner is chosen",
          "[cli][detection]") {
    const TempDir dir;
    std::ofstream(dir.path / "tie.txt")
        << "This is a default template, your custom branding appears to be missing.\nTIE-ME\n";
    std::ofstream(dir.path / "clear.txt") << "Some text. CLEAR-WIN\n";
    const std::string plugins = kTestOnlyPlugins.string();
    auto r = run_kpproc({"detect", "-p", plugins, (dir.path / "tie.txt").string()});
    CHECK(r.status == 1);
    CHECK_THAT(r.out,
               Catch::Contains("adapters kp.adapter.moderngov and org.kpproc-tests.adapter.tie "
                               "fit almost equally well"));
    CHECK_THAT(r.out, Catch::Contains("org.kpproc-tests.adapter.tie  0.93  contains TIE-ME"));
    CHECK_THAT(r.out, Catch::Contains(
                          "kp.adapter.moderngov  0.95  ModernGov's 'default template' notice"));

    r = run_kpproc({"run", "-q", "-p", plugins, (dir.path / "tie.txt").string()});
    CHECK(r.status == 1);
    CHECK_THAT(r.err, Catch::Contains("fit almost equally well; name one in the chain"));
    // Naming the adapter settles it.
    r = run_kpproc(
        {"run", "-q", "-p", plugins, "--chain", "tie ! json", (dir.path / "tie.txt").string()});
    CHECK(r.status == 0);

    r = run_kpproc({"detect", "--all", "-p", plugins, (dir.path / "clear.txt").string()});
    CHECK(r.status == 0);
    CHECK_THAT(r.out,
               Catch::StartsWith((dir.path / "clear.txt").string() +
                                 ": org.kpproc-tests.adapter.tie (0.90) contains CLEAR-WIN"));
    CHECK_THAT(r.out, Catch::Contains("kp.adapter.text  0.10"));
}

TEST_CASE("run: a failed write to standard output is an error, not a silent success",
          "[cli][errors]") {
    if (!fs::is_character_file("/dev/full")) {
        WARN("skipped: no /dev/full");
        return;
    }
    std::string command = shell_quote(kBinary.string()) + " run -q " +
                          shell_quote((kExampleData / "pcp-minutes-2023-10-17.txt").string()) +
                          " >/dev/full 2>/dev/null";
    const int raw = std::system(command.c_str());
    REQUIRE(WIFEXITED(raw));
    CHECK(WEXITSTATUS(raw) == 1);
}

TEST_CASE("run: -o /dev/null writes to the device and leaves it a device", "[cli]") {
    const auto r = run_kpproc(
        {"run", "-q", "-o", "/dev/null", (kExampleData / "moderngov-item-questions.txt").string()});
    CHECK(r.status == 0);
    CHECK(fs::is_character_file("/dev/null"));
}

TEST_CASE("run: a plugin that cannot be set up is one setup error, with or without -j",
          "[cli][errors]") {
    for (const char* jobs : {"1", "2"}) {
        INFO("-j " << jobs);
        const auto r =
            run_kpproc({"run", "-q", "-j", jobs, "-p", kTestOnlyPlugins.string(), "--chain",
                        "auto ! fail-on-marker(marker=\"\") ! json", kExampleData.string()});
        CHECK(r.status == 2);
        CHECK_THAT(r.err, Catch::Contains("the marker must not be empty"));
        CHECK(r.out.empty());
    }
}

TEST_CASE(
    "run: ModernGov pages with a wrong charset or deep nesting put only kpproc's lines on "
    "stderr, on every worker",
    "[cli][html]") {
    using kpproc::testing::meta_charset;
    using kpproc::testing::moderngov_item_table;
    using kpproc::testing::moderngov_page;
    using kpproc::testing::repeat;
    // libxml2 used to print "encoding error : input conversion failed…" and "Excessive depth in
    // document" itself, with no file name, and read only part of each page.
    const std::string minutes =
        "The Treasurer\xE2\x80\x99s report: \xC2\xA3"
        "5m for the caf\xC3\xA9.";
    const TempDir dir;
    for (const char* declared : {"utf-16", "iso-2022-jp", "ibm037", "utf-8"}) {
        const bool wrong = std::string_view(declared) != "utf-8";
        std::ofstream(dir.path / (std::string(declared) + ".html")) << moderngov_page(
            meta_charset(declared),
            (wrong ? "" : repeat("<div>", 300)) + moderngov_item_table("1", "Budget", minutes));
    }
    const auto r =
        run_kpproc({"run", "-j", "2", "--chain", "auto ! json(pretty=false)", dir.path.string()});
    CHECK(r.status == 0);
    std::istringstream err(r.err);
    for (std::string line; std::getline(err, line);) {
        CHECK_THAT(line, Catch::StartsWith("kpproc"));
    }
    CHECK_THAT(r.err, Catch::Contains("kpproc: 4 documents done in"));
    const auto docs = ndjson(r.out);
    REQUIRE(docs.size() == 4);
    for (const auto& doc : docs) {
        const std::string path = doc.find("source")->find("path")->as_string();
        INFO(path);
        CHECK_THAT(doc.find("text")->as_string(), Catch::Contains(minutes));
        const auto& diagnostics = doc.find("diagnostics")->as_array();
        if (path.ends_with("/utf-8.html")) {
            CHECK(diagnostics.empty());
        } else {
            REQUIRE(diagnostics.size() == 1);
            CHECK(diagnostics[0].find("code")->as_string() == "charset-mismatch");
        }
    }
}

TEST_CASE("detect: every seed and fixture gets its adapter, unrelated files get none",
          "[cli][detection]") {
    auto r = run_kpproc(
        {"detect", "--json", (kTestData / "seeds").string(), (kTestData / "fixtures").string()});
    CHECK(r.status == 0);
    const auto results = kpproc::json::parse(r.out).as_array();
    CHECK(results.size() >= 14);
    for (const auto& result : results) {
        const std::string path = result.find("path")->as_string();
        INFO(path);
        REQUIRE(result.find("adapter")->is_string());
        const std::string adapter = result.find("adapter")->as_string();
        const std::string name = fs::path(path).filename().string();
        const bool moderngov = name.find("moderngov") != std::string::npos ||
                               name.rfind("000_", 0) == 0 || name.rfind("003_", 0) == 0 ||
                               name.rfind("004_", 0) == 0;
        const bool plaintext =
            name.find("plaintext") != std::string::npos || name.rfind("001_", 0) == 0;
        CHECK(adapter == (moderngov   ? "kp.adapter.moderngov"
                          : plaintext ? "kp.adapter.plaintext-minutes"
                                      : "kp.adapter.governance-notes"));
    }

    const TempDir dir;
    std::ofstream(dir.path / "README.md")
        << "# A project\n\nSome notes about minutes and meetings.\n";
    std::ofstream(dir.path / "data.json")
        << "{\"kpproc\": \"1\", \"items\": [{\"title\": \"Minutes:\"}]}\n";
    std::ofstream(dir.path / "page.html")
        << "<!DOCTYPE html><html><body><p>Agenda and minutes</p></body></html>";
    std::ofstream(dir.path / "empty.txt") << "";
    std::ofstream(dir.path / "junk.bin", std::ios::binary) << std::string(
        "\x7f"
        "ELF\2\1\1\0\0\0",
        10);
    r = run_kpproc({"detect", dir.path.string()});
    CHECK(r.status == 1);
    for (const char* name : {"README.md", "data.json", "page.html", "empty.txt", "junk.bin"}) {
        CHECK_THAT(r.out, Catch::Contains(std::string(name) +
                                          ": nothing chosen: no adapter recognises this input"));
    }
}

// ---- A full disk and a place that cannot be written ---------------------------------------------

namespace {

// Runs kpproc with its files limited to `kilobytes` (writes beyond fail with EFBIG, as on a
// full disk: SIGXFSZ is ignored so the write returns an error instead of killing kpproc).
Result run_kpproc_on_small_disk(int kilobytes, const std::vector<std::string>& args) {
    std::vector<std::string> wrapped = {
        "-c", "ulimit -f " + std::to_string(kilobytes * 2) + "; trap '' XFSZ; exec \"$0\" \"$@\"",
        kBinary.string()};
    wrapped.insert(wrapped.end(), args.begin(), args.end());
    static TempDir scratch;
    std::string command = "/bin/sh";
    for (const auto& a : wrapped) {
        command += " " + shell_quote(a);
    }
    command += " </dev/null >" + shell_quote((scratch.path / "stdout").string()) + " 2>" +
               shell_quote((scratch.path / "stderr").string());
    const int raw = std::system(command.c_str());
    Result r;
    r.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : 128 + WTERMSIG(raw);
    r.out = slurp(scratch.path / "stdout");
    r.err = slurp(scratch.path / "stderr");
    return r;
}

std::size_t files_in(const fs::path& dir) {
    return static_cast<std::size_t>(
        std::distance(fs::directory_iterator(dir), fs::directory_iterator()));
}

}  // namespace

TEST_CASE("run: a full disk is a clear error and the earlier output stays intact",
          "[cli][errors][disk]") {
    const TempDir dir;
    const std::string seeds = (kTestData / "seeds").string();
    for (const char* exporter : {"json", "xml"}) {
        INFO(exporter);
        const fs::path target = dir.path / (std::string("out.") + exporter);
        std::ofstream(target) << "EARLIER OUTPUT\n";
        const auto r = run_kpproc_on_small_disk(
            8, {"run", "-q", "--chain", std::string("auto ! entities ! ") + exporter, "-o",
                target.string(), seeds});
        CHECK(r.status == 1);
        CHECK_THAT(r.err, Catch::Contains(target.filename().string()));
        CHECK(slurp(target) == "EARLIER OUTPUT\n");
    }
    CHECK(files_in(dir.path) == 2);  // no temporary file left behind

    // CSV: the earlier tables stay as they were, and no temporary table is left.
    const fs::path tables = dir.path / "tables";
    fs::create_directories(tables);
    std::ofstream(tables / "items.csv") << "EARLIER TABLE\r\n";
    const auto r = run_kpproc_on_small_disk(
        8, {"run", "-q", "--chain", "auto ! entities ! csv", "-o", tables.string() + "/", seeds});
    CHECK(r.status == 1);
    CHECK_THAT(r.err, Catch::Contains("writing failed"));
    CHECK(slurp(tables / "items.csv") == "EARLIER TABLE\r\n");
    CHECK(files_in(tables) == 1);

    // SQLite: the documents already in the database stay there, readable.
    const std::string db = (dir.path / "minutes.sqlite").string();
    REQUIRE(run_kpproc({"run", "-q", "--chain", "auto ! sqlite", "-o", db,
                        (kTestData / "seeds/004_4794919378d12ec7.txt").string()})
                .status == 0);
    const auto before = run_kpproc({"search", db, "Commissioner", "--json"});
    REQUIRE(before.status == 0);
    const auto small = run_kpproc_on_small_disk(
        8, {"run", "-q", "--chain", "auto ! entities ! sqlite", "-o", db, seeds});
    // 2 when the database cannot even be opened for writing, 1 when documents fail.
    CHECK(small.status != 0);
    CHECK_THAT(small.err, Catch::Contains("minutes.sqlite"));
    const auto after = run_kpproc({"search", db, "Commissioner", "--json"});
    CHECK(after.status == 0);
    CHECK_THAT(after.out, Catch::Contains("004_4794919378d12ec7.txt"));

    // A device that is full: the error names it.
    const auto full = run_kpproc({"run", "-q", "--chain", "auto ! json", "-o", "/dev/full", seeds});
    CHECK(full.status == 1);
    CHECK_THAT(full.err, Catch::Contains("/dev/full"));
}

TEST_CASE("run: an output place that cannot be created is a setup error naming it",
          "[cli][errors][disk]") {
    const TempDir dir;
    std::ofstream(dir.path / "blocker") << "a file, not a directory\n";
    const std::string seed = (kTestData / "seeds/001_78dbf443e4e88d81.txt").string();
    const auto csv = run_kpproc({"run", "-q", "--chain", "auto ! csv", "-o",
                                 (dir.path / "blocker/tables").string() + "/", seed});
    CHECK(csv.status != 0);
    CHECK_THAT(csv.err, Catch::Contains("blocker/tables") && Catch::Contains("cannot create"));
    const auto xml = run_kpproc({"run", "-q", "--chain", "auto ! xml", "-o",
                                 (dir.path / "blocker/out.xml").string(), seed});
    CHECK(xml.status != 0);
    CHECK_THAT(xml.err, Catch::Contains("blocker/out.xml"));
    CHECK(slurp(dir.path / "blocker") == "a file, not a directory\n");
}

TEST_CASE("search: full-text search over the sqlite exporter's database, with filters",
          "[cli][search]") {
    const TempDir dir;
    const std::string db = (dir.path / "minutes.sqlite").string();
    auto r = run_kpproc({"run", "-q", "--chain", "auto ! entities ! sqlite", "-o", db,
                         (kTestData / "seeds").string()});
    REQUIRE(r.status == 0);

    r = run_kpproc({"search", db, "\"county lines\""});
    CHECK(r.status == 0);
    // Meeting, date, item number and title, speaker, and the words marked (not a terminal).
    CHECK_THAT(r.out, Catch::Contains("Kent and Medway Police and Crime Panel, 2023-10-17 — item "
                                      "103 Police and Crime Commissioner Annual Report") &&
                          Catch::Contains("[county lines]"));

    r = run_kpproc({"search", db, "county", "--json"});
    CHECK(r.status == 0);
    const auto hits = kpproc::json::parse(r.out).as_array();
    REQUIRE_FALSE(hits.empty());
    for (const auto& hit : hits) {
        CHECK_THAT(hit.find("highlighted")->as_string(),
                   Catch::Contains("[county]", Catch::CaseSensitive::No));
        CHECK(hit.find("snippet")->as_string().find('[') == std::string::npos);
    }

    // Filters: type, dates, body, person.
    r = run_kpproc({"search", db, "Commissioner", "--type", "resolution", "--json"});
    CHECK(r.status == 0);
    const auto resolutions = kpproc::json::parse(r.out);  // kept: the loop reads into it
    for (const auto& hit : resolutions.as_array()) {
        CHECK(hit.find("kind")->as_string() == "resolution");
    }
    CHECK(run_kpproc({"search", db, "\"county lines\"", "--from", "2024-01-01"}).status == 1);
    CHECK(run_kpproc({"search", db, "\"county lines\"", "--to", "2023-10-17"}).status == 0);
    CHECK(run_kpproc({"search", db, "\"county lines\"", "--body", "Governance"}).status == 1);
    r = run_kpproc({"search", db, "report", "--person", "Scott", "--json"});
    CHECK(r.status == 0);
    const auto by_scott = kpproc::json::parse(r.out);
    REQUIRE_FALSE(by_scott.as_array().empty());
    for (const auto& hit : by_scott.as_array()) {
        CHECK(hit.find("date")->as_string() == "2023-10-17");
    }
    r = run_kpproc({"search", db, "county", "--limit", "2", "--json"});
    CHECK(kpproc::json::parse(r.out).as_array().size() == 2);

    // Nothing found is 1; mistakes are 2 and say what is wrong.
    CHECK(run_kpproc({"search", db, "zzqqxx"}).status == 1);
    r = run_kpproc({"search", db, "\"unbalanced"});
    CHECK(r.status == 2);
    CHECK_THAT(r.err, Catch::Contains("not FTS5 syntax"));
    r = run_kpproc({"search", (dir.path / "missing.sqlite").string(), "x"});
    CHECK(r.status == 2);
    CHECK_THAT(r.err, Catch::Contains("missing.sqlite: no such database file"));
    CHECK_FALSE(fs::exists(dir.path / "missing.sqlite"));
    r = run_kpproc({"search", db, "x", "--type", "speech"});
    CHECK(r.status == 2);
    CHECK_THAT(r.err, Catch::Contains("--type is paragraph, resolution, question or action"));
    r = run_kpproc({"search", db, "x", "--from", "17/10/2023"});
    CHECK(r.status == 2);
    r = run_kpproc({"search", db});
    CHECK(r.status == 2);
    CHECK_THAT(r.err, Catch::Contains("give a DATABASE and a QUERY"));
    r = run_kpproc({"search", "--help"});
    CHECK(r.status == 0);
    CHECK_THAT(r.out, Catch::Contains("usage: kpproc search") && Catch::Contains("--person"));
}

TEST_CASE("run: a read-only output directory is a clear error and nothing is written",
          "[cli][errors][disk]") {
    if (::geteuid() == 0) {
        WARN(
            "running as root, which ignores permissions: read-only directories are checked "
            "only as another user (the blocked path above covers root)");
        return;
    }
    const TempDir dir;
    const fs::path locked = dir.path / "locked";
    fs::create_directories(locked);
    fs::permissions(locked, fs::perms::owner_read | fs::perms::owner_exec);
    const std::string seed = (kTestData / "seeds/004_4794919378d12ec7.txt").string();
    for (const std::string chain : {"auto ! json", "auto ! xml", "auto ! csv", "auto ! sqlite"}) {
        INFO(chain);
        const std::string target =
            chain == "auto ! csv" ? (locked / "tables").string() + "/" : (locked / "out").string();
        const auto r = run_kpproc({"run", "-q", "--chain", chain, "-o", target, seed});
        CHECK(r.status != 0);
        CHECK_THAT(r.err, Catch::Contains("locked"));
    }
    fs::permissions(locked, fs::perms::owner_all);
    CHECK(fs::directory_iterator(locked) == fs::directory_iterator());
}

TEST_CASE("run: --skip-existing leaves out inputs whose output is newer, and needs -o DIR/",
          "[cli][resume]") {
    const TempDir dir;
    fs::create_directories(dir.path / "in");
    for (const auto& e : fs::directory_iterator(kExampleData)) {
        fs::copy_file(e.path(), dir.path / "in" / e.path().filename());
    }
    const std::string in = (dir.path / "in").string();
    const std::string out = (dir.path / "out").string() + "/";
    auto r = run_kpproc({"run", "-o", out, in});
    REQUIRE(r.status == 0);
    const fs::path kept = dir.path / "out" / "pcp-minutes-2023-10-17.json";
    const fs::path redone = dir.path / "out" / "moderngov-meeting-page.json";
    REQUIRE(fs::exists(kept));
    REQUIRE(fs::exists(redone));
    // An output older than its input is made again; the others are left as they are.
    const auto old_time = fs::last_write_time(kept) - std::chrono::hours(1);
    fs::last_write_time(kept, old_time);
    fs::last_write_time(redone, old_time);
    fs::last_write_time(dir.path / "in" / "moderngov-meeting-page.txt",
                        old_time + std::chrono::minutes(1));
    fs::last_write_time(dir.path / "in" / "pcp-minutes-2023-10-17.txt",
                        old_time - std::chrono::minutes(1));
    r = run_kpproc({"run", "--skip-existing", "-o", out, in});
    CHECK(r.status == 0);
    CHECK_THAT(r.err, Catch::Contains("kpproc: 5 documents done in") &&
                          Catch::EndsWith(": 4 skipped; output in " + out + "\n"));
    CHECK(fs::last_write_time(kept) == old_time);
    CHECK(fs::last_write_time(redone) > old_time);

    for (const std::vector<std::string>& args :
         {std::vector<std::string>{"run", "--skip-existing", in},
          std::vector<std::string>{"run", "--skip-existing", "-o", (dir.path / "all.json").string(),
                                   in},
          std::vector<std::string>{"run", "--skip-existing", "--chain", "auto ! csv", "-o",
                                   (dir.path / "tables").string() + "/", in}}) {
        r = run_kpproc(args);
        CHECK(r.status == 2);
        CHECK_THAT(r.err, Catch::Contains("--skip-existing needs -o DIR/"));
    }
}

TEST_CASE("run: --progress always writes plain progress lines into a log, never and -q none",
          "[cli][progress]") {
    auto r = run_kpproc({"run", "--progress", "always", "-o", "/dev/null", kExampleData.string()});
    CHECK(r.status == 0);
    // Not a terminal: whole lines, no carriage returns or escape codes, the last state always.
    CHECK(r.err.find('\r') == std::string::npos);
    CHECK(r.err.find('\033') == std::string::npos);
    CHECK_THAT(r.err, Catch::Contains("kpproc: [5/5]  100%"));
    CHECK_THAT(r.err, Catch::Contains("kpproc: 5 documents done in"));
    for (const char* quiet : {"never", "-q"}) {
        INFO(quiet);
        r = run_kpproc({"run", std::string(quiet) == "-q" ? "-q" : "--progress=never", "-o",
                        "/dev/null", kExampleData.string()});
        CHECK(r.status == 0);
        CHECK(r.err.find("[5/5]") == std::string::npos);
    }
    r = run_kpproc({"run", "--progress", "sometimes", kExampleData.string()});
    CHECK(r.status == 2);
    CHECK_THAT(r.err, Catch::Contains("--progress expects auto, always or never, not 'sometimes'"));
}

TEST_CASE("A command kpproc does not have runs kpproc-NAME from PATH, as git runs git-foo",
          "[cli]") {
    const TempDir dir;
    const fs::path program = dir.path / "kpproc-hello";
    std::ofstream(program) << "#!/bin/sh\necho \"hello $*\"\nexit 7\n";
    fs::permissions(program, fs::perms::owner_all);
    auto r = run_kpproc({"hello", "a", "b c"}, "/dev/null",
                        "PATH=" + shell_quote(dir.path.string() + ":/usr/bin:/bin"));
    CHECK(r.status == 7);
    CHECK(r.out == "hello a b c\n");
    // Options before the command are passed on; an unknown command is still unknown.
    r = run_kpproc({"--plugin-path", "/x", "hello"}, "/dev/null",
                   "PATH=" + shell_quote(dir.path.string() + ":/usr/bin:/bin"));
    CHECK(r.out == "hello --plugin-path /x\n");
    r = run_kpproc({"serch", "db", "q"});
    CHECK(r.status == 2);
    CHECK_THAT(r.err, Catch::Contains("unknown command 'serch' (did you mean 'search'?)"));
}

TEST_CASE("run: an exporter's ABI 1.3 stages are used, and never called on an older exporter",
          "[cli][abi]") {
    const TempDir dir;
    fs::create_directories(dir.path / "in");
    std::ofstream(dir.path / "in" / "a.txt") << "Alpha.\n";
    std::ofstream(dir.path / "in" / "stored.txt") << "Already there.\n";
    std::ofstream(dir.path / "in" / "z.txt") << "Zulu.\n";
    struct Case {
        const char* exporter;
        const char* output;
        const char* summary;
    };
    for (const Case c :
         {Case{"two-halves", "P a.txt\nP z.txt\n", ": 1 unchanged"},
          Case{"two-halves-1-2", "W a.txt\nW stored.txt\nW z.txt\n", "3 documents done in"}}) {
        for (const char* jobs : {"1", "3"}) {
            INFO(c.exporter << " with -j " << jobs);
            const fs::path out = dir.path / (std::string(c.exporter) + jobs + ".txt");
            const auto r = run_kpproc({"run", "-j", jobs, "-p", kTestOnlyPlugins.string(),
                                       "--chain", std::string("text ! ") + c.exporter, "-o",
                                       out.string(), (dir.path / "in").string()});
            CHECK(r.status == 0);
            CHECK(slurp(out) == c.output);
            CHECK_THAT(r.err, Catch::Contains(c.summary));
        }
    }
}

TEST_CASE(
    "run: an exporter that owns its output says so with a flag (ABI 1.5), or with the "
    "extension '/' if built before",
    "[cli][abi]") {
    const TempDir dir;
    fs::create_directories(dir.path / "in");
    std::ofstream(dir.path / "in" / "a.txt") << "Alpha.\n";
    std::ofstream(dir.path / "in" / "b.txt") << "Bravo.\n";
    // Built for ABI 1.4 with the extension "/": the host opens nothing and names no file per
    // input, even for -o DIR/; the plugin gets the -o path as given.
    const fs::path listing = dir.path / "listing";
    auto r =
        run_kpproc({"run", "-q", "-p", kTestOnlyPlugins.string(), "--chain",
                    "text ! own-output-1-4", "-o", listing.string(), (dir.path / "in").string()});
    CHECK(r.status == 0);
    CHECK_THAT(slurp(listing), Catch::Contains("a.txt\n") && Catch::Contains("b.txt\n"));
    // kp.exporter.csv (1.5, the flag; its extension is .csv now) still gets a directory.
    r = run_kpproc({"run", "-q", "--chain", "text ! csv", "-o", (dir.path / "tables/").string(),
                    (dir.path / "in").string()});
    CHECK(r.status == 0);
    CHECK(fs::exists(dir.path / "tables" / "items.csv"));
    r = run_kpproc({"inspect", "csv"});
    CHECK_THAT(r.out, Catch::Contains("writes its own output"));
}

// ---- Issue 13: shards and lists of inputs ------------------------------------------------------

namespace {

// The output files under `dir`, relative to it.
std::set<std::string> files_under(const fs::path& dir) {
    std::set<std::string> names;
    if (fs::exists(dir)) {
        for (const auto& e : fs::recursive_directory_iterator(dir)) {
            if (e.is_regular_file()) {
                names.insert(e.path().lexically_relative(dir).generic_string());
            }
        }
    }
    return names;
}

}  // namespace

TEST_CASE("run --shard: the shards of a corpus together are the whole of it, each input once",
          "[cli][shard]") {
    const TempDir dir;
    const fs::path corpus = dir.path / "corpus";
    for (int council = 0; council < 5; ++council) {
        fs::create_directories(corpus / ("council-" + std::to_string(council)));
        for (int meeting = 0; meeting < 8; ++meeting) {
            std::ofstream(corpus / ("council-" + std::to_string(council)) /
                          ("minutes-" + std::to_string(meeting) + ".txt"))
                << "Minutes of meeting " << meeting << " of council " << council << ".\n";
        }
    }
    const auto whole = run_kpproc({"run", "-q", "-c", "text ! json", "-o",
                                   (dir.path / "whole").string() + "/", corpus.string()});
    REQUIRE(whole.status == 0);
    const auto all = files_under(dir.path / "whole");
    REQUIRE(all.size() == 40);

    std::set<std::string> covered;
    std::size_t outputs = 0;
    for (int k = 0; k < 3; ++k) {
        const fs::path out = dir.path / ("shard-" + std::to_string(k));
        const auto r = run_kpproc({"run", "-c", "text ! json", "--shard", std::to_string(k) + "/3",
                                   "-o", out.string() + "/", corpus.string()});
        INFO(r.err);
        CHECK(r.status == 0);
        const auto part = files_under(out);
        CHECK_FALSE(part.empty());
        // The summary counts the shard's documents, not the corpus'.
        CHECK_THAT(r.err, Catch::Contains(std::to_string(part.size()) + " documents done"));
        outputs += part.size();
        covered.insert(part.begin(), part.end());
        // Each shard's outputs are byte for byte those of the whole run.
        for (const auto& name : part) {
            CHECK(slurp(out / name) == slurp(dir.path / "whole" / name));
        }
    }
    CHECK(outputs == 40);  // no input in two shards
    CHECK(covered == all);

    // The parts go by the path within the directory given, not by where it is: the same
    // corpus moved elsewhere splits the same way.
    fs::rename(corpus, dir.path / "moved");
    const auto moved =
        run_kpproc({"run", "-q", "-c", "text ! json", "--shard", "1/3", "-o",
                    (dir.path / "moved-1").string() + "/", (dir.path / "moved").string()});
    CHECK(moved.status == 0);
    CHECK(files_under(dir.path / "moved-1") == files_under(dir.path / "shard-1"));
}

TEST_CASE("run --shard: mistakes are usage errors that say what is expected", "[cli][shard]") {
    const std::string seed = (kTestData / "seeds/001_78dbf443e4e88d81.txt").string();
    for (const char* bad : {"3/3", "1", "a/b", "0/0", "-1/2"}) {
        INFO(bad);
        const auto r = run_kpproc({"run", "--shard", bad, seed});
        CHECK(r.status == 2);
        CHECK_THAT(r.err, Catch::Contains("--shard expects INDEX/COUNT with INDEX from 0"));
    }
    const auto with_stdin = run_kpproc({"run", "--shard", "0/2", "-"});
    CHECK(with_stdin.status == 2);
    CHECK_THAT(with_stdin.err, Catch::Contains("standard input (-) is one document"));
    // One input, two shards: one of them holds it, and the other, with nothing to do, says
    // so and succeeds (more shards than inputs is no mistake).
    const TempDir dir;
    fs::copy_file(seed, dir.path / "only.txt");
    const auto first = run_kpproc({"run", "--shard", "0/2", dir.path.string()});
    const auto second = run_kpproc({"run", "--shard", "1/2", dir.path.string()});
    CHECK(first.status == 0);
    CHECK(second.status == 0);
    CHECK(first.out.empty() != second.out.empty());  // the document, once
    const Result& idle = first.out.empty() ? first : second;
    CHECK_THAT(idle.err, Catch::Contains("holds none of the 1 inputs; nothing to do"));
    // A corpus with no inputs at all is still an error.
    fs::remove(dir.path / "only.txt");
    const auto none = run_kpproc({"run", "--shard", "0/2", dir.path.string()});
    CHECK(none.status == 1);
    CHECK_THAT(none.err, Catch::Contains("no input files found"));
}

TEST_CASE("run --inputs-from -: paths in, one NDJSON document a line out, errors on stderr",
          "[cli][list]") {
    // Spark's RDD.pipe, GNU parallel --pipe and the like hand a process lines of paths on
    // standard input and read one record a line from standard output.
    const TempDir dir;
    const std::string seed = (kTestData / "seeds/001_78dbf443e4e88d81.txt").string();
    std::ofstream(dir.path / "paths.txt") << seed << "\n"
                                          << (dir.path / "missing.txt").string() << "\n";
    const auto r = run_kpproc({"run", "--inputs-from", "-", "-c", "auto ! json"},
                              (dir.path / "paths.txt").string());
    CHECK(r.status == 1);
    const auto lines = ndjson(r.out);  // one compact document a line, even for one document
    REQUIRE(lines.size() == 1);
    CHECK(lines[0].find("source")->find("path")->as_string() == seed);
    CHECK(std::count(r.out.begin(), r.out.end(), '\n') == 1);
    CHECK_THAT(r.err, Catch::Contains("missing.txt") && Catch::Contains("1 of 2 documents done"));

    // From a file, NDJSON lines: the same documents as naming them.
    std::ofstream(dir.path / "paths.ndjson")
        << "{\"path\": \"" << seed << "\", \"council\": \"Kent\"}\n"
        << "\"" << (kTestData / "seeds/002_0fc11edd1836f853.txt").string() << "\"\n";
    const auto listed = run_kpproc(
        {"run", "-q", "--inputs-from", (dir.path / "paths.ndjson").string(), "-c", "auto ! json"});
    const auto named = run_kpproc({"run", "-q", "-c", "auto ! json", seed,
                                   (kTestData / "seeds/002_0fc11edd1836f853.txt").string()});
    CHECK(listed.status == 0);
    CHECK(listed.out == named.out);

    // Mistakes: inputs named twice over, a list that cannot be read.
    const auto both = run_kpproc({"run", "--inputs-from", "-", seed});
    CHECK(both.status == 2);
    CHECK_THAT(both.err, Catch::Contains("give no INPUT"));
    const auto unreadable =
        run_kpproc({"run", "--inputs-from", (dir.path / "no-such-list").string()});
    CHECK(unreadable.status == 2);
    CHECK_THAT(unreadable.err,
               Catch::Contains("no-such-list") && Catch::Contains("cannot read the list"));
}
