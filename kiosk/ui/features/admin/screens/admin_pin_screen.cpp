// The PIN pad: a dot per digit typed (never the digits), why the last try failed or how long to
// wait, and a 3 x 4 pad (1-9, erase, 0, enter). Sign out leaves at once.
#include <imgui.h>

#include <algorithm>

#include "kiosk/ui/features/admin/admin_intents.hpp"
#include "kiosk/ui/features/admin/screens/admin_views.hpp"
#include "kiosk/ui/theme.hpp"
#include "kiosk/ui/widgets.hpp"

namespace wk::ui {

void draw_admin_pin(Frame& f) {
  const AdminConsole* a = admin_console(f);
  if (!a) return;
  const float em = f.em;
  const Rect area = staff_bar(f, f.t("admin.pin.title"), false);
  const float w = std::min(area.w, 22.f * em);
  const float x = area.x + (area.w - w) * 0.5f;
  float y = area.y;
  TextStyle centred;
  centred.align = Align::center;
  y += label(f, "admin.pin.prompt", f.t("admin.pin.prompt"), {x, y, w, 0}, centred) + em * 0.5f;

  // The dots.
  const float dot = em * 0.45f, gap = em * 0.5f;
  const std::size_t n = a->pin_length();
  const float dots_w = static_cast<float>(core::kPinMaxDigits) * (2 * dot + gap) - gap;
  const float dx = x + (w - dots_w) * 0.5f;
  for (std::size_t i = 0; i < static_cast<std::size_t>(core::kPinMaxDigits); ++i) {
    const ImVec2 c{dx + dot + static_cast<float>(i) * (2 * dot + gap), y + dot};
    if (i < n)
      f.dl->AddCircleFilled(c, dot, f.ui.theme.text);
    else
      f.dl->AddCircle(c, dot * 0.6f, f.ui.theme.border, 0, em * 0.06f);
  }
  label(f, "admin.pin.dots", std::string(n, '*'), {dx, y, 0, 0});  // for replays: how many, never which
  y += 2 * dot + em * 0.6f;

  std::string note;
  switch (a->pin_note()) {
    case AdminConsole::PinNote::none:
      break;
    case AdminConsole::PinNote::wrong:
      note = f.t("admin.pin.wrong", {{"tries", static_cast<std::int64_t>(a->tries_left())}});
      break;
    case AdminConsole::PinNote::wait:
    case AdminConsole::PinNote::locked: {
      const int s = a->wait_seconds();
      if (s > 0)
        note = a->pin_note() == AdminConsole::PinNote::locked
                   ? f.t("admin.pin.locked", {{"minutes", static_cast<std::int64_t>((s + 59) / 60)}})
                   : f.t("admin.pin.wait", {{"seconds", static_cast<std::int64_t>(s)}});
      break;
    }
    case AdminConsole::PinNote::not_set:
      note = f.t("admin.pin.not_set");
      break;
  }
  const float note_h = em * 2.6f;
  if (!note.empty()) error_note(f, "admin.pin.note", note, {x, y, w, note_h});
  y += note_h + em * 0.3f;

  // The pad.
  const float kh = std::min(kControlEm * em * 1.2f, (area.bottom() - y - 3 * gap) / 4.f);
  const float kw = (w - 2 * gap) / 3.f;
  static constexpr const char* kKeys[] = {"1", "2", "3", "4", "5", "6", "7", "8", "9", "erase", "0", "enter"};
  for (int k = 0; k < 12; ++k) {
    const Rect r{x + static_cast<float>(k % 3) * (kw + gap), y + static_cast<float>(k / 3) * (kh + gap), kw, kh};
    const std::string key = kKeys[k];
    const std::string id = "admin.pin." + key;
    if (key == "erase") {
      if (button(f, id, "", r, ButtonKind::secondary, Icon::backspace)) f.emit(PinErase{});
    } else if (key == "enter") {
      if (button(f, id, f.t("admin.pin.enter"), r, ButtonKind::primary)) f.emit(PinEnter{});
    } else if (button(f, id, key, r, ButtonKind::secondary)) {
      f.emit(PinDigit{key[0]});
    }
  }
}

}  // namespace wk::ui
