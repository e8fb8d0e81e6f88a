// org.example.exporter.markdown — a complete third-party exporter: each meeting as a Markdown
// page a person can read (heading, date, who attended, the items with their resolutions).
//
// What every exporter does: begin() once per output, write() once per document into the
// stream the host gives it (the host appends it to the output only when write() returns, so
// a document that fails leaves nothing half-written), end() once per output. Unknown is null
// in the model: the page leaves out what the source did not give rather than printing "null".

#include <kpproc/plugin.hpp>

#include <ostream>
#include <string>

namespace {

class MarkdownExporter final : public kpproc::Exporter {
public:
    explicit MarkdownExporter(const kpproc::Options& options)
        : with_paragraphs_(options.get_bool("paragraphs")) {}

    void begin(const kpproc::ExportTarget& target, std::ostream& /*out*/) override {
        several_ = target.document_count != 1;
    }

    void write(const kpproc::Document& doc, std::ostream& out) override {
        if (several_ && written_++ > 0) {
            out << "\n---\n\n";  // a rule between the meetings of one output
        }
        const kpproc::Meeting& m = doc.meeting;
        out << "# " << m.body.value_or(m.title.value_or(doc.source.path)) << "\n\n";
        if (m.body && m.title) {
            out << "**" << *m.title << "**\n\n";
        }
        if (m.date) {
            out << "Date: " << *m.date << (m.time ? " at " + *m.time : "") << "\n\n";
        }
        write_attendance(doc, out);
        for (const kpproc::Item& item : doc.items) {
            write_item(item, out);
        }
    }

private:
    static void write_attendance(const kpproc::Document& doc, std::ostream& out) {
        if (doc.attendance.empty()) {
            return;
        }
        out << "Attending:";
        const char* separator = " ";
        for (const kpproc::Attendee& a : doc.attendance) {
            if (a.group.value_or("present") == "apologies") {
                continue;
            }
            out << separator << a.name << (a.role ? " (" + *a.role + ")" : "");
            separator = ", ";
        }
        out << "\n\n";
    }

    void write_item(const kpproc::Item& item, std::ostream& out) const {
        out << "## " << (item.number ? *item.number + ". " : "")
            << item.title.value_or("(untitled item)") << "\n\n";
        if (with_paragraphs_) {
            for (const kpproc::Paragraph& p : item.paragraphs) {
                out << p.text << "\n\n";
            }
        }
        for (const kpproc::Resolution& r : item.resolutions) {
            out << "> **Resolved:** " << r.text << "\n\n";
        }
    }

    bool with_paragraphs_;
    bool several_ = false;
    std::size_t written_ = 0;
};

}  // namespace

KPPROC_PLUGIN(MarkdownExporter,
              {.id = "org.example.exporter.markdown",
               .version = "1.0.0",
               .summary = "Example: each meeting as a Markdown page",
               .media_types = {"text/markdown"},
               .extensions = {".md"},
               .options = {
                   {.name = "paragraphs",
                    .type = kpproc::OptionType::boolean,
                    .default_value = "true",
                    .description = "Include the minutes' paragraphs, not only resolutions"}}})
