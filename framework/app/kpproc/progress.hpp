#pragma once
// What `kpproc run` shows while a batch runs and when it ends: a one-line progress meter on
// standard error (done/total, rates, elapsed time, ETA, failures, the current input) and the
// summary line. Self-contained: the runner feeds it ProgressState snapshots; the clock and the
// terminal width are injectable so that tests can script both.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <iosfwd>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

namespace kpproc::cli {

// What the runner knows at one moment.
struct ProgressState {
    std::size_t done = 0;           // documents finished (succeeded + failed + skipped)
    std::size_t total = 0;          // documents in the batch (0 = not known yet)
    std::size_t failed = 0;         // of `done`
    std::uint64_t bytes_done = 0;   // input bytes of the finished documents
    std::uint64_t bytes_total = 0;  // 0 = unknown
    std::string_view current;       // the input just finished, for display
};

// --progress auto|always|never
enum class ProgressMode { automatic, always, never };
std::optional<ProgressMode> parse_progress_mode(std::string_view text);

// Whether to colour output: only on a terminal, and not when NO_COLOR is set to a non-empty
// value (no-color.org). `no_color` is getenv("NO_COLOR").
bool use_color(bool terminal, const char* no_color);
// The columns of the terminal on `fd` (TIOCGWINSZ), or 80 when it is not one or will not say.
std::size_t terminal_columns(int fd);

// "3.2 s", "1m 05s", "2h 01m": durations as the meter and the summary show them. Truncated, not
// rounded, so that an elapsed time never shows more than has passed; negative counts as zero.
std::string format_duration(std::chrono::steady_clock::duration duration);

class ProgressMeter {
public:
    using Clock = std::function<std::chrono::steady_clock::time_point()>;
    using Columns = std::function<std::size_t()>;

    // `terminal`: whether `out` is a terminal (automatic shows progress only then; a terminal
    // gets one line redrawn in place, anything else plain lines). `color`: red failures (see
    // use_color). `columns`: the terminal's width, asked at every draw so a resize is followed.
    ProgressMeter(std::ostream& out, ProgressMode mode, bool terminal, bool color,
                  Clock now = std::chrono::steady_clock::now, Columns columns = {});

    // A meter on standard error, with its terminal, colour and width found from the process.
    static ProgressMeter for_stderr(ProgressMode mode);

    bool enabled() const { return enabled_; }
    // Takes in the state; draws it at most every 100 ms on a terminal (every second in a log),
    // but always draws the final state (done == total).
    void update(const ProgressState& state);
    // Erases the line (terminal only), so that a message printed next starts on a clean line.
    // The next update draws again whatever the rate limit.
    void clear();
    // Clears, writes `line` and a newline, and draws the last state again: messages never mix
    // with the meter, and the meter does not vanish until the next document is done.
    void message(std::string_view line);
    // Erases the line for good; later updates draw nothing.
    void finish();
    // Time since the meter was made (for the summary).
    std::chrono::steady_clock::duration elapsed() const;

    // The recent rates the meter shows and bases its ETA on (per second; 0 before any).
    double docs_per_second() const;
    double bytes_per_second() const;

private:
    struct Snapshot {  // a ProgressState that owns its name
        ProgressState state;
        std::string current;
    };
    void take_sample(const ProgressState& state, std::chrono::steady_clock::time_point now);
    bool due(const ProgressState& state, std::chrono::steady_clock::time_point now) const;
    void draw(std::chrono::steady_clock::time_point now);
    void erase();
    std::size_t line_width() const;
    struct Line {
        std::string text;
        std::size_t columns = 0;  // on screen: escape codes take none
    };
    Line compose(std::chrono::steady_clock::time_point now, std::size_t max_width) const;
    std::string eta_text() const;

    std::ostream& out_;
    bool enabled_;
    bool terminal_;
    bool color_;
    Clock now_;
    Columns columns_;
    std::chrono::steady_clock::time_point start_;
    mutable std::mutex mutex_;  // the runner may report from several threads

    // Rates: sums weighted by age (see take_sample).
    double weighted_seconds_ = 0;
    double weighted_docs_ = 0;
    double weighted_bytes_ = 0;
    double doc_rate_ = 0;
    double byte_rate_ = 0;
    std::chrono::steady_clock::time_point sample_time_;
    std::size_t sample_done_ = 0;
    std::uint64_t sample_bytes_ = 0;

    Snapshot last_;  // the latest state given
    bool have_state_ = false;
    std::optional<std::chrono::steady_clock::time_point> drawn_at_;  // none: draw next time
    std::size_t drawn_width_ = 0;  // columns of the line on screen, for erasing
    bool final_drawn_ = false;
    bool finished_ = false;
};

// What the summary line reports about a finished batch.
struct BatchSummary {
    std::size_t total = 0;                       // documents in the batch
    std::size_t failed = 0;                      // of `total`
    std::size_t with_warnings = 0;               // documents done with warnings
    std::map<std::string, std::size_t> notices;  // notice code ("new", "replaced") -> count
    std::chrono::steady_clock::duration elapsed{};
    std::uint64_t bytes = 0;  // input bytes read; 0 leaves MB/s out
    std::string output;       // the output's path; empty for standard output
};

// "kpproc: 2014 of 2016 documents done in 12.4 s (162 docs/s, 1.9 MB/s): 19 new, 1995
// unchanged; 2 failed; 3 with warnings; output in minutes.sqlite" (no newline).
std::string format_summary(const BatchSummary& summary);

}  // namespace kpproc::cli
