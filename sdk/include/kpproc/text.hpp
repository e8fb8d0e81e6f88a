#pragma once
// Text utilities adapters share: decoding input bytes to UTF-8 and normalising line ends.
// Byte offsets in spans refer to the *normalised* text these functions return.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kpproc::text {

enum class Encoding { utf8, utf8_bom, windows_1252, utf16le, utf16be, utf32le, utf32be };
const char* to_string(Encoding encoding);

struct Decoded {
    std::string text;  // valid UTF-8, no BOM, line ends normalised to "\n"
    Encoding encoding = Encoding::utf8;
    std::size_t crlf_count = 0;  // how many "\r\n" / lone "\r" were rewritten
    std::size_t replaced = 0;    // UTF-16/32 code units that were not Unicode (now U+FFFD)
};

// Decodes input bytes: UTF-8 (with or without BOM) is kept; UTF-16 and UTF-32 with a byte order
// mark are transcoded; anything else that is not valid UTF-8 is read as Windows-1252 (the superset
// of ISO-8859-1 that UK council systems actually emit). `declared_charset` (e.g. from an HTML meta
// tag) may force windows-1252/iso-8859-1.
Decoded decode(std::string_view bytes, std::string_view declared_charset = {});

// The UTF-16 or UTF-32 encoding a byte order mark at the start of `bytes` names (UTF-32LE's
// mark begins with UTF-16LE's, and wins), or nullopt when there is none.
std::optional<Encoding> wide_unicode_bom(std::string_view bytes);

struct Transcoded {
    std::string text;          // UTF-8, without the byte order mark
    std::size_t replaced = 0;  // code units that were not Unicode (lone surrogates, a cut-off
                               // last unit, values above U+10FFFF): each became U+FFFD
};
// The diagnostic's words for a transcoded input: "the input is utf-16le; it was transcoded …".
std::string describe_transcoding(Encoding encoding, std::size_t replaced);

// Transcodes UTF-16 or UTF-32 text (one of the four wide encodings; a leading BOM is skipped)
// to UTF-8. Line ends are left as they are.
Transcoded wide_to_utf8(std::string_view bytes, Encoding encoding);

// `bytes` with every byte that is not part of a valid UTF-8 sequence replaced by U+FFFD (one
// per byte, as the JSON writer does): for names, such as file names, that must be shown.
std::string replace_invalid_utf8(std::string_view bytes);

// Offset of the first byte that is not part of a valid UTF-8 sequence, or npos.
std::size_t find_invalid_utf8(std::string_view bytes);
inline bool is_valid_utf8(std::string_view bytes) {
    return find_invalid_utf8(bytes) == std::string_view::npos;
}

// True when the bytes look like text at all: no NUL bytes and few control characters.
bool looks_binary(std::string_view head);

// True when the bytes look like UTF-16 written without a byte order mark: most code units of
// the head have a NUL byte, on the same side.
bool looks_like_utf16_without_bom(std::string_view head);

// "\r\n" and lone "\r" become "\n".
std::string normalise_newlines(std::string_view text, std::size_t* rewritten = nullptr);

// Collapses runs of ASCII white space (and U+00A0) to one space and trims both ends.
std::string collapse_whitespace(std::string_view text);

std::string_view trim(std::string_view text);

// ASCII-only lower-casing (locale-independent, safe on UTF-8).
std::string to_lower_ascii(std::string_view text);

std::string join(const std::vector<std::string>& values, std::string_view separator);

// Where `needle` first occurs in `text` at or after `from`, or npos: what
// std::string_view::find answers, found faster in prose. std::string_view::find looks for the
// needle's first byte and compares at each; for " attending" or "ppointed" that is every space
// or every 'p' of a document. This looks for the needle's rarest byte in English text instead,
// or leaves a needle of common letters only to the C library's memmem.
std::size_t find_words(std::string_view text, std::string_view needle, std::size_t from = 0);
// Where the first ASCII digit at or after `from` is, or npos: dates and times are found by
// their digits, which are rare in prose, 16 bytes looked at a time.
std::size_t find_digit(std::string_view text, std::size_t from = 0);
// Whether `needle` occurs in `text` (find_words).
inline bool contains_words(std::string_view text, std::string_view needle) {
    return find_words(text, needle) != std::string_view::npos;
}

// Length of the valid UTF-8 sequence starting at text[i], or 0 if none starts there.
std::size_t utf8_sequence_length(std::string_view text, std::size_t i);
// Appends code point `cp` (<= U+10FFFF, not a surrogate) encoded as UTF-8.
void append_utf8(std::string& out, char32_t cp);

}  // namespace kpproc::text
