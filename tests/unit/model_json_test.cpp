#include <catch2/catch.hpp>

#include "kpproc/error.hpp"
#include "kpproc/json.hpp"
#include "kpproc/model_json.hpp"

using namespace kpproc;

namespace {

// A document using every field of the model, so the round trip covers all of them.
Document full_document() {
    Document d;
    d.text =
        "MINUTES of a meeting. RESOLVED that the report be noted. \xE2\x80\x9CQuoted\xE2\x80\x9D";
    d.source = Source{
        "minutes/2023-10-17.txt",     "kp.adapter.text", "text/plain", std::string(64, 'a'), 1234,
        "/srv/minutes/2023-10-17.txt"};
    d.meeting = Meeting{"Kent and Medway Police and Crime Panel",
                        "Panel meeting",
                        "2023-10-17",
                        "10:00",
                        "Council Chamber, Sessions House",
                        "Anna Taylor 03000 416478",
                        std::nullopt};
    d.attendance.push_back(
        Attendee{"Mr P M Hill", "Mr", "OBE", "Chairman", "present", std::nullopt, Span{0, 7}});
    Item item;
    item.number = "103";
    item.ref = "Item B2";
    item.title = "Police and Crime Commissioner Annual Report";
    item.title_span = Span{1, 5};
    item.section = "UNRESTRICTED ITEMS";
    item.truncated = true;
    // Built field by field: the model's structs grow, and aggregate initialisers would break.
    const auto para = [](OptionalString number, std::string text, std::optional<Span> span,
                         std::vector<Paragraph> children = {}) {
        Paragraph out;
        out.number = std::move(number);
        out.text = std::move(text);
        out.span = span;
        out.children = std::move(children);
        return out;
    };
    Paragraph p = para("2", "The Commissioner highlighted…", Span{0, 21});
    p.speakers.push_back(Speaker{"role:commissioner", "Commissioner", Span{4, 16}});
    p.children.push_back(para("a", "Nested", Span{2, 4}, {para("1", "Deeper", std::nullopt)}));
    item.paragraphs.push_back(p);
    Paragraph heading = para(std::nullopt, "Online engagement", Span{0, 6},
                             {para(std::nullopt, "x", std::nullopt)});
    heading.heading = true;
    item.description.push_back(heading);
    item.resolutions.push_back(Resolution{"RESOLVED that the report be noted.", Span{22, 56}});
    item.actions.push_back(Action{"Report back in 2024", "Discharged", std::nullopt,
                                  "report received", "Head of Finance", "2024-03-31"});
    item.questions.push_back(Question{"1",
                                      "What is being done?",
                                      Span{3, 9},
                                      Asker{"Cllr Richard Palmer", "Swale Borough Council"},
                                      {para("1", "An answer", std::nullopt)}});
    item.questions.push_back(
        Question{std::nullopt, "Unattributed", std::nullopt, std::nullopt, {}});
    item.decisions.push_back(Decision{"OPCC.D.034.23", Span{4, 17}});
    item.documents.push_back(DocumentRef{"Annual report", "PDF", 145.0});
    item.documents.push_back(DocumentRef{std::nullopt, std::nullopt, std::nullopt});
    item.events.push_back(Event{"adjourned", "10:16", std::nullopt});
    d.items.push_back(item);
    d.items.push_back(Item{});
    Entity e;
    e.id = "person-1";
    e.type = "PERSON";
    e.name = "Richard Palmer";
    e.attributes =
        json::Object{{"title", "Cllr"}, {"confidence", 0.5}, {"aliases", json::Array{"R Palmer"}}};
    e.mentions.push_back(Mention{"Palmer", Span{5, 11}});
    d.entities.push_back(e);
    d.add_diagnostic("warning", "decoded-as-windows-1252", "read as Windows-1252", Span{0, 1});
    d.add_diagnostic("info", "note", "no span");
    return d;
}

}  // namespace

TEST_CASE("A document survives JSON and back unchanged, compact and pretty", "[model]") {
    const Document original = full_document();
    const std::string compact = to_json(original);
    CHECK(document_from_json(compact) == original);
    const std::string pretty = to_json(original, {.indent = 2});
    CHECK(document_from_json(pretty) == original);
    // And the JSON itself is stable: writing the re-read document gives the same bytes.
    CHECK(to_json(document_from_json(compact)) == compact);
}

TEST_CASE("The JSON uses the v1 field names and explicit nulls", "[model]") {
    const Document d = full_document();
    const json::Value v = json::parse(to_json(d));
    CHECK(v.find("kpproc")->as_string() == "1");
    for (const char* field :
         {"source", "meeting", "attendance", "items", "entities", "text", "diagnostics"}) {
        INFO(field);
        CHECK(v.find(field) != nullptr);
    }
    CHECK(v.find("meeting")->find("status")->is_null());  // unknown is null, not absent
    const auto& item = v.find("items")->as_array()[0];
    for (const char* field :
         {"number", "ref", "title", "section", "truncated", "paragraphs", "resolutions", "actions",
          "questions", "decisions", "documents", "events"}) {
        INFO(field);
        CHECK(item.find(field) != nullptr);
    }
    const auto& span = item.find("paragraphs")->as_array()[0].find("span")->as_array();
    CHECK(span[0].as_int() == 0);
    CHECK(span[1].as_int() == 21);
    CHECK(item.find("documents")->as_array()[0].find("size_kb")->as_number() == 145.0);
}

TEST_CASE("Reading JSON: missing arrays are empty, unknown fields are ignored", "[model]") {
    const Document d = document_from_json(
        R"({"kpproc":"1","text":"abc","future_field":{"x":1},"items":[{"title":"T","new":true}]})");
    CHECK(d.text == "abc");
    REQUIRE(d.items.size() == 1);
    CHECK(d.items[0].title == "T");
    CHECK_FALSE(d.items[0].number.has_value());
    CHECK(d.attendance.empty());
}

TEST_CASE("Reading JSON: wrong types name the path of the bad field", "[model][errors]") {
    const auto error_of = [](const char* text) -> std::string {
        try {
            (void)document_from_json(text);
        } catch (const Error& e) {
            CHECK(e.code() == "invalid-document");
            return e.what();
        }
        return "no error";
    };
    CHECK(error_of(R"({"kpproc":"2"})") ==
          "kpproc: model version '2' is not supported (expected '1')");
    CHECK(error_of(R"({"text":""})") == "kpproc: missing");
    CHECK(error_of(R"({"kpproc":"1","items":[{},{"paragraphs":[{"span":[5,2]}]}]})") ==
          "items[1].paragraphs[0].span: expected [begin, end] with 0 <= begin <= end");
    CHECK(error_of(R"({"kpproc":"1","meeting":{"date":20231017}})") ==
          "meeting.date: expected a string, found an integer");
    CHECK(error_of(R"([])") == "document: expected an object, found an array");
}

TEST_CASE("Document::slice returns the words a span covers", "[model]") {
    Document d;
    d.text = "Hello world";
    CHECK(d.slice(Span{6, 11}) == "world");
    CHECK(d.slice(Span{6, 99}).empty());
}
