// Home screen: a greeting for the time of day and a tile for each service
// this terminal offers. Only services that exist are shown.
#include "kiosk/ui/screens/screens.hpp"
#include "kiosk/ui/widgets.hpp"

namespace wk::ui {

void draw_home(Frame& f) {
  const float em = f.em;
  const Rect c = f.content;
  float y = c.y;
  TextStyle hero;
  hero.role = FontRole::hero;
  y += label(f, "home.title", f.t("home.title", {{"period", f.vm.day_period}}), {c.x, y, c.w, 0}, hero);
  y += em * 0.3f;
  TextStyle sub;
  sub.role = FontRole::label;
  sub.color = f.ui.theme.text_muted;
  y += label(f, "home.subtitle", f.t("home.subtitle"), {c.x, y, c.w, 0}, sub) + em * 1.2f;

  // The features' tiles in registry order, then the shell's "about".
  std::vector<HomeTile> services = f.vm.tiles;
  services.push_back({"tile.about", "tile.about.title", "tile.about.text", Icon::info, Open{ScreenId::about}});
  const int n = static_cast<int>(services.size());
  const Grid g = make_grid(c.w, 17.f * em, 6.5f * em, em, 3);
  const Mirror m = f.mirror(c);
  for (int i = 0; i < n; ++i) {
    const Rect cell = g.cell(i);
    const HomeTile& s = services[static_cast<std::size_t>(i)];
    if (tile(f, s.id, f.t(s.title_key), f.t(s.text_key), m.place(cell.x, y + cell.y, cell.w, cell.h), s.icon))
      f.intents.push_back(s.intent);
  }
  y += g.height(n) + em * 1.5f;

  const float sh = draw_sync_status(f, {c.x, y, c.w, c.bottom() - y});
  TextStyle hint;
  hint.color = f.ui.theme.text_muted;
  const float hh = text_height(f, f.t("home.staff_hint"), c.w, hint);
  label(f, "home.staff_hint", f.t("home.staff_hint"),
        {c.x, std::max(y, c.bottom() - sh - hh - (sh > 0 ? em * 0.4f : 0.f)), c.w, hh}, hint);
}

}  // namespace wk::ui
