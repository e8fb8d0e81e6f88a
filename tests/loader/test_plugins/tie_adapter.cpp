// org.kpproc-tests.adapter.tie: claims text containing "TIE-ME" with a confidence only a little
// below the ModernGov adapter's for a saved ModernGov page (0.95), so auto-detection must report
// a near-tie instead of choosing.

#include "kpproc/plugin.hpp"

namespace {

class TieAdapter final : public kpproc::Adapter {
public:
    explicit TieAdapter(const kpproc::Options&) {}

    kpproc::Detection detect(std::string_view head, std::string_view) const override {
        if (head.find("TIE-ME") != std::string_view::npos) {
            return {0.93, "contains TIE-ME"};
        }
        if (head.find("CLEAR-WIN") != std::string_view::npos) {
            return {0.9, "contains CLEAR-WIN"};
        }
        return {0.0, "no marker"};
    }

    kpproc::Document parse(const kpproc::SourceInput& input) override {
        kpproc::Document doc;
        doc.text = std::string(input.bytes);
        return doc;
    }
};

}  // namespace

KPPROC_PLUGIN(TieAdapter, {.id = "org.kpproc-tests.adapter.tie",
                           .version = "1.0.0",
                           .summary = "Test plugin: competes with the text adapter"})
