#include "kpproc/structure/record.hpp"

#include <algorithm>
#include <iterator>

#include "action_log.hpp"
#include "actions.hpp"
#include "attendance.hpp"
#include "decision_table.hpp"
#include "header.hpp"
#include "headings.hpp"
#include "kpproc/dates.hpp"
#include "kpproc/lines.hpp"
#include "kpproc/minutes.hpp"
#include "kpproc/text.hpp"
#include "layout.hpp"
#include "markdown.hpp"
#include "words.hpp"

namespace kpproc::structure {

namespace {

using kpproc::lines::Line;
using namespace detail;

Span span_in(const std::string& text, std::string_view part) {
    const auto begin = static_cast<std::size_t>(part.data() - text.data());
    return Span{begin, begin + part.size()};
}

// Whether a row of the record's action logs has the reference an "Action: JM (24/06)" line
// points to: the row then carries the action, and the line is only a pointer to it.
bool in_logs(const std::vector<ActionLog>& logs, std::string_view ref) {
    for (const auto& log : logs) {
        for (const auto& r : log.refs) {
            if (r == ref || (r.size() > ref.size() && r.ends_with(ref) &&
                             r[r.size() - ref.size() - 1] == ' ')) {
                return true;
            }
        }
    }
    return false;
}

// The action a labelled block or sentence gives: `words` runs from the label to the end of
// what belongs to it. A label naming only its owner ("Action: Clerk", "ACTION – RQ") makes
// the sentence before it the action, unless it points to a row of the record's log. An empty
// result means the label was read and gives no action of its own.
std::optional<Action> labelled_action(const std::string& text, std::size_t label_at,
                                      const ActionLabel& label, std::string_view words,
                                      const std::vector<ActionLog>& logs) {
    if (const auto marker = owner_marker(words)) {
        const auto ref = marker->ref ? marker->ref : label.ref;
        const std::string_view before = sentence_before(text, label_at);
        if ((ref && in_logs(logs, *ref)) || before.empty()) {
            return std::nullopt;
        }
        Action a = read_action(before, span_in(text, before));
        a.owner = marker->owner;
        return a;
    }
    // "Action 21/24 - discharged": a numbered action's progress, reported in a later meeting,
    // is no new action.
    if (label.ref && status_at_start(words)) {
        return std::nullopt;
    }
    Action a = read_action(words, span_in(text, words));
    if (!a.owner) {
        a.owner = label.owner;
    }
    return a;
}

// Reads one item's lines [begin, end) into `item`: paragraphs (numbered and nested),
// resolutions, questions and actions.
class ItemReader {
public:
    ItemReader(Document& doc, const std::vector<Line>& lines, const std::vector<bool>& skip,
               const std::vector<ActionLog>& logs, bool decision_sentences)
        : doc_(doc),
          lines_(lines),
          skip_(skip),
          logs_(logs),
          builder_(doc.text),
          decision_sentences_(decision_sentences) {}

    void read(Item& item, std::string_view first_sentence, std::size_t begin, std::size_t end) {
        if (!first_sentence.empty()) {
            // The sentence on the heading's line, and the lines that continue it.
            std::size_t j = begin;
            while (j < end && !lines_[j].blank() && !skip_[j] && !starts_block(lines_[j])) {
                ++j;
            }
            add(item, first_sentence, j > begin ? &lines_[j - 1] : nullptr, 0);
            begin = j;
        }
        for (std::size_t i = begin; i < end;) {
            if (lines_[i].blank() || skip_[i]) {
                // Furniture or a list cuts a paragraph; a blank line does not end a resolution
                // whose points follow it ("RESOLVED that:", blank, "(a) …").
                if (skip_[i]) {
                    builder_.interrupt();
                }
                ++i;
                continue;
            }
            std::size_t j = i + 1;
            while (j < end && !lines_[j].blank() && !skip_[j] && !starts_block(lines_[j])) {
                ++j;
            }
            add(item, lines_[i].text, &lines_[j - 1], lines_[i].indent > 0 ? 1 : 0);
            i = j;
        }
        builder_.finish(item, doc_);
        add_inline_actions(item.paragraphs, item);
        add_initialled_actions(begin, end, item);
        add_numbered_resolutions(item.paragraphs, item);
        add_inline_decisions(item);
        add_decision_sentences(item);
        const Span body{lines_.empty() ? 0 : lines_[std::min(begin, lines_.size() - 1)].begin,
                        end < lines_.size() ? lines_[end].begin : doc_.text.size()};
        const std::string_view body_text =
            std::string_view(doc_.text).substr(body.begin, body.end - body.begin);
        item.decisions = minutes::find_decision_refs(body_text, body.begin);
        item.events = minutes::find_events(body_text, body.begin);
    }

private:
    // "… by the school. ACTION: Clerk to write to the landowner.": actions labelled inside a
    // paragraph. The paragraph keeps its words; the action is read from them as well.
    // "… the March meeting to explain the action plan. IP": initials after a sentence's end,
    // at the end of its line, name who is to act on it (a right-hand Action column, run in).
    static std::optional<std::string_view> trailing_initials(std::string_view line) {
        const auto space = line.rfind(' ');
        if (space == std::string_view::npos || space < 2) {
            return std::nullopt;
        }
        const auto token = line.substr(space + 1);
        const auto before = lines::trim(line.substr(0, space));
        if (token.size() < 2 || token.size() > 5 || before.empty() || before.back() != '.' ||
            token.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZ/") != std::string_view::npos) {
            return std::nullopt;
        }
        for (const std::string_view common : {"UK", "EU", "NHS", "OK", "AOB", "AGM", "IT", "HR",
                                              "ICT", "PCC", "OPCC", "PFCC", "MP", "GP", "CCTV"}) {
            if (token == common) {
                return std::nullopt;
            }
        }
        return token;
    }

    void add_initialled_actions(std::size_t begin, std::size_t end, Item& item) const {
        for (std::size_t i = begin; i < end && i < lines_.size(); ++i) {
            if (skip_[i]) {
                continue;
            }
            const auto owner = trailing_initials(lines_[i].text);
            // "… a separate risk. AD" / "agreed to add it.": initials that start the next
            // sentence, not an owner.
            const bool runs_on =
                i + 1 < lines_.size() && !lines_[i + 1].blank() && is_lower(lines_[i + 1].text[0]);
            if (!owner || runs_on) {
                continue;
            }
            const auto at = static_cast<std::size_t>(owner->data() - doc_.text.data());
            // A bullet's or a one-line paragraph's whole text is the action; inside a longer
            // paragraph, the sentence the initials end.
            const bool whole_line = i == begin || lines_[i - 1].blank() || skip_[i - 1] ||
                                    lines::parse_marker(lines_[i].text).has_value();
            std::string_view sentence = sentence_before(doc_.text, at);
            if (whole_line) {
                std::string_view text =
                    lines_[i].text.substr(0, owner->data() - lines_[i].text.data());
                if (const auto marker = lines::parse_marker(text)) {
                    text = text.substr(marker->length);
                }
                sentence = lines::trim(text);
            }
            const auto covered =
                std::any_of(item.actions.begin(), item.actions.end(), [&](const Action& a) {
                    return a.span && a.span->end >= at - 2 && a.span->begin <= at;
                });
            if (sentence.empty() || covered) {
                continue;
            }
            Action a = read_action(sentence, span_in(doc_.text, sentence));
            a.owner = std::string(*owner);
            item.actions.push_back(std::move(a));
        }
    }

    void add_inline_actions(const std::vector<Paragraph>& list, Item& item) const {
        for (const auto& p : list) {
            if (p.span) {
                const std::string_view words =
                    std::string_view(doc_.text).substr(p.span->begin, p.span->size());
                for (const std::size_t at : inline_labels(words)) {
                    const auto label = action_label(words.substr(at));
                    const auto action = labelled_action(doc_.text, p.span->begin + at, *label,
                                                        action_extent(label->rest), logs_);
                    if (action) {
                        item.actions.push_back(*action);
                    }
                }
            }
            add_inline_actions(p.children, item);
        }
    }

    // "132.2 It was RESOLVED that …": a resolution numbered as a paragraph is both.
    // "6.4 RESOLVED: That the Committee:" then "(1) approves …", "(2) delegates …": the points
    // that follow a numbered resolution ending in a colon are its own.
    void add_numbered_resolutions(const std::vector<Paragraph>& list, Item& item) const {
        for (std::size_t k = 0; k < list.size(); ++k) {
            const auto& p = list[k];
            add_numbered_resolutions(p.children, item);
            if (!p.number || !p.span || !minutes::is_resolution(p.text)) {
                continue;
            }
            Span span = *p.span;
            if (p.text.ends_with(":")) {
                for (; k + 1 < list.size() && is_point(list[k + 1]); ++k) {
                    span.end = list[k + 1].span->end;
                }
            }
            const auto words = std::string_view(doc_.text).substr(span.begin, span.size());
            item.resolutions.push_back(Resolution{text::collapse_whitespace(words), span});
        }
    }

    // A resolution's point: "(1)", "(a)", "(iv)", not another numbered paragraph ("6.5").
    static bool is_point(const Paragraph& p) {
        return p.number && p.span && p.number->find('.') == std::string::npos &&
               !minutes::is_resolution(p.text);
    }

    // "… showing an underspend. Decision – The PFCC approved the transfer …": a decision
    // recorded inside a paragraph, as notes of a board often do. The words after the label,
    // to the end of their sentence, are a resolution.
    void add_inline_decisions(Item& item) const { add_inline_decisions(item.paragraphs, item); }

    // "… and seconded by Cllr Petrie that the minutes be approved. The Council RESOLVED that
    // …", "It was proposed by …, seconded by … and agreed that …", "… Decision – The PFCC
    // approved …": a decision recorded inside a paragraph. From its label to the end of its
    // sentence, it is a resolution.
    void add_inline_decisions(const std::vector<Paragraph>& paragraphs, Item& item) const {
        for (const auto& p : paragraphs) {
            add_inline_decisions(p.children, item);
            if (!p.span || minutes::is_resolution(p.text)) {
                continue;
            }
            const std::string_view words =
                std::string_view(doc_.text).substr(p.span->begin, p.span->size());
            if (const auto at = inline_decision_label(words)) {
                const std::string_view decided = first_sentence(words.substr(*at));
                const auto begin = p.span->begin + *at;
                const auto end = begin + decided.size();
                item.resolutions.push_back(
                    Resolution{text::collapse_whitespace(decided), Span{begin, end}});
            }
        }
    }

    // Where `label` occurs in `words`, a space in it standing for any run of white space (the
    // label may be broken across lines).
    static std::optional<std::size_t> find_spaced(std::string_view words, std::string_view label) {
        for (std::size_t start = 0; start < words.size(); ++start) {
            std::size_t i = start;
            std::size_t k = 0;
            for (; k < label.size() && i < words.size(); ++k) {
                if (label[k] != ' ') {
                    if (words[i] != label[k]) {
                        break;
                    }
                    ++i;
                    continue;
                }
                if (words[i] != ' ' && words[i] != '\n' && words[i] != '\t') {
                    break;
                }
                while (i < words.size() &&
                       (words[i] == ' ' || words[i] == '\n' || words[i] == '\t')) {
                    ++i;
                }
            }
            if (k == label.size()) {
                return start;
            }
        }
        return std::nullopt;
    }

    // Where a decision's label stands inside a paragraph's words, if one does.
    static std::optional<std::size_t> inline_decision_label(std::string_view words) {
        // After a sentence's end: "… underspend. Decision – The PFCC approved …".
        for (const std::string_view label :
             {". Decision \xE2\x80\x93 ", ". Decision - ", ". Decision: ", ". AGREED: ",
              ". Agreed: ", ". RESOLVED: ", ". RESOLVED \xE2\x80\x93 ",
              ". Resolved: ", ". Resolved \xE2\x80\x93 ", ". Resolved that ", ". Outcome: "}) {
            if (const auto at = words.find(label); at != std::string_view::npos) {
                return at + 2;
            }
        }
        // A verb of deciding in capitals, or "and agreed that" closing a proposal.
        for (const std::string_view label :
             {" RESOLVED that", " RESOLVED to ", " RESOLVED:", " AGREED that", " AGREED to ",
              " AGREED the ", " and agreed that ", " and resolved that ", " and it was agreed ",
              " and it was resolved ", " and RESOLVED"}) {
            if (const auto at = find_spaced(words, label)) {
                const auto word = words.find_first_not_of(" \n\t", *at);
                if (!label.starts_with(" and ")) {
                    return word;
                }
                return words.find_first_not_of(" \n\t", word + 3);  // past "and"
            }
        }
        return std::nullopt;
    }

    // "The Commissioner approved a twelve month extension of the contract.": in a police
    // commissioner's board notes, the decisions are sentences saying who decided what.
    // Anywhere, "The Council resolved in terms of …" is one too.
    static bool is_decision_sentence(std::string_view text, bool board) {
        if (!starts_with_nocase(text, "the ")) {
            return false;
        }
        const auto words = split_words(text);
        for (std::size_t k = 2; k < words.size() && k <= 6; ++k) {
            std::string verb = lower(words[k]);
            while (!verb.empty() && !is_letter(verb.back())) {
                verb.pop_back();  // "agreed:" introducing its points
            }
            if (words[k] == "resolved") {
                return true;
            }
            if (verb == "approved" || verb == "agreed" || verb == "decided" || verb == "endorsed") {
                const std::string who = lower(std::string_view(
                    words[1].data(),
                    static_cast<std::size_t>(words[k - 1].data() + words[k - 1].size() -
                                             words[1].data())));
                return decides(who, board);
            }
            if (!is_upper(words[k][0])) {
                return false;  // the subject ended before any verb of deciding
            }
        }
        return false;
    }

    // Who can decide: a committee, board, council, panel or cabinet in any record ("The Board
    // agreed to approve …"); the commissioner, the mayor or the chief constable in a
    // commissioner's board.
    static bool decides(const std::string& who, bool board) {
        const auto words = split_words(who);
        const std::string last = words.empty() ? "" : std::string(words.back());
        for (const std::string_view body :
             {"board", "committee", "sub-committee", "council", "panel", "cabinet", "authority",
              "forum", "commission", "partnership", "trust", "assembly"}) {
            if (last == body) {
                return true;
            }
        }
        // "The Executive", "the Joint Executive" meet; "the Chief Executive" is an officer.
        if (last == "executive" && (words.size() == 1 || words[words.size() - 2] == "joint")) {
            return true;
        }
        return board && (who.find("commissioner") != std::string::npos || who == "pcc" ||
                         who == "pfcc" || who.ends_with("mayor") || who == "chief constable");
    }

    // Each sentence of an unnumbered paragraph that records a decision: the paragraph may
    // run on from what was presented to what was decided.
    void add_decision_sentences(Item& item) const {
        for (const auto& p : item.paragraphs) {
            if (!p.span || minutes::is_resolution(p.text) || inline_decision_label(p.text)) {
                continue;
            }
            const std::string_view words =
                std::string_view(doc_.text).substr(p.span->begin, p.span->size());
            for (std::size_t at = 0; at < words.size();) {
                const std::string_view sentence = first_sentence(words.substr(at));
                if (sentence.empty()) {
                    break;
                }
                if (is_decision_sentence(sentence, decision_sentences_)) {
                    const std::size_t begin = p.span->begin + at;
                    const std::string_view rest = words.substr(at);
                    // The sentence's full stop belongs with it; "The Board agreed:" takes the
                    // points under it.
                    std::size_t end =
                        begin + sentence.size() +
                        (rest.size() > sentence.size() && rest[sentence.size()] == '.' ? 1 : 0);
                    if (lines::trim(sentence).ends_with(":") && !p.children.empty() &&
                        p.children.back().span) {
                        end = p.children.back().span->end;
                    }
                    item.resolutions.push_back(
                        Resolution{text::collapse_whitespace(doc_.text.substr(begin, end - begin)),
                                   Span{begin, end}});
                }
                at = words.find_first_not_of(" \n\t", at + sentence.size() + 1);
            }
        }
    }

    // "132.1 The Clerk presented …": a paragraph numbered under its minute's number.
    static std::optional<lines::Marker> decimal_marker(std::string_view block) {
        const auto h = numbered_heading(block);
        if (!h || h->scheme != Scheme::decimal) {
            return std::nullopt;
        }
        const auto length = static_cast<std::size_t>(h->title.data() - block.data());
        return lines::Marker{lines::MarkerStyle::arabic, h->number, length};
    }

    static bool starts_block(const Line& line) {
        return lines::parse_marker(line.text).has_value() || decimal_marker(line.text) ||
               minutes::is_resolution(line.text) || action_label(line.text).has_value() ||
               minutes::question_label(line.text);
    }

    // A block from `first` (a view into the text) to the end of `last_line`.
    void add(Item& item, std::string_view first, const Line* last_line, std::size_t depth) {
        const char* end = last_line != nullptr && last_line->text.data() + last_line->text.size() >
                                                      first.data() + first.size()
                              ? last_line->text.data() + last_line->text.size()
                              : first.data() + first.size();
        std::string_view block(first.data(), static_cast<std::size_t>(end - first.data()));
        if (const auto label = action_label(block)) {
            const auto at = static_cast<std::size_t>(block.data() - doc_.text.data());
            if (auto action = labelled_action(doc_.text, at, *label, label->rest, logs_)) {
                item.actions.push_back(std::move(*action));
            }
            builder_.interrupt();
            return;
        }
        if (const auto number = minutes::question_label(block); number && block.size() < 40) {
            builder_.add_question_label(*number);
            return;
        }
        auto marker = lines::parse_marker(block);
        if (!marker) {
            marker = decimal_marker(block);
        }
        std::string_view content = marker ? block.substr(marker->length) : block;
        // "249<TAB>RESOLVED:-": the minute's own number before its resolution, after a gap.
        if (!marker && item.number && block.starts_with(*item.number) &&
            block.size() > item.number->size() &&
            (block[item.number->size()] == '\t' || block[item.number->size()] == ' ')) {
            const auto rest = lines::trim(block.substr(item.number->size()));
            if (minutes::is_resolution(rest)) {
                content = rest;
            }
        }
        // "248<TAB>RESOLVED:-" under the minute's title: the minute's own number, not a
        // paragraph's.
        if (marker && item.number && marker->number == *item.number) {
            marker.reset();
        }
        // "• DECISION: The Commissioner agreed …": a bullet does not make a decision a point.
        if (marker && marker->style == lines::MarkerStyle::bullet &&
            minutes::is_resolution(content)) {
            marker.reset();
        }
        builder_.add_block(content, marker, depth);
    }

    Document& doc_;
    const std::vector<Line>& lines_;
    const std::vector<bool>& skip_;
    const std::vector<ActionLog>& logs_;
    minutes::ItemBodyBuilder builder_;
    bool decision_sentences_ = false;  // a police commissioner's board: see above
};

// Whether a title line goes on to the next line: a title in capitals continued in capitals, or
// one left hanging on a dash, a comma or a small word.
bool title_continues(std::string_view title, std::string_view next) {
    if (next.empty() || next.back() == ':' || lines::parse_marker(next) ||
        minutes::is_resolution(next) || attendance_label(next) || numbered_heading(next)) {
        return false;
    }
    if (letter_case(title).all_capitals() && letter_case(next).all_capitals()) {
        return split_words(next).size() <= 12;
    }
    const auto words = split_words(title);
    const std::string last = lower(words.back());
    for (const std::string_view hanging :
         {"-", "\xE2\x80\x93", "and", "of", "for", "the", "to", "in", "on", "with", "&", "at"}) {
        if (last == hanging) {
            return true;
        }
    }
    return title.back() == ',' || title.back() == ';' || is_lower(next[0]);
}

// A title and the lines that continue it, each cut at its column gap.
struct FullTitle {
    std::string words;
    Span span;                  // from the title's first word to its last
    std::size_t last_line = 0;  // the title's last line
};

// "- CHAIR'S REPORT": a dash as a bullet before a title.
std::string_view without_leading_bullet(std::string_view title) {
    for (const std::string_view dash : {"- ", "\xE2\x80\x93 ", "\xE2\x80\xA2 "}) {
        if (title.starts_with(dash)) {
            return lines::trim(title.substr(dash.size()));
        }
    }
    return title;
}

// "*Private and Confidential* Operation Kestrel – Update": a marking before the title.
std::string_view without_leading_marking(std::string_view title) {
    if (!title.starts_with('*')) {
        return title;
    }
    const auto close = title.find('*', 1);
    if (close == std::string_view::npos || lines::trim(title.substr(close + 1)).empty()) {
        return title;
    }
    return lines::trim(title.substr(close + 1));
}

// The column a view into a line starts at (lines are kept trimmed, with their indent).
std::size_t column_of(const Line& line, std::string_view part) {
    return line.indent + static_cast<std::size_t>(part.data() - line.text.data());
}

// "11     Police and Crime Plan Priority: Protecting       ACC D Oyelowo      19 - 42" /
// "       Vulnerable People": in a table kept in columns, a short line starting in the title's
// own column, with nothing in the number's, is the title's cell wrapping.
// Whether the title stands in a column of a table kept by the converter: other cells stand to
// its right on the heading's line.
bool title_in_column(const Line& line, std::string_view title) {
    const auto title_end = static_cast<std::size_t>(title.data() + title.size() - line.text.data());
    return title_end < line.text.size();
}

// A short line starting in the title's own column, with nothing in the number's: the title's
// cell wrapping ("11     Police and Crime Plan Priority: Protecting       ACC D Oyelowo" /
// "       Vulnerable People"), however many lines the narrow column takes.
bool wraps_in_column(const Line& heading, std::string_view title, const Line& next_line) {
    const auto next = first_cell(next_line.text);
    if (next.empty() || next.back() == '.' || dates::find_date(next) ||
        split_words(next).size() > 6 || numbered_heading(next)) {
        return false;
    }
    return next.data() == next_line.text.data() &&
           column_of(next_line, next) == column_of(heading, title);
}

FullTitle full_title(const std::vector<Line>& lines, const std::vector<bool>& skip,
                     std::string_view title, std::size_t line, const std::string& text) {
    FullTitle out{std::string(title), span_in(text, title), line};
    const bool in_column = title_in_column(lines[line], title);
    std::string_view tail = title;
    for (int extra = 0; extra < 3; ++extra) {
        const std::size_t next = out.last_line + 1;
        if (next >= lines.size() || skip[next] || lines[next].blank() ||
            (!title_continues(tail, first_cell(lines[next].text)) &&
             !(in_column && wraps_in_column(lines[line], title, lines[next])))) {
            break;
        }
        tail = first_cell(lines[next].text);
        out.words += " ";
        out.words += tail;
        out.span.end = span_in(text, tail).end;
        out.last_line = next;
    }
    return out;
}

}  // namespace

// Declared in record.hpp: text adapters with a title reader of their own strip the same
// references.
std::string_view strip_title_refs(std::string_view title, Item& item) {
    while (!title.empty() && title.back() == ')') {
        const auto open = title.rfind('(');
        if (open == std::string_view::npos || open == 0) {
            break;
        }
        const auto inside = title.substr(open + 1, title.size() - open - 2);
        const bool pages = starts_with_nocase(inside, "page");
        const bool agenda =
            starts_with_nocase(inside, "agenda item") || starts_with_nocase(inside, "item ");
        if (!pages && !agenda) {
            break;
        }
        if (agenda && !item.ref) {
            item.ref = text::collapse_whitespace(inside);
        }
        title = lines::trim(title.substr(0, open));
    }
    return title;
}

namespace {

// "- CHAIR'S REPORT (ITEM 3)": where no item carries a number of its own, the agenda's item
// numbers in their references are the record's numbering.
void number_items_by_their_refs(std::vector<Item>& items) {
    const bool numbered =
        std::any_of(items.begin(), items.end(), [](const Item& i) { return i.number.has_value(); });
    if (numbered) {
        return;
    }
    for (auto& item : items) {
        if (!item.ref) {
            continue;
        }
        const auto words = split_words(*item.ref);
        const auto number = words.empty() ? std::string_view{} : words.back();
        if (!number.empty() && is_digit(number[0]) && number.size() <= 4) {
            item.number = std::string(number);
        }
    }
}

void read_attendance(Document& doc, const Layout& layout) {
    for (const auto& list : layout.lists) {
        auto people = detail::read_people_in_pairs(doc.text, list.list, list.group);
        if (!people) {
            people = detail::read_people_in_groups(doc.text, list.list, list.group);
        }
        if (!people) {
            people = detail::read_people(doc.text, list.list, list.group);
        }
        for (auto& person : *people) {
            doc.attendance.push_back(std::move(person));
        }
    }
}

// Items whose heading lies inside an action log are its rows ("42  Report on …") or the
// headings of its parts ("OPEN ACTIONS"): not items. A numbered heading just above a log
// ("10. Action log") is an item all the same.
std::vector<ItemStart> items_outside_logs(const Layout& layout,
                                          const std::vector<ActionLog>& logs) {
    std::vector<ItemStart> out;
    for (const auto& start : layout.items) {
        const bool inside = std::any_of(logs.begin(), logs.end(), [&](const ActionLog& log) {
            return (start.line >= log.header && start.line <= log.last) ||
                   (start.line == log.first && !start.number);
        });
        if (!inside) {
            out.push_back(start);
        }
    }
    return out;
}

// The title of a record that is an action log and nothing else: the line that names it
// ("Police Accountability Board – Action Log"), or null.
std::optional<std::string_view> log_title(const std::vector<Line>& lines, std::size_t before) {
    for (std::size_t i = 0; i <= before && i < lines.size(); ++i) {
        const std::string l = lower(lines[i].text);
        for (const std::string_view name :
             {"action log", "actions log", "action tracker", "action sheet", "log of actions",
              "schedule of actions", "actions list"}) {
            if (l.find(name) != std::string::npos && lines[i].text.size() < 160) {
                return lines[i].text;
            }
        }
    }
    return std::nullopt;
}

// Puts each log's actions into the item it stands in. A log before the first item, or in a
// record without items (a stand-alone action log), goes into an item of its own at the
// front: no number, the title the record gives the log. The model keeps actions in items,
// and that item is the log as the record presents it.
void attach_logs(Document& doc, const std::vector<Line>& lines,
                 const std::vector<std::size_t>& item_lines, std::vector<ActionLog>& logs) {
    std::optional<Item> front;
    for (auto& log : logs) {
        const auto after = std::upper_bound(item_lines.begin(), item_lines.end(), log.header);
        Item* item = nullptr;
        if (after != item_lines.begin()) {
            item = &doc.items[static_cast<std::size_t>(after - item_lines.begin()) - 1];
        } else {
            if (!front) {
                front.emplace();
                if (const auto title = log_title(lines, log.header)) {
                    front->title = text::collapse_whitespace(*title);
                    front->title_span = span_in(doc.text, *title);
                }
            }
            item = &*front;
        }
        std::move(log.actions.begin(), log.actions.end(), std::back_inserter(item->actions));
    }
    if (front) {
        doc.items.insert(doc.items.begin(), std::move(*front));
    }
    for (auto& item : doc.items) {
        std::stable_sort(item.actions.begin(), item.actions.end(),
                         [](const Action& a, const Action& b) {
                             return a.span.value_or(Span{}).begin < b.span.value_or(Span{}).begin;
                         });
    }
}

// The item whose heading `start` is, with its title joined over its lines and freed of page
// references, and its body read from the lines up to `end`.
Item read_item(const Document& doc, const std::vector<Line>& lines, const std::vector<bool>& skip,
               const ItemStart& start, std::size_t end, ItemReader& reader) {
    Item item;
    item.number = start.number;
    FullTitle full =
        start.rest.empty()
            ? full_title(lines, skip, start.title, start.title_line, doc.text)
            : FullTitle{std::string(start.title), span_in(doc.text, start.title), start.title_line};
    std::string_view title = strip_title_refs(full.words, item);
    while (!title.empty() && (title.back() == '.' || title.back() == ':')) {
        title.remove_suffix(1);
    }
    // What was cut from the end of the words was cut from the end of the last line.
    full.span.end -= full.words.size() - title.size();
    item.title = text::collapse_whitespace(without_leading_marking(without_leading_bullet(title)));
    item.title_span = full.span;
    reader.read(item, start.rest, full.last_line + 1, end);
    return item;
}

}  // namespace

// Unknown is null: a detail that came out empty (a comma with nothing after it, brackets with
// nothing in them, a no-break space between columns, a title that was only "(Key decision)")
// is no detail. The many ways a record is written each have their own reader; this is the one
// place all their people and items pass.
static void leave_unknowns_null(Document& doc) {
    const auto tidy = [](OptionalString& detail) {
        if (detail && text::trim(*detail).empty()) {
            detail.reset();
        }
    };
    for (Attendee& a : doc.attendance) {
        for (OptionalString* detail : {&a.title, &a.honours, &a.role, &a.group, &a.organisation}) {
            tidy(*detail);
        }
    }
    for (Item& item : doc.items) {
        for (OptionalString* detail : {&item.number, &item.ref, &item.section}) {
            tidy(*detail);
        }
        tidy(item.title);
        if (!item.title) {
            item.title_span.reset();  // the words it pointed at were not a title
        }
    }
}

void read_record(Document& doc) {
    if (detail::is_rendered_markdown(doc.text)) {
        doc.text = detail::without_markdown(doc.text);  // same length: spans stay true
    }
    const std::vector<Line> lines = lines::split(doc.text);
    Layout layout = analyse(lines);
    std::vector<ActionLog> logs = find_action_logs(doc.text, lines, layout.furniture);
    std::vector<DecisionTable> tables = find_decision_tables(doc.text, lines, layout.furniture);
    drop_logs_in_tables(logs, tables);
    end_lists_at_tables(layout.lists, lines, tables);
    std::vector<ItemStart> items = items_outside_logs(layout, logs);
    // A decision table's rows are its items: headings found among them are its cells.
    std::erase_if(items, [&](const ItemStart& s) { return in_decision_tables(tables, s.line); });
    std::vector<bool> skip = layout.furniture;
    std::size_t top_end = layout.top_end;
    for (const auto& list : layout.lists) {
        // "… Fenwick Market at 9.30 am when there were present:": a label that ends a sentence
        // of the header leaves that sentence in the header.
        const auto label_line = lines::trim(lines[list.first].text);
        const bool label_ends_sentence =
            label_line.ends_with(":") && split_words(label_line).size() > 4;
        top_end = std::min(top_end, list.first + (label_ends_sentence ? 1 : 0));
        for (std::size_t i = list.first; i <= list.last; ++i) {
            skip[i] = skip[i] || !layout.is_item_line(i);
        }
    }
    for (const auto& table : tables) {
        top_end = std::min(top_end, table.first);
        std::fill(skip.begin() + static_cast<std::ptrdiff_t>(table.first),
                  skip.begin() + static_cast<std::ptrdiff_t>(table.last + 1), true);
    }
    for (const auto& log : logs) {
        top_end = std::min(top_end, log.first);
        // The rows are read as actions, not as paragraphs of the item the log stands in.
        std::fill(skip.begin() + static_cast<std::ptrdiff_t>(log.first),
                  skip.begin() + static_cast<std::ptrdiff_t>(log.last + 1), true);
    }
    const std::vector<Line> top(lines.begin(),
                                lines.begin() + static_cast<std::ptrdiff_t>(top_end));
    detail::read_meeting(top, doc.meeting);
    for (std::size_t i = top_end; i < lines.size() && !doc.meeting.time; ++i) {
        doc.meeting.time = detail::start_time_statement(lines[i].text);
    }
    read_attendance(doc, layout);

    ItemReader reader(doc, lines, skip, logs, examine(doc.text).policing_board);
    std::vector<std::size_t> item_lines;
    for (std::size_t k = 0; k < items.size(); ++k) {
        const std::size_t end = k + 1 < items.size() ? items[k + 1].line : lines.size();
        doc.items.push_back(read_item(doc, lines, skip, items[k], end, reader));
        item_lines.push_back(items[k].line);
    }
    merge_table_items(doc, item_lines, tables);
    attach_logs(doc, lines, item_lines, logs);
    number_items_by_their_refs(doc.items);
    read_apology_sentences(doc);
    leave_unknowns_null(doc);
}

// "Apologies for absence were received from …" sentences in items, where no Apologies list
// was given.
void read_apology_sentences(Document& doc) {
    const bool listed = std::any_of(doc.attendance.begin(), doc.attendance.end(),
                                    [](const Attendee& a) { return a.group == "apologies"; });
    if (listed) {
        return;
    }
    for (const auto& item : doc.items) {
        for (const auto& p : item.paragraphs) {
            if (!p.span) {
                continue;
            }
            const std::string_view words =
                std::string_view(doc.text).substr(p.span->begin, p.span->size());
            if (const auto list = apologies_sentence(words)) {
                for (auto& person : read_people(doc.text, *list, "apologies")) {
                    doc.attendance.push_back(std::move(person));
                }
            }
            for (const auto list : substitute_sentences(words)) {
                for (auto& person : read_people(doc.text, list, "substitute")) {
                    doc.attendance.push_back(std::move(person));
                }
            }
        }
    }
}

}  // namespace kpproc::structure
