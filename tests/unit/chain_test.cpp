#include <catch2/catch.hpp>

#include "kpproc/error.hpp"
#include "kpproc/framework/chain.hpp"

using namespace kpproc;
using kpproc::framework::parse_chain;

TEST_CASE("Chains parse into elements with options", "[chain]") {
    const auto spec = parse_chain("auto ! entities ! json(pretty=true, indent=4)");
    REQUIRE(spec.elements.size() == 3);
    CHECK(spec.elements[0].name == "auto");
    CHECK(spec.elements[0].column == 1);
    CHECK(spec.elements[1].name == "entities");
    CHECK(spec.elements[1].column == 8);
    CHECK(spec.elements[2].name == "json");
    CHECK(spec.elements[2].options ==
          std::map<std::string, std::string>{{"pretty", "true"}, {"indent", "4"}});
}

TEST_CASE("Chains accept ids, spacing variants and quoted values", "[chain]") {
    const auto spec =
        parse_chain("  kp.adapter.text!json( path = \"out, here.json\" , note='it\\'s' ) ");
    REQUIRE(spec.elements.size() == 2);
    CHECK(spec.elements[0].name == "kp.adapter.text");
    CHECK(spec.elements[1].options.at("path") == "out, here.json");
    CHECK(spec.elements[1].options.at("note") == "it's");
    CHECK(parse_chain("json()").elements[0].options.empty());
}

TEST_CASE("A chain prints in canonical form and re-parses to the same", "[chain]") {
    const auto spec = parse_chain("auto!json(pretty=false,title=\"a b\")");
    CHECK(spec.to_string() == "auto ! json(pretty=false, title=\"a b\")");
    CHECK(parse_chain(spec.to_string()).to_string() == spec.to_string());
    kpproc::framework::ChainSpec odd;
    odd.elements.push_back({"json", {{"note", "two\nlines, \"quoted\""}}, 1});
    CHECK(parse_chain(odd.to_string()).elements[0].options.at("note") == "two\nlines, \"quoted\"");
}

TEST_CASE("Chain syntax errors name the column and point at it", "[chain][errors]") {
    const auto error_of = [](const char* text) -> std::string {
        try {
            (void)parse_chain(text);
        } catch (const Error& e) {
            CHECK(e.code() == "chain-syntax");
            return e.what();
        }
        return "no error";
    };
    CHECK(error_of("") == "column 1: the chain is empty; write e.g. 'auto ! json'\n  \n  ^");
    CHECK(error_of("auto !") ==
          "column 7: the chain ends with '!'; name the next element\n  auto !\n        ^");
    CHECK(error_of("auto json") ==
          "column 6: expected '!' between elements, found 'j'\n  auto json\n       ^");
    CHECK(error_of("json(pretty)") ==
          "column 12: expected '=' after option name 'pretty'\n  json(pretty)\n             ^");
    CHECK(error_of("json(a=1,a=2)").rfind("column 10: option 'a' is given twice", 0) == 0);
    CHECK(error_of("json(a=\"x)").rfind("column 11: unterminated quoted value", 0) == 0);
    CHECK(error_of("json(a=1").rfind("column 9: expected ',' or ')'", 0) == 0);
    CHECK(error_of("auto ! ! json").rfind("column 8: expected a plugin name, found '!'", 0) == 0);
    CHECK(error_of("json(=1)").rfind("column 6: expected an option name, found '='", 0) == 0);
}
