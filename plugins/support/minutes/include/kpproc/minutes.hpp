#pragma once
// Conventions of UK committee minutes that every minutes adapter meets, whatever the file
// format: attendance lists, "RESOLVED" lines, askers in brackets under a question, decision
// references, adjournments. Offsets are bytes into the text the caller passes (plus `offset`).

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kpproc/lines.hpp"
#include "kpproc/model.hpp"

namespace kpproc::minutes {

// Splits "Mr P M Hill, OBE (Chairman), Mr G Sandher (Vice-Chairman), Makinson and Cllr R
// Palmer" into people: title ("Mr", "Cllr Mrs"), name, honours ("OBE"), role (the bracket).
// `offset` is where `list` starts in the document text, for the spans.
std::vector<Attendee> split_people(std::string_view list, std::size_t offset);

// Reads a whole-line asker such as "(Richard Palmer – Swale Borough Council)",
// "(Cllr Mike Blakemore, Folkestone and Hythe District Council)" or "(Mark Rhodes - Tonbridge &
// Malling)". Returns nullopt for other bracketed lines ("(Item 3)").
std::optional<Asker> parse_asker_line(std::string_view line);

// "RESOLVED that …", "Resolved: …", "RESOLVED to note …", "AGREED that …", "It was agreed that",
// "UNANIMOUSLY RESOLVED", "Decision: …", Welsh "PENDERFYNWYD …", and a bare "That the report be
// noted." (a resolution whose label the record left out).
bool is_resolution(std::string_view paragraph);

// Decision references such as "OPCC.D.034.23" anywhere in `text`.
std::vector<Decision> find_decision_refs(std::string_view text, std::size_t offset);

// "adjourned at 10:16", "reconvened at 11:20", "meeting closed at 12.45 pm".
std::vector<Event> find_events(std::string_view text, std::size_t offset);

// A label introducing a question: "Question 1", "Question 1:", "Questions 2", "Q3". Returns
// the number ("1") or an empty string for an unnumbered "Question:"; nullopt if not a label.
std::optional<std::string> question_label(std::string_view line);

// Builds the body of one agenda item from its paragraph blocks, in reading order: numbered and
// nested paragraphs, "RESOLVED" lines, questions (a "Question 1" label, the question's text,
// the asker in brackets, then the numbered answers), and paragraphs cut by a page break
// (lower-case text continuing a paragraph that had not ended).
class ItemBodyBuilder {
public:
    // `text` is the document text every span refers to.
    explicit ItemBodyBuilder(std::string_view text) : text_(text) {}

    // A paragraph block: `content` is a view into the text after any marker; `marker` is what
    // introduced it ("1.", "a.", "·"); `min_depth` is 1 for indented lines, else 0.
    void add_block(std::string_view content, const std::optional<lines::Marker>& marker,
                   std::size_t min_depth);
    // "Question 1" (number "1"), "Question:" (empty number).
    void add_question_label(const std::string& number);
    // The adapter skipped a line here (page furniture, a label): text after it does not
    // continue the paragraph before it.
    void interrupt() {
        last_paragraph_ = nullptr;
        resolution_open_ = false;
    }
    // "(Cllr Richard Palmer, Swale Borough Council)" on a line of its own.
    void add_asker(const Asker& asker, Span line_span);

    // Moves what was built into `item` (paragraphs, questions, resolutions) and adds any
    // diagnostics to `doc`. The builder is then empty again.
    void finish(Item& item, Document& doc);

private:
    // A resolution this long or shorter is its label alone ("RESOLVED:", "RESOLVED –").
    static constexpr std::size_t kLabelOnly = 14;
    // Whether a resolution is its label alone, perhaps with how the vote went ("RESOLVED
    // unanimously"): the wording that follows is its own.
    static bool is_label_only(std::string_view resolution);
    // Whether the points or wording that follow a resolution belong to it.
    static bool opens_points(std::string_view resolution);
    // Whether a point marked `next` continues points marked `open` ((i) then (ii)).
    static bool same_point_style(lines::MarkerStyle open, lines::MarkerStyle next);
    void flush_pending();
    void finish_question();

    std::string_view text_;
    lines::ParagraphTree paragraphs_;
    lines::ParagraphTree answers_;
    std::vector<Question> questions_;
    std::vector<Resolution> resolutions_;
    std::vector<Paragraph> pending_;  // unnumbered text: a question if an asker line follows
    std::optional<std::string> question_number_;
    bool in_question_text_ = false;
    bool resolution_open_ = false;  // the last resolution ended with ':' and may continue
    std::optional<lines::MarkerStyle> resolution_points_;  // the style of its points
    Paragraph* last_paragraph_ = nullptr;
    std::vector<Diagnostic> diagnostics_;
};

// Titles and honours as they appear before and after names.
bool is_title_word(std::string_view word);
bool is_honour(std::string_view word);

}  // namespace kpproc::minutes
