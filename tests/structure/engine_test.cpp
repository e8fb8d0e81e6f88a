// The structure engine (kpproc::text_structure) through its public API: each form of heading,
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
