// Out of service: shown instead of the welcome screen while staff have taken the terminal out of
// service — the center's name and "out of service, please ask at the desk" in every enabled
// language, each in its own script and direction. Nothing on it answers a touch (only the hidden
// staff corners).
#include <algorithm>

#include "kiosk/ui/features/admin/screens/admin_views.hpp"
#include "kiosk/ui/theme.hpp"
#include "kiosk/ui/widgets.hpp"

namespace wk::ui {

void draw_out_of_service(Frame& f) {
  const float em = f.em;
  const Rect s = f.screen.inset(em * 1.2f);
  float y = s.y;
  TextStyle title;
  title.role = FontRole::title;
  title.align = Align::center;
  y += label(f, "oos.center", f.vm.center_name, {s.x, y, s.w, em * 4}, title) + em * 0.8f;
  draw_icon(f.dl, Icon::warning, s.x + s.w * 0.5f, y + em * 1.2f, em * 2.2f, f.ui.theme.accent, false);
  y += em * 3.f;
  // Two columns when the languages do not fit in one.
  const auto& langs = f.vm.enabled;
  const std::size_t per_col = langs.size() > 6 ? (langs.size() + 1) / 2 : langs.size();
  const float col_w = per_col < langs.size() ? (s.w - em) * 0.5f : s.w;
  const float row_h = std::max(em * 2.f, (s.bottom() - y) / static_cast<float>(std::max<std::size_t>(per_col, 1)));
  for (std::size_t i = 0; i < langs.size(); ++i) {
    TextStyle ts;
    ts.lang = langs[i];
    ts.align = Align::center;
    ts.vcenter = true;
    const float x = s.x + static_cast<float>(i / per_col) * (col_w + em);
    const float ry = y + static_cast<float>(i % per_col) * row_h;
    label(f, "oos.text." + langs[i]->code, f.t_in(*langs[i], "out_of_service.text"), {x, ry, col_w, row_h}, ts);
  }
}

}  // namespace wk::ui
