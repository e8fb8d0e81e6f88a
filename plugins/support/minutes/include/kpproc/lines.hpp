#pragma once
// Lines, paragraph markers and paragraph trees: the common ground of adapters for minutes in
// text form (PDF conversions, pages a browser saved as text, notes). Every piece keeps its byte
// offsets into the text, so adapters can give every fact a span.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kpproc/model.hpp"

namespace kpproc::lines {

struct Line {
    std::string_view text;   // trimmed of white space, including U+00A0
    std::size_t begin = 0;   // offset of `text` in the whole text
    std::size_t indent = 0;  // leading white-space characters that were trimmed
    std::size_t number = 0;  // 0-based line number
    bool blank() const { return text.empty(); }
    Span span() const { return Span{begin, begin + text.size()}; }
};

// Splits on '\n' (the text is already normalised); keeps blank lines, so layout stays visible.
std::vector<Line> split(std::string_view text);

// Trims ASCII white space and U+00A0 from both ends.
std::string_view trim(std::string_view text);

// The span of `part`, which must be a view into `whole`.
Span span_of(std::string_view whole, std::string_view part);

enum class MarkerStyle { arabic, lower_alpha, upper_alpha, lower_roman, upper_roman, bullet };

struct Marker {
    MarkerStyle style = MarkerStyle::arabic;
    std::string number;      // "1", "a", "iv"; empty for bullets
    std::size_t length = 0;  // bytes of the marker and the spaces after it
};

// Reads a paragraph marker at the start of `line`: "1.", "1)", "(1)", "a.", "(b)", "iv.",
// "10.One" (no space), and the bullets "·", "•", "-", "–", "*", "o ". A marker must be
// followed by text. Returns nullopt for "2023." or "4.3/10": numbers above 999 or followed
// by more digits are not paragraph numbers.
std::optional<Marker> parse_marker(std::string_view line);

// Builds nested paragraphs from a flat sequence, the way numbered lists nest in minutes:
// 1. -> a. -> i. -> (bullets). A style already open returns to its level ("b." after "i."
// closes the roman level); a new style opens a level under the last paragraph.
class ParagraphTree {
public:
    // `min_depth` forces the paragraph to at least that depth (e.g. from indentation: an
    // indented "1." under "a." is nested even though "1." is also the top style).
    Paragraph& add(Paragraph paragraph, std::optional<MarkerStyle> style,
                   std::size_t min_depth = 0);
    // The most recently added paragraph, or nullptr.
    Paragraph* last() { return last_; }
    bool empty() const { return roots_.empty(); }
    std::vector<Paragraph> take();

private:
    struct Level {
        std::optional<MarkerStyle> style;
        std::vector<Paragraph>* children_of_parent;  // nullptr: the roots (so moves are safe)
    };
    std::vector<Paragraph>& siblings(const Level& level) {
        return level.children_of_parent != nullptr ? *level.children_of_parent : roots_;
    }
    std::vector<Paragraph> roots_;
    std::vector<Level> open_;  // open_[d] = the list paragraphs of depth d go into
    Paragraph* last_ = nullptr;
};

}  // namespace kpproc::lines
