// `welcome-hub export bookings`: the participant list a course provider needs — every line of
// a confirmed or waiting booking (of one course, or all), with the person's names and date of
// birth from the registration of the booking's code while the hub still holds it.
//
// CSV (RFC 4180, UTF-8, CRLF; cells made safe for spreadsheets as in registration_export.hpp:
// a leading =, +, -, @, tab or CR gets an apostrophe, control and bidi characters show as
// <U+XXXX>) or NDJSON (one object per line, hidden characters escaped). The output holds
// personal data: a file is written with mode 0600.
#pragma once

#include "sync/hub/hub_store.hpp"
#include "sync/hub/registration_export.hpp"

#include <cstdint>
#include <ostream>
#include <string_view>

namespace wk::hub {

// Writes the participant lines of `course_id` ("" for every course) to `out` in `format`
// (csv or ndjson; std::invalid_argument for json); returns how many lines.
std::int64_t write_participants(HubStore& store, ExportFormat format, std::string_view course_id, std::ostream& out);

}  // namespace wk::hub
