// Out of service: shown instead of the welcome screen while staff have taken the terminal out of
// service — the center's name and "out of service, please ask at the desk" in every enabled
// language, each in its own script and direction. Nothing on it answers a touch (only the hidden
// staff corners).
#include <algorithm>

#include "kiosk/ui/features/admin/screens/admin_views.hpp"
#include "kiosk/ui/theme.hpp"
#include "kiosk/ui/widgets.hpp"

namespace wk::ui {
namespace {
// Seconds each page of languages shows when they do not all fit (the welcome prompt's pace).
constexpr double kPageSeconds = 4.0;
}  // namespace

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
  // As few columns as let every language's text fit its row; when even three columns do not,
  // pages of them take turns like the welcome screen's prompt.
  const auto& langs = f.vm.enabled;
  const std::size_t n = std::max<std::size_t>(langs.size(), 1);
  const float avail = std::max(em * 2.f, s.bottom() - y);
  auto widest_need = [&](float col_w) {
    float need = em * 2.f;
    for (const text::Language* l : langs) {
      TextStyle ts;
      ts.lang = l;
      need = std::max(need, text_height(f, f.t_in(*l, "out_of_service.text"), col_w, ts) + em * 0.4f);
    }
    return need;
  };
  std::size_t cols = 1, per_col = n;
  float col_w = s.w, row_h = avail / static_cast<float>(n);
  for (cols = 1; cols <= 3; ++cols) {
    per_col = (n + cols - 1) / cols;
    col_w = (s.w - em * static_cast<float>(cols - 1)) / static_cast<float>(cols);
    row_h = avail / static_cast<float>(per_col);
    if (widest_need(col_w) <= row_h) break;
  }
  std::size_t first = 0, count = langs.size();
  if (cols > 3) {
    cols = 3;
    col_w = (s.w - em * 2.f) / 3.f;
    row_h = widest_need(col_w);
    per_col = std::max<std::size_t>(1, static_cast<std::size_t>(avail / row_h));
    const std::size_t page = cols * per_col, pages = (langs.size() + page - 1) / page;
    const auto turn = static_cast<std::size_t>(std::max(0.0, f.vm.now - f.vm.welcome_since) / kPageSeconds);
    first = (turn % pages) * page;
    count = std::min(page, langs.size() - first);
  }
  for (std::size_t k = 0; k < count; ++k) {
    const std::size_t i = first + k;
    TextStyle ts;
    ts.lang = langs[i];
    ts.align = Align::center;
    ts.vcenter = true;
    const float x = s.x + static_cast<float>(k / per_col) * (col_w + em);
    const float ry = y + static_cast<float>(k % per_col) * row_h;
    label(f, "oos.text." + langs[i]->code, f.t_in(*langs[i], "out_of_service.text"), {x, ry, col_w, row_h}, ts);
  }
}

}  // namespace wk::ui
