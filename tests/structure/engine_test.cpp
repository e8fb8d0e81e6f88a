// The structure engine (in kpproc::minutes) through its public API: each form of heading,
// attendance, resolution and header it reads, on small records written for the test, and the
// evidence detection weighs.

#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "kpproc/structure/record.hpp"

namespace st = kpproc::structure;

namespace {

kpproc::Document read(std::string text) {
    kpproc::Document doc;
    doc.text = std::move(text);
    st::read_record(doc);
    return doc;
}

std::vector<std::string> numbers(const kpproc::Document& doc) {
    std::vector<std::string> out;
    for (const auto& item : doc.items) {
        out.push_back(item.number.value_or("-") + " " + item.title.value_or(""));
    }
    return out;
}

std::vector<std::string> people(const kpproc::Document& doc) {
    std::vector<std::string> out;
    for (const auto& a : doc.attendance) {
        out.push_back(a.name + " (" + a.group.value_or("") + ")");
    }
    return out;
}

}  // namespace

TEST_CASE("Engine: items in each numbering scheme, with the title split from a first sentence",
          "[engine][items]") {
    CHECK(numbers(read("Minutes\n\n12. Apologies for Absence\nNone were received.\n\n13. "
                       "MINUTES The minutes of the meeting were approved.\n")) ==
          std::vector<std::string>{"12 Apologies for Absence", "13 MINUTES"});
    CHECK(numbers(read("Minutes\n\n45/24 Apologies\nText.\n\n46/24 Budget Monitoring\nText.\n")) ==
          std::vector<std::string>{"45/24 Apologies", "46/24 Budget Monitoring"});
    CHECK(
        numbers(read("Minutes\n\nCYP 24/41 DECLARATIONS\nNone.\n\nCYP 24/42 MINUTES\nAgreed.\n")) ==
        std::vector<std::string>{"CYP 24/41 DECLARATIONS", "CYP 24/42 MINUTES"});
    CHECK(numbers(read("Agenda\n\nItem 4 - Budget\nText.\n\nAgenda Item 5 - Plan\nText.\n")) ==
          std::vector<std::string>{"4 Budget", "5 Plan"});
    CHECK(numbers(read("Minutes\n\n(412) APOLOGIES\nNone.\n\n(413) MINUTES\nSigned.\n")) ==
          std::vector<std::string>{"412 APOLOGIES", "413 MINUTES"});
    // The number alone on its line, the title under it.
    CHECK(numbers(read("Minutes\n\n1.\n\nAPOLOGIES\n\nNone.\n\n2.\n\nMINUTES\n\nSigned.\n")) ==
          std::vector<std::string>{"1 APOLOGIES", "2 MINUTES"});
}

TEST_CASE("Engine: numbered paragraphs are not items, and titles wrap over lines",
          "[engine][items]") {
    const auto doc = read(
        "Minutes\n\n131. Present\nCllr A Smith.\n\n132. Budget Report\n132.1 The Clerk "
        "presented the draft budget and the members asked about the reserves held\nfor the "
        "hall.\n132.2 It was RESOLVED that the budget be approved.\n\n133. REVENUE BUDGET AND "
        "COUNCIL TAX LEVELS\n2025/26 AND MEDIUM TERM STRATEGY\nText.\n");
    CHECK(numbers(doc) ==
          std::vector<std::string>{"131 Present", "132 Budget Report",
                                   "133 REVENUE BUDGET AND COUNCIL TAX LEVELS 2025/26 AND MEDIUM "
                                   "TERM STRATEGY"});
    REQUIRE(doc.items.size() == 3);
    CHECK(doc.items[1].resolutions.size() == 1);
}

TEST_CASE("Engine: unnumbered records take their headings in capitals", "[engine][items]") {
    const auto doc = read(
        "NORTHMOOR PARISH COUNCIL\nMinutes of the meeting held on 4 March 2024\n\nPresent: Cllr "
        "A Smith and Cllr B Jones\n\nAPOLOGIES FOR ABSENCE\nNone.\n\nPLANNING APPLICATIONS\nNo "
        "objection was raised.\n");
    CHECK(numbers(doc) ==
          std::vector<std::string>{"- APOLOGIES FOR ABSENCE", "- PLANNING APPLICATIONS"});
}

TEST_CASE("Engine: attendance lists in their forms", "[engine][attendance]") {
    CHECK(people(read("Minutes\n\nPresent: Cllr Mrs J Smith (Chairman), Councillors A Brown, "
                      "C Green and D White\n\nApologies: Mr E Black\n\n1. Item\nText.\n")) ==
          std::vector<std::string>{"J Smith (present)", "A Brown (present)", "C Green (present)",
                                   "D White (present)", "E Black (apologies)"});
    // One name per line, blank lines between, a role after the name and a sub-label.
    CHECK(people(read("Minutes\n\nPresent:\n\nCllr Mr A H Porter (Chair)\n\nCouncillors\n\n"
                      "B Abbott\n\nIn Attendance:\nMr W Grosvenor Clerk and Executive Officer\n"
                      "One member of the public\n\n1. Item\nText.\n")) ==
          std::vector<std::string>{"A H Porter (present)", "B Abbott (present)",
                                   "W Grosvenor (in_attendance)"});
    // A list opened by a sentence, substitutes by their role, ranks before names.
    CHECK(people(read("Minutes of a meeting of the Committee held at 9.30 am when there were "
                      "present:\nCouncillors\nMrs E Harcourt (Chairman)\nT Brennan - substitute "
                      "for Mrs K Oyelaran\n\n1. Item\nText.\n")) ==
          std::vector<std::string>{"E Harcourt (present)", "T Brennan (substitute)"});
    CHECK(people(read("Notes\n\nAttendees:\nDCC M Stallard\nChief Constable Stuart Penhale, "
                      "Northmoor Police\n\n1. Item\nText.\n")) ==
          std::vector<std::string>{"M Stallard (present)", "Stuart Penhale (present)"});
}

TEST_CASE("Engine: apologies and substitutes given as sentences", "[engine][attendance]") {
    const auto doc = read(
        "Minutes\n\n1. Apologies\nApologies for absence were received from Councillors K. Evans "
        "(Ceredigion County Council) and L. George.  Councillor M Jones attended as substitute "
        "for Councillor George.\n\n2. Minutes\nSigned.\n");
    CHECK(people(doc) == std::vector<std::string>{"K. Evans (apologies)", "L. George (apologies)",
                                                  "M Jones (substitute)"});
    REQUIRE(!doc.attendance.empty());
    CHECK(doc.attendance[0].organisation == "Ceredigion County Council");
    // A sentence with no names gives nobody.
    CHECK(read("Minutes\n\n1. Apologies\nThere were no apologies.\n\n2. Minutes\nSigned.\n")
              .attendance.empty());
}

TEST_CASE("Engine: resolutions in their forms, a label taking its wording and points",
          "[engine][resolutions]") {
    const auto doc = read(
        "Minutes\n\n1. Budget\nRESOLVED:\nThat the budget be approved.\n\n2. Plan\nUNANIMOUSLY "
        "RESOLVED that the plan be adopted.\n\n3. Fees\nRESOLVED – That\n(i) the fees be "
        "approved;\n(ii) traders be told.\n\n4. Report\nThat the report be noted.\n\n5. Board\n"
        "The Chief presented the outturn. Decision – The PFCC approved the transfer. Members "
        "thanked her.\n");
    std::vector<std::string> found;
    for (const auto& item : doc.items) {
        for (const auto& r : item.resolutions) {
            found.push_back(r.text);
        }
    }
    CHECK(found == std::vector<std::string>{
                       "RESOLVED: That the budget be approved.",
                       "UNANIMOUSLY RESOLVED that the plan be adopted.",
                       "RESOLVED – That (i) the fees be approved; (ii) traders be told.",
                       "That the report be noted.", "Decision – The PFCC approved the transfer"});
}

TEST_CASE("Engine: the meeting from each header form, null where the record is silent",
          "[engine][header]") {
    auto m = read(
                 "Minutes of a meeting of the Planning Committee held in the Council Chamber, "
                 "Town Hall on Tuesday 12 March 2024 at 7.00 pm\n\n1. Item\nText.\n")
                 .meeting;
    CHECK(m.body == "Planning Committee");
    CHECK(m.date == "2024-03-12");
    CHECK(m.time == "19:00");
    CHECK(m.venue == "Council Chamber, Town Hall");
    m = read(
            "Executive Board Minutes – 16 April 2024\n\nDate: 16 April 2024\nTime: 0930 to 1230\n"
            "Venue: Ribston Room, HQ\n\n1. Item\nText.\n")
            .meeting;
    CHECK(m.body == "Executive Board");
    CHECK(m.date == "2024-04-16");
    CHECK(m.time == "09:30");
    CHECK(m.venue == "Ribston Room, HQ");
    m = read("NORTHMOOR PARISH COUNCIL\nMINUTES\n\n1. Item\nText.\n").meeting;
    CHECK(m.body == "NORTHMOOR PARISH COUNCIL");
    CHECK_FALSE(m.date.has_value());  // unknown is null
    CHECK_FALSE(m.time.has_value());
    CHECK_FALSE(m.venue.has_value());
}

TEST_CASE("Engine: evidence for detection needs a sign of a meeting, and markup counts against",
          "[engine][detection]") {
    const auto minutes = st::examine(
        "Minutes of the meeting of the Cabinet held on 4 March 2024\n\nPresent: Cllr A Smith and "
        "Cllr B Jones\n\n1. Apologies\nNone.\n\n2. Budget\nRESOLVED that the budget be "
        "approved.\n\n3. Plan\nNoted.\n");
    CHECK(minutes.record_heading);
    CHECK(minutes.attendance_labels == 1);
    CHECK(minutes.item_headings == 3);
    CHECK(minutes.confidence() >= 0.6);
    CHECK_FALSE(minutes.policing_board);
    // Numbered lists and dates alone are any document.
    CHECK(st::examine("Release notes, 4 March 2024\n\n1. Faster start-up.\n2. Fewer crashes.\n"
                      "3. New icons.\n")
              .confidence() == 0.0);
    CHECK(st::examine("# Minutes\n\n```\nPresent: x\n```\n\n- [link](http://x)\n`code`\n")
              .confidence() == 0.0);
    const auto board = st::examine(
        "Office of the Police and Crime Commissioner\nAccountability Board – Minutes\n\n"
        "Attendees:\nPCC Jane Doe\nChief Constable John Roe\n\n1. Performance\nText.\n");
    CHECK(board.policing_board);
    const auto panel = st::examine(
        "Westshire Police and Crime Panel – Minutes\n\nPresent: Cllr A Smith\n\n1. "
        "Commissioner's report\nThe Commissioner and the Chief Constable attended.\n");
    CHECK_FALSE(panel.policing_board);
}

TEST_CASE("Engine: actions with their owner and due date where the record gives them",
          "[engine][actions]") {
    const auto doc = read(
        "Minutes\n\n1. Highways\nThe verge was discussed.\nAction: RQ to write to the county "
        "council by 31 May 2024.\n\nACTION \xE2\x80\x93 The Clerk to chase the contractor.\n\n"
        "Action: Circulate the report (Owner: Head of Finance, Due: 30 June 2024)\n\nAction: "
        "report back at the next meeting.\n\n2. Close\nThe meeting closed.\n");
    REQUIRE(doc.items.size() == 2);
    const auto& actions = doc.items[0].actions;
    REQUIRE(actions.size() == 4);
    CHECK(actions[0].owner == "RQ");
    CHECK(actions[0].due == "2024-05-31");
    CHECK(actions[1].owner == "Clerk");
    CHECK_FALSE(actions[1].due.has_value());
    CHECK(actions[2].owner == "Head of Finance");
    CHECK(actions[2].due == "2024-06-30");
    CHECK_FALSE(actions[3].owner.has_value());  // unknown is null
    CHECK_FALSE(actions[3].due.has_value());
}

TEST_CASE(
    "Engine: apologies and substitutes inside a paragraph, and names in brackets after a "
    "role",
    "[engine][attendance]") {
    auto doc = read(
        "Minutes\n\n1. Welcome\nThe Chair welcomed everyone.  Apologies were received from "
        "Councillor Okoro, who was represented by Councillor Fairbrother, and from Mr Oakes, "
        "Independent Person.  Cllr Linnane attended as a substitute for Cllr Sowerby.\n\n2. "
        "Minutes\nSigned.\n");
    CHECK(people(doc) == std::vector<std::string>{"Okoro (apologies)", "Oakes (apologies)",
                                                  "Fairbrother (substitute)",
                                                  "Linnane (substitute)"});
    doc = read(
        "Minutes\n\nOfficers:\nDevelopment Control Manager (M Pilkington), Committee "
        "Administrator (K Duerden)\n\n1. Item\nText.\n");
    CHECK(people(doc) == std::vector<std::string>{"M Pilkington (officer)", "K Duerden (officer)"});
    REQUIRE(doc.attendance.size() == 2);
    CHECK(doc.attendance[0].role == "Development Control Manager");
    doc = read(
        "Minutes\n\n1. Apologies\nApologies were submitted on behalf of Councillors Jarvis "
        "and Khan for their inability to attend.\n\n2. Minutes\nSigned.\n");
    CHECK(people(doc) == std::vector<std::string>{"Jarvis (apologies)", "Khan (apologies)"});
}

TEST_CASE("Engine: the venue on its own lines under the date, after a label or 'at'",
          "[engine][header]") {
    auto m = read(
                 "Westshire Governance Board\n\nNotes of Meeting\n\nWednesday 18th September "
                 "2024, 14:00-16:30\n\nBeacon Room, Police Headquarters, Lowfield.\n\n1. Item\n"
                 "Text.\n")
                 .meeting;
    CHECK(m.venue == "Beacon Room, Police Headquarters, Lowfield");
    CHECK(m.time == "14:00");
    m = read(
            "Minutes of Joint Audit Committee Meeting\nTuesday 11 February 2020\n10.00 am\n"
            "Fenwick Room,\nPolice Headquarters\n\n1. Item\nText.\n")
            .meeting;
    CHECK(m.venue == "Fenwick Room, Police Headquarters");
    m = read(
            "Joint Audit Committee Minutes\n\nDate: Thursday 6 June 2024\nTime: 1400hrs "
            "Location: Conference Room 3, Police Headquarters\n\n1. Item\nText.\n")
            .meeting;
    CHECK(m.venue == "Conference Room 3, Police Headquarters");
    CHECK(m.time == "14:00");
}

TEST_CASE("Engine: unnumbered headings known by their shape, and what is not one",
          "[engine][items]") {
    const std::string notes =
        "Strategic Board\n\nNotes of the meeting held on 3 October 2022\n\n"
        "Apologies for absence\nApologies were received from the Chief Constable.\n"
        "Minutes of the previous meeting\nThe minutes were agreed as a correct record.\n"
        "Part 2 – Performance\n"
        "Finance update – month 5\nThe Chief Finance Officer reported a forecast overspend.\n"
        "Date of next meeting\n7 November 2022\n";
    CHECK(numbers(read(notes)) ==
          std::vector<std::string>{"- Apologies for absence", "- Minutes of the previous meeting",
                                   "- Finance update – month 5", "- Date of next meeting"});
    // A short line that ends a wrapped sentence is no heading, nor the last name of a list,
    // and two shapes alone make no items.
    const std::string prose =
        "Minutes of the meeting held on 3 October 2022\n\nPresent:\nCllr A Smith\nCllr B Jones\n"
        "The Chair welcomed members and said that the Board had been asked to consider\n"
        "the Report of the Director\nof Finance, which set out the forecast for the year.\n"
        "Budget\nThe budget was agreed.\n";
    CHECK(read(prose).items.empty());
}

TEST_CASE("Engine: lettered sub-items under numbered items", "[engine][items]") {
    const std::string text =
        "Minutes\n\n3. Police\n"
        "a. Current issues\nThe Chief Constable updated members on the summer events.\n"
        "b. Custody Improvement Plan\nThe report was noted.\n"
        "4. Any Other Business\nNone.\n";
    CHECK(numbers(read(text)) == std::vector<std::string>{"3 Police", "a Current issues",
                                                          "b Custody Improvement Plan",
                                                          "4 Any Other Business"});
    // Bracketed letters head parts of an item's minute; a letter out of order, or a point of
    // a resolution, is no sub-item.
    const std::string points =
        "Minutes\n\n1 Procedural Business\n(a) Declarations of Interest\nNone.\n"
        "2 Budget\nRESOLVED that:\na. the report be noted;\nc. Late Items\n";
    CHECK(numbers(read(points)) == std::vector<std::string>{"1 Procedural Business", "2 Budget"});
}

TEST_CASE("Engine: after a name and a dash, the rest of the line is the role",
          "[engine][attendance]") {
    const auto doc = read(
        "Notes of the meeting held on 3 October 2022\n\nAttendees\n"
        "Dylan Athill – Chief Superintendent, Corporate Development\n"
        "Ann Lee – Chair, Cllr Bob Ray – Vice-Chair\n\nApologies for absence\nNone.\n");
    CHECK(people(doc) == std::vector<std::string>{"Dylan Athill (present)", "Ann Lee (present)",
                                                  "Bob Ray (present)"});
    REQUIRE(doc.attendance.size() == 3);
    CHECK(doc.attendance[0].role.value_or("") == "Chief Superintendent, Corporate Development");
}

TEST_CASE(
    "Engine: people under a group's name, bodies that are no people, names broken by a "
    "PDF's line ends",
    "[engine][attendance]") {
    // A board's notes list the people present under their organisations.
    CHECK(people(read("PERFORMANCE BOARD\n\nMeeting date: 22 January 2015\n\n"
                      "Police:Gareth Polglase, Susan Trewin\n\nOPCC: Alan Rickard, Jenna Pascoe\n\n"
                      "1. Introductions\nThe Commissioner welcomed members.\n"
                      "2. Minutes\nAgreed.\n")) ==
          std::vector<std::string>{"Gareth Polglase (present)", "Susan Trewin (present)",
                                   "Alan Rickard (present)", "Jenna Pascoe (present)"});
    // An agenda's membership is no attendance.
    CHECK(read("AGENDA\n\nMembership (19)\n\nNorthmoor Council: Cllr D Fenwick and Cllr H Iqbal\n\n"
               "1. Apologies\n2. Minutes\n")
              .attendance.empty());
    // "Northmoor Combined Authority" and the words of a role after a comma are nobody.
    CHECK(people(read("Notes\n\nAttendees:\nMartin Oakes, Director of Policing, Fire and Crime\n\n"
                      "Apologies:\nTessa Hurlock, Chief Finance Officer, Northmoor Combined "
                      "Authority\n\n1. Welcome\nText.\n2. Minutes\nText.\n")) ==
          std::vector<std::string>{"Martin Oakes (present)", "Tessa Hurlock (apologies)"});
    // "Councillors: Helen" / "Ashdown (HA), Robert Quince (RQ)".
    CHECK(people(read("MINUTES\nPRESENT\nCouncillors: Helen\nAshdown (HA), Robert Quince (RQ)\n\n"
                      "1. Apologies\nNone.\n2. Minutes\nAgreed.\n")) ==
          std::vector<std::string>{"Helen Ashdown (present)", "Robert Quince (present)"});
}

TEST_CASE("Engine: the meeting from labels, sentences, summons letters and the record's end",
          "[engine][meeting]") {
    auto m = read(
                 "PERFORMANCE BOARD\n\nMeeting date: Thursday 22 January 2015 at 14.00 at "
                 "Tregarth House, Bodmin Road, Lanwithan\n\n1. Introductions\nText.\n")
                 .meeting;
    CHECK(m.date.value_or("-") == "2015-01-22");
    CHECK(m.time.value_or("-") == "14:00");
    CHECK(m.venue.value_or("-") == "Tregarth House, Bodmin Road, Lanwithan");

    m = read(
            "MINUTES\n\nPERFORMANCE AND RESOURCES BOARD\n\n28 February 2024, 0930 to 1230, Chief "
            "Constable's Conference Room, EV HQ\n\n1. Apologies\nNone.\n2. Minutes\nAgreed.\n")
            .meeting;
    CHECK(m.time.value_or("-") == "09:30");
    CHECK(m.venue.value_or("-") == "Chief Constable's Conference Room, EV HQ");

    // The papers' publication date and a letter's own date are not the meeting's.
    m = read(
            "AGENDA\n\nPublished: 26 January 2024\n\nPOLICE AND CRIME PANEL\n\nTuesday, 6 February "
            "2024 at 10.00 am          Ask for: Grace Amankwah\nCouncil Chamber, County Hall, "
            "Westbury          Telephone: 03000 417236\n\n1. Apologies\n2. Minutes\n")
            .meeting;
    CHECK(m.date.value_or("-") == "2024-02-06");
    CHECK(m.venue.value_or("-") == "Council Chamber, County Hall, Westbury");
    m = read(
            "                    2 October 2023\n\nDear Colleague\n\nYou are invited to the next "
            "meeting of the Board which will be held on\nTuesday 10th October 2023 at 10.00 am at "
            "the Council Chamber, Civic Offices, Market Street,\nHarrowden.\n\nAgenda\n\n"
            "1. Apologies\n2. Minutes\n")
            .meeting;
    CHECK(m.date.value_or("-") == "2023-10-10");
    CHECK(m.time.value_or("-") == "10:00");
    CHECK(m.venue.value_or("-") == "Council Chamber, Civic Offices, Market Street, Harrowden");

    // The start time at the record's end; a label that ends the header's sentence.
    m = read(
            "Cabinet\nMinutes\n\nMonday 10 February 2025\n\n1. Apologies\nNone.\n2. Budget\n"
            "Agreed.\n\nMeeting started: 7.00 pm\nMeeting ended: 7.58 pm\n")
            .meeting;
    CHECK(m.time.value_or("-") == "19:00");
    m = read(
            "Minutes of a meeting of the PLANNING COMMITTEE held in the Council Chamber,\nCouncil "
            "Offices, Fenwick Market at 9.30 am when there were present:\nCouncillors\nMrs E J "
            "Harcourt (Chairman)\n\n1. Apologies\nNone.\n")
            .meeting;
    CHECK(m.time.value_or("-") == "09:30");
    CHECK(m.venue.value_or("-") == "Council Chamber, Council Offices, Fenwick Market");

    // A meeting named for what it does; the commissioner's office is not who met.
    m = read(
            "Northmoor Combined Authority\n\nPolicing Accountability Meeting – Notes\n\nDate: "
            "Thursday 7 March 2024\n\n1. Welcome\nText.\n")
            .meeting;
    CHECK(m.body.value_or("-") == "Policing Accountability Meeting");
    m = read(
            "MINUTES\n\nOFFICE OF THE POLICE AND CRIME COMMISSIONER\n\nPERFORMANCE BOARD\n\n"
            "1 March 2024\n\n1. Apologies\nNone.\n2. Minutes\nAgreed.\n")
            .meeting;
    CHECK(m.body.value_or("-") == "PERFORMANCE BOARD");
}

TEST_CASE(
    "Engine: titles with numbers and dashes in capitals, labelled titles, and a heading "
    "that fills the gap in the numbering",
    "[engine][items]") {
    CHECK(numbers(read("Minutes\n\n89. APOLOGIES\nNone.\n\n90. REVENUE BUDGET AND COUNCIL TAX "
                       "LEVELS 2025/26 AND MEDIUM TERM\nFINANCIAL STRATEGY\n\nText.\n")) ==
          std::vector<std::string>{"89 APOLOGIES",
                                   "90 REVENUE BUDGET AND COUNCIL TAX LEVELS "
                                   "2025/26 AND MEDIUM TERM FINANCIAL STRATEGY"});
    CHECK(numbers(read("Minutes\n\n(415) DECLARATIONS\nNone.\n(416) ALDERBY - PF/24/1877 - "
                       "Erection of four detached dwellings with associated\naccess and "
                       "landscaping\nText.\n(417) APPEALS\nNone.\n")) ==
          std::vector<std::string>{"415 DECLARATIONS",
                                   "416 ALDERBY - PF/24/1877 - Erection of four detached "
                                   "dwellings with associated access and landscaping",
                                   "417 APPEALS"});
    CHECK(numbers(read("Notes\n\nItem 2 – Apologies\nNone.\n\nItem 3 – Minutes of the meeting "
                       "held on 4 July 2024 and matters arising\n\nAgreed.\n")) ==
          std::vector<std::string>{"2 Apologies",
                                   "3 Minutes of the meeting held on 4 July 2024 and matters "
                                   "arising"});
    // A numbered paragraph between items is no item, even in order.
    CHECK(numbers(read("Minutes\n\n4. BUDGET\n5. The Committee considered the report of the "
                       "Director and noted that.\n6. PLANNING\nText.\n")) ==
          std::vector<std::string>{"4 BUDGET", "6 PLANNING"});
}

TEST_CASE(
    "Engine: a number stuck to its title, a title under a reference ending in a stop, a "
    "title wrapping in its table column, decimal titles among numbered sentences",
    "[engine][items]") {
    CHECK(numbers(read("Minutes\n\n412. APOLOGIES\nNone.\n413.MINUTES OF THE PREVIOUS MEETING\n"
                       "Agreed.\n")) ==
          std::vector<std::string>{"412 APOLOGIES", "413 MINUTES OF THE PREVIOUS MEETING"});
    CHECK(numbers(read("Minutes\n\nRef 01/18/09/2024\n\nIntroductions.\n\nRef 02/18/09/2024\n\n"
                       "Estates Disposal – Former Station, Millbridge – Paper – For Decision.\n\n"
                       "The paper was presented.\n")) ==
          std::vector<std::string>{
              "01/18/09/2024 Introductions",
              "02/18/09/2024 Estates Disposal – Former Station, Millbridge – Paper – For "
              "Decision"});
    // (A marked title between items 12 and 14 can only be item 13.)
    CHECK(numbers(read("Agenda\n\n11     Chief Constable's Update        CC R Pashley     Verbal\n"
                       "12     Crime Plan Priority: Protecting    ACC D Oyelowo    19 - 42\n"
                       "       Vulnerable People\n"
                       "13     *Private and Confidential*      DCC F Lomax      Verbal\n"
                       "       Operation Kestrel – Update\n"
                       "14     Date of Next Meeting            Ms K Rendall\n"
                       "       Tuesday 14th November 2023 at 10.00 am\n")) ==
          std::vector<std::string>{"11 Chief Constable's Update",
                                   "12 Crime Plan Priority: Protecting Vulnerable People",
                                   "13 Operation Kestrel – Update", "14 Date of Next Meeting"});
    CHECK(numbers(read("Minutes\n\n5.\tPeople update\n5.1\tCamille Brooke presented the report.\n"
                       "5.2\tJP asked for the exit survey results.\n6.\tDecisions\n"
                       "6.1\tBody worn video replacement\nDecision: approved.\n7.\tAOB\n"
                       "7.1\tNone.\n")) ==
          std::vector<std::string>{"5 People update", "6 Decisions", "7 AOB"});
}

TEST_CASE("Engine: unnumbered titles that name their agenda item join the numbered ones",
          "[engine][items]") {
    CHECK(numbers(read("Minutes\n\nDeclaration of Interests (Item 1)\nNone.\n\nApologies (Item 2)"
                       "\nA Quarry\n\n588. Chair's Report (Item 3)\nText.\n\n589. Minutes (Item 4)"
                       "\nAgreed.\n")) ==
          std::vector<std::string>{"- Declaration of Interests", "- Apologies",
                                   "588 Chair's Report", "589 Minutes"});
    // A sentence that ends with a reference is no heading.
    CHECK(numbers(read("Minutes\n\n588. Chair's Report\nThe Chair referred to the audit plan "
                       "(item 4).\n\n589. Minutes\nAgreed.\n")) ==
          std::vector<std::string>{"588 Chair's Report", "589 Minutes"});
}

TEST_CASE(
    "Engine: resolutions with their points, votes before the wording, decisions in a "
    "commissioner's notes",
    "[engine][resolutions]") {
    const auto resolutions = [](const kpproc::Document& doc) {
        std::vector<std::string> out;
        for (const auto& item : doc.items) {
            for (const auto& r : item.resolutions) {
                out.push_back(r.text);
            }
        }
        return out;
    };
    CHECK(resolutions(read("Minutes\n\n6 Strategy\n\n6.1 The Committee considered a report.\n\n"
                           "6.2 RESOLVED: That the Committee:\n\n(1) approves the strategy;\n\n"
                           "(2) requests an annual report.\n\n7 Work Programme\n\n7.1 Noted.\n")) ==
          std::vector<std::string>{"RESOLVED: That the Committee: (1) approves the strategy; (2) "
                                   "requests an annual report."});
    CHECK(resolutions(read("Minutes\n\n(416) ALDERBY\nIt was proposed and\nRESOLVED by 9 votes to "
                           "3 with 1 abstention\nThat this application be refused.\n"
                           "(417) FENWICK\nRESOLVED unanimously\nThat this application be "
                           "approved.\n")) ==
          std::vector<std::string>{
              "RESOLVED by 9 votes to 3 with 1 abstention That this application be refused.",
              "RESOLVED unanimously That this application be approved."});
    const std::string board =
        "Police and Crime Commissioner\nAccountability Board – Notes\n\n1 March 2024\n\n"
        "1. Budget\nThe Chief Constable presented the budget.\n\nThe Commissioner approved the "
        "budget for consultation.\n\n2. Estates\n• DECISION: The Commissioner agreed the sale of "
        "the police house.\n• The Board noted the plan.\n";
    CHECK(resolutions(read(board)) ==
          std::vector<std::string>{"The Commissioner approved the budget for consultation.",
                                   "DECISION: The Commissioner agreed the sale of the police "
                                   "house."});
    // In a council's minutes, an officer approving something is narrative; only a body that
    // meets, or a commissioner in their own board, decides.
    CHECK(resolutions(read("Minutes of the Planning Committee held on 1 March 2024\n\n1. Budget\n"
                           "The Chief Executive approved the budget.\n\n2. Plans\nText.\n"))
              .empty());
}

TEST_CASE("Engine: people in flattened tables, with ranks, possessive roles and initials",
          "[engine][attendance]") {
    // Run on without separators, each name carrying its initials; an organisation's letters
    // are nobody; "(Apologies received)" moves a member to the apologies.
    CHECK(people(read("Minutes\n\nCommittee Members:\n\nRosemary Tildesley (RT) Chair\n\nGraham "
                      "Odell (GO) Vice-chair Pauline Hext (PH)\n\nAndrew Quarry (AQ) (Apologies "
                      "received) Meera Lakhani (ML)\n\nIn Attendance:\n\nStephen Roxby (SR) Chief "
                      "Finance Officer, EC Julie Marchant (JM) Chief Finance Officer, OPCC\n\n"
                      "588. Chair's Report\nText.\n589. Minutes\nAgreed.\n")) ==
          std::vector<std::string>{"Rosemary Tildesley (present)", "Graham Odell (present)",
                                   "Pauline Hext (present)", "Andrew Quarry (apologies)",
                                   "Meera Lakhani (present)", "Stephen Roxby (in_attendance)",
                                   "Julie Marchant (in_attendance)"});
    // A role that ends in a possessive or is worded freely, then the name its initials spell.
    const auto doc = read(
        "Minutes\n\nOfficers: Chief Constable's Staff Officer Neil Orrin (NO); Commissioner's "
        "Chief of Staff Bethan Cale (BC); Head of Corporate Communications Adam Faulds (AF); "
        "Supt. Joanne Cardew; Cty Cllr H Marchbank\n\n1. Apologies\nNone.\n2. Minutes\nAgreed.\n");
    CHECK(people(doc) == std::vector<std::string>{"Neil Orrin (officer)", "Bethan Cale (officer)",
                                                  "Adam Faulds (officer)",
                                                  "Joanne Cardew (officer)",
                                                  "H Marchbank (officer)"});
    REQUIRE(doc.attendance.size() == 5);
    CHECK(doc.attendance[2].role.value_or("") == "Head of Corporate Communications");
}

TEST_CASE(
    "Engine: two columns of names, officers named by their post alone, and a title's "
    "translation under it",
    "[engine][attendance][items]") {
    const auto doc = read(
        "Minutes of Meeting of the Council held on Thursday, 12 December 2024 at 10.35am.\n\n"
        "1.   Calling of the Roll\n     A' Gairm a' Chlàir\n\n     Present:\n\n"
        "     Mr D Abernethy                    Mrs K MacAulay\n"
        "     Ms F Baird                        Mr R MacAulay (via VC)\n\n"
        "     In Attendance:\n     Chief Executive\n     Head of Legal and Governance\n"
        "     Mr J Lindsay, Democratic Services Manager\n\n"
        "2.   Declarations of Interest\n     Foillseachadh Com-pàirt\n\n     None.\n");
    CHECK(people(doc) == std::vector<std::string>{"D Abernethy (present)", "K MacAulay (present)",
                                                  "F Baird (present)", "R MacAulay (present)",
                                                  "J Lindsay (in_attendance)"});
    CHECK(numbers(doc) ==
          std::vector<std::string>{"1 Calling of the Roll", "2 Declarations of Interest"});
    // A label is no post: "Officers:" still opens a list of its own.
    CHECK(people(read("Minutes\n\nAttendees:\nCllr Fiona Marchant (FM) – Chair\n\nOfficers:\n"
                      "Hannah Delacroix (HD) – Partnership Manager\n\n1. Apologies\nNone.\n"
                      "2. Minutes\nAgreed.\n")) ==
          std::vector<std::string>{"Fiona Marchant (present)", "Hannah Delacroix (officer)"});
}

namespace {

// The actions of all items, in order.
std::vector<kpproc::Action> all_actions(const kpproc::Document& doc) {
    std::vector<kpproc::Action> out;
    for (const auto& item : doc.items) {
        out.insert(out.end(), item.actions.begin(), item.actions.end());
    }
    return out;
}

}  // namespace

TEST_CASE(
    "Engine: an action log in fixed columns, cells wrapped, the header repeated after a "
    "page break",
    "[engine][actions][action-log]") {
    const auto doc = read(
        "Resources Board - Action Log\n\n"
        "OPEN ACTIONS\n\n"
        "Ref    Date      Action                         Owner        Due date     Status\n"
        "       raised\n\n"
        "RB     03/03/24  Send the fleet review to the   Head of      30/04/2024   Ongoing -\n"
        "24/01            Board, with the costs of       Fleet                     draft done\n"
        "                 each option.\n\n"
        "RB     03/03/24  Confirm the estates plan.      CFO          Next         Open\n"
        "24/02                                                        meeting\n"
        "Page 1 of 2\n"
        "Ref    Date      Action                         Owner        Due date     Status\n"
        "       raised\n\n"
        "RB     07/05/24  Agree the vetting timetable.   DCC          14/6/24      Open\n"
        "24/03\n");
    CHECK(doc.items.size() == 1);  // the log itself, not its part headings or rows
    const auto actions = all_actions(doc);
    REQUIRE(actions.size() == 3);
    CHECK(actions[0].text == "Send the fleet review to the Board, with the costs of each option.");
    CHECK(actions[0].owner == "Head of Fleet");
    CHECK(actions[0].due == "2024-04-30");
    CHECK(actions[0].status == "ongoing");
    CHECK(actions[0].note == "draft done");
    CHECK(actions[1].owner == "CFO");
    CHECK_FALSE(actions[1].due.has_value());  // "Next meeting" is no date
    CHECK(actions[2].text == "Agree the vetting timetable.");
    CHECK(actions[2].due == "2024-06-14");
    REQUIRE(actions[0].span.has_value());
    CHECK(doc.slice(*actions[0].span).starts_with("Send the fleet review"));
}

TEST_CASE("Engine: action logs with tabs and with pipes, inside an item", "[engine][actions]") {
    auto doc = read(
        "Minutes\n\n1. Welcome\nThe Chair welcomed all.\n\n2. Action log\n"
        "No.\tAction\tLead officer\tTarget date\tProgress\n"
        "7\tReport the repair backlog\tHead of Housing\t31 March 2025\tOn track\n"
        "8\tWrite to the bus company\tClerk\tQ3\tLetter drafted\n");
    REQUIRE(doc.items.size() == 2);
    REQUIRE(doc.items[1].actions.size() == 2);
    CHECK(doc.items[1].actions[0].owner == "Head of Housing");
    CHECK(doc.items[1].actions[0].due == "2025-03-31");
    CHECK(doc.items[1].actions[0].status == "on track");   // a Progress cell opening with it
    CHECK_FALSE(doc.items[1].actions[1].due.has_value());  // "Q3"
    CHECK(doc.items[1].paragraphs.empty());                // the rows are actions, not paragraphs

    doc = read(
        "Minutes\n\n4. Actions\n\n| Ref | Action | Who | When | Status |\n|---|---|---|---|---|\n"
        "| 12 | Order new benches | TO | 01/09/2024 | Complete |\n"
        "| 13 | Ask the county about the verge | Clerk | 30.09.24 | Open |\n");
    const auto actions = all_actions(doc);
    REQUIRE(actions.size() == 2);
    CHECK(actions[0].text == "Order new benches");
    CHECK(actions[0].owner == "TO");
    CHECK(actions[0].status == "complete");
    CHECK(actions[1].due == "2024-09-30");
}

TEST_CASE("Engine: tables that are not action logs give no actions", "[engine][actions]") {
    const auto doc = read(
        "Minutes\n\n1. Budget\n"
        "Service          Budget      Forecast     Variance\n"
        "Highways         1,200       1,150        -50\n"
        "Parks            300         320          20\n\n"
        "2. Attendance\n"
        "Name\tRole\tOrganisation\n"
        "A Smith\tChair\tNorthmoor DC\n\n"
        "3. Minutes table\n"
        "Item\tAction\n"
        "3.1\tThe report was noted.\tFO\n");
    CHECK(all_actions(doc).empty());
}

TEST_CASE("Engine: inline actions, their owners and a pointer to a row of the log",
          "[engine][actions]") {
    const auto doc = read(
        "Minutes\n\n1. Highways\nThe hedge on Mill Lane is overgrown. ACTION: Clerk to write "
        "to the\nlandowner.\n\n"
        "  \xE2\x80\xA2 ACTION: The Chief Constable to report back in May.\n\n"
        "Action 24/03: DE to share the plan. Owner: DE. Due: 4 July 2024.\n\n"
        "Action 23/11 \xE2\x80\x93 TR to circulate the note. \xE2\x80\x93 Discharged. Sent "
        "on 2 May.\n\n"
        "The Treasurer will review the reserves policy before March. Action by: RQ\n\n"
        "Action PF to discuss the proposal with the ACC.\n\n"
        "Members asked for the figures. Action: JM (24/09)\n\n"
        "2. Action log\n"
        "Ref     Action                       Owner   Due\n"
        "24/09   Circulate the figures.       JM      30/06/2024\n");
    const auto actions = all_actions(doc);
    REQUIRE(actions.size() == 7);
    CHECK(actions[0].text == "Clerk to write to the landowner.");
    CHECK(actions[0].owner == "Clerk");
    CHECK(actions[1].owner == "Chief Constable");
    CHECK(actions[2].text == "DE to share the plan.");
    CHECK(actions[2].due == "2024-07-04");
    CHECK(actions[3].text == "TR to circulate the note.");
    CHECK(actions[3].status == "discharged");
    CHECK(actions[3].note == "Sent on 2 May.");
    CHECK(actions[4].text == "The Treasurer will review the reserves policy before March.");
    CHECK(actions[4].owner == "RQ");
    CHECK(actions[5].owner == "PF");
    CHECK(actions[6].text == "Circulate the figures.");  // "Action: JM (24/09)" points here
}

TEST_CASE(
    "Engine: reference numbers with a body's code or a span of years, and a key "
    "decision's mark",
    "[engine][items]") {
    CHECK(numbers(read("Minutes\n\nCou/212/24-25   Present\n                Cllr A Smith\n\n"
                       "Cou/213/24-25   Apologies for Absence\n                None.\n")) ==
          std::vector<std::string>{"Cou/212/24-25 Present", "Cou/213/24-25 Apologies for Absence"});
    CHECK(numbers(read("Minutes\n\n24-25/FRA/15\n\nApologies\n\nNone.\n\n24-25/FRA/16\n\n"
                       "Declarations of Interest\n\nNone.\n")) ==
          std::vector<std::string>{"24-25/FRA/15 Apologies",
                                   "24-25/FRA/16 Declarations of Interest"});
    CHECK(numbers(read("Minutes\n\n105.  APOLOGIES\nNone.\n\n106.  * TRANSPORT CAPITAL PROGRAMME\n"
                       "Text.\n")) ==
          std::vector<std::string>{"105 APOLOGIES", "106 TRANSPORT CAPITAL PROGRAMME"});
    // A date is no reference: "12/03/2025" alone on a line opens nothing.
    CHECK(numbers(read("Minutes\n\n12/03/2025\n\nBudget\n\n1. Apologies\nNone.\n2. Minutes\n"
                       "Agreed.\n")) == std::vector<std::string>{"1 Apologies", "2 Minutes"});
    CHECK(kpproc::structure::item_number_alone("24-25/FRA/15").value_or("-") == "24-25/FRA/15");
    CHECK(!kpproc::structure::item_number_alone("12/03/2025"));
    CHECK(!kpproc::structure::item_number_alone("2024/25"));
}

TEST_CASE(
    "Engine: resolutions inside sentences, labels alone, spaced labels and a minute's "
    "own number before its label",
    "[engine][resolutions]") {
    const auto resolutions = [](const std::string& text) {
        std::vector<std::string> out;
        for (const auto& item : read(text).items) {
            for (const auto& r : item.resolutions) {
                out.push_back(r.text);
            }
        }
        return out;
    };
    // A proposal, then the decision in capitals or "and agreed that", across a line's end.
    CHECK(
        resolutions("Minutes\n\n5.    Audit\n      It was proposed by Alderman Corry, seconded by "
                    "Councillor Quinn and agreed\n      that the Annual Audit Letter be noted.\n"
                    "6.    Rents\n      The Council RESOLVED to increase the rent to £42 from 1 "
                    "October 2025.\n") ==
        std::vector<std::string>{"agreed that the Annual Audit Letter be noted",
                                 "RESOLVED to increase the rent to £42 from 1 October 2025"});
    // "Decision" alone, the wording and its points under it; "Resolved   that" spaced out; a
    // label alone takes whatever wording follows; "The Council resolved in terms of …".
    CHECK(resolutions(
              "Minutes\n\n4.   Budget\n     Decision\n\n     The Council:-\n\n     i.   NOTED "
              "the position; and\n     ii.  AGREED a report.\n\n5.   Minutes\n"
              "Resolved        that the Minutes be adopted.\n\n5\tRESOLVED:-\n\nThat the "
              "Chair has authority to act.\n\n6.   Exclusion\nThe Council resolved in terms "
              "of Section 50A(4) to exclude the public.\n") ==
          std::vector<std::string>{
              "Decision The Council:- i. NOTED the position; and ii. AGREED a report.",
              "Resolved that the Minutes be adopted.",
              "RESOLVED:- That the Chair has authority to act.",
              "The Council resolved in terms of Section 50A(4) to exclude the public."});
    // Narrative that only mentions an agreement is no resolution.
    CHECK(resolutions("Minutes\n\n1. Budget\nMembers agreed that the figures were clear.\n"
                      "2. Plans\nThe Committee noted the plans.\n")
              .empty());
}

TEST_CASE(
    "Engine: letter-spaced labels, ranks with a dash before their names, posts before a "
    "dash, lists broken inside a bracket",
    "[engine][attendance]") {
    CHECK(
        people(read("At a meeting of the Authority held on Friday, 7th March, 2025 the following "
                    "Members were\n\n          P r e s e n t:\n\nCouncillor R Ashworth, Councillor "
                    "F Rusk (Substitute for\nCouncillor G Ellery), Maureen Dunphy (Co-opted\n"
                    "Member - Skills) and Councillor P Kilbride.\n\nMayoral Advisors in attendance"
                    "\n\nProfessor Alinta Reeve (Higher Education)\n\n102.  APOLOGIES\nNone.\n"
                    "103.  MINUTES\nAgreed.\n")) ==
        std::vector<std::string>{"R Ashworth (present)", "F Rusk (substitute)",
                                 "Maureen Dunphy (present)", "P Kilbride (present)",
                                 "Alinta Reeve (in_attendance)"});
    CHECK(people(read("MINUTES OF THE MEETING OF THE COUNCIL HELD ON MONDAY 28 OCTOBER 2024\n\n"
                      "Members Present           :    Aldermen – R Agnew, S Dobbin, M Ervine and\n"
                      "                               T Kirkpatrick\n\n"
                      "                               Councillors – P Brolly, A Cushnahan\n\n"
                      "Officers Present          :    Chief Executive - M Burnside\n"
                      "                               Director of Finance - A Coulter\n\n"
                      "1    APOLOGIES\n\n     None.\n\n2    MINUTES\n\n     Agreed.\n")) ==
          std::vector<std::string>{"R Agnew (present)", "S Dobbin (present)", "M Ervine (present)",
                                   "T Kirkpatrick (present)", "P Brolly (present)",
                                   "A Cushnahan (present)", "M Burnside (officer)",
                                   "A Coulter (officer)"});
}

TEST_CASE(
    "Engine: a board's web page with a Name | Role table, a decision inside a paragraph "
    "and actions' progress",
    "[engine][attendance][resolutions]") {
    const auto doc = read(
        "Title: Commissioner's Monitoring Board\nDate: Tuesday 11 June 2024\n\n"
        "Name | Role |\n---|---|\nPhilippa Rowntree (Chair) | Police and Crime Commissioner |\n"
        "CC Alistair Wynne | Chief Constable |\n\nApologies\nACC Rupert Dacre, Crime and Justice.\n"
        "\n1. Minutes and actions of the meeting held on 14 May 2024\nThe record was approved.\n"
        "Action 21/24 - discharged\n\n2. Finance outturn\nThe Director of Finance presented the "
        "outturn.\nThe Commissioner approved the transfer of £1.2m to the capital reserve.\n"
        "Action 29/24 - Director of Finance to provide a breakdown of vacancies.\n\n"
        "3. Any other business\nNone.\n");
    CHECK(doc.meeting.body.value_or("-") == "Commissioner's Monitoring Board");
    CHECK(people(doc) == std::vector<std::string>{"Philippa Rowntree (present)",
                                                  "Alistair Wynne (present)",
                                                  "Rupert Dacre (apologies)"});
    CHECK(numbers(doc) ==
          std::vector<std::string>{"1 Minutes and actions of the meeting held on 14 May 2024",
                                   "2 Finance outturn", "3 Any other business"});
    REQUIRE(doc.items.size() == 3);
    CHECK(doc.items[0].actions.empty());  // "discharged" reports on an earlier action
    REQUIRE(doc.items[1].resolutions.size() == 1);
    CHECK(doc.items[1].resolutions[0].text ==
          "The Commissioner approved the transfer of £1.2m to the capital reserve.");
    REQUIRE(doc.items[1].actions.size() == 1);
}

TEST_CASE("Engine: names over their posts, one cell to a line, and a document's own dates",
          "[engine][attendance][meeting]") {
    const auto doc = read(
        "Version 3 – 02 October 2024 - FINAL\nDate Created:\n20 September 2024\n\n"
        "Regional Collaboration Board Minutes\n18 September 2024, Tor House, Exbridge\n"
        "Attendees\nPCC Gareth Llewelyn\nWestmarch (Chair)\nPCC Amelia Sorensen\nKernow Vale\n"
        "DPCC Hugh Tennant\nSevernshire\nMatthew Orchard\nChief Executive, OPCC Westmarch\n\n"
        "1. Welcome\n1.1 The Chair welcomed attendees.\n2. Minutes\n2.1 Agreed.\n");
    CHECK(doc.meeting.date.value_or("-") == "2024-09-18");
    CHECK(people(doc) ==
          std::vector<std::string>{"Gareth Llewelyn (present)", "Amelia Sorensen (present)",
                                   "Hugh Tennant (present)", "Matthew Orchard (present)"});
    REQUIRE(doc.attendance.size() == 4);
    CHECK(doc.attendance[3].role.value_or("") == "Chief Executive, OPCC Westmarch");
    // Names one under another stay names; a name with its post after a dash is one person.
    CHECK(people(read("Minutes\n\nPresent:\nJane Smith\nJohn Brown\nAnn Lee\nBob Ray\n\n"
                      "1. Apologies\nNone.\n2. Minutes\nAgreed.\n")) ==
          std::vector<std::string>{"Jane Smith (present)", "John Brown (present)",
                                   "Ann Lee (present)", "Bob Ray (present)"});
    CHECK(people(read("Minutes\n\nAttendees\nRhodri Pennant – Commissioner (Chair)\nCarys Lloyd – "
                      "Deputy Commissioner\nIeuan Price – Chief Constable\nMegan Daub – Deputy "
                      "Chief Constable\n\n1. Apologies\nNone.\n2. Minutes\nAgreed.\n")) ==
          std::vector<std::string>{"Rhodri Pennant (present)", "Carys Lloyd (present)",
                                   "Ieuan Price (present)", "Megan Daub (present)"});
}

namespace {

std::vector<std::string> resolution_texts(const kpproc::Document& doc) {
    std::vector<std::string> out;
    for (const auto& item : doc.items) {
        for (const auto& r : item.resolutions) {
            out.push_back(r.text);
        }
    }
    return out;
}

}  // namespace

TEST_CASE("Engine: a decision table in fixed columns, titles and decisions wrapped in their cells",
          "[engine][decision-table]") {
    const auto doc = read(
        "RECORD OF DECISIONS\n\nDate: 3 March 2025\n\n"
        "  No.  Item                      Decision                                 Ref\n"
        "  --------------------------------------------------------------------------\n"
        "  1    Apologies                 None.                                    -\n\n"
        "  2    Estates - Sale of the     Decision: The Commissioner approved      JE\n"
        "       Upton police office       the sale of the office at auction.      25/004\n"
        "                                 Action A25/02: Head of Estates to\n"
        "                                 report the result in May.\n\n"
        "  3    Any other business        None.                                    -\n");
    CHECK(numbers(doc) == std::vector<std::string>{"1 Apologies",
                                                   "2 Estates - Sale of the Upton police office",
                                                   "3 Any other business"});
    CHECK(resolution_texts(doc) ==
          std::vector<std::string>{"The Commissioner approved the sale of the office at auction."});
    REQUIRE(doc.items.size() == 3);
    REQUIRE(doc.items[1].actions.size() == 1);
    CHECK(doc.items[1].actions[0].text == "Head of Estates to report the result in May.");
    CHECK(doc.items[1].actions[0].owner == "Head of Estates");
    REQUIRE(doc.items[1].decisions.size() == 1);
    CHECK(doc.items[1].decisions[0].ref == "JE 25/004");
    // Every span points at the words it came from.
    const auto& r = doc.items[1].resolutions.at(0);
    CHECK(doc.text.substr(r.span->begin, 10) == "The Commis");
}

TEST_CASE("Engine: decision tables in tabs and pipes, each cell of a Decision column a decision",
          "[engine][decision-table]") {
    const auto tabs = read(
        "Cabinet\nRecord of decisions\n\n"
        "Item\tSubject\tDecision\tReason\n"
        "12\tLibrary opening hours\tCabinet approved the new opening hours.\tSavings.\n"
        "13\tPlay areas\tCabinet agreed the programme of repairs.\t-\n");
    CHECK(numbers(tabs) == std::vector<std::string>{"12 Library opening hours", "13 Play areas"});
    CHECK(resolution_texts(tabs) ==
          std::vector<std::string>{"Cabinet approved the new opening hours.",
                                   "Cabinet agreed the programme of repairs."});
    const auto pipes = read(
        "Executive Board\nDecisions\n\n"
        "| No. | Paper | Decision | Action | Owner |\n"
        "|---|---|---|---|---|\n"
        "| 1 | Fleet | The PFCC approved the purchase. | Publish the notice. | OPCC |\n"
        "|  |  |  | Tell the fleet managers. | ACC |\n"
        "| 2 | AOB | None. | - | - |\n");
    CHECK(numbers(pipes) == std::vector<std::string>{"1 Fleet", "2 AOB"});
    CHECK(resolution_texts(pipes) == std::vector<std::string>{"The PFCC approved the purchase."});
    REQUIRE(pipes.items.size() == 2);
    REQUIRE(pipes.items[0].actions.size() == 2);
    CHECK(pipes.items[0].actions[1].text == "Tell the fleet managers.");
    CHECK(pipes.items[0].actions[1].owner == "ACC");
    CHECK(pipes.items[1].actions.empty());
}

TEST_CASE("Engine: tables that are not decision tables give no decisions",
          "[engine][decision-table]") {
    // An attendance table, a budget table and an action log: no Item and Decision columns.
    const auto doc = read(
        "Minutes\n\n1. Attendance\nName\tRole\tOrganisation\nA Smith\tChair\tNorthmoor DC\n\n"
        "2. Budget\nService          Budget      Forecast\nParks            300         320\n\n"
        "3. Action log\nRef     Action                       Owner   Due\n"
        "24/09   Circulate the figures.       JM      30/06/2024\n");
    CHECK(numbers(doc) == std::vector<std::string>{"1 Attendance", "2 Budget", "3 Action log"});
    CHECK(resolution_texts(doc).empty());
    // Two words apart on a line over one unnumbered row are not yet a table.
    const auto prose = read(
        "Minutes\n\n1. Planning\nItem        Decision\nThe plan was noted.\n\n2. Parks\nNoted.\n");
    CHECK(numbers(prose) == std::vector<std::string>{"1 Planning", "2 Parks"});
    CHECK(resolution_texts(prose).empty());
}

TEST_CASE("Engine: apologies and substitutes in the sentences councils write them",
          "[engine][attendance]") {
    const auto from = [](const std::string& sentence) {
        return people(read("Minutes\n\n1. Apologies\n" + sentence + "\n\n2. Minutes\nAgreed.\n"));
    };
    CHECK(from("The Chief Executive recorded the attendance.  Apologies were recorded from "
               "Alderman Devine and Councillors Carlin and McGonagle.") ==
          std::vector<std::string>{"Devine (apologies)", "Carlin (apologies)",
                                   "McGonagle (apologies)"});
    CHECK(from("Apologies for absence were intimated by Councillors Bryce, Lamont and MacPhail.") ==
          std::vector<std::string>{"Bryce (apologies)", "Lamont (apologies)",
                                   "MacPhail (apologies)"});
    CHECK(from("An apology for absence was received from Councillor E. Tudor.") ==
          std::vector<std::string>{"E. Tudor (apologies)"});
    CHECK(from("It was noted that apologies for absence had been received from Councillors Jukes "
               "and Mrs Kenward.") ==
          std::vector<std::string>{"Jukes (apologies)", "Kenward (apologies)"});
    CHECK(from("Apologies were received from Councillor J Moxon (Councillor P Trask "
               "substituting) and Councillor S Ilori.") ==
          std::vector<std::string>{"J Moxon (apologies)", "S Ilori (apologies)",
                                   "P Trask (substitute)"});
    CHECK(from("Apologies were received from Councillor Thackeray, with Councillor Imrie "
               "attending.") ==
          std::vector<std::string>{"Thackeray (apologies)", "Imrie (substitute)"});
    // A sentence that mentions apologies without giving any is nobody's.
    CHECK(from("The Chair thanked members and said that the meeting would end early.").empty());
}

TEST_CASE(
    "Engine: a councillor's tier before the title, posts and bodies capitalised like "
    "names",
    "[engine][attendance]") {
    CHECK(people(
              read("Minutes\n\nIn attendance: Unitary Cllr B Lister, Borough Councillor R Ashdown\n"
                   "\nOfficers: Mr N Pascoe Clerk and Responsible Financial Officer to Ashcombe "
                   "Vale Parish Council; Mrs L Ferrand Assistant Clerk, Ashcombe Vale Parish "
                   "Council; Development Control Manager (M Pilkington)\n\n1. Apologies\nNone.\n"
                   "2. Minutes\nAgreed.\n")) ==
          std::vector<std::string>{"B Lister (in_attendance)", "R Ashdown (in_attendance)",
                                   "N Pascoe (officer)", "L Ferrand (officer)",
                                   "M Pilkington (officer)"});
}

TEST_CASE("Engine: a body's name without the letters it goes by or the kind of record",
          "[engine][meeting]") {
    CHECK(read("Policing and Crime Joint Executive (PCJE)\nRecord of Decisions\n\n12 March 2025\n\n"
               "1. Apologies\nNone.\n2. Minutes\nAgreed.\n")
              .meeting.body.value_or("-") == "Policing and Crime Joint Executive");
    CHECK(read("Executive Board – Decisions and Actions\n\n12 March 2025\n\n1. Apologies\nNone.\n"
               "2. Minutes\nAgreed.\n")
              .meeting.body.value_or("-") == "Executive Board");
    CHECK(
        read("Policing Accountability Meeting – Notes\n\nDate: 7 March 2024\n\n1. Welcome\nText.\n"
             "2. Minutes\nText.\n")
            .meeting.body.value_or("-") == "Policing Accountability Meeting");
    // Brackets that are not an acronym stay.
    CHECK(read("Planning Committee (East)\n\n12 March 2025\n\n1. Apologies\nNone.\n2. Minutes\n"
               "Agreed.\n")
              .meeting.body.value_or("-") == "Planning Committee (East)");
}

TEST_CASE(
    "Engine: a commissioner's own meeting, posts joined by 'and', and meetings named for "
    "what they are",
    "[engine][attendance][meeting][evidence]") {
    const std::string notes =
        "Office of the Police and Crime Commissioner for Ribbleshire\n\nSTRATEGIC SCRUTINY MEETING"
        "\n\nNote of Meeting\n\nDate:      Wednesday 19 February 2025\n\nPresent\nPolice and Crime "
        "Commissioner – Alec Hartley (Chair)\nChief Constable – Rachel Ainscough\n\nNote taker\n"
        "Governance Officer – Lucy Entwistle\n\nItem 1 – Note of Meeting\nAgreed.\n\nItem 2 – "
        "Performance Report\nThe Chief Constable presented the report.\n";
    CHECK(st::examine(notes).policing_board);
    const auto doc = read(notes);
    CHECK(people(doc) == std::vector<std::string>{"Alec Hartley (present)",
                                                  "Rachel Ainscough (present)",
                                                  "Lucy Entwistle (officer)"});
    REQUIRE(!doc.attendance.empty());
    CHECK(doc.attendance[0].role.value_or("") == "Police and Crime Commissioner (Chair)");
    // A Police and Crime Panel's minutes name the commissioner too, but the panel met.
    CHECK(!st::examine("Police and Crime Panel\n\nMinutes of the meeting held on 3 May 2024\n\n"
                       "Present: Cllr A Smith, Cllr B Jones\n\nAlso present: the Police and Crime "
                       "Commissioner\n\n1. Apologies\nNone.\n2. Minutes\nAgreed.\n")
               .policing_board);

    auto m = read(
                 "MINUTES OF THE LEVEL 1 MEETING HELD IN THE CONFERENCE HALL, POLICE HEADQUARTERS,"
                 "\nALDERBURY, 25 NOVEMBER 2024 COMMENCING AT 10.00AM AND CONCLUDING AT 12.35PM\n\n"
                 "1        Minutes\n\n         Agreed.\n\n2        Budget\n\n         Noted.\n")
                 .meeting;
    CHECK(m.body.value_or("-") == "LEVEL 1 MEETING");
    CHECK(m.venue.value_or("-") == "CONFERENCE HALL, POLICE HEADQUARTERS, ALDERBURY");
    CHECK(m.time.value_or("-") == "10:00");
    m = read(
            "Cwm Teifion Community Council\n\nDraft Minutes of the Ordinary Meeting held on "
            "Thursday "
            "15th May 2025, at the Memorial Hall, Pontrhydfen, commencing at 7.05 pm.\n\n"
            "1/25 Apologies: None.\n2/25 Minutes: Agreed.\n")
            .meeting;
    CHECK(m.body.value_or("-") == "Cwm Teifion Community Council");
    CHECK(m.venue.value_or("-") == "Memorial Hall, Pontrhydfen");
    CHECK(read("Minutes of the PARISH COUNCIL MEETING held on the 17th March 2025 at 7.30pm.\n\n"
               "84.    Apologies\n85.    Minutes\n")
              .meeting.body.value_or("-") == "PARISH COUNCIL");
}

TEST_CASE(
    "Engine: run-in titles with a colon, owners' initials after a sentence, and clauses "
    "that are no titles",
    "[engine][items][actions]") {
    const auto doc = read(
        "Minutes of a meeting of the Directors held on Thursday 13th February 2025\n\n"
        "Present: R. Gillanders (Chair); M. Tulloch\nOthers present: D. Harcus, Harbourmaster\n\n"
        "1.Apologies: K. Linklater; T. Wylie\n\n2.Minutes of meeting held on 9 January 2025 and "
        "matters arising: The minutes were approved. There were no matters arising.\n\n"
        "3. Port Marine Safety Code and Health & Safety Report:\n• The ladder at berth 6 is "
        "loose and must be re-secured. DH\n\n4.Finance Report:\nThe surplus was small.\n"
        "Berthing fees have been invoiced; three remain unpaid. PR\n\n5. AOB:\nThe Chair "
        "asked that the sub-committee meet in March to review the risk\nregister. AD\nagreed to "
        "arrange it.\n");
    CHECK(numbers(doc) ==
          std::vector<std::string>{
              "1 Apologies", "2 Minutes of meeting held on 9 January 2025 and matters arising",
              "3 Port Marine Safety Code and Health & Safety Report", "4 Finance Report", "5 AOB"});
    CHECK(people(doc) == std::vector<std::string>{"R. Gillanders (present)", "M. Tulloch (present)",
                                                  "D. Harcus (also_present)",
                                                  "K. Linklater (apologies)",
                                                  "T. Wylie (apologies)"});
    REQUIRE(doc.items.size() == 5);
    REQUIRE(doc.items[2].actions.size() == 1);
    CHECK(doc.items[2].actions[0].text == "The ladder at berth 6 is loose and must be re-secured.");
    CHECK(doc.items[2].actions[0].owner.value_or("") == "DH");
    REQUIRE(doc.items[3].actions.size() == 1);
    CHECK(doc.items[3].actions[0].owner.value_or("") == "PR");
    CHECK(doc.items[4].actions.empty());  // "AD" begins the next sentence
    // "7. The Board agreed:" introduces points; it heads no item.
    CHECK(numbers(read("Minutes\n\n6. Budget\nText.\n7.     The Board agreed:\n       a) to "
                       "approve the plan;\n8. Plans\nText.\n")) ==
          std::vector<std::string>{"6 Budget", "8 Plans"});
}

TEST_CASE(
    "Engine: decisions as 'The Board agreed …', 'Outcome:' lines and 'Resolved:' after a "
    "sentence, and references with a longer prefix",
    "[engine][resolutions][items]") {
    const auto texts = [](const kpproc::Document& doc) {
        std::vector<std::string> out;
        for (const auto& item : doc.items) {
            for (const auto& r : item.resolutions) {
                out.push_back(r.text);
            }
        }
        return out;
    };
    const auto doc = read(
        "Minutes\n\n   JIAC 24/42  Budget\n\n10.    The Board agreed to approve the revenue budget "
        "of £6.82 million.\n\n   JIAC 24/43  Finance\n\n(a) Payments were checked by Cllr L "
        "Prosser. Resolved: to approve the payments totalling £3,118.42.\n\nOutcome: The report "
        "was noted.\n");
    CHECK(numbers(doc) == std::vector<std::string>{"JIAC 24/42 Budget", "JIAC 24/43 Finance"});
    CHECK(texts(doc) == std::vector<std::string>{
                            "The Board agreed to approve the revenue budget of £6.82 million.",
                            "Outcome: The report was noted.",
                            "Resolved: to approve the payments totalling £3,118.42"});
    // Members agreeing, or a person approving, in a council's minutes is narrative.
    CHECK(texts(read("Minutes\n\n1. Budget\nThe Members agreed that the figures were clear.\n\n"
                     "The Treasurer approved the invoices.\n\n2. Plans\nText.\n"))
              .empty());
}

TEST_CASE(
    "Engine: a table of names converted one cell to a line with blank lines between, "
    "people in groups of a semicolon, observers",
    "[engine][attendance]") {
    const auto doc = read(
        "Schools Forum\nMinutes of the Meeting\nHeld on Wednesday 22 January 2025\n"
        "PRESENT\nName\n\nRepresenting\n\nJoanne Ashdown (Chair)\n\nPrimary headteacher "
        "(maintained)\n\nMartin Bellweather\n\nSecondary academy headteacher\n\nSunita Chawla\n\n"
        "Early years (PVI) provider\n\nOfficers\nLorna Gatenby, Assistant Director, Education "
        "Finance; Craig Heseltine, Schools Funding\nManager; Yasmin Iqbal, Clerk to the Forum\n"
        "Observers\nCllr Norman Jessop, Executive Member for Children's Services\n"
        "1. Apologies for absence\nNone.\n2. Declarations of interest\nNone.\n");
    CHECK(people(doc) ==
          std::vector<std::string>{"Joanne Ashdown (present)", "Martin Bellweather (present)",
                                   "Sunita Chawla (present)", "Lorna Gatenby (officer)",
                                   "Craig Heseltine (officer)", "Yasmin Iqbal (officer)",
                                   "Norman Jessop (in_attendance)"});
    REQUIRE(doc.attendance.size() == 7);
    CHECK(doc.attendance[1].role.value_or("") == "Secondary academy headteacher");
    CHECK(doc.attendance[3].role.value_or("") == "Assistant Director, Education Finance");
}

TEST_CASE(
    "Engine: unnumbered headings over running paragraph numbers, 'The Board agreed:' with "
    "its points, an owner's label under the point it owns",
    "[engine][items][resolutions][actions]") {
    const auto doc = read(
        "                     CARNEDD FELL NATIONAL PARK AUTHORITY\n\n"
        "                          MINUTES OF THE BOARD MEETING\n\n"
        "         held at the Assembly Rooms, Pen-y-Bryn on 14 March 2025 at 10.30am\n\n"
        "PRESENT\nGwilym Arden                        Helena Marsh\n\n\n"
        "Welcome and Introduction\n\n1.     The Convener welcomed members and the visitors in the "
        "gallery.\n\nMatters Arising\n\n2.     The Convener reported on the action points:\n"
        "       c) Paragraph 14(a): Complete.\n\nPeatland Restoration Programme (Paper 1)\n\n"
        "3.     Neville Strand introduced the paper, which sought approval for the programme.\n\n"
        "4.     The Board agreed:\n       a) to approve the programme; and\n       b) that an "
        "annual progress report be brought to the Board each March.\n"
        "                                                          Action: Neville Strand\n\n"
        "Any Other Business\n\n5.     There was none and the meeting closed at noon.\n");
    CHECK(doc.meeting.body.value_or("-") == "CARNEDD FELL NATIONAL PARK AUTHORITY");
    CHECK(numbers(doc) == std::vector<std::string>{"- Welcome and Introduction",
                                                   "- Matters Arising",
                                                   "- Peatland Restoration Programme (Paper 1)",
                                                   "- Any Other Business"});
    REQUIRE(doc.items.size() == 4);
    REQUIRE(doc.items[2].resolutions.size() == 1);
    CHECK(doc.items[2].resolutions[0].text ==
          "The Board agreed: a) to approve the programme; and b) that an annual progress report "
          "be brought to the Board each March.");
    REQUIRE(doc.items[2].actions.size() == 1);
    CHECK(doc.items[2].actions[0].text ==
          "that an annual progress report be brought to the Board each March.");
    CHECK(doc.items[2].actions[0].owner.value_or("") == "Neville Strand");
}

TEST_CASE(
    "Engine: a minute's reference before the agenda number, lists in a label column, "
    "titles wrapping in a narrow column, long group names before people",
    "[engine][items][attendance]") {
    auto doc = read(
        "ASHCOMBE WITH RILLSDALE PARISH COUNCIL\n\nMinutes of Parish Council 19 March 2025\n\n"
        "THOSE ATTENDING:\n\nCllr B Arkwright\n\nCllr M Dobbie\n\nIN ATTENDANCE:\n\nMrs H Quigley, "
        "Parish Clerk, and 3 members of the public.\n\n"
        "C101/24      1.         APOLOGIES FOR ABSENCE.\n\nNone.\n\n"
        "C102/24      2.         PUBLIC QUESTIONS.\n\nNone.\n");
    CHECK(doc.meeting.body.value_or("-") == "ASHCOMBE WITH RILLSDALE PARISH COUNCIL");
    CHECK(numbers(doc) ==
          std::vector<std::string>{"C101/24 APOLOGIES FOR ABSENCE", "C102/24 PUBLIC QUESTIONS"});
    CHECK(people(doc) == std::vector<std::string>{"B Arkwright (present)", "M Dobbie (present)",
                                                  "H Quigley (in_attendance)"});
    doc = read(
        "Minutes\n\nPresent:           Mr R J Castellane (Chairman), Mrs T M Okafor-Brown (Vice\n"
        "                   Chairman), Mr D Aylward and Mr N T Pardew\n\n"
        "Also attended:     Mrs J E Thorncroft, Cabinet Member\n\n"
        "413   Declarations of        None.\n      Interest and of any\n      Party Whip\n\n"
        "414   Early Help             The Director introduced the report, which set out\n"
        "      Partnership            the first year of the strategy.\n      Strategy\n");
    CHECK(people(doc) == std::vector<std::string>{"R J Castellane (present)",
                                                  "T M Okafor-Brown (present)",
                                                  "D Aylward (present)", "N T Pardew (present)",
                                                  "J E Thorncroft (also_present)"});
    CHECK(numbers(doc) ==
          std::vector<std::string>{"413 Declarations of Interest and of any Party Whip",
                                   "414 Early Help Partnership Strategy"});
    CHECK(people(read("Minutes\n\nPRESENT:-\n\nOffice of the Police, Fire and Crime Commissioner "
                      "(OPFCC): Police, Fire and Crime Commissioner Gregory Hale (GH); Chief "
                      "Finance Officer Anil Kapadia (AK); Lucy Perrin (Minute Taker);\n\n"
                      "1.  Apologies\nNone.\n2.  Minutes\nAgreed.\n")) ==
          std::vector<std::string>{"Gregory Hale (present)", "Anil Kapadia (present)",
                                   "Lucy Perrin (present)"});
}

TEST_CASE(
    "Engine: resolutions in capitals, items numbered only by their references, bodies "
    "named like people",
    "[engine][items][resolutions][attendance]") {
    const auto doc = read(
        "Joint Audit Committee\nMeeting Minutes\nDate: Thursday 13 March 2025\nIn Attendance:\n"
        "Deborah Quist (DQ) Chief Finance Officer, Tormouth Constabulary\n"
        "Raymond Tse (RT) Engagement Lead, Halcyon Audit LLP\n"
        "- CHAIR'S REPORT (ITEM 3)\nThe Chair reported on the network.\n"
        "- EXTERNAL AUDIT UPDATE (ITEM 7)\nProposed by Cllr. T Dunmore.\nCARRIED: unanimous.\n"
        "THAT THE AUDIT FEE BE NOTED.\n");
    CHECK(numbers(doc) == std::vector<std::string>{"3 CHAIR'S REPORT", "7 EXTERNAL AUDIT UPDATE"});
    CHECK(people(doc) ==
          std::vector<std::string>{"Deborah Quist (in_attendance)", "Raymond Tse (in_attendance)"});
    REQUIRE(doc.attendance.size() == 2);
    CHECK(doc.attendance[0].role.value_or("") == "Chief Finance Officer");
    CHECK(doc.attendance[0].organisation.value_or("") == "Tormouth Constabulary");
    REQUIRE(doc.items.size() == 2);
    REQUIRE(doc.items[1].resolutions.size() == 1);
    CHECK(doc.items[1].resolutions[0].text == "THAT THE AUDIT FEE BE NOTED.");
}

TEST_CASE(
    "Engine: a titled name over its bracketed post and its council, one cell to a line, "
    "and a postcode in a title in capitals",
    "[engine][attendance][items]") {
    const auto doc = read(
        "Minutes of the meeting of the Fenmoor Police and Crime Panel\nheld on Friday 7 February "
        "2025 at 10.30 am\nPresent:\nCouncillor Bernard Quilliam\n(Chair)\nMarshfield District "
        "Council\nCouncillor Hester Rudge\n(Vice-Chair)\nAldwick City Council\nCouncillor "
        "Dominic Sallis\nFenmoor County Council\nMrs Philippa Wragge\nIndependent Co-opted "
        "Member\nApologies:\nCouncillor Annette Zeal\nKettleby Borough Council\n"
        "31. Declarations of Interest\nNone.\n"
        "32.   FORMER GASWORKS DEPOT, 40-52 CANAL ROAD, N3 6PL (Item B1)\nText.\n");
    CHECK(people(doc) ==
          std::vector<std::string>{"Bernard Quilliam (present)", "Hester Rudge (present)",
                                   "Dominic Sallis (present)", "Philippa Wragge (present)",
                                   "Annette Zeal (apologies)"});
    REQUIRE(doc.attendance.size() == 5);
    CHECK(doc.attendance[0].role.value_or("") == "Chair");
    CHECK(doc.attendance[0].organisation.value_or("") == "Marshfield District Council");
    CHECK(numbers(doc) ==
          std::vector<std::string>{"31 Declarations of Interest",
                                   "32 FORMER GASWORKS DEPOT, 40-52 CANAL ROAD, N3 6PL"});
}

TEST_CASE(
    "Engine: a record's web page rendered to Markdown is read without its decoration, "
    "and a software README stays no record",
    "[engine][evidence][items]") {
    const std::string page =
        "[Skip to main content](#main)\n\n- [Home](/)\n- [Meetings](/meetings/)\n\n"
        "# Strategic Policing Board – 11 February 2025\n\n"
        "**Office of the Police and Crime Commissioner for Wealdmoor**\n\n"
        "**Minutes of the meeting held on Tuesday 11 February 2025**\n\n## Present\n\n"
        "- **Caroline Ashdown (CA)** – Police and Crime Commissioner (Chair)\n"
        "- **Raymond Bellew (RB)** – Chief Constable\n\n## 1. Welcome and apologies\n\n"
        "CA welcomed everyone.\n\n## 2. Budget\n\n**Decision:** The Commissioner approved the "
        "budget.\n\n## 3. Any other business\n\nNone.\n";
    CHECK(st::examine(page).confidence() > 0.5);
    const auto doc = read(page);
    CHECK(doc.text.size() == page.size());  // blanked in place: spans point where they did
    CHECK(numbers(doc) ==
          std::vector<std::string>{"1 Welcome and apologies", "2 Budget", "3 Any other business"});
    CHECK(people(doc) ==
          std::vector<std::string>{"Caroline Ashdown (present)", "Raymond Bellew (present)"});
    const std::string readme =
        "# kpproc\n\n**A tool** for minutes.\n\n## Install\n\n```\n$ make\n```\n\n"
        "## Minutes\n\n- **Present:** the people\n\n1. Build it\n2. Run it\n";
    CHECK(st::examine(readme).confidence() == 0.0);
}

TEST_CASE("Engine: an action log's table rows are evidence of a record", "[engine][evidence]") {
    const std::string log =
        "OFFICE OF THE POLICE, FIRE AND CRIME COMMISSIONER FOR CALDERSHIRE\n\n"
        "PERFORMANCE AND ACCOUNTABILITY BOARD\nACTION LOG\n\nUpdated for the meeting on 12 March "
        "2025\n\nRef\tDate raised\tAction\tOwner\tTarget date\tStatus\n"
        "PAB/24/31\t10.10.24\tProvide a breakdown of rural crime.\tACC Operations\t12.12.24\t"
        "Complete\nPAB/24/36\t12.12.24\tBring a report on overtime.\tDirector of Finance\t"
        "12.03.25\tOngoing\n";
    const auto e = st::examine(log);
    CHECK(e.actions == 2);
    CHECK(e.policing_board);
    // A budget table is no action log: its rows are no actions.
    CHECK(st::examine("Minutes of the meeting held on 3 May 2024\n\nLine\tBudget\tSpend\tVariance\n"
                      "Staff\t100\t90\t10\nPremises\t50\t55\t-5\n")
              .actions == 0);
}

TEST_CASE(
    "Engine: the chair then 'Councillors A, B and C' after a semicolon, and a member "
    "substituted by another in brackets",
    "[engine][attendance]") {
    CHECK(people(read("Licensing Committee\n\nMinutes\n\nPRESENT:-\n\nCouncillor P Amberley (in "
                      "the Chair); Councillors Brisco, Cheung and Ingham.\n\n1  APOLOGIES FOR "
                      "ABSENCE\n\nApologies for absence were received from Cllr Kettle "
                      "(substituted by Cllr Jolliffe) and Cllr Rowntree.\n\n2  MINUTES\n\n"
                      "Agreed.\n")) ==
          std::vector<std::string>{"P Amberley (present)", "Brisco (present)", "Cheung (present)",
                                   "Ingham (present)", "Kettle (apologies)",
                                   "Jolliffe (substitute)", "Rowntree (apologies)"});
}

TEST_CASE("Engine: group labels inside a list, a qualifier in brackets after a label",
          "[engine][attendance]") {
    CHECK(
        people(read("Minutes of the Meeting of Cabinet held on Tuesday, 5 November 2024\n\n"
                    "Present:\n\nMembers:\nCouncillor R Okafor (Chair)\nCouncillor T Ahmed\n\n"
                    "Other Members:\n\nCouncillor A Pugh\n\nEmployees (by Directorate):\n\n"
                    "Chief Executive's:\n\nK Holroyd (Chief Executive), P Venn\n\nHousing and\n"
                    "Communities:\n\nN Adebayo, C Larkin\n\nApologies:\n\nCouncillor M Dillane\n\n"
                    "1. Declarations\nNone.\n2. Minutes\nAgreed.\n")) ==
        std::vector<std::string>{"R Okafor (present)", "T Ahmed (present)", "A Pugh (also_present)",
                                 "K Holroyd (officer)", "P Venn (officer)", "N Adebayo (officer)",
                                 "C Larkin (officer)", "M Dillane (apologies)"});
}

TEST_CASE("Engine: a table of actions with a row a line and no blank lines, then the next item",
          "[engine][actions]") {
    const auto doc = read(
        "Minutes of the Licensing Committee\n\n5. Actions from Previous Meetings\n\n"
        "Action                                   Owner        Status\n"
        "Publish the consultation responses       G Tennant    Complete\n"
        "Report on taxi rank provision            H Ibbotson   In progress\n"
        "  and the ranks at the station\n\n"
        "6. Date of Next Meeting\n\nRESOLVED that the next meeting be held on 14 May 2024.\n");
    CHECK(numbers(doc) == std::vector<std::string>{"5 Actions from Previous Meetings",
                                                   "6 Date of Next Meeting"});
    REQUIRE(doc.items.size() == 2);
    const auto& actions = doc.items[0].actions;
    REQUIRE(actions.size() == 2);
    CHECK(actions[0].text == "Publish the consultation responses");
    CHECK(actions[0].owner == "G Tennant");
    CHECK(actions[0].status == "complete");
    // A cell that wraps in lower case goes on in its row.
    CHECK(actions[1].text == "Report on taxi rank provision and the ranks at the station");
    CHECK(actions[1].owner == "H Ibbotson");
    CHECK(actions[1].status == "in progress");
    CHECK(doc.items[1].resolutions.size() == 1);
}

TEST_CASE("Engine: a post whose first words name a service is a role, a service alone is not",
          "[engine][attendance]") {
    const auto doc = read(
        "Minutes of the Licensing Committee held on 12 March 2024\n\n"
        "Officers: G Tennant (Licensing Manager), H Ibbotson (Democratic Services Officer), "
        "K Mwangi (Legal Services)\n\n1. Apologies\n\nNone.\n\n2. Minutes\n\nAgreed.\n");
    REQUIRE(doc.attendance.size() == 3);
    CHECK(doc.attendance[1].role == "Democratic Services Officer");
    CHECK_FALSE(doc.attendance[1].organisation.has_value());
    CHECK_FALSE(doc.attendance[2].role.has_value());
    CHECK(doc.attendance[2].organisation == "Legal Services");
}
