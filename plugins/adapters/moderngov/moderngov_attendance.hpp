#pragma once
// Attendance tables: ModernGov's mgMeetingAttendance.aspx ("Attendee / Role / Attendance") and
// the Attendance tab of a CMIS meeting page ("Committee Members" and "Others in Attendance",
// each a "Name / Role / Attended" table), in tab cells or with every cell on a line of its own.

#include "kpproc/model.hpp"

namespace kpproc::moderngov {

// Adds the people of the page's attendance tables to doc.attendance (and, on an attendance
// page, the meeting its title line names). Returns false when the page has no such table.
bool read_attendance_tables(Document& doc);

// Adds the substitutes a minute names in a sentence: "Councillor A had been appointed as a
// substitute member for Councillor B and Councillor C for Councillor D" (A and C), unless
// doc.attendance already has them.
void read_substitute_appointments(Document& doc);

}  // namespace kpproc::moderngov
