#include <catch2/catch.hpp>

#include "kpproc/error.hpp"
#include "kpproc/options.hpp"

using namespace kpproc;

namespace {
const std::vector<OptionSpec> kSpecs = {
    {.name = "pretty", .type = OptionType::boolean, .default_value = "true"},
    {.name = "indent", .type = OptionType::integer, .default_value = "2"},
    {.name = "ratio", .type = OptionType::number},
    {.name = "mode",
     .type = OptionType::choice,
     .default_value = "fast",
     .choices = {"fast", "thorough"}},
    {.name = "label", .type = OptionType::string},
};

std::string error_of(const std::map<std::string, std::string>& given) {
    try {
        (void)Options::validate("json", kSpecs, given);
    } catch (const Error& e) {
        return e.code() + ": " + e.what();
    }
    return "no error";
}
}  // namespace

TEST_CASE("Options get their defaults and typed values", "[options]") {
    const Options o = Options::validate("json", kSpecs, {{"indent", "4"}, {"pretty", "no"}});
    CHECK(o.get_int("indent") == 4);
    CHECK_FALSE(o.get_bool("pretty"));
    CHECK(o.get_string("mode") == "fast");
    CHECK_FALSE(o.has("ratio"));
    CHECK_FALSE(o.has("label"));
    CHECK_THROWS_AS(o.get_string("label"), Error);
}

TEST_CASE("Boolean options accept the usual spellings", "[options]") {
    for (const char* yes : {"true", "yes", "on", "1", "TRUE"}) {
        CHECK(Options::validate("x", kSpecs, {{"pretty", yes}}).get_bool("pretty"));
    }
    for (const char* no : {"false", "no", "off", "0"}) {
        CHECK_FALSE(Options::validate("x", kSpecs, {{"pretty", no}}).get_bool("pretty"));
    }
}

TEST_CASE("Bad options are refused with a sentence that helps", "[options][errors]") {
    CHECK(error_of({{"prety", "true"}}) ==
          "unknown-option: json: unknown option 'prety'; did you mean 'pretty'?");
    CHECK(error_of({{"colour", "red"}}) ==
          "unknown-option: json: unknown option 'colour'; known options: pretty, indent, ratio, "
          "mode, label");
    CHECK(error_of({{"pretty", "maybe"}}) ==
          "invalid-option: json: option 'pretty' expects true or false, not 'maybe'");
    CHECK(error_of({{"indent", "2.5"}}) ==
          "invalid-option: json: option 'indent' expects a whole number, not '2.5'");
    CHECK(error_of({{"ratio", "abc"}}) ==
          "invalid-option: json: option 'ratio' expects a number, not 'abc'");
    CHECK(error_of({{"mode", "slow"}}) ==
          "invalid-option: json: option 'mode' expects one of fast, thorough, not 'slow'");
    try {
        (void)Options::validate("text", {}, {{"x", "1"}});
        FAIL("expected an error");
    } catch (const Error& e) {
        CHECK(std::string(e.what()) == "text: unknown option 'x'; it takes no options");
    }
}
