// Language grid with drag-to-scroll.
#include "kiosk/ui/screens/language_grid.hpp"

#include <imgui.h>

#include "kiosk/ui/screens/screens.hpp"
#include "kiosk/ui/widgets.hpp"

namespace wk::ui {

namespace {

// Tiles from roomy to dense: the first whose grid fits the area shows every language at once;
// when none does, the densest scrolls. The densest drops the greeting and keeps the native name.
struct Density {
  float min_w_em, h_em, gap_em;
  bool greeting;
};
constexpr Density kDensities[] = {{10.5f, 4.6f, 0.8f, true}, {9.f, 3.9f, 0.7f, true}, {7.6f, 2.6f, 0.5f, false}};

}  // namespace

std::string language_grid(Frame& f, const std::string& scroll_id, const Rect& area, const std::string& selected) {
  const float em = f.em;
  const int n = static_cast<int>(f.vm.enabled.size());
  Density d = kDensities[0];
  Grid g;
  for (const Density& candidate : kDensities) {
    d = candidate;
    g = make_grid(area.w, d.min_w_em * em, d.h_em * em, d.gap_em * em);
    if (g.height(n) <= area.h) break;
  }
  // Drawing may spill a border's width past the area; hits may not.
  ScrollArea scroll(f, scroll_id, area, g.height(n), em * 0.1f);
  const float offset = scroll.offset();
  const Mirror m = f.mirror(area);
  std::string tapped;
  for (int i = 0; i < n; ++i) {
    const text::Language& l = *f.vm.enabled[i];
    Rect c = g.cell(i);
    const Rect r = m.place(c.x, area.y + c.y - offset, c.w, c.h);
    if (r.bottom() < area.y || r.y > area.bottom()) continue;
    if (language_tile(f, "lang." + l.code, l, d.greeting ? f.t_in(l, "welcome.greeting") : std::string(), r,
                      l.code == selected))
      tapped = l.code;
  }
  scroll.end();
  // A visible cue that the list continues.
  if (offset + area.h < g.height(n) - 1) {
    const float s = em * 0.7f;
    const float cx = area.cx(), cy = area.bottom() - s * 0.5f;
    f.dl->AddTriangleFilled({cx - s, cy - s * 0.4f}, {cx + s, cy - s * 0.4f}, {cx, cy + s * 0.4f},
                            f.ui.theme.text_muted);
  }
  return tapped;
}

}  // namespace wk::ui
