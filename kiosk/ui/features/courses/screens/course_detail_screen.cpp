// A course's detail page: everything the catalog says about it, in the session language —
// kind and level, dates and deadline, weekly times, how and where, childcare, costs,
// accessibility, provider — under its title and the state of its seats (or why it cannot be
// booked, also when the hub deleted it meanwhile). Labels sit beside their values on wide
// screens and above them on narrow ones; the page scrolls by dragging.
#include <imgui.h>

#include <algorithm>

#include "kiosk/text/date_format.hpp"
#include "kiosk/text/isolate.hpp"
#include "kiosk/ui/features/courses/screens/course_text.hpp"
#include "kiosk/ui/features/courses/screens/courses_views.hpp"
#include "kiosk/ui/theme.hpp"
#include "kiosk/ui/widgets.hpp"

namespace wk::ui {
namespace {

text::Date to_date(std::chrono::sys_days d) {
  const std::chrono::year_month_day ymd(d);
  return {static_cast<int>(ymd.year()), static_cast<int>(static_cast<unsigned>(ymd.month())),
          static_cast<int>(static_cast<unsigned>(ymd.day()))};
}

std::vector<Fact> facts(Frame& f, const CoursesBrowser& b, const core::Course& c) {
  std::vector<Fact> out;
  const std::string& loc = f.lang().icu_locale;
  // Element id and message key of the label: "course.<id>".
  auto add = [&](const char* id, std::string value) {
    if (value.empty()) return;
    const std::string key = std::string("course.") + id;
    out.push_back({key, f.t(key), std::move(value)});
  };
  add("level", course_levels(f, c));
  add("dates", course_dates(f, c));
  if (c.registration_deadline) add("deadline", text::format_date(loc, to_date(*c.registration_deadline)));
  {
    std::string when = course_schedule(f, c);
    const std::string note = course_text(f, c.schedule_note);
    if (!note.empty()) when += (when.empty() ? "" : "\n") + note;
    if (c.rolling_entry) when += (when.empty() ? "" : "\n") + f.t("course.rolling");
    add("schedule", when);
  }
  {
    std::string how;
    if (!c.delivery.empty()) how = f.t("course.delivery." + c.delivery);
    if (!c.intensity.empty()) how += (how.empty() ? "" : " · ") + f.t("course.intensity." + c.intensity);
    add("format", how);
  }
  {
    std::vector<std::string> lines;
    if (!c.street.empty()) lines.push_back(text::isolate(c.street));
    const std::string town = c.postal_code.empty() ? c.municipality : c.postal_code + " " + c.municipality;
    if (!town.empty()) lines.push_back(text::isolate(town));
    if (!c.room.empty()) lines.push_back(text::isolate(c.room));
    std::string where;
    for (const auto& l : lines) where += (where.empty() ? "" : "\n") + l;
    if (where.empty() && c.delivery == "online") where = f.t("course.delivery.online");
    add("place", where);
  }
  add("childcare", c.childcare ? f.t("course.childcare_ages", {{"from", std::int64_t{c.childcare->first}},
                                                               {"to", std::int64_t{c.childcare->second}}})
                               : f.t("course.no_childcare"));
  add("costs", course_text(f, c.costs));
  add("accessibility", course_text(f, c.accessibility));
  add("provider", course_text(f, b.provider_name(c.organisation_id)));
  return out;
}

}  // namespace

void draw_course_detail(Frame& f) {
  const CoursesBrowser* b = courses_browser(f);
  const core::Course* c = b ? b->selected() : nullptr;
  if (!c) return;
  const float em = f.em;
  const Rect area = f.content;
  const float w = std::min(area.w, 48.f * em);
  const Rect col = f.mirror(area).place(0, area.y, w, area.h);
  const Theme& th = f.ui.theme;

  const std::string title = course_text(f, c->title);
  // The kind of course under the title, unless the title says just that.
  std::string type = course_type_name(f, *c);
  if (text::strip_bidi_controls(type) == text::strip_bidi_controls(title)) type.clear();
  const std::string closed = course_closed_reason(f, *c, b->selected_deleted());
  const std::string state = closed.empty() ? course_seats_text(f, *c) : closed;
  const core::Seats seats = core::course_seats(*c);
  const std::vector<Fact> list = facts(f, *b, *c);

  TextStyle ts;
  ts.role = FontRole::title;
  TextStyle sub;
  sub.role = FontRole::label;
  sub.color = th.text_muted;
  TextStyle st;
  st.role = FontRole::label;
  st.color = !closed.empty() ? th.error : seats.state == core::SeatState::free ? th.primary : th.error;
  auto measure = [&] {
    float h = text_height(f, title, col.w, ts) + em * 0.3f + (type.empty() ? 0.f : text_height(f, type, col.w, sub)) +
              em * 0.5f + text_height(f, state, col.w, st) + em * 1.2f;
    return h + facts_height(f, list, col.w, 12.f);
  };
  // The booking button, while the course can be booked (a full one: its waiting list).
  const bool bookable = closed.empty();
  const Rect view{col.x, col.y, col.w, bookable ? std::max(0.f, area.h - kFooterEm * em - em) : area.h};
  if (bookable &&
      courses_footer(f, area, "course.book",
                     f.t(seats.state == core::SeatState::full ? "course.book_waiting" : "course.book")) == 1)
    f.emit(BookCourse{c->id});
  ScrollArea scroll(f, "course.scroll", view, measure(), em * 0.15f);
  float y = view.y - scroll.offset();
  y += label(f, "course.title", title, {col.x, y, col.w, 0}, ts) + em * 0.3f;
  if (!type.empty()) y += label(f, "course.type", type, {col.x, y, col.w, 0}, sub);
  y += em * 0.5f;
  if (!closed.empty()) {
    const float h = error_note_height(f, state, col.w);
    error_note(f, "course.state", state, {col.x, y, col.w, 0});
    y += h + em * 1.2f;
  } else {
    y += label(f, "course.state", state, {col.x, y, col.w, 0}, st) + em * 1.2f;
  }
  facts(f, list, col, y, 12.f);
}

}  // namespace wk::ui
