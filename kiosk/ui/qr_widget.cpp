// QR drawing on the window draw list.
#include "kiosk/ui/qr_widget.hpp"

#include <imgui.h>

#include <algorithm>
#include <cmath>

namespace wk::ui {

void qr_code(Frame& f, std::string_view id, const core::QrMatrix& qr, std::string_view text, const Rect& r) {
  if (qr.size <= 0) return;
  const int modules = qr.size + 8;  // quiet zone of 4 on each side
  const float px = std::floor(std::min(r.w, r.h) / static_cast<float>(modules));
  if (px < 1) return;
  const float side = px * static_cast<float>(modules);
  const float x0 = std::round(r.cx() - side / 2), y0 = std::round(r.cy() - side / 2);
  f.dl->AddRectFilled({x0, y0}, {x0 + side, y0 + side}, IM_COL32(255, 255, 255, 255));
  for (int y = 0; y < qr.size; ++y)
    for (int x = 0; x < qr.size; ++x)
      if (qr.at(x, y)) {
        const float mx = x0 + px * static_cast<float>(x + 4), my = y0 + px * static_cast<float>(y + 4);
        f.dl->AddRectFilled({mx, my}, {mx + px, my + px}, IM_COL32(0, 0, 0, 255));
      }
  f.ui.elements.add(id, ElementKind::label, {x0, y0, side, side}, text);
}

}  // namespace wk::ui
