// On-screen keyboard drawing.
#include "kiosk/ui/keyboard_widget.hpp"

#include <imgui.h>

#include <algorithm>

#include "kiosk/ui/widgets.hpp"

namespace wk::ui {
namespace {

constexpr float kKeyEm = kControlEm;   // key height
constexpr float kKeyGapEm = 0.25f;  // between keys (closer than kGapEm: a keyboard is dense)

Icon icon_for(KeyAction a) {
  switch (a) {
    case KeyAction::backspace:
      return Icon::backspace;
    case KeyAction::shift:
      return Icon::shift;
    case KeyAction::next_layout:
      return Icon::none;  // labelled with the next layout's name
    case KeyAction::done:
      return Icon::check;
    default:
      return Icon::none;
  }
}

}  // namespace

float keyboard_height(const Frame& f, const KeyboardModel& model) {
  const auto n = static_cast<float>(model.rows().size());
  return n * kKeyEm * f.em + (n + 1) * kKeyGapEm * f.em;
}

const Key* on_screen_keyboard(Frame& f, const KeyboardModel& model, const Rect& area) {
  const Theme& th = f.ui.theme;
  const float gap = kKeyGapEm * f.em;
  f.dl->AddRectFilled({area.x, area.y}, {area.right(), area.bottom()}, th.border);
  const auto& rows = model.rows();
  const float key_h =
      std::min(kKeyEm * f.em, (area.h - gap * static_cast<float>(rows.size() + 1)) / static_cast<float>(rows.size()));
  // One key unit: the widest row fills the width.
  float max_units = 1;
  for (const auto& row : rows) {
    float u = 0;
    for (const auto& k : row) u += k.width;
    max_units = std::max(max_units, u);
  }
  const float unit = std::min((area.w - gap * (max_units + 1)) / max_units, key_h * 1.25f);
  const Key* tapped = nullptr;
  float y = area.y + gap;
  for (const auto& row : rows) {
    float row_w = 0;
    for (const auto& k : row) row_w += k.width * unit + gap * (k.width - 1) + gap;
    row_w -= gap;
    float x = area.x + (area.w - row_w) * 0.5f;
    for (const auto& k : row) {
      const Rect r{x, y, k.width * unit + gap * (k.width - 1), key_h};
      const bool active = k.action == KeyAction::shift && model.shifted();
      const ButtonKind kind = k.action == KeyAction::done || active ? ButtonKind::primary : ButtonKind::secondary;
      if (button(f, k.id, key_caption(k), r, kind, icon_for(k.action))) tapped = &k;
      x += r.w + gap;
    }
    y += key_h + gap;
  }
  return tapped;
}

}  // namespace wk::ui
