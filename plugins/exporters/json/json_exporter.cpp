// kp.exporter.json — writes the document model as JSON v1. One document per target is written
// as a JSON object (pretty by default); several documents in one stream are written as NDJSON,
// one compact document per line, so the stream stays parseable line by line.

#include <string>

#include "kpproc/model_json.hpp"
#include "kpproc/plugin.hpp"

namespace {

class JsonExporter final : public kpproc::Exporter {
public:
    explicit JsonExporter(const kpproc::Options& options)
        : pretty_(options.get_bool("pretty")), indent_(checked_indent(options.get_int("indent"))) {}

    void begin(const kpproc::ExportTarget& target, std::ostream& /*out*/) override {
        ndjson_ = target.document_count > 1;
    }

    void write(const kpproc::Document& doc, std::ostream& out) override {
        buffer_.clear();
        kpproc::write_json(doc, buffer_, {.indent = (pretty_ && !ndjson_) ? indent_ : 0});
        buffer_ += '\n';
        out.write(buffer_.data(), static_cast<std::streamsize>(buffer_.size()));
    }

private:
    static int checked_indent(std::int64_t indent) {
        if (indent < 1 || indent > 8) {
            throw kpproc::Error("invalid-option", "json: indent must be from 1 to 8");
        }
        return static_cast<int>(indent);
    }

    bool pretty_;
    int indent_;
    bool ndjson_ = false;
    std::string buffer_;  // reused between documents
};

}  // namespace

KPPROC_PLUGIN(JsonExporter,
              {.id = "kp.exporter.json",
               .version = "1.0.0",
               .summary = "The document model as JSON v1 (NDJSON when several documents share "
                          "one output)",
               .media_types = {"application/json", "application/x-ndjson"},
               .extensions = {".json"},
               .options = {
                   {.name = "pretty",
                    .type = kpproc::OptionType::boolean,
                    .default_value = "true",
                    .description = "Indent a single document for reading (NDJSON is always "
                                   "compact)"},
                   {.name = "indent",
                    .type = kpproc::OptionType::integer,
                    .default_value = "2",
                    .description = "Spaces per level when pretty (1-8)"},
               }})
