#pragma once
// Conventions of UK committee minutes that every minutes adapter meets, whatever the file
// format: attendance lists, "RESOLVED" lines, askers in brackets under a question, decision
// references, adjournments. Offsets are bytes into the text the caller passes (plus `offset`).

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kpproc/model.hpp"

namespace kpproc::minutes {

// Splits "Mr P M Hill, OBE (Chairman), Mr G Sandher (Vice-Chairman), Makinson and Cllr R
// Palmer" into people: title ("Mr", "Cllr Mrs"), name, honours ("OBE"), role (the bracket).
// `offset` is where `list` starts in the document text, for the spans.
std::vector<Attendee> split_people(std::string_view list, std::size_t offset);

// Reads a whole-line asker such as "(Richard Palmer – Swale Borough Council)",
// "(Cllr Mike Blakemore, Folkestone and Hythe District Council)" or "(Mark Rhodes - Tonbridge &
// Malling)". Returns nullopt for other bracketed lines ("(Item 3)").
std::optional<Asker> parse_asker_line(std::string_view line);

// "RESOLVED that …", "Resolved: …", "RESOLVED to note …", "AGREED that …".
bool is_resolution(std::string_view paragraph);

// Decision references such as "OPCC.D.034.23" anywhere in `text`.
std::vector<Decision> find_decision_refs(std::string_view text, std::size_t offset);

// "adjourned at 10:16", "reconvened at 11:20", "meeting closed at 12.45 pm".
std::vector<Event> find_events(std::string_view text, std::size_t offset);

// A label introducing a question: "Question 1", "Question 1:", "Questions 2", "Q3". Returns
// the number ("1") or an empty string for an unnumbered "Question:"; nullopt if not a label.
std::optional<std::string> question_label(std::string_view line);

// Titles and honours as they appear before and after names.
bool is_title_word(std::string_view word);
bool is_honour(std::string_view word);

}  // namespace kpproc::minutes
