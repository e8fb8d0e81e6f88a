#pragma once
// The meeting a record is of, from the lines at its top: body, date, start time and venue.

#include <string_view>
#include <vector>

#include "kpproc/lines.hpp"
#include "kpproc/model.hpp"

namespace kpproc::structure::detail {

// Fills in `meeting` from `top` (the lines before the first item or list), leaving null what
// they do not say.
void read_meeting(const std::vector<kpproc::lines::Line>& top, Meeting& meeting);

// "Minutes of …", "MINUTES", "Agenda", "Notes of …", "… – Minutes": a line that names the
// record itself.
bool is_record_heading(std::string_view line);

}  // namespace kpproc::structure::detail
