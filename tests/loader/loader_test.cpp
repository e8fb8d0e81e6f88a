// Each deliberately broken plugin is refused with its own reason and a readable sentence,
// and a refusal never stops the good plugins from loading.

#include <sys/stat.h>
#include <catch2/catch.hpp>

#include <filesystem>

#include "kpproc/error.hpp"
#include "kpproc/framework/plugin_registry.hpp"

#include "test_support.hpp"

namespace fs = std::filesystem;
using kpproc::testing::slurp;
using kpproc::testing::TempDir;
using namespace kpproc::framework;

namespace {

const fs::path kPluginDir = KPPROC_TEST_PLUGIN_DIR;
const fs::path kBadPluginDir = KPPROC_BAD_PLUGIN_DIR;

Refusal only_refusal(const PluginRegistry& registry) {
    REQUIRE(registry.refusals().size() == 1);
    return registry.refusals().front();
}

}  // namespace

TEST_CASE("Each broken plugin is refused with its own reason", "[loader]") {
    struct Case {
        const char* flaw;
        RefusalReason reason;
        std::string says;  // part of the sentence a user reads
    };
    // The broken plugins are built against this SDK, so their versions move with it.
    const std::string host =
        std::to_string(KPPROC_ABI_MAJOR) + "." + std::to_string(KPPROC_ABI_MINOR);
    const Case cases[] = {
        {"missing_entry_point", RefusalReason::missing_entry_point,
         "no 'kpproc_plugin_v1' entry point"},
        {"null_descriptor", RefusalReason::null_descriptor, "returned no descriptor"},
        {"abi_major_mismatch", RefusalReason::abi_major_mismatch,
         "built for plugin ABI " + std::to_string(KPPROC_ABI_MAJOR + 1) + "." +
             std::to_string(KPPROC_ABI_MINOR) + "; this host speaks ABI " + host},
        {"abi_minor_newer", RefusalReason::abi_minor_newer,
         "needs plugin ABI " + std::to_string(KPPROC_ABI_MAJOR) + "." +
             std::to_string(KPPROC_ABI_MINOR + 7) + ", newer than this host's " + host},
        {"bad_struct_size", RefusalReason::bad_struct_size, "bytes, but ABI " + host + " defines"},
        {"toolchain_mismatch", RefusalReason::toolchain_mismatch,
         "built with toolchain 'msvc-1939/msvcstl/sdk-1'"},
        {"invalid_id", RefusalReason::invalid_descriptor,
         "id 'Not A Dotted Id' is not a dotted lower-case name"},
        {"null_factory", RefusalReason::null_factory, "has no create function"},
        {"create_throws", RefusalReason::create_failed, "the plugin's create() threw an exception"},
    };
    for (const auto& c : cases) {
        SECTION(c.flaw) {
            PluginRegistry registry;
            registry.load_directory(kBadPluginDir / c.flaw);
            const Refusal r = only_refusal(registry);
            CHECK(r.reason == c.reason);
            CHECK_THAT(r.message, Catch::Contains(c.says));
            CHECK(r.path.filename().string() == std::string("bad-") + c.flaw + ".so");
            CHECK(registry.plugins().empty());
        }
    }
}

TEST_CASE("A duplicate id is refused and the first plugin with that id is kept", "[loader]") {
    PluginRegistry registry;
    registry.load_directory(kPluginDir);
    registry.load_directory(kBadPluginDir / "duplicate_id");
    const Refusal r = only_refusal(registry);
    CHECK(r.reason == RefusalReason::duplicate_id);
    CHECK_THAT(r.message, Catch::Contains("'kp.exporter.json' is already provided by " +
                                          (kPluginDir / "kp-exporter-json.so").string()));
    CHECK(registry.find("kp.exporter.json")->path() == kPluginDir / "kp-exporter-json.so");
}

TEST_CASE("A world-writable plugin file, or directory, is refused", "[loader]") {
    TempDir dir;
    const fs::path copy = dir.path / "kp-adapter-text.so";
    fs::copy_file(kPluginDir / "kp-adapter-text.so", copy);

    SECTION("the file") {
        fs::permissions(copy, fs::perms::others_write, fs::perm_options::add);
        PluginRegistry registry;
        registry.load_directory(dir.path);
        const Refusal r = only_refusal(registry);
        CHECK(r.reason == RefusalReason::unsafe_permissions);
        CHECK_THAT(r.message, Catch::Contains("writable by every user"));
    }
    SECTION("the directory, without the sticky bit") {
        fs::permissions(dir.path, fs::perms::others_write, fs::perm_options::add);
        PluginRegistry registry;
        registry.load_directory(dir.path);
        CHECK(only_refusal(registry).reason == RefusalReason::unsafe_permissions);
    }
    SECTION("but the same file with safe permissions loads") {
        PluginRegistry registry;
        registry.load_directory(dir.path);
        CHECK(registry.refusals().empty());
        CHECK(registry.plugins().size() == 1);
    }
}

TEST_CASE("A file that is not a shared library is refused as not loadable", "[loader]") {
    TempDir dir;
    {
        std::FILE* f = std::fopen((dir.path / "junk.so").c_str(), "w");
        std::fputs("this is not ELF", f);
        std::fclose(f);
    }
    PluginRegistry registry;
    registry.load_directory(dir.path);
    CHECK(only_refusal(registry).reason == RefusalReason::not_loadable);
}

TEST_CASE("Broken plugins beside good ones do not stop the good ones", "[loader]") {
    PluginRegistry registry;
    registry.load_directory(kPluginDir);
    for (const auto& entry : fs::directory_iterator(kBadPluginDir)) {
        if (entry.is_directory()) {
            registry.load_directory(entry.path());
        }
    }
    CHECK(registry.refusals().size() == 10);
    CHECK(registry.find("text")->kind() == PluginKind::adapter);
    CHECK(registry.find("json")->kind() == PluginKind::exporter);
}

TEST_CASE("Search order: explicit directories, then the environment, then the default",
          "[loader]") {
    TempDir a;
    TempDir b;
    ::setenv("KPPROC_PLUGIN_PATH", (b.path.string() + "::" + a.path.string()).c_str(), 1);
    const auto dirs = resolve_search_directories(PluginSearch{{a.path}, true, true});
    ::unsetenv("KPPROC_PLUGIN_PATH");
    REQUIRE(dirs.size() == 3);  // a is listed once even though named twice
    CHECK(dirs[0] == a.path);
    CHECK(dirs[1] == b.path);
    CHECK(dirs[2] == default_plugin_directory());
    CHECK(default_plugin_directory() == fs::weakly_canonical(kPluginDir));
    CHECK(resolve_search_directories(PluginSearch{{}, false, false}).empty());
}

TEST_CASE("Plugins are found by id or short name, with helpful errors", "[loader]") {
    PluginRegistry registry;
    registry.load_directory(kPluginDir);
    CHECK(registry.find("kp.adapter.text")->id() == "kp.adapter.text");
    CHECK(registry.find("text")->id() == "kp.adapter.text");
    CHECK_THROWS_WITH(registry.find("yaml"),
                      Catch::Contains("no plugin named 'yaml'") && Catch::Contains("available: "));
}

TEST_CASE("Instances check their kind and validate options before creation", "[loader]") {
    PluginRegistry registry;
    registry.load_directory(kPluginDir);
    const auto json = registry.find("json");
    CHECK_THROWS_WITH(json->create_adapter(), "json is an exporter, not an adapter");
    CHECK_THROWS_WITH(json->create_exporter({{"indnt", "3"}}),
                      "json: unknown option 'indnt'; did you mean 'indent'?");
    // The plugin's own check runs in its constructor, and comes back as an error, not a crash.
    CHECK_THROWS_WITH(
        json->create_exporter({{"indent", "99"}}),
        Catch::Contains("could not create the plugin: json: indent must be from 1 to 8"));
}

TEST_CASE("An instance keeps its plugin library loaded after the registry is gone", "[loader]") {
    std::optional<ExporterInstance> exporter;
    {
        PluginRegistry registry;
        registry.load_directory(kPluginDir);
        exporter.emplace(registry.find("json")->create_exporter({{"pretty", "false"}}));
    }
    std::ostringstream out;
    kpproc::Document doc;
    doc.text = "still here";
    exporter->begin(kpproc::ExportTarget{"-", 1}, out);
    exporter->write(doc, out);
    CHECK_THAT(out.str(), Catch::Contains("\"text\":\"still here\""));
    CHECK(exporter->description().id == "kp.exporter.json");  // the description lives on too
}
