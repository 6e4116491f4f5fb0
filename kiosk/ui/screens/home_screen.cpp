// Home screen: a greeting for the time of day and a tile for each service
// this terminal offers (the features' tiles from the registry, then "about").
// The sync status line and the staff hint keep the bottom edge; greeting and
// tiles scroll above them when they do not fit (a small screen, a large
// ui_scale, many features).
#include <imgui.h>

#include <algorithm>

#include "kiosk/ui/screens/screens.hpp"
#include "kiosk/ui/widgets.hpp"

namespace wk::ui {

void draw_home(Frame& f) {
  const float em = f.em;
  const Rect c = f.content;

  const float sh = draw_sync_status(f, {c.x, c.y, c.w, c.h});
  TextStyle hint;
  hint.color = f.ui.theme.text_muted;
  const std::string hint_text = f.t("home.staff_hint");
  const float hh = text_height(f, hint_text, c.w, hint);
  const float bottom_h = sh + hh + (sh > 0 ? em * 0.4f : 0.f);

  TextStyle hero;
  hero.role = FontRole::hero;
  TextStyle sub;
  sub.role = FontRole::label;
  sub.color = f.ui.theme.text_muted;
  const std::string title = f.t("home.title", {{"period", f.vm.day_period}});
  const std::string subtitle = f.t("home.subtitle");

  std::vector<HomeTile> services = f.vm.tiles;
  services.push_back({"tile.about", "tile.about.title", "tile.about.text", Icon::info, Open{ScreenId::about}});
  const int n = static_cast<int>(services.size());
  const Grid g = make_grid(c.w, 17.f * em, 6.5f * em, em, 3);

  const float head_h = text_height(f, title, c.w, hero) + em * 0.3f + text_height(f, subtitle, c.w, sub) + em * 1.2f;
  const float content_h = head_h + g.height(n);
  const Rect view{c.x, c.y, c.w, std::max(0.f, c.bottom() - bottom_h - em * 1.5f - c.y)};
  float offset = 0;
  {
    ScrollArea area(f, "home.scroll", view, content_h, em * 0.1f);
    offset = area.offset();
    float y = view.y - area.offset();
    y += label(f, "home.title", title, {c.x, y, c.w, 0}, hero) + em * 0.3f;
    y += label(f, "home.subtitle", subtitle, {c.x, y, c.w, 0}, sub) + em * 1.2f;
    const Mirror m = f.mirror(c);
    for (int i = 0; i < n; ++i) {
      const Rect cell = g.cell(i);
      const Rect r = m.place(cell.x, y + cell.y, cell.w, cell.h);
      if (r.bottom() < view.y || r.y > view.bottom()) continue;
      const HomeTile& s = services[static_cast<std::size_t>(i)];
      if (tile(f, s.id, f.t(s.title_key), f.t(s.text_key), r, s.icon)) f.intents.push_back(s.intent);
    }
  }
  // A visible cue that more tiles lie below, as on the language grid.
  if (offset + view.h < content_h - 1) {
    const float s = em * 0.7f;
    const float cx = view.cx(), cy = view.bottom() + s * 0.9f;
    f.dl->AddTriangleFilled({cx - s, cy - s * 0.4f}, {cx + s, cy - s * 0.4f}, {cx, cy + s * 0.4f},
                            f.ui.theme.text_muted);
  }
  const float after = c.y + std::min(content_h, view.h) + em * 1.5f;
  label(f, "home.staff_hint", hint_text, {c.x, std::max(after, c.bottom() - bottom_h), c.w, hh}, hint);
}

}  // namespace wk::ui
