#pragma once
// A police and crime commissioner's decision record: the form every PCC, PFCC and mayor's office
// for policing publishes for each decision of significant public interest ("DECISION RECORD",
// "Record of Decision", "Decision Notice", "DMPC Decision"). It is no meeting: one decision
// with its number ("Decision number: 2025/047", "Decision Reference Number: WPCC3-0089"), its
// title ("Title:", "Decision title:"), the decision or the recommendation approved
// ("Recommendation:", "Decision:", "Approved decision:"), and the decision maker's approval
// ("I hereby approve …", "Signature: … Date: 14 April 2025"); then supporting parts ("PART 2 –
// Further information") and officers' approvals.
//
// Read into one item (number, title, the decision as its resolution, the rest as paragraphs);
// the meeting's date is the day the decision maker signed. Body, venue and time stay null.

#include <string>
#include <string_view>

#include "kpproc/model.hpp"

namespace kpproc::governance {

// Whether the head of a text is one decision record; `reason` says which signs were found.
// A list of many decisions (a decision log page) is not one record.
bool is_decision_record(std::string_view head, std::string* reason);

// Reads the record in doc.text into doc: one item, its resolution, the approval's date.
void read_decision_record(Document& doc);

}  // namespace kpproc::governance
