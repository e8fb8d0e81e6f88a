#pragma once
// Records that reach us as web pages rendered to Markdown by a crawler or a browser extension:
// "## 3. Budget", "**Strategic Policing Board**", "- **A Smith (AS)** – Chair", "[Home](/)".
// Their decoration is blanked out byte for byte, so that the words stand where they stood and
// every span still points at them, and the record is read as any other.

#include <string>
#include <string_view>

namespace kpproc::structure::detail {

// Whether `text` is a page rendered to Markdown: headings, bold labels and bullets of bold
// names, and no sign of a software document (code fences, "#include", shell prompts).
bool is_rendered_markdown(std::string_view text);

// `text` with Markdown's decoration replaced by spaces: heading hashes, bold and italic
// markers, the brackets and targets of links. Same length, same line breaks.
std::string without_markdown(std::string_view text);

}  // namespace kpproc::structure::detail
