// org.kpproc-tests.exporter.own-output-1-4: an exporter built as if for ABI 1.4, before the
// descriptor had flags, saying that it writes its own output the old way, with the extension
// "/". A 1.5 host must still treat it as owning its output. It writes one line per document
// into the file at the -o path.

#include "kpproc/abi.h"
#undef KPPROC_ABI_MINOR
#define KPPROC_ABI_MINOR 4

#include <fstream>

#include "kpproc/plugin.hpp"

namespace {

class OwnOutput final : public kpproc::Exporter {
public:
    explicit OwnOutput(const kpproc::Options&) {}
    void begin(const kpproc::ExportTarget& target, std::ostream&) override {
        file_.open(target.path);
        if (!file_) {
            throw kpproc::Error("output-failed", "cannot create " + target.path);
        }
    }
    void write(const kpproc::Document& doc, std::ostream&) override {
        file_ << doc.source.path << "\n";
    }
    void end(std::ostream&) override { file_.close(); }

private:
    std::ofstream file_;
};

}  // namespace

KPPROC_PLUGIN(OwnOutput, {.id = "org.kpproc-tests.exporter.own-output-1-4",
                          .version = "1.0.0",
                          .summary = "Test plugin: owns its output, said the ABI 1.4 way",
                          .extensions = {"/"}})
