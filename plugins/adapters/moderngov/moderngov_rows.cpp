#include "moderngov_rows.hpp"

#include <array>
#include <optional>
#include <string>

namespace kpproc::moderngov {

namespace {

using lines::Line;

bool is_digit(char c) {
    return c >= '0' && c <= '9';
}
bool is_lower(char c) {
    return c >= 'a' && c <= 'z';
}

// "No. | Item |" (a converter may add empty columns: "No. | Item | ||||") over "---|---|".
bool is_item_table_header(std::string_view s) {
    return (s.starts_with("No. |") || s.starts_with("| No. |")) &&
           s.find("Item") != std::string_view::npos;
}
bool is_rule_row(std::string_view s) {
    return s.starts_with("---|") || s.starts_with("|---");
}
bool only_pipes(std::string_view s) {
    return !s.empty() && s.find_first_not_of("| ") == std::string_view::npos;
}

std::string_view without_trailing_pipes(std::string_view s) {
    while (!s.empty() && (s.back() == '|' || s.back() == ' ')) {
        s.remove_suffix(1);
    }
    return s;
}

// The labels ModernGov prints before an item's blocks, found inside a collapsed row.
constexpr std::array<std::string_view, 4> kRowLabels = {
    "Additional documents:", "Decision:", "Minutes:", "Supporting documents:"};

// The first label in `s` at or after `from` that starts a word, and its length.
std::optional<std::pair<std::size_t, std::size_t>> next_label(std::string_view s,
                                                              std::size_t from) {
    std::optional<std::pair<std::size_t, std::size_t>> best;
    for (const std::string_view label : kRowLabels) {
        for (auto at = s.find(label, from); at != std::string_view::npos;
             at = s.find(label, at + 1)) {
            if (at == 0 || s[at - 1] == ' ') {
                if (!best || at < best->first) {
                    best = std::make_pair(at, label.size());
                }
                break;
            }
        }
    }
    return best;
}

class RowSplitter {
public:
    RowSplitter(std::string_view text, std::vector<Line>& out) : text_(text), out_(out) {}

    // One line inside the table: labels each on a line of their own, the text between them on
    // others; the first line of a row also has its title split from the agenda text.
    void split(const Line& line, bool row_start) {
        const std::string_view t = without_trailing_pipes(line.text);
        const bool cells_kept = t.find(" | ") != std::string_view::npos;
        if (cells_kept) {
            add(line, t);  // "1. | **Title**": the cells are still apart
            return;
        }
        std::size_t pos = 0;
        const auto first = next_label(t, 0);
        if (row_start) {
            const std::string_view cell = t.substr(0, first ? first->first : t.size());
            const std::size_t description = description_start(cell);
            if (description != std::string_view::npos) {
                add(line, cell.substr(0, description));
                pos = description;
            }
        }
        for (auto label = next_label(t, pos); label; label = next_label(t, pos)) {
            add(line, t.substr(pos, label->first - pos));
            add(line, t.substr(label->first, label->second));
            pos = label->first + label->second;
        }
        add(line, t.substr(pos));
    }

    void add_blank(const Line& line) { out_.push_back(Line{{}, line.begin, 0, line.number}); }

private:
    void add(const Line& line, std::string_view part) {
        part = lines::trim(part);
        if (part.empty()) {
            return;
        }
        const auto begin = static_cast<std::size_t>(part.data() - text_.data());
        out_.push_back(Line{part, begin, 0, line.number});
    }

    std::string_view text_;
    std::vector<Line>& out_;
};

// "PDF 246 KB" starting at `at`: returns the position after it.
std::optional<std::size_t> document_size_end(std::string_view s, std::size_t at) {
    std::size_t pos = at + 4;  // "PDF "
    const std::size_t digits = pos;
    while (pos < s.size() && (is_digit(s[pos]) || s[pos] == '.')) {
        ++pos;
    }
    if (pos == digits || (s.substr(pos, 3) != " KB" && s.substr(pos, 3) != " MB")) {
        return std::nullopt;
    }
    return pos + 3;
}

// Words that, capitalised inside a run-on cell and followed by a lower-case word, begin the
// agenda text: "To receive", "Members are reminded", "The draft minutes are attached".
bool opens_description(std::string_view word, std::string_view next) {
    if (next.empty() || !is_lower(next[0])) {
        return false;
    }
    for (const std::string_view opener :
         {"To", "The", "This", "These", "Members", "Councillors", "Any", "There"}) {
        if (word == opener) {
            return true;
        }
    }
    return false;
}

// Small words that bind a title's words together: the word after one is still the title's
// ("Appointment of Members to Outside Bodies").
bool is_joining_word(std::string_view word) {
    for (const std::string_view w :
         {"of", "the", "and", "for", "to", "on", "in", "at", "by", "with", "from", "&"}) {
        if (word == w) {
            return true;
        }
    }
    return false;
}

}  // namespace

std::size_t description_start(std::string_view cell) {
    for (auto at = cell.find("PDF "); at != std::string_view::npos;
         at = cell.find("PDF ", at + 1)) {
        if (const auto end = document_size_end(cell, at)) {
            return cell.find_first_not_of(' ', *end);  // npos: the link ends the cell
        }
    }
    std::vector<std::pair<std::size_t, std::string_view>> words;
    for (std::size_t pos = 0; pos < cell.size();) {
        const auto end = std::min(cell.find(' ', pos), cell.size());
        if (end > pos) {
            words.emplace_back(pos, cell.substr(pos, end - pos));
        }
        pos = end + 1;
    }
    for (std::size_t k = 1; k + 1 < words.size(); ++k) {
        if (opens_description(words[k].second, words[k + 1].second) &&
            !is_joining_word(words[k - 1].second)) {
            return words[k].first;
        }
    }
    return std::string_view::npos;
}

std::string without_link_markers(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '[') {
            std::size_t j = i + 1;
            while (j < s.size() && is_digit(s[j])) {
                ++j;
            }
            if (j > i + 1 && j < s.size() && s[j] == ']') {
                i = j;
                continue;
            }
        }
        out += s[i];
    }
    return out;
}

PageLines page_lines(std::string_view text) {
    const std::vector<Line> all = lines::split(text);
    std::size_t header = all.size();
    for (std::size_t i = 0; i + 1 < all.size(); ++i) {
        if (is_item_table_header(all[i].text) && is_rule_row(all[i + 1].text)) {
            header = i;
            break;
        }
    }
    std::size_t first_row = header + 2;
    while (first_row < all.size() && all[first_row].blank()) {
        ++first_row;
    }
    // "1. | **Title**": a table whose cells were kept apart is read as it is.
    if (header == all.size() || first_row >= all.size() ||
        all[first_row].text.find(" | ") != std::string_view::npos) {
        return {all, {}};
    }
    std::vector<std::size_t> row_starts;
    std::vector<Line> out(all.begin(), all.begin() + static_cast<std::ptrdiff_t>(header));
    RowSplitter rows(text, out);
    rows.add_blank(all[header]);  // the header and rule rows carry no content
    rows.add_blank(all[header + 1]);
    bool row_start = true;
    for (std::size_t i = header + 2; i < all.size(); ++i) {
        if (all[i].blank() || only_pipes(all[i].text)) {
            rows.add_blank(all[i]);
            row_start = row_start || only_pipes(all[i].text);
            continue;
        }
        if (row_start) {
            row_starts.push_back(out.size());
        }
        rows.split(all[i], row_start);
        row_start = false;
    }
    return {std::move(out), std::move(row_starts)};
}

}  // namespace kpproc::moderngov
