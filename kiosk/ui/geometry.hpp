// Rectangles in screen pixels and the direction-aware placement that mirrors
// layouts for right-to-left languages: screens describe positions from the
// "start" edge and `Mirror` turns them into pixels.
#pragma once

#include <algorithm>

namespace wk::ui {

struct Rect {
  float x = 0, y = 0, w = 0, h = 0;
  float right() const { return x + w; }
  float bottom() const { return y + h; }
  float cx() const { return x + w * 0.5f; }
  float cy() const { return y + h * 0.5f; }
  bool contains(float px, float py) const { return px >= x && px < x + w && py >= y && py < y + h; }
  Rect inset(float d) const { return {x + d, y + d, std::max(0.f, w - 2 * d), std::max(0.f, h - 2 * d)}; }
  Rect intersect(const Rect& o) const {
    float l = std::max(x, o.x), t = std::max(y, o.y);
    float r = std::min(right(), o.right()), b = std::min(bottom(), o.bottom());
    return {l, t, std::max(0.f, r - l), std::max(0.f, b - t)};
  }
};

// Maps a rectangle given relative to the start edge of `area` to pixels:
// identity for LTR, reflected about the area's vertical axis for RTL.
struct Mirror {
  Rect area;
  bool rtl = false;
  Rect place(float start_offset, float y, float w, float h) const {
    float x = rtl ? area.right() - start_offset - w : area.x + start_offset;
    return {x, y, w, h};
  }
};

enum class Align { start, center, end };

}  // namespace wk::ui
