#include "kpproc/text.hpp"

#include <string.h>  // memmem
#include <algorithm>
#include <array>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace kpproc::text {

#if defined(__SSE2__)
namespace {
// The bytes of a 16-byte block that lie in [low, low + span], as a mask of 0xFF bytes: less
// `low`, they are the bytes at most `span` (compared unsigned).
__m128i bytes_in_range(__m128i bytes, char low, char span) {
    const __m128i less_low = _mm_sub_epi8(bytes, _mm_set1_epi8(low));
    return _mm_cmpeq_epi8(_mm_min_epu8(less_low, _mm_set1_epi8(span)), less_low);
}
}  // namespace
#endif

namespace {

// Windows-1252 bytes 0x80..0x9F; the rest of the range maps to U+0080..U+00FF like ISO-8859-1.
// The five undefined bytes decode to U+FFFD.
constexpr std::array<char32_t, 32> kCp1252High = {
    0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD, 0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178};

bool names_single_byte_charset(std::string_view charset) {
    const std::string c = to_lower_ascii(trim(charset));
    return c == "windows-1252" || c == "cp1252" || c == "iso-8859-1" || c == "iso8859-1" ||
           c == "latin1" || c == "latin-1" || c == "us-ascii" || c == "iso-8859-15";
}

}  // namespace

const char* to_string(Encoding encoding) {
    switch (encoding) {
        case Encoding::utf8:
            return "utf-8";
        case Encoding::utf8_bom:
            return "utf-8 (with BOM)";
        case Encoding::windows_1252:
            return "windows-1252";
        case Encoding::utf16le:
            return "utf-16le";
        case Encoding::utf16be:
            return "utf-16be";
        case Encoding::utf32le:
            return "utf-32le";
        case Encoding::utf32be:
            return "utf-32be";
    }
    return "utf-8";
}

std::size_t utf8_sequence_length(std::string_view s, std::size_t i) {
    const auto b0 = static_cast<unsigned char>(s[i]);
    if (b0 < 0x80) {
        return 1;
    }
    std::size_t len = 0;
    char32_t cp = 0;
    char32_t min = 0;
    if ((b0 & 0xE0) == 0xC0) {
        len = 2, cp = b0 & 0x1F, min = 0x80;
    } else if ((b0 & 0xF0) == 0xE0) {
        len = 3, cp = b0 & 0x0F, min = 0x800;
    } else if ((b0 & 0xF8) == 0xF0) {
        len = 4, cp = b0 & 0x07, min = 0x10000;
    } else {
        return 0;
    }
    if (i + len > s.size()) {
        return 0;
    }
    for (std::size_t k = 1; k < len; ++k) {
        const auto b = static_cast<unsigned char>(s[i + k]);
        if ((b & 0xC0) != 0x80) {
            return 0;
        }
        cp = (cp << 6) | (b & 0x3F);
    }
    // Overlong forms, UTF-16 surrogates and values past U+10FFFF are not UTF-8.
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
        return 0;
    }
    return len;
}

void append_utf8(std::string& out, char32_t cp) {
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

std::size_t find_invalid_utf8(std::string_view s) {
    for (std::size_t i = 0; i < s.size();) {
        // ASCII runs dominate real text: skip them without the general decoder, 16 bytes at a
        // time where SSE2 is available (every record's text is checked, and this loop was 5 %
        // of reading ModernGov text pages byte by byte).
#if defined(__SSE2__)
        if (i + 16 <= s.size() && _mm_movemask_epi8(_mm_loadu_si128(
                                      reinterpret_cast<const __m128i*>(s.data() + i))) == 0) {
            i += 16;
            continue;
        }
#endif
        if (static_cast<unsigned char>(s[i]) < 0x80) {
            ++i;
            continue;
        }
        const std::size_t n = utf8_sequence_length(s, i);
        if (n == 0) {
            return i;
        }
        i += n;
    }
    return std::string_view::npos;
}

std::optional<Encoding> wide_unicode_bom(std::string_view b) {
    if (b.substr(0, 4) == std::string_view("\xFF\xFE\0\0", 4)) {
        return Encoding::utf32le;
    }
    if (b.substr(0, 4) == std::string_view("\0\0\xFE\xFF", 4)) {
        return Encoding::utf32be;
    }
    if (b.substr(0, 2) == "\xFF\xFE") {
        return Encoding::utf16le;
    }
    if (b.substr(0, 2) == "\xFE\xFF") {
        return Encoding::utf16be;
    }
    return std::nullopt;
}

namespace {

// Reads the code unit of `width` bytes at `at`, in the given byte order.
char32_t code_unit(std::string_view b, std::size_t at, std::size_t width, bool little_endian) {
    char32_t unit = 0;
    for (std::size_t k = 0; k < width; ++k) {
        const auto byte = static_cast<unsigned char>(b[at + (little_endian ? width - 1 - k : k)]);
        unit = (unit << 8) | byte;
    }
    return unit;
}

constexpr char32_t kReplacement = 0xFFFD;

}  // namespace

Transcoded wide_to_utf8(std::string_view b, Encoding encoding) {
    const bool wide32 = encoding == Encoding::utf32le || encoding == Encoding::utf32be;
    const bool little = encoding == Encoding::utf16le || encoding == Encoding::utf32le;
    const std::size_t width = wide32 ? 4 : 2;
    Transcoded out;
    out.text.reserve(b.size());
    std::size_t i = wide_unicode_bom(b) == encoding ? width : 0;
    const auto put = [&](char32_t cp) {
        const bool valid = cp <= 0x10FFFF && (cp < 0xD800 || cp > 0xDFFF);
        out.replaced += valid ? 0 : 1;
        append_utf8(out.text, valid ? cp : kReplacement);
    };
    for (; i + width <= b.size(); i += width) {
        const char32_t unit = code_unit(b, i, width, little);
        if (wide32 || unit < 0xD800 || unit > 0xDBFF) {
            put(unit);
            continue;
        }
        // A high surrogate: valid only with a low one after it.
        const char32_t low = i + 2 * width <= b.size() ? code_unit(b, i + width, width, little) : 0;
        if (low >= 0xDC00 && low <= 0xDFFF) {
            put(0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00));
            i += width;
        } else {
            put(unit);  // a lone surrogate: replaced
        }
    }
    if (i < b.size()) {
        put(0xD800);  // a cut-off last unit: replaced
    }
    return out;
}

std::string describe_transcoding(Encoding encoding, std::size_t replaced) {
    std::string note = std::string("the input is ") + to_string(encoding) +
                       "; it was transcoded to UTF-8, and spans count bytes of the UTF-8 text";
    if (replaced > 0) {
        note += " (" + std::to_string(replaced) + " code units that are not Unicode became U+FFFD)";
    }
    return note;
}

std::string replace_invalid_utf8(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size();) {
        const std::size_t n =
            static_cast<unsigned char>(s[i]) < 0x80 ? 1 : utf8_sequence_length(s, i);
        if (n == 0) {
            append_utf8(out, kReplacement);
            ++i;
        } else {
            out.append(s.data() + i, n);
            i += n;
        }
    }
    return out;
}

bool looks_binary(std::string_view head) {
    if (head.find('\0') != std::string_view::npos) {
        return true;
    }
    std::size_t control = 0;
    for (const char c : head) {
        const auto b = static_cast<unsigned char>(c);
        if (b < 0x20 && b != '\n' && b != '\r' && b != '\t' && b != '\f') {
            ++control;
        }
    }
    // Real documents carry the odd form feed or stray control byte, never many.
    return control > 8 && control * 100 > head.size();
}

bool looks_like_utf16_without_bom(std::string_view head) {
    head = head.substr(0, 4096);
    std::size_t nul_first = 0;   // units whose first byte is NUL (big-endian ASCII)
    std::size_t nul_second = 0;  // units whose second byte is NUL (little-endian ASCII)
    const std::size_t units = head.size() / 2;
    for (std::size_t i = 0; i + 1 < head.size(); i += 2) {
        nul_first += head[i] == '\0' && head[i + 1] != '\0' ? 1 : 0;
        nul_second += head[i] != '\0' && head[i + 1] == '\0' ? 1 : 0;
    }
    // Text in Latin script: nearly every unit is ASCII, so nearly every unit has its NUL.
    return units >= 4 && std::max(nul_first, nul_second) * 10 >= units * 7;
}

std::string normalise_newlines(std::string_view s, std::size_t* rewritten) {
    std::size_t count = 0;
    std::string out;
    out.reserve(s.size());
    // Copy the runs between carriage returns in bulk; most text has none at all.
    std::size_t pos = 0;
    for (std::size_t cr = s.find('\r'); cr != std::string_view::npos; cr = s.find('\r', pos)) {
        out.append(s.data() + pos, cr - pos);
        out += '\n';
        ++count;
        pos = cr + 1;
        if (pos < s.size() && s[pos] == '\n') {
            ++pos;
        }
    }
    out.append(s.data() + pos, s.size() - pos);
    if (rewritten != nullptr) {
        *rewritten = count;
    }
    return out;
}

Decoded decode(std::string_view bytes, std::string_view declared_charset) {
    Decoded d;
    if (const auto wide = wide_unicode_bom(bytes)) {
        d.encoding = *wide;
        Transcoded transcoded = wide_to_utf8(bytes, *wide);
        d.replaced = transcoded.replaced;
        d.text = normalise_newlines(transcoded.text, &d.crlf_count);
        return d;
    }
    std::string_view body = bytes;
    if (body.substr(0, 3) == "\xEF\xBB\xBF") {
        body.remove_prefix(3);
        d.encoding = Encoding::utf8_bom;
    }
    const bool declared_single_byte = names_single_byte_charset(declared_charset);
    // A BOM says UTF-8, but the bytes after it must still be UTF-8: spans count bytes, so
    // invalid sequences cannot be carried along and patched later.
    if (is_valid_utf8(body) && (d.encoding == Encoding::utf8_bom || !declared_single_byte)) {
        d.text = normalise_newlines(body, &d.crlf_count);
        return d;
    }
    d.encoding = Encoding::windows_1252;
    std::string utf8;
    utf8.reserve(body.size() + body.size() / 8);
    for (const char c : body) {
        const auto b = static_cast<unsigned char>(c);
        if (b < 0x80) {
            utf8 += c;
        } else if (b < 0xA0) {
            append_utf8(utf8, kCp1252High[b - 0x80]);
        } else {
            append_utf8(utf8, b);
        }
    }
    d.text = normalise_newlines(utf8, &d.crlf_count);
    return d;
}

std::string_view trim(std::string_view s) {
    const auto is_space = [](char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
    };
    while (!s.empty() && is_space(s.front())) {
        s.remove_prefix(1);
    }
    while (!s.empty() && is_space(s.back())) {
        s.remove_suffix(1);
    }
    return s;
}

std::string to_lower_ascii(std::string_view s) {
    std::string out(s);
    for (char& c : out) {
        if (c >= 'A' && c <= 'Z') {
            c = static_cast<char>(c - 'A' + 'a');
        }
    }
    return out;
}

namespace {

// How common each byte is in the English of meeting records, 0 the rarest: the lower-case
// letters by their frequency in prose, below the space; line breaks, capitals, digits and
// punctuation are rarer; bytes of other scripts and controls rarest.
constexpr std::array<unsigned char, 256> kCommonness = [] {
    std::array<unsigned char, 256> rank{};
    constexpr std::string_view kByFrequency = " etaoinsrhldcumfpgwyb,.v\nk";  // most common first
    for (unsigned char c = 'A'; c <= 'Z'; ++c) {
        rank[c] = 20;
    }
    for (unsigned char c = '0'; c <= '9'; ++c) {
        rank[c] = 20;
    }
    for (std::size_t i = 0; i < kByFrequency.size(); ++i) {
        rank[static_cast<unsigned char>(kByFrequency[i])] = static_cast<unsigned char>(255 - i);
    }
    for (const unsigned char c : {'x', 'j', 'q', 'z'}) {
        rank[c] = 30;
    }
    return rank;
}();

}  // namespace

std::size_t find_words(std::string_view text, std::string_view needle, std::size_t from) {
    if (from > text.size() || needle.size() > text.size() - from) {
        return std::string_view::npos;
    }
    if (needle.empty()) {
        return from;
    }
    std::size_t anchor = 0;  // the needle's rarest byte: the fewest places to compare at
    for (std::size_t i = 1; i < needle.size(); ++i) {
        if (kCommonness[static_cast<unsigned char>(needle[i])] <
            kCommonness[static_cast<unsigned char>(needle[anchor])]) {
            anchor = i;
        }
    }
    // A needle of common letters only ("ppointed", "ecision") stops memchr every few dozen
    // bytes: glibc's memmem, which skips by pairs of bytes, is then faster (measured on the
    // bench's ModernGov pages: 4.5 against 3.5 GB/s, 9.5 against 4.7).
    if (kCommonness[static_cast<unsigned char>(needle[anchor])] >= kCommonness['g'] &&
        needle.size() >= 4) {
        const void* hit =
            memmem(text.data() + from, text.size() - from, needle.data(), needle.size());
        return hit == nullptr
                   ? std::string_view::npos
                   : static_cast<std::size_t>(static_cast<const char*>(hit) - text.data());
    }
    // The anchor byte of a match lies in [first, last]: the needle starts `anchor` bytes before.
    const char* p = text.data() + from + anchor;
    const char* const last = text.data() + text.size() - (needle.size() - anchor);
    while (p <= last) {
        const void* hit = std::memchr(p, needle[anchor], static_cast<std::size_t>(last - p) + 1);
        if (hit == nullptr) {
            break;
        }
        const char* const start = static_cast<const char*>(hit) - anchor;
        if (std::memcmp(start, needle.data(), needle.size()) == 0) {
            return static_cast<std::size_t>(start - text.data());
        }
        p = static_cast<const char*>(hit) + 1;
    }
    return std::string_view::npos;
}

std::size_t find_digit(std::string_view text, std::size_t from) {
    std::size_t i = from;
#if defined(__SSE2__)
    for (; i + 16 <= text.size(); i += 16) {
        const __m128i digit = bytes_in_range(
            _mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + i)), '0', 9);
        if (const int mask = _mm_movemask_epi8(digit); mask != 0) {
            return i + static_cast<std::size_t>(__builtin_ctz(static_cast<unsigned>(mask)));
        }
    }
#endif
    for (; i < text.size(); ++i) {
        if (text[i] >= '0' && text[i] <= '9') {
            return i;
        }
    }
    return std::string_view::npos;
}

std::string join(const std::vector<std::string>& values, std::string_view separator) {
    std::string out;
    for (std::size_t i = 0; i < values.size(); ++i) {
        if (i > 0) {
            out += separator;
        }
        out += values[i];
    }
    return out;
}

namespace {

// Bytes that are not copied as they stand: ASCII white space, and 0xC2, which opens U+00A0.
constexpr std::array<bool, 256> kBlankOrNbspLead = [] {
    std::array<bool, 256> table{};
    for (const unsigned char c : {' ', '\t', '\n', '\v', '\f', '\r'}) {
        table[c] = true;
    }
    table[0xC2] = true;
    return table;
}();

#if defined(__SSE2__)
// Whether the 16 bytes at p go to the output as they stand: no white space but single spaces,
// each followed by a byte that is not white space either. Reads p[0..16]: the caller ensures
// that p[16] exists. (Collapsing touches every byte of a text record's paragraphs, and it was
// a sixth of reading one; most 16-byte runs of prose are words and single spaces, and copied
// whole they cost a seventh of what they did byte by byte.)
bool is_plain_chunk(const char* p) {
    const auto special = [](__m128i bytes) {
        const __m128i control = bytes_in_range(bytes, '\t', '\r' - '\t');
        return _mm_or_si128(control, _mm_cmpeq_epi8(bytes, _mm_set1_epi8(static_cast<char>(0xC2))));
    };
    const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    const __m128i next = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 1));
    const __m128i space = _mm_cmpeq_epi8(bytes, _mm_set1_epi8(' '));
    const __m128i next_blank =
        _mm_or_si128(_mm_cmpeq_epi8(next, _mm_set1_epi8(' ')), special(next));
    const __m128i kept_as_is = _mm_or_si128(special(bytes), _mm_and_si128(space, next_blank));
    return _mm_movemask_epi8(kept_as_is) == 0;
}
#endif

}  // namespace

std::string collapse_whitespace(std::string_view s) {
    std::string out(s.size(), '\0');  // never longer than its input
    char* const begin = out.data();
    char* o = begin;
    bool gap = false;  // white space seen since the last word: one space before the next
    const char* p = s.data();
    const char* const end = p + s.size();
    while (p < end) {
#if defined(__SSE2__)
        // Whole chunks of words and single spaces, when no white space is pending and the
        // chunk does not open the output with a space.
        if (!gap && end - p > 16 && (o != begin || *p != ' ') && is_plain_chunk(p)) {
            std::memcpy(o, p, 16);
            o += 16;
            p += 16;
            continue;
        }
#endif
        const auto c = static_cast<unsigned char>(*p);
        const bool nbsp = c == 0xC2 && p + 1 < end && static_cast<unsigned char>(p[1]) == 0xA0;
        if (kBlankOrNbspLead[c] && (c != 0xC2 || nbsp)) {
            gap = o != begin;  // none at the start; none at the end, as no word follows
            p += nbsp ? 2 : 1;
            continue;
        }
        if (gap) {
            *o++ = ' ';
            gap = false;
        }
        *o++ = static_cast<char>(c);
        ++p;
    }
    out.resize(static_cast<std::size_t>(o - begin));
    return out;
}

}  // namespace kpproc::text
