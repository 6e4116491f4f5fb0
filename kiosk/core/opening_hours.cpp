// Judging weekly opening hours less closed days at a local time (see opening_hours.hpp).
#include "kiosk/core/opening_hours.hpp"

#include <algorithm>

namespace wk::core {
namespace {

constexpr int kDay = 24 * 60;
constexpr int kHorizonDays = 14;

bool closed_on(const OpeningHours& h, std::chrono::sys_days day) {
  return std::binary_search(h.closed.begin(), h.closed.end(), day);
}

// Calls `f` with each span of `day` in order (none on a closed day) until it returns true;
// returns whether one did.
template <typename F>
bool any_span_on(const OpeningHours& h, std::chrono::sys_days day, F&& f) {
  if (closed_on(h, day)) return false;
  const int wd = weekday_of(day);
  for (const WeeklySpan& s : h.weekly)
    if (s.weekday == wd && f(s)) return true;
  return false;
}

// The end of the opening that runs until `end` on `day`, following spans that start where the
// previous one ended, across midnight too.
LocalTime extended_end(const OpeningHours& h, std::chrono::sys_days day, int end) {
  for (int steps = 0; steps < kHorizonDays * 8; ++steps) {
    int next_end = -1;
    if (end == kDay) {
      const auto next_day = day + std::chrono::days{1};
      if (!any_span_on(h, next_day, [&](const WeeklySpan& s) { return s.from == 0 && (next_end = s.to, true); })) break;
      day = next_day;
    } else if (!any_span_on(h, day, [&](const WeeklySpan& s) {
                 return s.from <= end && s.to > end && (next_end = s.to, true);
               })) {
      break;
    }
    end = next_end;
  }
  if (end == kDay) return {day + std::chrono::days{1}, 0};
  return {day, end};
}

}  // namespace

int weekday_of(std::chrono::sys_days day) {
  return static_cast<int>((std::chrono::weekday{day}.c_encoding() + 6) % 7);
}

OpeningState opening_state(const OpeningHours& hours, LocalTime now) {
  OpeningState state;
  if (hours.weekly.empty()) return state;
  any_span_on(hours, now.day, [&](const WeeklySpan& s) {
    if (s.from > now.minute || now.minute >= s.to) return false;
    state.open = true;
    state.closes = extended_end(hours, now.day, s.to);
    return true;
  });
  if (state.open) return state;
  for (int d = 0; d <= kHorizonDays; ++d) {
    const auto day = now.day + std::chrono::days{d};
    if (any_span_on(hours, day, [&](const WeeklySpan& s) {
          if (d == 0 && s.from <= now.minute) return false;
          state.next = LocalTime{day, s.from};
          return true;
        }))
      return state;
  }
  return state;
}

}  // namespace wk::core
