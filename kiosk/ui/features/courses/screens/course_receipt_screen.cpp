// The booking's receipt: that it is saved and how it is decided, the registration code to come
// back with, and each course with who takes part and its state ("requested" until the hub has
// decided at the next sync).
#include <imgui.h>

#include <algorithm>

#include "kiosk/ui/features/courses/screens/course_text.hpp"
#include "kiosk/ui/features/courses/screens/courses_views.hpp"
#include "kiosk/ui/theme.hpp"
#include "kiosk/ui/widgets.hpp"

namespace wk::ui {

void draw_course_receipt(Frame& f) {
  const CoursesBrowser* b = courses_browser(f);
  if (!b || !b->booking().receipt) return;
  const BookingDraft& d = b->booking();
  const core::StoredBooking& r = *d.receipt;
  const float em = f.em;
  const Rect area = f.content;
  const float w = std::min(area.w, 44.f * em);
  const Rect col = f.mirror(area).place(0, area.y, w, area.h);
  TextStyle title;
  title.role = FontRole::title;
  TextStyle muted;
  muted.color = f.ui.theme.text_muted;
  TextStyle big;
  big.role = FontRole::hero;
  big.lang = f.ui.languages ? f.ui.languages->find("en") : nullptr;  // the code is Latin, left to right
  if (!big.lang) big.lang = &f.lang();
  big.align = f.rtl() ? Align::end : Align::start;  // at the session's start edge, read left to right
  TextStyle ts;
  ts.role = FontRole::label;
  TextStyle state;
  state.color = f.ui.theme.primary;

  std::vector<std::string> courses;
  for (const auto& l : r.lines)
    if (std::find(courses.begin(), courses.end(), l.course_id) == courses.end()) courses.push_back(l.course_id);
  // Confirmed on the spot (from this terminal's allotment), or saved for the hub to decide.
  const bool confirmed = r.state == "confirmed";
  const std::string heading = f.t(confirmed ? "booking.confirmed.title" : "booking.saved.title");
  const std::string saved = f.t(confirmed ? "booking.confirmed.text" : "booking.saved.text");
  const std::string state_text = f.t("booking.state." + r.state);
  auto measure = [&] {
    float h = text_height(f, heading, col.w, title) + em * 0.4f + text_height(f, saved, col.w) + em * 0.8f +
              text_height(f, f.t("receipt.code"), col.w, muted) + text_height(f, r.code, col.w, big) + em;
    for (const auto& id : courses) {
      const core::Course* c = b->course(id);
      h += text_height(f, c ? course_text(f, c->title) : id, col.w, ts) +
           text_height(f, people_in(f, d, r.lines, id), col.w) + text_height(f, state_text, col.w, state) + em * 1.0f;
    }
    return h;
  };
  const Rect view{col.x, col.y, col.w, std::max(0.f, area.bottom() - kFooterEm * em - em - col.y)};
  {
    ScrollArea scroll(f, "booking.receipt", view, measure(), em * 0.15f);
    float y = view.y - scroll.offset();
    y += label(f, "booking.saved.title", heading, {col.x, y, col.w, 0}, title) + em * 0.4f;
    y += label(f, "booking.saved.text", saved, {col.x, y, col.w, 0}) + em * 0.8f;
    y += label(f, "booking.receipt.code.label", f.t("receipt.code"), {col.x, y, col.w, 0}, muted);
    y += label(f, "booking.receipt.code", r.code, {col.x, y, col.w, 0}, big) + em;
    f.ui.elements.spell_last(r.code);
    for (const auto& id : courses) {
      const core::Course* c = b->course(id);
      const std::string key = "booking.receipt." + id;
      y += label(f, key + ".title", c ? course_text(f, c->title) : id, {col.x, y, col.w, 0}, ts);
      y += label(f, key + ".people", people_in(f, d, r.lines, id), {col.x, y, col.w, 0});
      y += label(f, key + ".state", state_text, {col.x, y, col.w, 0}, state) + em * 1.0f;
    }
  }
  if (courses_footer(f, area, "booking.done", f.t("booking.done")) == 1) f.emit(FinishBooking{});
}

}  // namespace wk::ui
