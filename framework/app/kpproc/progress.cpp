#include "progress.hpp"

#include <sys/ioctl.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <ostream>
#include <vector>

namespace kpproc::cli {

namespace {

using std::chrono::steady_clock;
using namespace std::chrono_literals;

// A terminal is redrawn at most this often: faster is flicker and wasted writes, slower looks
// stuck. A log gets a line a second at most, so that it stays readable.
constexpr auto kTerminalInterval = 100ms;
constexpr auto kLogInterval = 1s;
// The rates weigh the recent past: a sample `kRateHorizon` old counts 1/e as much as a new one.
// Long enough that the ETA settles, short enough that it follows a change of pace in a minute.
constexpr double kRateHorizon = 10.0;  // seconds
// Before this much time has passed, one document's time says too little for an ETA.
constexpr auto kEtaAfter = 1s;
// A name is left out rather than shortened to fewer columns than this: "…ab" says nothing, and
// twenty show a file name and some of its folder.
constexpr std::size_t kMinNameColumns = 20;
constexpr std::size_t kDefaultColumns = 80;
constexpr const char* kEllipsis = "…";  // U+2026
constexpr const char* kUnknown = "—";   // U+2014: a value that cannot be estimated yet
constexpr const char* kRed = "\033[31m";
constexpr const char* kReset = "\033[0m";

double seconds(steady_clock::duration d) {
    return std::chrono::duration<double>(d).count();
}

// ---- Text measured in terminal columns ------------------------------------------------------

// One character of UTF-8 text: its bytes and the columns a terminal gives it.
struct Glyph {
    std::size_t bytes = 1;
    std::size_t columns = 1;
    bool valid = true;
};

// East Asian wide and emoji ranges take two columns, combining marks none. An approximation of
// wcwidth() that does not depend on the locale the process happens to run in.
std::size_t code_point_columns(char32_t c) {
    if (c >= 0x300 && c <= 0x36F) {
        return 0;
    }
    const bool wide = (c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0xA4CF) ||
                      (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0xF900 && c <= 0xFAFF) ||
                      (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFF60) ||
                      (c >= 0xFFE0 && c <= 0xFFE6) || (c >= 0x1F300 && c <= 0x1FAFF) ||
                      (c >= 0x20000 && c <= 0x3FFFD);
    return wide ? 2 : 1;
}

Glyph next_glyph(std::string_view s, std::size_t at) {
    const auto lead = static_cast<unsigned char>(s[at]);
    if (lead < 0x80) {
        return {};
    }
    const std::size_t length = lead >= 0xF5   ? 0
                               : lead >= 0xF0 ? 4
                               : lead >= 0xE0 ? 3
                               : lead >= 0xC2 ? 2
                                              : 0;
    if (length == 0 || at + length > s.size()) {
        return {1, 1, false};
    }
    auto c = static_cast<char32_t>(lead & (0x7F >> length));
    for (std::size_t i = 1; i < length; ++i) {
        const auto b = static_cast<unsigned char>(s[at + i]);
        if ((b & 0xC0) != 0x80) {
            return {1, 1, false};
        }
        c = (c << 6) | (b & 0x3F);
    }
    // Overlong forms and surrogates are not UTF-8 either.
    const char32_t least[] = {0, 0, 0x80, 0x800, 0x10000};
    if (c < least[length] || (c >= 0xD800 && c <= 0xDFFF) || c > 0x10FFFF) {
        return {1, 1, false};
    }
    return {length, code_point_columns(c), true};
}

std::size_t columns_of(std::string_view s) {
    std::size_t columns = 0;
    for (std::size_t at = 0; at < s.size(); at += next_glyph(s, at).bytes) {
        columns += next_glyph(s, at).columns;
    }
    return columns;
}

// A file name made safe to show on one line: control characters (a newline in a name would
// break the line, an escape would command the terminal) and bytes that are not UTF-8 become '?'.
std::string printable(std::string_view name) {
    std::string out;
    out.reserve(name.size());
    for (std::size_t at = 0; at < name.size();) {
        const Glyph g = next_glyph(name, at);
        const auto c = static_cast<unsigned char>(name[at]);
        const bool control = g.bytes == 1 && (c < 0x20 || c == 0x7F);
        out += !g.valid || control ? std::string_view("?") : name.substr(at, g.bytes);
        at += g.bytes;
    }
    return out;
}

// The end of `name` in at most `columns` columns, "…" marking what was cut from the left: the
// end of a path (its file name, then its folders) is what tells inputs apart.
std::string shorten_left(const std::string& name, std::size_t columns) {
    if (columns_of(name) <= columns) {
        return name;
    }
    if (columns == 0) {
        return {};
    }
    std::vector<std::size_t> starts;  // where each glyph begins
    for (std::size_t at = 0; at < name.size(); at += next_glyph(name, at).bytes) {
        starts.push_back(at);
    }
    std::size_t used = 1;  // the ellipsis
    std::size_t from = name.size();
    for (auto it = starts.rbegin(); it != starts.rend(); ++it) {
        const std::size_t w = next_glyph(name, *it).columns;
        if (used + w > columns) {
            break;
        }
        used += w;
        from = *it;
    }
    return kEllipsis + name.substr(from);
}

// ---- Numbers as the meter and the summary show them -----------------------------------------

// "3.2" below 10, "162" above: a tenth matters only for small rates.
std::string format_rate(double value) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, value < 9.95 ? "%.1f" : "%.0f", value);
    return buffer;
}

std::string plural(std::size_t n, const char* one, const char* many) {
    return std::to_string(n) + " " + (n == 1 ? one : many);
}

// ---- The meter's line: fields dropped by priority until it fits -----------------------------

// When the terminal is too narrow, fields give way from the highest of these down: the rates
// first (the ETA says more), then the elapsed time (the summary gives it), the name (it still
// scrolls past), the ETA, the percentage and the failures; "[done/total]" always stays.
enum DropOrder : int { kKept = 0, kFailures, kPercent, kEta, kName, kElapsed, kDocRate, kByteRate };

struct Field {
    std::string text;
    int drop_order = kKept;
    bool red = false;
    std::size_t columns = 0;  // what it needs: its text's, or a name's least useful width
};

Field field(std::string text, int drop_order, bool red = false) {
    const std::size_t columns = columns_of(text);
    return {std::move(text), drop_order, red, columns};
}

std::size_t fields_columns(const std::vector<Field>& fields) {
    std::size_t columns = 0;
    for (const auto& f : fields) {
        columns += f.columns;
    }
    return columns + (fields.empty() ? 0 : (fields.size() - 1) * 2);  // "  " between
}

// Drops the least important field until the line fits in `max_width`.
void fit_fields(std::vector<Field>& fields, std::size_t max_width) {
    while (fields_columns(fields) > max_width) {
        auto least = std::max_element(fields.begin(), fields.end(),
                                      [](auto& a, auto& b) { return a.drop_order < b.drop_order; });
        if (least == fields.end() || least->drop_order == kKept) {
            return;
        }
        fields.erase(least);
    }
}

// Everything but the name, each with the order it is dropped in when the width is short.
std::vector<Field> stat_fields(const ProgressState& s, double doc_rate, double byte_rate,
                               steady_clock::duration elapsed, const std::string& eta) {
    std::vector<Field> fields;
    fields.push_back(field("[" + std::to_string(s.done) + "/" +
                               (s.total > 0 ? std::to_string(s.total) : std::string("?")) + "]",
                           kKept));
    if (s.total > 0) {
        fields.push_back(
            field(std::to_string(std::min(s.done, s.total) * 100 / s.total) + "%", kPercent));
    }
    fields.push_back(field(format_rate(doc_rate) + " docs/s", kDocRate));
    if (s.bytes_done > 0 || s.bytes_total > 0) {
        fields.push_back(field(format_rate(byte_rate / 1e6) + " MB/s", kByteRate));
    }
    fields.push_back(field(format_duration(elapsed), kElapsed));
    fields.push_back(field("ETA " + eta, kEta));
    if (s.failed > 0) {
        fields.push_back(field(std::to_string(s.failed) + " failed", kFailures, true));
    }
    return fields;
}

std::string join_fields(const std::vector<Field>& fields, bool color) {
    std::string line;
    for (const auto& f : fields) {
        line += line.empty() ? "" : "  ";
        line += f.red && color ? kRed + f.text + kReset : f.text;
    }
    return line;
}

const char* const kNoticeOrder[] = {"new", "replaced", "unchanged", "skipped"};

// "19 new, 1995 unchanged": the usual codes in a fixed order, then any others alphabetically.
std::string notice_list(const std::map<std::string, std::size_t>& notices) {
    std::vector<std::string> parts;
    for (const char* code : kNoticeOrder) {
        if (auto it = notices.find(code); it != notices.end() && it->second > 0) {
            parts.push_back(std::to_string(it->second) + " " + code);
        }
    }
    // (Not a structured binding: clang 14 cannot capture one in the lambda.)
    for (const auto& entry : notices) {
        const bool known =
            std::find_if(std::begin(kNoticeOrder), std::end(kNoticeOrder),
                         [&](const char* k) { return entry.first == k; }) != std::end(kNoticeOrder);
        if (!known && entry.second > 0) {
            parts.push_back(std::to_string(entry.second) + " " + entry.first);
        }
    }
    std::string out;
    for (const auto& p : parts) {
        out += (out.empty() ? "" : ", ") + p;
    }
    return out;
}

}  // namespace

std::optional<ProgressMode> parse_progress_mode(std::string_view text) {
    if (text == "auto") {
        return ProgressMode::automatic;
    }
    if (text == "always") {
        return ProgressMode::always;
    }
    if (text == "never") {
        return ProgressMode::never;
    }
    return std::nullopt;
}

bool use_color(bool terminal, const char* no_color) {
    return terminal && (no_color == nullptr || *no_color == '\0');
}

std::size_t terminal_columns(int fd) {
    winsize size{};
    if (::isatty(fd) == 0 || ::ioctl(fd, TIOCGWINSZ, &size) != 0 || size.ws_col == 0) {
        return kDefaultColumns;
    }
    return size.ws_col;
}

std::string format_duration(steady_clock::duration duration) {
    using std::chrono::duration_cast;
    const auto tenths = std::max<long long>(
        0, duration_cast<std::chrono::duration<long long, std::deci>>(duration).count());
    char buffer[48];
    if (tenths < 600) {
        std::snprintf(buffer, sizeof buffer, "%lld.%lld s", tenths / 10, tenths % 10);
    } else if (tenths < 36000) {
        std::snprintf(buffer, sizeof buffer, "%lldm %02llds", tenths / 600, tenths / 10 % 60);
    } else {
        std::snprintf(buffer, sizeof buffer, "%lldh %02lldm", tenths / 36000, tenths / 600 % 60);
    }
    return buffer;
}

// ---- ProgressMeter --------------------------------------------------------------------------

ProgressMeter::ProgressMeter(std::ostream& out, ProgressMode mode, bool terminal, bool color,
                             Clock now, Columns columns)
    : out_(out),
      enabled_(mode == ProgressMode::always || (mode == ProgressMode::automatic && terminal)),
      terminal_(terminal),
      color_(color && terminal),
      now_(std::move(now)),
      columns_(std::move(columns)),
      start_(now_()),
      sample_time_(start_) {}

ProgressMeter ProgressMeter::for_stderr(ProgressMode mode) {
    const bool terminal = ::isatty(STDERR_FILENO) != 0;
    return ProgressMeter(std::cerr, mode, terminal, use_color(terminal, std::getenv("NO_COLOR")),
                         steady_clock::now, [] { return terminal_columns(STDERR_FILENO); });
}

steady_clock::duration ProgressMeter::elapsed() const {
    return now_() - start_;
}

double ProgressMeter::docs_per_second() const {
    std::lock_guard lock(mutex_);
    return doc_rate_;
}

double ProgressMeter::bytes_per_second() const {
    std::lock_guard lock(mutex_);
    return byte_rate_;
}

void ProgressMeter::update(const ProgressState& state) {
    std::lock_guard lock(mutex_);
    if (finished_) {
        return;
    }
    const auto now = now_();
    take_sample(state, now);
    last_ = {state, std::string(state.current)};
    last_.state.current = {};  // points at last_.current when drawn
    have_state_ = true;
    if (enabled_ && due(state, now)) {
        draw(now);
    }
}

// The rates are exponentially weighted: each interval's documents and seconds are added to
// sums that decay by e^(-age/horizon), and rate = documents / seconds over those sums. At the
// start that is the plain average (nothing has decayed yet), later the recent pace; documents
// that finish together (dt = 0) add to the count without a division by zero.
void ProgressMeter::take_sample(const ProgressState& state, steady_clock::time_point now) {
    const double dt = std::max(0.0, seconds(now - sample_time_));
    const double decay = std::exp(-dt / kRateHorizon);
    const double docs = static_cast<double>(state.done - std::min(state.done, sample_done_));
    const double bytes =
        static_cast<double>(state.bytes_done - std::min(state.bytes_done, sample_bytes_));
    weighted_seconds_ = weighted_seconds_ * decay + dt;
    weighted_docs_ = weighted_docs_ * decay + docs;
    weighted_bytes_ = weighted_bytes_ * decay + bytes;
    if (weighted_seconds_ > 0) {
        doc_rate_ = weighted_docs_ / weighted_seconds_;
        byte_rate_ = weighted_bytes_ / weighted_seconds_;
    }
    sample_time_ = std::max(sample_time_, now);
    sample_done_ = state.done;
    sample_bytes_ = state.bytes_done;
}

bool ProgressMeter::due(const ProgressState& state, steady_clock::time_point now) const {
    if (state.total > 0 && state.done >= state.total) {
        return !final_drawn_;
    }
    if (!drawn_at_) {
        return true;
    }
    return now - *drawn_at_ >= (terminal_ ? steady_clock::duration(kTerminalInterval)
                                          : steady_clock::duration(kLogInterval));
}

std::string ProgressMeter::eta_text() const {
    const ProgressState& s = last_.state;
    if (s.total == 0 || s.done == 0 || sample_time_ - start_ < kEtaAfter) {
        return kUnknown;
    }
    double remaining = 0;
    if (s.bytes_total > 0 && byte_rate_ > 0) {
        // Documents differ in size; bytes predict the time left better than a count does.
        remaining =
            static_cast<double>(s.bytes_total - std::min(s.bytes_total, s.bytes_done)) / byte_rate_;
    } else if (doc_rate_ > 0) {
        remaining = static_cast<double>(s.total - std::min(s.total, s.done)) / doc_rate_;
    } else {
        return kUnknown;
    }
    // Rounded to the tenth shown: an estimate has no reason to lean low, and 4.99999 s of
    // floating-point arithmetic is 5.0 s.
    return format_duration(std::chrono::duration_cast<steady_clock::duration>(
        std::chrono::duration<double>(std::round(remaining * 10) / 10 + 1e-6)));
}

// The line for the last state, at most `max_width` columns (no limit for a log).
ProgressMeter::Line ProgressMeter::compose(steady_clock::time_point now,
                                           std::size_t max_width) const {
    std::vector<Field> fields =
        stat_fields(last_.state, doc_rate_, byte_rate_, now - start_, eta_text());
    // The name goes last and takes what room is left, but it needs kMinNameColumns to stay.
    const std::string name = printable(last_.current);
    if (!name.empty()) {
        fields.push_back({name, kName, false, std::min(kMinNameColumns, columns_of(name))});
    }
    fit_fields(fields, max_width);
    std::size_t columns = fields_columns(fields);
    if (columns > max_width) {
        // Only a width too narrow for "[done/total]" alone gets here (ASCII): cut it.
        return {join_fields(fields, false).substr(0, max_width), max_width};
    }
    if (!name.empty() && fields.back().drop_order == kName && max_width != std::string::npos) {
        Field& shown = fields.back();
        shown.text = shorten_left(name, max_width - (columns - shown.columns));
        columns += columns_of(shown.text) - shown.columns;
    }
    return {join_fields(fields, color_), columns};
}

void ProgressMeter::draw(steady_clock::time_point now) {
    if (!terminal_) {
        out_ << "kpproc: " << compose(now, std::string::npos).text << "\n" << std::flush;
    } else {
        const std::size_t max_width = line_width();
        const Line line = compose(now, max_width);
        // Spaces, not an erase-line escape, cover the rest of a longer previous line: no escape
        // codes at all without colour, and the same on terminals that lack them. Never past the
        // width, even when the terminal was narrowed since.
        const std::size_t covered = std::min(std::max(drawn_width_, line.columns), max_width);
        out_ << '\r' << line.text << std::string(covered - line.columns, ' ') << std::flush;
        drawn_width_ = covered;
    }
    drawn_at_ = now;
    const ProgressState& s = last_.state;
    final_drawn_ = s.total > 0 && s.done >= s.total;
}

// One column is left free: a character in the last column leaves some terminals about to wrap,
// and then '\r' returns to the start of the next line instead of this one.
std::size_t ProgressMeter::line_width() const {
    const std::size_t columns = columns_ ? columns_() : kDefaultColumns;
    return std::max<std::size_t>(columns, 2) - 1;
}

void ProgressMeter::erase() {
    if (terminal_ && drawn_width_ > 0) {
        const std::size_t width = std::min(drawn_width_, line_width());
        out_ << '\r' << std::string(width, ' ') << '\r' << std::flush;
    }
    drawn_width_ = 0;
}

void ProgressMeter::clear() {
    std::lock_guard lock(mutex_);
    if (terminal_) {
        erase();
        drawn_at_.reset();
    }
}

void ProgressMeter::message(std::string_view line) {
    std::lock_guard lock(mutex_);
    erase();
    out_ << line << "\n";
    if (enabled_ && terminal_ && have_state_ && !finished_) {
        draw(now_());
    }
    out_ << std::flush;
}

void ProgressMeter::finish() {
    std::lock_guard lock(mutex_);
    erase();
    finished_ = true;
}

// ---- The summary ----------------------------------------------------------------------------

namespace {

// "2014 of 2016 documents done", "3 documents done", "all 3 documents failed".
std::string summary_head(const BatchSummary& s) {
    if (s.total == 0) {
        return "no documents";
    }
    if (s.failed >= s.total) {
        return s.total == 1 ? "1 document failed"
                            : "all " + plural(s.total, "", "documents") + " failed";
    }
    if (s.failed > 0) {
        return std::to_string(s.total - s.failed) + " of " +
               plural(s.total, "document", "documents") + " done";
    }
    return plural(s.total, "document", "documents") + " done";
}

// " (162 docs/s, 1.9 MB/s)": the batch's throughput; nothing when nothing got through.
std::string summary_rates(const BatchSummary& s) {
    const double elapsed = seconds(s.elapsed);
    if (elapsed <= 0 || s.failed >= s.total) {
        return {};
    }
    std::string out = " (" + format_rate(static_cast<double>(s.total) / elapsed) + " docs/s";
    if (s.bytes > 0) {
        out += ", " + format_rate(static_cast<double>(s.bytes) / 1e6 / elapsed) + " MB/s";
    }
    return out + ")";
}

}  // namespace

std::string format_summary(const BatchSummary& s) {
    std::string out = "kpproc: " + summary_head(s);
    if (s.total > 0) {
        out += " in " + format_duration(s.elapsed) + summary_rates(s);
    }
    if (const std::string notices = notice_list(s.notices); !notices.empty()) {
        out += ": " + notices;
    }
    if (s.failed > 0 && s.failed < s.total) {
        out += "; " + std::to_string(s.failed) + " failed";
    }
    if (s.with_warnings > 0) {
        out += "; " + std::to_string(s.with_warnings) + " with warnings";
    }
    // A batch where everything failed wrote nothing worth pointing at.
    if (!s.output.empty() && s.failed < s.total) {
        out += "; output in " + s.output;
    }
    return out;
}

}  // namespace kpproc::cli
