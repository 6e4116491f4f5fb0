// Opening and consultation hours in words, in the session locale's clock and weekdays: for the
// finder's pages and the registration receipt's Kümmerer.
#pragma once

#include <string>

#include "kiosk/core/directory.hpp"
#include "kiosk/core/opening_hours.hpp"
#include "kiosk/ui/frame.hpp"

namespace wk::ui {

// "Open now · until 16:00", "Closed · opens Tue 09:00", "Closed · opens today at 14:00";
// "" when there are no hours.
std::string opening_line(const Frame& f, const core::OpeningHours& hours, const core::LocalTime& now);
// The weekly hours, one line per open weekday ("Mon  09:00–12:00, 14:00–18:00"); "" when none.
std::string weekly_hours(const Frame& f, const core::OpeningHours& hours);

}  // namespace wk::ui
