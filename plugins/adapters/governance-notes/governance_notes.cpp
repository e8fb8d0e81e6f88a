// kp.adapter.governance-notes — notes of police commissioners' governance and performance
// boards, as text:
//
//   Meeting Notes
//   Kent Police and Crime Commissioner's Governance Board – 11 November 2015
//   Venue: Clift Room, Kent Police Headquarters, Sutton Road, Maidstone, ME15 9BZ
//   Item 2. Notes of Previous Meeting and Action Updates – 11 August 2015
//   - A report to be provided to the Commissioner …          <- an earlier action
//    - Discharged - report added to forward agenda …         <- its status and note
//   PART A – Specifically requested items:                   <- a section
//   Item 3. Engaging with Communities
//   Online engagement                                        <- a sub-heading of bullets
//   - The Chief Constable said …
//   - **Actions**
//    - **The OPCC to arrange for the Commissioner to visit …**   <- an action

#include <algorithm>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "decision_record.hpp"
#include "kpproc/adapter_support.hpp"
#include "kpproc/dates.hpp"
#include "kpproc/lines.hpp"
#include "kpproc/minutes.hpp"
#include "kpproc/plugin.hpp"
#include "kpproc/structure/record.hpp"
#include "kpproc/text.hpp"

namespace {

using kpproc::Span;
using kpproc::lines::Line;

bool starts_with(std::string_view s, std::string_view p) {
    return s.substr(0, p.size()) == p;
}

// "- text" / "• text": the text after the bullet, or nullopt.
std::optional<std::string_view> bullet_text(std::string_view s) {
    const auto marker = kpproc::lines::parse_marker(s);
    if (!marker || marker->style != kpproc::lines::MarkerStyle::bullet) {
        return std::nullopt;
    }
    return s.substr(marker->length);
}

// "**Actions**" -> "Actions": the converter's bold markers are not part of the words.
std::string_view strip_bold(std::string_view s) {
    while (starts_with(s, "**")) {
        s.remove_prefix(2);
    }
    while (s.size() >= 2 && s.substr(s.size() - 2) == "**") {
        s.remove_suffix(2);
    }
    return kpproc::lines::trim(s);
}

// "Item 3. Engaging with Communities": number and title.
std::optional<std::pair<std::string, std::string_view>> item_heading(std::string_view s) {
    if (!starts_with(s, "Item ")) {
        return std::nullopt;
    }
    std::size_t pos = 5;
    const std::size_t start = pos;
    while (pos < s.size() && std::isdigit(static_cast<unsigned char>(s[pos]))) {
        ++pos;
    }
    if (pos == start || pos - start > 3) {
        return std::nullopt;
    }
    if (pos < s.size() && std::islower(static_cast<unsigned char>(s[pos]))) {
        ++pos;  // "Item 4a."
    }
    std::string number(s.substr(start, pos - start));
    // "Item 3. Title" or "Item 3: Title"; "Item 4 would be taken after item 5" is a sentence.
    if (pos >= s.size() || (s[pos] != '.' && s[pos] != ':')) {
        return std::nullopt;
    }
    ++pos;
    const std::string_view title = kpproc::lines::trim(s.substr(pos));
    if (title.empty()) {
        return std::nullopt;
    }
    return std::make_pair(number, title);
}

// "PART A – Specifically requested items:"
bool is_part_heading(std::string_view s) {
    return starts_with(s, "PART ") && s.size() > 6 &&
           std::isupper(static_cast<unsigned char>(s[5]));
}

// "Discharged - report added …" -> status "Discharged", note "report added …".
std::optional<std::pair<std::string, std::string_view>> action_status(std::string_view s) {
    static constexpr std::string_view kStatuses[] = {
        "Discharged", "Completed",   "Complete",    "Ongoing",    "Open",
        "Closed",     "Outstanding", "In progress", "Superseded", "Carried forward"};
    for (const auto status : kStatuses) {
        if (!starts_with(s, status)) {
            continue;
        }
        std::string_view rest = kpproc::lines::trim(s.substr(status.size()));
        for (const std::string_view dash : {"\xE2\x80\x93", "\xE2\x80\x94", "-", ":", "."}) {
            if (starts_with(rest, dash)) {
                rest = kpproc::lines::trim(rest.substr(dash.size()));
                break;
            }
        }
        if (rest.size() == kpproc::lines::trim(s.substr(status.size())).size() && !rest.empty()) {
            return std::nullopt;  // "Open communication…" is a sentence, not a status
        }
        return std::make_pair(std::string(status), rest);
    }
    return std::nullopt;
}

class NotesParser {
public:
    explicit NotesParser(kpproc::Document& doc)
        : doc_(doc), text_(doc.text), lines_(kpproc::lines::split(text_)) {}

    void run() {
        for (std::size_t i = 0; i < lines_.size(); ++i) {
            read_line(i);
        }
        finish_item(text_.size());
    }

private:
    void read_line(std::size_t i) {
        const Line& line = lines_[i];
        const std::string_view s = line.text;
        if (s.empty()) {
            return;
        }
        if (const auto heading = item_heading(s)) {
            start_item(line, *heading);
            return;
        }
        if (is_part_heading(s)) {
            finish_item(line.begin);
            std::string_view section = s;
            while (!section.empty() && section.back() == ':') {
                section.remove_suffix(1);
            }
            section_ = kpproc::text::collapse_whitespace(section);
            return;
        }
        if (item_ == nullptr) {
            read_header_line(s);
            return;
        }
        if (const auto bullet = bullet_text(s)) {
            read_bullet(*bullet, line.indent > 0);
            return;
        }
        // Lower-case text continues the paragraph a page break cut.
        if (last_ != nullptr && !s.empty() && std::islower(static_cast<unsigned char>(s[0]))) {
            last_->text += " " + kpproc::text::collapse_whitespace(s);
            last_->span->end = line.begin + s.size();
            return;
        }
        // A plain line followed by bullets heads them; otherwise it is a paragraph.
        kpproc::Paragraph p;
        p.text = kpproc::text::collapse_whitespace(s);
        p.span = line.span();
        p.heading = next_is_bullet(i);
        in_actions_block_ = false;
        item_->paragraphs.push_back(std::move(p));
        heading_ = item_->paragraphs.back().heading ? &item_->paragraphs.back() : nullptr;
        top_ = nullptr;
        pending_action_ = std::nullopt;
        last_ = &item_->paragraphs.back();
    }

    bool next_is_bullet(std::size_t i) const {
        for (std::size_t j = i + 1; j < lines_.size(); ++j) {
            if (!lines_[j].blank()) {
                return bullet_text(lines_[j].text).has_value() && lines_[j].indent == 0;
            }
        }
        return false;
    }

    void read_header_line(std::string_view s) {
        const std::string_view previous = previous_header_line_;
        previous_header_line_ = s;
        if (starts_with(s, "Venue:")) {
            const std::string venue = kpproc::text::collapse_whitespace(s.substr(6));
            if (!venue.empty()) {
                doc_.meeting.venue = venue;
            }
            return;
        }
        // "<Board> – 11 November 2015"
        const auto date = kpproc::dates::find_date(s);
        if (!date || doc_.meeting.date) {
            return;
        }
        doc_.meeting.date = date->value;
        doc_.meeting.title = kpproc::text::collapse_whitespace(s);
        std::string_view body = s.substr(0, date->begin);
        body = kpproc::lines::trim(body);
        if (body.empty() || body.back() == ':') {
            // "Date: 11 November 2015" under the board's name: the name is the line above.
            doc_.meeting.title = kpproc::text::collapse_whitespace(previous);
            body = previous;
        }
        for (const std::string_view dash : {"\xE2\x80\x93", "\xE2\x80\x94", "-", ","}) {
            if (body.size() >= dash.size() && body.substr(body.size() - dash.size()) == dash) {
                body = kpproc::lines::trim(body.substr(0, body.size() - dash.size()));
                break;
            }
        }
        if (!body.empty()) {
            doc_.meeting.body = kpproc::text::collapse_whitespace(body);
        }
    }

    void start_item(const Line& line, const std::pair<std::string, std::string_view>& heading) {
        finish_item(line.begin);
        doc_.items.emplace_back();
        item_ = &doc_.items.back();
        item_start_ = line.begin;
        item_->number = heading.first;
        item_->section = section_;
        std::string_view title = heading.second;
        while (!title.empty() && (title.back() == '.' || title.back() == ':')) {
            title.remove_suffix(1);
        }
        item_->title = kpproc::text::collapse_whitespace(title);
        item_->title_span = kpproc::lines::span_of(text_, title);
    }

    void read_bullet(std::string_view content, bool nested) {
        content = kpproc::lines::trim(content);
        const Span span = kpproc::lines::span_of(text_, content);
        const std::string_view plain = strip_bold(content);
        if (!nested) {
            finish_pending_action();
            if (plain == "Actions" || plain == "Actions:" || plain == "Action" ||
                plain == "Action:") {
                in_actions_block_ = true;  // the nested bullets that follow are actions
                top_ = nullptr;
                last_ = nullptr;
                return;
            }
            in_actions_block_ = false;
            kpproc::Paragraph p;
            p.text = kpproc::text::collapse_whitespace(content);
            p.span = span;
            auto& list = heading_ != nullptr ? heading_->children : item_->paragraphs;
            list.push_back(std::move(p));
            top_ = &list.back();
            last_ = top_;
            return;
        }
        if (in_actions_block_) {
            const Span action_span = kpproc::lines::span_of(text_, plain);
            kpproc::Action action;
            action.text = kpproc::text::collapse_whitespace(plain);
            action.span = action_span;
            item_->actions.push_back(std::move(action));
            last_ = nullptr;
            return;
        }
        // "Discharged – …" under a bullet: that bullet was an earlier action, this its update.
        if (const auto status = action_status(plain);
            status && top_ != nullptr && top_->children.empty() && !pending_action_) {
            kpproc::Action action{top_->text,   status->first, top_->span,
                                  std::nullopt, std::nullopt,  std::nullopt};
            if (!status->second.empty()) {
                action.note = kpproc::text::collapse_whitespace(status->second);
            }
            // The bullet moves from the paragraphs to the actions.
            auto& list = heading_ != nullptr ? heading_->children : item_->paragraphs;
            list.pop_back();
            top_ = nullptr;
            pending_action_ = std::move(action);
            last_ = nullptr;
            return;
        }
        if (pending_action_) {
            // Further notes on the same action.
            const std::string more = kpproc::text::collapse_whitespace(content);
            pending_action_->note =
                pending_action_->note ? *pending_action_->note + " " + more : more;
            return;
        }
        if (top_ == nullptr) {
            doc_.add_diagnostic("info", "orphan-sub-bullet",
                                "an indented bullet with no bullet above it", span);
            kpproc::Paragraph p;
            p.text = kpproc::text::collapse_whitespace(content);
            p.span = span;
            item_->paragraphs.push_back(std::move(p));
            // The push may have moved the paragraphs: every pointer into them is renewed.
            heading_ = nullptr;
            last_ = &item_->paragraphs.back();
            return;
        }
        kpproc::Paragraph p;
        p.text = kpproc::text::collapse_whitespace(content);
        p.span = span;
        top_->children.push_back(std::move(p));
        last_ = &top_->children.back();
    }

    void finish_pending_action() {
        if (pending_action_) {
            item_->actions.push_back(std::move(*pending_action_));
            pending_action_.reset();
        }
    }

    void finish_item(std::size_t end) {
        if (item_ == nullptr) {
            return;
        }
        finish_pending_action();
        // A line that looked like a sub-heading but whose bullets all became actions heads
        // nothing: it is an ordinary paragraph.
        for (auto& p : item_->paragraphs) {
            p.heading = p.heading && !p.children.empty();
        }
        const std::string_view item_text =
            std::string_view(text_).substr(item_start_, end - item_start_);
        item_->decisions = kpproc::minutes::find_decision_refs(item_text, item_start_);
        item_->events = kpproc::minutes::find_events(item_text, item_start_);
        item_ = nullptr;
        heading_ = nullptr;
        top_ = nullptr;
        last_ = nullptr;
        in_actions_block_ = false;
    }

    kpproc::Document& doc_;
    const std::string& text_;
    std::vector<Line> lines_;
    std::optional<std::string> section_;
    std::string_view previous_header_line_;
    kpproc::Item* item_ = nullptr;
    std::size_t item_start_ = 0;
    kpproc::Paragraph* heading_ = nullptr;  // the sub-heading bullets currently go under
    kpproc::Paragraph* top_ = nullptr;      // the last top-level bullet
    kpproc::Paragraph* last_ = nullptr;     // what a continuation line extends
    std::optional<kpproc::Action> pending_action_;
    bool in_actions_block_ = false;
};

class GovernanceNotesAdapter final : public kpproc::Adapter {
public:
    explicit GovernanceNotesAdapter(const kpproc::Options&) {}

    kpproc::Detection detect(std::string_view head, std::string_view /*file_name*/) const override {
        if (auto refusal = kpproc::refuse_non_text(head)) {
            return *refusal;
        }
        // A board's notes show their layout early: the phrases are looked for in 16 KiB.
        const std::string_view start = head.substr(0, 16 * 1024);
        const auto has = [&](std::string_view s) {
            return start.find(s) != std::string_view::npos;
        };
        if (has("<html") || has("<HTML") || has("<!DOCTYPE") || has("<!doctype")) {
            return {0.0, "HTML, not text notes"};
        }
        // A commissioner's decision record is no meeting, but the office's record all the same.
        if (std::string why; kpproc::governance::is_decision_record(head, &why)) {
            return {0.9, why};
        }
        const bool notes = has("Meeting Notes") || has("Summary of Key Points and Actions");
        const bool items = has("\nItem 1.") || has("\nItem 2.") || has("\nItem 3.");
        const bool board = has("Governance Board") || has("Performance and Delivery Board") ||
                           has("Performance & Delivery Board") || has("Board \xE2\x80\x93");
        if (notes && items) {
            return {0.9, "'Meeting Notes' with 'Item N.' headings"};
        }
        if (board && items) {
            return {0.7, "a board's title and 'Item N.' headings"};
        }
        // Any other commissioner's board record, read by the shared structure engine.
        const auto evidence = kpproc::structure::examine(head);
        if (evidence.policing_board && evidence.confidence() > 0) {
            return {std::min(0.85, evidence.confidence() + 0.05),
                    "a police commissioner's board record: " + evidence.reason()};
        }
        return {0.0, "no commissioner's board heading, 'Meeting Notes' or 'Item N.' headings"};
    }

    kpproc::Document parse(const kpproc::SourceInput& input) override {
        kpproc::Document doc = kpproc::start_text_document(input);
        std::string why;
        if (kpproc::governance::is_decision_record(doc.text, &why)) {
            kpproc::governance::read_decision_record(doc);  // one decision, no meeting
        } else if (has_item_n_headings(doc.text)) {
            NotesParser(doc).run();  // the "Item N." notes layout, with its Actions blocks
        } else {
            kpproc::structure::read_record(doc);
        }
        kpproc::note_if_no_items(doc, "item headings");
        return doc;
    }

private:
    // "Item 1. Title" headings at the start of a line: the notes layout of NotesParser.
    static bool has_item_n_headings(std::string_view text) {
        for (const auto& line : kpproc::lines::split(text.substr(0, 64 * 1024))) {
            const auto t = line.text;
            if (t.starts_with("Item ") && t.size() > 6 && t[5] >= '0' && t[5] <= '9' &&
                t.find(". ") != std::string_view::npos && t.find(". ") < 9) {
                return true;
            }
        }
        return false;
    }
};

}  // namespace

KPPROC_PLUGIN(GovernanceNotesAdapter,
              {.id = "kp.adapter.governance-notes",
               .version = "1.0.0",
               .summary = "Police commissioners' board records: minutes, notes and action logs",
               .media_types = {"text/plain"},
               .extensions = {".txt"}})
