// Runs over every plugin the build produced: whatever a plugin does, it must describe itself
// properly, create and destroy cleanly, and handle empty input without crashing.

#include <catch2/catch.hpp>

#include <filesystem>
#include <sstream>

#include "test_support.hpp"

#include "built_plugins.hpp"
#include "kpproc/error.hpp"
#include "kpproc/framework/plugin_registry.hpp"

using namespace kpproc::framework;

using kpproc::testing::built_plugins;

TEST_CASE("Conformance: every built plugin loads", "[conformance]") {
    const auto& registry = built_plugins();
    for (const auto& r : registry.refusals()) {
        FAIL_CHECK(r.path.string() << " was refused: " << r.message);
    }
    CHECK(registry.plugins().size() >= 2);
}

TEST_CASE("Conformance: descriptors are complete", "[conformance]") {
    for (const auto& p : built_plugins().plugins()) {
        const auto& d = p->description();
        INFO(d.id);
        CHECK(d.id.rfind("kp.", 0) == 0);
        CHECK(d.id.find(std::string(".") + to_string(d.kind) + ".") != std::string::npos);
        CHECK_FALSE(d.version.empty());
        CHECK_FALSE(d.summary.empty());
        CHECK(d.summary.find('\n') == std::string::npos);
        for (const auto& o : d.options) {
            INFO(o.name);
            CHECK_FALSE(o.description.empty());
            if (o.default_value) {
                // Every default must itself pass validation.
                CHECK_NOTHROW(p->validate_options({{o.name, *o.default_value}}));
            }
        }
        if (d.kind == PluginKind::exporter && !d.owns_output) {
            CHECK_FALSE(d.extensions.empty());  // names per-input output files
        }
    }
}

TEST_CASE("Conformance: create, use on empty input, destroy", "[conformance]") {
    for (const auto& p : built_plugins().plugins()) {
        INFO(p->id());
        switch (p->kind()) {
            case PluginKind::adapter: {
                auto a = p->create_adapter();
                const auto detection = a.detect("", "");
                CHECK(detection.confidence >= 0.0);
                CHECK(detection.confidence <= 1.0);
                CHECK_FALSE(detection.reason.empty());
                // Empty input: a Document or a kpproc::Error, never a crash.
                try {
                    const auto doc = a.parse(kpproc::SourceInput{"empty.txt", ""});
                    CHECK(doc.text.empty());
                } catch (const kpproc::Error& e) {
                    CHECK(std::string(e.what()).size() > 0);
                }
                break;
            }
            case PluginKind::processor: {
                auto proc = p->create_processor();
                kpproc::Document doc;
                CHECK_NOTHROW(proc.process(doc));
                break;
            }
            case PluginKind::exporter: {
                auto e = p->create_exporter();
                std::ostringstream out;
                if (p->description().owns_output) {
                    // It writes its own output (a directory of tables, a database): give it
                    // a place that does not exist yet. One whose output is not a file (a
                    // database server) may refuse it, clearly, leaving nothing there.
                    const kpproc::testing::TempDir dir;
                    try {
                        e.begin(kpproc::ExportTarget{(dir.path / "out").string(), 1}, out);
                    } catch (const kpproc::Error& refused) {
                        CHECK(std::string(refused.what()).size() > 20);
                        CHECK(std::filesystem::is_empty(dir.path));
                        break;
                    }
                    e.write(kpproc::Document{}, out);
                    e.end(out);
                    CHECK(std::filesystem::directory_iterator(dir.path) !=
                          std::filesystem::directory_iterator());
                    break;
                }
                e.begin(kpproc::ExportTarget{"-", 1}, out);
                e.write(kpproc::Document{}, out);
                e.end(out);
                CHECK_FALSE(out.str().empty());
                break;
            }
        }
    }
}
