#pragma once
// The rules every Document must keep, whichever plugin made or changed it, and a checker for
// them. The host runs the checker after each plugin in debug builds and with `kpproc run
// --check`, and reports a document that breaks a rule as that document's error; plugin
// authors run it in their own tests through kpproc/testing.hpp.
//
// The rules:
//  * text: Document::text and every string of the model are valid UTF-8.
//  * spans: every span lies inside Document::text (begin <= end <= text.size()) and begins and
//    ends on a character boundary, never inside a UTF-8 sequence.
//  * words: a fact's span covers the words the fact gives: every word of a paragraph's,
//    resolution's, action's or question's text, of an item's title, an attendee's name, a
//    decision's reference and an entity mention's text occurs in the text its span points at.
//    (Words are runs of letters and digits compared without regard to ASCII case, so text
//    whose white space or line breaks were tidied still passes.)
//  * unknown is null: an optional string that is set is not empty or only white space, and
//    the strings a fact cannot do without (an attendee's name, an entity's id, type and name,
//    a mention's text, a decision's reference, an event's kind, a diagnostic's code and
//    message) are not empty either.
//  * ids: entity ids are unique within the document, and every speaker names one of them.
//  * formats: meeting.date and action.due are real calendar dates written YYYY-MM-DD;
//    meeting.time and event.time are HH:MM on a 24-hour clock; an attendee's group is one of
//    present, also_present, in_attendance, apologies, substitute, officer; a diagnostic's
//    severity is info, warning or error and its code is kebab-case; source.sha256 is 64
//    lower-case hex digits.
//  * pages: numbered from 1 in order, each page's span after the one before.

#include <cstddef>
#include <string>
#include <vector>

#include "kpproc/model.hpp"

namespace kpproc {

struct InvariantViolation {
    std::string where;    // the field, as a JSON path: "items[2].paragraphs[0].span"
    std::string problem;  // "[5, 999999) ends after the text, which is 1200 bytes"
    friend bool operator==(const InvariantViolation&, const InvariantViolation&) = default;
};

// The rules above that `doc` breaks, in document order; at most `limit` of them, so that a
// document broken everywhere costs no more to check than one broken once.
std::vector<InvariantViolation> check_invariants(const Document& doc, std::size_t limit = 100);

// One line per violation ("items[2].paragraphs[0].span: [5, 999999) ends after …"), the first
// `shown` of them, then "… and N more" when there are more.
std::string describe(const std::vector<InvariantViolation>& violations, std::size_t shown = 5);

}  // namespace kpproc
