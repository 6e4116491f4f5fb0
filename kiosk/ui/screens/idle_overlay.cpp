// The idle warning: the screen dims, a panel counts down the seconds until
// the session is wiped. Any touch keeps the session; "End now" wipes at once.
#include <imgui.h>

#include <algorithm>

#include "kiosk/ui/screens/screens.hpp"
#include "kiosk/ui/widgets.hpp"

namespace wk::ui {

void draw_idle_overlay(Frame& f) {
  const float em = f.em;
  const Theme& th = f.ui.theme;
  const Rect s = f.screen;
  f.dl->AddRectFilled({s.x, s.y}, {s.right(), s.bottom()}, th.dim);

  const float w = std::min(s.w - 2 * em, 30 * em);
  const float inner = w - 3 * em;
  TextStyle ts;
  ts.role = FontRole::title;
  ts.align = Align::center;
  TextStyle cs;
  cs.role = FontRole::label;
  cs.align = Align::center;
  const std::string title = f.t("idle.title");
  const std::string count = f.t("idle.countdown", {{"seconds", static_cast<std::int64_t>(f.vm.idle_seconds_left)}});
  const float bh = 3.2f * em;
  const float h = 1.5f * em + text_height(f, title, inner, ts) + em + text_height(f, count, inner, cs) + 1.5f * em +
                  bh * 2 + em + 1.5f * em;
  const Rect panel{s.cx() - w / 2, s.cy() - h / 2, w, h};
  f.dl->AddRectFilled({panel.x, panel.y}, {panel.right(), panel.bottom()}, th.surface, em * 0.6f);
  f.dl->AddRect({panel.x, panel.y}, {panel.right(), panel.bottom()}, th.accent, em * 0.6f, 0, em * 0.15f);

  float y = panel.y + 1.5f * em;
  const float x = panel.x + 1.5f * em;
  y += label(f, "idle.title", title, {x, y, inner, 0}, ts) + em;
  y += label(f, "idle.countdown", count, {x, y, inner, 0}, cs) + 1.5f * em;
  if (button(f, "idle.continue", f.t("idle.continue"), {x, y, inner, bh}, ButtonKind::primary)) f.emit(StayActive{});
  y += bh + em;
  const Rect end{x, y, inner, bh};
  if (button(f, "idle.end", f.t("idle.end"), end, ButtonKind::secondary)) f.emit(EndSession{});
  // Any touch anywhere else keeps the session at once, even a sloppy one.
  if (f.ui.touch.pressed_in(s) && !f.ui.touch.pressed_in(end)) f.emit(StayActive{});
}

}  // namespace wk::ui
