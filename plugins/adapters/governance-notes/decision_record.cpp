#include "decision_record.hpp"

#include <algorithm>
#include <cctype>
#include <optional>
#include <span>
#include <vector>

#include "kpproc/dates.hpp"
#include "kpproc/lines.hpp"
#include "kpproc/text.hpp"

namespace kpproc::governance {

namespace {

using lines::Line;

// How far down a form its heading and labelled boxes come: the first page.
constexpr std::size_t kHeadLines = 80;

std::string lower(std::string_view s) {
    return text::to_lower_ascii(text::collapse_whitespace(s));
}

// Where a box's label may begin on a line: at its start, or after the wide gap that separates
// two boxes a converter put on one line ("DECISION RECORD      Decision number: 2025/047").
std::vector<std::size_t> box_starts(std::string_view s) {
    std::vector<std::size_t> starts{0};
    for (std::size_t i = 0; i + 1 < s.size(); ++i) {
        if ((s[i] == '\t' || (s[i] == ' ' && s[i + 1] == ' ')) && s[i + 1] != '\n') {
            std::size_t j = i;
            while (j < s.size() && (s[j] == ' ' || s[j] == '\t')) {
                ++j;
            }
            if (j < s.size() && (j - i >= 3 || s[i] == '\t')) {
                starts.push_back(j);
            }
            i = j;
        }
    }
    return starts;
}

// The value a box labelled with one of `labels` holds on line `s` ("Title:   Contribution …"),
// up to the next wide gap; an empty view for a label with its value below; nullopt without it.
// A label must end at a colon, the end of the line, or a wide gap: "Decision maker: …" is not
// "Decision".
using Labels = std::span<const std::string_view>;

std::optional<std::string_view> box_value(std::string_view s, Labels labels) {
    for (const std::size_t start : box_starts(s)) {
        const std::string_view box = s.substr(start);
        const std::string box_lower = text::to_lower_ascii(box.substr(0, 48));
        for (const std::string_view label : labels) {
            if (!box_lower.starts_with(label)) {
                continue;
            }
            std::string_view rest = box.substr(label.size());
            const std::string_view after = lines::trim(rest);
            if (!(rest.empty() || after.starts_with(":") || rest.starts_with("  ") ||
                  rest.starts_with("\t"))) {
                continue;
            }
            rest = after.starts_with(":") ? lines::trim(after.substr(1)) : after;
            const auto gap = std::min(rest.find("   "), rest.find('\t'));
            return lines::trim(rest.substr(0, gap));
        }
    }
    return std::nullopt;
}

// The label boxes the forms use, by what they hold (lower case).
constexpr std::string_view kNumberLabels[] = {
    "decision number",    "decision no.",           "decision no",      "decision reference number",
    "decision reference", "decision ref no.",       "decision ref no",  "decision ref.",
    "decision ref",       "decision record number", "reference number", "ref no."};
constexpr std::string_view kTitleLabels[] = {"title of decision", "decision title",
                                             "title of report", "title", "subject"};
// What was decided, strongest first: the decision, then the recommendation approved.
constexpr std::string_view kDecisionLabels[] = {"approved decision", "decision made",
                                                "decision taken", "decision"};
constexpr std::string_view kRecommendationLabels[] = {"recommendations", "recommendation(s)",
                                                      "recommendation", "decision summary",
                                                      "summary of decision"};
constexpr std::string_view kDateOfDecisionLabels[] = {"date of decision", "decision date",
                                                      "date decision made"};

// "DECISION RECORD", "Record of Decision", "Decision Notice", "PCC Decision Sheet", "DMPC
// Decision – PCD 1712": a heading naming the form. "Record of Decisions" heads a meeting's minutes.
bool is_form_heading(std::string_view s) {
    const std::string l = lower(s);
    if (l.size() > 90) {
        return false;
    }
    for (const std::string_view name :
         {"decision record", "record of decision", "decision notice", "decision sheet",
          "decision form", "record of officer decision", "dmpc decision", "mopac decision",
          "pcc decision", "pfcc decision", "commissioner's decision",
          "executive decision notice"}) {
        const auto at = l.find(name);
        const std::size_t end = at + name.size();
        if (at != std::string::npos && at < 40 && (end == l.size() || l[end] != 's')) {
            return true;
        }
    }
    return false;
}

// "DMPC Decision – PCD 1712", "Decision Record 2024/15": the number a heading gives after the
// form's name, when the form has no number box.
std::optional<std::string_view> number_in_heading(std::string_view s) {
    if (!is_form_heading(s)) {
        return std::nullopt;
    }
    const std::string l = text::to_lower_ascii(s);
    const auto name = l.find("decision");
    std::size_t at = l.find_first_of("0123456789", name);
    if (name == std::string::npos || at == std::string::npos) {
        return std::nullopt;
    }
    // Back to the start of the number's word ("PCD 1712": a code of capitals before it).
    const std::size_t word = s.find_last_of(" \t:", at);
    at = word == std::string_view::npos ? at : word + 1;
    if (at >= 2 && s[at - 1] == ' ' && std::isupper(static_cast<unsigned char>(s[at - 2]))) {
        const std::size_t code = s.find_last_of(" \t", at - 2);
        const std::string_view letters = s.substr(code + 1, at - 1 - (code + 1));
        if (letters.size() <= 5 && std::all_of(letters.begin(), letters.end(), [](char c) {
                return std::isupper(static_cast<unsigned char>(c));
            })) {
            at = code + 1;
        }
    }
    const std::string_view number = lines::trim(s.substr(at));
    if (number.size() > 20 || number.find("  ") != std::string_view::npos) {
        return std::nullopt;
    }
    return number;
}

bool names_policing(std::string_view s) {
    const std::string l = lower(s);
    for (const std::string_view w :
         {"commissioner", "pcc", "pfcc", "opcc", "mopac", "policing", "police", "constable"}) {
        if (l.find(w) != std::string::npos) {
            return true;
        }
    }
    return false;
}

// "I hereby approve the recommendation above.", "Signature:", "Signed:": the decision maker's
// approval, whose date is the decision's.
bool is_approval(std::string_view s) {
    const std::string l = lower(s);
    for (const std::string_view lead : {"i hereby approve", "i approve", "i agree", "i confirm",
                                        "i have decided", "signature", "signed"}) {
        if (l.starts_with(lead)) {
            return true;
        }
    }
    return l.find("has my approval") != std::string::npos;  // "The above request has my approval."
}

// The signs of a decision record in the first lines of a text.
struct FormSigns {
    bool heading = false;
    bool policing = false;
    std::size_t numbers = 0;  // decision-number boxes: more than two is a log of decisions
    bool title = false;
    bool decision = false;
    bool approval = false;
    bool meeting = false;  // "Present:", "Apologies": minutes of a meeting, not a form

    void add(std::string_view s) {
        heading = heading || is_form_heading(s);
        policing = policing || names_policing(s);
        numbers += box_value(s, kNumberLabels) ? 1 : 0;
        title = title || box_value(s, kTitleLabels).has_value();
        decision = decision || box_value(s, kDecisionLabels).has_value() ||
                   box_value(s, kRecommendationLabels).has_value();
        approval = approval || is_approval(s);
        const std::string l = lower(s);
        meeting = meeting || l.starts_with("present:") || l == "present" ||
                  l.starts_with("apologies") || l.starts_with("attendees");
    }
};

FormSigns form_signs(std::string_view head) {
    FormSigns signs;
    std::size_t content = 0;
    for (const Line& line : lines::split(head)) {
        if (line.blank()) {
            continue;
        }
        if (++content > kHeadLines) {
            break;
        }
        // The raw line keeps the wide gaps between boxes; Line::text is trimmed only at its ends.
        signs.add(line.text);
    }
    return signs;
}

}  // namespace

bool is_decision_record(std::string_view head, std::string* reason) {
    head = head.substr(0, 16 * 1024);
    // A decision record says "decision" or "approve" somewhere in its head; most records need
    // not be read line by line to know they are not one.
    const auto says = [&](std::string_view word) {
        return kpproc::text::contains_words(head, word);
    };
    if (!says("ecision") && !says("ECISION") && !says("pprov") && !says("PPROV")) {
        return false;
    }
    const FormSigns s = form_signs(head);
    if (!s.policing || s.meeting || s.numbers > 2 || !(s.decision || s.approval)) {
        return false;
    }
    // The form's heading and a number or title box; without a heading, every box of the form.
    const bool with_heading = s.heading && (s.numbers > 0 || s.title);
    const bool boxes_only = s.numbers > 0 && s.title && s.decision && s.approval;
    if (!with_heading && !boxes_only) {
        return false;
    }
    *reason = std::string("a commissioner's decision record: ") +
              (s.heading ? "the form's heading ('Decision Record', 'Decision Notice'), " : "") +
              (s.numbers > 0 ? "a decision number, " : "") + (s.title ? "a title box, " : "") +
              (s.decision ? "the decision or recommendation" : "") +
              (s.approval ? ", the decision maker's approval" : "");
    return true;
}

namespace {

class DecisionRecordReader {
public:
    explicit DecisionRecordReader(Document& doc)
        : doc_(doc), text_(doc.text), lines_(lines::split(doc.text)) {}

    void run() {
        Item item;
        read_number_and_title(item);
        read_decision(item);
        read_paragraphs(item);
        doc_.meeting.date = approval_date();
        doc_.items.push_back(std::move(item));
        doc_.add_diagnostic("info", "decision-record",
                            "a decision record, not a meeting: one item; no body, venue or time");
    }

private:
    // The first non-blank line after `i`, or lines_.size().
    std::size_t next_content(std::size_t i) const {
        for (std::size_t j = i + 1; j < lines_.size(); ++j) {
            if (!lines_[j].blank()) {
                return j;
            }
        }
        return lines_.size();
    }

    bool is_any_label(std::string_view s) const {
        return box_value(s, kNumberLabels) || box_value(s, kTitleLabels) ||
               box_value(s, kDecisionLabels) || box_value(s, kRecommendationLabels) ||
               box_value(s, kDateOfDecisionLabels) || is_approval(s) ||
               lower(s).starts_with("executive summary") || lower(s).starts_with("part ");
    }

    // A box's value: on its label's line, or — the label alone — on the line below.
    std::string_view value_or_below(std::size_t i, std::string_view value) {
        if (!value.empty()) {
            header_end_ = std::max(header_end_, i + 1);
            return value;
        }
        const std::size_t below = next_content(i);
        if (below >= lines_.size() || is_any_label(lines_[below].text)) {
            return {};
        }
        header_end_ = std::max(header_end_, below + 1);
        return lines_[below].text;
    }

    void read_number_and_title(Item& item) {
        for (std::size_t i = 0; i < lines_.size() && i < 3 * kHeadLines; ++i) {
            const std::string_view s = lines_[i].text;
            if (const auto number = box_value(s, kNumberLabels); number && !item.number) {
                const std::string_view value = value_or_below(i, *number);
                if (is_decision_number(value)) {
                    item.number = std::string(strip_stop(value));
                }
            }
            if (const auto title = box_value(s, kTitleLabels); title && !item.title) {
                const std::string_view value = value_or_below(i, *title);
                if (!value.empty()) {
                    item.title = text::collapse_whitespace(strip_stop(value));
                    item.title_span = lines::span_of(text_, strip_stop(value));
                }
            }
        }
        for (std::size_t i = 0; i < lines_.size() && i < kHeadLines && !item.number; ++i) {
            if (const auto number = number_in_heading(lines_[i].text);
                number && is_decision_number(*number)) {
                item.number = std::string(strip_stop(*number));
            }
        }
    }

    static bool is_decision_number(std::string_view v) {
        return !v.empty() && v.size() <= 30 &&
               std::any_of(v.begin(), v.end(), [](char c) { return c >= '0' && c <= '9'; });
    }

    static std::string_view strip_stop(std::string_view v) {
        while (!v.empty() && (v.back() == '.' || v.back() == ':')) {
            v.remove_suffix(1);
        }
        return lines::trim(v);
    }

    // The decision box, or failing it the recommendation the decision maker approved.
    void read_decision(Item& item) {
        for (const Labels labels : {Labels(kDecisionLabels), Labels(kRecommendationLabels)}) {
            for (std::size_t i = 0; i < lines_.size(); ++i) {
                if (const auto value = box_value(lines_[i].text, labels)) {
                    if (auto block = block_after(i, *value)) {
                        item.resolutions.push_back(*block);
                        consumed_ = {i, block_end_};
                        return;
                    }
                }
            }
        }
    }

    // The text of the box whose label is on line `i`: its value on that line and the lines under
    // it up to a blank line or the next label; a label alone takes the paragraph below it.
    std::optional<Resolution> block_after(std::size_t i, std::string_view value) {
        std::size_t first = i;
        if (value.empty()) {
            first = next_content(i);
            if (first >= lines_.size() || is_any_label(lines_[first].text)) {
                return std::nullopt;
            }
            value = lines_[first].text;
        }
        std::size_t last = first;
        while (last + 1 < lines_.size() && !lines_[last + 1].blank() &&
               !is_any_label(lines_[last + 1].text)) {
            ++last;
        }
        const std::size_t begin = static_cast<std::size_t>(value.data() - text_.data());
        const std::size_t end = lines_[last].begin + lines_[last].text.size();
        block_end_ = last;
        const std::string_view words = std::string_view(text_).substr(begin, end - begin);
        return Resolution{text::collapse_whitespace(words), Span{begin, end}};
    }

    // The other blocks of the form, as the item's paragraphs: summary, background, implications.
    void read_paragraphs(Item& item) const {
        // The form's header (its heading, number and title boxes) is no paragraph.
        for (std::size_t i = header_end_; i < lines_.size(); ++i) {
            if (lines_[i].blank() || (i >= consumed_.first && i <= consumed_.second)) {
                continue;
            }
            std::size_t last = i;
            while (last + 1 < lines_.size() && !lines_[last + 1].blank() &&
                   !(last + 1 >= consumed_.first && last + 1 <= consumed_.second)) {
                ++last;
            }
            const std::size_t begin = lines_[i].begin;
            const std::size_t end = lines_[last].begin + lines_[last].text.size();
            Paragraph p;
            p.text = text::collapse_whitespace(std::string_view(text_).substr(begin, end - begin));
            p.span = Span{begin, end};
            item.paragraphs.push_back(std::move(p));
            i = last;
        }
    }

    // The day the decision was made: a "Date of decision" box, else the first date at or after
    // the decision maker's approval (officers sign their own approvals later in the form, often
    // days before). Null when the form gives neither.
    OptionalString approval_date() const {
        for (const Line& line : lines_) {
            if (const auto value = box_value(line.text, kDateOfDecisionLabels)) {
                if (const auto date = dates::find_date(*value)) {
                    return date->value;
                }
            }
        }
        for (std::size_t i = 0; i < lines_.size(); ++i) {
            if (!is_approval(lines_[i].text)) {
                continue;
            }
            for (std::size_t j = i; j < lines_.size() && j < i + 8; ++j) {
                if (const auto date = dates::find_date(lines_[j].text)) {
                    return date->value;
                }
            }
            return std::nullopt;  // the approval is unsigned or undated: no date is guessed
        }
        return std::nullopt;
    }

    Document& doc_;
    const std::string& text_;
    std::vector<Line> lines_;
    std::pair<std::size_t, std::size_t> consumed_{1, 0};  // the decision block's lines, if any
    std::size_t block_end_ = 0;
    std::size_t header_end_ = 0;  // the line after the last number or title box
};

}  // namespace

void read_decision_record(Document& doc) {
    DecisionRecordReader(doc).run();
}

}  // namespace kpproc::governance
