#include <catch2/catch.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "kpproc/error.hpp"
#include "kpproc/json.hpp"
#include "kpproc/text.hpp"

using namespace kpproc;

TEST_CASE("JSON values parse and serialise back to the same text", "[json]") {
    const std::string text =
        R"({"a":1,"b":[true,false,null],"c":"x\"y\\z\n","d":-2.5,"e":{},"f":[],"g":1e+300})";
    const json::Value v = json::parse(text);
    REQUIRE(v.is_object());
    CHECK(v.find("a")->as_int() == 1);
    CHECK(v.find("b")->as_array().size() == 3);
    CHECK(v.find("c")->as_string() == "x\"y\\z\n");
    CHECK(v.find("d")->as_number() == -2.5);
    CHECK(v.find("missing") == nullptr);
    CHECK(json::serialize(v) == text);
    CHECK(json::parse(json::serialize(v, 2)) == v);
}

TEST_CASE("JSON keeps object member order", "[json]") {
    const auto v = json::parse(R"({"z":1,"a":2,"m":3})");
    const auto& o = v.as_object();
    REQUIRE(o.size() == 3);
    CHECK(o[0].first == "z");
    CHECK(o[1].first == "a");
    CHECK(o[2].first == "m");
}

TEST_CASE("JSON u-escapes (backslash u) decode to UTF-8, including surrogate pairs", "[json]") {
    CHECK(json::parse(R"("\u00a3")").as_string() == "\xC2\xA3");                // £
    CHECK(json::parse(R"("\ud83d\ude00")").as_string() == "\xF0\x9F\x98\x80");  // 😀
}

TEST_CASE("JSON writer escapes control characters and replaces invalid UTF-8", "[json]") {
    std::string out;
    json::append_quoted(out, std::string("a\x01"
                                         "b\xFF"
                                         "c\t",
                                         6));
    CHECK(out ==
          "\"a\\u0001b\xEF\xBF\xBD"
          "c\\t\"");
    // Valid multi-byte text passes through untouched.
    out.clear();
    json::append_quoted(out, "\xE2\x80\x9Cquoted\xE2\x80\x9D \xF0\x9F\x98\x80");
    CHECK(out == "\"\xE2\x80\x9Cquoted\xE2\x80\x9D \xF0\x9F\x98\x80\"");
}

TEST_CASE("JSON writer writes pretty and compact forms", "[json]") {
    std::string compact;
    json::Writer(compact)
        .begin_object()
        .key("a")
        .begin_array()
        .integer(1)
        .integer(2)
        .end_array()
        .key("b")
        .begin_object()
        .end_object()
        .end_object();
    CHECK(compact == R"({"a":[1,2],"b":{}})");
    std::string pretty;
    json::Writer(pretty, 2)
        .begin_object()
        .key("a")
        .begin_array()
        .integer(1)
        .end_array()
        .end_object();
    CHECK(pretty == "{\n  \"a\": [\n    1\n  ]\n}");
}

TEST_CASE("JSON numbers: integers stay exact, huge integers become doubles", "[json]") {
    CHECK(json::parse("9007199254740993").as_int() == 9007199254740993LL);
    CHECK(json::parse("-0").as_int() == 0);
    CHECK(json::parse("123456789012345678901234567890").is_number());
    CHECK_FALSE(json::parse("123456789012345678901234567890").is_int());
    CHECK(json::serialize(json::Value(0.1)) == "0.1");
}

TEST_CASE("Malformed JSON is an error naming line and column", "[json][errors]") {
    const char* bad[] = {"",      "{",           "[1,]",     "{\"a\" 1}", "tru",
                         "01",    "1.",          "\"\\x\"",  "\"abc",     "{\"a\":1}x",
                         "[1 2]", "\"\\ud800\"", "\"\x01\"", "-",         "\"\xFF\""};
    for (const char* text : bad) {
        INFO("input: " << text);
        CHECK_THROWS_AS(json::parse(text), Error);
    }
    try {
        json::parse("{\n  \"a\": tru\n}");
        FAIL("expected an error");
    } catch (const Error& e) {
        CHECK(e.code() == "invalid-json");
        CHECK(std::string(e.what()).find("line 2, column 8") != std::string::npos);
    }
}

TEST_CASE("Deep nesting is refused instead of exhausting the stack", "[json][errors]") {
    const std::string deep(100000, '[');
    CHECK_THROWS_WITH(json::parse(deep), Catch::Contains("nesting deeper than"));
    std::string ok = std::string(200, '[') + std::string(200, ']');
    CHECK_NOTHROW(json::parse(ok));
}

TEST_CASE("Typed access reports the type it found", "[json][errors]") {
    const auto v = json::parse(R"({"a":"x"})");
    CHECK_THROWS_WITH(v.find("a")->as_int(), "expected an integer, found a string");
    CHECK_THROWS_AS(v.as_array(), Error);
}

namespace {

// append_quoted's output written the plain way, one byte or one UTF-8 sequence at a time.
std::string quoted_one_by_one(std::string_view s) {
    std::string out = "\"";
    for (std::size_t i = 0; i < s.size(); ++i) {
        const auto b = static_cast<unsigned char>(s[i]);
        if (b >= 0x80) {
            const std::size_t n = text::utf8_sequence_length(s, i);
            out += n == 0 ? std::string("\xEF\xBF\xBD") : std::string(s.substr(i, n));
            i += n == 0 ? 0 : n - 1;
        } else if (b == '"' || b == '\\') {
            out += std::string("\\") + static_cast<char>(b);
        } else if (b == '\n') {
            out += "\\n";
        } else if (b == '\r') {
            out += "\\r";
        } else if (b == '\t') {
            out += "\\t";
        } else if (b == '\b') {
            out += "\\b";
        } else if (b == '\f') {
            out += "\\f";
        } else if (b < 0x20) {
            static constexpr char kHex[] = "0123456789abcdef";
            out += std::string("\\u00") + kHex[b >> 4] + kHex[b & 0xF];
        } else {
            out += static_cast<char>(b);
        }
    }
    return out + "\"";
}

}  // namespace

TEST_CASE("JSON strings are escaped alike wherever the byte falls against 16-byte blocks",
          "[json]") {
    // Plain runs are scanned 16 bytes at a time: every kind of byte that breaks one is put at
    // every offset of strings of every length up to 40.
    const std::vector<std::string> breaks = {"\"",   "\\",       "\n",           "\x01", "\x1f",
                                             "\x7f", "\xC3\xA9", "\xE2\x80\x99", "\xFF", "\xC3"};
    for (const std::string& b : breaks) {
        for (std::size_t length = 0; length <= 40; ++length) {
            for (std::size_t at = 0; at <= length; ++at) {
                std::string s;
                for (std::size_t i = 0; i < length; ++i) {
                    s +=
                        static_cast<char>(' ' + (i * 7) % 95);  // printable ASCII, '"' and '\\' too
                }
                s.insert(at, b);
                std::string out;
                json::append_quoted(out, s);
                INFO("at " << at << " of " << length);
                REQUIRE(out == quoted_one_by_one(s));
            }
        }
    }
}
