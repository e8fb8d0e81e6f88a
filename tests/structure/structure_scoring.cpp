#include "structure_scoring.hpp"

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <set>
#include <sstream>
#include <stdexcept>

#include "kpproc/framework/batch.hpp"
#include "kpproc/json.hpp"
#include "kpproc/text.hpp"

namespace fs = std::filesystem;

namespace kpproc::structure_scoring {

// ---- Arithmetic -----------------------------------------------------------------------------

double Counts::precision() const {
    const std::size_t found = matched + spurious;
    return found == 0 ? (missed == 0 ? 1.0 : 0.0)
                      : static_cast<double>(matched) / static_cast<double>(found);
}
double Counts::recall() const {
    const std::size_t gold = matched + missed;
    return gold == 0 ? (spurious == 0 ? 1.0 : 0.0)
                     : static_cast<double>(matched) / static_cast<double>(gold);
}
double Counts::f1() const {
    const double p = precision();
    const double r = recall();
    return p + r == 0 ? 0.0 : 2 * p * r / (p + r);
}
void Counts::add(const Counts& o) {
    matched += o.matched;
    spurious += o.spurious;
    missed += o.missed;
}

void Score::add(const Score& o) {
    documents += o.documents;
    detected += o.detected;
    items.add(o.items);
    resolutions.add(o.resolutions);
    attendance.add(o.attendance);
    actions.add(o.actions);
    meeting.add(o.meeting);
    errors.insert(errors.end(), o.errors.begin(), o.errors.end());
}

// ---- Normalisation --------------------------------------------------------------------------

std::string fold(std::string_view s) {
    std::string out;
    bool space = false;
    for (const char c : s) {
        const auto b = static_cast<unsigned char>(c);
        if ((b >= '0' && b <= '9') || (b >= 'a' && b <= 'z') || b >= 0x80) {
            out += space && !out.empty() ? " " : "";
            out += c;
            space = false;
        } else if (b >= 'A' && b <= 'Z') {
            out += space && !out.empty() ? " " : "";
            out += static_cast<char>(b - 'A' + 'a');
            space = false;
        } else {
            space = true;
        }
    }
    return out;
}

namespace {

std::vector<std::string> words(std::string_view s) {
    std::vector<std::string> out;
    std::istringstream in(fold(s));
    for (std::string w; in >> w;) {
        out.push_back(w);
    }
    return out;
}

double jaccard(std::string_view a, std::string_view b) {
    const auto wa = words(a);
    const auto wb = words(b);
    const std::set<std::string> sa(wa.begin(), wa.end());
    const std::set<std::string> sb(wb.begin(), wb.end());
    if (sa.empty() && sb.empty()) {
        return 1.0;
    }
    std::size_t common = 0;
    for (const auto& w : sa) {
        common += sb.count(w);
    }
    return static_cast<double>(common) / static_cast<double>(sa.size() + sb.size() - common);
}

// "C 24/195" and "c24/195", "12." and "12", "(i)" and "i" are the same number.
std::string number_key(std::string_view n) {
    std::string out;
    for (const char c : n) {
        if (c != ' ' && c != '(' && c != ')' && c != '\xC2' && c != '\xA0') {
            out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        }
    }
    while (!out.empty() && (out.back() == '.' || out.back() == ':')) {
        out.pop_back();
    }
    return out;
}

bool is_title_word(const std::string& w) {
    static const std::set<std::string> kTitles = {
        "cllr",     "councillor", "councillors", "mr",     "mrs",   "ms",   "miss",    "dr",
        "prof",     "professor",  "sir",         "dame",   "lord",  "lady", "rev",     "revd",
        "reverend", "the",        "cc",          "county", "cdr",   "obe",  "mbe",     "cbe",
        "jp",       "dl",         "qpm",         "kpm",    "frics", "mp",   "alderman"};
    return kTitles.count(w) != 0;
}

// Surname and initials of a name, titles and honours left out: "Cllr Mrs J A Smith" gives
// {"smith", "ja"}.
std::pair<std::string, std::string> name_key(std::string_view name) {
    // A bracket holds a role or initials, not the name.
    std::string plain;
    int depth = 0;
    for (const char c : name) {
        depth += c == '(' ? 1 : c == ')' ? -1 : 0;
        if (depth == 0 && c != ')') {
            plain += c;
        }
    }
    auto ws = words(plain);
    ws.erase(std::remove_if(ws.begin(), ws.end(), is_title_word), ws.end());
    if (ws.empty()) {
        return {fold(name), ""};
    }
    std::string initials;
    for (std::size_t i = 0; i + 1 < ws.size(); ++i) {
        initials += ws[i][0];
    }
    return {ws.back(), initials};
}

}  // namespace

bool titles_match(std::string_view gold, std::string_view found) {
    const std::string g = fold(gold);
    const std::string f = fold(found);
    if (g == f) {
        return true;
    }
    const bool contained = !g.empty() && !f.empty() &&
                           (g.find(f) != std::string::npos || f.find(g) != std::string::npos);
    if (!contained) {
        return false;
    }
    const auto shorter = std::min(words(g).size(), words(f).size());
    const auto longer = std::max(words(g).size(), words(f).size());
    return static_cast<double>(shorter) >= 0.8 * static_cast<double>(longer);
}

bool numbers_match(const std::optional<std::string>& gold,
                   const std::optional<std::string>& found) {
    if (!gold || !found) {
        return !gold && !found;
    }
    return number_key(*gold) == number_key(*found);
}

bool resolutions_match(std::string_view gold, std::string_view found) {
    return jaccard(gold, found) >= 0.6;
}

bool names_match(std::string_view gold, std::string_view found) {
    const auto [gs, gi] = name_key(gold);
    const auto [fs_, fi] = name_key(found);
    return gs == fs_ && (gi.empty() || fi.empty() || gi[0] == fi[0]);
}

// ---- Reading the gold -----------------------------------------------------------------------

namespace {

std::optional<std::string> optional_string(const json::Value* v) {
    return v == nullptr || v->is_null() ? std::nullopt : std::optional<std::string>(v->as_string());
}

std::string required_string(const json::Value& v, const char* key, const fs::path& path) {
    const json::Value* field = v.find(key);
    if (field == nullptr || !field->is_string()) {
        throw std::runtime_error(path.string() + ": '" + key + "' must be a string");
    }
    return field->as_string();
}

const json::Array& array_of(const json::Value& v, const char* key) {
    static const json::Array kNone;
    const json::Value* field = v.find(key);
    return field != nullptr && field->is_array() ? field->as_array() : kNone;
}

}  // namespace

Gold read_gold(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream bytes;
    bytes << in.rdbuf();
    try {
        const json::Value v = json::parse(bytes.str());
        Gold g;
        g.family = required_string(v, "family", path);
        g.adapter = required_string(v, "adapter", path);
        if (const json::Value* m = v.find("meeting"); m != nullptr && m->is_object()) {
            for (const auto& [key, value] : m->as_object()) {
                g.meeting[key] = optional_string(&value);
            }
        }
        for (const auto& item : array_of(v, "items")) {
            g.items.push_back(
                {optional_string(item.find("number")), required_string(item, "title", path)});
        }
        for (const auto& r : array_of(v, "resolutions")) {
            g.resolutions.push_back(r.as_string());
        }
        for (const auto& a : array_of(v, "attendance")) {
            g.attendance.push_back(
                {required_string(a, "name", path), required_string(a, "group", path)});
        }
        if (v.find("actions") != nullptr) {
            g.actions.emplace();
            for (const auto& a : array_of(v, "actions")) {
                g.actions->push_back({required_string(a, "text", path),
                                      optional_string(a.find("owner")),
                                      optional_string(a.find("status"))});
            }
        }
        return g;
    } catch (const std::runtime_error&) {
        throw;
    } catch (const std::exception& e) {
        throw std::runtime_error(path.string() + ": " + e.what());
    }
}

// ---- Scoring one document -------------------------------------------------------------------

namespace {

// Matches gold facts to found ones (each found fact at most once, first fit), adding to
// `counts` and describing what did not match.
template <class G, class F, class Match, class Describe>
void match_all(const std::vector<G>& gold, const std::vector<F>& found, Match match,
               Describe describe, const char* what, Counts& counts,
               std::vector<std::string>& errors) {
    std::vector<bool> used(found.size(), false);
    for (const auto& g : gold) {
        bool hit = false;
        for (std::size_t i = 0; i < found.size() && !hit; ++i) {
            if (!used[i] && match(g, found[i])) {
                used[i] = hit = true;
            }
        }
        ++(hit ? counts.matched : counts.missed);
        if (!hit) {
            errors.push_back(std::string("  missed   ") + what + ": " + describe(g));
        }
    }
    for (std::size_t i = 0; i < found.size(); ++i) {
        if (!used[i]) {
            ++counts.spurious;
            errors.push_back(std::string("  spurious ") + what + ": " + describe(found[i]));
        }
    }
}

std::string describe_item(const GoldItem& i) {
    return (i.number ? *i.number + " " : std::string("(no number) ")) + i.title;
}

std::optional<std::string> meeting_field(const Meeting& m, const std::string& key) {
    if (key == "body")
        return m.body;
    if (key == "title")
        return m.title;
    if (key == "date")
        return m.date;
    if (key == "time")
        return m.time;
    if (key == "venue")
        return m.venue;
    if (key == "contact")
        return m.contact;
    if (key == "status")
        return m.status;
    return std::nullopt;
}

// Fields match after folding, and a leading "the" does not count: "the Council Chamber" is
// the venue "Council Chamber" whichever way the gold wrote it.
bool same_field(std::string_view found, std::string_view expected) {
    const auto key = [](std::string_view v) {
        std::string f = fold(v);
        return f.starts_with("the ") ? f.substr(4) : f;
    };
    return key(found) == key(expected);
}

void score_meeting(const Gold& gold, const Meeting& m, Score& s) {
    for (const auto& [key, expected] : gold.meeting) {
        const std::optional<std::string> found = meeting_field(m, key);
        if (!expected) {
            // Unknown is null: a value the record does not give is an invention.
            if (found) {
                ++s.meeting.spurious;
                s.errors.push_back("  invented meeting." + key + ": " + *found);
            }
            continue;
        }
        if (found && same_field(*found, *expected)) {
            ++s.meeting.matched;
            continue;
        }
        ++s.meeting.missed;
        s.meeting.spurious += found ? 1 : 0;
        s.errors.push_back("  wrong    meeting." + key + ": " + (found ? *found : "null") +
                           " (gold: " + *expected + ")");
    }
}

}  // namespace

Outcome read_fixture(kpproc::framework::DocumentWorker& worker, const fs::path& input) {
    namespace fw = kpproc::framework;
    Outcome outcome;
    try {
        const std::string bytes =
            fw::read_input(fw::Input{input.string(), input, input.filename(), {}, {}}, 1u << 30);
        outcome.document = worker.run(input.filename().string(), bytes);
    } catch (const std::exception& e) {
        outcome.failure = e.what();
        outcome.failure = outcome.failure.substr(0, outcome.failure.find('\n'));
    }
    return outcome;
}

Score score_document(const Gold& gold, const Outcome& outcome) {
    Score s;
    s.documents = 1;
    const Document empty;
    const Document& doc = outcome.document ? *outcome.document : empty;
    const std::string chosen = outcome.document ? doc.source.adapter.value_or("") : "";
    if (chosen == gold.adapter) {
        s.detected = 1;
    } else {
        s.errors.push_back("  detection: " + (chosen.empty() ? outcome.failure : chosen) +
                           " (gold: " + gold.adapter + ")");
    }
    std::vector<GoldItem> items;
    std::vector<std::string> resolutions;
    std::vector<GoldAction> actions;
    for (const auto& item : doc.items) {
        items.push_back({item.number, item.title.value_or("")});
        for (const auto& r : item.resolutions) {
            resolutions.push_back(r.text);
        }
        for (const auto& a : item.actions) {
            actions.push_back({a.text, std::nullopt, a.status});
        }
    }
    std::vector<GoldAttendee> attendance;
    for (const auto& a : doc.attendance) {
        attendance.push_back({a.name, a.group.value_or("")});
    }
    match_all(
        gold.items, items,
        [](const GoldItem& g, const GoldItem& f) {
            return numbers_match(g.number, f.number) && titles_match(g.title, f.title);
        },
        describe_item, "item", s.items, s.errors);
    match_all(
        gold.resolutions, resolutions, resolutions_match,
        [](const std::string& r) { return r.substr(0, 100); }, "resolution", s.resolutions,
        s.errors);
    match_all(
        gold.attendance, attendance,
        [](const GoldAttendee& g, const GoldAttendee& f) {
            return g.group == f.group && names_match(g.name, f.name);
        },
        [](const GoldAttendee& a) { return a.name + " (" + a.group + ")"; }, "attendee",
        s.attendance, s.errors);
    if (gold.actions) {
        match_all(
            *gold.actions, actions,
            [](const GoldAction& g, const GoldAction& f) {
                return resolutions_match(g.text, f.text);
            },
            [](const GoldAction& a) { return a.text.substr(0, 100); }, "action", s.actions,
            s.errors);
    }
    score_meeting(gold, doc.meeting, s);
    return s;
}

std::map<std::string, Score> evaluate(const fs::path& directory,
                                      const std::function<Outcome(const fs::path&)>& run) {
    std::map<std::string, Score> out;
    for (const auto& entry : fs::recursive_directory_iterator(directory)) {
        const std::string name = entry.path().filename().string();
        const std::string suffix = ".gold.json";
        if (name.size() <= suffix.size() || !name.ends_with(suffix)) {
            continue;
        }
        const std::string stem = name.substr(0, name.size() - suffix.size());
        fs::path input;
        for (const char* ext : {".txt", ".html"}) {
            if (fs::exists(entry.path().parent_path() / (stem + ext))) {
                input = entry.path().parent_path() / (stem + ext);
            }
        }
        if (input.empty()) {
            throw std::runtime_error(entry.path().string() + ": no " + stem + ".txt or .html");
        }
        const Gold gold = read_gold(entry.path());
        out[fs::relative(input, directory).string()] = score_document(gold, run(input));
    }
    return out;
}

// ---- The table ------------------------------------------------------------------------------

namespace {

std::string row(const std::string& name, const Score& s) {
    char buffer[512];
    const auto f1 = [](const Counts& c) {
        return c.matched + c.missed + c.spurious == 0 ? -1.0 : c.f1();
    };
    const auto cell = [](double v) {
        char b[16];
        std::snprintf(b, sizeof b, v < 0 ? "     -" : "  %.2f", v);
        return std::string(b);
    };
    std::snprintf(buffer, sizeof buffer, "%-58s %3zu/%-3zu", name.substr(0, 58).c_str(), s.detected,
                  s.documents);
    return buffer + cell(s.items.precision()) + cell(s.items.recall()) + cell(f1(s.items)) +
           cell(f1(s.resolutions)) + cell(f1(s.attendance)) + cell(f1(s.actions)) +
           cell(s.meeting.matched + s.meeting.missed == 0
                    ? -1.0
                    : static_cast<double>(s.meeting.matched) /
                          static_cast<double>(s.meeting.matched + s.meeting.missed)) +
           "\n";
}

}  // namespace

std::string format_table(const std::map<std::string, Score>& scores) {
    std::string out = std::string(58 - 7, ' ') +
                      "fixture detect  itemP  itemR  items  resol  atten actions meeting\n";
    std::map<std::string, Score> groups;
    Score total;
    for (const auto& [name, s] : scores) {
        out += row(name, s);
        const auto slash = name.find('/');
        groups[slash == std::string::npos ? "." : name.substr(0, slash)].add(s);
        total.add(s);
    }
    out += "\n";
    for (const auto& [group, s] : groups) {
        out += row("[" + group + "]", s);
    }
    out += row("[all]", total);
    return out;
}

}  // namespace kpproc::structure_scoring
