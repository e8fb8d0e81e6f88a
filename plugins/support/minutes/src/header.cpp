#include "header.hpp"

#include <algorithm>
#include <optional>
#include <string>

#include "attendance.hpp"
#include "headings.hpp"
#include "kpproc/dates.hpp"
#include "kpproc/text.hpp"
#include "words.hpp"

namespace kpproc::structure::detail {

namespace {

using kpproc::lines::Line;
using kpproc::lines::trim;

// Words that end a body's name in "Minutes of the meeting of X held …".
constexpr std::string_view kBodyEnds[] = {" held ", " on ",  " at ",    ",",
                                          " in ",   " via ", " which ", " that "};

std::string tidy(std::string_view s) {
    s = trim(s);
    while (!s.empty() &&
           (s.back() == ',' || s.back() == '.' || s.back() == ':' || s.back() == ';')) {
        s.remove_suffix(1);
    }
    return text::collapse_whitespace(s);
}

// "Policing and Crime Joint Executive (PCJE)": the body without the letters it goes by.
std::string without_acronym(std::string body) {
    if (body.ends_with(")")) {
        const auto open = body.rfind(" (");
        if (open != std::string::npos) {
            const std::string_view inside(body.data() + open + 2, body.size() - open - 3);
            if (inside.size() >= 2 && inside.size() <= 8 &&
                letter_case(inside).upper == letter_case(inside).letters &&
                letter_case(inside).letters >= 2) {
                body.erase(open);
            }
        }
    }
    return body;
}

// "the Council Chamber" is the venue "Council Chamber": the article is the sentence's.
std::string without_article(std::string venue) {
    return starts_with_nocase(venue, "the ") ? venue.substr(4) : venue;
}

// Whether a line names a committee, panel, board or other body that meets: by its words,
// so that "Commissioner" (a person) is not "Commission".
bool names_a_committee(std::string_view line) {
    for (std::string_view w : split_words(line)) {
        while (!w.empty() && !is_letter(w.back())) {
            w.remove_suffix(1);  // "Board:", "Council,"
        }
        std::string l = lower(w);
        if (l.ends_with("s") && !l.ends_with("ss")) {
            l.pop_back();  // "Committees", "Councils"
        }
        for (const std::string_view body :
             {"committee", "sub-committee", "panel", "board", "cabinet", "council", "authority",
              "forum", "commission", "partnership", "executive", "assembly", "group"}) {
            if (l == body) {
                return true;
            }
        }
    }
    return false;
}

// "LEVEL 1 MEETING", "PARISH COUNCIL MEETING", "Ordinary Meeting": the body a meeting's name
// gives — the council itself where it names one, nothing where it only says what kind of
// meeting it was.
std::optional<std::string> meeting_named(std::string_view name) {
    const auto words = split_words(name);
    if (words.size() < 2) {
        return std::nullopt;
    }
    const std::string kind = lower(words[words.size() - 2]);
    for (const std::string_view generic :
         {"ordinary", "annual", "extraordinary", "special", "monthly", "full", "the", "a",
          "adjourned", "reconvened", "statutory"}) {
        if (kind == generic && words.size() == 2) {
            return std::nullopt;
        }
    }
    const auto before = trim(name.substr(0, name.size() - words.back().size()));
    return names_a_committee(before) ? tidy(before) : tidy(name);
}

// "X" in "Minutes of (the|a) [annual|…] meeting of X held …" or "MEETING OF X".
std::optional<std::string> body_after_meeting_of(std::string_view line) {
    const std::string l = lower(line);
    auto at = l.find("meeting of ");
    std::size_t skip = 11;
    if (at == std::string::npos) {
        at = l.find("minutes of ");
        if (at == std::string::npos) {
            return std::nullopt;
        }
        // "Minutes of the Planning Committee held …" (no "meeting of"); "MINUTES OF THE LEVEL 1
        // MEETING HELD IN …": a meeting named for what it is.
        const auto next = l.substr(at + 11, 4);
        const auto meeting = l.find(" meeting held", at);
        if (next.starts_with("the ") && meeting != std::string::npos && meeting > at + 15) {
            return meeting_named(line.substr(at + 15, meeting + 8 - at - 15));
        }
        if (next.starts_with("the ") && l.find(" meeting", at) == std::string::npos) {
            skip = 11;
        } else {
            return std::nullopt;
        }
    }
    std::string_view rest = line.substr(at + skip);
    if (starts_with_nocase(rest, "the ")) {
        rest.remove_prefix(4);
    }
    std::size_t end = rest.size();
    const std::string lr = lower(rest);
    for (const auto stop : kBodyEnds) {
        const auto p = lr.find(stop);
        if (p != std::string::npos && p < end) {
            end = p;
        }
    }
    const std::string body = tidy(rest.substr(0, end));
    if (body.size() < 3 || split_words(body).size() > 14) {
        return std::nullopt;
    }
    return body;
}

// "Decisions and Actions", "Record of Decisions", "Minutes": words naming the kind of record.
bool names_record_kind(std::string_view part) {
    const auto words = split_words(part);
    return !words.empty() && std::all_of(words.begin(), words.end(), [](std::string_view w) {
        const std::string l = lower(w);
        for (const std::string_view kind :
             {"minutes", "notes", "agenda", "action", "actions", "log", "decisions", "decision",
              "record", "and", "of", "draft", "final", "summary", "key", "points", "&"}) {
            if (l == kind) {
                return true;
            }
        }
        return false;
    });
}

// "Executive Board – Decisions and Actions": the part after the dash names the record.
std::string_view without_record_kind(std::string_view t) {
    for (const std::string_view dash : {" \xE2\x80\x93 ", " - ", " \xE2\x80\x94 "}) {
        if (const auto at = t.rfind(dash);
            at != std::string_view::npos && names_record_kind(t.substr(at + dash.size()))) {
            t = t.substr(0, at);
        }
    }
    return t;
}

// A heading line that names the body: "PLANNING COMMITTEE", "Northmoor Parish Council".
std::optional<std::string> body_heading(const std::vector<Line>& top) {
    std::optional<std::string> council;
    for (const auto& line : top) {
        const auto t = line.text;
        // "Office of the Police and Crime Commissioner" is whose record it is, not who met.
        // ("To: Members of the …", "Title: …": a label's line, not a heading.)
        const auto colon = t.find(':');
        if (t.empty() || t.size() > 90 || t.back() == '.' || !names_a_committee(t) ||
            dates::find_date(t) || is_record_heading(t) || starts_with_nocase(t, "office of") ||
            starts_with_nocase(t, "the office of") ||
            (colon != std::string_view::npos && colon < 25)) {
            continue;
        }
        const auto words = split_words(t);
        std::size_t capitalised = 0;
        for (const auto w : words) {
            capitalised += is_upper(w[0]) ? 1 : 0;
        }
        if (capitalised * 3 < words.size() * 2) {
            continue;  // prose, not a heading
        }
        // A committee is more specific than the council it belongs to.
        if (lower(t).find("council") != std::string::npos &&
            lower(t).find("committee") == std::string::npos &&
            lower(t).find("panel") == std::string::npos) {
            council = council ? council : std::optional<std::string>(tidy(t));
            continue;
        }
        return tidy(without_record_kind(t));
    }
    return council;
}

// "Date: …", "Time: …", "Venue: …" label lines.
std::optional<std::string_view> labelled(const Line& line,
                                         std::initializer_list<std::string_view> labels) {
    for (const auto label : labels) {
        if (starts_with_nocase(line.text, label)) {
            auto rest = trim(line.text.substr(label.size()));
            if (!rest.empty() && (rest[0] == ':' || rest[0] == '-')) {
                return trim(rest.substr(1));
            }
        }
    }
    return std::nullopt;
}

// A line naming a place to meet: a room, a chamber, a hall, offices, headquarters, or Teams.
bool names_a_place(std::string_view line) {
    for (const auto w : split_words(line)) {
        const std::string l = lower(w);
        for (const std::string_view place :
             {"room", "chamber", "hall", "house", "headquarters", "hq", "offices", "centre",
              "center", "building", "teams", "zoom", "library", "suite", "pavilion"}) {
            if (l.starts_with(place) && l.size() <= place.size() + 1) {
                return true;
            }
        }
    }
    return false;
}

std::optional<std::string> venue_in_sentence(std::string_view line) {
    const std::string l = lower(line);
    for (const std::string_view lead : {" held in ", " held at ", " held in the ", " at the "}) {
        const auto at = l.find(lead);
        if (at == std::string::npos) {
            continue;
        }
        std::string_view rest = line.substr(at + lead.size());
        const std::string lr = lower(rest);
        auto end = lr.find(" on ");
        const auto comma_day = lr.find(", on ");
        end = std::min(end, comma_day);
        // "… Police Headquarters, at 10:30 am on Tuesday …": the place ends before the time;
        // "… HEADQUARTERS, ALDERBURY, 25 NOVEMBER 2024 COMMENCING AT 10.00AM": before the date.
        if (const auto date = dates::find_date(rest); date && date->begin < end) {
            end = date->begin;
        }
        if (const auto time = dates::find_time(rest); time && time->begin < end) {
            end = rest.substr(0, time->begin).rfind(" at");
        }
        // "… at 10.00 am at the Council Chamber, Civic Offices, Harrowden." The place runs to
        // the sentence's end, when it names one.
        const bool to_sentence_end = end == std::string::npos;
        if (to_sentence_end) {
            end = std::min(rest.size(), rest.find(". "));
            // "… HELD AT THE TOWN HALL, WESTON ON" / "4 MARCH 2025": the date is on its own line.
            const auto tail = lower(rest.substr(0, end));
            if (tail.ends_with(" on")) {
                end -= 3;
            }
        }
        std::string venue = without_article(tidy(rest.substr(0, end)));
        // "…, commencing at 7.05 pm": the word that led to the time is not the place's.
        for (const std::string_view verb : {" commencing", " starting", " beginning"}) {
            if (lower(venue).ends_with(verb)) {
                venue = tidy(venue.substr(0, venue.size() - verb.size()));
            }
        }
        if (!venue.empty() && !dates::find_date(venue) && !dates::find_time(venue) &&
            (!to_sentence_end || (names_a_place(venue) && split_words(venue).size() <= 14))) {
            return venue;
        }
    }
    return std::nullopt;
}

// "Executive Board Minutes – 16 April 2024", "MINUTES EXECUTIVE BOARD", "Police
// Accountability Board – Action Log": the body in a heading that names the record.
std::optional<std::string> body_in_record_heading(std::string_view line) {
    std::string_view t = line;
    if (const auto date = dates::find_date(t)) {
        t = t.substr(0, date->begin);
    }
    t = without_record_kind(t);
    std::vector<std::string_view> kept;
    for (const auto w : split_words(t)) {
        const std::string l = lower(w);
        if (l == "minutes" || l == "notes" || l == "agenda" || l == "action" || l == "log" ||
            l == "draft" || l == "of" || l == "meeting" || l == "the" || l == "-" ||
            w == "\xE2\x80\x93" || w == "\xE2\x80\x94" || l == "held" || l == "on") {
            if (!kept.empty() && (l == "of" || l == "the")) {
                kept.push_back(w);  // inside a name: "Board of the …"
            }
            continue;
        }
        kept.push_back(w);
    }
    while (!kept.empty() && (lower(kept.back()) == "of" || lower(kept.back()) == "the")) {
        kept.pop_back();
    }
    // "Policing Accountability Meeting – Notes": a meeting named for what it does.
    const auto meeting_at = (lower(t) + " ").find(" meeting ");
    const bool named_meeting =
        !kept.empty() && !names_a_committee(t) && meeting_at != std::string::npos &&
        kept.back().data() < t.data() + meeting_at &&
        lower(t.substr(std::min(t.size(), meeting_at + 8))).find(" of ") == std::string::npos &&
        split_words(t.substr(0, meeting_at)).size() >= 2;
    if (named_meeting) {
        kept.push_back(t.substr(meeting_at + 1, 7));
    }
    if (kept.empty() || (!names_a_committee(t) && !named_meeting)) {
        return std::nullopt;
    }
    const auto begin = kept.front().data();
    const auto end = kept.back().data() + kept.back().size();
    return tidy(std::string_view(begin, static_cast<std::size_t>(end - begin)));
}

bool is_time_word(std::string_view w) {
    const std::string l = lower(w);
    return w.find_first_not_of("0123456789.:") == std::string_view::npos || l == "to" || l == "-" ||
           w == "\xE2\x80\x93" || l == "hrs" || l == "am" || l == "pm" || l == "a.m" ||
           l == "p.m" || l.ends_with("am") || l.ends_with("pm");
}

// ", 0930 to 1230, Chief Constable's Conference Room", " at 14.00 at Tregarth House": past the
// times that follow a date (and the "at" before them), to what comes next.
std::string_view without_leading_times(std::string_view rest) {
    const auto words = split_words(rest);
    std::size_t kept = 0;
    for (std::size_t i = 0; i < words.size(); ++i) {
        std::string_view bare = words[i];
        while (!bare.empty() && (bare.back() == ',' || bare.back() == ';' || bare.back() == '.')) {
            bare.remove_suffix(1);
        }
        const bool at_time =
            lower(bare) == "at" && i + 1 < words.size() && is_digit(words[i + 1][0]);
        if (!bare.empty() && !at_time && !is_time_word(bare)) {
            break;
        }
        // Up to the time's end, leaving a comma after it to separate what follows.
        kept = static_cast<std::size_t>(words[i].data() - rest.data()) + bare.size();
    }
    return rest.substr(kept);
}

// "09:30 – 12:00 in the Ribston Room, HQ": the place after a date or time on its line.
std::optional<std::string> venue_after_time(std::string_view line) {
    const auto time = dates::find_time(line);
    const auto date = dates::find_date(line);
    if (!time && !date) {
        return std::nullopt;
    }
    const std::size_t from = std::max(time ? time->end : 0, date ? date->end : 0);
    const std::string_view rest = without_leading_times(line.substr(from));
    const std::string padded = " " + lower(rest);  // the lead may open what is left
    // The earliest lead wins: "at Tregarth House, Bodmin Road" is one place.
    std::size_t best = std::string::npos;
    std::size_t best_size = 0;
    for (const std::string_view lead : {" in the ", " at the ", " in ", " at ", ", "}) {
        const auto at = padded.find(lead);
        if (at != std::string::npos && at <= 24 && (best == std::string::npos || at < best)) {
            best = at;
            best_size = lead.size();
        }
    }
    if (best == std::string::npos) {
        return std::nullopt;
    }
    const std::string venue = tidy(rest.substr(best + best_size - 1));
    if (venue.size() > 3 && is_upper(venue[0]) && !dates::find_time(venue) &&
        !dates::find_date(venue)) {
        return venue;
    }
    return std::nullopt;
}

// The top's lines joined into the sentences they form: "Minutes of the meeting held at
// Conference Room Two, Police Headquarters," goes on "at 10:30 am on Tuesday 4 November 2019".
std::vector<std::string> header_sentences(const std::vector<Line>& top) {
    std::vector<std::string> out;
    std::string current;
    for (const auto& line : top) {
        if (line.text.empty()) {
            if (!current.empty()) {
                out.push_back(std::move(current));
                current.clear();
            }
            continue;
        }
        current += current.empty() ? "" : " ";
        current += line.text;
    }
    if (!current.empty()) {
        out.push_back(std::move(current));
    }
    return out;
}

// "Decision maker: Audit and Governance Committee": the body of a decision record.
std::optional<std::string> decision_maker(const Line& line) {
    if (!starts_with_nocase(line.text, "decision maker:") || !names_a_committee(line.text)) {
        return std::nullopt;  // an officer's decision is of no meeting
    }
    return tidy(line.text.substr(15));
}

// "0930 to 1230", "1400hrs", "14.00 – 15.30": a 24-hour time without a colon or am/pm, which
// the date reader leaves alone. Only on a line that gives the meeting's date or time.
std::optional<std::string> compact_time(std::string_view line) {
    const auto words = split_words(line);
    for (std::size_t i = 0; i < words.size(); ++i) {
        std::string_view w = words[i];
        while (!w.empty() && (w.back() == ',' || w.back() == ';')) {
            w.remove_suffix(1);
        }
        const bool hrs = w.ends_with("hrs") || w.ends_with("hours");
        if (hrs) {
            w = w.substr(0, w.find('h'));
        }
        std::string digits;
        for (const char c : w) {
            if (is_digit(c)) {
                digits += c;
            } else if (c != '.') {
                digits.clear();
                break;
            }
        }
        const bool range = i + 1 < words.size() && (words[i + 1] == "to" || words[i + 1] == "-" ||
                                                    words[i + 1] == "\xE2\x80\x93");
        const bool at = i > 0 && lower(words[i - 1]) == "at" && w.find('.') == 2;  // "at 14.00"
        if (digits.size() != 4 || (!hrs && !range && !at)) {
            continue;
        }
        const int hour = (digits[0] - '0') * 10 + (digits[1] - '0');
        const int minute = (digits[2] - '0') * 10 + (digits[3] - '0');
        if (hour <= 23 && minute <= 59) {
            return digits.substr(0, 2) + ":" + digits.substr(2, 2);
        }
    }
    return std::nullopt;
}

// The start time after a date on its line: "at 10.00 am", "14:00 – 15:30", "at 14.00".
std::optional<std::string> time_after_date(std::string_view rest) {
    if (auto t = dates::find_time(rest)) {
        return t->value;
    }
    return compact_time(rest);
}

// "… held on Tuesday 10th October 2023 at 10.00 am …": the date (and time) after "held on".
void date_in_sentence(std::string_view sentence, Meeting& m) {
    const std::string l = lower(sentence);
    // "held on Tuesday 10th October", "held in the Authority Chamber, … on Friday, 7th March":
    // the first date after the verb, within the sentence's place and time.
    for (const std::string_view lead : {"held ", "take place ", "meet on "}) {
        const auto at = l.find(lead);
        if (at == std::string::npos) {
            continue;
        }
        const auto rest = sentence.substr(at + lead.size());
        const auto date = dates::find_date(rest);
        if (date && date->begin <= 160) {
            m.date = date->value;
            if (!m.time) {
                m.time = time_after_date(rest.substr(date->end));
            }
            return;
        }
    }
}

// "Published: 26 January 2024", "Date of publication …", "Issued on …": the papers' date.
bool is_publication_line(std::string_view line) {
    line = trim(line);
    for (const std::string_view lead : {"published",       "publication",  "date of publication",
                                        "date published",  "issued",       "date of issue",
                                        "despatched",      "dispatched",   "circulated",
                                        "printed",         "last updated", "deadline",
                                        "call-in",         "call in",      "version",
                                        "date of call-in", "date created", "created",
                                        "date updated",    "review date"}) {
        if (starts_with_nocase(line, lead)) {
            return true;
        }
    }
    return false;
}

// A venue that ends its line with a comma goes on over the next lines ("Fenwick Room," /
// "Police Headquarters"), as does one followed by more lines naming places.
std::string venue_going_on(const std::vector<Line>& top, std::size_t line, std::string_view venue) {
    std::string out(venue);
    for (std::size_t j = line + 1; j < top.size() && !top[j].text.empty() && !out.empty() &&
                                   (out.back() == ',' || names_a_place(top[j].text));
         ++j) {
        const auto next = first_cell(top[j].text);
        if (dates::find_date(next) || attendance_label(next) || is_record_heading(next)) {
            break;
        }
        out += " " + std::string(next);
    }
    return out;
}

// "Beacon Room, Police Headquarters, Lowfield" on a line of its own under the date and time
// lines; a line that ends with a comma goes on to the next ("Fenwick Room," / "Police
// Headquarters").
std::optional<std::string> venue_under_date(const std::vector<Line>& top) {
    std::size_t date_line = top.size();
    for (std::size_t i = 0; i < top.size() && date_line == top.size(); ++i) {
        if (dates::find_date(top[i].text)) {
            date_line = i;
        }
    }
    for (std::size_t i = date_line + 1, seen = 0; i < top.size() && seen < 4; ++i) {
        const auto t = first_cell(top[i].text);  // "Council Chamber …      Telephone: …"
        if (t.empty()) {
            continue;
        }
        ++seen;
        if (!names_a_place(t) || is_record_heading(t) || dates::find_date(t)) {
            continue;
        }
        std::string_view place = t;
        // "Time: 1400hrs Location: Conference Room 3": the place after its label.
        for (const std::string_view label : {"location:", "venue:", "place:"}) {
            if (const auto at = lower(place).find(label); at != std::string::npos) {
                place = lines::trim(place.substr(at + label.size()));
            }
        }
        for (const std::string_view lead : {"at ", "in "}) {
            if (starts_with_nocase(place, lead)) {
                place = place.substr(lead.size());  // "at the Town Hall, Westbury"
            }
        }
        return without_article(tidy(venue_going_on(top, i, place)));
    }
    return std::nullopt;
}

}  // namespace

std::optional<std::string> start_time_statement(std::string_view line) {
    line = trim(line);
    const std::string l = lower(line);
    for (const std::string_view lead :
         {"meeting started", "meeting commenced", "meeting began", "meeting opened",
          "the meeting started", "the meeting commenced", "the meeting began", "the meeting opened",
          "meeting start", "started:", "commenced:"}) {
        if (l.starts_with(lead)) {
            if (auto t = dates::find_time(line.substr(lead.size())); t && t->begin <= 12) {
                return t->value;
            }
        }
    }
    return std::nullopt;
}

bool is_record_heading(std::string_view line) {
    line = trim(line);
    if (line.size() > 160) {
        return false;
    }
    const std::string l = lower(line);
    for (const std::string_view lead :
         {"minutes of", "minutes", "agenda", "notes of", "meeting notes", "notes", "action notes",
          "decision notes", "record of", "summary of", "draft minutes", "unconfirmed minutes",
          "confirmed minutes", "meeting of", "action log"}) {
        if (l.starts_with(lead) &&
            (l.size() == lead.size() || l[lead.size()] == ' ' || l[lead.size()] == ':')) {
            return true;
        }
    }
    // "Planning Committee – Minutes", "Accountability Board – Action Log", "Minutes – 16 April
    // 2024": the record named in a short title line.
    if (split_words(line).size() > 12) {
        return false;
    }
    for (const std::string_view name : {" minutes", " agenda", " action log"}) {
        if (l.ends_with(name)) {
            return true;
        }
    }
    // "Board Notes", "Meeting Notes" — but not "Release notes".
    if (l.ends_with(" notes") &&
        (names_a_committee(line) || l.find(" meeting ") != std::string::npos)) {
        return true;
    }
    for (const std::string_view name : {" minutes \xE2\x80\x93", " minutes -", " action log",
                                        " notes of meeting", "minutes of "}) {
        if (l.find(name) != std::string::npos) {
            return true;
        }
    }
    return false;
}

namespace {

// "Date: …", "Time: …", "Venue: …", "Title: …" lines, and "Minutes of the meeting of X".
void read_labelled_fields(const Line& line, Meeting& m) {
    if (!m.body) {
        if (auto body = body_after_meeting_of(line.text)) {
            m.body = std::move(body);
        }
    }
    if (auto v = labelled(line, {"date of meeting", "meeting date", "date"}); v && !m.date) {
        if (auto d = dates::find_date(*v)) {
            m.date = d->value;
            if (!m.time) {
                m.time = time_after_date(v->substr(d->end));
            }
        }
    }
    // "Title: Commissioner's Monitoring Board", "Committee: Audit Committee".
    if (auto v = labelled(line, {"title", "meeting title", "committee", "board", "body"});
        v && !m.body && !v->empty() && v->size() <= 90 &&
        (names_a_committee(*v) || lower(*v).find("meeting") != std::string::npos)) {
        m.body = tidy(*v);
    }
    if (auto v = labelled(line, {"time", "start time"}); v && !m.time) {
        if (auto t = dates::find_time(*v)) {
            m.time = t->value;
        }
    }
    if (auto v = labelled(line, {"venue", "place", "location", "meeting venue"});
        v && !m.venue && !v->empty()) {
        m.venue = tidy(*v);
    }
}

// The body from the header's other forms, in order of trust: a decision maker, a heading that
// names the record, a heading that names a committee.
void read_body(const std::vector<Line>& top, Meeting& m) {
    for (const auto& line : top) {
        if (!m.body) {
            m.body = decision_maker(line);
        }
    }
    for (const auto& line : top) {
        if (!m.body && is_record_heading(line.text)) {
            m.body = body_in_record_heading(line.text);
        }
    }
    if (!m.body) {
        m.body = body_heading(top);
    }
    // "MINUTES OF THE BOARD MEETING" under "CARNEDD FELL NATIONAL PARK AUTHORITY": a body's
    // bare kind gives way to the body the heading names.
    // "Minutes of Parish Council" under "ASHCOMBE WITH RILLSDALE PARISH COUNCIL": the heading
    // gives the council's whole name.
    if (m.body) {
        const auto named = body_heading(top);
        const bool fuller =
            named && named->size() > m.body->size() && lower(*named).ends_with(lower(*m.body));
        if (fuller ||
            (named && split_words(*m.body).size() == 1 && split_words(*named).size() > 1)) {
            m.body = named;
        }
    }
    if (m.body) {
        m.body = without_acronym(std::move(*m.body));
    }
}

// The venue after a date or time on its line, or on the lines under the date.
void read_venue(const std::vector<Line>& top, Meeting& m) {
    for (std::size_t i = 0; i < top.size() && !m.venue; ++i) {
        if (auto venue = venue_after_time(first_cell(top[i].text))) {
            // The place the line began goes on, if it ended with a comma.
            const auto end = top[i].text.find(*venue);
            const bool cut =
                end == std::string_view::npos ||
                top[i].text.substr(end + venue->size()).find(',') == std::string_view::npos;
            m.venue = cut ? *venue : tidy(venue_going_on(top, i, *venue + ","));
        }
    }
    if (!m.venue) {
        m.venue = venue_under_date(top);
    }
}

// The date: the first full date near the top, where no label gave it, and not the date the
// papers were published.
void read_first_date(const std::vector<Line>& top, Meeting& m) {
    std::string_view previous;
    for (const auto& line : top) {
        if (m.date) {
            break;
        }
        // "Date Created:" / "20 September 2024": the label on the line above says whose date.
        const bool under_label = previous.ends_with(":") && is_publication_line(previous);
        if (!line.text.empty()) {
            previous = line.text;
        }
        if (is_publication_line(line.text) || under_label) {
            continue;
        }
        if (auto d = dates::find_date(line.text)) {
            m.date = d->value;
            if (!m.time) {
                m.time = time_after_date(line.text.substr(d->end));
            }
        }
    }
}

// The start time: the first clock time at the top ("commencing at 7.00 pm", "09:30 – 12:00 in
// the Ribston Room", "Time: 10.00 am"); a range gives its start.
void read_first_time(const std::vector<Line>& top, Meeting& m) {
    for (const auto& line : top) {
        if (m.time) {
            break;
        }
        if (is_publication_line(line.text)) {
            continue;
        }
        if (auto t = dates::find_time(line.text)) {
            m.time = t->value;
        } else if (dates::find_date(line.text) || starts_with_nocase(line.text, "time")) {
            m.time = compact_time(line.text);
        }
    }
}

}  // namespace

void read_meeting(const std::vector<Line>& top, Meeting& m) {
    for (const auto& line : top) {
        read_labelled_fields(line, m);
    }
    const auto sentences = header_sentences(top);
    for (const auto& sentence : sentences) {
        if (!m.venue) {
            m.venue = venue_in_sentence(sentence);
        }
        if (!m.body) {
            m.body = body_after_meeting_of(sentence);
        }
    }
    read_body(top, m);
    read_venue(top, m);
    // A summons names the meeting's date in a sentence ("… will be held on Tuesday 10th
    // October 2023 at 10.00 am"); the letter's own date stands alone above it.
    for (const auto& sentence : sentences) {
        if (!m.date) {
            date_in_sentence(sentence, m);
        }
    }
    read_first_date(top, m);
    read_first_time(top, m);
}

}  // namespace kpproc::structure::detail
