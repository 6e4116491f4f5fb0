// The local date and wall-clock time at an instant in a time zone, through ICU's zone data:
// what opening hours are judged against (see kiosk/core/opening_hours.hpp).
#pragma once

#include <chrono>
#include <optional>
#include <string>

#include "kiosk/core/opening_hours.hpp"

namespace wk::text {

// The local time at `instant` in the IANA zone `zone` ("Europe/Berlin"); "" means the
// system's zone. nullopt when ICU does not know the zone.
std::optional<core::LocalTime> local_time_at(std::chrono::system_clock::time_point instant, const std::string& zone);

}  // namespace wk::text
