#include "markdown.hpp"

#include "kpproc/lines.hpp"

namespace kpproc::structure::detail {

namespace {

bool signs_of_software(std::string_view t) {
    for (const std::string_view lead : {"```", "#include", "$ ", "import ", "def ", "function "}) {
        if (t.starts_with(lead)) {
            return true;
        }
    }
    return false;
}

// "## 3. Budget", "**Present**", "- **A Smith (AS)** – Chair": a rendered page's decoration.
bool decorated(std::string_view t) {
    return t.starts_with("## ") || t.starts_with("### ") || t.starts_with("**") ||
           t.starts_with("- **") || t.starts_with("* **");
}

// Blanks the link syntax around a link's words: "[Home](/)" → " Home    ".
void blank_links(std::string& line) {
    for (std::size_t open = line.find('['); open != std::string::npos;
         open = line.find('[', open + 1)) {
        const auto close = line.find("](", open);
        const auto end = close == std::string::npos ? close : line.find(')', close);
        if (end == std::string::npos) {
            break;
        }
        line[open] = ' ';
        for (std::size_t k = close; k <= end; ++k) {
            line[k] = ' ';
        }
    }
}

void blank_line(std::string& line) {
    std::size_t hashes = 0;
    while (hashes < line.size() && hashes < 6 && line[hashes] == '#') {
        ++hashes;
    }
    if (hashes > 0 && hashes < line.size() && line[hashes] == ' ') {
        line.replace(0, hashes, hashes, ' ');
    }
    for (std::size_t at = line.find("**"); at != std::string::npos; at = line.find("**", at)) {
        line[at] = line[at + 1] = ' ';
    }
    blank_links(line);
}

}  // namespace

bool is_rendered_markdown(std::string_view text) {
    std::size_t decorated_lines = 0;
    std::size_t seen = 0;
    for (const auto& line : lines::split(text.substr(0, 16 * 1024))) {
        if (line.blank()) {
            continue;
        }
        if (signs_of_software(line.text)) {
            return false;
        }
        decorated_lines += decorated(line.text) ? 1 : 0;
        if (++seen >= 200) {
            break;
        }
    }
    return decorated_lines >= 3;
}

std::string without_markdown(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t start = 0; start <= text.size();) {
        const auto end = std::min(text.find('\n', start), text.size());
        std::string line(text.substr(start, end - start));
        blank_line(line);
        out += line;
        if (end < text.size()) {
            out += '\n';
        }
        start = end + 1;
    }
    return out;
}

}  // namespace kpproc::structure::detail
