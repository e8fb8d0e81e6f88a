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
        render(doc, ndjson_, buffer_);
        out.write(buffer_.data(), static_cast<std::streamsize>(buffer_.size()));
    }

    // Rendering is the whole cost of a JSON export: it runs on the workers (ABI 1.3).
    bool prepare(const kpproc::Document& doc, const kpproc::ExportTarget& target,
                 std::string& prepared) override {
        prepared.clear();
        render(doc, target.document_count > 1, prepared);
        return true;
    }

    void write_prepared(const kpproc::Document& /*doc*/, std::string_view prepared,
                        std::ostream& out) override {
        out.write(prepared.data(), static_cast<std::streamsize>(prepared.size()));
    }

private:
    // One document, and the line end: one compact line when it shares its output (NDJSON).
    void render(const kpproc::Document& doc, bool ndjson, std::string& out) const {
        kpproc::write_json(doc, out, {.indent = (pretty_ && !ndjson) ? indent_ : 0});
        out += '\n';
    }

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
