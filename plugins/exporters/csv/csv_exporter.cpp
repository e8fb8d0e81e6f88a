// kp.exporter.csv — the documents of a batch as one CSV file per table (documents, items,
// paragraphs, resolutions, actions, questions, attendance, entities, mentions, pages) in a
// directory: RFC 4180
// (CRLF, quotes doubled, quoted only when needed), UTF-8, a header row, columns in a fixed
// order (README). Unknown values are empty fields. Each file is written under a temporary name
// and renamed when the batch ends, so a failed run leaves no half-written table.

#include <algorithm>
#include <array>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "kpproc/atomic_file.hpp"
#include "kpproc/json.hpp"
#include "kpproc/plugin.hpp"

namespace {

namespace fs = std::filesystem;
using kpproc::Document;

struct Table {
    const char* name;
    std::vector<const char*> columns;
};

// The tables and their columns, in the order the README documents. `document` (the input's
// identity, Source::identity) and `item` (the item's position in the document, from 1) join the
// tables.
const std::array<Table, 10> kTables = {{
    // One row a document: where it came from and the meeting it records, for a spreadsheet
    // that wants to know which body met when.
    {"documents",
     {"document", "path", "sha256", "adapter", "body", "title", "date", "time", "venue", "contact",
      "status"}},
    {"items",
     {"document", "item", "number", "ref", "title", "section", "truncated", "title_begin",
      "title_end"}},
    {"paragraphs",
     {"document", "item", "part", "question", "path", "number", "heading", "text", "begin", "end",
      "speakers", "speaker_names"}},
    {"resolutions", {"document", "item", "text", "begin", "end"}},
    {"actions", {"document", "item", "text", "status", "note", "begin", "end", "owner", "due"}},
    {"questions",
     {"document", "item", "question", "number", "text", "asker", "asker_organisation", "begin",
      "end"}},
    {"attendance",
     {"document", "name", "title", "honours", "role", "group", "organisation", "begin", "end"}},
    {"entities", {"document", "entity", "type", "name", "attributes"}},
    {"mentions", {"document", "entity", "text", "begin", "end"}},
    // A paged source's (a PDF's) pages: a row's page is the one whose span holds its begin.
    {"pages", {"document", "number", "begin", "end"}},
}};

enum TableIndex {
    documents,
    items,
    paragraphs,
    resolutions,
    actions,
    questions,
    attendance,
    entities,
    mentions,
    pages
};

// One CSV row, built field by field.
class Row {
public:
    explicit Row(std::string& out) : out_(out) {}
    ~Row() { out_ += "\r\n"; }
    Row(const Row&) = delete;
    Row& operator=(const Row&) = delete;

    Row& field(std::string_view value) {
        separate();
        // RFC 4180: quote a field holding a comma, a quote or a line break; double its quotes.
        if (value.find_first_of(",\"\r\n") == std::string_view::npos) {
            out_ += value;
            return *this;
        }
        out_ += '"';
        for (char c : value) {
            if (c == '"') {
                out_ += '"';
            }
            out_ += c;
        }
        out_ += '"';
        return *this;
    }
    // Null (unknown) is an empty field.
    Row& optional(const kpproc::OptionalString& value) {
        return value ? field(std::string_view(*value)) : field(std::string_view());
    }
    Row& number(std::size_t value) { return field(std::string_view(std::to_string(value))); }
    Row& flag(bool value) { return field(value ? "true" : "false"); }
    Row& span(const std::optional<kpproc::Span>& s) {
        if (s) {
            return number(s->begin).number(s->end);
        }
        return field("").field("");
    }

private:
    void separate() {
        if (!first_) {
            out_ += ',';
        }
        first_ = false;
    }
    std::string& out_;
    bool first_ = true;
};

class CsvExporter final : public kpproc::Exporter {
public:
    explicit CsvExporter(const kpproc::Options& options) : bom_(options.get_bool("bom")) {}

    void begin(const kpproc::ExportTarget& target, std::ostream& /*out*/) override {
        if (target.path == "-") {
            throw kpproc::Error("output-failed", "csv writes one file per table: give -o DIR/");
        }
        directory_ = target.path;
        std::error_code ec;
        fs::create_directories(directory_, ec);
        if (ec) {
            throw kpproc::Error(
                "output-failed",
                directory_.string() + ": cannot create the output directory: " + ec.message());
        }
        for (const auto& table : kTables) {
            // Not committed (a failure, or end() never came): the file removes its temporary.
            auto file = std::make_unique<kpproc::AtomicFile>(directory_ /
                                                             (std::string(table.name) + ".csv"));
            std::string header = bom_ ? "\xEF\xBB\xBF" : "";
            {
                Row row(header);
                for (const char* column : table.columns) {
                    row.field(column);
                }
            }
            file->stream() << header;
            files_.push_back(std::move(file));
        }
    }

    void write(const Document& doc, std::ostream& /*out*/) override {
        // Every row of the document first; the files get them only when all are built.
        const Rows rows = render(doc);
        std::array<std::string_view, kTables.size()> views;
        std::copy(rows.begin(), rows.end(), views.begin());
        append(views);
    }

    // Rendering the rows is the cost of a CSV export: it runs on the workers (ABI 1.3). The
    // prepared form is the tables' row counts in bytes, then their rows one after the other.
    bool prepare(const Document& doc, const kpproc::ExportTarget& /*target*/,
                 std::string& prepared) override {
        const Rows rows = render(doc);
        prepared.clear();
        for (const auto& r : rows) {
            prepared += std::to_string(r.size()) + ' ';
        }
        prepared += '\n';
        for (const auto& r : rows) {
            prepared += r;
        }
        return true;
    }

    void write_prepared(const Document& /*doc*/, std::string_view prepared,
                        std::ostream& /*out*/) override {
        append(split_prepared(prepared));
    }

    void end(std::ostream& /*out*/) override {
        // The tables are one set: if any of them could not be written in full, none replaces
        // its earlier version.
        for (auto& file : files_) {
            if (!file->stream().flush()) {
                throw kpproc::Error("write-failed",
                                    file->target().string() + ": writing failed (disk full?)");
            }
        }
        for (auto& file : files_) {
            file->commit();  // throws, naming the table, if anything failed to reach the disk
        }
        files_.clear();
    }

private:
    using Rows = std::array<std::string, kTables.size()>;

    static Rows render(const Document& doc) {
        Rows rows;
        const std::string& path = doc.source.key();  // the same identity as json and sqlite
        const kpproc::Meeting& m = doc.meeting;
        Row(rows[documents])
            .field(path)
            .field(doc.source.path)
            .optional(doc.source.sha256)
            .optional(doc.source.adapter)
            .optional(m.body)
            .optional(m.title)
            .optional(m.date)
            .optional(m.time)
            .optional(m.venue)
            .optional(m.contact)
            .optional(m.status);
        std::size_t item_number = 0;
        for (const auto& item : doc.items) {
            item_rows(rows, path, ++item_number, item);
        }
        for (const auto& a : doc.attendance) {
            Row(rows[attendance])
                .field(path)
                .field(a.name)
                .optional(a.title)
                .optional(a.honours)
                .optional(a.role)
                .optional(a.group)
                .optional(a.organisation)
                .span(a.span);
        }
        entity_rows(rows, path, doc.entities);
        for (const auto& p : doc.pages) {
            Row(rows[pages]).field(path).number(p.number).span(p.span);
        }
        return rows;
    }

    static void item_rows(Rows& rows, const std::string& path, std::size_t item_number,
                          const kpproc::Item& item) {
        Row(rows[items])
            .field(path)
            .number(item_number)
            .optional(item.number)
            .optional(item.ref)
            .optional(item.title)
            .optional(item.section)
            .flag(item.truncated)
            .span(item.title_span);
        paragraph_rows(rows[paragraphs], path, item_number, "description", 0, item.description, "");
        paragraph_rows(rows[paragraphs], path, item_number, "minutes", 0, item.paragraphs, "");
        for (const auto& r : item.resolutions) {
            Row(rows[resolutions]).field(path).number(item_number).field(r.text).span(r.span);
        }
        for (const auto& a : item.actions) {
            Row(rows[actions])
                .field(path)
                .number(item_number)
                .field(a.text)
                .optional(a.status)
                .optional(a.note)
                .span(a.span)
                .optional(a.owner)
                .optional(a.due);
        }
        std::size_t question_number = 0;
        for (const auto& q : item.questions) {
            ++question_number;
            Row(rows[questions])
                .field(path)
                .number(item_number)
                .number(question_number)
                .optional(q.number)
                .field(q.text)
                .optional(q.asker ? q.asker->name : std::nullopt)
                .optional(q.asker ? q.asker->organisation : std::nullopt)
                .span(q.span);
            paragraph_rows(rows[paragraphs], path, item_number, "answer", question_number,
                           q.answers, "");
        }
    }

    static void entity_rows(Rows& rows, const std::string& path,
                            const std::vector<kpproc::Entity>& list) {
        for (const auto& e : list) {
            std::string attributes;
            kpproc::json::Writer writer(attributes);
            writer.begin_object();
            for (const auto& [key, value] : e.attributes) {
                writer.key(key).value(value);
            }
            writer.end_object();
            Row(rows[entities])
                .field(path)
                .field(e.id)
                .field(e.type)
                .field(e.name)
                .field(attributes);
            for (const auto& m : e.mentions) {
                Row(rows[mentions]).field(path).field(e.id).field(m.text).span(m.span);
            }
        }
    }

    // The tables' rows in a prepared document (see prepare()).
    static std::array<std::string_view, kTables.size()> split_prepared(std::string_view prepared) {
        std::array<std::string_view, kTables.size()> out;
        const std::size_t header_end = prepared.find('\n');
        std::string_view sizes = prepared.substr(0, header_end);
        std::size_t at = header_end + 1;
        for (auto& table : out) {
            const std::size_t space = sizes.find(' ');
            const std::size_t size = std::stoul(std::string(sizes.substr(0, space)));
            sizes.remove_prefix(space + 1);
            table = prepared.substr(at, size);
            at += size;
        }
        return out;
    }

    void append(const std::array<std::string_view, kTables.size()>& rows) {
        for (std::size_t t = 0; t < files_.size(); ++t) {
            files_[t]->stream() << rows[t];
            if (!files_[t]->stream()) {
                throw kpproc::Error("write-failed",
                                    files_[t]->target().string() + ": writing failed (disk full?)");
            }
        }
    }

    // Paragraph rows, depth first; `path` is the paragraph's place ("2", "2.1") in its list.
    static void paragraph_rows(std::string& out, const std::string& document, std::size_t item,
                               const char* part, std::size_t question,
                               const std::vector<kpproc::Paragraph>& list,
                               const std::string& parent) {
        std::size_t k = 0;
        for (const auto& p : list) {
            ++k;
            const std::string place =
                parent.empty() ? std::to_string(k) : parent + "." + std::to_string(k);
            std::string speakers;
            std::string names;
            for (const auto& s : p.speakers) {
                speakers += speakers.empty() ? "" : ";";
                speakers += s.entity;
                names += names.empty() ? "" : ";";
                names += s.name;
            }
            {
                Row row(out);
                row.field(document).number(item).field(part);
                question > 0 ? row.number(question) : row.field("");
                row.field(place)
                    .optional(p.number)
                    .flag(p.heading)
                    .field(p.text)
                    .span(p.span)
                    .field(speakers)
                    .field(names);
            }
            paragraph_rows(out, document, item, part, question, p.children, place);
        }
    }

    bool bom_;
    fs::path directory_;
    std::vector<std::unique_ptr<kpproc::AtomicFile>> files_;
};

}  // namespace

KPPROC_PLUGIN(CsvExporter,
              {.id = "kp.exporter.csv",
               .version = "1.0.0",
               .summary = "One CSV file per table (items, paragraphs, …, mentions) in a directory",
               .media_types = {"text/csv"},
               .extensions = {".csv"},
               .options = {{.name = "bom",
                            .type = kpproc::OptionType::boolean,
                            .default_value = "false",
                            .description = "Start each file with a UTF-8 byte order mark, so "
                                           "that Excel reads it as UTF-8"}},
               // It writes its own output: a directory of files for the whole batch (-o DIR/).
               .owns_output = true})
