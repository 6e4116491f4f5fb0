// Putting a course into words (see course_text.hpp).
#include "kiosk/ui/features/courses/screens/course_text.hpp"

#include "kiosk/ui/code_pad.hpp"

#include <algorithm>
#include <map>

#include "kiosk/core/registration_code.hpp"
#include "kiosk/text/date_format.hpp"
#include "kiosk/text/isolate.hpp"
#include "kiosk/text/list_format.hpp"
#include "kiosk/ui/theme.hpp"
#include "kiosk/ui/widgets.hpp"

namespace wk::ui {
namespace {

std::vector<std::string> chain(const Frame& f) {
  return f.ui.languages ? f.ui.languages->chain(f.lang().code) : std::vector<std::string>{f.lang().code};
}

text::Date to_date(std::chrono::sys_days d) {
  const std::chrono::year_month_day ymd(d);
  return {static_cast<int>(ymd.year()), static_cast<int>(static_cast<unsigned>(ymd.month())),
          static_cast<int>(static_cast<unsigned>(ymd.day()))};
}

}  // namespace

const CoursesBrowser* courses_browser(const Frame& f) {
  return dynamic_cast<const CoursesBrowser*>(f.vm.feature);
}

std::string course_text(const Frame& f, const core::LanguageMap& map) {
  const std::string s = core::localized(map, chain(f));
  return s.empty() ? s : text::isolate(s);
}

std::string course_type_name(const Frame& f, const core::Course& c) {
  if (c.course_type.rfind("job_basic_", 0) == 0) {
    std::string level = c.course_type.substr(10);
    for (auto& ch : level) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
    return f.t("course.type.job_basic", {{"level", text::isolate(level)}});
  }
  return f.t("course.type." + c.course_type);
}

std::string course_levels(const Frame& f, const core::Course& c) {
  const std::string& low = c.level_from.empty() ? c.level_to : c.level_from;
  const std::string& high = c.level_to.empty() ? c.level_from : c.level_to;
  if (low.empty()) return {};
  if (low == high) return text::isolate(low);
  return text::isolate(f.t("courses.level_range", {{"low", low}, {"high", high}}));
}

std::string course_dates(const Frame& f, const core::Course& c) {
  const std::string& loc = f.lang().icu_locale;
  if (c.starts_on && c.ends_on) return text::format_date_range(loc, to_date(*c.starts_on), to_date(*c.ends_on));
  if (c.starts_on) return text::format_date(loc, to_date(*c.starts_on));
  return {};
}

std::string course_schedule(const Frame& f, const core::Course& c) {
  const std::string& loc = f.lang().icu_locale;
  // Days sharing the same times, in the order of their first day.
  std::vector<std::pair<std::pair<int, int>, std::vector<int>>> groups;
  for (const auto& s : c.sessions) {
    auto it = std::find_if(groups.begin(), groups.end(), [&](const auto& g) {
      return g.first == std::pair{s.from, s.to};
    });
    if (it == groups.end()) {
      groups.push_back({{s.from, s.to}, {s.weekday}});
    } else if (std::find(it->second.begin(), it->second.end(), s.weekday) == it->second.end()) {
      it->second.push_back(s.weekday);
    }
  }
  std::vector<std::string> parts;
  for (const auto& [times, days] : groups) {
    std::vector<std::string> names;
    for (std::size_t i = 0; i < days.size();) {
      std::size_t j = i;
      while (j + 1 < days.size() && days[j + 1] == days[j] + 1) ++j;
      if (j - i >= 2) {
        names.push_back(text::weekday_short(loc, days[i]) + "–" + text::weekday_short(loc, days[j]));
      } else {
        for (std::size_t k = i; k <= j; ++k) names.push_back(text::weekday_short(loc, days[k]));
      }
      i = j + 1;
    }
    parts.push_back(text::join_list(loc, names) + " " +
                    text::isolate(text::format_time_range(loc, times.first, times.second)));
  }
  return text::join_list(loc, parts);
}

std::string course_closed_reason(const Frame& f, const core::Course& c, bool deleted) {
  if (deleted) return f.t("courses.closed.deleted");
  const auto* browser = courses_browser(f);
  if (!browser) return {};
  switch (core::course_open(c, browser->today())) {
    case core::CourseOpen::open:
      return {};
    case core::CourseOpen::deadline_passed:
      return f.t("courses.closed.deadline");
    case core::CourseOpen::started:
    case core::CourseOpen::ended:
      return f.t("courses.closed.started");
  }
  return {};
}

std::string course_seats_text(const Frame& f, const core::Course& c) {
  const core::Seats s = core::course_seats(c);
  switch (s.state) {
    case core::SeatState::full:
      return f.t("courses.full");
    case core::SeatState::almost_full:
      return f.t("courses.almost_full", {{"n", s.free}});
    case core::SeatState::free:
      break;
  }
  return f.t("courses.seats", {{"n", s.free}});
}

std::string course_place(const Frame& f, const core::Course& c) {
  if (c.municipality.empty()) return f.t("course.delivery.online");
  return text::isolate(c.municipality);
}

std::string person_label(const Frame& f, const std::vector<std::string>& names, int person) {
  if (person >= 0 && person < static_cast<int>(names.size()) && !names[static_cast<std::size_t>(person)].empty())
    return text::isolate(names[static_cast<std::size_t>(person)]);
  if (person == 0) return f.t("booking.person.you");
  return f.t("booking.person.member", {{"n", std::int64_t{person}}});
}

std::string person_label(const Frame& f, const BookingDraft& d, int person) {
  static const std::vector<std::string> kNone;
  return person_label(f, d.names_known ? d.people : kNone, person);
}

std::string people_in(const Frame& f, const std::vector<std::string>& known,
                      const std::vector<core::BookingLine>& lines, const std::string& course_id) {
  std::vector<std::string> names;
  for (const auto& l : lines)
    if (l.course_id == course_id) names.push_back(person_label(f, known, l.person));
  return text::join_list(f.lang().icu_locale, names);
}

std::string people_in(const Frame& f, const BookingDraft& d, const std::vector<core::BookingLine>& lines,
                      const std::string& course_id) {
  static const std::vector<std::string> kNone;
  return people_in(f, d.names_known ? d.people : kNone, lines, course_id);
}

void code_pad(Frame& f, const std::string& typed, bool wrong, const Rect& col, float y, float bottom) {
  const auto key = wk::ui::code_pad(f, "booking.code.typed", typed, "booking.code.wrong",
                                    wrong ? f.t("booking.code.wrong") : "", col, y, bottom);
  if (!key) return;
  if (key->erase)
    f.emit(EraseCodeSymbol{});
  else
    f.emit(TypeCodeSymbol{key->symbol});
}

int courses_footer(Frame& f, const Rect& area, std::string_view primary_id, std::string_view primary,
                   std::string_view secondary_id, std::string_view secondary) {
  const float h = kFooterEm * f.em;
  return footer_buttons(f, {area.x, area.bottom() - h, area.w, h}, primary_id, primary, secondary_id, secondary).tapped;
}

}  // namespace wk::ui
