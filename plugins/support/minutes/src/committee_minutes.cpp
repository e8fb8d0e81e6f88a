// The committee-minutes layout of minutes converted from PDF, with its own reader: a council
// or panel's heading, a "MINUTES of a meeting of …" line, a PRESENT: list, section headings in
// capitals, and items numbered in one sequence with the agenda's reference after the title:
//
//   KENT AND MEDWAY POLICE AND CRIME PANEL
//   MINUTES of a meeting of the … held in the Council Chamber, … on Tuesday, 17 October 2023.
//   PRESENT: Mr P M Hill, OBE (Chairman), Mr G Sandher (Vice-Chairman), … and Cllr L Parfitt-Reid
//   UNRESTRICTED ITEMS
//   100. Declarations of Interests … (Item 3)
//   - 1. Mrs Taylor introduced the report …
//    - a. The commissioning element …
//   RESOLVED to note the report.
//
// PDF conversion artefacts are repaired: a paragraph cut by a page break continues on the next
// line that starts in lower case, and an unnumbered paragraph followed by "2." becomes "1.".
// Every other record goes to read_record(); read_text_record() chooses.

#include <algorithm>
#include <cctype>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kpproc/dates.hpp"
#include "kpproc/lines.hpp"
#include "kpproc/minutes.hpp"
#include "kpproc/structure/record.hpp"
#include "kpproc/text.hpp"

namespace {

using kpproc::Span;
using kpproc::lines::Line;

bool starts_with(std::string_view s, std::string_view p) {
    return s.substr(0, p.size()) == p;
}

// Agenda titles do not end with a full stop; paragraphs do.
bool ends_with_full_stop(std::string_view s) {
    s = kpproc::lines::trim(s);
    return !s.empty() && s.back() == '.';
}

// "UNRESTRICTED ITEMS", "EXEMPT ITEMS": an all-capitals line of two or more words.
bool is_section_heading(std::string_view s) {
    if (s.size() < 5 || s.size() > 80 || s.find(' ') == std::string_view::npos) {
        return false;
    }
    for (const char c : s) {
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
            return false;
        }
    }
    return true;
}

// An agenda reference "(Item 3)", "*(Item B1)*", "(*Item C2*)" inside `s`: its position and text.
struct RefMatch {
    std::size_t begin = 0;  // of the whole bracketed form, asterisks included
    std::size_t end = 0;
    std::string ref;  // "Item B1"
};

std::optional<RefMatch> find_item_ref(std::string_view s) {
    for (std::size_t open = s.find('('); open != std::string_view::npos;
         open = s.find('(', open + 1)) {
        std::size_t pos = open + 1;
        while (pos < s.size() && (s[pos] == '*' || s[pos] == ' ')) {
            ++pos;
        }
        if (s.substr(pos, 5) != "Item ") {
            continue;
        }
        const std::size_t ref_begin = pos;
        pos += 5;
        while (pos < s.size() &&
               (std::isalnum(static_cast<unsigned char>(s[pos])) || s[pos] == '.')) {
            ++pos;
        }
        const std::size_t ref_end = pos;
        while (pos < s.size() && (s[pos] == '*' || s[pos] == ' ')) {
            ++pos;
        }
        if (pos >= s.size() || s[pos] != ')' || ref_end == ref_begin + 5) {
            continue;
        }
        std::size_t begin = open;
        std::size_t end = pos + 1;
        // Asterisks (Markdown emphasis from the converter) around the bracket belong to it.
        while (begin > 0 && s[begin - 1] == '*') {
            --begin;
        }
        while (end < s.size() && s[end] == '*') {
            ++end;
        }
        return RefMatch{begin, end, std::string(s.substr(ref_begin, ref_end - ref_begin))};
    }
    return std::nullopt;
}

// "100. Title": the number and the title view, or nullopt.
std::optional<std::pair<std::string, std::string_view>> item_heading(const Line& line) {
    const std::string_view s = line.text;
    std::size_t pos = 0;
    while (pos < s.size() && pos < 5 && std::isdigit(static_cast<unsigned char>(s[pos]))) {
        ++pos;
    }
    if (pos == 0 || pos >= s.size() || s[pos] != '.') {
        return std::nullopt;
    }
    const std::string_view title = kpproc::lines::trim(s.substr(pos + 1));
    if (title.empty() || title.size() == s.size() - pos - 1) {
        return std::nullopt;  // "100.Title" without a space is not a heading
    }
    return std::make_pair(std::string(s.substr(0, pos)), title);
}

class MinutesParser {
public:
    MinutesParser(kpproc::Document& doc)
        : doc_(doc), text_(doc.text), lines_(kpproc::lines::split(text_)) {}

    void run() {
        std::size_t i = 0;
        i = read_header(i);
        while (i < lines_.size()) {
            i = read_block(i);
        }
        finish_item(text_.size());
    }

private:
    // ---- Paragraph blocks: a line with a marker and the unmarked lines that follow it ----

    // Lines up to the next blank line or the next line that starts a new paragraph.
    std::size_t block_end(std::size_t i) const {
        std::size_t j = i + 1;
        while (j < lines_.size() && !lines_[j].blank() && !starts_new_paragraph(lines_[j])) {
            ++j;
        }
        return j;
    }

    static std::string_view strip_dash(std::string_view s) {
        if (starts_with(s, "- ")) {
            return kpproc::lines::trim(s.substr(2));
        }
        return s;
    }

    bool starts_new_paragraph(const Line& line) const {
        const std::string_view s = line.text;
        // Header lines start blocks of their own even with no blank line between them.
        if (starts_with(s, "MINUTES of") || starts_with(s, "Minutes of") ||
            attendance_group(s).has_value() || is_section_heading(s)) {
            return true;
        }
        return starts_with(s, "- ") || kpproc::lines::parse_marker(s).has_value() ||
               kpproc::minutes::is_resolution(s) || kpproc::minutes::question_label(s) ||
               kpproc::minutes::parse_asker_line(s) || item_heading(line).has_value();
    }

    // ---- Header ----

    std::size_t read_header(std::size_t i) {
        for (; i < lines_.size(); ++i) {
            const Line& line = lines_[i];
            if (line.blank()) {
                continue;
            }
            const std::string_view s = line.text;
            if (is_first_item(i) || (is_section_heading(s) && seen_minutes_line_)) {
                return i;
            }
            const std::size_t end = block_end(i);
            const std::size_t last = end - 1;
            const std::string_view joined =
                text_view(line.begin, lines_[last].begin + lines_[last].text.size());
            if (starts_with(s, "MINUTES of") || starts_with(s, "Minutes of")) {
                read_minutes_line(joined);
            } else if (auto group = attendance_group(s)) {
                read_attendance(joined, *group);
            }
            // Anything else in the header (the body's name in capitals above the MINUTES line)
            // says nothing the MINUTES line does not say in its proper case.
            i = end - 1;
        }
        return i;
    }

    bool is_first_item(std::size_t i) const {
        const auto heading = item_heading(lines_[i]);
        if (!heading || lines_[i].indent > 0) {
            return false;
        }
        return find_item_ref(lines_[i].text) || next_line_is_ref(i);
    }

    bool next_line_is_ref(std::size_t i) const {
        for (std::size_t j = i + 1; j < lines_.size() && j < i + 4; ++j) {
            if (lines_[j].blank()) {
                continue;
            }
            const auto ref = find_item_ref(lines_[j].text);
            return ref && ref->begin == 0 && ref->end == lines_[j].text.size();
        }
        return false;
    }

    std::string_view text_view(std::size_t begin, std::size_t end) const {
        return std::string_view(text_).substr(begin, end - begin);
    }

    void read_minutes_line(std::string_view s) {
        seen_minutes_line_ = true;
        // MINUTES of a meeting of the <body> held in|at the <venue> on <date>.
        const std::string_view of_meeting = "of a meeting of ";
        auto at = s.find(of_meeting);
        if (at == std::string_view::npos) {
            return;
        }
        std::string_view rest = s.substr(at + of_meeting.size());
        if (starts_with(rest, "the ")) {
            rest.remove_prefix(4);
        }
        const auto held = rest.find(" held ");
        const auto date = kpproc::dates::find_date(s);
        if (date) {
            doc_.meeting.date = date->value;
        }
        if (const auto time = kpproc::dates::find_time(s)) {
            doc_.meeting.time = time->value;
        }
        if (held == std::string_view::npos) {
            return;
        }
        doc_.meeting.body = kpproc::text::collapse_whitespace(rest.substr(0, held));
        std::string_view place = rest.substr(held + 6);
        if (starts_with(place, "on ") && date) {
            // "… held on Monday, 6 March 2023 at 7.00 pm in the Council Chamber.": the venue
            // follows the date (and its time).
            place = lines_after(s, date->end);
            if (const auto time = kpproc::dates::find_time(place); time && time->begin < 8) {
                place = kpproc::lines::trim(place.substr(time->end));
            }
        }
        for (const std::string_view lead : {"in the ", "at the ", "in ", "at "}) {
            if (starts_with(place, lead)) {
                place.remove_prefix(lead.size());
                break;
            }
        }
        // The venue runs to " on <date>" (or to the end of the sentence).
        std::size_t venue_end = place.size();
        if (date) {
            const auto date_in_place =
                static_cast<std::size_t>(s.data() + date->begin - place.data());
            const auto on = place.rfind(" on ", date_in_place);
            if (on != std::string_view::npos) {
                venue_end = on;
            }
        }
        std::string venue = kpproc::text::collapse_whitespace(place.substr(0, venue_end));
        while (!venue.empty() && (venue.back() == '.' || venue.back() == ',')) {
            venue.pop_back();
        }
        if (!venue.empty()) {
            doc_.meeting.venue = venue;
        }
    }

    static std::string_view lines_after(std::string_view s, std::size_t offset) {
        return kpproc::lines::trim(s.substr(std::min(offset, s.size())));
    }

    static std::optional<std::string> attendance_group(std::string_view s) {
        const std::pair<std::string_view, std::string_view> groups[] = {
            {"PRESENT:", "present"},
            {"ALSO PRESENT:", "also_present"},
            {"IN ATTENDANCE:", "in_attendance"},
            {"APOLOGIES:", "apologies"},
            {"Apologies:", "apologies"},
            {"SUBSTITUTES:", "substitute"},
            {"Present:", "present"},
            {"Also present:", "also_present"},
            {"In attendance:", "in_attendance"}};
        for (const auto& [label, group] : groups) {
            if (starts_with(s, label)) {
                return std::string(group);
            }
        }
        if (starts_with(s, "Apologies for absence were received from")) {
            return std::string("apologies");
        }
        return std::nullopt;
    }

    void read_attendance(std::string_view s, const std::string& group) {
        std::size_t start = s.find(':');
        if (start == std::string_view::npos) {
            start = std::string_view("Apologies for absence were received from").size();
        } else {
            ++start;
        }
        std::string_view list = s.substr(start);
        while (!list.empty() && (list.back() == '.')) {
            list.remove_suffix(1);
        }
        const auto offset = static_cast<std::size_t>(list.data() - text_.data());
        for (auto& person : kpproc::minutes::split_people(list, offset)) {
            person.group = group;
            doc_.attendance.push_back(std::move(person));
        }
    }

    // ---- Body ----

    std::size_t read_block(std::size_t i) {
        const Line& line = lines_[i];
        if (line.blank()) {
            return i + 1;
        }
        const std::string_view s = line.text;
        if (is_section_heading(s) && !starts_with(s, "RESOLVED")) {
            finish_item(line.begin);
            section_ = std::string(s);
            return i + 1;
        }
        if (is_item_heading(i)) {
            return start_item(i);
        }
        if (item_ == nullptr) {
            // Not part of any item: a stray header line, or a section's preamble such as the
            // exclusion of the press before EXEMPT ITEMS. Pointed at, not dropped silently.
            const bool after_items = !doc_.items.empty();
            doc_.add_diagnostic("info", after_items ? "text-between-items" : "text-before-items",
                                after_items ? "text after a section heading that belongs to no item"
                                            : "text before the first item",
                                line.span());
            return block_end(i);
        }
        if (const auto ref = find_item_ref(s); ref && ref->begin == 0 && ref->end == s.size()) {
            if (!item_->ref) {
                item_->ref = ref->ref;
            }
            return i + 1;
        }
        if (const auto label = kpproc::minutes::question_label(s)) {
            body_.add_question_label(*label);
            return i + 1;
        }
        if (const auto asker = kpproc::minutes::parse_asker_line(s)) {
            body_.add_asker(*asker, line.span());
            return i + 1;
        }
        const std::size_t end = block_end(i);
        add_paragraph_block(i, end);
        return end;
    }

    bool is_item_heading(std::size_t i) const {
        const Line& line = lines_[i];
        const auto heading = item_heading(line);
        if (!heading || line.indent > 0) {
            return false;
        }
        if (find_item_ref(line.text) || next_line_is_ref(i)) {
            return true;
        }
        // Without a ref: the next number in sequence, written as a title (no full stop).
        return last_item_number_ && std::to_string(*last_item_number_ + 1) == heading->first &&
               !ends_with_full_stop(heading->second);
    }

    std::size_t start_item(std::size_t i) {
        const Line& line = lines_[i];
        finish_item(line.begin);
        const auto heading = *item_heading(line);
        doc_.items.emplace_back();
        item_ = &doc_.items.back();
        item_->number = heading.first;
        item_->section = section_;
        item_start_ = line.begin;
        last_item_number_ = std::stoi(heading.first);
        std::string_view title = heading.second;
        if (const auto ref = find_item_ref(title)) {
            item_->ref = ref->ref;
            // Keep only the title before the ref (refs end the line in practice).
            title = kpproc::lines::trim(title.substr(0, ref->begin));
        }
        item_->title = kpproc::text::collapse_whitespace(title);
        item_->title_span = kpproc::lines::span_of(text_, title);
        return i + 1;
    }

    // One paragraph: its first line (after the "- " list rendering and the marker) and the
    // unmarked lines that continue it.
    void add_paragraph_block(std::size_t first, std::size_t end) {
        const Line& line = lines_[first];
        std::string_view content = strip_dash(line.text);
        std::optional<kpproc::lines::Marker> marker = kpproc::lines::parse_marker(content);
        if (marker) {
            content.remove_prefix(marker->length);
        }
        const auto begin = static_cast<std::size_t>(content.data() - text_.data());
        const Line& last = lines_[end - 1];
        const std::size_t stop = last.begin + last.text.size();
        body_.add_block(text_view(begin, stop), marker, line.indent > 0 ? 1 : 0);
    }

    // Closes the current item, whose text runs up to `end` (the next heading or the end).
    void finish_item(std::size_t end) {
        if (item_ == nullptr) {
            return;
        }
        body_.finish(*item_, doc_);
        // Decisions and events anywhere in the item's text.
        const std::string_view item_text = text_view(item_start_, end);
        item_->decisions = kpproc::minutes::find_decision_refs(item_text, item_start_);
        item_->events = kpproc::minutes::find_events(item_text, item_start_);
        item_ = nullptr;
    }

    kpproc::Document& doc_;
    const std::string& text_;
    std::vector<Line> lines_;
    bool seen_minutes_line_ = false;
    std::optional<std::string> section_;
    kpproc::Item* item_ = nullptr;
    std::size_t item_start_ = 0;
    std::optional<int> last_item_number_;
    kpproc::minutes::ItemBodyBuilder body_{text_};
};

}  // namespace

namespace kpproc::structure {

namespace {

// Items "100. Title (Item B1)" carrying agenda references: the layout MinutesParser reads.
bool has_committee_minutes_layout(std::string_view text) {
    for (const auto& line : kpproc::lines::split(text.substr(0, 64 * 1024))) {
        if (item_heading(line) && find_item_ref(line.text)) {
            return true;
        }
    }
    return false;
}

}  // namespace

void read_text_record(Document& doc) {
    if (has_committee_minutes_layout(doc.text)) {
        MinutesParser(doc).run();
    } else {
        read_record(doc);
    }
}

}  // namespace kpproc::structure
