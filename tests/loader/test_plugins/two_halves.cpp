// org.kpproc-tests.exporter.two-halves: an exporter with the ABI 1.3 stages, which say which was
// called: write() writes "W <name>", prepare() + write_prepared() "P <name>", and is_stored()
// claims every document whose name contains "stored". Built a second time as if for ABI 1.2
// (two-halves-1-2), to check that the host calls none of the 1.3 stages on an older exporter.

#include "kpproc/abi.h"
#ifdef KPPROC_TEST_AS_ABI_1_2
#undef KPPROC_ABI_MINOR
#define KPPROC_ABI_MINOR 2
#define KPPROC_TEST_EXPORTER_ID "org.kpproc-tests.exporter.two-halves-1-2"
#else
#define KPPROC_TEST_EXPORTER_ID "org.kpproc-tests.exporter.two-halves"
#endif

#include <filesystem>
#include <ostream>
#include <string>

#include "kpproc/plugin.hpp"

namespace {

std::string name_of(const kpproc::Document& doc) {
    return std::filesystem::path(doc.source.path).filename().string();
}

class TwoHalves final : public kpproc::Exporter {
public:
    explicit TwoHalves(const kpproc::Options&) {}

    void write(const kpproc::Document& doc, std::ostream& out) override {
        out << "W " << name_of(doc) << "\n";
    }
    bool prepare(const kpproc::Document& doc, const kpproc::ExportTarget& /*target*/,
                 std::string& prepared) override {
        prepared = "P " + name_of(doc) + "\n";
        return true;
    }
    void write_prepared(const kpproc::Document& /*doc*/, std::string_view prepared,
                        std::ostream& out) override {
        out << prepared;
    }
    bool is_stored(std::string_view identity, std::string_view /*sha256*/) const override {
        return identity.find("stored") != std::string_view::npos;
    }
};

}  // namespace

KPPROC_PLUGIN(TwoHalves, {.id = KPPROC_TEST_EXPORTER_ID,
                          .version = "1.0.0",
                          .summary = "Test plugin: an exporter that says which stages ran",
                          .extensions = {".txt"}})
