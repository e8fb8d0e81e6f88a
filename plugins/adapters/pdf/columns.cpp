#include "columns.hpp"

#include <algorithm>
#include <cstddef>
#include <optional>
#include <string_view>

#include "kpproc/text.hpp"

namespace kp_pdf {

namespace {

// A block of two-column prose has at least this many lines with words on both sides.
constexpr std::size_t kLeastRows = 6;
// Spaces that make a gutter.
constexpr std::size_t kGutter = 3;
// Prose: at least this share of its words begin in lower case (names, titles and the cells of
// tables are mostly capitalised).
constexpr double kProseShare = 0.4;

// A line as columns of characters: the byte where each character starts (the layout pads by
// characters, and "£" or "–" take more than one byte).
std::vector<std::size_t> character_starts(std::string_view line) {
    std::vector<std::size_t> starts;
    for (std::size_t i = 0; i < line.size();) {
        starts.push_back(i);
        i += std::max<std::size_t>(1, kpproc::text::utf8_sequence_length(line, i));
    }
    return starts;
}

// A line of the page with where its characters start.
struct LaidLine {
    std::string_view text;
    std::vector<std::size_t> starts;
};

std::string_view trim_right(std::string_view s) {
    while (!s.empty() && s.back() == ' ') {
        s.remove_suffix(1);
    }
    return s;
}

// One line split at the gutter's column: the part before (its indentation kept), the part
// after, and whether words stand on both sides of it.
struct Halves {
    std::string_view left;
    std::string_view right;
    bool both = false;
    bool crosses = false;  // words run through the gutter
};

Halves halves_at(const LaidLine& line, std::size_t column) {
    Halves h;
    if (line.starts.size() <= column) {
        h.left = trim_right(line.text);
        return h;
    }
    const std::size_t at = line.starts[column];
    const std::size_t gutter_start = column >= kGutter ? line.starts[column - kGutter] : at;
    // The gutter: spaces just before the column's start.
    const bool gutter = column >= kGutter &&
                        line.text.substr(gutter_start, at - gutter_start).find_first_not_of(' ') ==
                            std::string_view::npos;
    h.left = trim_right(line.text.substr(0, at));
    h.right = kpproc::text::trim(line.text.substr(at));
    const bool left_words = !kpproc::text::trim(h.left).empty();
    h.crosses = !gutter && left_words && !h.right.empty();
    h.both = gutter && left_words && !h.right.empty() && line.text[at] != ' ';
    return h;
}

// The share of words beginning in lower case.
double lower_case_share(const std::vector<std::string_view>& parts) {
    std::size_t words = 0;
    std::size_t lower = 0;
    for (const auto part : parts) {
        bool at_word_start = true;
        for (const char c : part) {
            if (c == ' ') {
                at_word_start = true;
                continue;
            }
            if (at_word_start) {
                ++words;
                lower += (c >= 'a' && c <= 'z') ? 1 : 0;
            }
            at_word_start = false;
        }
    }
    return words == 0 ? 0.0 : static_cast<double>(lower) / static_cast<double>(words);
}

// The first and last line (inclusive) of a block of two-column prose with its gutter at
// `column`: the lines with words on both sides and those around them, up to a line whose
// words cross the gutter.
struct Block {
    std::size_t first = 0;
    std::size_t last = 0;
    std::size_t rows = 0;  // lines with words on both sides
};

std::optional<Block> block_at(const std::vector<LaidLine>& lines, std::size_t column) {
    std::optional<Block> block;
    std::vector<std::string_view> left;
    std::vector<std::string_view> right;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        const Halves h = halves_at(lines[i], column);
        if (h.crosses) {
            if (block) {
                break;  // a line across the gutter ends the block (a heading, a table)
            }
            continue;
        }
        if (h.both) {
            if (!block) {
                block = Block{i, i, 0};
            }
            block->last = i;
            ++block->rows;
            left.push_back(kpproc::text::trim(h.left));
            right.push_back(h.right);
        }
    }
    if (!block || block->rows < kLeastRows || lower_case_share(left) < kProseShare ||
        lower_case_share(right) < kProseShare) {
        return std::nullopt;
    }
    // Lines with words on one side only belong to their column, above and below the lines
    // with both ("the next parish." where the right column ended first).
    while (block->first > 0 && !halves_at(lines[block->first - 1], column).crosses) {
        --block->first;
    }
    while (block->last + 1 < lines.size() && !halves_at(lines[block->last + 1], column).crosses) {
        ++block->last;
    }
    return block;
}

// The columns where, on at least kLeastRows lines, words start after a gutter: the only
// places two columns can part.
std::vector<std::size_t> gutter_candidates(const std::vector<LaidLine>& lines) {
    std::size_t widest = 0;
    for (const auto& line : lines) {
        widest = std::max(widest, line.starts.size());
    }
    std::vector<std::size_t> count(widest + 1, 0);
    for (const auto& line : lines) {
        std::size_t spaces = 0;
        for (std::size_t c = 0; c < line.starts.size(); ++c) {
            const char ch = line.text[line.starts[c]];
            if (ch != ' ' && spaces >= kGutter && spaces < c) {
                ++count[c];
            }
            spaces = ch == ' ' ? spaces + 1 : 0;
        }
    }
    std::vector<std::size_t> candidates;
    for (std::size_t column = widest / 4; column < widest * 3 / 4; ++column) {
        if (count[column] >= kLeastRows) {
            candidates.push_back(column);
        }
    }
    return candidates;
}

}  // namespace

std::vector<std::string> read_columns_in_order(const std::vector<std::string>& lines, bool& split) {
    split = false;
    if (lines.size() < kLeastRows) {
        return lines;
    }
    std::vector<LaidLine> laid;
    laid.reserve(lines.size());
    for (const auto& line : lines) {
        laid.push_back({line, character_starts(line)});
    }
    // The gutter with the most lines on both sides of it.
    std::optional<std::pair<std::size_t, Block>> best;
    for (const std::size_t column : gutter_candidates(laid)) {
        if (const auto block = block_at(laid, column); block) {
            if (!best || block->rows > best->second.rows) {
                best = {column, *block};
            }
        }
    }
    if (!best) {
        return lines;
    }
    const auto [column, block] = *best;
    std::vector<std::string> out(lines.begin(),
                                 lines.begin() + static_cast<std::ptrdiff_t>(block.first));
    std::vector<std::string> right;
    for (std::size_t i = block.first; i <= block.last; ++i) {
        const Halves h = halves_at(laid[i], column);
        out.emplace_back(h.left);
        right.emplace_back(h.right);
    }
    while (!out.empty() && out.back().empty()) {
        out.pop_back();
    }
    out.emplace_back();
    out.insert(out.end(), right.begin(), right.end());
    out.insert(out.end(), lines.begin() + static_cast<std::ptrdiff_t>(block.last) + 1, lines.end());
    split = true;
    return out;
}

}  // namespace kp_pdf
