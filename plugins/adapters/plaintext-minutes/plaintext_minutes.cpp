// kp.adapter.plaintext-minutes — minutes and agendas as text converted from PDF or Word. The
// text is read by the shared structure engine (kpproc::structure::read_text_record), which also
// reads the text of PDFs for kp.adapter.pdf: the same record as text or as PDF gives the same
// items.

#include <algorithm>
#include <string>
#include <string_view>

#include "kpproc/adapter_support.hpp"
#include "kpproc/lines.hpp"
#include "kpproc/plugin.hpp"
#include "kpproc/structure/record.hpp"

namespace {

bool starts_with(std::string_view s, std::string_view p) {
    return s.substr(0, p.size()) == p;
}

constexpr double kMinutesLine = 0.9;
// A record known only by its structure: below every format-specific sign of the other adapters
// (a ModernGov page's labels and links score 0.8), so the adapter made for a format reads it.
constexpr double kStructureOnly = 0.74;

class PlaintextMinutesAdapter final : public kpproc::Adapter {
public:
    explicit PlaintextMinutesAdapter(const kpproc::Options&) {}

    kpproc::Detection detect(std::string_view head, std::string_view /*file_name*/) const override {
        if (auto refusal = kpproc::refuse_non_text(head)) {
            return *refusal;
        }
        if (head.find('<') != std::string_view::npos &&
            (head.find("<html") != std::string_view::npos ||
             head.find("<HTML") != std::string_view::npos)) {
            return {0.0, "HTML, not plain text"};
        }
        const auto evidence = kpproc::structure::examine(head);
        if (evidence.markup >= 3) {
            return {0.0, "Markdown, code or data lines: not a meeting record"};
        }
        const bool minutes_line = minutes_line_near_top(head);
        const bool present = head.find("\nPRESENT:") != std::string_view::npos ||
                             head.find("\nPresent:") != std::string_view::npos;
        const bool item_ref = head.find("(Item ") != std::string_view::npos ||
                              head.find("(*Item ") != std::string_view::npos;
        if (minutes_line && present) {
            return {0.95, "a 'MINUTES of a meeting of …' line and a PRESENT: list"};
        }
        if (minutes_line) {
            return {kMinutesLine, "a 'MINUTES of a meeting of …' line"};
        }
        if (present && item_ref) {
            return {0.6, "a PRESENT: list and numbered items with (Item …) references"};
        }
        // Any other record's structure, as the shared engine sees it. A commissioner's board
        // record is the governance adapter's; ModernGov's own signs score higher there.
        const double confidence = evidence.policing_board
                                      ? std::min(0.5, evidence.confidence())
                                      : std::min(kStructureOnly, evidence.confidence());
        return {confidence, evidence.confidence() > 0
                                ? "meeting-record structure: " + evidence.reason()
                                : "no minutes heading, attendance list, items or resolutions"};
    }

    kpproc::Document parse(const kpproc::SourceInput& input) override {
        kpproc::Document doc = kpproc::start_text_document(input);
        kpproc::structure::read_text_record(doc);
        kpproc::note_if_no_items(doc, "agenda items");
        return doc;
    }

private:
    // "MINUTES of a meeting of …" opening one of the first lines, as a heading does; the phrase
    // inside a paragraph, or deep in a document about minutes, is not one.
    static bool minutes_line_near_top(std::string_view head) {
        std::size_t content = 0;
        for (const auto& line : kpproc::lines::split(head.substr(0, 16 * 1024))) {
            if (line.blank()) {
                continue;
            }
            if (++content > 30) {
                break;
            }
            const auto t = line.text;
            if (line.indent < 4 && (starts_with(t, "MINUTES of a meeting of") ||
                                    starts_with(t, "Minutes of a meeting of") ||
                                    starts_with(t, "MINUTES of the meeting of"))) {
                return true;
            }
        }
        return false;
    }
};

}  // namespace

KPPROC_PLUGIN(
    PlaintextMinutesAdapter,
    {.id = "kp.adapter.plaintext-minutes",
     .version = "1.0.0",
     .summary = "Minutes and agendas as text (from PDF or Word) of councils, panels, authorities",
     .media_types = {"text/plain"},
     .extensions = {".txt"}})
