// line_diff(): a line diff in hunks, as `diff -u` shows one, for golden files.

#include <algorithm>
#include <sstream>

#include "kpproc/testing.hpp"

namespace kpproc::testing {

namespace {

using Lines = std::vector<std::string_view>;

// One step of an edit script: a line both texts have, or one only the golden has (removed)
// or only the new text (added).
enum class Step { same, removed, added };

constexpr std::size_t kContext = 2;      // unchanged lines shown either side of a change
constexpr std::size_t kMostShown = 200;  // lines of diff shown before "… N more"
// Beyond this many edits the shortest script is not looked for: everything between the
// common start and end is shown as changed.
constexpr long kMostEdits = 2000;

Lines lines_of(std::string_view text) {
    Lines lines;
    while (!text.empty()) {
        const auto end = text.find('\n');
        lines.push_back(text.substr(0, end));
        text = end == std::string_view::npos ? std::string_view{} : text.substr(end + 1);
    }
    return lines;
}

std::string_view at(const Lines& lines, long i) {
    return lines[static_cast<std::size_t>(i)];
}

// The furthest reaches Myers' algorithm recorded: reach[d][k + d] is the furthest x on
// diagonal k = x - y with d edits.
using Reaches = std::vector<std::vector<long>>;

long reach_of(const Reaches& reach, long d, long k) {
    return reach[static_cast<std::size_t>(d)][static_cast<std::size_t>(k + d)];
}

// Walks the reaches back from (n, m) to (0, 0) and returns the steps in order.
std::vector<Step> steps_back(const Reaches& reach, long n, long m) {
    std::vector<Step> steps;
    long x = n;
    long y = m;
    for (long d = static_cast<long>(reach.size()) - 1; d > 0; --d) {
        const long k = x - y;
        const bool down =
            k == -d || (k != d && reach_of(reach, d - 1, k - 1) < reach_of(reach, d - 1, k + 1));
        const long previous_x = reach_of(reach, d - 1, down ? k + 1 : k - 1);
        const long previous_y = previous_x - (down ? k + 1 : k - 1);
        for (; x > previous_x + (down ? 0 : 1) && y > previous_y + (down ? 1 : 0); --x, --y) {
            steps.push_back(Step::same);
        }
        steps.push_back(down ? Step::added : Step::removed);
        x = previous_x;
        y = previous_y;
    }
    for (; x > 0; --x) {
        steps.push_back(Step::same);
    }
    std::reverse(steps.begin(), steps.end());
    return steps;
}

// Every line after the common start and before the common end, removed and added.
std::vector<Step> everything_changed(const Lines& a, const Lines& b) {
    std::size_t start = 0;
    while (start < a.size() && start < b.size() && a[start] == b[start]) {
        ++start;
    }
    std::size_t end = 0;
    while (end < a.size() - start && end < b.size() - start &&
           a[a.size() - 1 - end] == b[b.size() - 1 - end]) {
        ++end;
    }
    std::vector<Step> steps(start, Step::same);
    steps.insert(steps.end(), a.size() - start - end, Step::removed);
    steps.insert(steps.end(), b.size() - start - end, Step::added);
    steps.insert(steps.end(), end, Step::same);
    return steps;
}

// Myers' shortest edit script from `a` to `b`; empty when they are equal. Each round keeps
// only its own 2d + 1 reaches, so the memory grows with the square of the number of edits,
// which for a golden file is small.
std::vector<Step> shortest_edit(const Lines& a, const Lines& b) {
    if (a == b) {
        return {};
    }
    const long n = static_cast<long>(a.size());
    const long m = static_cast<long>(b.size());
    Reaches reach;
    for (long d = 0; d <= std::min(n + m, kMostEdits); ++d) {
        std::vector<long> row(static_cast<std::size_t>(2 * d + 1));
        for (long k = -d; k <= d; k += 2) {
            long x = 0;
            if (d > 0) {
                const bool down = k == -d || (k != d && reach_of(reach, d - 1, k - 1) <
                                                            reach_of(reach, d - 1, k + 1));
                x = down ? reach_of(reach, d - 1, k + 1) : reach_of(reach, d - 1, k - 1) + 1;
            }
            long y = x - k;
            while (x < n && y < m && at(a, x) == at(b, y)) {
                ++x;
                ++y;
            }
            row[static_cast<std::size_t>(k + d)] = x;
            if (x >= n && y >= m) {
                reach.push_back(std::move(row));
                return steps_back(reach, n, m);
            }
        }
        reach.push_back(std::move(row));
    }
    return everything_changed(a, b);
}

// Writes the script as hunks: "@@ golden line A, now line B @@", then the lines, unchanged
// ones indented by two spaces, the golden's marked '-' and the new text's '+'.
class HunkWriter {
public:
    HunkWriter(const Lines& a, const Lines& b, const std::vector<Step>& steps)
        : a_(a), b_(b), steps_(steps) {}

    std::string write() {
        std::size_t i = 0;  // into steps_
        std::size_t x = 0;  // into a_
        std::size_t y = 0;  // into b_
        while (i < steps_.size()) {
            if (steps_[i] == Step::same && !change_within(i, kContext)) {
                ++i, ++x, ++y;
                continue;
            }
            out_ << "@@ golden line " << x + 1 << ", now line " << y + 1 << " @@\n";
            // A hunk ends after kContext unchanged lines with no change close after them
            // (a change close after is shown in the same hunk).
            for (std::size_t quiet = 0; i < steps_.size(); ++i) {
                if (steps_[i] == Step::same && quiet >= kContext && !change_within(i, kContext)) {
                    break;
                }
                quiet = steps_[i] == Step::same ? quiet + 1 : 0;
                line(steps_[i], x, y);
                x += steps_[i] != Step::added ? 1 : 0;
                y += steps_[i] != Step::removed ? 1 : 0;
            }
        }
        if (shown_ > kMostShown) {
            out_ << "… " << shown_ - kMostShown << " more lines of difference\n";
        }
        return out_.str();
    }

private:
    // A change among the steps [i, i + distance].
    bool change_within(std::size_t i, std::size_t distance) const {
        for (std::size_t j = i; j < steps_.size() && j <= i + distance; ++j) {
            if (steps_[j] != Step::same) {
                return true;
            }
        }
        return false;
    }

    void line(Step step, std::size_t x, std::size_t y) {
        if (++shown_ > kMostShown) {
            return;
        }
        switch (step) {
            case Step::same:
                out_ << "  " << a_[x] << "\n";
                break;
            case Step::removed:
                out_ << "- " << a_[x] << "\n";
                break;
            case Step::added:
                out_ << "+ " << b_[y] << "\n";
                break;
        }
    }

    const Lines& a_;
    const Lines& b_;
    const std::vector<Step>& steps_;
    std::ostringstream out_;
    std::size_t shown_ = 0;
};

}  // namespace

std::string line_diff(std::string_view expected, std::string_view actual) {
    const Lines want = lines_of(expected);
    const Lines got = lines_of(actual);
    const std::vector<Step> steps = shortest_edit(want, got);
    return steps.empty() ? std::string() : HunkWriter(want, got, steps).write();
}

}  // namespace kpproc::testing
