// Detection and reading over the variety of real records (issue 10), through the command line:
// every layout fixture under tests/data/structure is read by some adapter (none refused), text
// that is not a meeting record stays refused, and a document's warnings reach standard error
// and the summary.

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include "test_support.hpp"

namespace fs = std::filesystem;

namespace {

const fs::path kBinary = KPPROC_BINARY;
const fs::path kSource = KPPROC_SOURCE_DIR;

kpproc::testing::ProcessResult kpproc_run(const std::vector<std::string>& args,
                                          const std::string& stdin_file = "/dev/null") {
    return kpproc::testing::run_process(kBinary, args, stdin_file);
}

}  // namespace

TEST_CASE("Every layout fixture is read by an adapter: no meeting record is refused",
          "[records][detection]") {
    std::size_t fixtures = 0;
    for (const auto& entry : fs::recursive_directory_iterator(kSource / "tests/data/structure")) {
        const auto ext = entry.path().extension();
        if (ext != ".txt" && ext != ".html") {
            continue;
        }
        ++fixtures;
        const auto r = kpproc_run({"detect", entry.path().string()});
        INFO(entry.path().filename().string() << "\n" << r.out);
        CHECK(r.status == 0);
        CHECK_THAT(r.out, !Catch::Contains("nothing chosen"));
    }
    CHECK(fixtures >= 50);
}

TEST_CASE("Text that is not a meeting record is refused, whatever words it shares with one",
          "[records][detection]") {
    std::vector<fs::path> others = {kSource / "README.md", kSource / "framework/src/batch.cpp",
                                    kSource / "CMakeLists.txt",
                                    kSource / "tests/data/structure/GOLD.md"};
    for (const auto& entry : fs::directory_iterator(kSource / "tests/data/not-records")) {
        others.push_back(entry.path());
    }
    for (const char* licence :
         {"/usr/share/common-licenses/GPL-3", "/usr/share/common-licenses/Apache-2.0"}) {
        if (fs::exists(licence)) {
            others.emplace_back(licence);
        }
    }
    for (const auto& path : others) {
        const auto r = kpproc_run({"detect", path.string()});
        INFO(r.out);
        CHECK(r.status == 1);
        CHECK_THAT(r.out, Catch::Contains("nothing chosen"));
    }
}

TEST_CASE("A document's warnings reach standard error and the summary", "[records][warnings]") {
    const kpproc::testing::TempDir dir;
    const fs::path input = dir.path / "record.txt";
    std::ofstream(input) << "MINUTES\n\nPresent: Cllr A Smith and Cllr B Jones\n\nNothing else.\n";
    auto r = kpproc_run({"run", input.string()});
    CHECK(r.status == 0);
    CHECK_THAT(
        r.err,
        Catch::Contains("kpproc: warning: " + input.string() + ": no agenda items were found") &&
            Catch::Contains("kpproc: 1 document done in") && Catch::Contains("; 1 with warnings"));
    r = kpproc_run({"run", "-q", input.string()});
    CHECK(r.err.empty());
}

TEST_CASE("A ModernGov page is known by its title line, even under a long site menu",
          "[records][detection]") {
    const kpproc::testing::TempDir dir;
    const fs::path page = dir.path / "page.txt";
    std::string menu;
    for (int i = 0; i < 120; ++i) {
        menu += "Menu entry " + std::to_string(i) + " - Council services\n";
    }
    std::ofstream(page) << menu
                        << "\nWestshire Licensing Committee - Tuesday, 11th March, 2025 6.30 pm\n\n"
                           "Venue: Council Chamber, Civic Centre\n\nContact: Committee Services\n\n"
                           "Items\nNo. Item\n\n1.\n\nApologies for Absence\n\nMinutes:\n\nNone "
                           "were received.\n";
    const auto r = kpproc_run({"detect", page.string()});
    CHECK(r.status == 0);
    CHECK_THAT(r.out, Catch::Contains("kp.adapter.moderngov"));
}

namespace {

// Writes `content` to a file in `dir` and runs `kpproc` with `command` ("run" or "detect") on it.
kpproc::testing::ProcessResult run_on(const kpproc::testing::TempDir& dir,
                                      const std::string& command, const std::string& content) {
    const fs::path input = dir.path / "page.txt";
    std::ofstream(input) << content;
    if (command == "run") {
        return kpproc_run({"run", "-q", "--chain", "auto ! json(pretty=false)", input.string()});
    }
    return kpproc_run({command, input.string()});
}

}  // namespace

TEST_CASE("ModernGov rows collapsed by a Markdown converter are split into title, text and labels",
          "[records][moderngov]") {
    const kpproc::testing::TempDir dir;
    const auto r = run_on(
        dir, "run",
        "Agenda and minutes\nVenue: Room 2, Town Hall. View directions\nNo. | Item |\n---|---|\n"
        "Apologies for Absence To receive any apologies. Minutes: None were received. |\n|\n"
        "Minutes PDF 90 KB To approve the minutes. Additional documents: Minutes: RESOLVED That "
        "the minutes be approved. |\n|\nAppointment of Members to Outside Bodies Additional "
        "documents: |\n|\n");
    CHECK(r.status == 0);
    CHECK_THAT(r.out,
               Catch::Contains(R"("title":"Apologies for Absence")") &&
                   Catch::Contains(R"("title":"Minutes")") &&
                   Catch::Contains(R"("title":"Appointment of Members to Outside Bodies")") &&
                   Catch::Contains("the minutes be approved"));
    CHECK_THAT(r.out, !Catch::Contains(R"("title":"Apologies for Absence To receive)"));
}

TEST_CASE("A Markdown item table whose cells were kept apart is not taken for collapsed rows",
          "[records][moderngov]") {
    const kpproc::testing::TempDir dir;
    const fs::path input = dir.path / "page.txt";
    std::ofstream(input) << "# Agenda and minutes\n\nNo. | Item  \n---|---  \n1. | **Welcome and "
                            "Apologies To Members**  \nMinutes:  \nThe Chair welcomed everyone.  \n"
                            "2. | **Work Programme**  \nMinutes:  \nNoted.  \n";
    const auto r =
        kpproc_run({"run", "-q", "--chain", "moderngov ! json(pretty=false)", input.string()});
    CHECK_THAT(r.out, Catch::Contains(R"("title":"Welcome and Apologies To Members")") &&
                          Catch::Contains(R"("number":"2")"));
}

TEST_CASE("CMIS meeting pages and their '1 Title' agenda lines are read as ModernGov-family pages",
          "[records][moderngov][detection]") {
    const kpproc::testing::TempDir dir;
    const std::string page =
        "Meeting Details\n\nMeeting Summary\nLicensing Committee\n3 Mar 2025 - 14:00 to 15:00\n"
        "  \xE2\x80\xA2 Documents\n  \xE2\x80\xA2 Attendance\n\nPublic Agenda\n1 Apologies\n\n\n"
        "To receive any apologies.\n\n2 Street Trading Policy\n\n\nTo consider the draft "
        "policy.\n";
    CHECK_THAT(run_on(dir, "detect", page).out, Catch::Contains("kp.adapter.moderngov"));
    const auto r = run_on(dir, "run", page);
    CHECK_THAT(r.out,
               Catch::Contains(R"("body":"Licensing Committee")") &&
                   Catch::Contains(R"("date":"2025-03-03")") &&
                   Catch::Contains(R"("number":"2","ref":null,"title":"Street Trading Policy")"));

    // Numbered lines that do not count up from the first are paragraphs, not agenda items.
    const auto paragraphs = run_on(
        dir, "run",
        "Meeting Details\n\nMeeting Summary\nLicensing Committee\n3 Mar 2025 - 14:00\n"
        "  \xE2\x80\xA2 Documents\n  \xE2\x80\xA2 Attendance\n\n4 Members noted the report\n\n"
        "9 Officers answered questions\n");
    CHECK_THAT(paragraphs.out, !Catch::Contains(R"("number":"9")"));
}

TEST_CASE("'Documents' and 'Attendance' lines without CMIS's 'Meeting Details' are no CMIS page",
          "[records][moderngov][detection]") {
    const kpproc::testing::TempDir dir;
    const auto r = run_on(dir, "detect",
                          "Project notes\n\nDocuments\n\nAttendance\n\nThe team met and talked "
                          "about the garden.\n");
    CHECK_THAT(r.out, !Catch::Contains("kp.adapter.moderngov ("));
}

TEST_CASE(
    "ModernGov's printed minutes template is known by its title and markers, not markers "
    "alone",
    "[records][moderngov][detection]") {
    const kpproc::testing::TempDir dir;
    const std::string body =
        "WESTSHIRE DISTRICT COUNCIL\n\nMINUTES OF THE MEETING OF THE AUDIT COMMITTEE HELD AT THE "
        "TOWN HALL, WESTON ON\n\n4 MARCH 2025\n\nPresent:\n\nCouncillor Abbot (Chairman) and\n\n"
        "Councillors Birch, Cole and Dunn\n\n<AI1>\n\n12.\xC2\xA0\xC2\xA0 Apologies for Absence\n\n"
        "There were none.\n\n</AI1>\n\n<AI2>\n\n13.\xC2\xA0\xC2\xA0 Minutes\n\nRESOLVED: That the "
        "minutes be approved.\n\n</AI2>\n";
    auto r = run_on(dir, "detect", "Minutes Template\n\n" + body);
    CHECK_THAT(r.out, Catch::Contains("kp.adapter.moderngov (0.85)"));
    r = run_on(dir, "run", "Minutes Template\n\n" + body);
    CHECK_THAT(r.out, Catch::Contains(R"(TOWN HALL, WESTON")") &&
                          Catch::Contains(R"("number":"13")") && Catch::Contains(R"("Dunn")"));
    // The markers survive a conversion from the minutes' PDF too: alone they say nothing.
    r = run_on(dir, "detect", body);
    CHECK_THAT(r.out, !Catch::Contains("kp.adapter.moderngov (0.85)"));
}

TEST_CASE(
    "Minutes saved from a committee website go to the ModernGov adapter, a story with a "
    "breadcrumb stays refused",
    "[records][moderngov][detection]") {
    const kpproc::testing::TempDir dir;
    const std::string furniture =
        "Home > Your Council > Committees > Minutes\n\nText only | "
        "Accessibility | Site map\n\n";
    auto r =
        run_on(dir, "detect",
               furniture +
                   "Licensing Committee\n\nMinutes of meeting held on Tuesday 3 March 2009\n\n"
                   "Present:\nCouncillors A Abbot and B Birch\n\nMinute 1  Apologies\n\nNone.\n\n"
                   "Minute 2  Fees\n\nRESOLVED - That the fees be approved.\n\n"
                   "[Back to top] | [Printer friendly version]\n");
    CHECK_THAT(r.out, Catch::Contains("kp.adapter.moderngov (0.82)"));
    r = run_on(dir, "detect",
               furniture +
                   "Chapter One\n\nThe rain had not stopped for three days, and the river "
                   "rose past the garden wall.\n\n[Back to top] | [Printer friendly version]\n");
    CHECK_THAT(r.out, !Catch::Contains("kp.adapter.moderngov ("));
}

TEST_CASE("An agenda item page whose labels were dropped is one item with its resolutions",
          "[records][moderngov]") {
    const kpproc::testing::TempDir dir;
    const auto r = run_on(dir, "run",
                          "Agenda item\n\nParking Review\n\n\nThe officer presented the review.\n\n"
                          "\n\n\nThat the report be noted.\n\n\nSupporting documents:\n\n"
                          "Parking Review, item 5. PDF 120 KB\n");
    CHECK_THAT(r.out, Catch::Contains(R"("title":"Parking Review")") &&
                          Catch::Contains(R"("text":"That the report be noted.")"));
}

TEST_CASE("A text browser's dump: wrapped titles and venues joined, link markers dropped",
          "[records][moderngov]") {
    const kpproc::testing::TempDir dir;
    const auto r = run_on(
        dir, "run",
        "Agenda and minutes\n\nScrutiny Panel - Monday, 3rd March, 2025 6.00 pm\n\n   Venue: Room "
        "1, "
        "Council Offices, High Street,\n   Weston [9]View directions\n\n   Items\n   No.  Item\n\n"
        "   1.\n\n   Review of the Housing Allocations Policy and of the Choice Based Lettings\n"
        "   scheme [10]PDF 120 KB\n\n   Minutes:\n\n   RESOLVED that the review be noted and "
        "that the Panel's comments be sent to\n   the Cabinet.\n");
    CHECK_THAT(r.out,
               Catch::Contains(R"("venue":"Room 1, Council Offices, High Street, Weston")") &&
                   Catch::Contains("Choice Based Lettings scheme\"") &&
                   Catch::Contains("comments be sent to the Cabinet."));
}

TEST_CASE("A ModernGov decisions list: one item per entry, no meeting invented from the first",
          "[records][moderngov][decisions]") {
    const kpproc::testing::TempDir dir;
    const auto r = run_on(
        dir, "run",
        "Decisions\n\nDecisions published\n\n"
        "03/02/2025 - Grit Bin Policy ref: 812    Recommendations Approved\n\n"
        "Decision Maker: Environment Committee\n\n"
        "Made at meeting: 03/02/2025 - Environment Committee\n\n"
        "Decision published: 04/02/2025\n\nEffective from: 03/02/2025\n\n\n"
        "Resolved:\n\n(i)   That the policy be adopted.\n\n(ii)  That it be reviewed in 2027.\n\n"
        "Lead officer: Ann Pryce\n\n\n"
        "28/01/2025 - Tree Works Contract ref: 809    For Determination\n\n"
        "Decision Maker: Director of Place\n\nDecision published: 29/01/2025\n\n"
        "Effective from: 28/01/2025\n\n"
        "To award the tree works contract to Oakline Ltd.\n\n"
        "Filter decisions\nDate range\n");
    CHECK_THAT(r.out, Catch::Contains("kp.adapter.moderngov"));
    CHECK_THAT(r.out, Catch::Contains(R"("title":"Grit Bin Policy")") &&
                          Catch::Contains(R"("title":"Tree Works Contract")") &&
                          Catch::Contains(R"("ref":"812")"));
    CHECK_THAT(
        r.out,
        Catch::Contains(
            R"("text":"(i) That the policy be adopted. (ii) That it be reviewed in 2027.")"));
    CHECK_THAT(r.out,
               Catch::Contains(R"("text":"To award the tree works contract to Oakline Ltd.")"));
    // Two decision makers, two meetings: the page is of no one meeting.
    CHECK_THAT(r.out, Catch::Contains(R"("body":null)") && Catch::Contains(R"("date":null)"));
    CHECK_THAT(r.out, !Catch::Contains(R"("text":"Filter)"));  // the search form is no decision
}

TEST_CASE("A ModernGov issue's decisions: 'Decision made (…):' labels, the one meeting they share",
          "[records][moderngov][decisions]") {
    const kpproc::testing::TempDir dir;
    const auto r = run_on(dir, "run",
                          "Issue - decisions\n\nPublic Toilets Review\n\n"
                          "14/01/2025 - Public Toilets Review\n\n"
                          "Decision Maker: Cabinet\n\n"
                          "Made at meeting: 14/01/2025 - Cabinet\n\n"
                          "Decision status: Recommendations Approved\n\n"
                          "Decision made (Unanimously):\n\n"
                          "That the toilets at Quay Street be refurbished.\n\n"
                          "Reasons for the decision:\n\nThey are the most used.\n\n"
                          "Back to the top of the page\n");
    CHECK_THAT(r.out,
               Catch::Contains(R"("title":"Public Toilets Review")") &&
                   Catch::Contains(R"("text":"That the toilets at Quay Street be refurbished.")") &&
                   !Catch::Contains(R"("text":"They are the most used.")"));
    CHECK_THAT(r.out,
               Catch::Contains(R"("body":"Cabinet")") && Catch::Contains(R"("date":"2025-01-14")"));
}

TEST_CASE("Pages that are not decisions lists are not read as one",
          "[records][moderngov][decisions]") {
    const kpproc::testing::TempDir dir;
    // An issue's history of meetings keeps its "Meeting:" entries.
    const auto history = run_on(dir, "run",
                                "Issue - meetings\n\nCar Parking Charges\n\n"
                                "Meeting: 05/04/2023 - Council (Item 92)\n\n"
                                "92 Car Parking Charges\n\nMinutes:\n\nRESOLVED that the charges "
                                "be approved.\n");
    CHECK_THAT(history.out,
               Catch::Contains(R"("number":"92")") && Catch::Contains(R"("body":"Council")"));
    // A dated line in minutes, with no decision fields under it, is no decision entry.
    const auto minutes =
        run_on(dir, "run",
               "Agenda and minutes\n\nCabinet - Tuesday, 4th March, 2025 6.00 pm\n\n"
               "Items\nNo. Item\n\n1.\n\nApologies\n\nMinutes:\n\n"
               "04/03/2025 - apologies were received from Cllr Dent.\n");
    CHECK_THAT(minutes.out,
               Catch::Contains(R"("body":"Cabinet")") && Catch::Contains(R"("title":"Apologies")"));
}

TEST_CASE("A commissioner's decision record: one item numbered by the decision, no meeting",
          "[records][governance][decision-record]") {
    const kpproc::testing::TempDir dir;
    const std::string form =
        "Police and Crime Commissioner for Haverdale\n\n"
        "DECISION RECORD                          Decision number: 2024/112\n\n"
        "Title:      Funding for Rural Crime Volunteers\n\n"
        "Executive summary:\nVolunteers patrol farmland at night.\n\n"
        "Recommendation:\nThat the Commissioner approves a grant of £8,000 to the scheme.\n\n"
        "I hereby approve the recommendation above.\n\n"
        "Signature:   [signed]                    Date: 3 June 2024\n\n"
        "OFFICER APPROVAL\n\nChief Executive\n"
        "Signature:   [signed]                    Date: 30 May 2024\n";
    const auto detect = run_on(dir, "detect", form);
    CHECK_THAT(detect.out, Catch::Contains("kp.adapter.governance-notes"));
    const auto r = run_on(dir, "run", form);
    CHECK_THAT(r.out, Catch::Contains(R"("number":"2024/112")") &&
                          Catch::Contains(R"("title":"Funding for Rural Crime Volunteers")"));
    CHECK_THAT(r.out,
               Catch::Contains(
                   R"("text":"That the Commissioner approves a grant of £8,000 to the scheme.")"));
    // The commissioner's signature dates the decision; the officer's earlier one does not.
    CHECK_THAT(r.out, Catch::Contains(R"("date":"2024-06-03")"));
    CHECK_THAT(r.out, Catch::Contains(R"("body":null)") && Catch::Contains(R"("venue":null)"));
}

TEST_CASE("A decision form numbered only in its heading, its labels above their values",
          "[records][governance][decision-record]") {
    const kpproc::testing::TempDir dir;
    const auto r = run_on(dir, "run",
                          "Mayor's Office for Policing and Crime\n\n"
                          "DMPC Decision \xE2\x80\x93 PCD 2024/07\n\n"
                          "Title of decision:\nCustody Suite Refurbishment\n\n"
                          "Decision:\nTo approve capital spending of £300,000 on the suite.\n\n"
                          "The above request has my approval.\n\n"
                          "Signature                     Date   14/02/2024\n");
    CHECK_THAT(r.out, Catch::Contains(R"("number":"PCD 2024/07")") &&
                          Catch::Contains(R"("title":"Custody Suite Refurbishment")") &&
                          Catch::Contains(R"("date":"2024-02-14")"));
    CHECK_THAT(r.out, Catch::Contains(
                          R"("text":"To approve capital spending of £300,000 on the suite.")"));
}

TEST_CASE("Minutes, decision logs and ModernGov decision pages are not decision records",
          "[records][governance][decision-record]") {
    const kpproc::testing::TempDir dir;
    // A council committee's minutes with "Decision:" lines.
    const auto minutes = run_on(dir, "detect",
                                "Minutes of the Licensing Committee held on 4 March 2024\n\n"
                                "Present: Councillors Abbott, Byrne and Clay\n\n"
                                "1. Apologies\n\nNone.\n\n2. Taxi Fares\n\n"
                                "Decision: That the fares be increased by 5%.\n");
    CHECK_THAT(minutes.out, !Catch::Contains("decision record"));
    // A commissioner's log lists many decisions, each with its reference: no one record.
    std::string log = "Police and Crime Commissioner: Decisions\n\n";
    for (int k = 1; k <= 4; ++k) {
        log += "Decision Ref: 2024/0" + std::to_string(k) + "\nTitle: Grant " + std::to_string(k) +
               "\nDecision: Approved.\nSigned: PCC\nDate of Decision: 2 May 2024\n\n";
    }
    CHECK_THAT(run_on(dir, "detect", log).out, !Catch::Contains("decision record"));
    // A ModernGov decision page keeps its adapter.
    const auto page = run_on(dir, "detect",
                             "Decision details\n\nCCTV Upgrade\n\nDecision Maker: Cabinet\n\n"
                             "Decision status: Recommendations Approved\n\nDecision:\n\n"
                             "That the upgrade be approved.\n\nDate of decision: 12/03/2024\n");
    CHECK_THAT(page.out, Catch::Contains("kp.adapter.moderngov"));
}

TEST_CASE("A Welsh-language ModernGov page: Welsh labels, links, date and PENDERFYNWYD",
          "[records][moderngov][welsh]") {
    const kpproc::testing::TempDir dir;
    const std::string page =
        "Agenda a chofnodion\n\n"
        "Pwyllgor Cynllunio - Dydd Mawrth, 14eg Ionawr, 2025 10.00 am\n\n"
        "Lleoliad: Siambr y Cyngor, Neuadd y Dref\n\n"
        "Eitemau\nRhif eitem\n\n1.\n\nYmddiheuriadau\n\nCofnodion:\n\nDim.\n\n"
        "2.\n\nCofnodion y cyfarfod blaenorol pdf eicon PDF 120 KB\n\n"
        "Cofnodion:\n\nPENDERFYNWYD cadarnhau'r cofnodion.\n";
    CHECK_THAT(run_on(dir, "detect", page).out, Catch::Contains("kp.adapter.moderngov"));
    const auto r = run_on(dir, "run", page);
    CHECK_THAT(r.out, Catch::Contains(R"("body":"Pwyllgor Cynllunio")") &&
                          Catch::Contains(R"("date":"2025-01-14")") &&
                          Catch::Contains(R"("time":"10:00")") &&
                          Catch::Contains(R"("venue":"Siambr y Cyngor, Neuadd y Dref")"));
    CHECK_THAT(r.out, Catch::Contains(R"("title":"Cofnodion y cyfarfod blaenorol")") &&
                          Catch::Contains(R"("size_kb":120)"));
    CHECK_THAT(r.out, Catch::Contains(R"("text":"PENDERFYNWYD cadarnhau'r cofnodion.")"));
    // "Mai" in a Welsh sentence is no date.
    const auto prose = run_on(dir, "run",
                              "Agenda a chofnodion\n\nPwyllgor Cynllunio\n\nEitemau\n\n1.\n\n"
                              "Ymddiheuriadau\n\nCofnodion:\n\nRoedd Mai yn absennol.\n");
    CHECK_THAT(prose.out, Catch::Contains(R"("date":null)"));
}

TEST_CASE("An agenda on a non-ModernGov site is plain text, a committee site's minutes stay",
          "[records][moderngov][detection]") {
    const kpproc::testing::TempDir dir;
    const auto agenda = run_on(dir, "detect",
                               "Skip to main content\nHome  >  About us  >  Meetings\n\n"
                               "Fire Authority\n\n12 March 2025\n\n"
                               "Item no. Agenda Item Details Status\n01 Apologies for Absence\n"
                               "02 Minutes\n\nPDF icon 2 - Minutes 120.5 KB\nFor decision\n"
                               "03 Budget Monitoring\n\nFor information\n04 Station Review\n\n"
                               "Back to meetings\nContact us  |  Accessibility  |  Privacy\n");
    CHECK_THAT(agenda.out, !Catch::Contains("kp.adapter.moderngov"));
    const auto minutes = run_on(
        dir, "detect",
        "Home > Your Council > Committees > Minutes\n\nText only | Accessibility | Site map\n\n"
        "Planning Committee\n\nMinutes of meeting held on 4 March 2009\n\n"
        "Present:\nCouncillors A Brown and C Dean\n\nMinute 1  Apologies\n\nNone.\n\n"
        "Minute 2  Minutes\n\nRESOLVED - That the minutes be approved.\n\n"
        "Contact us | Accessibility | Privacy\n");
    CHECK_THAT(minutes.out, Catch::Contains("kp.adapter.moderngov"));
}

TEST_CASE("CMIS agenda lines with the minute number alone under each description",
          "[records][moderngov][cmis]") {
    const kpproc::testing::TempDir dir;
    const auto r = run_on(dir, "run",
                          "Meeting Details\nFull Authority\n28 May 2025 - 10:30 to 12:00\n"
                          "  \xE2\x80\xA2 Documents\n  \xE2\x80\xA2 Attendance\n\nAgenda Items\n"
                          "1 Election of Chair\nTo elect a Chair.\n301\n\n"
                          "RESOLVED that Cllr Dale be elected Chair.\n\n"
                          "2 Apologies for Absence\nTo receive apologies.\n302\n"
                          "Apologies were received from Cllr Ash.\n"
                          "3 Budget Monitoring\nTo note the position.\n303\n\n"
                          "RESOLVED that the report be noted.\n");
    // The agenda's numbers are the items'; the minute numbers are neither items nor titles.
    CHECK_THAT(r.out,
               Catch::Contains(R"("number":"1","ref":"Minute 301","title":"Election of Chair")"));
    CHECK_THAT(r.out, Catch::Contains(R"("number":"3")") && !Catch::Contains(R"("number":"302")"));
    CHECK_THAT(r.out, Catch::Contains(R"("text":"RESOLVED that the report be noted.")"));
}

TEST_CASE("A ModernGov page without numbers or labels: rows apart by runs of blank lines",
          "[records][moderngov][blank-rows]") {
    const kpproc::testing::TempDir dir;
    const auto r =
        run_on(dir, "run",
               "Agenda and draft minutes\n\nVenue: Room 1, Civic Centre\n\nNo. Item\n\n\n"
               "Apologies for absence\n\n\nApologies were received from Cllr Fox.\n\n\n\n"
               "Declarations of Interest\n\nMembers are asked to declare interests.\n\n\n\n"
               "There were no declarations.\n\n\n\n"
               "Budget Report pdf icon PDF 90 KB\n\n\n"
               "\tRESOLVED that the report be noted.\n");
    CHECK_THAT(r.out, Catch::Contains(R"("title":"Apologies for absence")") &&
                          Catch::Contains(R"("title":"Declarations of Interest")") &&
                          Catch::Contains(R"("title":"Budget Report")"));
    // A sentence after the blank lines is the minutes of the row above, not a row of its own.
    CHECK_THAT(r.out, !Catch::Contains(R"("title":"There were no declarations.")"));
    CHECK_THAT(r.out, Catch::Contains(R"("text":"RESOLVED that the report be noted.")"));
}

TEST_CASE("ModernGov titles lose '(Agenda item N)' and '- Exempt', a first row may be unnumbered",
          "[records][moderngov][title-refs]") {
    const kpproc::testing::TempDir dir;
    const auto r =
        run_on(dir, "run",
               "Agenda and minutes\n\nCouncil - Thursday, 14th November, 2024 10.00 am\n\n"
               "Venue: Shire Hall\n\nItems\nNo. Item\n\nAvailable Papers\n\n"
               "The Members had before them:\n\nA.   The Agenda papers.\n\n"
               "Additional documents:\n\n2214.\n\n"
               "Minutes (Agenda item 3)\n\nMinutes:\n\n"
               "RESOLVED that the Minutes be confirmed.\n\n2215.\n\n"
               "Sale of Land at Mill Lane - Exempt\n\nMinutes:\n\nThe sale was agreed.\n\n"
               "2216.\n\nExempt Information - Exclusion of the Public\n\nMinutes:\n\n"
               "The public were excluded.\n");
    CHECK_THAT(r.out, Catch::Contains(R"("number":null,"ref":null,"title":"Available Papers")"));
    CHECK_THAT(r.out,
               Catch::Contains(R"("number":"2214","ref":"Agenda item 3","title":"Minutes")"));
    CHECK_THAT(r.out, Catch::Contains(R"("title":"Sale of Land at Mill Lane")"));
    // "Exempt" leading a title is its words, not the flag.
    CHECK_THAT(r.out, Catch::Contains(R"("title":"Exempt Information - Exclusion of the Public")"));
    // Without a row's furniture the lines above the first number are a note, not a row.
    const auto note = run_on(dir, "run",
                             "Agenda and minutes\n\nCouncil - Thursday, 14th November, 2024 "
                             "10.00 am\n\nVenue: Shire Hall\n\nItems\nNo. Item\n\n"
                             "Webcast of this meeting\n\n1.\n\nApologies\n\nMinutes:\n\nNone.\n");
    CHECK_THAT(note.out, !Catch::Contains(R"("title":"Webcast of this meeting")"));
}

TEST_CASE("A ModernGov agenda before its meeting: rows two blank lines apart, no resolutions",
          "[records][moderngov][agenda-only]") {
    const kpproc::testing::TempDir dir;
    const auto r =
        run_on(dir, "run",
               "Agenda\n\nScrutiny Board - Wednesday, 16th April, 2025 6.30 pm\n\n"
               "Venue: Council Chamber\n\nNo. Item\n\n\nApologies\n\n"
               "To receive apologies for absence.\n\n\nExclusion of the Public\n\n"
               "To consider passing the following resolution:\n\n"
               "  \xE2\x80\x9CThat the public be excluded from the meeting.\xE2\x80\x9D\n\n\n"
               "These paragraphs are as follows:\n\nPara 1 - any individual.\n");
    CHECK_THAT(r.out, Catch::Contains(R"("title":"Apologies")") &&
                          Catch::Contains(R"("title":"Exclusion of the Public")"));
    // A line introducing what follows is the row's text, not a row.
    CHECK_THAT(r.out, !Catch::Contains(R"("title":"These paragraphs are as follows:")"));
    // Nothing has been minuted: the model resolution in the agenda text is no resolution.
    CHECK_THAT(r.out,
               Catch::Contains(R"("resolutions":[])") && !Catch::Contains(R"("resolutions":[{)"));
    // A page with minutes keeps its resolutions.
    const auto minuted =
        run_on(dir, "run",
               "Agenda and minutes\n\nScrutiny Board - Wednesday, 16th April, 2025 6.30 pm\n\n"
               "Venue: Council Chamber\n\nNo. Item\n\n\nBudget\n\nThe report was discussed.\n\n\n"
               "Housing\n\nRESOLVED that the report be noted.\n");
    CHECK_THAT(minuted.out, Catch::Contains(R"("text":"RESOLVED that the report be noted.")"));
}

TEST_CASE("ModernGov's older CeListDocuments page: 'Index to Agendas' is the item list",
          "[records][moderngov][celistdocuments]") {
    const kpproc::testing::TempDir dir;
    const std::string page =
        "Meeting documents\n\nCabinet\nThursday, 21st June 2007\n\n"
        "Venue : Committee Room 2 - Town Hall\n\n\nIndex to Agendas\n\n"
        "  1. MINUTES\n  2. FINANCE - REVENUE OUTTURN\n  3. LAND AT FERRY LANE - Exempt\n\n\n"
        "Agenda Reports Pack\n\n  * Public reports pack\n\n\nMinutes\n\n  * Printed minutes\n";
    CHECK_THAT(run_on(dir, "detect", page).out, Catch::Contains("kp.adapter.moderngov"));
    const auto r = run_on(dir, "run", page);
    CHECK_THAT(r.out, Catch::Contains(R"("number":"3","ref":null,"title":"LAND AT FERRY LANE")"));
    CHECK_THAT(r.out, Catch::Contains(R"("venue":"Committee Room 2 - Town Hall")"));
    CHECK_THAT(r.out,
               Catch::Contains(R"("body":"Cabinet")") && Catch::Contains(R"("date":"2007-06-21")"));
    // The document packs after the list belong to no item.
    CHECK_THAT(r.out, !Catch::Contains(R"("number":"4")") &&
                          !Catch::Contains(R"("text":"Public reports pack")"));
    // "Index to Agendas" without the page's "Meeting documents" heading is not this page.
    const auto other =
        run_on(dir, "detect", "Index to Agendas\n\n1. MINUTES\n2. BUDGET\n\nPage last updated\n");
    CHECK_THAT(other.out, !Catch::Contains("kp.adapter.moderngov"));
}

TEST_CASE("ModernGov substitutes named in a minute's sentence", "[records][moderngov][subs]") {
    const kpproc::testing::TempDir dir;
    const auto r =
        run_on(dir, "run",
               "Agenda and minutes\n\nPlanning Committee - Thursday, 6th March, 2025 6.00 pm, NEW"
               "\n\nVenue: Council Offices\n\nItems\nNo. Item\n\n89.\n\nSubstitute Members\n\n"
               "Minutes:\n\nIt was noted that, in accordance with Rule 4, Councillor L M Deverell "
               "had been appointed as a substitute member for Councillor P J Hennessy and "
               "Councillor S Baptiste for Councillor R Okwuosa.\n\n90.\n\nChair\n\nMinutes:\n\n"
               "It was noted that Councillor T Gallacher had been appointed as Chair for the "
               "year.\n");
    CHECK_THAT(r.out, Catch::Contains(R"("name":"L M Deverell")") &&
                          Catch::Contains(R"("name":"S Baptiste")") &&
                          Catch::Contains(R"("group":"substitute")"));
    // The members they stood in for, and a chair's appointment, are not substitutes.
    CHECK_THAT(r.out, !Catch::Contains(R"("name":"P J Hennessy")") &&
                          !Catch::Contains(R"("name":"R Okwuosa")") &&
                          !Catch::Contains(R"("name":"T Gallacher")"));
}

TEST_CASE("ModernGov 'Decision:' and 'Minutes:' blocks: one outcome once, 'None.' is none",
          "[records][moderngov][decision-and-minutes]") {
    const kpproc::testing::TempDir dir;
    const auto r = run_on(dir, "run",
                          "Agenda, decisions and minutes\n\nCabinet - Monday, 9th December, 2024 "
                          "7.00 pm\n\nItems\nNo. Item\n\n2.\n\nDeclarations of Interest\n\n"
                          "Decision:\n\nNone.\n\nMinutes:\n\nNone.\n\n3.\n\nMinutes\n\nDecision:"
                          "\n\nCabinet RESOLVED that the minutes be approved as a correct record."
                          "\n\nMinutes:\n\nRESOLVED that the minutes be approved as a correct "
                          "record.\n\n4.\n\nLibraries\n\nDecision:\n\nCabinet RESOLVED to approve "
                          "the library strategy.\n\nMinutes:\n\nRESOLVED that the Director report "
                          "back on opening hours in March.\n");
    CHECK_THAT(r.out, !Catch::Contains(R"("resolutions":[{"text":"None.")"));
    CHECK_THAT(r.out, Catch::Contains("Cabinet RESOLVED that the minutes be approved") &&
                          !Catch::Contains(R"("text":"RESOLVED that the minutes be approved)"));
    // A different outcome in the minutes is a resolution of its own.
    CHECK_THAT(r.out, Catch::Contains("Cabinet RESOLVED to approve the library strategy.") &&
                          Catch::Contains("RESOLVED that the Director report back"));
}

TEST_CASE("'RESOLVED: (a) That …' then '(b) That …' is one resolution",
          "[records][moderngov][resolution-points]") {
    const kpproc::testing::TempDir dir;
    const auto r = run_on(dir, "run",
                          "Agenda and minutes\n\nPlanning Committee - Thursday, 6th March, 2025 "
                          "6.00 pm\n\nItems\nNo. Item\n\n94.\n\nApplication No 25/00042\n\n"
                          "Minutes:\n\nRESOLVED: (a) That the application be GRANTED.\n\n"
                          "(b) That powers be delegated to settle conditions.\n\n95.\n\nAppeals"
                          "\n\nMinutes:\n\nRESOLVED: That the report be noted.\n\n"
                          "(b) Members asked about the appeal at Rope Walk.\n");
    CHECK_THAT(r.out, Catch::Contains("GRANTED. (b) That powers be delegated"));
    // Without a first point the lettered paragraph after a resolution stays a paragraph.
    CHECK_THAT(r.out, !Catch::Contains("noted. (b) Members asked"));
}

TEST_CASE(
    "ModernGov item page: a label alone, then numbered 'That …' points, is one item's "
    "resolution, not items",
    "[records][moderngov]") {
    const kpproc::testing::TempDir dir;
    const std::string page =
        "Agenda item\n\nCommissioner's Quarterly Report\n\nTo receive the quarterly report.\n\n"
        "Minutes:\n\nMembers welcomed the new charts.\n\nResolved:\n\n"
        "1.     That the Panel continue to receive the data each quarter\n\n"
        "2.     That the Commissioner provide a plain summary\n";
    const auto r = run_on(dir, "run", page);
    CHECK_THAT(r.out, Catch::Contains(R"("title":"Commissioner's Quarterly Report")"));
    CHECK_THAT(r.out, !Catch::Contains(R"("title":"That the Panel)"));
    CHECK_THAT(r.out, Catch::Contains("That the Commissioner provide a plain summary"));
}
