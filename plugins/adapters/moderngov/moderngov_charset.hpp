#pragma once
// Which charset a ModernGov HTML page is really in, and the page decoded to UTF-8 for libxml2.
//
// A byte order mark wins. A <meta charset> is honoured when the bytes agree with it; when they
// contradict it (a charset that cannot have written the page's ASCII markup, such as UTF-16 or
// EBCDIC, or bytes it cannot decode) the page is read as UTF-8 if it is valid UTF-8, else as
// Windows-1252, with a "charset-mismatch" warning naming both. Without a declaration, bytes that
// are not UTF-8 are read as Windows-1252.

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace kpproc::moderngov {

struct DecodedPage {
    std::string utf8;      // the page, valid UTF-8, without its byte order mark
    std::string encoding;  // what the bytes were read as, e.g. "utf-8", "windows-1252"
    // (code, message) pairs for the document's diagnostics: a guess, or a declaration set aside.
    std::vector<std::pair<std::string, std::string>> warnings;
};

DecodedPage decode_page(std::string_view bytes);

}  // namespace kpproc::moderngov
