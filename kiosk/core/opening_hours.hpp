// "Open now" and "next opening" of an office, in the civil time of the place.
//
// Opening hours are civil times ("Tue 09:00-12:00"), so they are judged against the local date
// and time on the office's wall clock; turning an instant into that local time (and so the
// change to and from daylight saving time) is the caller's (wk::text::local_time_at).
#pragma once

#include "kiosk/core/directory.hpp"

#include <chrono>
#include <optional>

namespace wk::core {

struct LocalTime {
  std::chrono::sys_days day;  // the local calendar date
  int minute = 0;             // minutes after local midnight, 0..1439
  friend auto operator<=>(const LocalTime&, const LocalTime&) = default;
};

struct OpeningState {
  bool open = false;
  // While open: when this opening ends. Spans that touch (12:00-14:00 after 09:00-12:00, or
  // 22:00-24:00 followed by the next day's 00:00-02:00) count as one opening.
  std::optional<LocalTime> closes;
  // While closed: the next opening within the next 14 days, if any.
  std::optional<LocalTime> next;
};

OpeningState opening_state(const OpeningHours& hours, LocalTime now);

// Monday 0 .. Sunday 6.
int weekday_of(std::chrono::sys_days day);

}  // namespace wk::core
