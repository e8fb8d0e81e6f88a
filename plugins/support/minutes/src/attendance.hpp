#pragma once
// Attendance: the labels that open a list of people, the lists themselves in their many forms,
// and apologies given as a sentence.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kpproc/model.hpp"

namespace kpproc::structure::detail {

struct AttendanceLabel {
    std::string group;      // present, also_present, in_attendance, officer, apologies, …
    std::string_view rest;  // what follows the label on its line (may be empty)
};

// "Present:", "MEMBERS PRESENT", "Councillors present:", "Attendees:", "Also present –",
// "In attendance:", "Officers:", "Apologies:", "Apologies for absence", "Absent:",
// "Substitutes:" at the start of a line.
std::optional<AttendanceLabel> attendance_label(std::string_view line);

// "Police: Gareth Polglase, Susan Trewin": a group's name, then two or more people, on a line
// of its own near the top of a board's notes. The people are present.
std::optional<AttendanceLabel> group_prefixed_list(std::string_view line);

// "Apologies for absence were received from Councillors A and B.": the list part.
std::optional<std::string_view> apologies_sentence(std::string_view paragraph);

// "Councillor Jones substituted for …", "Cllr S Davies attended as substitute for …": the
// people before the verb, one view per such sentence.
std::vector<std::string_view> substitute_sentences(std::string_view paragraph);

// The first sentence of `s`: up to a full stop before a space or the end, not an initial's.
std::string_view first_sentence(std::string_view s);

// A line that holds one person or a short list of them ("Cllr Mrs B Abbott", "J Smith (Chair)",
// "Councillor A Jones, Northmoor DC"), rather than prose or a heading.
bool looks_like_people_line(std::string_view line);

// "Three members of the public", "None": a line in a list that names nobody.
bool is_filler_line(std::string_view line);

// "Office of the Police and Crime Commissioner", "Northmoor Police": a line naming the group the
// people under it belong to, inside an attendance list.
bool is_group_heading(std::string_view line);

// The people in `list` (a view into `text`, which the spans refer to): comma, semicolon and
// "and" separate them; a title before the list ("Councillors") is shared; a part that is a role
// or an organisation ("Chief Executive", "Northmoor District Council") belongs to the person
// before it. Lines that are not people ("One member of the public", "None") give nobody.
std::vector<Attendee> read_people(std::string_view text, std::string_view list,
                                  const std::string& group);

// "PCC Gareth Llewelyn" / "Westmarch (Chair)" / "CC Rosalind Imrie" / "Westmarch Police": a
// table of name and post converted one cell to a line. The people, each with the line under
// them as post or body, when the list's lines pair up so; else nullopt.
// "Lorna Gatenby, Assistant Director, Education Finance; Craig Heseltine, Schools Funding
// Manager": semicolons between people, commas inside each one's post. The people, one to
// each group, with the rest of the group as the post; else nullopt.
std::optional<std::vector<Attendee>> read_people_in_groups(std::string_view text,
                                                           std::string_view list,
                                                           const std::string& group);

std::optional<std::vector<Attendee>> read_people_in_pairs(std::string_view text,
                                                          std::string_view list,
                                                          const std::string& group);

}  // namespace kpproc::structure::detail
