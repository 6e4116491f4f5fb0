// The basket: each course of the booking with its dates and who takes part, "Remove" beside it;
// "Add another course" back to the list, "Book now" books everything at once.
#include <imgui.h>

#include <algorithm>

#include "kiosk/ui/features/courses/screens/course_text.hpp"
#include "kiosk/ui/features/courses/screens/courses_views.hpp"
#include "kiosk/ui/theme.hpp"
#include "kiosk/ui/widgets.hpp"

namespace wk::ui {

void draw_course_booking(Frame& f) {
  const CoursesBrowser* b = courses_browser(f);
  if (!b) return;
  const BookingDraft& d = b->booking();
  const float em = f.em;
  const Rect area = f.content;
  const float w = std::min(area.w, 44.f * em);
  const Rect col = f.mirror(area).place(0, area.y, w, area.h);
  const Mirror m = f.mirror(col);
  TextStyle title;
  title.role = FontRole::title;
  TextStyle muted;
  muted.color = f.ui.theme.text_muted;
  float y = col.y;
  y += label(f, "booking.title", f.t("booking.title"), {col.x, y, col.w, 0}, title) + em * 0.2f;
  y += label(f, "booking.code", f.t("booking.code", {{"code", d.code}}), {col.x, y, col.w, 0}, muted) + em * 0.8f;
  const std::vector<std::string> courses = d.courses();
  if (courses.empty()) label(f, "booking.empty", f.t("booking.empty"), {col.x, y, col.w, 0});

  const float pad = em * 0.7f, remove_w = std::min(text_width(f, f.t("booking.remove")) + em * 2.f, col.w * 0.3f);
  const float text_w = col.w - 2 * pad - remove_w - em;
  TextStyle ts;
  ts.role = FontRole::label;
  auto card_h = [&](const core::Course* c, const std::string& id) {
    const std::string t = c ? course_text(f, c->title) : id;
    return 2 * pad + text_height(f, t, text_w, ts) + em * 0.2f + text_height(f, c ? course_dates(f, *c) : "", text_w) +
           em * 0.2f + text_height(f, people_in(f, d, d.lines, id), text_w);
  };
  float total = 0;
  for (const auto& id : courses) total += card_h(b->course(id), id) + em * 0.6f;
  const Rect view{col.x, y, col.w, std::max(0.f, area.bottom() - kFooterEm * em - em - y)};
  {
    ScrollArea scroll(f, "booking.lines", view, total, em * 0.15f);
    float cy = view.y - scroll.offset();
    for (const auto& id : courses) {
      const core::Course* c = b->course(id);
      const float h = card_h(c, id);
      const Rect r{col.x, cy, col.w, h};
      panel(f, r);
      const Mirror rm = f.mirror(r);
      float ty = r.y + pad;
      const std::string key = "booking.line." + id;
      ty += label(f, key + ".title", c ? course_text(f, c->title) : id, rm.place(pad, ty, text_w, 0), ts) + em * 0.2f;
      ty += label(f, key + ".dates", c ? course_dates(f, *c) : "", rm.place(pad, ty, text_w, 0), muted) + em * 0.2f;
      label(f, key + ".people", people_in(f, d, d.lines, id), rm.place(pad, ty, text_w, 0));
      if (button(f, key + ".remove", f.t("booking.remove"),
                 rm.place(r.w - pad - remove_w, r.y + pad, remove_w, kControlEm * em), ButtonKind::quiet))
        f.emit(RemoveFromBooking{id});
      cy += h + em * 0.6f;
    }
  }
  (void)m;
  const int tapped = courses_footer(f, area, "booking.book_now", courses.empty() ? "" : f.t("booking.book_now"),
                                    "booking.more", f.t("booking.more"));
  if (tapped == 1) f.emit(ConfirmBooking{});
  if (tapped == 2) f.emit(MoreCourses{});
}

}  // namespace wk::ui
