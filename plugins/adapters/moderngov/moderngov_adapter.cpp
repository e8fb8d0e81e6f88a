// kp.adapter.moderngov — ModernGov pages, the committee system most English councils publish
// their meetings with: the HTML as served (ieListDocuments.aspx meeting pages, mgAi.aspx item
// pages) and the text a browser saves from them. Both are read by the same rules: HTML is first
// rendered to the text a browser would save (see moderngov_html.hpp).

#include <libxml/parser.h>

#include <string>

#include "kpproc/adapter_support.hpp"
#include "kpproc/plugin.hpp"
#include "kpproc/structure/record.hpp"
#include "kpproc/text.hpp"
#include "moderngov_attendance.hpp"
#include "moderngov_html.hpp"
#include "moderngov_text.hpp"

namespace {

class ModernGovAdapter final : public kpproc::Adapter {
public:
    explicit ModernGovAdapter(const kpproc::Options&) {
        // libxml2 sets up its globals on first use, and two threads doing so at once race
        // (one's mutex is lost: LeakSanitizer saw it with -j 2). The host creates every
        // instance on one thread before any worker starts, so the set-up happens here, once.
        xmlInitParser();
    }

    kpproc::Detection detect(std::string_view head, std::string_view /*file_name*/) const override {
        if (auto refusal = kpproc::refuse_non_text(head)) {
            return *refusal;
        }
        std::string reason;
        if (kpproc::moderngov::looks_like_html(head)) {
            const double confidence = kpproc::moderngov::html_page_confidence(head, &reason);
            return {confidence, reason};
        }
        const double confidence = kpproc::moderngov::text_page_confidence(head, &reason);
        return {confidence, reason};
    }

    kpproc::Document parse(const kpproc::SourceInput& input) override {
        kpproc::Document doc;
        if (kpproc::moderngov::looks_like_html(input.bytes) &&
            !kpproc::text::looks_binary(input.bytes.substr(0, 64 * 1024))) {
            auto rendered = kpproc::moderngov::render_html(input.bytes);
            doc.text = std::move(rendered.text);
            doc.source.media_type = "text/html";
            for (const auto& [code, message] : rendered.warnings) {
                doc.add_diagnostic("warning", code, message);
            }
        } else {
            doc = kpproc::start_text_document(input);
        }
        kpproc::moderngov::parse_text_page(doc);
        kpproc::structure::read_apology_sentences(doc);        // pages give apologies as sentences
        kpproc::moderngov::read_substitute_appointments(doc);  // and substitutes
        kpproc::note_if_no_items(doc, "agenda items");
        return doc;
    }
};

}  // namespace

KPPROC_PLUGIN(ModernGovAdapter,
              {.id = "kp.adapter.moderngov",
               .version = "1.0.0",
               .summary = "ModernGov meeting and agenda-item pages, as HTML or saved as text",
               .media_types = {"text/html", "text/plain"},
               .extensions = {".html", ".htm", ".aspx", ".txt"}})
