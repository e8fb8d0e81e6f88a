#include "kpproc/minutes.hpp"

#include <algorithm>
#include <array>
#include <cctype>

#include "kpproc/dates.hpp"
#include "kpproc/lines.hpp"
#include "kpproc/text.hpp"

namespace kpproc::minutes {

namespace {

constexpr std::array<std::string_view, 27> kTitles = {
    "Mr",   "Mrs",  "Ms",   "Miss", "Mx",        "Dr",  "Cllr", "Councillor", "Sir",
    "Dame", "Lord", "Lady", "Prof", "Professor", "Rev", "Revd", "Reverend",   "Sgt",
    "Insp", "Supt", "Ch",   "Det",  "PC",        "DCC", "ACC",  "Canon",      "Baroness"};

constexpr std::array<std::string_view, 16> kHonours = {"OBE", "MBE", "CBE", "KBE", "DBE", "JP",
                                                       "DL",  "QPM", "BEM", "KC",  "QC",  "MP",
                                                       "KPM", "CMG", "CB",  "FRS"};

bool starts_with(std::string_view s, std::string_view prefix) {
    return s.substr(0, prefix.size()) == prefix;
}

bool is_upper(char c) {
    return c >= 'A' && c <= 'Z';
}

// Splits at top-level separators: ",", ";" and a final " and ".
std::vector<std::string_view> split_list(std::string_view list) {
    std::vector<std::string_view> parts;
    int depth = 0;
    std::size_t start = 0;
    for (std::size_t i = 0; i < list.size(); ++i) {
        const char c = list[i];
        if (c == '(') {
            ++depth;
        } else if (c == ')' && depth > 0) {
            --depth;
        } else if (depth == 0 && (c == ',' || c == ';')) {
            parts.push_back(list.substr(start, i - start));
            start = i + 1;
        } else if (depth == 0 && c == ' ' && list.substr(i, 5) == " and ") {
            parts.push_back(list.substr(start, i - start));
            start = i + 5;
            i += 4;
        }
    }
    parts.push_back(list.substr(start));
    return parts;
}

}  // namespace

bool is_title_word(std::string_view word) {
    if (!word.empty() && word.back() == '.') {
        word.remove_suffix(1);  // "Dr."
    }
    for (const auto t : kTitles) {
        if (word == t) {
            return true;
        }
    }
    return false;
}

bool is_honour(std::string_view word) {
    for (const auto h : kHonours) {
        if (word == h) {
            return true;
        }
    }
    return false;
}

std::vector<Attendee> split_people(std::string_view list, std::size_t offset) {
    std::vector<Attendee> people;
    for (std::string_view raw : split_list(list)) {
        const std::string_view part = lines::trim(raw);
        if (part.empty()) {
            continue;
        }
        std::string_view rest = part;
        std::optional<std::string> role;
        if (rest.back() == ')') {
            const auto open = rest.rfind('(');
            if (open != std::string_view::npos) {
                role = text::collapse_whitespace(rest.substr(open + 1, rest.size() - open - 2));
                rest = lines::trim(rest.substr(0, open));
            }
        }
        // "OBE" alone after a comma belongs to the person before it.
        if (is_honour(rest) && !people.empty()) {
            Attendee& previous = people.back();
            previous.honours =
                previous.honours ? *previous.honours + " " + std::string(rest) : std::string(rest);
            if (role && !previous.role) {
                previous.role = role;
            }
            previous.span->end =
                offset + static_cast<std::size_t>(part.data() - list.data()) + part.size();
            continue;
        }
        Attendee person;
        // Leading titles: "Cllr Mrs J Hollingsbee".
        std::string title;
        for (;;) {
            const auto space = rest.find(' ');
            if (space == std::string_view::npos || !is_title_word(rest.substr(0, space))) {
                break;
            }
            title += (title.empty() ? "" : " ") + std::string(rest.substr(0, space));
            rest = lines::trim(rest.substr(space + 1));
        }
        // Trailing honours: "Mr P M Hill OBE".
        std::string honours;
        for (;;) {
            const auto space = rest.rfind(' ');
            if (space == std::string_view::npos || !is_honour(rest.substr(space + 1))) {
                break;
            }
            honours = std::string(rest.substr(space + 1)) + (honours.empty() ? "" : " ") + honours;
            rest = lines::trim(rest.substr(0, space));
        }
        person.name = text::collapse_whitespace(rest);
        if (person.name.empty()) {
            continue;
        }
        if (!title.empty()) {
            person.title = title;
        }
        if (!honours.empty()) {
            person.honours = honours;
        }
        person.role = role;
        const std::size_t begin = offset + static_cast<std::size_t>(part.data() - list.data());
        person.span = Span{begin, begin + part.size()};
        people.push_back(std::move(person));
    }
    return people;
}

std::optional<Asker> parse_asker_line(std::string_view line) {
    line = lines::trim(line);
    if (line.size() < 5 || line.front() != '(' || line.back() != ')') {
        return std::nullopt;
    }
    const std::string inner = text::collapse_whitespace(line.substr(1, line.size() - 2));
    if (inner.empty() || !is_upper(inner[0]) || starts_with(inner, "Item ") ||
        inner.find('(') != std::string::npos) {
        return std::nullopt;
    }
    // The organisation follows the first dash or comma: "Name – Org", "Name - Org", "Name, Org".
    std::size_t cut = std::string::npos;
    std::size_t skip = 0;
    for (const std::string_view separator : {" \xE2\x80\x93 ", " \xE2\x80\x94 ", " - ", ", "}) {
        const auto at = inner.find(separator);
        if (at != std::string::npos && at < cut) {
            cut = at;
            skip = separator.size();
        }
    }
    if (cut == std::string::npos || cut == 0 || cut + skip >= inner.size()) {
        return std::nullopt;
    }
    const std::string name = inner.substr(0, cut);
    // A name is a few capitalised words (titles and initials allowed), not a sentence.
    std::size_t words = 1;
    for (const char c : name) {
        words += c == ' ';
    }
    if (words > 6) {
        return std::nullopt;
    }
    // "(Councillor J Smith, having declared an interest, left the meeting.)" is a remark: an
    // organisation is a name, not a clause or a sentence.
    const std::string organisation = inner.substr(cut + skip);
    std::size_t organisation_words = 1;
    for (const char c : organisation) {
        organisation_words += c == ' ';
    }
    if (organisation.back() == '.' || organisation.find(", ") != std::string::npos ||
        organisation_words > 8 || std::islower(static_cast<unsigned char>(organisation[0]))) {
        return std::nullopt;
    }
    return Asker{name, organisation};
}

namespace {

// "That the report be noted.": the wording of a resolution without its label, which minutes
// print alone once the label has been dropped.
bool is_bare_resolution(std::string_view p) {
    // "THAT THE ACCOUNTS … BE APPROVED.": some councils write their resolutions in capitals.
    const bool capitals = starts_with(p, "THAT ");
    if ((!starts_with(p, "That ") && !capitals) || p.size() > 600) {
        return false;
    }
    const auto be = p.find(capitals ? " BE " : " be ");
    return be != std::string_view::npos && be < 120;
}

}  // namespace

bool is_resolution(std::string_view paragraph) {
    paragraph = lines::trim(paragraph);
    // "Resolved        that …": the label's words as a table or a converter spaced them.
    // Only the first letters decide, and most paragraphs start with no label at all.
    if (paragraph.starts_with("That ") || paragraph.starts_with("THAT ")) {
        return is_bare_resolution(paragraph);
    }
    if (paragraph.empty() ||
        std::string_view("RAIUDOPCrad").find(paragraph[0]) == std::string_view::npos) {
        return false;
    }
    const std::string head = text::collapse_whitespace(paragraph.substr(0, 48));
    for (const std::string_view lead :
         {"RESOLVED", "Resolved:", "Resolved that", "Resolved \xE2\x80\x93", "Resolved -",
          "Resolved unanimously", "Resolved to ", "AGREED that", "AGREED:", "AGREED \xE2\x80\x93",
          "Agreed:", "It was RESOLVED", "It was resolved", "It was AGREED", "It was agreed that",
          "UNANIMOUSLY RESOLVED", "Unanimously resolved",
          "Decision:", "DECISION:", "Decision \xE2\x80\x93", "Decision -", "Outcome:", "OUTCOME:",
          // Welsh: "PENDERFYNWYD" (resolved), "CYTUNWYD" (agreed).
          "PENDERFYNWYD", "Penderfynwyd:", "Penderfynwyd \xE2\x80\x93", "Penderfynwyd -",
          "CYTUNWYD"}) {
        if (starts_with(head, lead)) {
            return true;
        }
    }
    if (paragraph.size() > 16) {
        return is_bare_resolution(paragraph);
    }
    // "Decision" or "Resolved" alone on its line, the wording below it.
    std::string label(paragraph);
    while (!label.empty() && (label.back() == ':' || label.back() == '-' || label.back() == ' ')) {
        label.pop_back();
    }
    label = text::to_lower_ascii(label);
    if (label == "decision" || label == "decisions" || label == "resolved" ||
        label == "resolution" || label == "resolutions" || label == "agreed" ||
        label == "penderfynwyd" || label == "cytunwyd") {
        return true;
    }
    return is_bare_resolution(paragraph);
}

std::vector<Decision> find_decision_refs(std::string_view text, std::size_t offset) {
    // <LETTERS>.D.<digits>.<digits>: "OPCC.D.034.23".
    std::vector<Decision> out;
    for (std::size_t pos = text.find(".D."); pos != std::string_view::npos;
         pos = text.find(".D.", pos + 3)) {
        std::size_t begin = pos;
        while (begin > 0 && is_upper(text[begin - 1])) {
            --begin;
        }
        if (pos - begin < 2 ||
            (begin > 0 && (std::isalnum(static_cast<unsigned char>(text[begin - 1])) ||
                           text[begin - 1] == '.'))) {
            continue;
        }
        std::size_t end = pos + 3;
        const auto digits = [&] {
            const std::size_t start = end;
            while (end < text.size() && std::isdigit(static_cast<unsigned char>(text[end]))) {
                ++end;
            }
            return end - start;
        };
        if (digits() == 0 || end >= text.size() || text[end] != '.') {
            continue;
        }
        ++end;
        if (digits() == 0) {
            continue;
        }
        const std::string ref(text.substr(begin, end - begin));
        bool seen = false;
        for (const auto& d : out) {
            seen = seen || d.ref == ref;
        }
        if (!seen) {
            out.push_back(Decision{ref, Span{offset + begin, offset + end}});
        }
    }
    return out;
}

std::vector<Event> find_events(std::string_view text, std::size_t offset) {
    std::vector<Event> out;
    const std::pair<std::string_view, std::string_view> kinds[] = {
        {"adjourned", "adjourned"}, {"reconvened", "reconvened"}, {"resumed", "reconvened"},
        {"closed", "closed"},       {"ended", "closed"},          {"started", "opened"},
        {"commenced", "opened"}};
    // Times are rarer than letters: find each clock time, then look just before it for the word
    // that makes it an event ("adjourned at 10:16", "adjourned for lunch at 1pm").
    std::size_t pos = 0;
    while (pos < text.size()) {
        const auto time = dates::find_time(text.substr(pos));
        if (!time) {
            break;
        }
        const std::size_t time_begin = pos + time->begin;
        const std::size_t time_end = pos + time->end;
        pos = time_end;
        const std::size_t window_begin = time_begin > 32 ? time_begin - 32 : 0;
        const std::string window =
            text::to_lower_ascii(text.substr(window_begin, time_begin - window_begin));
        std::size_t best = std::string::npos;
        std::string_view best_kind;
        for (const auto& [word, kind] : kinds) {
            // A whole word: "attended", "recommended" and "disclosed" contain "ended"/"closed".
            for (auto at = window.rfind(word); at != std::string::npos;
                 at = at == 0 ? std::string::npos : window.rfind(word, at - 1)) {
                const bool starts_word =
                    at == 0 || !std::isalpha(static_cast<unsigned char>(window[at - 1]));
                const std::size_t after = at + word.size();
                const bool ends_word = after >= window.size() ||
                                       !std::isalpha(static_cast<unsigned char>(window[after]));
                if (starts_word && ends_word) {
                    if (best == std::string::npos || at > best) {
                        best = at;
                        best_kind = kind;
                    }
                    break;
                }
            }
        }
        if (best != std::string::npos) {
            const std::size_t begin = window_begin + best;
            out.push_back(Event{std::string(best_kind), time->value,
                                Span{offset + begin, offset + time_end}});
        }
    }
    return out;
}

std::optional<std::string> question_label(std::string_view line) {
    line = lines::trim(line);
    std::string_view rest;
    if (starts_with(line, "Questions ")) {
        rest = line.substr(10);
    } else if (starts_with(line, "Question")) {
        rest = line.substr(8);
    } else {
        return std::nullopt;
    }
    rest = lines::trim(rest);
    if (!rest.empty() && (rest.back() == ':' || rest.back() == '.')) {
        rest.remove_suffix(1);
    }
    rest = lines::trim(rest);
    if (rest.size() > 3) {
        return std::nullopt;  // "Questions to the Commissioner" is a title, not a label
    }
    for (const char c : rest) {
        if (!std::isdigit(static_cast<unsigned char>(c))) {
            return std::nullopt;
        }
    }
    return std::string(rest);
}

// ---- ItemBodyBuilder -----------------------------------------------------------------------

namespace {

bool ends_sentence(std::string_view s) {
    s = lines::trim(s);
    if (s.empty()) {
        return true;
    }
    const char c = s.back();
    return c == '.' || c == '?' || c == '!' || c == ':' || c == ';' || c == ')' || c == '"' ||
           (s.size() >= 3 && s.substr(s.size() - 3) == "\xE2\x80\x9D");  // closing quote
}

bool is_lower_start(std::string_view s) {
    return !s.empty() && s[0] >= 'a' && s[0] <= 'z';
}

// "A leading unnumbered paragraph followed by 2. is paragraph 1."
void number_lead_paragraph(std::vector<Paragraph>& paragraphs) {
    if (paragraphs.size() >= 2 && !paragraphs[0].number && paragraphs[1].number == "2") {
        paragraphs[0].number = "1";
    }
}

}  // namespace

void ItemBodyBuilder::add_block(std::string_view content,
                                const std::optional<lines::Marker>& marker, std::size_t min_depth) {
    content = lines::trim(content);
    if (content.empty()) {
        return;
    }
    const Span span = lines::span_of(text_, content);
    // "RESOLVED that:" then "(a) …", "(b) …": the lettered points are the resolution's own.
    // "RESOLVED:" alone, then "That …": the wording belongs to its label.
    // A label alone ("RESOLVED:-", "Decision") takes the block after it as its wording,
    // whatever its form ("That in an urgent situation … has authority …").
    const bool wording = resolution_open_ && !marker && !resolutions_.empty() &&
                         is_label_only(resolutions_.back().text) &&
                         (is_bare_resolution(content) || !is_resolution(content));
    if (wording ||
        (resolution_open_ && marker &&
         (!resolution_points_ || same_point_style(*resolution_points_, marker->style)))) {
        if (marker) {
            resolution_points_ = marker->style;  // the points share one style: (a), (b), …
        }
        Resolution& r = resolutions_.back();
        r.span->end = span.end;
        r.text = text::collapse_whitespace(text_.substr(r.span->begin, r.span->size()));
        // The wording may itself open points: "Decision" / "The Council:-" / "i. NOTED …".
        resolution_open_ = marker || opens_points(r.text);
        return;
    }
    resolution_open_ = false;
    resolution_points_.reset();
    if (!marker && is_resolution(content)) {
        flush_pending();
        resolutions_.push_back(Resolution{text::collapse_whitespace(content), span});
        resolution_open_ = opens_points(resolutions_.back().text);
        last_paragraph_ = nullptr;
        return;
    }
    // Page-break repair: lower-case text without a marker continues the paragraph before.
    if (!marker && is_lower_start(content) && last_paragraph_ != nullptr &&
        !ends_sentence(last_paragraph_->text)) {
        last_paragraph_->text += " " + text::collapse_whitespace(content);
        last_paragraph_->span->end = span.end;
        return;
    }
    Paragraph p;
    if (marker && marker->style != lines::MarkerStyle::bullet) {
        p.number = marker->number;
    }
    p.text = text::collapse_whitespace(content);
    p.span = span;
    if (!marker) {
        // Unnumbered text may be a question whose asker line comes next ("Question 1" labels
        // are often missing). It is held until the next block decides.
        pending_.push_back(std::move(p));
        last_paragraph_ = &pending_.back();
        return;
    }
    flush_pending();
    auto& tree = questions_.empty() ? paragraphs_ : answers_;
    const auto style = marker ? std::optional(marker->style) : std::nullopt;
    last_paragraph_ = &tree.add(std::move(p), style, min_depth);
}

bool ItemBodyBuilder::same_point_style(lines::MarkerStyle open, lines::MarkerStyle next) {
    // "(i)" reads as a letter until "(ii)" shows it was a numeral.
    const auto alpha_or_roman = [](lines::MarkerStyle s) {
        return s == lines::MarkerStyle::lower_alpha || s == lines::MarkerStyle::lower_roman;
    };
    return open == next || (alpha_or_roman(open) && alpha_or_roman(next));
}

bool ItemBodyBuilder::is_label_only(std::string_view resolution) {
    if (resolution.size() <= kLabelOnly) {
        return true;  // "RESOLVED:", "RESOLVED –"
    }
    // "RESOLVED unanimously", "RESOLVED by 9 votes to 3 with 1 abstention": the label and how
    // the vote went, with the wording to follow.
    const std::string l = text::to_lower_ascii(resolution);
    return l.size() <= 60 && l.find(" be ") == std::string::npos &&
           l.find("that") == std::string::npos && l.find(" to note") == std::string::npos &&
           !l.ends_with(".") &&
           (l.starts_with("resolved unanimously") || l.starts_with("resolved by ") ||
            l.starts_with("resolved (") || l.starts_with("unanimously resolved") ||
            l.starts_with("resolved on a vote") || l.starts_with("resolved with "));
}

bool ItemBodyBuilder::opens_points(std::string_view resolution) {
    // "RESOLVED that:", "RESOLVED –", "RESOLVED – That", "Resolved: That the Authority:".
    if (resolution.back() == ':' || is_label_only(resolution)) {
        return true;
    }
    // "RESOLVED: (a) That …": the wording starts with its first point; "(b)" … follow.
    if (const auto colon = resolution.find(':'); colon != std::string_view::npos && colon < 20) {
        const auto first = lines::parse_marker(lines::trim(resolution.substr(colon + 1)));
        if (first && (first->number == "a" || first->number == "1" || first->number == "i")) {
            return true;
        }
    }
    for (const std::string_view end : {" That", " that", " to", "\xE2\x80\x93", "-"}) {
        if (resolution.ends_with(end)) {
            return true;
        }
    }
    return false;
}

void ItemBodyBuilder::add_question_label(const std::string& number) {
    resolution_open_ = false;
    flush_pending();
    question_number_ = number.empty() ? std::nullopt : std::optional<std::string>(number);
    in_question_text_ = true;
}

void ItemBodyBuilder::add_asker(const Asker& asker, Span line_span) {
    resolution_open_ = false;
    finish_question();
    Question q;
    q.number = question_number_;
    q.asker = asker;
    if (!pending_.empty()) {
        // The question is the words from its first paragraph to its last, as they stand.
        q.span = Span{pending_.front().span->begin, pending_.back().span->end};
        q.text = text::collapse_whitespace(text_.substr(q.span->begin, q.span->size()));
    } else {
        diagnostics_.push_back(Diagnostic{"warning", "question-without-text",
                                          "an asker line with no question text before it",
                                          line_span});
    }
    pending_.clear();
    last_paragraph_ = nullptr;
    questions_.push_back(std::move(q));
    in_question_text_ = false;
    question_number_.reset();
}

void ItemBodyBuilder::flush_pending() {
    for (auto& p : pending_) {
        auto& tree = questions_.empty() ? paragraphs_ : answers_;
        tree.add(std::move(p), std::nullopt);
    }
    pending_.clear();
    last_paragraph_ = nullptr;
}

void ItemBodyBuilder::finish_question() {
    if (!questions_.empty()) {
        auto answers = answers_.take();
        number_lead_paragraph(answers);
        auto& q = questions_.back();
        q.answers.insert(q.answers.end(), std::make_move_iterator(answers.begin()),
                         std::make_move_iterator(answers.end()));
    }
    answers_ = lines::ParagraphTree();
}

void ItemBodyBuilder::finish(Item& item, Document& doc) {
    if (in_question_text_ && !pending_.empty()) {
        doc.add_diagnostic("warning", "question-without-asker",
                           "question text with no asker line after it", pending_.front().span);
    }
    in_question_text_ = false;
    flush_pending();
    finish_question();
    auto paragraphs = paragraphs_.take();
    number_lead_paragraph(paragraphs);
    item.paragraphs.insert(item.paragraphs.end(), std::make_move_iterator(paragraphs.begin()),
                           std::make_move_iterator(paragraphs.end()));
    item.questions.insert(item.questions.end(), std::make_move_iterator(questions_.begin()),
                          std::make_move_iterator(questions_.end()));
    item.resolutions.insert(item.resolutions.end(), std::make_move_iterator(resolutions_.begin()),
                            std::make_move_iterator(resolutions_.end()));
    doc.diagnostics.insert(doc.diagnostics.end(), diagnostics_.begin(), diagnostics_.end());
    *this = ItemBodyBuilder(text_);
}

}  // namespace kpproc::minutes
