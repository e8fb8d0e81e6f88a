// org.kpproc-tests.processor.break-model: breaks a rule of the document model
// (kpproc/invariants.hpp) in documents whose text contains the marker, as a careless plugin
// might, so that tests can check that `kpproc run --check` catches it and names the plugin.

#include "kpproc/plugin.hpp"

namespace {

class BreakModel final : public kpproc::Processor {
public:
    explicit BreakModel(const kpproc::Options& options)
        : marker_(options.get_string("marker")), how_(options.get_string("how")) {}

    void process(kpproc::Document& doc) override {
        if (doc.text.find(marker_) == std::string::npos) {
            return;
        }
        if (how_ == "span") {
            // An end past the text, as an off-by-a-buffer offset gives.
            doc.diagnostics.push_back(
                {"info", "broken-span", "a span past the end", kpproc::Span{5, 999999}});
        } else if (how_ == "empty") {
            doc.meeting.venue = "";  // not found should be null
        } else {
            kpproc::Entity entity;
            entity.id = "dup";
            entity.type = "ORGANISATION";
            entity.name = "Twice";
            doc.entities.push_back(entity);
            doc.entities.push_back(entity);
        }
    }

private:
    std::string marker_;
    std::string how_;
};

}  // namespace

KPPROC_PLUGIN(BreakModel, {.id = "org.kpproc-tests.processor.break-model",
                           .version = "1.0.0",
                           .summary = "Test plugin: breaks the model's rules on a marker",
                           .options = {{.name = "marker",
                                        .type = kpproc::OptionType::string,
                                        .default_value = "BREAK-HERE",
                                        .description = "Text that makes it break the model"},
                                       {.name = "how",
                                        .type = kpproc::OptionType::choice,
                                        .default_value = "span",
                                        .description = "Which rule to break",
                                        .choices = {"span", "empty", "duplicate-id"}}}})
