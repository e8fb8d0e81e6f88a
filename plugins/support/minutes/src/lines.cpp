#include "kpproc/lines.hpp"

#include <algorithm>

namespace kpproc::lines {

namespace {

bool is_space_at(std::string_view s, std::size_t i, std::size_t& width) {
    const char c = s[i];
    if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v' || c == '\n') {
        width = 1;
        return true;
    }
    if (c == '\xC2' && i + 1 < s.size() && s[i + 1] == '\xA0') {
        width = 2;
        return true;
    }
    return false;
}

bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

bool is_roman(std::string_view s, bool lower) {
    if (s.empty()) {
        return false;
    }
    for (const char c : s) {
        const std::string_view letters = lower ? "ivxl" : "IVXL";
        if (letters.find(c) == std::string_view::npos) {
            return false;
        }
    }
    return true;
}

// Bytes of spaces starting at i.
std::size_t spaces_at(std::string_view s, std::size_t i) {
    std::size_t n = 0;
    std::size_t w = 0;
    while (i + n < s.size() && is_space_at(s, i + n, w)) {
        n += w;
    }
    return n;
}

// Whether `next` is the number after `previous` ("3" -> "4", "c" -> "d").
bool follows(const std::optional<std::string>& previous, const std::string& next) {
    if (!previous || previous->empty() || next.empty()) {
        return false;
    }
    if (is_digit(next[0])) {
        return std::all_of(previous->begin(), previous->end(), is_digit) && previous->size() <= 3 &&
               next.size() <= 3 && std::stoi(*previous) + 1 == std::stoi(next);
    }
    return previous->size() == 1 && next.size() == 1 && (*previous)[0] + 1 == next[0];
}

}  // namespace

std::string_view trim(std::string_view s) {
    std::size_t w = 0;
    std::size_t begin = 0;
    while (begin < s.size() && is_space_at(s, begin, w)) {
        begin += w;
    }
    std::size_t end = s.size();
    while (end > begin) {
        if (s[end - 1] == '\xA0' && end >= begin + 2 && s[end - 2] == '\xC2') {
            end -= 2;
        } else if (std::size_t w1 = 0; is_space_at(s, end - 1, w1) && w1 == 1) {
            end -= 1;
        } else {
            break;
        }
    }
    return s.substr(begin, end - begin);
}

Span span_of(std::string_view whole, std::string_view part) {
    const auto begin = static_cast<std::uint64_t>(part.data() - whole.data());
    return Span{begin, begin + part.size()};
}

std::vector<Line> split(std::string_view text) {
    std::vector<Line> out;
    std::size_t pos = 0;
    std::size_t number = 0;
    while (pos <= text.size()) {
        std::size_t eol = text.find('\n', pos);
        if (eol == std::string_view::npos) {
            eol = text.size();
        }
        const std::string_view raw = text.substr(pos, eol - pos);
        const std::string_view trimmed = trim(raw);
        Line line;
        line.text = trimmed;
        line.begin = trimmed.empty() ? pos : static_cast<std::size_t>(trimmed.data() - text.data());
        line.indent = trimmed.empty() ? 0 : static_cast<std::size_t>(trimmed.data() - raw.data());
        line.number = number++;
        out.push_back(line);
        if (eol == text.size()) {
            break;
        }
        pos = eol + 1;
    }
    return out;
}

std::optional<Marker> parse_marker(std::string_view line) {
    if (line.empty()) {
        return std::nullopt;
    }
    // Bullets.
    for (const std::string_view bullet :
         {"\xC2\xB7", "\xE2\x80\xA2", "\xE2\x80\x93", "-", "*", "\xEF\x82\xB7", "o"}) {
        if (line.substr(0, bullet.size()) == bullet) {
            const std::size_t sp = spaces_at(line, bullet.size());
            // "o" and "-" only count when spaced ("-based", "on"); others may be tight.
            const bool needs_space = bullet == "o" || bullet == "-" || bullet == "*";
            if ((needs_space && sp == 0) || bullet.size() + sp >= line.size()) {
                continue;
            }
            return Marker{MarkerStyle::bullet, "", bullet.size() + sp};
        }
    }
    std::size_t pos = 0;
    const bool bracketed = line[0] == '(';
    if (bracketed) {
        ++pos;
    }
    const std::size_t start = pos;
    while (pos < line.size() && pos - start < 5 &&
           (is_digit(line[pos]) || (line[pos] >= 'a' && line[pos] <= 'z') ||
            (line[pos] >= 'A' && line[pos] <= 'Z'))) {
        ++pos;
    }
    const std::string_view token = line.substr(start, pos - start);
    if (token.empty() || pos >= line.size()) {
        return std::nullopt;
    }
    const char closer = line[pos];
    if (bracketed ? closer != ')' : (closer != '.' && closer != ')')) {
        return std::nullopt;
    }
    ++pos;
    if (pos < line.size() && is_digit(line[pos])) {
        return std::nullopt;  // "4.3", "1.2.3": a number, not a marker
    }
    const std::size_t sp = spaces_at(line, pos);
    if (pos + sp >= line.size()) {
        return std::nullopt;  // a marker must be followed by text
    }
    Marker m;
    m.number = std::string(token);
    m.length = pos + sp;
    bool all_digits = true;
    for (const char c : token) {
        all_digits = all_digits && is_digit(c);
    }
    if (all_digits) {
        if (token.size() > 3) {
            return std::nullopt;  // "2023." is a year ending a sentence
        }
        m.style = MarkerStyle::arabic;
        // "10.One Member": no space after the full stop is common in PDF text, but only
        // before a capital letter; "1.e" is not a paragraph.
        if (sp == 0 && !(line[pos] >= 'A' && line[pos] <= 'Z')) {
            return std::nullopt;
        }
        return m;
    }
    if (sp == 0) {
        return std::nullopt;  // "e.g.", "i.e." are words, not markers
    }
    if (token.size() == 1 && token[0] >= 'a' && token[0] <= 'z') {
        m.style = MarkerStyle::lower_alpha;  // "i", "v", "x" are resolved by context in the tree
    } else if (token.size() == 1 && token[0] >= 'A' && token[0] <= 'Z') {
        m.style = MarkerStyle::upper_alpha;
    } else if (is_roman(token, true)) {
        m.style = MarkerStyle::lower_roman;
    } else if (is_roman(token, false)) {
        m.style = MarkerStyle::upper_roman;
    } else {
        return std::nullopt;  // "Mr.", "No." and other words
    }
    return m;
}

Paragraph& ParagraphTree::add(Paragraph paragraph, std::optional<MarkerStyle> style,
                              std::size_t min_depth) {
    if (open_.empty()) {
        open_.push_back(Level{style, nullptr});
    }
    // A single "i" (or "v", "x") continues a lower-alpha list only if that list is at the
    // letter before it; otherwise it starts roman numbering.
    if (style == MarkerStyle::lower_alpha && paragraph.number &&
        (*paragraph.number == "i" || *paragraph.number == "v" || *paragraph.number == "x")) {
        bool continues_alpha = false;
        for (const auto& level : open_) {
            if (level.style == MarkerStyle::lower_alpha && !siblings(level).empty() &&
                siblings(level).back().number && siblings(level).back().number->size() == 1 &&
                (*siblings(level).back().number)[0] + 1 == (*paragraph.number)[0]) {
                continues_alpha = true;
            }
        }
        if (!continues_alpha) {
            style = MarkerStyle::lower_roman;
        }
    }

    const std::size_t floor = std::min(min_depth, open_.size());
    std::size_t depth = open_.size();  // "open a new level" unless decided below
    if (!style) {
        // Unnumbered text belongs to the shallowest level allowed, e.g. "The meeting was
        // adjourned at 10:16" between paragraphs 4 and 5.
        depth = std::min(floor, open_.size() - 1);
    } else {
        for (std::size_t d = floor; d < open_.size(); ++d) {
            if (open_[d].style == style) {
                depth = d;
                break;
            }
        }
        // PDF conversion loses indentation at page breaks: "4." after a nested "3." continues
        // that nested list, not the top one (which is at "2."). Prefer the level it follows.
        if (depth < open_.size() && paragraph.number && !siblings(open_[depth]).empty() &&
            !follows(siblings(open_[depth]).back().number, *paragraph.number)) {
            for (std::size_t d = depth + 1; d < open_.size(); ++d) {
                if (open_[d].style == style && !siblings(open_[d]).empty() &&
                    follows(siblings(open_[d]).back().number, *paragraph.number)) {
                    depth = d;
                    break;
                }
            }
        }
        if (depth == open_.size() && !open_.back().style && floor < open_.size()) {
            // A level holding only unnumbered text adopts the first numbering it meets: an
            // unnumbered lead paragraph followed by "2." are siblings.
            depth = open_.size() - 1;
            open_[depth].style = style;
        }
    }
    if (depth == open_.size()) {
        if (last_ == nullptr) {
            depth = 0;
            open_[0].style = style;
        } else {
            open_.push_back(Level{style, &last_->children});
        }
    }
    open_.resize(depth + 1);
    siblings(open_[depth]).push_back(std::move(paragraph));
    last_ = &siblings(open_[depth]).back();
    return *last_;
}

std::vector<Paragraph> ParagraphTree::take() {
    open_.clear();
    last_ = nullptr;
    return std::move(roots_);
}

}  // namespace kpproc::lines
