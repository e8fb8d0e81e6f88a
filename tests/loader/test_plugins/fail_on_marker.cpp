// org.kpproc-tests.processor.fail-on-marker: throws while processing any document whose text
// contains the marker, so tests can check that a throwing plugin costs only that document.
// `throw` chooses what is thrown: a kpproc::Error, a std::exception, or something else.

#include <stdexcept>

#include "kpproc/plugin.hpp"

namespace {

class FailOnMarker final : public kpproc::Processor {
public:
    explicit FailOnMarker(const kpproc::Options& options)
        : marker_(options.get_string("marker")), kind_(options.get_string("throw")) {
        if (marker_.empty()) {
            throw kpproc::Error("invalid-option", "fail-on-marker: the marker must not be empty");
        }
    }

    void process(kpproc::Document& doc) override {
        if (doc.text.find(marker_) == std::string::npos) {
            return;
        }
        if (kind_ == "error") {
            throw kpproc::Error("deliberate", "deliberate failure on '" + marker_ + "'");
        }
        if (kind_ == "std") {
            throw std::out_of_range("deliberate std::out_of_range");
        }
        throw 42;  // not an exception class at all
    }

private:
    std::string marker_;
    std::string kind_;
};

}  // namespace

KPPROC_PLUGIN(FailOnMarker, {.id = "org.kpproc-tests.processor.fail-on-marker",
                             .version = "1.0.0",
                             .summary = "Test plugin: fails on documents containing a marker",
                             .options = {{.name = "marker",
                                          .type = kpproc::OptionType::string,
                                          .default_value = "FAIL-HERE",
                                          .description = "Text that makes processing fail"},
                                         {.name = "throw",
                                          .type = kpproc::OptionType::choice,
                                          .default_value = "error",
                                          .description = "What to throw",
                                          .choices = {"error", "std", "other"}}}})
