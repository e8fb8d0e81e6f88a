#pragma once
// The structure engine for meeting records in text form: minutes, agendas, notes and action
// logs of councils, panels and commissioners' boards, however they were typed or converted.
// It finds structure from layout and numbering, not from one body's wording:
//
//  * the meeting: body, date, start time and venue from any common header form ("Minutes of
//    the meeting of X held at V on D", "MEETING OF X" then a date line, "Date: / Time: /
//    Place:" blocks, a date alone near the top);
//  * attendance: Present / Members present / Attendees / Also present / In attendance /
//    Officers / Apologies / Absent / Substitutes lists, on one line or many, and "Apologies
//    were received from …" sentences;
//  * items: headings numbered "1", "1.", "12.", "23/21", "C 24/195", "Minute 45", "Item 4",
//    "A1", "21.44", or unnumbered headings in capitals, the title split from a first sentence
//    on the same line; page furniture (running headers, "Page 3 of 7", file paths) left out;
//  * within items: numbered and nested paragraphs, resolutions ("RESOLVED", "AGREED", "It was
//    agreed that", "Decision:", a bare "That the report be noted."), actions ("Action:",
//    "ACTION 24/03 –", "Action PF to …", "… . ACTION: Clerk to …" inside a paragraph, with
//    "Owner:" / "Due:" fields and a status after a dash);
//  * action logs laid out as tables (fixed columns from pdftotext -layout, tabs, pipes) with
//    their owner, due date, status and update; a log's actions go into the item it stands in,
//    and a record that is only an action log gets one unnumbered item, titled as the record
//    names the log, holding them (the model keeps actions in items).
//
// Adapters of any text format link it (kpproc::minutes): a detect() asks examine() how
// much the text looks like a record; a parse() decodes the text and calls read_record().

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "kpproc/model.hpp"

namespace kpproc::structure {

// What the first part of a text shows of a meeting record's structure.
struct Evidence {
    bool record_heading = false;  // "Minutes of …", "Agenda", "Notes of …" as a heading line
    bool date_near_top = false;   // a full date in the first lines
    std::size_t attendance_labels = 0;  // "Present:", "Apologies", … starting a line
    std::size_t item_headings = 0;      // headings of one numbering scheme, in order
    std::size_t resolutions = 0;        // RESOLVED / AGREED / Decision: starting a line
    std::size_t actions = 0;            // "Action:" lines or action-log rows
    std::size_t markup = 0;             // Markdown, code or data signs: not a record
    bool policing_board = false;        // a police commissioner's board, not a council's committee

    // 0 when nothing points to a meeting record; about 0.5 for a record with one strong sign
    // (a heading or a Present list) and numbered items; up to 0.9 with several.
    double confidence() const;
    // One line: the signs found, e.g. "a 'Minutes of' heading, a Present list, 12 items".
    std::string reason() const;
};

// The number on a line that holds only an item's number, in any scheme minutes use ("12.",
// "23/21", "C 24/195", "Item 4", "24-25/FRA/15"), as written without its trailing stop.
std::optional<std::string> item_number_alone(std::string_view line);

// Examines the head of a text (UTF-8; the first 64 KiB are enough).
Evidence examine(std::string_view text);

// Reads the structure of the record whose normalised text is in doc.text into doc: meeting
// fields, attendance and items. What the text does not give stays null; diagnostics note what
// was not found.
void read_record(Document& doc);

// Reads a record in text form as the text adapters do: minutes in the committee layout
// ("MINUTES of a meeting of …", items "100. Title (Item B1)") by that layout's own reader,
// any other record by read_record().
void read_text_record(Document& doc);

// "(Pages 11 - 42)", "(Agenda item 6)", "(Item 3)" after a title: references, not words of
// it. Returns the title without them; an agenda reference becomes item.ref if it has none.
std::string_view strip_title_refs(std::string_view title, Item& item);

// Adds to doc.attendance the people of "Apologies for absence were received from …" sentences
// in the items' paragraphs, unless the record already lists apologies. read_record() does it;
// adapters with a parser of their own call it after parsing.
void read_apology_sentences(Document& doc);

}  // namespace kpproc::structure
