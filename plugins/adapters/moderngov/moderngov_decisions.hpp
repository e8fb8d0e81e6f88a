#pragma once
// ModernGov's lists of decisions, as a browser or a crawler saves them as text: the
// "Decisions" page of a council's or an authority's decision makers (mgDelegatedDecisions.aspx,
// "Decisions published") and an issue's decisions (mgIssueHistoryHome / mgDecisionDetails,
// "Issue - decisions"). Each decision is an entry:
//
//   14/03/2025 - Bus Service Improvement Plan ref: 1183    Recommendations Approved
//   Decision Maker: Transport Committee
//   Made at meeting: 14/03/2025 - Transport Committee      <- absent for an officer
//   Decision published: 17/03/2025
//   Effective from: 22/03/2025
//   Resolved: / Decision: / Decision made (Unanimously):  <- or no label: the text is the decision
//   (i) That …
//   Wards affected: …   Lead officer: …   Related documents: …
//
// Each entry is an item (no number; its title without the date, reference and status), its
// decision one resolution (points and all), its reference a decision reference. The page spans
// many meetings: the meeting is filled in only when every entry was made at the same one.

#include <string_view>

#include "kpproc/model.hpp"

namespace kpproc::moderngov {

// Whether `text` is such a list: a dated entry followed by the fields of a decision, or one
// under an "Issue - decisions" heading.
bool is_decision_list(std::string_view text);

// Reads the entries of doc.text into doc.items, and the meeting they share, if one.
void read_decision_list(Document& doc);

}  // namespace kpproc::moderngov
