#include <sys/stat.h>
#include <unistd.h>
#include <catch2/catch.hpp>

#include <array>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "kpproc/error.hpp"
#include "kpproc/framework/batch.hpp"
#include "kpproc/framework/suggest.hpp"

#include "test_support.hpp"

namespace fs = std::filesystem;
using kpproc::testing::slurp;
using kpproc::testing::TempDir;
using namespace kpproc::framework;

namespace {}  // namespace

TEST_CASE("Directories expand recursively in sorted order, hidden entries skipped", "[inputs]") {
    TempDir dir;
    fs::create_directories(dir.path / "b" / "deeper");
    fs::create_directories(dir.path / ".git");
    for (const char* name :
         {"z.txt", "a.txt", "b/m.txt", "b/deeper/x.txt", ".hidden", ".git/config"}) {
        std::ofstream(dir.path / name) << "x";
    }
    const auto expansion = expand_inputs({dir.path.string()});
    std::vector<std::string> relative;
    for (const auto& in : expansion.inputs) {
        relative.push_back(in.relative.string());
    }
    CHECK(relative == std::vector<std::string>{"a.txt", "b/deeper/x.txt", "b/m.txt", "z.txt"});
    CHECK(expansion.warnings.empty());
}

TEST_CASE("Special files in a directory are skipped with a warning - links are inputs",
          "[inputs]") {
    TempDir dir;
    REQUIRE(::mkfifo((dir.path / "pipe").c_str(), 0600) == 0);
    fs::create_symlink(dir.path / "missing", dir.path / "dangling");
    const auto expansion = expand_inputs({dir.path.string()});
    REQUIRE(expansion.inputs.size() == 1);
    CHECK(expansion.inputs[0].relative == "dangling");
    REQUIRE(expansion.warnings.size() == 1);
    CHECK(expansion.warnings[0].find("pipe: skipped: not a regular file") != std::string::npos);
    CHECK_THROWS_WITH(read_input(expansion.inputs[0], 1000),
                      Catch::Contains("dangling: cannot read: No such file or directory"));
}

TEST_CASE("Files are inputs as given, missing or not - '-' is stdin once", "[inputs]") {
    const auto expansion = expand_inputs({"no/such/file.txt", "-"});
    REQUIRE(expansion.inputs.size() == 2);
    CHECK(expansion.inputs[0].display == "no/such/file.txt");
    CHECK(expansion.inputs[1].is_stdin());
    CHECK_THROWS_AS(expand_inputs({"-", "-"}), kpproc::Error);
}

TEST_CASE("Inputs over the size limit fail with a clear error", "[inputs][errors]") {
    TempDir dir;
    std::ofstream(dir.path / "big.txt") << std::string(3000, 'x');
    const Input in{"big.txt", dir.path / "big.txt", "big.txt", {}, "big.txt"};
    CHECK(read_input(in, 5000).size() == 3000);
    CHECK_THROWS_WITH(read_input(in, 2000), Catch::Contains("big.txt: larger than"));
}

TEST_CASE("Output arguments choose stream, file or directory", "[inputs]") {
    TempDir dir;
    CHECK(OutputSpec::from_argument("").mode == OutputSpec::Mode::standard_output);
    CHECK(OutputSpec::from_argument("-").mode == OutputSpec::Mode::standard_output);
    CHECK(OutputSpec::from_argument("out.json").mode == OutputSpec::Mode::file);
    CHECK(OutputSpec::from_argument("new-dir/").mode == OutputSpec::Mode::directory);
    CHECK(OutputSpec::from_argument(dir.path.string()).mode == OutputSpec::Mode::directory);
}

TEST_CASE("read_head reads only the start of a large input, without a size error", "[inputs]") {
    TempDir dir;
    std::ofstream(dir.path / "big.txt") << "HEAD" << std::string(100000, 'x');
    const Input in{"big.txt", dir.path / "big.txt", "big.txt", {}, "big.txt"};
    CHECK(read_head(in, 4) == "HEAD");
    CHECK(read_head(in, 1 << 20).size() == 100004);
    CHECK_THROWS_WITH(read_head(Input{"dir", dir.path, "dir", {}, "dir"}, 4),
                      Catch::Contains("it is a directory"));
}

TEST_CASE("A subdirectory that cannot be listed is a failure, not a silent gap",
          "[inputs][errors]") {
    if (::geteuid() == 0) {
        // Root lists every directory whatever its mode; the non-root CI runs check this.
        WARN("skipped: running as root");
        return;
    }
    TempDir dir;
    fs::create_directories(dir.path / "a");
    fs::create_directories(dir.path / "locked");
    std::ofstream(dir.path / "a" / "x.txt") << "x";
    std::ofstream(dir.path / "z.txt") << "z";
    fs::permissions(dir.path / "locked", fs::perms::none);
    const auto expansion = expand_inputs({dir.path.string()});
    fs::permissions(dir.path / "locked", fs::perms::owner_all);
    CHECK(expansion.inputs.size() == 2);
    REQUIRE(expansion.failures.size() == 1);
    CHECK_THAT(expansion.failures[0].message, Catch::Contains("locked: cannot list directory"));
}

// ---- Source identity (issue 9, defect 1) and sizes (defect 7) --------------------------------

TEST_CASE(
    "A file's identity is its absolute path with links resolved, whatever the working "
    "directory",
    "[batch][identity]") {
    TempDir dir;
    fs::create_directories(dir.path / "real");
    std::ofstream(dir.path / "real" / "minutes.txt") << "x";
    fs::create_directory_symlink(dir.path / "real", dir.path / "link");
    const std::string expected = fs::canonical(dir.path / "real" / "minutes.txt").string();
    CHECK(kpproc::framework::source_identity(dir.path / "link" / "minutes.txt") == expected);
    CHECK(kpproc::framework::source_identity(dir.path / "real" / "." / "minutes.txt") == expected);
    const fs::path before = fs::current_path();
    fs::current_path(dir.path / "real");
    CHECK(kpproc::framework::source_identity("minutes.txt") == expected);
    fs::current_path(before);
}

TEST_CASE("Identities escape '%', controls and bytes that are not UTF-8, and so stay distinct",
          "[batch][identity]") {
    using kpproc::framework::escape_identity;
    CHECK(escape_identity("/m/caf\xC3\xA9 2023.txt") == "/m/caf\xC3\xA9 2023.txt");
    CHECK(escape_identity("/m/caf\xE9.txt") == "/m/caf%E9.txt");
    CHECK(escape_identity("/m/caf\xE8.txt") == "/m/caf%E8.txt");
    CHECK(escape_identity("/m/caf%E9.txt") == "/m/caf%25E9.txt");  // not the name above
    CHECK(escape_identity("/m/a\nb") == "/m/a%0Ab");
}

TEST_CASE("Standard input takes its name and identity from --name", "[batch][identity]") {
    auto expansion = kpproc::framework::expand_inputs({"-"}, "minutes/2023-10-17.txt");
    REQUIRE(expansion.inputs.size() == 1);
    CHECK(expansion.inputs[0].is_stdin());
    CHECK(expansion.inputs[0].display == "minutes/2023-10-17.txt");
    CHECK(expansion.inputs[0].identity == "minutes/2023-10-17.txt");
    CHECK(expansion.inputs[0].relative == "2023-10-17.txt");
    expansion = kpproc::framework::expand_inputs({"-"});
    CHECK(expansion.inputs[0].display == "-");
    CHECK(expansion.inputs[0].identity.empty());  // made from the content's hash later
    CHECK_THROWS_WITH(kpproc::framework::expand_inputs({"a.txt"}, "name"),
                      Catch::Contains("--name names standard input"));
}

TEST_CASE("Sizes parse with binary units and print as they were meant", "[batch][limits]") {
    using kpproc::framework::describe_size;
    using kpproc::framework::parse_size;
    CHECK(parse_size("1048576") == 1048576u);
    CHECK(parse_size("512K") == 512u << 10);
    CHECK(parse_size("200M") == 200u << 20);
    CHECK(parse_size("200MB") == 200u << 20);
    CHECK(parse_size("200 MiB") == 200u << 20);
    CHECK(parse_size("2g") == 2ull << 30);
    for (const char* bad : {"", "0", "M", "10x", "-5", "1.5G", "99999999999G"}) {
        INFO(bad);
        CHECK_FALSE(parse_size(bad).has_value());
    }
    CHECK(describe_size(1ull << 30) == "1 GiB");
    CHECK(describe_size(200ull << 20) == "200 MiB");
    CHECK(describe_size(1000) == "1000 bytes");
}

TEST_CASE("A file over the limit is refused from its size, before it is read", "[batch][limits]") {
    TempDir dir;
    const fs::path sparse = dir.path / "sparse.txt";
    { std::ofstream(sparse) << ""; }
    fs::resize_file(sparse, 4ull << 30);  // 4 GiB of nothing: reading it would take seconds
    ::chmod(sparse.c_str(), 0);           // and reading is not even allowed (unless root)
    const Input in{"sparse.txt", sparse, "sparse.txt", {}, "sparse.txt"};
    CHECK_THROWS_WITH(kpproc::framework::read_input(in, 1u << 20),
                      Catch::Contains("sparse.txt: larger than the 1 MiB limit"));
}

TEST_CASE("A walk gives inputs one at a time, reporting what it skips as it meets it",
          "[inputs][walk]") {
    TempDir dir;
    fs::create_directories(dir.path / "tree" / "b");
    fs::create_directories(dir.path / "tree" / "b-c");
    for (const char* name : {"tree/a.txt", "tree/b/x.txt", "tree/b-c/y.txt", "tree/b.txt"}) {
        std::ofstream(dir.path / name) << "x";
    }
    REQUIRE(::mkfifo((dir.path / "tree" / "b" / "pipe").c_str(), 0600) == 0);
    // A link to the tree: its files are the same documents as the tree's own.
    fs::create_directory_symlink(dir.path / "tree", dir.path / "link");

    const std::vector<std::string> args{(dir.path / "link").string(), "-"};
    InputWalk walk(args);
    std::vector<std::string> warnings;
    walk.on_warning = [&](const std::string& path, const std::string& message) {
        warnings.push_back(fs::path(path).filename().string() + ": " + message);
    };
    std::vector<std::string> relative;
    std::vector<std::string> identities;
    while (auto input = walk.next()) {
        relative.push_back(input->relative.string());
        identities.push_back(input->identity);
    }
    // Sorted as paths sort: a directory's contents where its name sorts ("b" < "b-c" < "b.txt").
    CHECK(relative == std::vector<std::string>{"a.txt", "b/x.txt", "b-c/y.txt", "b.txt", "stdin"});
    CHECK(identities[1] == source_identity(dir.path / "tree" / "b" / "x.txt"));
    CHECK(identities[1].find("/tree/b/x.txt") != std::string::npos);
    CHECK(identities[4].empty());  // standard input is known by its content's hash
    CHECK(warnings == std::vector<std::string>{"pipe: skipped: not a regular file"});
    CHECK(InputWalk::count(args) == 5);
    CHECK(expand_inputs(args).inputs.size() == 5);
}

// ---- Issue 13: shards and lists of inputs ------------------------------------------------------

TEST_CASE("A shard is INDEX/COUNT with INDEX from 0 below COUNT, and anything else is refused",
          "[inputs][shard]") {
    const auto shard = Shard::parse("2/8");
    REQUIRE(shard);
    CHECK(shard->index == 2);
    CHECK(shard->count == 8);
    CHECK(Shard::parse("0/1"));
    for (const char* bad : {"", "3", "8/8", "9/8", "0/0", "-1/4", "1/-4", "a/4", "1/4x", "1//4",
                            " 1/4", "1/4 ", "1/99999999999"}) {
        INFO(bad);
        CHECK_FALSE(Shard::parse(bad));
    }
}

TEST_CASE("Shards split inputs by path relative to their root: each in exactly one, evenly",
          "[inputs][shard]") {
    // The part is a fixed function of the path: FNV-1a 64 of its bytes, modulo the count.
    CHECK(Shard::of("", 7) == 0xcbf29ce484222325ull % 7);
    CHECK(Shard::of("a", 1000) == 0xaf63dc4c8601ec8cull % 1000);
    constexpr std::uint32_t kShards = 4;
    std::array<std::size_t, kShards> sizes{};
    for (int i = 0; i < 4000; ++i) {
        const Input in{"x", "x", "x", {}, "council/" + std::to_string(i) + "/minutes.txt"};
        std::size_t holders = 0;
        for (std::uint32_t k = 0; k < kShards; ++k) {
            if (Shard{k, kShards}.holds(in)) {
                ++holders;
                ++sizes[k];
            }
        }
        CHECK(holders == 1);
    }
    for (const std::size_t n : sizes) {
        CHECK(n > 850);  // 1000 each if perfectly even
        CHECK(n < 1150);
    }
}

TEST_CASE("The path relative to the root: within a directory walked, or as a file was named",
          "[inputs][shard]") {
    TempDir dir;
    fs::create_directories(dir.path / "kent" / "2024");
    std::ofstream(dir.path / "kent" / "2024" / "m.txt") << "x";
    std::ofstream(dir.path / "top.txt") << "x";
    const auto walked = expand_inputs({dir.path.string()});
    REQUIRE(walked.inputs.size() == 2);
    CHECK(walked.inputs[0].root_relative == "kent/2024/m.txt");
    CHECK(walked.inputs[1].root_relative == "top.txt");
    // Named directly: as given, tidied ("./a/../b" is "b"), whatever the working directory.
    const auto named = expand_inputs({"./x/../kent/2024/m.txt", "/abs/file.txt"});
    CHECK(named.inputs[0].root_relative == "kent/2024/m.txt");
    CHECK(named.inputs[1].root_relative == "/abs/file.txt");
    // The same walked from its parent: another root, so another path.
    const auto from_parent = expand_inputs({(dir.path / "kent").string()});
    CHECK(from_parent.inputs[0].root_relative == "2024/m.txt");
}

TEST_CASE(
    "A list of inputs: paths, JSON strings and objects, and bad lines failing alone, by number",
    "[inputs][list]") {
    TempDir dir;
    fs::create_directories(dir.path / "d");
    for (const char* name : {"a.txt", "b.txt", "c.txt", "d/1.txt", "d/2.txt"}) {
        std::ofstream(dir.path / name) << "x";
    }
    const std::string root = dir.path.string() + "/";
    std::istringstream list(root + "a.txt\n\n   \n\"" + root + "b.txt\"\r\n{\"path\": \"" + root +
                            "c.txt\", \"council\": \"Kent\"}\n{\"file\": \"x\"}\n{broken\n-\n" +
                            root + "d\n" + root + "missing.txt\n");
    InputListReader reader(list, "list.ndjson");
    std::vector<std::string> failures;
    reader.on_failure = [&](const DocumentFailure& f) { failures.push_back(f.message); };
    std::vector<std::string> names;
    while (const auto in = reader.next()) {
        names.push_back(in->path.lexically_relative(dir.path).generic_string());
    }
    // A missing file is an input like any other: reading it fails later, by name.
    CHECK(names ==
          std::vector<std::string>{"a.txt", "b.txt", "c.txt", "d/1.txt", "d/2.txt", "missing.txt"});
    REQUIRE(failures.size() == 3);
    CHECK(failures[0] == "line 6 of list.ndjson: a JSON line needs a \"path\" string");
    CHECK_THAT(failures[1], Catch::StartsWith("line 7 of list.ndjson: "));
    CHECK_THAT(failures[2], Catch::StartsWith("line 8 of list.ndjson: names no file"));
}

TEST_CASE("A filtered source gives the inputs its predicate takes, in order", "[inputs][shard]") {
    std::vector<Input> all;
    for (const char* name : {"a", "b", "c", "d"}) {
        all.push_back(Input{name, name, name, {}, name});
    }
    InputList inner(all);
    FilteredInputs odd(inner,
                       [](const Input& in) { return in.display == "a" || in.display == "c"; });
    CHECK(odd.next()->display == "a");
    CHECK(odd.next()->display == "c");
    CHECK_FALSE(odd.next());
}

// ---- Issue 14: "did you mean" ------------------------------------------------------------------

TEST_CASE("A mistyped word is matched to the one candidate near it, or to none", "[cli][suggest]") {
    const std::vector<std::string> commands = {"run",    "plugins", "inspect",
                                               "detect", "search",  "link"};
    CHECK(closest_match("serch", commands) == "search");     // a letter left out
    CHECK(closest_match("rnu", commands) == "run");          // two letters swapped
    CHECK(closest_match("Plugins", commands) == "plugins");  // case
    CHECK(closest_match("inpsect", commands) == "inspect");
    CHECK_FALSE(closest_match("frobnicate", commands));  // nothing near
    CHECK_FALSE(closest_match("x", commands));           // too short to guess from
    // Two candidates as near: no guess.
    CHECK_FALSE(closest_match("cat", {"bat", "hat"}));
    CHECK(did_you_mean("jsn", {"json", "xml"}) == " (did you mean 'json'?)");
    CHECK(did_you_mean("yaml", {"json", "xml"}).empty());
}
