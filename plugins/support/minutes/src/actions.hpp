#pragma once
// Actions written in the run of the minutes: a label ("Action:", "ACTION –", "Action 24/03:",
// "Action by the Clerk:", "Action by: RQ") then what is to be done, who is to do it and by when.
// Action-log tables are read by action_log.hpp.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kpproc/model.hpp"

namespace kpproc::structure::detail {

struct ActionLabel {
    std::string_view rest;             // the words after the label (a view into the block)
    std::optional<std::string> ref;    // "24/03" of "Action 24/03:"
    std::optional<std::string> owner;  // "Clerk" of "Action by the Clerk:"
};

// The label `block` starts with, after any bullet: "Action:", "Actions –", "ACTION 24/03:",
// "Action point 2:", "Action by the Clerk:", "Action by: RQ". Not "Action Fraud said …".
std::optional<ActionLabel> action_label(std::string_view block);

// Words after a label that only name who is to act, perhaps with the number of the row in the
// action log: "Clerk", "RQ", "JM (24/06)", "Head of Finance". The action is then the sentence
// before the label.
struct OwnerMarker {
    std::string owner;
    std::optional<std::string> ref;
};
std::optional<OwnerMarker> owner_marker(std::string_view words);

// Reads the words after a label (a view into the text the span refers to): the text, cut
// before "Owner: …", "Due: …" and a status after a dash ("… – Discharged. Note …"); the
// owner from a label or the words before " to "; a full due date; the status and its note.
Action read_action(std::string_view words, Span span);

// Where labels stand inside a paragraph after a sentence ("… by the school. ACTION: Clerk to
// write to the landowner."): offsets into `paragraph`. A label at its start is not counted:
// the paragraph is then the action's own block.
std::vector<std::size_t> inline_labels(std::string_view paragraph);

// The words of an action inside a paragraph: its sentence and the "Owner: …", "Due: …"
// sentences after it.
std::string_view action_extent(std::string_view rest);

// The sentence that ends just before `at` in `text` (white space between), or empty.
std::string_view sentence_before(std::string_view text, std::size_t at);

// "Open", "Complete", "Amber – figures being revised": a status word (lower case, with
// "R"/"A"/"G" written out) at the start of `words`, and the note after it.
struct StatusWords {
    std::string status;
    std::optional<std::string> note;
};
std::optional<StatusWords> status_at_start(std::string_view words);

}  // namespace kpproc::structure::detail
