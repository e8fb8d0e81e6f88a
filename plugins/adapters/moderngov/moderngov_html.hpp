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
    std::string text;      // UTF-8, one blank line between blocks
    std::string encoding;  // what the bytes were read as
    // (code, message) pairs for the document's diagnostics, e.g. an undeclared charset guessed.
    std::vector<std::pair<std::string, std::string>> warnings;
};

// Parses HTML (libxml2's HTML parser, no network), however deep, and renders its content. The
// bytes are first decoded to UTF-8 (moderngov_charset.hpp: a BOM, else a <meta charset> the bytes
// agree with, else UTF-8 or Windows-1252). Throws kpproc::Error if nothing can be parsed or
// libxml2 stops before the end of the page.
RenderedHtml render_html(std::string_view bytes);

bool looks_like_html(std::string_view head);

// How much `head` looks like a ModernGov HTML page, with the reason; 0 when it does not.
double html_page_confidence(std::string_view head, std::string* reason);

}  // namespace kpproc::moderngov
