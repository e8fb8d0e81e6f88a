// The entities processor: the gold bar, and the behaviour the issue names one by one (linking,
// roles, speakers, values, batches, gazetteer options, errors).

#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

#include "built_plugins.hpp"
#include "entity_scoring.hpp"
#include "kpproc/error.hpp"
#include "kpproc/framework/batch.hpp"
#include "kpproc/framework/chain.hpp"
#include "kpproc/framework/pipeline.hpp"
#include "kpproc/json.hpp"
#include "kpproc/model_json.hpp"
#include "test_support.hpp"

namespace fs = std::filesystem;
namespace fw = kpproc::framework;
using kpproc::Document;
using kpproc::Entity;

namespace {

const fs::path kSource = KPPROC_SOURCE_DIR;

// Runs `chain` (an adapter, entities, no exporter) over one input's bytes.
Document run_chain(const std::string& chain, const std::string& name, const std::string& bytes) {
    const fw::Pipeline pipeline(kpproc::testing::built_plugins(), fw::parse_chain(chain),
                                fw::Pipeline::ExporterRule::optional);
    auto doc = pipeline.make_worker()->run(name, bytes);
    auto batch = pipeline.make_batch_stages();
    batch.run(doc);
    return doc;
}

Document entities_of_text(const std::string& text, const std::string& options = "") {
    return run_chain("text ! entities" + options, "test.txt", text);
}

Document entities_of_seed(const std::string& name) {
    const fs::path path = kSource / "tests/data/seeds" / name;
    return run_chain("auto ! entities", path.string(), kpproc::testing::slurp(path));
}

std::vector<const Entity*> of_type(const Document& doc, const std::string& type) {
    std::vector<const Entity*> out;
    for (const auto& e : doc.entities) {
        if (e.type == type) {
            out.push_back(&e);
        }
    }
    return out;
}

const Entity* named(const Document& doc, const std::string& type, const std::string& name) {
    for (const auto& e : doc.entities) {
        if (e.type == type && e.name == name) {
            return &e;
        }
    }
    return nullptr;
}

// The entity one of whose mentions reads `text` exactly.
const Entity* mentioned_as(const Document& doc, const std::string& text) {
    for (const auto& e : doc.entities) {
        for (const auto& m : e.mentions) {
            if (m.text == text) {
                return &e;
            }
        }
    }
    return nullptr;
}

std::string attribute(const Entity& e, const std::string& key) {
    for (const auto& [k, v] : e.attributes) {
        if (k == key) {
            return v.is_string() ? v.as_string() : v.is_null() ? "null" : "(not a string)";
        }
    }
    return "(absent)";
}

const kpproc::json::Value* attribute_value(const Entity& e, const std::string& key) {
    for (const auto& [k, v] : e.attributes) {
        if (k == key) {
            return &v;
        }
    }
    return nullptr;
}

// The bar a gold set is held to: overall F1 and F1 for each of `types` at least 0.95, and at
// least `value_percent` of the matched mentions' values right.
void check_bar(const std::string& set,
               const std::vector<std::string>& types = {"PERSON", "MONEY", "DATE"},
               std::size_t value_percent = 95) {
    const fw::Pipeline pipeline(kpproc::testing::built_plugins(),
                                fw::parse_chain("auto ! entities"),
                                fw::Pipeline::ExporterRule::optional);
    auto worker = pipeline.make_worker();
    const auto scores = kpproc::scoring::evaluate_set(
        kSource / "tests/data/gold" / set, kSource / "tests/data" / set,
        [&](const fs::path& p) { return worker->run(p.string(), kpproc::testing::slurp(p)); });
    kpproc::scoring::Score total;
    for (const auto& [name, s] : scores) {
        total.add(s);
    }
    INFO(kpproc::scoring::format_table(total));
    CHECK(total.overall.f1() >= 0.95);
    for (const auto& type : types) {
        INFO(type);
        REQUIRE(total.by_type.count(type) == 1);
        CHECK(total.by_type.at(type).f1() >= 0.95);
    }
    // Values (ISO dates, pounds, role holders) are right for nearly every matched mention.
    CHECK(total.overall.value_correct >= total.overall.valued * value_percent / 100);
}

}  // namespace

// ---- the bar ---------------------------------------------------------------------------------

TEST_CASE("Entities: F1 against the seed gold is at least 0.95 (PERSON, MONEY, DATE too)",
          "[entities][gold]") {
    check_bar("seeds");
}

TEST_CASE("Entities: the same bar on the independently annotated fixtures", "[entities][gold]") {
    check_bar("fixtures");
}

// Attendance forms and bodies of other areas (initials, shared plural titles, titles before
// names, councils in run-on lists). Role holders are named in ways the linker does not read
// yet ("CC Marcus Fenwright", "(in the Chair)"), so the value bar is lower here.
TEST_CASE("Entities: the structure fixtures' gold (PERSON, DATE, ORGANISATION, MONEY at 0.95)",
          "[entities][gold]") {
    check_bar("structure", {"PERSON", "DATE", "ORGANISATION", "MONEY"}, 80);
}

TEST_CASE("Entities: the scorer counts matches, misses and wrong values", "[entities][gold]") {
    using kpproc::scoring::GoldMention;
    const std::vector<GoldMention> gold = {{0, 5, "PERSON", "Mr Hi", ""},
                                           {10, 20, "DATE", "1 May 2023", "2023-05-01"},
                                           {30, 34, "MONEY", "£5m", "5000000"}};
    const std::vector<GoldMention> predicted = {{0, 5, "PERSON", "Mr Hi", ""},
                                                {10, 20, "DATE", "1 May 2023", "2023-05-02"},
                                                {30, 33, "MONEY", "£5", "5"},
                                                {40, 44, "PLACE", "Kent", ""}};
    const auto s = kpproc::scoring::score(gold, predicted);
    CHECK(s.overall.gold == 3);
    CHECK(s.overall.predicted == 4);
    CHECK(s.overall.matched == 2);
    CHECK(s.by_type.at("DATE").valued == 1);
    CHECK(s.by_type.at("DATE").value_correct == 0);
    CHECK(s.by_type.at("MONEY").recall() == 0.0);
    CHECK(s.by_type.at("PLACE").precision() == 0.0);
    CHECK(s.overall.f1() == Approx(2.0 * (2.0 / 4) * (2.0 / 3) / (2.0 / 4 + 2.0 / 3)));
    CHECK_THROWS_AS(kpproc::scoring::read_gold(kSource / "no-such-gold.tsv"), kpproc::Error);
}

// ---- linking within a document ----------------------------------------------------------------

TEST_CASE("Entities: the forms of one person's name are one entity", "[entities][linking]") {
    const auto doc = entities_of_text(
        "Cllr Shane Mochrie-Cox asked a question. Cllr S Mochrie-Cox then added a point.\n"
        "Cllr Mochrie-Cox thanked officers, and Mochrie-Cox left at noon.\n");
    const auto people = of_type(doc, "PERSON");
    REQUIRE(people.size() == 1);
    CHECK(people[0]->name == "Shane Mochrie-Cox");
    CHECK(people[0]->id == "person:mochrie-cox.s");
    CHECK(people[0]->mentions.size() == 4);
    CHECK(attribute(*people[0], "title") == "Cllr");
}

TEST_CASE(
    "Entities: two people sharing a surname stay two, and a bare surname between them "
    "is not guessed",
    "[entities][linking]") {
    const auto doc = entities_of_text(
        "Cllr Steve Iles has replaced Cllr Josie Iles (Medway).\nCllr Iles asked a question.\n");
    const Entity* steve = mentioned_as(doc, "Cllr Steve Iles");
    const Entity* josie = mentioned_as(doc, "Cllr Josie Iles");
    const Entity* bare = mentioned_as(doc, "Cllr Iles");
    REQUIRE(steve != nullptr);
    REQUIRE(josie != nullptr);
    REQUIRE(bare != nullptr);
    CHECK(steve != josie);
    CHECK(bare != steve);
    CHECK(bare != josie);
    const auto* candidates = attribute_value(*bare, "ambiguous_with");
    REQUIRE(candidates != nullptr);
    CHECK(candidates->as_array().size() == 2);
    CHECK_THAT(attribute(*bare, "link_note"), Catch::Contains("not merged"));
}

TEST_CASE("Entities: a bare 'Mr Hill' joins 'Mr P M Hill, OBE' when nothing competes",
          "[entities][linking]") {
    const auto doc = entities_of_seed("001_78dbf443e4e88d81.txt");
    const Entity* hill = mentioned_as(doc, "Mr P M Hill");
    REQUIRE(hill != nullptr);
    CHECK(hill->name == "P M Hill");
    CHECK(attribute(*hill, "honours") == "OBE");
    CHECK(attribute(*hill, "role") == "Chairman");
    const Entity* meade = mentioned_as(doc, "Mr Meade");
    REQUIRE(meade != nullptr);
    CHECK(meade == mentioned_as(doc, "Mr J Meade"));
    // Makinson is in the attendance list with neither title nor initials.
    CHECK(mentioned_as(doc, "Makinson") != nullptr);
}

// ---- roles ------------------------------------------------------------------------------------

TEST_CASE("Entities: roles are resolved to their holders, with the evidence", "[entities][roles]") {
    const auto doc = entities_of_seed("001_78dbf443e4e88d81.txt");
    const Entity* commissioner = named(doc, "ROLE", "Commissioner");
    REQUIRE(commissioner != nullptr);
    CHECK(attribute(*commissioner, "status") == "resolved");
    CHECK(attribute(*commissioner, "holder") == "person:scott.m");
    CHECK(attribute(*commissioner, "holder_name") == "M Scott");
    const auto* evidence = attribute_value(*commissioner, "evidence");
    REQUIRE(evidence != nullptr);
    CHECK(evidence->find("text")->as_string() == "Mr M Scott (Kent Police and Crime Commissioner)");
    const auto& span = evidence->find("span")->as_array();
    CHECK(doc.text.substr(static_cast<std::size_t>(span[0].as_int()),
                          static_cast<std::size_t>(span[1].as_int() - span[0].as_int())) ==
          "Mr M Scott (Kent Police and Crime Commissioner)");
    // "the PCC" and "the Commissioner" are mentions of the same role.
    CHECK(mentioned_as(doc, "PCC") == commissioner);

    const Entity* chair = named(doc, "ROLE", "Chair");
    REQUIRE(chair != nullptr);
    CHECK(attribute(*chair, "holder") == "person:hill.p");
    // The document never says who the Chief Constable is.
    const Entity* chief = named(doc, "ROLE", "Chief Constable");
    REQUIRE(chief != nullptr);
    CHECK(attribute(*chief, "status") == "unresolved");
    CHECK(attribute(*chief, "holder") == "null");
    // "the Chairman of the Criminal Justice Board" is another body's chair, held by the
    // Commissioner: "The Commissioner was also the Chairman of …".
    const Entity* other_chair = named(doc, "ROLE", "Chair of Criminal Justice Board");
    REQUIRE(other_chair != nullptr);
    CHECK(attribute(*other_chair, "holder") == "person:scott.m");
}

TEST_CASE("Entities: an election names the Chair", "[entities][roles]") {
    const auto doc = entities_of_seed("000_722b17af0df403e7.txt");
    const Entity* chair = named(doc, "ROLE", "Chair");
    REQUIRE(chair != nullptr);
    CHECK(attribute(*chair, "holder") == "person:hill");
    const auto* evidence = attribute_value(*chair, "evidence");
    REQUIRE(evidence != nullptr);
    CHECK(evidence->find("how")->as_string() == "election");
    CHECK_THAT(evidence->find("text")->as_string(), Catch::Contains("Mr Hill"));
    const Entity* vice = named(doc, "ROLE", "Vice-Chair");
    REQUIRE(vice != nullptr);
    CHECK(attribute(*vice, "holder_surname") == "Sandher");
    // Nobody in this page says who the Commissioner is.
    const Entity* commissioner = named(doc, "ROLE", "Commissioner");
    REQUIRE(commissioner != nullptr);
    CHECK(attribute(*commissioner, "status") == "unresolved");
}

TEST_CASE("Entities: other ways of naming a role's holder", "[entities][roles]") {
    const auto doc = entities_of_text(
        "The Commissioner, Mr Rupert Ashworth-Kemp, welcomed everyone and introduced Dr Helen "
        "Marsh, who had joined the OPCC as Chief Finance Officer. Ms Leanne O'Rourke, the "
        "Deputy PCC, was present. DCC Marcus Oyelaran gave an update, and the Deputy Chief "
        "Constable answered questions.\n");
    const auto holder_of = [&](const std::string& role) {
        const Entity* e = named(doc, "ROLE", role);
        return e == nullptr ? std::string("(no such role)") : attribute(*e, "holder_surname");
    };
    CHECK(holder_of("Commissioner") == "Ashworth-Kemp");
    CHECK(holder_of("Chief Finance Officer") == "Marsh");
    CHECK(holder_of("Deputy Commissioner") == "O'Rourke");
    CHECK(holder_of("Deputy Chief Constable") == "Oyelaran");
}

TEST_CASE("Entities: two holders for one role are reported, not chosen", "[entities][roles]") {
    const auto doc = entities_of_text(
        "RESOLVED that Cllr Ann Smith be elected as Chair.\n"
        "RESOLVED that Cllr Bob Jones be elected as Chair.\n");
    const Entity* chair = named(doc, "ROLE", "Chair");
    REQUIRE(chair != nullptr);
    CHECK(attribute(*chair, "status") == "conflicting");
    CHECK(attribute(*chair, "holder") == "null");
    CHECK(attribute_value(*chair, "candidates")->as_array().size() == 2);
}

// ---- speakers ---------------------------------------------------------------------------------

TEST_CASE("Entities: each paragraph records who speaks in it", "[entities][speakers]") {
    const auto doc = entities_of_seed("001_78dbf443e4e88d81.txt");
    // Item 103: "The Commissioner introduced the report …" — the Commissioner is Mr Scott.
    const kpproc::Paragraph* found = nullptr;
    for (const auto& item : doc.items) {
        for (const auto& p : item.paragraphs) {
            if (p.text.rfind("The Commissioner introduced the report", 0) == 0) {
                found = &p;
            }
        }
    }
    REQUIRE(found != nullptr);
    REQUIRE(found->speakers.size() >= 1);
    CHECK(found->speakers[0].entity == "person:scott.m");
    CHECK(found->speakers[0].name == "M Scott");
    CHECK(doc.slice(*found->speakers[0].span) == "Commissioner");

    const auto unresolved = entities_of_text(
        "The Chief Constable explained the figures. Cllr Palmer queried the cost. Members "
        "noted the report.\n");
    REQUIRE(unresolved.items.size() == 1);
    REQUIRE(unresolved.items[0].paragraphs.size() == 1);
    const auto& speakers = unresolved.items[0].paragraphs[0].speakers;
    REQUIRE(speakers.size() == 2);
    CHECK(speakers[0].entity == "role:chief-constable");  // nobody says who holds it
    CHECK(speakers[1].name == "Palmer");
}

// ---- values -----------------------------------------------------------------------------------

TEST_CASE("Entities: dates, times, money and percentages are normalised", "[entities][values]") {
    const auto doc = entities_of_text(
        "On 6 February 2019 and 16th July, 2025 at 10.30 am, then 10:16 and 2.00 p.m.; in "
        "April 2022, in 2022/23 and on 17/10/2023. Costs: £2million, £137k, £2.7m, £3000, "
        "£600,000, £4 million, £3.50 and £2-3m. Rates: 96-97%, 5 per cent, 4.5%.\n");
    const auto value_of = [&](const std::string& text) {
        const Entity* e = mentioned_as(doc, text);
        if (e == nullptr) {
            return std::string("(no entity)");
        }
        return e->type == "MONEY" ? attribute(*e, "amount") : attribute(*e, "value");
    };
    CHECK(value_of("6 February 2019") == "2019-02-06");
    CHECK(value_of("16th July, 2025") == "2025-07-16");
    CHECK(value_of("April 2022") == "2022-04");
    CHECK(attribute(*mentioned_as(doc, "April 2022"), "precision") == "month");
    CHECK(value_of("2022/23") == "2022/2023");
    CHECK(value_of("17/10/2023") == "2023-10-17");
    CHECK(value_of("10.30 am") == "10:30");
    CHECK(value_of("10:16") == "10:16");
    CHECK(value_of("2.00 p.m.") == "14:00");
    CHECK(value_of("£2million") == "2000000");
    CHECK(value_of("£137k") == "137000");
    CHECK(value_of("£2.7m") == "2700000");
    CHECK(value_of("£3000") == "3000");
    CHECK(value_of("£600,000") == "600000");
    CHECK(value_of("£4 million") == "4000000");
    CHECK(value_of("£3.50") == "3.50");
    CHECK(value_of("£2-3m") == "2000000-3000000");
    CHECK(value_of("96-97%") == "96-97");
    CHECK(value_of("5 per cent") == "5");
    CHECK(value_of("4.5%") == "4.5");
}

TEST_CASE("Entities: unknown is null — nothing is invented", "[entities][values]") {
    const auto doc = entities_of_text(
        "The report was noted last year and six years ago. In March the Panel met on 31 "
        "February. A meeting at 10.30 followed, and 460 that were recruited.\n");
    // No year, no date: "March" alone, "31 February" (no such day), "last year".
    CHECK(of_type(doc, "DATE").empty());
    // "10.30" without am/pm could be a decimal.
    CHECK(of_type(doc, "TIME").empty());
    CHECK(of_type(doc, "QUANTITY").empty());
    const auto undefined = entities_of_text("The FCR was busy.\n");
    const Entity* fcr = named(undefined, "ACRONYM", "FCR");
    REQUIRE(fcr != nullptr);
    CHECK(attribute(*fcr, "expansion") == "null");
}

TEST_CASE("Entities: the other kinds are found and normalised", "[entities][values]") {
    const auto doc = entities_of_text(
        "Operation Eminent and Op Stack ran under the Mental Health Act and the Police Reform "
        "and Social Responsibility Act 2011 (decision OPCC.D.034.23). The Force Control Room "
        "(FCR) took 1152 calls; the FCR met 487 new police officers from Swale Borough "
        "Council, HMICFRS and Kent Police in Folkestone. Contact: a.b@kent.gov.uk, "
        "03000 416892, Sutton Road, Maidstone ME15 9BZ.\n");
    CHECK(named(doc, "OPERATION", "Operation Eminent") != nullptr);
    CHECK(named(doc, "OPERATION", "Op Stack") != nullptr);
    CHECK(named(doc, "LEGISLATION", "Mental Health Act") != nullptr);
    CHECK(named(doc, "LEGISLATION", "Police Reform and Social Responsibility Act 2011") != nullptr);
    CHECK(named(doc, "DECISION_REF", "OPCC.D.034.23") != nullptr);
    const Entity* fcr = named(doc, "ACRONYM", "FCR");
    REQUIRE(fcr != nullptr);
    CHECK(attribute(*fcr, "expansion") == "Force Control Room");
    CHECK(fcr->mentions.size() == 2);  // the definition and the later bare use
    CHECK(named(doc, "QUANTITY", "1152 calls") != nullptr);
    const Entity* officers = named(doc, "QUANTITY", "487 new police officers");
    REQUIRE(officers != nullptr);
    CHECK(attribute(*officers, "number") == "487");
    CHECK(attribute(*officers, "counted") == "officers");
    CHECK(named(doc, "COUNCIL", "Swale Borough Council") != nullptr);
    CHECK(mentioned_as(doc, "HMICFRS")->type == "ORGANISATION");
    CHECK(named(doc, "ORGANISATION", "Kent Police") != nullptr);
    CHECK(named(doc, "PLACE", "Folkestone") != nullptr);
    CHECK(named(doc, "EMAIL", "a.b@kent.gov.uk") != nullptr);
    CHECK(mentioned_as(doc, "03000 416892")->type == "PHONE");
    CHECK(mentioned_as(doc, "ME15 9BZ")->type == "POSTCODE");
    // Every mention's span points at its words.
    for (const auto& e : doc.entities) {
        for (const auto& m : e.mentions) {
            CHECK(doc.slice(m.span) == m.text);
        }
    }
}

// ---- other councils' and forces' records ---------------------------------------------------

TEST_CASE("Entities: rank lists, posts before names and other tiers' titles",
          "[entities][people]") {
    const auto doc = entities_of_text(
        "Members Present : Aldermen \xE2\x80\x93 R Agnew, J Crawford, W Gault MBE and\n"
        "    T Kirkpatrick\n"
        "Officers Present : Chief Executive - M Burnside\n"
        "Metro Mayor H Caddell          Chairperson of the Authority\n"
        "Also present: Borough Cllr R Ashdown and 6 members of the public.\n"
        "Cllr A Bramley    Personal interest in item 7.\n"
        "R.M. Pugh\n"
        "Attendees\nPCC Gareth Llewelyn\nDCC Martina Kovacs\n"
        "Contact: Gwenllian Prys  01632 960244\n");
    for (const char* name : {"R Agnew", "J Crawford", "W Gault", "T Kirkpatrick", "M Burnside",
                             "H Caddell", "Borough Cllr R Ashdown", "Cllr A Bramley", "R.M. Pugh",
                             "PCC Gareth Llewelyn", "DCC Martina Kovacs", "Gwenllian Prys"}) {
        INFO(name);
        const Entity* e = mentioned_as(doc, name);
        REQUIRE(e != nullptr);
        CHECK(e->type == "PERSON");
    }
    // Negatives: a post, a column's next word and a capitalised phrase are no one's name.
    CHECK(mentioned_as(doc, "Cllr A Bramley    Personal") == nullptr);
    CHECK(mentioned_as(doc, "Gwenllian Prys  01632") == nullptr);
    const auto office = entities_of_text(
        "The PCC Complaints Panel met. Contact: Democratic Services 01632 960000\n"
        "Aldermen \xE2\x80\x93 see the list.\n");
    CHECK(mentioned_as(office, "PCC Complaints") == nullptr);
    CHECK(mentioned_as(office, "Democratic Services") == nullptr);
    for (const auto* e : of_type(office, "PERSON")) {
        INFO(e->name);
        CHECK(false);  // nobody is named here
    }
}

TEST_CASE("Entities: bodies of other kinds and areas", "[entities][organisations]") {
    const auto doc = entities_of_text(
        "Decision Maker: Place, Regeneration and Housing Committee\n"
        "At a meeting of the Northmere Combined Authority, the Combined Authority agreed.\n"
        "MINUTES OF A MEETING OF THE LICENSING AND PUBLIC PROTECTION COMMITTEE HELD ON MONDAY\n"
        "The report went to the Education Committee in February 2025.\n"
        "It wrote to the Department for Communities and the Housing Executive.\n"
        "Funds went to the Firefighters' Charity and the Board of the Strathcairn Harbour Trust.\n"
        "It met under the Local Government (Scotland) Act 1973 and the LOCAL GOVERNMENT ACT, "
        "1972.\n");
    const auto type_of = [&](const std::string& text) {
        const Entity* e = mentioned_as(doc, text);
        return e == nullptr ? std::string("(none)") : e->type;
    };
    CHECK(type_of("Place, Regeneration and Housing Committee") == "ORGANISATION");
    CHECK(type_of("Northmere Combined Authority") == "COUNCIL");
    CHECK(type_of("LICENSING AND PUBLIC PROTECTION COMMITTEE") == "ORGANISATION");
    CHECK(type_of("Education Committee") == "ORGANISATION");
    CHECK(type_of("Department for Communities") == "ORGANISATION");
    CHECK(type_of("Housing Executive") == "ORGANISATION");
    CHECK(type_of("Firefighters' Charity") == "ORGANISATION");
    CHECK(type_of("Strathcairn Harbour Trust") == "ORGANISATION");
    CHECK(type_of("Local Government (Scotland) Act 1973") == "LEGISLATION");
    CHECK(type_of("LOCAL GOVERNMENT ACT, 1972") == "LEGISLATION");
    // Negatives: "the Combined Authority" alone names none; a list of places is no body; a
    // building named after a force is not the force; a post is not its partnership.
    CHECK(type_of("Combined Authority") == "(none)");
    const auto places = entities_of_text(
        "Swale, Dover and Thanet agreed. The Mobile Police Station visited Folkestone.\n"
        "The Joint Waste Partnership Manager reported.\n");
    for (const auto* e : of_type(places, "ORGANISATION")) {
        INFO(e->name);
        CHECK(false);
    }
}

TEST_CASE("Entities: dates and times as other records write them", "[entities][values]") {
    const auto doc = entities_of_text(
        "Held on 11thFebruary 2020 and 21ST OCTOBER, 2024, folio MM 12.12.2024.\n"
        "Funding Agreement 2025-2028 for 2024/25.\n"
        "AT 1000 HOURS; Meeting date: 3 May 2024 at 14.00 at Bodmin.\n");
    const auto value_of = [&](const std::string& text) {
        const Entity* e = mentioned_as(doc, text);
        return e == nullptr ? std::string("(no entity)") : attribute(*e, "value");
    };
    CHECK(value_of("11thFebruary 2020") == "2020-02-11");
    CHECK(value_of("21ST OCTOBER, 2024") == "2024-10-21");
    CHECK(value_of("12.12.2024") == "2024-12-12");
    CHECK(value_of("2025") == "2025");
    CHECK(value_of("2028") == "2028");
    CHECK(value_of("2024/25") == "2024/2025");
    CHECK(value_of("1000 HOURS") == "10:00");
    CHECK(value_of("14.00") == "14:00");
    // Negatives: a paragraph number past noon, a glued non-month and a column of numbers.
    const auto plain = entities_of_text(
        "13.10 Update on the budget\n11thPlace was taken.\n1184    Recommendations Approved\n");
    CHECK(of_type(plain, "TIME").empty());
    CHECK(of_type(plain, "DATE").empty());
    CHECK(of_type(plain, "QUANTITY").empty());
}

TEST_CASE("Entities: words in capitals and reference codes are not acronyms",
          "[entities][values]") {
    const auto doc = entities_of_text(
        "PLANNING\nMinute 24-25/FRA/15 and application 25/0041/HH were noted.\n"
        "The FCR and SSL/TLS were discussed.\n");
    CHECK(named(doc, "ACRONYM", "PLANNING") == nullptr);
    CHECK(named(doc, "ACRONYM", "FRA") == nullptr);
    CHECK(named(doc, "ACRONYM", "HH") == nullptr);
    // Positives: short abbreviations, also beside a slash between words.
    CHECK(named(doc, "ACRONYM", "FCR") != nullptr);
    CHECK(named(doc, "ACRONYM", "TLS") != nullptr);
}

// ---- across a batch ---------------------------------------------------------------------------

namespace {

// Runs `kpproc run`'s batch runner over files in a temporary directory, returning each
// document as the JSON exporter wrote it.
std::vector<Document> run_batch(const std::vector<std::pair<std::string, std::string>>& files,
                                const std::string& chain) {
    const kpproc::testing::TempDir dir;
    std::vector<std::string> arguments;
    for (const auto& [name, text] : files) {
        std::ofstream(dir.path / name) << text;
        arguments.push_back((dir.path / name).string());
    }
    const fw::Pipeline pipeline(kpproc::testing::built_plugins(), fw::parse_chain(chain));
    fw::BatchOptions options;
    options.jobs = 2;
    fw::BatchRunner runner(pipeline, options);
    std::ostringstream out;
    const auto report = runner.run(fw::expand_inputs(arguments).inputs, out);
    REQUIRE(report.failures.empty());
    std::vector<Document> docs;
    std::istringstream lines(out.str());
    for (std::string line; std::getline(lines, line);) {
        docs.push_back(kpproc::document_from_json(line));
    }
    return docs;
}

}  // namespace

TEST_CASE("Entities: across a batch, one person keeps one id, and ambiguity is recorded",
          "[entities][batch]") {
    const std::vector<std::pair<std::string, std::string>> files = {
        {"1.txt", "Cllr Peter Hill chaired. Cllr Steve Iles and Cllr Josie Iles attended.\n"},
        {"2.txt", "Cllr P Hill thanked officers.\n"},
        {"3.txt", "Cllr Hill asked a question. Cllr Iles replied.\n"},
    };
    const auto docs = run_batch(files, "text ! entities ! json(pretty=false)");
    REQUIRE(docs.size() == 3);
    CHECK(mentioned_as(docs[0], "Cllr Peter Hill")->id == "person:hill.p");
    CHECK(mentioned_as(docs[1], "Cllr P Hill")->id == "person:hill.p");
    const Entity* hill = mentioned_as(docs[2], "Cllr Hill");
    REQUIRE(hill != nullptr);
    CHECK(hill->id == "person:hill.p");
    CHECK(attribute(*hill, "linked_by") == "batch");
    CHECK_THAT(attribute(*hill, "link_note"), Catch::Contains("Peter Hill"));
    const Entity* iles = mentioned_as(docs[2], "Cllr Iles");
    REQUIRE(iles != nullptr);
    CHECK(iles->id == "person:iles");
    CHECK(attribute_value(*iles, "ambiguous_with")->as_array().size() == 2);
    CHECK_THAT(attribute(*iles, "link_note"), Catch::Contains("not merged"));

    // Switched off, a surname-only person keeps the id this document gives it.
    const auto separate = run_batch(files, "text ! entities(link_batch=false) ! json");
    CHECK(mentioned_as(separate[2], "Cllr Hill")->id == "person:hill");
    CHECK(mentioned_as(separate[1], "Cllr P Hill")->id == "person:hill.p");
}

// ---- gazetteers and options -------------------------------------------------------------------

TEST_CASE("Entities: users extend the gazetteers without recompiling", "[entities][options]") {
    const kpproc::testing::TempDir dir;
    std::ofstream(dir.path / "local.tsv") << "# local names\n"
                                             "PLACE\tLittle Snoring\n"
                                             "ORGANISATION\tSnoring Rovers FC\n"
                                             "ROLE\tTown Crier\tTown Crier\n";
    const std::string text =
        "Mr A Brown, the Town Crier, met Snoring Rovers FC in Little Snoring.\n";
    const auto plain = entities_of_text(text);
    CHECK(named(plain, "PLACE", "Little Snoring") == nullptr);
    const auto extended =
        entities_of_text(text, "(gazetteers=\"" + (dir.path / "local.tsv").string() + "\")");
    CHECK(named(extended, "PLACE", "Little Snoring") != nullptr);
    CHECK(named(extended, "ORGANISATION", "Snoring Rovers FC") != nullptr);
    const Entity* crier = named(extended, "ROLE", "Town Crier");
    REQUIRE(crier != nullptr);
    CHECK(attribute(*crier, "holder_surname") == "Brown");
}

TEST_CASE("Entities: a bad gazetteer is a clear error naming the file and line",
          "[entities][options][errors]") {
    const kpproc::testing::TempDir dir;
    std::ofstream(dir.path / "bad.tsv") << "PLACE\tSomewhere\nPLACES\tElsewhere\n";
    std::ofstream(dir.path / "no-tab.tsv") << "PLACE Somewhere\n";
    const auto error_of = [&](const std::string& options) {
        try {
            entities_of_text("Text.\n", options);
        } catch (const kpproc::Error& e) {
            return std::string(e.what());
        }
        return std::string("(no error)");
    };
    CHECK_THAT(error_of("(gazetteers=\"" + (dir.path / "bad.tsv").string() + "\")"),
               Catch::Contains("bad.tsv:2") && Catch::Contains("unknown kind 'PLACES'"));
    CHECK_THAT(error_of("(gazetteers=\"" + (dir.path / "no-tab.tsv").string() + "\")"),
               Catch::Contains("no-tab.tsv:1") && Catch::Contains("KIND<TAB>phrase"));
    CHECK_THAT(error_of("(gazetteers=\"" + (dir.path / "missing.tsv").string() + "\")"),
               Catch::Contains("missing.tsv") && Catch::Contains("cannot read"));
    CHECK_THAT(error_of("(data_dir=\"" + dir.path.string() + "/empty\")"),
               Catch::Contains("empty") && Catch::Contains("cannot read"));
}

TEST_CASE("Entities: running twice gives the same entities (no state leaks between documents)",
          "[entities]") {
    const fw::Pipeline pipeline(kpproc::testing::built_plugins(),
                                fw::parse_chain("auto ! entities(link_batch=false)"),
                                fw::Pipeline::ExporterRule::optional);
    auto worker = pipeline.make_worker();
    const fs::path seed = kSource / "tests/data/seeds/002_0fc11edd1836f853.txt";
    const std::string bytes = kpproc::testing::slurp(seed);
    const auto first = worker->run(seed.string(), bytes);
    worker->run("other",
                kpproc::testing::slurp(kSource / "tests/data/seeds/004_4794919378d12ec7.txt"));
    const auto second = worker->run(seed.string(), bytes);
    CHECK(first == second);
    CHECK_FALSE(first.entities.empty());
}
