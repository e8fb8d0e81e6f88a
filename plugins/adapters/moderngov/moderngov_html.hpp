#pragma once
// ModernGov pages as served (HTML). The page's content (#modgov / .mgContent) is rendered to the
// text a browser would save from it — one line per block, table cells on lines of their own,
// image alt text inline ("pdf icon") — and that text is read by the same rules as a saved page,
// so an HTML page and its saved text give the same model.

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace kpproc::moderngov {

struct RenderedHtml {
    std::string text;                   // UTF-8, one blank line between blocks
    std::string encoding;               // what the bytes were read as
    // (code, message) pairs for the document's diagnostics, e.g. an undeclared charset guessed.
    std::vector<std::pair<std::string, std::string>> warnings;
};

// Parses HTML (libxml2's HTML parser, no network) and renders its content. `bytes` in any
// charset libxml2 knows: a <meta charset> is honoured; without one, bytes that are not UTF-8
// are read as Windows-1252. Throws kpproc::Error("invalid-html") if nothing can be parsed.
RenderedHtml render_html(std::string_view bytes);

bool looks_like_html(std::string_view head);

// How much `head` looks like a ModernGov HTML page, with the reason; 0 when it does not.
double html_page_confidence(std::string_view head, std::string* reason);

}  // namespace kpproc::moderngov
