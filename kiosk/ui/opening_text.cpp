// Hours in words (see opening_text.hpp).
#include "kiosk/ui/opening_text.hpp"

#include "kiosk/text/date_format.hpp"
#include "kiosk/text/isolate.hpp"

namespace wk::ui {

std::string opening_line(const Frame& f, const core::OpeningHours& hours, const core::LocalTime& now) {
  if (hours.empty()) return {};
  const std::string& loc = f.lang().icu_locale;
  const core::OpeningState s = core::opening_state(hours, now);
  if (s.open && s.closes) {
    if (s.closes->day != now.day) return f.t("finder.open_now");
    return f.t("finder.open_until", {{"time", text::format_time(loc, s.closes->minute)}});
  }
  if (!s.next) return f.t("finder.closed");
  const std::string time = text::format_time(loc, s.next->minute);
  if (s.next->day == now.day) return f.t("finder.opens_today", {{"time", time}});
  if (s.next->day == now.day + std::chrono::days{1}) return f.t("finder.opens_tomorrow", {{"time", time}});
  return f.t("finder.opens_on", {{"day", text::weekday_short(loc, core::weekday_of(s.next->day))}, {"time", time}});
}

std::string weekly_hours(const Frame& f, const core::OpeningHours& hours) {
  const std::string& loc = f.lang().icu_locale;
  std::string out;
  for (int wd = 0; wd < 7; ++wd) {
    // Spans that touch (09:00–16:00 and 16:00–18:00) read as one.
    std::vector<std::pair<int, int>> day;
    for (const core::WeeklySpan& s : hours.weekly) {
      if (s.weekday != wd) continue;
      if (!day.empty() && s.from <= day.back().second) {
        day.back().second = std::max(day.back().second, s.to);
      } else {
        day.emplace_back(s.from, s.to);
      }
    }
    std::string spans;
    for (const auto& [from, to] : day) spans += (spans.empty() ? "" : ", ") + text::format_time_range(loc, from, to);
    if (spans.empty()) continue;
    out += (out.empty() ? "" : "\n") + text::weekday_short(loc, wd) + "  " + text::isolate(spans);
  }
  return out;
}

}  // namespace wk::ui
