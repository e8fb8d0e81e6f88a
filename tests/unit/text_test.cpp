#include <catch2/catch.hpp>

#include "kpproc/text.hpp"

#include <random>
#include <string>
#include <string_view>
#include <vector>

using namespace kpproc::text;

TEST_CASE("UTF-8 input is kept - a BOM is dropped - CRLF becomes LF", "[text]") {
    auto d = decode("caf\xC3\xA9\r\nline\rend");
    CHECK(d.text == "caf\xC3\xA9\nline\nend");
    CHECK(d.encoding == Encoding::utf8);
    CHECK(d.crlf_count == 2);
    d = decode("\xEF\xBB\xBFhello");
    CHECK(d.text == "hello");
    CHECK(d.encoding == Encoding::utf8_bom);
}

TEST_CASE("Invalid UTF-8 is read as Windows-1252", "[text]") {
    // 0x93/0x94 are curly quotes in Windows-1252, 0xA3 is the pound sign.
    const auto d = decode(
        "\x93Hi\x94 \xA3"
        "5");
    CHECK(d.encoding == Encoding::windows_1252);
    CHECK(d.text ==
          "\xE2\x80\x9CHi\xE2\x80\x9D \xC2\xA3"
          "5");
}

TEST_CASE("A declared single-byte charset wins over UTF-8 guessing", "[text]") {
    // "Ã©" in Latin-1 happens to be valid UTF-8 bytes for "é"; the declaration decides.
    const auto d = decode("\xC3\xA9", "ISO-8859-1");
    CHECK(d.encoding == Encoding::windows_1252);
    CHECK(d.text == "\xC3\x83\xC2\xA9");
}

TEST_CASE("find_invalid_utf8 rejects overlongs, surrogates and truncation", "[text]") {
    CHECK(find_invalid_utf8("abc") == std::string_view::npos);
    CHECK(find_invalid_utf8("ab\xC0\xAF") == 2);        // overlong '/'
    CHECK(find_invalid_utf8("\xED\xA0\x80") == 0);      // UTF-16 surrogate
    CHECK(find_invalid_utf8("x\xE2\x82") == 1);         // truncated sequence
    CHECK(find_invalid_utf8("\xF4\x90\x80\x80") == 0);  // beyond U+10FFFF
    CHECK(is_valid_utf8("\xF0\x9F\x98\x80"));
}

TEST_CASE("Binary data is told apart from text", "[text]") {
    CHECK(looks_binary(std::string("PK\x03\x04\0\0", 6)));
    CHECK_FALSE(looks_binary("Minutes\n\tof a meeting\f\n"));
    CHECK(looks_binary(std::string(100, '\x01')));
}

TEST_CASE("Whitespace collapses, including no-break spaces", "[text]") {
    CHECK(collapse_whitespace("  a \t b\n\xC2\xA0 c  ") == "a b c");
    CHECK(collapse_whitespace("") == "");
    CHECK(trim("  x y \n") == "x y");
}

namespace {

// What collapse_whitespace means, written the slow and obvious way: the words (runs of bytes
// that are neither ASCII white space nor part of a U+00A0), joined by one space each.
std::string collapsed_by_words(std::string_view s) {
    std::vector<std::string> words(1);
    for (std::size_t i = 0; i < s.size(); ++i) {
        const bool nbsp = s[i] == '\xC2' && i + 1 < s.size() && s[i + 1] == '\xA0';
        if (nbsp || std::string_view(" \t\n\v\f\r").find(s[i]) != std::string_view::npos) {
            i += nbsp ? 1 : 0;
            if (!words.back().empty()) {
                words.emplace_back();
            }
            continue;
        }
        words.back() += s[i];
    }
    if (words.back().empty()) {
        words.pop_back();
    }
    return join(words, " ");
}

}  // namespace

TEST_CASE("Whitespace collapses alike wherever a run falls against 16-byte blocks", "[text]") {
    // Text is copied 16 bytes at a time where it holds only words and single spaces: each
    // kind of run is put at every offset around a block's end, in texts of every length.
    const std::vector<std::string> runs = {"  ",       " \t",       "\n",       " \n ",
                                           "\xC2\xA0", " \xC2\xA0", "\xC2\xA3", "\xC2",
                                           "\r\n",     "\v",        "\f "};
    for (const std::string& run : runs) {
        for (std::size_t length = 0; length <= 40; ++length) {
            for (std::size_t at = 0; at <= length; ++at) {
                std::string text;
                for (std::size_t i = 0; i < length; ++i) {
                    text += i % 5 == 4 ? ' ' : static_cast<char>('a' + i % 26);
                }
                text.insert(at, run);
                INFO("run at " << at << " of " << length);
                REQUIRE(collapse_whitespace(text) == collapsed_by_words(text));
            }
        }
    }
}

TEST_CASE("Whitespace collapses as its definition says, on random text", "[text]") {
    // Bytes chosen to meet one another: spaces of each kind, both halves of U+00A0, the
    // first byte of '£', letters.
    const std::string alphabet = std::string(
        " \t\n\r\v\f\xC2\xA0\xA3"
        "ab",
        11);
    std::mt19937 random(20261202);
    for (int round = 0; round < 20000; ++round) {
        std::string text(random() % 80, ' ');
        for (char& c : text) {
            c = alphabet[random() % alphabet.size()];
        }
        INFO("round " << round);
        REQUIRE(collapse_whitespace(text) == collapsed_by_words(text));
    }
}

TEST_CASE("A BOM followed by bytes that are not UTF-8 is read as Windows-1252", "[text]") {
    const auto d = decode(
        "\xEF\xBB\xBF"
        "Caf\xE9 one.");
    CHECK(d.encoding == Encoding::windows_1252);
    CHECK(d.text == "Caf\xC3\xA9 one.");
}

// ---- UTF-16 and UTF-32 (issue 9, defect 8) ---------------------------------------------------

namespace {
// "£5 ’" then U+1F600 in UTF-16LE with a BOM.
const std::string kUtf16le(
    "\xFF\xFE\xA3\x00"
    "5\x00 \x00\x19\x20"
    "\x3D\xD8\x00\xDE",
    14);
}  // namespace

TEST_CASE("A UTF-16 or UTF-32 byte order mark names the encoding", "[text][wide]") {
    using kpproc::text::Encoding;
    using kpproc::text::wide_unicode_bom;
    CHECK(wide_unicode_bom(kUtf16le) == Encoding::utf16le);
    CHECK(wide_unicode_bom(std::string("\xFE\xFF\x00"
                                       "A",
                                       4)) == Encoding::utf16be);
    CHECK(wide_unicode_bom(std::string("\xFF\xFE\x00\x00"
                                       "A\x00\x00\x00",
                                       8)) == Encoding::utf32le);
    CHECK(wide_unicode_bom(std::string("\x00\x00\xFE\xFF", 4)) == Encoding::utf32be);
    CHECK_FALSE(wide_unicode_bom("\xEF\xBB\xBFplain").has_value());
    CHECK_FALSE(wide_unicode_bom("\xFF").has_value());
}

TEST_CASE("UTF-16 and UTF-32 become UTF-8, what is not Unicode becomes U+FFFD, counted",
          "[text][wide]") {
    using kpproc::text::Encoding;
    using kpproc::text::wide_to_utf8;
    auto t = wide_to_utf8(kUtf16le, Encoding::utf16le);
    CHECK(t.text ==
          "\xC2\xA3"
          "5 \xE2\x80\x99\xF0\x9F\x98\x80");
    CHECK(t.replaced == 0);
    t = wide_to_utf8(std::string("\xFE\xFF\x00"
                                 "A\xD8\x3D\x00"
                                 "B",
                                 8),
                     Encoding::utf16be);
    CHECK(t.text ==
          "A\xEF\xBF\xBD"
          "B");  // a high surrogate without its low half
    CHECK(t.replaced == 1);
    t = wide_to_utf8(std::string("\xFF\xFE"
                                 "A\x00"
                                 "B",
                                 5),
                     Encoding::utf16le);
    CHECK(t.text == "A\xEF\xBF\xBD");  // a cut-off last unit
    CHECK(t.replaced == 1);
    t = wide_to_utf8(std::string("\x00\x00\xFE\xFF\x00\x01\xF6\x00\x00\x11\x00\x00", 12),
                     Encoding::utf32be);
    CHECK(t.text == "\xF0\x9F\x98\x80\xEF\xBF\xBD");  // U+1F600, then beyond U+10FFFF
    CHECK(t.replaced == 1);
}

TEST_CASE("decode() reads UTF-16 with a BOM like any text", "[text][wide]") {
    const auto d =
        kpproc::text::decode(std::string("\xFF\xFE"
                                         "a\x00\r\x00\n\x00"
                                         "b\x00",
                                         10));
    CHECK(d.encoding == kpproc::text::Encoding::utf16le);
    CHECK(d.text == "a\nb");
}

TEST_CASE("UTF-16 without a BOM is recognised as such, not as text or any binary", "[text][wide]") {
    std::string le;
    std::string be;
    for (const char c : std::string("MINUTES of a meeting of the Panel")) {
        le += c;
        le += '\0';
        be += '\0';
        be += c;
    }
    CHECK(kpproc::text::looks_binary(le));
    CHECK(kpproc::text::looks_like_utf16_without_bom(le));
    CHECK(kpproc::text::looks_like_utf16_without_bom(be));
    CHECK_FALSE(kpproc::text::looks_like_utf16_without_bom("MINUTES of a meeting"));
    CHECK_FALSE(
        kpproc::text::looks_like_utf16_without_bom(std::string("\x7F"
                                                               "ELF\x02\x01\x01\0\0\0\0\0\0\0\0\0",
                                                               16)));
}

TEST_CASE("replace_invalid_utf8 keeps UTF-8 and replaces each bad byte with U+FFFD", "[text]") {
    using kpproc::text::replace_invalid_utf8;
    CHECK(replace_invalid_utf8("caf\xC3\xA9.txt") == "caf\xC3\xA9.txt");
    CHECK(replace_invalid_utf8("caf\xE9.txt") == "caf\xEF\xBF\xBD.txt");
    CHECK(replace_invalid_utf8("\xC0\xAF") == "\xEF\xBF\xBD\xEF\xBF\xBD");  // an overlong
}

TEST_CASE("find_words finds what std::string_view::find does", "[text]") {
    CHECK(find_words("was appointed as substitute", "ppointed") == 5);
    CHECK(find_words("with Cllr X attending", " attending") == 11);
    CHECK(find_words("no such word", "ppointed") == std::string_view::npos);
    CHECK(find_words("abc", "") == 0);
    CHECK(find_words("abc", "", 3) == 3);
    CHECK(find_words("abc", "", 4) == std::string_view::npos);
    CHECK(find_words("abc", "abcd") == std::string_view::npos);
    CHECK(find_words("abcabc", "abc", 1) == 3);
    CHECK(find_words("zz", "z", 2) == std::string_view::npos);
    CHECK(contains_words("Members ATTENDING", "ATTENDING"));
    CHECK_FALSE(contains_words("Members attending", "ATTENDING"));
    // Random texts and needles of a small alphabet, so that near-matches abound; needles
    // taken from the text itself as well as made up.
    std::mt19937 random(1202);
    const std::string alphabet = "e tpq\n\xC3Z";
    const auto random_text = [&](std::size_t most) {
        std::string t(random() % (most + 1), ' ');
        for (char& c : t) {
            c = alphabet[random() % alphabet.size()];
        }
        return t;
    };
    for (int round = 0; round < 20000; ++round) {
        const std::string text = random_text(60);
        std::string needle = random_text(5);
        if (round % 2 == 0 && !text.empty()) {
            const std::size_t at = random() % text.size();
            needle = text.substr(at, 1 + random() % 6);
        }
        const std::size_t from = random() % (text.size() + 2);
        INFO("'" << text << "' '" << needle << "' from " << from);
        REQUIRE(find_words(text, needle, from) == std::string_view(text).find(needle, from));
    }
}

TEST_CASE("find_digit finds the first digit at or after a place", "[text]") {
    CHECK(find_digit("") == std::string_view::npos);
    CHECK(find_digit("no digits in this sentence at all") == std::string_view::npos);
    CHECK(find_digit("at 10:30") == 3);
    CHECK(find_digit("at 10:30", 4) == 4);
    CHECK(find_digit("at 10:30", 5) == 6);
    CHECK(find_digit("at 10:30", 9) == std::string_view::npos);
    // '/' and ':' lie either side of the digits; bytes above 0x7F are not digits either.
    const std::string_view not_digits =
        "/:\x80\xB0"
        "a";
    for (std::size_t length = 1; length <= 40; ++length) {
        for (std::size_t at = 0; at < length; ++at) {
            std::string text(length, '/');
            for (std::size_t i = 0; i < length; ++i) {
                text[i] = not_digits[i % not_digits.size()];
            }
            REQUIRE(find_digit(text) == std::string_view::npos);
            text[at] = static_cast<char>('0' + at % 10);
            INFO("a digit at " << at << " of " << length);
            REQUIRE(find_digit(text) == at);
            REQUIRE(find_digit(text, at) == at);
            REQUIRE(find_digit(text, at + 1) == std::string_view::npos);
        }
    }
}

TEST_CASE("Invalid UTF-8 is found wherever it falls against 16-byte blocks", "[text]") {
    // ASCII is skipped 16 bytes at a time: a valid sequence, then a bad byte, at every offset.
    for (std::size_t length = 0; length <= 40; ++length) {
        for (std::size_t at = 0; at <= length; ++at) {
            std::string text(length, 'a');
            text.insert(at, "\xE2\x80\x99");  // a right quotation mark: valid
            INFO("at " << at << " of " << length);
            REQUIRE(find_invalid_utf8(text) == std::string_view::npos);
            std::string bad = text;
            bad.insert(bad.size() - (length - at), "\xC3");  // after the quote: a lead alone
            REQUIRE(find_invalid_utf8(bad) == at + 3);
        }
    }
}
