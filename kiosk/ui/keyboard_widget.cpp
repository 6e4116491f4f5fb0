// On-screen keyboard drawing.
#include "kiosk/ui/keyboard_widget.hpp"

#include <imgui.h>

#include <algorithm>

#include "kiosk/ui/widgets.hpp"

namespace wk::ui {
namespace {

constexpr float kKeyEm = kControlEm;  // key height
constexpr float kKeyGapEm = 0.25f;    // between keys (closer than kGapEm: a keyboard is dense)
// Every keyboard, letters or number pad, is laid out on a grid this many key units wide (or
// wider, for a layout with longer rows), anchored at the bottom of its area: the action keys
// sit at the grid's edges, so ✓, delete, shift and layout keep their place and size whichever
// keyboard a field brings up.
constexpr float kGridUnits = 15.f;
// Rows the keyboard's height is made for (extra characters, four letter rows, the bottom row):
// keys have the same height on a number pad too.
constexpr std::size_t kKeyboardRows = 6;

bool leads(const Key& k) {
  return k.action == KeyAction::shift || k.action == KeyAction::next_layout;
}
bool trails(const Key& k) {
  return k.action == KeyAction::backspace || k.action == KeyAction::done;
}

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
  const auto n = static_cast<float>(std::max(model.rows().size(), kKeyboardRows));
  return n * kKeyEm * f.em + (n + 1) * kKeyGapEm * f.em;
}

const Key* on_screen_keyboard(Frame& f, const KeyboardModel& model, const Rect& area) {
  const Theme& th = f.ui.theme;
  const float gap = kKeyGapEm * f.em;
  const auto& rows = model.rows();
  // Keys as high as kKeyboardRows rows allow, whatever this keyboard's own row count.
  const auto n = static_cast<float>(std::max(rows.size(), kKeyboardRows));
  const float key_h = std::min(kKeyEm * f.em, (area.h - gap * (n + 1)) / n);
  const float used = static_cast<float>(rows.size()) * (key_h + gap) + gap;
  f.dl->AddRectFilled({area.x, area.bottom() - used}, {area.right(), area.bottom()}, th.border);
  // One key unit: the grid (kGridUnits, or the widest row) fills the width.
  float grid_units = kGridUnits;
  for (const auto& row : rows) {
    float u = 0;
    for (const auto& k : row) u += k.width;
    grid_units = std::max(grid_units, u);
  }
  const float unit = std::min((area.w - gap * (grid_units + 1)) / grid_units, key_h * 1.25f);
  const float grid_w = grid_units * unit + (grid_units - 1) * gap;
  const float grid_x = area.x + (area.w - grid_w) * 0.5f;
  auto key_w = [&](const Key& k) { return k.width * unit + gap * (k.width - 1); };
  const Key* tapped = nullptr;
  auto draw = [&](const Key& k, float x, float y) {
    const Rect r{x, y, key_w(k), key_h};
    const bool active = (k.action == KeyAction::shift && model.shifted()) ||
                        (k.action == KeyAction::dead && k.dead == model.pending_dead());
    const ButtonKind kind = k.action == KeyAction::done || active ? ButtonKind::primary : ButtonKind::secondary;
    if (button(f, k.id, key_caption(k), r, kind, icon_for(k.action))) tapped = &k;
    // A latched key (shift, a dead key waiting for its letter) is told by a bar under its
    // caption too, not by its colour alone.
    if (active) {
      const float bw = std::min(r.w * 0.5f, f.em * 2.f), bh = std::max(2.f, f.em * 0.15f);
      const float bx = r.x + (r.w - bw) * 0.5f, by = r.bottom() - f.em * 0.45f;
      f.dl->AddRectFilled({bx, by}, {bx + bw, by + bh}, th.on_primary, bh * 0.5f);
    }
  };
  // Rows from the bottom of the area up: the bottom row (✓) is always in the same place.
  float y = area.bottom() - gap - key_h;
  for (auto row_it = rows.rbegin(); row_it != rows.rend(); ++row_it, y -= key_h + gap) {
    const auto& row = *row_it;
    std::size_t first = 0, last = row.size();
    if (first < last && leads(row[first])) draw(row[first++], grid_x, y);
    if (first < last && trails(row[last - 1])) {
      --last;
      draw(row[last], grid_x + grid_w - key_w(row[last]), y);
    }
    // The other keys centred on the grid, clear of the edge keys.
    float mid_w = 0;
    for (std::size_t i = first; i < last; ++i) mid_w += key_w(row[i]) + gap;
    mid_w = std::max(0.f, mid_w - gap);
    float x = grid_x + (grid_w - mid_w) * 0.5f;
    const float lo = first > 0 ? grid_x + key_w(row[0]) + gap : grid_x;
    const float hi = last < row.size() ? grid_x + grid_w - key_w(row.back()) - gap : grid_x + grid_w;
    x = std::clamp(x, lo, std::max(lo, hi - mid_w));
    for (std::size_t i = first; i < last; ++i) {
      draw(row[i], x, y);
      x += key_w(row[i]) + gap;
    }
  }
  return tapped;
}

float docked_keyboard(Frame& f, const Rect& area) {
  const float em = f.em;
  const float kh = std::min(keyboard_height(f, *f.vm.keyboard), std::max(area.h - 8.f * em, 0.f));
  const float margin = em * 0.4f;
  const Rect kb{f.screen.x + margin, area.bottom() - kh, f.screen.w - 2 * margin, kh};
  if (const Key* k = on_screen_keyboard(f, *f.vm.keyboard, kb)) f.emit(PressKey{k->id});
  return kb.y - em * 0.6f;
}

}  // namespace wk::ui
