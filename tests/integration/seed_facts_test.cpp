// The facts the seeds must yield, written from reading the seeds (issue 3), checked on the
// parsed model directly, independently of the golden files.

#include <catch2/catch.hpp>

#include <filesystem>

#include "built_plugins.hpp"
#include "kpproc/framework/pipeline.hpp"
#include "kpproc/text.hpp"
#include "moderngov_pages.hpp"
#include "test_support.hpp"

namespace fs = std::filesystem;
namespace fw = kpproc::framework;
using kpproc::Document;
using kpproc::Item;

namespace {

Document parse_input(const std::string& folder, const std::string& name) {
    const fw::Pipeline pipeline(kpproc::testing::built_plugins(), fw::parse_chain("auto"),
                                fw::Pipeline::ExporterRule::optional);
    const fs::path path = fs::path(KPPROC_SOURCE_DIR) / "tests" / "data" / folder / name;
    return pipeline.make_worker()->run(name, kpproc::testing::slurp(path));
}

const Item& item(const Document& doc, const std::string& number) {
    for (const auto& i : doc.items) {
        if (i.number == number) {
            return i;
        }
    }
    FAIL("no item " << number);
    throw std::logic_error("unreachable");
}

std::size_t total_resolutions(const Document& doc) {
    std::size_t n = 0;
    for (const auto& i : doc.items) {
        n += i.resolutions.size();
    }
    return n;
}

std::vector<std::string> numbers(const std::vector<kpproc::Paragraph>& paragraphs) {
    std::vector<std::string> out;
    for (const auto& p : paragraphs) {
        out.push_back(p.number.value_or("-"));
    }
    return out;
}

Document parse_seed(const std::string& name) {
    return parse_input("seeds", name);
}
Document parse_fixture(const std::string& name) {
    return parse_input("fixtures", name);
}

}  // namespace

TEST_CASE("Seed 000: ModernGov meeting page saved as text", "[seeds]") {
    const Document doc = parse_seed("000_722b17af0df403e7.txt");
    CHECK(doc.source.adapter == "kp.adapter.moderngov");
    REQUIRE(doc.items.size() == 13);
    for (std::size_t k = 0; k < 13; ++k) {
        CHECK(doc.items[k].number == std::to_string(312 + k));
    }
    CHECK(doc.meeting.venue == "Darent Room, Sessions House, County Hall, Maidstone");
    CHECK(doc.meeting.contact == "Joel Cook / Anna Taylor 03000 416892 / 416478");
    CHECK_FALSE(doc.meeting.date.has_value());  // not on the page: unknown, not guessed
    CHECK_FALSE(doc.meeting.body.has_value());
    CHECK(total_resolutions(doc) == 11);
    CHECK(item(doc, "316").truncated);
    CHECK(item(doc, "317").truncated);
    CHECK(item(doc, "316").resolutions.empty());
    CHECK(item(doc, "317").resolutions.empty());
    CHECK_FALSE(item(doc, "318").truncated);
    const std::pair<const char*, double> documents[] = {{"315", 145}, {"316", 275}, {"317", 517},
                                                        {"318", 300}, {"320", 421}, {"321", 112},
                                                        {"322", 100}, {"324", 344}};
    for (const auto& [number, size] : documents) {
        INFO("item " << number);
        REQUIRE(item(doc, number).documents.size() == 1);
        CHECK(item(doc, number).documents[0].type == "PDF");
        CHECK(item(doc, number).documents[0].size_kb == size);
    }
    CHECK(item(doc, "312").documents.empty());
    CHECK(item(doc, "315").title ==
          "Minutes of the Police and Crime Panel held on 6 February 2019");
    const auto& events = item(doc, "316").events;
    REQUIRE(events.size() == 2);
    CHECK(events[0].kind == "adjourned");
    CHECK(events[0].time == "10:16");
    CHECK(events[1].kind == "reconvened");
    CHECK(events[1].time == "11:20");
    const auto& questions = item(doc, "323").questions;
    REQUIRE(questions.size() == 2);
    CHECK(questions[0].asker->name == "Mark Rhodes");
    CHECK(questions[0].asker->organisation == "Tonbridge & Malling");
    CHECK(questions[1].asker->name == "Shane Mochrie-Cox");
    CHECK(questions[1].asker->organisation == "Gravesham");
    CHECK(numbers(questions[1].answers) == std::vector<std::string>{"2", "3", "4", "5"});
    std::size_t changes = 0;
    for (const auto& p : item(doc, "314").description) {
        changes += p.text.find(" has replaced ") != std::string::npos;
    }
    CHECK(changes == 4);
    // Bullets nest under the paragraph that introduces them.
    CHECK(item(doc, "316").paragraphs[2].children.size() == 9);
}

TEST_CASE("Seed 001: Police and Crime Panel minutes converted from PDF", "[seeds]") {
    const Document doc = parse_seed("001_78dbf443e4e88d81.txt");
    CHECK(doc.source.adapter == "kp.adapter.plaintext-minutes");
    CHECK(doc.meeting.body == "Kent and Medway Police and Crime Panel");
    CHECK(doc.meeting.date == "2023-10-17");
    CHECK(doc.meeting.venue == "Council Chamber, Sessions House, County Hall, Maidstone");
    std::map<std::string, std::size_t> groups;
    for (const auto& a : doc.attendance) {
        ++groups[a.group.value_or("?")];
    }
    CHECK(groups["present"] == 15);
    CHECK(groups["also_present"] == 4);
    CHECK(groups["in_attendance"] == 2);
    const auto& hill = doc.attendance[0];
    CHECK(hill.title == "Mr");
    CHECK(hill.name == "P M Hill");
    CHECK(hill.honours == "OBE");
    CHECK(hill.role == "Chairman");
    CHECK(doc.attendance[1].name == "G Sandher");
    CHECK(doc.attendance[1].role == "Vice-Chairman");
    const auto makinson = std::find_if(doc.attendance.begin(), doc.attendance.end(),
                                       [](const auto& a) { return a.name == "Makinson"; });
    REQUIRE(makinson != doc.attendance.end());
    CHECK_FALSE(makinson->title.has_value());
    CHECK(doc.attendance[15].role == "Kent Police and Crime Commissioner");

    REQUIRE(doc.items.size() == 10);
    const char* refs[] = {"Item 3",  "Item 4",  "Item B1", "Item B2", "Item B3",
                          "Item C1", "Item C2", "Item D1", "Item E1", "Item F1"};
    for (std::size_t k = 0; k < 10; ++k) {
        INFO("item " << k);
        CHECK(doc.items[k].number == std::to_string(100 + k));
        CHECK(doc.items[k].ref == refs[k]);
        CHECK(doc.items[k].section == "UNRESTRICTED ITEMS");
    }
    CHECK(doc.items[6].title == "Decision OPCC.D.033.23 - Sale of IP Addresses");
    CHECK(total_resolutions(doc) == 9);
    CHECK(item(doc, "100").resolutions.empty());

    const auto& p103 = item(doc, "103").paragraphs;
    REQUIRE(p103.size() == 18);
    for (std::size_t k = 0; k < 18; ++k) {
        CHECK(p103[k].number == std::to_string(k + 1));  // the unnumbered lead is paragraph 1
    }
    CHECK(numbers(p103[1].children) == std::vector<std::string>{"a", "b", "c", "d"});
    CHECK(p103[1].children[0].children.size() == 5);
    CHECK(p103[1].children[2].children.size() == 4);
    CHECK(numbers(p103[17].children) == std::vector<std::string>{"a", "b", "c", "d"});
    // The paragraph a page break cut is one paragraph.
    const auto& review = p103[1].children[2].children[2];
    CHECK_THAT(review.text, Catch::Contains("the outcome was positive with police officers"));

    REQUIRE(item(doc, "105").decisions.size() == 1);
    CHECK(item(doc, "105").decisions[0].ref == "OPCC.D.034.23");
    REQUIRE(item(doc, "106").decisions.size() == 1);
    CHECK(item(doc, "106").decisions[0].ref == "OPCC.D.033.23");

    const auto& questions = item(doc, "107").questions;
    REQUIRE(questions.size() == 3);
    CHECK(questions[0].asker->name == "Cllr Mike Blakemore");
    CHECK(questions[0].asker->organisation == "Folkestone and Hythe District Council");
    CHECK(questions[1].asker->name == "Cllr Shane Mochrie-Cox");
    CHECK(questions[1].asker->organisation == "Gravesham Borough Council");
    CHECK(questions[2].asker->name == "Cllr Richard Palmer");
    CHECK(questions[2].asker->organisation == "Swale Borough Council");
    CHECK(numbers(questions[0].answers) == std::vector<std::string>{"1"});
    CHECK(numbers(questions[1].answers) == std::vector<std::string>{"2"});
    CHECK(numbers(questions[2].answers) == std::vector<std::string>{"3", "4"});
    CHECK_THAT(questions[0].text, Catch::EndsWith("the experience they take with them."));
}

TEST_CASE("Seed 002: governance board notes", "[seeds]") {
    const Document doc = parse_seed("002_0fc11edd1836f853.txt");
    CHECK(doc.source.adapter == "kp.adapter.governance-notes");
    CHECK(doc.meeting.date == "2015-11-11");
    CHECK(doc.meeting.body == "Kent Police and Crime Commissioner's Governance Board");
    CHECK(doc.meeting.venue ==
          "Clift Room, Kent Police Headquarters, Sutton Road, Maidstone, ME15 9BZ");
    REQUIRE(doc.items.size() == 9);
    for (std::size_t k = 0; k < 9; ++k) {
        CHECK(doc.items[k].number == std::to_string(k + 1));
    }
    for (const char* n : {"3", "4", "5", "6"}) {
        CHECK(item(doc, n).section == "PART A \xE2\x80\x93 Specifically requested items");
    }
    for (const char* n : {"7", "8", "9"}) {
        CHECK(item(doc, n).section == "PART B \xE2\x80\x93 Standing / routine update items");
    }
    CHECK_FALSE(item(doc, "1").section.has_value());
    const auto& earlier = item(doc, "2").actions;
    REQUIRE(earlier.size() == 3);
    for (const auto& a : earlier) {
        CHECK(a.status == "Discharged");
        CHECK(a.note.has_value());
    }
    CHECK(earlier[1].note ==
          "the requested report had been received. The Commissioner stated that she may request a "
          "further update at a future meeting.");
    REQUIRE(item(doc, "3").actions.size() == 1);
    CHECK(item(doc, "3").actions[0].text ==
          "The OPCC to arrange for the Commissioner to visit Shepway Community Safety Unit.");
    CHECK(item(doc, "5").actions.size() == 2);
    // Sub-headings head their bullets.
    const auto& p3 = item(doc, "3").paragraphs;
    const auto online = std::find_if(p3.begin(), p3.end(),
                                     [](const auto& p) { return p.text == "Online engagement"; });
    REQUIRE(online != p3.end());
    CHECK(online->heading);
    CHECK(online->children.size() == 3);
    // Nested bullets under a bullet.
    const auto& p4 = item(doc, "4").paragraphs;
    const auto cameras = std::find_if(p4.begin(), p4.end(),
                                      [](const auto& p) { return p.text == "Body Worn Cameras"; });
    REQUIRE(cameras != p4.end());
    CHECK(cameras->children[1].children.size() == 7);
}

TEST_CASE("Seed 003: ModernGov agenda item", "[seeds]") {
    const Document doc = parse_seed("003_5c899123880acd52.txt");
    CHECK(doc.source.adapter == "kp.adapter.moderngov");
    REQUIRE(doc.items.size() == 1);
    CHECK(doc.items[0].title == "Draft Police and Crime Plan 2014/15");
    CHECK_FALSE(doc.items[0].number.has_value());
    CHECK(doc.items[0].paragraphs.size() == 11);
    CHECK(doc.items[0].paragraphs[9].number == "10");  // "10.One Member asked…"
    CHECK(doc.items[0].resolutions.size() == 1);
}

TEST_CASE("Seed 004: ModernGov questions item", "[seeds]") {
    const Document doc = parse_seed("004_4794919378d12ec7.txt");
    REQUIRE(doc.items.size() == 1);
    const auto& i = doc.items[0];
    CHECK(i.title == "Questions to the Commissioner");
    REQUIRE(i.questions.size() == 3);
    CHECK(i.questions[0].asker->name == "Richard Palmer");
    CHECK(i.questions[0].asker->organisation == "Swale Borough Council");
    CHECK(i.questions[1].asker->name == "MJ Holloway");
    CHECK(i.questions[1].asker->organisation == "Dover District Council");
    CHECK(i.questions[2].asker->name == "Shane Mochrie-Cox");
    CHECK(i.questions[2].asker->organisation == "Gravesham Borough Council");
    CHECK(numbers(i.questions[0].answers) == std::vector<std::string>{"1", "2"});
    CHECK(numbers(i.questions[1].answers) == std::vector<std::string>{"3", "4", "5"});
    CHECK(numbers(i.questions[2].answers) == std::vector<std::string>{"6"});
    CHECK(i.questions[0].number == "1");
    CHECK(i.questions[1].number == "2");  // "Questions 2"
    CHECK(i.resolutions.size() == 1);
    CHECK(i.paragraphs.empty());
}

// ---- Fixtures: the variations real councils produce -------------------------------------------

TEST_CASE("Fixture: ModernGov decisions page, numbered 39/20, ordinal date", "[fixtures]") {
    const Document doc = parse_fixture("moderngov-decisions-numbered-39-20.txt");
    CHECK(doc.source.adapter == "kp.adapter.moderngov");
    CHECK(doc.meeting.body == "Cabinet");
    CHECK(doc.meeting.date == "2025-07-16");
    CHECK(doc.meeting.time == "14:00");
    CHECK_FALSE(doc.meeting.status.has_value());
    CHECK(doc.meeting.venue == "Council Chamber, Civic Centre, Royal Tunbridge Wells");
    CHECK(doc.meeting.contact == "Democratic Services 01892 554413");  // no-break spaces folded
    REQUIRE(doc.items.size() == 3);
    CHECK(doc.items[0].number == "39/20");
    CHECK(doc.items[2].number == "41/20");
    for (const auto& i : doc.items) {
        CHECK(i.resolutions.size() == 1);  // the text under "Decision:"
        CHECK(i.paragraphs.empty());
    }
    CHECK(doc.items[0].resolutions[0].text == "Apologies were received from Councillor Pound.");
    CHECK(doc.items[2].title == "Medium Term Financial Strategy 2025/26 to 2029/30");
    REQUIRE(doc.items[2].documents.size() == 1);
    CHECK(doc.items[2].documents[0].size_kb == 1024);
}

TEST_CASE("Fixture: ModernGov minutes without item numbers, meeting MOVED", "[fixtures]") {
    const Document doc = parse_fixture("moderngov-minutes-without-numbers.txt");
    CHECK(doc.meeting.body == "Planning Committee");
    CHECK(doc.meeting.date == "2020-09-15");
    CHECK(doc.meeting.time == "10:30");
    CHECK(doc.meeting.status == "moved");
    CHECK(doc.meeting.venue == "Town Hall, Maidstone");
    REQUIRE(doc.items.size() == 3);
    for (const auto& i : doc.items) {
        CHECK_FALSE(i.number.has_value());
    }
    CHECK(doc.items[0].title == "Apologies and Substitutes");
    CHECK(doc.items[0].paragraphs.size() == 1);
    CHECK(doc.items[1].title == "Minutes of the Previous Meeting");
    CHECK(doc.items[1].documents[0].size_kb == 210);
    CHECK(doc.items[2].title == "Land at Forge Lane, Headcorn");
    CHECK(doc.items[2].documents[0].size_kb == 3072);
    CHECK(doc.items[2].paragraphs.size() == 3);
    CHECK(doc.items[2].resolutions.size() == 1);
}

TEST_CASE("Fixture: ModernGov minutes without 'Minutes:' labels, numbered 4.1", "[fixtures]") {
    const Document doc = parse_fixture("moderngov-no-minutes-label-4-1.txt");
    CHECK(doc.meeting.date == "2025-03-03");
    CHECK(doc.meeting.time == "14:00");  // "2.00 p.m."
    REQUIRE(doc.items.size() == 2);
    CHECK(doc.items[0].number == "4.1");
    CHECK(doc.items[1].number == "4.2");
    CHECK(doc.items[0].description.empty());  // no label: what follows the title is minutes
    CHECK(numbers(doc.items[0].paragraphs) == std::vector<std::string>{"-", "1", "2"});
    CHECK(doc.items[0].resolutions.size() == 1);
    CHECK(doc.items[1].resolutions.size() == 1);
}

TEST_CASE("Fixture: Windows-1252 minutes with CRLF line ends", "[fixtures]") {
    const Document doc = parse_fixture("plaintext-minutes-cp1252-crlf.txt");
    CHECK(doc.source.adapter == "kp.adapter.plaintext-minutes");
    REQUIRE(doc.diagnostics.size() == 1);
    CHECK(doc.diagnostics[0].code == "decoded-as-windows-1252");
    CHECK(doc.text.find('\r') == std::string::npos);
    CHECK(doc.meeting.body == "Licensing Committee");
    CHECK(doc.meeting.venue == "Town Hall, High Street, Maidstone");
    CHECK(doc.meeting.date == "2019-02-06");
    REQUIRE(doc.attendance.size() == 6);
    CHECK(doc.attendance[2].name == "C White");
    CHECK(doc.attendance[2].honours == "MBE");
    CHECK(doc.attendance[4].group == "apologies");
    REQUIRE(doc.items.size() == 2);
    CHECK(doc.items[1].ref == "Item 2");
    REQUIRE(doc.items[1].paragraphs.size() == 2);
    // Curly quotes, the pound sign and the en dash arrive as UTF-8, kept as they are.
    CHECK_THAT(doc.items[1].paragraphs[0].text,
               Catch::Contains("\xE2\x80\x9Cpersonal licence\xE2\x80\x9D would stay at \xC2\xA3"
                               "37"));
    CHECK_THAT(doc.items[1].paragraphs[1].text,
               Catch::Contains("enforcement \xE2\x80\x93 the officer"));
}

TEST_CASE("Fixture: governance notes with a BOM and CRLF line ends", "[fixtures]") {
    const Document doc = parse_fixture("governance-notes-bom-crlf.txt");
    CHECK(doc.source.adapter == "kp.adapter.governance-notes");
    CHECK(doc.diagnostics.empty());
    CHECK(doc.text.rfind("Meeting Notes", 0) == 0);  // the BOM is gone
    CHECK(doc.meeting.date == "2023-06-07");
    CHECK(doc.meeting.body ==
          "Kent Police and Crime Commissioner's Performance and Delivery Board");
    REQUIRE(doc.items.size() == 3);
    const auto& actions = doc.items[1].actions;
    REQUIRE(actions.size() == 2);
    CHECK(actions[0].status == "Completed");
    CHECK(actions[0].note == "report provided on 1 June 2023.");
    CHECK(actions[1].status == "Ongoing");
    REQUIRE(doc.items[2].paragraphs.size() == 1);
    CHECK(doc.items[2].paragraphs[0].heading);
    CHECK(doc.items[2].actions.size() == 1);
}

TEST_CASE("Fixture: ModernGov item page in HTML declaring windows-1252", "[fixtures][html]") {
    const Document doc = parse_fixture("moderngov-item-windows-1252.html");
    CHECK(doc.source.adapter == "kp.adapter.moderngov");
    CHECK(doc.source.media_type == "text/html");
    CHECK(doc.diagnostics.empty());  // the charset was declared, not guessed
    REQUIRE(doc.items.size() == 1);
    const auto& i = doc.items[0];
    CHECK(i.title == "Budget monitoring \xE2\x80\x93 quarter 2");
    REQUIRE(i.paragraphs.size() == 2);
    CHECK_THAT(i.paragraphs[0].text, Catch::EndsWith("overspend of \xC2\xA3"
                                                     "137k, mainly on \xE2\x80\x9C"
                                                     "agency staff\xE2\x80\x9D."));
    CHECK(i.resolutions.size() == 1);
    REQUIRE(i.documents.size() == 1);
    CHECK(i.documents[0].title == "Budget monitoring report");
    CHECK(i.documents[0].size_kb == 250);
    // The council's template around the content is not part of the document.
    CHECK(doc.text.find("Borough Council") == std::string::npos);
}

// ---- HTML and text forms of the same page ------------------------------------------------------

namespace {

void clear_positions(std::vector<kpproc::Paragraph>& paragraphs) {
    for (auto& p : paragraphs) {
        p.span.reset();
        clear_positions(p.children);
    }
}

// The facts of a document without where they stand: the HTML and text forms differ in their
// text (and so in every span), not in what they say.
Document facts_only(Document doc) {
    doc.text.clear();
    doc.source = {};
    for (auto& a : doc.attendance) {
        a.span.reset();
    }
    for (auto& i : doc.items) {
        i.title_span.reset();
        clear_positions(i.description);
        clear_positions(i.paragraphs);
        for (auto& r : i.resolutions) {
            r.span.reset();
        }
        for (auto& a : i.actions) {
            a.span.reset();
        }
        for (auto& q : i.questions) {
            q.span.reset();
            clear_positions(q.answers);
        }
        for (auto& d : i.decisions) {
            d.span.reset();
        }
        for (auto& e : i.events) {
            e.span.reset();
        }
    }
    return doc;
}

}  // namespace

TEST_CASE("HTML fixtures in the real ModernGov DOM give the same model as the saved text",
          "[fixtures][html]") {
    const std::pair<const char*, const char*> pairs[] = {
        {"seeds/000_722b17af0df403e7.txt", "html/moderngov-meeting-000.html"},
        {"seeds/003_5c899123880acd52.txt", "html/moderngov-item-003.html"},
        {"seeds/004_4794919378d12ec7.txt", "html/moderngov-item-004.html"},
        {"fixtures/moderngov-issue-history.txt", "html/moderngov-issue-history.html"},
    };
    for (const auto& [text_form, html_form] : pairs) {
        INFO(html_form);
        const std::string folder = fs::path(text_form).parent_path().string();
        const Document from_text = parse_input(folder, fs::path(text_form).filename().string());
        const Document from_html = parse_fixture(html_form);
        CHECK(from_html.source.media_type == "text/html");
        CHECK(from_html.diagnostics.empty());
        REQUIRE(from_html.items.size() == from_text.items.size());
        const Document a = facts_only(from_text);
        const Document b = facts_only(from_html);
        for (std::size_t k = 0; k < a.items.size(); ++k) {
            INFO("item " << a.items[k].number.value_or("-") << " "
                         << a.items[k].title.value_or(""));
            CHECK(a.items[k] == b.items[k]);
        }
        CHECK(a.meeting == b.meeting);
        CHECK(a.attendance == b.attendance);
    }
}

TEST_CASE("Fixture: ModernGov issue page with the issue's history across meetings", "[fixtures]") {
    const Document doc = parse_fixture("moderngov-issue-history.txt");
    CHECK(doc.source.adapter == "kp.adapter.moderngov");
    CHECK_FALSE(doc.meeting.date.has_value());  // several meetings: no one date for the page
    REQUIRE(doc.items.size() == 2);
    CHECK(doc.items[0].number == "5");
    CHECK(doc.items[0].title == "Police and Crime Plan refresh");
    CHECK(doc.items[0].section ==
          "Meeting: 05/02/2024 - Kent and Medway Police and Crime Panel (Item 5)");
    CHECK(doc.items[0].documents.size() == 1);
    CHECK(doc.items[0].paragraphs.size() == 2);
    CHECK(doc.items[1].number == "7");
    CHECK(doc.items[1].title == "Police and Crime Plan - progress report");
    CHECK(doc.items[1].resolutions.size() == 1);
}

// ---- Regressions: inputs that review and fuzzing found mishandled ------------------------------

namespace {

Document parse_bytes(const std::string& adapter, const std::string& bytes) {
    const fw::Pipeline pipeline(kpproc::testing::built_plugins(), fw::parse_chain(adapter),
                                fw::Pipeline::ExporterRule::optional);
    return pipeline.make_worker()->run("inline", bytes);
}

}  // namespace

TEST_CASE("Regression: governance notes with an orphan sub-bullet and a continuation",
          "[regressions]") {
    // Pushing the orphan moved the paragraphs while a pointer into them was kept (ASan).
    const Document doc = parse_bytes("governance-notes", "Item 1. T\nP\n - s\nx\n");
    REQUIRE(doc.items.size() == 1);
    CHECK(doc.items[0].paragraphs.back().text == "s x");
}

TEST_CASE("Regression: 'Item 4 would be taken…' is a sentence, 'Date:' lines keep the board name",
          "[regressions]") {
    const Document doc = parse_bytes(
        "governance-notes",
        "Meeting Notes\nPerformance and Delivery Board\nDate: 11 November 2015\n\nItem 1. Welcome\n"
        "Item 4 would be taken after item 5.\n");
    CHECK(doc.meeting.body == "Performance and Delivery Board");
    CHECK(doc.meeting.date == "2015-11-11");
    REQUIRE(doc.items.size() == 1);
}

TEST_CASE("Regression: minutes header without blank lines, venue after the date", "[regressions]") {
    const Document doc = parse_bytes(
        "plaintext-minutes",
        "KENT AND MEDWAY POLICE AND CRIME PANEL\n"
        "MINUTES of a meeting of the Planning Committee held on Monday, 6 March 2023 at 7.00 pm "
        "in the Council Chamber, Civic Centre.\n"
        "PRESENT: Mr A Jones (Chairman), Cllr B Smith\nALSO PRESENT: Mr C Brown\n"
        "UNRESTRICTED ITEMS\n100. Apologies (Item 3)\n"
        "Cllr Brown attended the meeting from 7.15 pm.\n\n"
        "(Councillor J Smith, having declared an interest, left the meeting.)\n\n"
        "It was RESOLVED that the report be noted.\n");
    CHECK(doc.meeting.body == "Planning Committee");
    CHECK(doc.meeting.date == "2023-03-06");
    CHECK(doc.meeting.time == "19:00");
    CHECK(doc.meeting.venue == "Council Chamber, Civic Centre");
    REQUIRE(doc.attendance.size() == 3);
    CHECK(doc.attendance[2].group == "also_present");
    REQUIRE(doc.items.size() == 1);
    CHECK(doc.items[0].section == "UNRESTRICTED ITEMS");
    CHECK(doc.items[0].events.empty());     // "attended" is not "ended"
    CHECK(doc.items[0].questions.empty());  // a remark in brackets is not an asker
    CHECK(doc.items[0].resolutions.size() == 1);
}

TEST_CASE("Regression: Word tables and conditional comments in ModernGov minutes",
          "[regressions][html]") {
    const Document doc = parse_bytes(
        "moderngov",
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body><div id=\"modgov\">"
        "<table class=\"mgItemTable\"><tr><td class=\"mgItemNumberCell\"><p "
        "class=\"mgAiTitleTxt\">1."
        "</p></td><td><p class=\"mgAiTitleTxt\">Budget</p><p "
        "class=\"mgSubItemTitleTxt\">Minutes:</p>"
        "<div class=\"mgWordPara\"><p class=\"MsoListParagraph\"><![if "
        "!supportLists]><span>\xC2\xB7"
        "<span>&nbsp;&nbsp;&nbsp; </span></span><![endif]>The Treasurer reported.</p>"
        "<table><tr><td><p>2023/24</p></td><td><p>Adult social care</p></td></tr>"
        "<tr><td>Park Ward</td><td>12</td></tr></table>"
        "<p>RESOLVED that the budget be approved.</p></div></td></tr></table></div></body></html>");
    REQUIRE(doc.items.size() == 1);  // table cells are not item numbers
    const auto& i = doc.items[0];
    REQUIRE(i.paragraphs.size() == 3);
    CHECK(i.paragraphs[0].text == "The Treasurer reported.");  // the bullet was recognised
    CHECK(i.paragraphs[1].text == "2023/24 | Adult social care");
    CHECK(i.resolutions.size() == 1);
}

namespace {

using kpproc::testing::meta_charset;
using kpproc::testing::moderngov_item_table;
using kpproc::testing::moderngov_page;
using kpproc::testing::repeat;

// Minutes with the non-ASCII characters council pages are full of: ’ £ é (UTF-8 here).
const std::string kMinutesUtf8 =
    "The Treasurer\xE2\x80\x99s report: \xC2\xA3"
    "5m for the caf\xC3\xA9.";

// Three items, the first two `depth` <div>s deep (closed again or left open), the third after.
std::string page_with_deep_items(std::size_t depth, bool closed) {
    const std::string deep = repeat("<div>", depth) +
                             moderngov_item_table("1", "Apologies", "Apologies were received.") +
                             moderngov_item_table("2", "Budget", "The budget was approved.") +
                             (closed ? repeat("</div>", depth) : "");
    return moderngov_page(
        meta_charset("utf-8"),
        deep + moderngov_item_table("3", "Any other business", "There was none."));
}

void check_all_three_items(const Document& doc) {
    REQUIRE(doc.items.size() == 3);
    const char* const minutes[] = {"Apologies were received.", "The budget was approved.",
                                   "There was none."};
    for (std::size_t k = 0; k < 3; ++k) {
        INFO("item " << k + 1);
        CHECK(doc.items[k].number == std::to_string(k + 1));
        REQUIRE(doc.items[k].paragraphs.size() == 1);
        CHECK(doc.items[k].paragraphs[0].text == minutes[k]);
    }
    CHECK(doc.items[2].title == "Any other business");
}

}  // namespace

TEST_CASE("Regression: items nested 300 or 100 000 <div>s deep are all read",
          "[regressions][html]") {
    // libxml2 stops at 256 levels unless told otherwise, and the rest of the page was lost with
    // nothing but a "no items" warning.
    for (const std::size_t depth : {std::size_t{300}, std::size_t{100000}}) {
        for (const bool closed : {true, false}) {
            INFO(depth << " nested <div>s, " << (closed ? "closed" : "never closed"));
            const Document doc = parse_bytes("moderngov", page_with_deep_items(depth, closed));
            check_all_three_items(doc);
            CHECK(doc.diagnostics.empty());
        }
    }
}

TEST_CASE("Regression: stray end tags deep down fail the page in seconds, saying why",
          "[regressions][html]") {
    // Each end tag that matches no open element makes libxml2 scan all of them: 100 000 deep,
    // 200 000 such tags would take it half a minute, a few MB of them hours.
    const std::string page =
        moderngov_page(meta_charset("utf-8"), repeat("<div>", 100000) + repeat("</span>", 200000) +
                                                  moderngov_item_table("1", "Budget", "Noted."));
    CHECK_THROWS_WITH(parse_bytes("moderngov", page),
                      Catch::Contains("too many end tags that match no open element"));
}

TEST_CASE("Regression: a text node over libxml2's 10 MB limit does not cut the page short",
          "[regressions][html]") {
    const std::string long_paragraph = "<p>" + repeat("word ", 3u << 20) + "</p>";
    const Document doc =
        parse_bytes("moderngov",
                    moderngov_page(meta_charset("utf-8"),
                                   long_paragraph + moderngov_item_table("1", "Budget", "Noted.")));
    REQUIRE(doc.items.size() == 1);
    REQUIRE(doc.items[0].paragraphs.size() == 1);
    CHECK(doc.items[0].paragraphs[0].text == "Noted.");
}

TEST_CASE("Regression: a <meta charset> the bytes contradict gives way to UTF-8, with a diagnostic",
          "[regressions][html][charset]") {
    // UTF-16, UTF-32 and EBCDIC cannot have written the ASCII markup the declaration was found
    // in; ISO-2022-JP and US-ASCII cannot decode the bytes. The page is UTF-8 all the same.
    for (const char* declared : {"utf-16", "UTF-32", "ibm037", "iso-2022-jp", "us-ascii"}) {
        INFO("declared " << declared);
        const Document doc = parse_bytes(
            "moderngov",
            moderngov_page(meta_charset(declared),
                           moderngov_item_table("1", "Caf\xC3\xA9 budget", kMinutesUtf8)));
        REQUIRE(doc.items.size() == 1);
        CHECK(doc.items[0].title == "Caf\xC3\xA9 budget");
        REQUIRE(doc.items[0].paragraphs.size() == 1);
        CHECK(doc.items[0].paragraphs[0].text == kMinutesUtf8);
        REQUIRE(doc.diagnostics.size() == 1);
        CHECK(doc.diagnostics[0].code == "charset-mismatch");
        CHECK_THAT(doc.diagnostics[0].message,
                   Catch::Contains(declared, Catch::CaseSensitive::No) && Catch::Contains("UTF-8"));
    }
}

TEST_CASE("Regression: a UTF-8 byte order mark wins over a wrong <meta charset>",
          "[regressions][html][charset]") {
    for (const char* declared : {"windows-1252", "ibm037", "utf-16"}) {
        INFO("declared " << declared);
        const Document doc = parse_bytes(
            "moderngov",
            "\xEF\xBB\xBF" + moderngov_page(meta_charset(declared),
                                            moderngov_item_table("1", "Budget", kMinutesUtf8)));
        REQUIRE(doc.items.size() == 1);
        REQUIRE(doc.items[0].paragraphs.size() == 1);
        CHECK(doc.items[0].paragraphs[0].text == kMinutesUtf8);
        REQUIRE(doc.diagnostics.size() == 1);
        CHECK(doc.diagnostics[0].code == "charset-mismatch");
        CHECK_THAT(doc.diagnostics[0].message,
                   Catch::Contains(declared) && Catch::Contains("UTF-8"));
    }
}

TEST_CASE("Regression: Windows-1252 bytes under a UTF-8 declaration are read as Windows-1252",
          "[regressions][html][charset]") {
    const Document doc = parse_bytes(
        "moderngov",
        moderngov_page(meta_charset("utf-8"), moderngov_item_table("1", "Budget",
                                                                   "The Treasurer\x92s report: \xA3"
                                                                   "5m for the caf\xE9.")));
    REQUIRE(doc.items.size() == 1);
    REQUIRE(doc.items[0].paragraphs.size() == 1);
    CHECK(doc.items[0].paragraphs[0].text == kMinutesUtf8);
    REQUIRE(doc.diagnostics.size() == 1);
    CHECK(doc.diagnostics[0].code == "charset-mismatch");
    CHECK_THAT(doc.diagnostics[0].message,
               Catch::Contains("utf-8") && Catch::Contains("Windows-1252"));
}

TEST_CASE("Regression: a page that really is in its declared charset is read silently",
          "[regressions][html][charset]") {
    const std::pair<const char*, std::string> pages[] = {
        {"windows-1252",
         "The Treasurer\x92s report: \xA3"
         "5m for the caf\xE9."},
        {"iso-8859-1",
         "The Treasurer's report: \xA3"
         "5m for the caf\xE9."},
        {"utf-8", kMinutesUtf8},
    };
    for (const auto& [declared, minutes] : pages) {
        INFO("declared " << declared);
        const Document doc = parse_bytes(
            "moderngov",
            moderngov_page(meta_charset(declared), moderngov_item_table("1", "Budget", minutes)));
        REQUIRE(doc.items.size() == 1);
        REQUIRE(doc.items[0].paragraphs.size() == 1);
        CHECK(doc.items[0].paragraphs[0].text == (std::string_view(declared) == "iso-8859-1"
                                                      ? "The Treasurer's report: \xC2\xA3"
                                                        "5m for the caf\xC3\xA9."
                                                      : kMinutesUtf8));
        CHECK(doc.diagnostics.empty());
    }
}

TEST_CASE("Regression: text is joined only across blank lines, so spans match the words",
          "[regressions]") {
    const Document page = parse_bytes(
        "moderngov",
        "Agenda item\nBudget\nMinutes:\nThe report was\nShare this item\ncontinued here.\n");
    REQUIRE(page.items.size() == 1);
    for (const auto& p : page.items[0].paragraphs) {
        CHECK(kpproc::text::collapse_whitespace(page.slice(*p.span)) == p.text);
    }
    const Document minutes =
        parse_bytes("plaintext-minutes", "100. X (Item 3)\nb\n- T\n(Sam Smith - Medway)\n");
    REQUIRE(minutes.items.size() == 1);
    REQUIRE(minutes.items[0].questions.size() == 1);
    const auto& q = minutes.items[0].questions[0];
    CHECK(kpproc::text::collapse_whitespace(minutes.slice(*q.span)) == q.text);
}

TEST_CASE("Regression: the lettered points of 'RESOLVED that:' belong to the resolution",
          "[regressions]") {
    const Document doc = parse_bytes(
        "plaintext-minutes",
        "100. Budget (Item 3)\n\n1. The Treasurer introduced the report.\n\nRESOLVED that:\n\n"
        "(a) the report be noted; and\n\n(b) the budget be approved.\n\n2. Members thanked the "
        "Treasurer.\n");
    REQUIRE(doc.items.size() == 1);
    const auto& i = doc.items[0];
    REQUIRE(i.resolutions.size() == 1);
    CHECK(i.resolutions[0].text ==
          "RESOLVED that: (a) the report be noted; and (b) the budget be approved.");
    CHECK(numbers(i.paragraphs) == std::vector<std::string>{"1", "2"});
}
