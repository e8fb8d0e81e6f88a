#pragma once
// Text utilities adapters share: decoding input bytes to UTF-8 and normalising line ends.
// Byte offsets in spans refer to the *normalised* text these functions return.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

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

// ASCII-only lower-casing (locale-independent, safe on UTF-8).
std::string to_lower_ascii(std::string_view text);

std::string join(const std::vector<std::string>& values, std::string_view separator);

// Length of the valid UTF-8 sequence starting at text[i], or 0 if none starts there.
std::size_t utf8_sequence_length(std::string_view text, std::size_t i);
// Appends code point `cp` (<= U+10FFFF, not a surrogate) encoded as UTF-8.
void append_utf8(std::string& out, char32_t cp);

}  // namespace kpproc::text
