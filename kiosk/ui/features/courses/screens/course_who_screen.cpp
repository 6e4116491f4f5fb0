// Who takes part in a course: first whose registration — this session's is taken as it is;
// otherwise the newcomer types the code from their receipt on a pad of the code's 30 symbols
// (the check symbol catches a typo as soon as the ninth symbol is in) — then the people of that
// registration as chips, by name when this terminal knows them, else "You" and "Family member n".
#include <imgui.h>

#include <algorithm>

#include "kiosk/core/registration_code.hpp"
#include "kiosk/text/isolate.hpp"
#include "kiosk/ui/features/courses/screens/course_text.hpp"
#include "kiosk/ui/features/courses/screens/courses_views.hpp"
#include "kiosk/ui/theme.hpp"
#include "kiosk/ui/widgets.hpp"

namespace wk::ui {

void draw_course_who(Frame& f) {
  const CoursesBrowser* b = courses_browser(f);
  if (!b) return;
  const BookingDraft& d = b->booking();
  const core::Course* c = b->course(d.course_id);
  const float em = f.em;
  const Rect area = f.content;
  const float w = std::min(area.w, 40.f * em);
  const Rect col = f.mirror(area).place(0, area.y, w, area.h);
  TextStyle title;
  title.role = FontRole::title;
  TextStyle muted;
  muted.role = FontRole::label;
  muted.color = f.ui.theme.text_muted;
  float y = col.y;
  y += label(f, "booking.who.title", f.t("booking.who.title"), {col.x, y, col.w, 0}, title) + em * 0.2f;
  if (c) y += label(f, "booking.course", course_text(f, c->title), {col.x, y, col.w, 0}, muted) + em * 0.8f;
  const float footer_top = area.bottom() - kFooterEm * em - em;

  if (d.people.empty()) {
    y += label(f, "booking.code.prompt", f.t("booking.code.prompt"), {col.x, y, col.w, 0}) + em * 0.6f;
    code_pad(f, d.typed, d.code_wrong,
             {area.x + (area.w - std::min(area.w, 36.f * em)) * 0.5f, y, std::min(area.w, 36.f * em), 0}, y,
             area.bottom());
    return;
  }
  TextStyle code_style;
  code_style.color = f.ui.theme.text_muted;
  const Mirror m = f.mirror(col);
  const std::string code_line = f.t("booking.code", {{"code", d.code}});
  if (d.lines.empty()) {  // another code may be used while nothing is in the basket
    const std::string other = f.t("booking.other_code");
    const float bw = std::min(text_width(f, other) + em * 2.f, col.w * 0.5f);
    if (button(f, "booking.other_code", other, m.place(col.w - bw, y, bw, kControlEm * em), ButtonKind::quiet))
      f.emit(ForgetCode{});
    label(f, "booking.code", code_line, m.place(0, y + em * 0.5f, col.w - bw - em, 0), code_style);
    f.ui.elements.spell_last(d.code);
    y += kControlEm * em + em * 0.6f;
  } else {
    y += label(f, "booking.code", code_line, {col.x, y, col.w, 0}, code_style) + em * 0.6f;
    f.ui.elements.spell_last(d.code);
  }
  // A code this terminal does not hold: what the hub says of it, when it could be asked.
  if (!d.names_known && d.ticket != 0) {
    const DeskReply reply = b->desk_reply();
    std::string note;
    if (reply.ticket == d.ticket && reply.state == DeskReply::State::waiting) {
      note = f.t("booking.code.asking");
    } else if (reply.ticket == d.ticket && reply.state == DeskReply::State::answered) {
      note = reply.lookup.known && !reply.lookup.initial.empty()
                 ? f.t("booking.code.found", {{"initial", text::isolate(reply.lookup.initial)}})
                 : f.t(reply.lookup.known ? "booking.code.known" : "booking.code.unknown");
    } else if (reply.ticket == d.ticket) {
      note = f.t("booking.code.offline");
    }
    if (!note.empty()) y += label(f, "booking.code.hub", note, {col.x, y, col.w, 0}, code_style) + em * 0.6f;
  }
  float total = 0;
  for (std::size_t i = 0; i < d.people.size(); ++i)
    total += std::max(kControlEm * em,
                      text_height(f, person_label(f, d, static_cast<int>(i)), col.w - em * 3.4f) + em * 1.2f) +
             em * 0.5f;
  const Rect view{col.x, y, col.w, std::max(0.f, footer_top - y - (d.choose_someone ? 2.5f * em : 0.f))};
  {
    ScrollArea area_people(f, "booking.people", view, total, em * 0.15f);
    float py = view.y - area_people.offset();
    for (std::size_t i = 0; i < d.people.size(); ++i) {
      const int person = static_cast<int>(i);
      const std::string text = person_label(f, d, person);
      const float h = std::max(kControlEm * em, text_height(f, text, col.w - em * 3.4f) + em * 1.2f);
      if (chip(f, "booking.person." + std::to_string(i), text, {col.x, py, col.w, h}, d.chosen.count(person) != 0))
        f.emit(TogglePerson{person});
      py += h + em * 0.5f;
    }
  }
  if (d.choose_someone)
    error_note(f, "booking.choose_someone", f.t("booking.choose_someone"), {col.x, footer_top - 2.2f * em, col.w, 0});
  if (courses_footer(f, area, "booking.add", f.t("booking.add")) == 1) f.emit(AddToBooking{});
}

}  // namespace wk::ui
