// The finder's words (see contact_text.hpp).
#include "kiosk/ui/features/contacts/screens/contact_text.hpp"

#include "kiosk/text/date_format.hpp"
#include "kiosk/text/isolate.hpp"
#include "kiosk/ui/ui_context.hpp"

namespace wk::ui {

const ContactsFinder* contacts_finder(const Frame& f) {
  return dynamic_cast<const ContactsFinder*>(f.vm.feature);
}

std::string contact_text(const Frame& f, const core::LanguageMap& map) {
  const std::vector<std::string> chain =
      f.ui.languages ? f.ui.languages->chain(f.lang().code) : std::vector<std::string>{f.lang().code};
  const std::string s = core::localized(map, chain);
  return s.empty() ? s : text::isolate(s);
}

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
    std::string spans;
    for (const core::WeeklySpan& s : hours.weekly)
      if (s.weekday == wd) spans += (spans.empty() ? "" : ", ") + text::format_time_range(loc, s.from, s.to);
    if (spans.empty()) continue;
    out += (out.empty() ? "" : "\n") + text::weekday_short(loc, wd) + "  " + text::isolate(spans);
  }
  return out;
}

std::string desk_text(const Frame& f) {
  const ContactsFinder* c = contacts_finder(f);
  const core::Organisation* desk = c ? c->desk() : nullptr;
  if (desk) return f.t("finder.desk", {{"name", contact_text(f, desk->name)}});
  return f.t("finder.desk_here");
}

}  // namespace wk::ui
