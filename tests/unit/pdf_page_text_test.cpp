// kp.adapter.pdf's page assembly and text-layer check, on page texts written here as poppler's
// physical layout gives them.

#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "page_text.hpp"
#include "text_layer.hpp"

using kp_pdf::assemble_pages;
using kp_pdf::examine_text_layer;

namespace {

std::string page_of(const kp_pdf::AssembledText& a, std::size_t number) {
    const auto& span = a.pages.at(number - 1).span;
    return a.text.substr(span.begin, span.end - span.begin);
}

// A page with a running header, the body lines given, and a footer with its number.
std::string page(int number, const std::string& body) {
    return "Borough of Wexcombe - Cabinet - 2 May 2024\n\n\n" + body + "\n\n\n          Page " +
           std::to_string(number) + " of 3\n";
}

}  // namespace

TEST_CASE("pdf pages: running headers and page numbers go, the header stays where first seen",
          "[pdf]") {
    const auto a = assemble_pages({page(1, "MINUTES of the Cabinet.\n\n1. Apologies"),
                                   page(2, "None were received."), page(3, "2. Close")});
    CHECK(a.text ==
          "Borough of Wexcombe - Cabinet - 2 May 2024\n\nMINUTES of the Cabinet.\n\n"
          "1. Apologies\n\nNone were received.\n\n2. Close\n");
    CHECK(a.furniture_lines == 5);  // three footers, two headers
    REQUIRE(a.pages.size() == 3);
    CHECK(page_of(a, 1) ==
          "Borough of Wexcombe - Cabinet - 2 May 2024\n\nMINUTES of the "
          "Cabinet.\n\n1. Apologies");
    CHECK(page_of(a, 2) == "None were received.");
    CHECK(page_of(a, 3) == "2. Close");
}

TEST_CASE("pdf pages: a line repeated at the edge of fewer than half the pages is not furniture",
          "[pdf]") {
    const auto a = assemble_pages({"RESOLVED that the report be noted.\nText one.",
                                   "Text two.\nMore.", "Text three.", "Text four.\nEnd.",
                                   "RESOLVED that the report be noted.\nText five."});
    CHECK(a.furniture_lines == 0);
    CHECK(a.text.find("RESOLVED that the report be noted.\nText five.") != std::string::npos);
}

TEST_CASE("pdf pages: a lone number at a page's edge is its number, even on one page", "[pdf]") {
    const auto a = assemble_pages({"Notes of the meeting.\n\nAll agreed.\n\n- 1 -"});
    CHECK(a.text == "Notes of the meeting.\n\nAll agreed.\n");
    CHECK(a.furniture_lines == 1);
}

TEST_CASE("pdf pages: a paragraph cut by the page end goes on without a blank line", "[pdf]") {
    const auto a = assemble_pages({"The Chair said that the budget\nwould be set in",
                                   "February, "
                                   "as planned.\n\n3. Any Other Business",
                                   "The next meeting is in June.\n"});
    CHECK(a.text ==
          "The Chair said that the budget\nwould be set in\n\nFebruary, as planned.\n\n"
          "3. Any Other Business\n\nThe next meeting is in June.\n");
    CHECK(a.continued_pages == 0);  // "February" starts in capitals: not known to go on
    const auto b = assemble_pages({"The Chair said that the budget would be", "set in February."});
    CHECK(b.text == "The Chair said that the budget would be\nset in February.\n");
    CHECK(b.continued_pages == 1);
    CHECK(page_of(b, 2) == "set in February.");
}

TEST_CASE("pdf pages: words hyphenated at a line's end are made whole, compounds keep theirs",
          "[pdf]") {
    const auto a = assemble_pages(
        {"The officer presented the recommen-\ndation to the Committee and the self-\n"
         "assessment. The 2023-\n24 budget and the Co-\nOperative were noted.\nA well-\n"
         "known issue, and a dash -\nnot a hyphen."});
    CHECK(a.text ==
          "The officer presented the recommendation\nto the Committee and the self-assessment.\n"
          "The 2023-\n24 budget and the Co-\nOperative were noted.\nA well-known\nissue, and a "
          "dash -\nnot a hyphen.\n");
    CHECK(a.rejoined_words == 3);
}

TEST_CASE("pdf pages: a hyphenated word across the page end is made whole on the first page",
          "[pdf]") {
    const auto a = assemble_pages({"Members asked about the consul-", "tation period."});
    CHECK(a.text == "Members asked about the consultation\nperiod.\n");
    CHECK(page_of(a, 1) == "Members asked about the consultation");
    CHECK(page_of(a, 2) == "period.");
}

TEST_CASE("pdf pages: pages without text keep their place and number", "[pdf]") {
    const auto a = assemble_pages({"One.", "", "  \n\n", "Four."});
    REQUIRE(a.pages.size() == 4);
    CHECK(a.text == "One.\n\nFour.\n");
    CHECK(a.pages[1].span.begin == a.pages[1].span.end);
    CHECK(a.pages[1].number == 2);
    CHECK(page_of(a, 4) == "Four.");
    CHECK(assemble_pages({}).text.empty());
}

TEST_CASE("pdf pages: ligatures are spelt out and control characters become spaces", "[pdf]") {
    const auto a = assemble_pages({"The \xEF\xAC\x81nancial o\xEF\xAC\x83\x63\x65r\x01said so."});
    CHECK(a.text == "The financial officer said so.\n");
}

TEST_CASE("pdf text layer: minutes read as words, a scan, symbols or shifted letters do not",
          "[pdf]") {
    std::string prose;
    for (int i = 0; i < 30; ++i) {
        prose +=
            "The Committee noted the report of the Director and agreed that it be "
            "published on the website.\n";
    }
    const auto readable = examine_text_layer({prose, ""});
    CHECK(!readable.empty());
    CHECK(!readable.garbled());

    CHECK(examine_text_layer({"", " \n ", "12"}).empty());

    std::string dingbats;
    for (int i = 0; i < 200; ++i) {
        dingbats += "\xE2\x9C\x93\xE2\x9D\x96 ";  // ✓❖
    }
    const auto symbols = examine_text_layer({dingbats});
    REQUIRE(symbols.garbled());
    CHECK(symbols.garbled()->find("only 0 % of its characters") != std::string::npos);

    std::string shifted;
    for (int i = 0; i < 30; ++i) {
        shifted += "Wkh Frpplwwhh qrwhg wkh uhsruw ri wkh Gluhfwru dqg djuhhg.\n";
    }
    const auto letters = examine_text_layer({shifted});
    REQUIRE(letters.garbled());
    CHECK(letters.garbled()->find("spell no English words") != std::string::npos);

    // A short page of names and figures is too little to judge by its words.
    CHECK(!examine_text_layer({"Cllr Abbot  Cllr Brindley  Cllr Carver  £12,400  2023/24"})
               .garbled());
}

TEST_CASE("pdf pages: a header that carries the page's number is furniture, a heading is not",
          "[pdf]") {
    std::vector<std::string> pages;
    for (int n = 1; n <= 4; ++n) {
        const std::string number = std::to_string(n);
        pages.push_back("Cabinet - 2 May 2024 - " + number + "\n\n24/" + number +
                        " Budget Monitoring\nThe report was noted.");
    }
    const auto a = assemble_pages(pages);
    CHECK(a.furniture_lines == 3);  // the header of pages 2 to 4; page 1 keeps its own
    CHECK(a.text.find("Cabinet - 2 May 2024 - 1\n") == 0);
    for (int n = 1; n <= 4; ++n) {
        CHECK(a.text.find("24/" + std::to_string(n) + " Budget Monitoring") != std::string::npos);
    }
    CHECK(a.text.find("Cabinet - 2 May 2024 - 3") == std::string::npos);
}

TEST_CASE("pdf pages: a page number of a series that runs on across records is furniture",
          "[pdf]") {
    const auto a = assemble_pages({"Series Page 375\nMINUTES OF THE PARISH COUNCIL\nItem one.",
                                   "Series Page 376\nItem two.", "Series Page 377\nItem three."});
    CHECK(a.furniture_lines == 2);
    CHECK(a.text ==
          "Series Page 375\nMINUTES OF THE PARISH COUNCIL\nItem one.\n\nItem two.\n\n"
          "Item three.\n");
}

namespace {

// Two columns of prose, `rows` lines each, the right one at column 45.
std::string two_column_page(std::size_t rows) {
    const std::vector<std::string> left = {"1. Apologies",
                                           "Apologies were received from",
                                           "the member for the ward, who",
                                           "was away on council business.",
                                           "",
                                           "2. Roof repairs",
                                           "The Clerk said that three",
                                           "quotations had come in for the",
                                           "repair of the roof of the hall."};
    const std::vector<std::string> right = {"3. Footpaths",
                                            "The footpath officer said that",
                                            "the stile by the mill had been",
                                            "mended and that the hedges in",
                                            "the lane would be cut in the",
                                            "autumn, as the farmer had",
                                            "asked the council to arrange.",
                                            "",
                                            "4. Next meeting"};
    std::string page = "MINUTES OF THE MEETING OF THE PARISH COUNCIL held on 8 July 2024\n\n";
    for (std::size_t i = 0; i < rows; ++i) {
        std::string line = i < left.size() ? left[i] : "";
        if (i < right.size() && !right[i].empty()) {
            line += std::string(45 - line.size(), ' ') + right[i];
        }
        page += line + "\n";
    }
    return page;
}

}  // namespace

TEST_CASE("pdf pages: prose in two columns is read down one column, then the other", "[pdf]") {
    const auto a = assemble_pages({two_column_page(9)});
    CHECK(a.two_column_pages == 1);
    CHECK(a.text ==
          "MINUTES OF THE MEETING OF THE PARISH COUNCIL held on 8 July 2024\n\n1. Apologies\n"
          "Apologies were received from\nthe member for the ward, who\nwas away on council "
          "business.\n\n2. Roof repairs\nThe Clerk said that three\nquotations had come in for "
          "the\nrepair of the roof of the hall.\n\n3. Footpaths\nThe footpath officer said that\n"
          "the stile by the mill had been\nmended and that the hedges in\nthe lane would be cut "
          "in the\nautumn, as the farmer had\nasked the council to arrange.\n\n4. Next meeting\n");
}

TEST_CASE("pdf pages: lists and tables side by side stay as they are", "[pdf]") {
    // Names in two columns: read across, as the structure engine reads attendance.
    std::string names = "PRESENT:\n";
    for (int i = 0; i < 10; ++i) {
        const std::string left = "Councillor A Member" + std::to_string(i) + " (Chair)";
        names += left + std::string(45 - left.size(), ' ') + "Councillor B Other" +
                 std::to_string(i) + "\n";
    }
    CHECK(assemble_pages({names}).two_column_pages == 0);
    // A table of actions: its cells are no prose on both sides.
    std::string table = "Action                              Owner        Status\n";
    for (int i = 0; i < 10; ++i) {
        table +=
            "Publish the report number " + std::to_string(i) + "           G Tennant    Complete\n";
    }
    CHECK(assemble_pages({table}).two_column_pages == 0);
    // Too few lines side by side to be columns of prose.
    CHECK(assemble_pages({two_column_page(5)}).two_column_pages == 0);
}
