// "Discard what you entered?": the screen dims and a panel asks before a session with a draft
// ends. Keeping is the primary, first answer; discarding needs the second button.
#include <imgui.h>

#include <algorithm>

#include "kiosk/ui/screens/screens.hpp"
#include "kiosk/ui/widgets.hpp"

namespace wk::ui {

void draw_leave_overlay(Frame& f) {
  const float em = f.em;
  const Theme& th = f.ui.theme;
  const Rect s = f.screen;
  f.dl->AddRectFilled({s.x, s.y}, {s.right(), s.bottom()}, th.dim);

  const float w = std::min(s.w - 2 * em, 30 * em);
  const float inner = w - 3 * em;
  TextStyle ts;
  ts.role = FontRole::title;
  ts.align = Align::center;
  TextStyle bs;
  bs.align = Align::center;
  const std::string title = f.t("leave.title");
  const std::string text = f.t("leave.text");
  const float bh = 3.2f * em;
  const float h = 1.5f * em + text_height(f, title, inner, ts) + em + text_height(f, text, inner, bs) + 1.5f * em +
                  bh * 2 + em + 1.5f * em;
  const Rect panel{s.cx() - w / 2, std::max(s.y + em, s.cy() - h / 2), w, h};
  f.dl->AddRectFilled({panel.x, panel.y}, {panel.right(), panel.bottom()}, th.surface, em * 0.6f);
  f.dl->AddRect({panel.x, panel.y}, {panel.right(), panel.bottom()}, th.accent, em * 0.6f, 0, em * 0.15f);

  float y = panel.y + 1.5f * em;
  const float x = panel.x + 1.5f * em;
  y += label(f, "leave.title", title, {x, y, inner, 0}, ts) + em;
  y += label(f, "leave.text", text, {x, y, inner, 0}, bs) + 1.5f * em;
  if (button(f, "leave.keep", f.t("leave.keep"), {x, y, inner, bh}, ButtonKind::primary)) f.emit(KeepInput{});
  y += bh + em;
  if (button(f, "leave.discard", f.t("leave.discard"), {x, y, inner, bh}, ButtonKind::secondary)) f.emit(LeaveAnyway{});
}

}  // namespace wk::ui
