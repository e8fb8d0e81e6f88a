#include "page_text.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <string_view>
#include <unordered_map>

#include "columns.hpp"
#include "kpproc/minutes.hpp"
#include "kpproc/text.hpp"

namespace kp_pdf {

namespace {

// Lines looked at for furniture at each edge of a page: running headers and footers are the
// outermost lines (a title and a date line, a path and a page number).
constexpr std::size_t kEdgeLines = 2;

// A line of the text being made: its page (0-based) and its words; empty for a blank line.
struct PageLine {
    std::size_t page = 0;
    std::string text;
};

bool is_lower(char c) {
    return c >= 'a' && c <= 'z';
}
bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

// Letters that PDFs set as one glyph, spelt out: search and the structure engine look for
// "financial", not "ﬁnancial".
std::string without_ligatures(std::string_view line) {
    static const std::array<std::pair<std::string_view, std::string_view>, 5> kLigatures = {{
        {"\xEF\xAC\x80", "ff"},
        {"\xEF\xAC\x81", "fi"},
        {"\xEF\xAC\x82", "fl"},
        {"\xEF\xAC\x83", "ffi"},
        {"\xEF\xAC\x84", "ffl"},
    }};
    std::string out;
    out.reserve(line.size());
    for (std::size_t i = 0; i < line.size();) {
        bool replaced = false;
        for (const auto& [glyph, letters] : kLigatures) {
            if (line.substr(i, glyph.size()) == glyph) {
                out += letters;
                i += glyph.size();
                replaced = true;
                break;
            }
        }
        if (!replaced) {
            const char c = line[i++];
            // Control characters (a PDF's text may carry any) become spaces; tabs stay.
            out += (static_cast<unsigned char>(c) < 0x20 && c != '\t') ? ' ' : c;
        }
    }
    return out;
}

// A page's lines, each without trailing white space, without blank lines at either end.
std::vector<std::string> lines_of(std::string_view page) {
    std::vector<std::string> lines;
    std::size_t start = 0;
    while (start <= page.size()) {
        std::size_t end = page.find('\n', start);
        if (end == std::string_view::npos) {
            end = page.size();
        }
        std::string line = without_ligatures(page.substr(start, end - start));
        while (!line.empty() && (line.back() == ' ' || line.back() == '\t')) {
            line.pop_back();
        }
        lines.push_back(std::move(line));
        start = end + 1;
    }
    while (!lines.empty() && lines.back().empty()) {
        lines.pop_back();
    }
    const auto first =
        std::find_if(lines.begin(), lines.end(), [](const std::string& l) { return !l.empty(); });
    lines.erase(lines.begin(), first);
    return lines;
}

// A line as compared across pages: trimmed, spaces collapsed, lower case; with `digits`
// false, each run of digits one '#' ("Page 3 of 9" and "Page 4 of 9" are then the same).
std::string line_key(std::string_view line, bool digits = true) {
    std::string key;
    bool in_digits = false;
    bool in_space = false;
    for (const char c : kpproc::text::trim(line)) {
        if (is_digit(c) && !digits) {
            if (!in_digits) {
                key += '#';
            }
            in_digits = true;
            in_space = false;
            continue;
        }
        in_digits = false;
        if (c == ' ' || c == '\t') {
            if (!in_space) {
                key += ' ';
            }
            in_space = true;
            continue;
        }
        in_space = false;
        key += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    return key;
}

// Whether the line carries a page number as running headers and footers do: the page's own
// number as its first or last word ("Cabinet 2 May 2024 - 3", "3 | Cabinet"), or any number
// after "Page" or "p." (a series running on from earlier records: "Series Page 375").
bool has_page_number(std::string_view line, std::size_t number) {
    const std::string wanted = std::to_string(number);
    std::vector<std::string> words;
    std::string word;
    for (const char c : line) {
        if (c == ' ' || c == '\t' || c == '|') {
            if (!word.empty() && word != "-") {
                words.push_back(std::move(word));
            }
            word.clear();
        } else {
            word += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        }
    }
    if (!word.empty() && word != "-") {
        words.push_back(std::move(word));
    }
    if (words.empty()) {
        return false;
    }
    if (words.front() == wanted || words.back() == wanted) {
        return true;
    }
    for (std::size_t i = 0; i + 1 < words.size(); ++i) {
        const std::string& next = words[i + 1];
        if ((words[i] == "page" || words[i] == "p.") &&
            std::all_of(next.begin(), next.end(), [](char c) { return is_digit(c); })) {
            return true;
        }
    }
    return false;
}

// Lines that are the record itself however often they come back: a resolution, a numbered
// heading ("4. Review of …"), a sentence.
bool is_content(std::string_view line) {
    const std::string_view t = kpproc::text::trim(line);
    if (kpproc::minutes::is_resolution(t)) {
        return true;
    }
    std::size_t digits = 0;
    while (digits < t.size() && is_digit(t[digits])) {
        ++digits;
    }
    if (digits > 0 && digits < t.size() && (t[digits] == '.' || t[digits] == ')')) {
        return true;
    }
    const auto words = static_cast<std::size_t>(std::count(t.begin(), t.end(), ' ')) + 1;
    return words >= 3 && t.back() == '.';  // running headers and footers are no sentences
}

// "7", "- 7 -", "Page 7", "Page 7 of 9", "7 of 9", "7/9": a page number standing alone.
bool is_page_number(std::string_view line) {
    std::string key = line_key(line, false);
    std::erase(key, '-');
    key = std::string(kpproc::text::trim(key));
    for (const std::string_view form :
         {"#", "page #", "page # of #", "# of #", "#/#", "p. #", "page #/#", "page: #"}) {
        if (key == form) {
            return true;
        }
    }
    return false;
}

// The non-blank lines within kEdgeLines of a page's top or bottom.
std::vector<std::size_t> edge_lines(const std::vector<std::string>& lines) {
    std::vector<std::size_t> edges;
    std::size_t seen = 0;
    for (std::size_t i = 0; i < lines.size() && seen < kEdgeLines; ++i) {
        if (!lines[i].empty()) {
            edges.push_back(i);
            ++seen;
        }
    }
    seen = 0;
    for (std::size_t i = lines.size(); i > 0 && seen < kEdgeLines; --i) {
        if (!lines[i - 1].empty()) {
            if (std::find(edges.begin(), edges.end(), i - 1) == edges.end()) {
                edges.push_back(i - 1);
            }
            ++seen;
        }
    }
    return edges;
}

// Marks the furniture of every page: a page number at an edge, and an edge line that comes
// back at an edge of at least half the pages (two at least), either as it is or with the
// page's own number in it ("Cabinet - 2 May 2024 - Page 3", see has_page_number). A repeated line
// is kept where it is first seen: on the first page it is often the only place the record names its
// meeting.
std::vector<std::vector<bool>> find_furniture(const std::vector<std::vector<std::string>>& pages) {
    // How many pages have each key at an edge: the line as it is, or numbered (its digits set
    // aside, counted only where the line holds its page's number).
    std::unordered_map<std::string, std::size_t> pages_with;
    for (std::size_t p = 0; p < pages.size(); ++p) {
        std::vector<std::string> keys;
        for (const std::size_t i : edge_lines(pages[p])) {
            keys.push_back(line_key(pages[p][i]));
            if (has_page_number(pages[p][i], p + 1)) {
                keys.push_back("#" + line_key(pages[p][i], false));
            }
        }
        std::sort(keys.begin(), keys.end());
        keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
        for (auto& k : keys) {
            ++pages_with[std::move(k)];
        }
    }
    const std::size_t repeated = std::max<std::size_t>(2, (pages.size() + 1) / 2);
    std::unordered_map<std::string, bool> first_kept;
    std::vector<std::vector<bool>> furniture;
    for (std::size_t p = 0; p < pages.size(); ++p) {
        const auto& lines = pages[p];
        std::vector<bool> marks(lines.size(), false);
        for (const std::size_t i : edge_lines(lines)) {
            if (is_page_number(lines[i])) {
                marks[i] = true;
                continue;
            }
            std::string key = line_key(lines[i]);
            if (pages_with[key] < repeated && has_page_number(lines[i], p + 1)) {
                key = "#" + line_key(lines[i], false);
            }
            if (key.size() >= 3 && pages_with[key] >= repeated && !is_content(lines[i])) {
                marks[i] = first_kept[key];  // false the first time
                first_kept[key] = true;
            }
        }
        furniture.push_back(std::move(marks));
    }
    return furniture;
}

// The pages' lines in one sequence, furniture left out, blank lines at page edges dropped and
// runs of blank lines made one.
std::vector<PageLine> content_lines(const std::vector<std::vector<std::string>>& pages,
                                    std::size_t& furniture_count) {
    const auto furniture = find_furniture(pages);
    std::vector<PageLine> out;
    for (std::size_t p = 0; p < pages.size(); ++p) {
        const std::size_t page_start = out.size();
        for (std::size_t i = 0; i < pages[p].size(); ++i) {
            if (furniture[p][i]) {
                ++furniture_count;
                continue;
            }
            const bool blank = pages[p][i].empty();
            const bool after_blank_or_start = out.size() == page_start || out.back().text.empty();
            if (blank && after_blank_or_start) {
                continue;
            }
            out.push_back({p, pages[p][i]});
        }
        while (out.size() > page_start && out.back().text.empty()) {
            out.pop_back();
        }
    }
    return out;
}

// First parts of a compound that keep their hyphen when the line breaks after it.
bool keeps_hyphen(std::string_view first_part) {
    static const std::array<std::string_view, 16> kPrefixes = {
        "co",   "non",   "self", "ex",   "anti", "cross", "multi", "well",
        "long", "short", "part", "full", "half", "post",  "pre",   "semi"};
    const std::string lower = kpproc::text::to_lower_ascii(first_part);
    return std::find(kPrefixes.begin(), kPrefixes.end(), lower) != kPrefixes.end();
}

// "recommen-" then "dation would …": the word made whole on the first line. The next line
// must go straight on (no blank line between) in lower case.
void rejoin_hyphenated(std::vector<PageLine>& lines, std::size_t& rejoined) {
    for (std::size_t k = 0; k + 1 < lines.size(); ++k) {
        std::string& line = lines[k].text;
        if (line.size() < 3 || line.back() != '-' || !is_lower(line[line.size() - 2])) {
            continue;
        }
        std::string& next = lines[k + 1].text;
        const std::size_t word_begin = next.find_first_not_of(" \t");
        if (word_begin == std::string::npos || !is_lower(next[word_begin])) {
            continue;
        }
        std::size_t word_end = next.find_first_of(" \t", word_begin);
        if (word_end == std::string::npos) {
            word_end = next.size();
        }
        const std::size_t part_begin = line.find_last_of(" \t(") + 1;  // npos + 1 == 0
        const std::string_view first_part =
            std::string_view(line).substr(part_begin, line.size() - 1 - part_begin);
        if (!keeps_hyphen(first_part)) {
            line.pop_back();
        }
        line += next.substr(word_begin, word_end - word_begin);
        const std::size_t rest = next.find_first_not_of(" \t", word_end);
        if (rest == std::string::npos) {
            lines.erase(lines.begin() + static_cast<std::ptrdiff_t>(k) + 1);
        } else {
            next = std::string(word_begin, ' ') + next.substr(rest);
        }
        ++rejoined;
    }
}

// Whether the first line of a page goes on with the sentence the last page ended in.
bool continues(std::string_view last_line, std::string_view first_line) {
    const std::string_view last = kpproc::text::trim(last_line);
    const std::string_view first = kpproc::text::trim(first_line);
    if (last.empty() || first.empty() || !is_lower(first.front())) {
        return false;
    }
    return std::string_view(".:;?!").find(last.back()) == std::string_view::npos;
}

}  // namespace

AssembledText assemble_pages(const std::vector<std::string>& pages) {
    AssembledText out;
    std::vector<std::vector<std::string>> page_lines;
    page_lines.reserve(pages.size());
    for (const auto& page : pages) {
        bool split = false;
        page_lines.push_back(read_columns_in_order(lines_of(page), split));
        out.two_column_pages += split ? 1 : 0;
    }
    std::vector<PageLine> lines = content_lines(page_lines, out.furniture_lines);
    rejoin_hyphenated(lines, out.rejoined_words);

    out.pages.resize(pages.size());
    for (std::size_t p = 0; p < pages.size(); ++p) {
        out.pages[p].number = static_cast<std::uint32_t>(p + 1);
    }
    std::size_t next_page = 0;  // the first page not yet begun
    for (std::size_t k = 0; k < lines.size(); ++k) {
        const PageLine& line = lines[k];
        if (line.page >= next_page) {
            if (k > 0) {
                if (continues(lines[k - 1].text, line.text)) {
                    ++out.continued_pages;
                } else {
                    out.text += '\n';  // a blank line between pages
                }
            }
            for (; next_page <= line.page; ++next_page) {  // pages with no text begin here too
                out.pages[next_page].span = {out.text.size(), out.text.size()};
            }
        }
        out.text += line.text;
        out.pages[line.page].span.end = out.text.size();
        out.text += '\n';
    }
    for (; next_page < pages.size(); ++next_page) {
        out.pages[next_page].span = {out.text.size(), out.text.size()};
    }
    return out;
}

}  // namespace kp_pdf
