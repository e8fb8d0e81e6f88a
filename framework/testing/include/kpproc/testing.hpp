#pragma once
// The plugin author's kit: load your built plugin from its file and run it in a unit test the
// way the host runs it, check every document it makes against the rules of the document model
// (kpproc/invariants.hpp), and compare documents with reviewed golden JSON files.
//
//   find_package(kpproc CONFIG REQUIRED)
//   kpproc_add_plugin(my-adapter SOURCES my_adapter.cpp)
//   add_executable(my-adapter-tests my_adapter_test.cpp)
//   target_link_libraries(my-adapter-tests PRIVATE kpproc::testing)
//   target_compile_definitions(my-adapter-tests PRIVATE
//       MY_ADAPTER_FILE="$<TARGET_FILE:my-adapter>")
//
//   kpproc::testing::PluginUnderTest adapter(MY_ADAPTER_FILE);
//   const kpproc::Document doc = adapter.parse_file("tests/data/minutes.txt");
//   const auto golden = kpproc::testing::compare_with_golden(doc, "tests/golden/minutes.json");
//   REQUIRE(golden.matches);  // golden.diff says where it differs
//
// It works with any test framework: a function that finds a fault throws
// kpproc::testing::Failure, whose message says what and where, and the rest return values.

#include <filesystem>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "kpproc/invariants.hpp"
#include "kpproc/model.hpp"
#include "kpproc/plugin.hpp"

namespace kpproc::testing {

// A plugin the host would refuse, a plugin's error, or a document that breaks the model's
// rules. The message is the whole story ("… broke the rules of the document model: …").
class Failure : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// One built plugin, loaded from its file and vetted as kpproc vets it: the entry point, the
// descriptor, the ABI version and the toolchain, and a trial instance with the options given.
// Every document it makes or changes is checked against the model's rules before you see it.
class PluginUnderTest {
public:
    // Throws Failure saying why the host would refuse the plugin, or why the options are
    // wrong ("unknown option 'x'; it has: …").
    explicit PluginUnderTest(const std::filesystem::path& file,
                             const std::map<std::string, std::string>& options = {});
    ~PluginUnderTest();
    PluginUnderTest(PluginUnderTest&&) noexcept;
    PluginUnderTest& operator=(PluginUnderTest&&) noexcept;

    const std::string& id() const;
    const std::string& version() const;
    // "adapter", "processor" or "exporter".
    std::string kind() const;

    // Adapters. detect() sees at most the head kpproc gives detection (64 KiB). parse() fills
    // in Document::source as the host does: path and identity are `path` as given (so a
    // golden file does not depend on where the test runs), the adapter's id, the media type
    // the adapter gave, the SHA-256 and size of the bytes. The plugin's kpproc::Error is
    // rethrown as Failure with its code: "parse failed (invalid-input): …".
    Detection detect(std::string_view bytes, std::string_view file_name = {}) const;
    Document parse(std::string_view bytes, std::string_view path = "input.txt");
    // parse() of the file's bytes. The document records `path` as its path and identity, or
    // the file's path as given when `path` is empty; name it for a golden file that must not
    // depend on the directory the test runs in.
    Document parse_file(const std::filesystem::path& file, std::string_view path = {});

    // Processors: process(), then the batch stage if the plugin has one, each checked.
    void process(Document& doc);

    // Exporters: what begin(), write() for each document and end() write to the output
    // stream. An exporter that writes its own output (a database, a directory) writes it at
    // `target`, and this returns what it printed, usually nothing.
    std::string export_documents(const std::vector<Document>& docs,
                                 const std::filesystem::path& target = "-");

private:
    struct Loaded;
    std::unique_ptr<Loaded> loaded_;
};

// Throws Failure listing every rule `doc` breaks (kpproc::check_invariants), each with its
// field: "items[0].paragraphs[1].span: [5, 999999) ends after the text, which is 12 bytes".
void require_invariants(const Document& doc);

struct GoldenComparison {
    bool matches = false;
    // Where the document's JSON and the golden file part, as a readable diff: line numbers,
    // the golden's lines marked '-', the document's marked '+', and two lines either side.
    // Empty when they match.
    std::string diff;
    // True when the golden file was written rather than compared (see compare_with_golden).
    bool written = false;
    explicit operator bool() const { return matches; }
};

// Compares the document's JSON (indented by 2, as `kpproc run --chain 'auto ! json'` writes
// it) with the golden file. With the environment variable KPPROC_UPDATE_GOLDEN=1 the golden
// file is written instead (its directory made if need be) and the comparison matches: review
// what was written before you commit it. A golden file that does not exist is a mismatch that
// says how to make it.
GoldenComparison compare_with_golden(const Document& doc, const std::filesystem::path& golden);

// The readable diff compare_with_golden() reports, for any two texts.
std::string line_diff(std::string_view expected, std::string_view actual);

}  // namespace kpproc::testing
