#pragma once
// The meeting a record is of, from the lines at its top: body, date, start time and venue.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kpproc/lines.hpp"
#include "kpproc/model.hpp"

namespace kpproc::structure::detail {

// Fills in `meeting` from `top` (the lines before the first item or list), leaving null what
// they do not say.
void read_meeting(const std::vector<kpproc::lines::Line>& top, Meeting& meeting);

// "Meeting started: 7.00 pm", "The meeting commenced at 10.02 am": the start time a record
// gives in its body or at its end, where its header has none.
std::optional<std::string> start_time_statement(std::string_view line);

// "Minutes of …", "MINUTES", "Agenda", "Notes of …", "… – Minutes": a line that names the
// record itself.
bool is_record_heading(std::string_view line);

}  // namespace kpproc::structure::detail
