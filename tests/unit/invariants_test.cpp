// The document model's rules (kpproc/invariants.hpp): a sound document passes, and each rule,
// broken on its own, is reported at the field that breaks it.

#include <catch2/catch.hpp>

#include "kpproc/invariants.hpp"

using kpproc::check_invariants;
using kpproc::Document;
using kpproc::InvariantViolation;
using kpproc::Span;

namespace {

// "Cllr Anne Lowe (Chair)" and one item with a paragraph, a resolution and an entity, every
// span where it belongs. The text has a no-break space and an accented letter in it.
Document sound_document() {
    Document doc;
    doc.text =
        "Present: Cllr Anne Lowe (Chair)\n"
        "1. Budget Report\n"
        "The panel noted the report\xC2\xA0on caf\xC3\xA9 costs.\n"
        "RESOLVED that the budget be approved.\n";
    doc.meeting.date = "2024-02-29";
    doc.meeting.time = "18:30";
    kpproc::Attendee chair;
    chair.name = "Anne Lowe";
    chair.title = "Cllr";
    chair.role = "Chair";
    chair.group = "present";
    chair.span = Span{9, 31};
    doc.attendance.push_back(chair);
    kpproc::Item item;
    item.number = "1";
    item.title = "Budget Report";
    item.title_span = Span{35, 48};
    kpproc::Paragraph paragraph;
    paragraph.text = "The panel noted the report on café costs.";
    paragraph.span = Span{49, 92};
    kpproc::Speaker panel;
    panel.entity = "org:panel";
    panel.name = "The panel";
    paragraph.speakers.push_back(panel);
    item.paragraphs.push_back(paragraph);
    item.resolutions.push_back(kpproc::Resolution{"that the budget be approved.", Span{102, 130}});
    doc.items.push_back(item);
    kpproc::Entity entity;
    entity.id = "org:panel";
    entity.type = "ORGANISATION";
    entity.name = "The panel";
    entity.mentions.push_back(kpproc::Mention{"The panel", Span{49, 58}});
    doc.entities.push_back(entity);
    doc.add_diagnostic("warning", "charset-guessed", "read as windows-1252");
    return doc;
}

std::string only_where(const std::vector<InvariantViolation>& violations) {
    REQUIRE(violations.size() == 1);
    return violations.front().where;
}

}  // namespace

TEST_CASE("Invariants: a sound document breaks no rule", "[invariants]") {
    const Document doc = sound_document();
    REQUIRE(doc.slice(*doc.attendance[0].span) == "Cllr Anne Lowe (Chair)");
    REQUIRE(doc.slice(*doc.items[0].title_span) == "Budget Report");
    REQUIRE(doc.slice(*doc.items[0].resolutions[0].span) == "that the budget be approved.");
    CHECK(check_invariants(doc).empty());
    CHECK(check_invariants(Document{}).empty());
}

TEST_CASE("Invariants: spans stay inside the text and on character boundaries", "[invariants]") {
    Document doc = sound_document();
    doc.items[0].paragraphs[0].span = Span{5, 999999};
    auto found = check_invariants(doc);
    CHECK(only_where(found) == "items[0].paragraphs[0].span");
    CHECK(found[0].problem == "[5, 999999) ends after the text, which is 131 bytes");

    doc = sound_document();
    doc.items[0].resolutions[0].span = Span{120, 110};
    CHECK_THAT(check_invariants(doc).at(0).problem, Catch::Contains("begins after it ends"));

    doc = sound_document();
    // Bytes 83 and 84 are "é".
    doc.entities[0].mentions[0].span = Span{49, 84};
    found = check_invariants(doc);
    CHECK(only_where(found) == "entities[0].mentions[0].span");
    CHECK_THAT(found[0].problem, Catch::Contains("cuts a UTF-8 character at byte 84"));

    doc = sound_document();
    doc.diagnostics[0].span = Span{0, 500};
    CHECK(only_where(check_invariants(doc)) == "diagnostics[0].span");
}

TEST_CASE("Invariants: a fact's span covers its words", "[invariants]") {
    Document doc = sound_document();
    doc.items[0].title_span = Span{49, 58};  // "The panel"
    auto found = check_invariants(doc);
    CHECK(only_where(found) == "items[0].title_span");
    CHECK_THAT(found[0].problem, Catch::Contains("does not cover the word \"budget\""));

    doc = sound_document();
    doc.attendance[0].name = "Anne Lowe-Smith";
    CHECK(only_where(check_invariants(doc)) == "attendance[0].span");

    // Tidied white space, case and a no-break space in the source still cover the words.
    doc = sound_document();
    doc.items[0].paragraphs[0].text = "THE PANEL noted  the report on café costs";
    CHECK(check_invariants(doc).empty());
}

TEST_CASE("Invariants: unknown is null, never an empty string", "[invariants]") {
    Document doc = sound_document();
    doc.attendance[0].role = "";
    auto found = check_invariants(doc);
    CHECK(only_where(found) == "attendance[0].role");
    CHECK_THAT(found[0].problem, Catch::Contains("set but empty"));

    doc = sound_document();
    doc.meeting.venue = " \t";
    CHECK(only_where(check_invariants(doc)) == "meeting.venue");

    doc = sound_document();
    doc.attendance[0].name.clear();
    found = check_invariants(doc);
    REQUIRE_FALSE(found.empty());
    CHECK(found[0].where == "attendance[0].name");
}

TEST_CASE("Invariants: entity ids are unique and speakers name one", "[invariants]") {
    Document doc = sound_document();
    doc.entities.push_back(doc.entities[0]);
    auto found = check_invariants(doc);
    CHECK(only_where(found) == "entities[1].id");
    CHECK_THAT(found[0].problem, Catch::Contains("earlier entity"));

    doc = sound_document();
    doc.items[0].paragraphs[0].speakers[0].entity = "person:nobody";
    CHECK(only_where(check_invariants(doc)) == "items[0].paragraphs[0].speakers[0].entity");
}

TEST_CASE("Invariants: dates, times, groups, severities and codes have their forms",
          "[invariants]") {
    const auto broken = [](auto change) {
        Document doc = sound_document();
        change(doc);
        return only_where(check_invariants(doc));
    };
    CHECK(broken([](Document& d) { d.meeting.date = "2023-02-29"; }) == "meeting.date");
    CHECK(broken([](Document& d) { d.meeting.date = "17 October 2023"; }) == "meeting.date");
    CHECK(broken([](Document& d) { d.meeting.time = "24:00"; }) == "meeting.time");
    CHECK(broken([](Document& d) { d.attendance[0].group = "there"; }) == "attendance[0].group");
    CHECK(broken([](Document& d) { d.diagnostics[0].severity = "fatal"; }) ==
          "diagnostics[0].severity");
    CHECK(broken([](Document& d) { d.diagnostics[0].code = "Charset_Guessed"; }) ==
          "diagnostics[0].code");
    CHECK(broken([](Document& d) { d.source.sha256 = "ABC"; }) == "source.sha256");
    CHECK(broken([](Document& d) {
              kpproc::Action action;
              action.text = "the budget";
              action.due = "2024-13-01";
              d.items[0].actions.push_back(action);
          }) == "items[0].actions[0].due");
    Document absent = sound_document();
    absent.attendance[0].group = "absent";
    CHECK(check_invariants(absent).empty());
}

TEST_CASE("Invariants: strings are valid UTF-8", "[invariants]") {
    Document doc = sound_document();
    doc.meeting.title = std::string("Caf\xE9");
    auto found = check_invariants(doc);
    CHECK(only_where(found) == "meeting.title");
    CHECK(found[0].problem == "is not valid UTF-8 (byte 3)");

    doc = sound_document();
    doc.text += "\xFF";
    CHECK(only_where(check_invariants(doc)) == "text");
}

TEST_CASE("Invariants: pages count from 1 and follow one another", "[invariants]") {
    Document doc = sound_document();
    doc.pages = {{1, Span{0, 48}}, {2, Span{48, 131}}};
    CHECK(check_invariants(doc).empty());
    doc.pages[1].number = 3;
    CHECK(only_where(check_invariants(doc)) == "pages[1].number");
    doc.pages[1] = {2, Span{40, 131}};
    CHECK(only_where(check_invariants(doc)) == "pages[1].span");
}

TEST_CASE("Invariants: the limit bounds the work, and describe() says how many more",
          "[invariants]") {
    Document doc = sound_document();
    for (int i = 0; i < 50; ++i) {
        doc.items.push_back(doc.items[0]);
        doc.items.back().title_span = Span{0, 1000};
    }
    const auto found = check_invariants(doc, 10);
    CHECK(found.size() == 10);
    const std::string text = kpproc::describe(found, 3);
    CHECK_THAT(text, Catch::StartsWith("items[1].title_span: [0, 1000) ends after the text"));
    CHECK_THAT(text, Catch::EndsWith("… and 7 more"));
    CHECK(kpproc::describe({}) == "");
}
