#include <catch2/catch.hpp>

#include "kpproc/lines.hpp"

using namespace kpproc;
using namespace kpproc::lines;

TEST_CASE("Lines keep their offsets and indentation, trimmed of no-break spaces", "[lines]") {
    const std::string text = "One\n  \xC2\xA0Two\xC2\xA0 \n\nThree";
    const auto lines = split(text);
    REQUIRE(lines.size() == 4);
    CHECK(lines[1].text == "Two");
    CHECK(lines[1].indent == 4);
    CHECK(text.substr(lines[1].begin, 3) == "Two");
    CHECK(lines[2].blank());
    CHECK(lines[3].text == "Three");
    CHECK(lines[3].number == 3);
}

TEST_CASE("Paragraph markers", "[lines]") {
    const auto marker = [](std::string_view line) -> std::string {
        const auto m = parse_marker(line);
        if (!m) {
            return "none";
        }
        return m->number + "|" + std::string(line.substr(m->length));
    };
    CHECK(marker("1. The Commissioner") == "1|The Commissioner");
    CHECK(marker("1.\xC2\xA0\xC2\xA0 The Commissioner") == "1|The Commissioner");
    CHECK(marker("10.One Member asked") == "10|One Member asked");
    CHECK(marker("a. The commissioning") == "a|The commissioning");
    CHECK(marker("(b) Second") == "b|Second");
    CHECK(marker("iv. Fourth") == "iv|Fourth");
    CHECK(marker("\xC2\xB7         Bullet text") == "|Bullet text");
    CHECK(marker("- Dash bullet") == "|Dash bullet");
    CHECK(marker("2023. A year") == "none");
    CHECK(marker("4.3/10 satisfaction") == "none");
    CHECK(marker("e.g. something") == "none");
    CHECK(marker("Mr. Smith") == "none");
    CHECK(marker("1.") == "none");
    CHECK(marker("-based") == "none");
    CHECK(marker("on the day") == "none");
    CHECK(parse_marker("i. first")->style == MarkerStyle::lower_alpha);  // decided in context
}

namespace {
Paragraph para(const char* number, const char* text) {
    Paragraph p;
    if (number != nullptr) {
        p.number = number;
    }
    p.text = text;
    return p;
}
}  // namespace

TEST_CASE("Numbered lists nest 1. -> a. -> 1. with indentation deciding ambiguity", "[lines]") {
    ParagraphTree tree;
    tree.add(para(nullptr, "lead"), std::nullopt);
    tree.add(para("2", "two"), MarkerStyle::arabic);
    tree.add(para("a", "two-a"), MarkerStyle::lower_alpha, 1);
    tree.add(para("1", "two-a-1"), MarkerStyle::arabic, 1);
    tree.add(para("2", "two-a-2"), MarkerStyle::arabic, 1);
    tree.add(para("b", "two-b"), MarkerStyle::lower_alpha, 1);
    tree.add(para("3", "three"), MarkerStyle::arabic, 0);
    const auto roots = tree.take();
    REQUIRE(roots.size() == 3);
    CHECK(roots[0].text == "lead");
    REQUIRE(roots[1].children.size() == 2);
    CHECK(roots[1].children[0].children.size() == 2);
    CHECK(roots[1].children[1].text == "two-b");
    CHECK(roots[2].text == "three");
}

TEST_CASE("Bullets nest under the paragraph before them, unnumbered text stays on top", "[lines]") {
    ParagraphTree tree;
    tree.add(para("3", "including;"), MarkerStyle::arabic);
    tree.add(para(nullptr, "bullet 1"), MarkerStyle::bullet);
    tree.add(para(nullptr, "bullet 2"), MarkerStyle::bullet);
    tree.add(para("4", "four"), MarkerStyle::arabic);
    tree.add(para(nullptr, "adjourned"), std::nullopt);
    tree.add(para("5", "five"), MarkerStyle::arabic);
    const auto roots = tree.take();
    REQUIRE(roots.size() == 4);
    CHECK(roots[0].children.size() == 2);
    CHECK(roots[2].text == "adjourned");
    CHECK(roots[3].text == "five");
}

TEST_CASE("A lone i after h continues the letters, otherwise it is roman", "[lines]") {
    ParagraphTree tree;
    tree.add(para("h", "h"), MarkerStyle::lower_alpha);
    tree.add(para("i", "i-letter"), MarkerStyle::lower_alpha);
    tree.add(para("i", "roman one"), MarkerStyle::lower_alpha);
    const auto roots = tree.take();
    REQUIRE(roots.size() == 2);
    REQUIRE(roots[1].children.size() == 1);
    CHECK(roots[1].children[0].text == "roman one");
}

TEST_CASE("A number that continues a nested list goes back into it, whatever the indentation",
          "[lines]") {
    ParagraphTree tree;
    tree.add(para("2", "two"), MarkerStyle::arabic);
    tree.add(para("c", "two-c"), MarkerStyle::lower_alpha, 1);
    tree.add(para("3", "two-c-3"), MarkerStyle::arabic, 1);
    tree.add(para("4", "two-c-4, indentation lost at a page break"), MarkerStyle::arabic, 0);
    tree.add(para("d", "two-d"), MarkerStyle::lower_alpha, 1);
    tree.add(para("3", "three"), MarkerStyle::arabic, 0);
    const auto roots = tree.take();
    REQUIRE(roots.size() == 2);
    REQUIRE(roots[0].children.size() == 2);
    CHECK(roots[0].children[0].children.size() == 2);
    CHECK(roots[1].text == "three");
}
