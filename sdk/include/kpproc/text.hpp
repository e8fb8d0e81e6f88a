#pragma once
// Text utilities adapters share: decoding input bytes to UTF-8 and normalising line ends.
// Byte offsets in spans refer to the *normalised* text these functions return.

#include <cstddef>
#include <string>
#include <string_view>

namespace kpproc::text {

enum class Encoding { utf8, utf8_bom, windows_1252 };
const char* to_string(Encoding encoding);

struct Decoded {
    std::string text;  // valid UTF-8, no BOM, line ends normalised to "\n"
    Encoding encoding = Encoding::utf8;
    std::size_t crlf_count = 0;  // how many "\r\n" / lone "\r" were rewritten
};

// Decodes input bytes: UTF-8 (with or without BOM) is kept; anything that is not valid UTF-8 is
// read as Windows-1252 (the superset of ISO-8859-1 that UK council systems actually emit).
// `declared_charset` (e.g. from an HTML meta tag) may force windows-1252/iso-8859-1.
Decoded decode(std::string_view bytes, std::string_view declared_charset = {});

// Offset of the first byte that is not part of a valid UTF-8 sequence, or npos.
std::size_t find_invalid_utf8(std::string_view bytes);
inline bool is_valid_utf8(std::string_view bytes) {
    return find_invalid_utf8(bytes) == std::string_view::npos;
}

// True when the bytes look like text at all: no NUL bytes and few control characters.
bool looks_binary(std::string_view head);

// "\r\n" and lone "\r" become "\n".
std::string normalise_newlines(std::string_view text, std::size_t* rewritten = nullptr);

// Collapses runs of ASCII white space (and U+00A0) to one space and trims both ends.
std::string collapse_whitespace(std::string_view text);

std::string_view trim(std::string_view text);

}  // namespace kpproc::text
