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

// The spans of `day`, or none when it is a closed day.
std::vector<WeeklySpan> spans_on(const OpeningHours& h, std::chrono::sys_days day) {
  std::vector<WeeklySpan> out;
  if (closed_on(h, day)) return out;
  const int wd = weekday_of(day);
  for (const WeeklySpan& s : h.weekly)
    if (s.weekday == wd) out.push_back(s);
  return out;
}

// The end of the opening that runs until `end` on `day`, following spans that start where the
// previous one ended, across midnight too.
LocalTime extended_end(const OpeningHours& h, std::chrono::sys_days day, int end) {
  for (int steps = 0; steps < kHorizonDays * 8; ++steps) {
    if (end == kDay) {
      const auto next_day = day + std::chrono::days{1};
      const auto spans = spans_on(h, next_day);
      const auto it = std::find_if(spans.begin(), spans.end(), [](const WeeklySpan& s) { return s.from == 0; });
      if (it == spans.end()) break;
      day = next_day;
      end = it->to;
      continue;
    }
    const auto spans = spans_on(h, day);
    const auto it =
        std::find_if(spans.begin(), spans.end(), [&](const WeeklySpan& s) { return s.from <= end && s.to > end; });
    if (it == spans.end()) break;
    end = it->to;
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
  for (const WeeklySpan& s : spans_on(hours, now.day)) {
    if (s.from <= now.minute && now.minute < s.to) {
      state.open = true;
      state.closes = extended_end(hours, now.day, s.to);
      return state;
    }
  }
  for (int d = 0; d <= kHorizonDays; ++d) {
    const auto day = now.day + std::chrono::days{d};
    for (const WeeklySpan& s : spans_on(hours, day)) {
      if (d == 0 && s.from <= now.minute) continue;
      state.next = LocalTime{day, s.from};
      return state;
    }
  }
  return state;
}

}  // namespace wk::core
