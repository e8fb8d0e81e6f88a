#include <catch2/catch.hpp>

#include "kpproc/text.hpp"

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

TEST_CASE("A BOM followed by bytes that are not UTF-8 is read as Windows-1252", "[text]") {
    const auto d = decode(
        "\xEF\xBB\xBF"
        "Caf\xE9 one.");
    CHECK(d.encoding == Encoding::windows_1252);
    CHECK(d.text == "Caf\xC3\xA9 one.");
}
