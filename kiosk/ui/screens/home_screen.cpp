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

  // A registration left half-way (Home was tapped) is continued, not restarted.
  const bool resume = f.vm.registration && f.vm.registration->started;
  struct Service {
    const char* id;
    std::string title;
    std::string text;
    Icon icon;
    Intent intent;
  };
  const Service services[] = {
      {"tile.register", f.t(resume ? "tile.register.continue" : "tile.register.title"), f.t("tile.register.text"),
       Icon::check, StartRegistration{}},
      {"tile.about", f.t("tile.about.title"), f.t("tile.about.text"), Icon::info, Open{ScreenId::about}},
  };
  const int n = static_cast<int>(std::size(services));
  const Grid g = make_grid(c.w, 17.f * em, 6.5f * em, em, 3);
  const Mirror m = f.mirror(c);
  for (int i = 0; i < n; ++i) {
    const Rect cell = g.cell(i);
    if (tile(f, services[i].id, services[i].title, services[i].text, m.place(cell.x, y + cell.y, cell.w, cell.h),
             services[i].icon))
      f.intents.push_back(services[i].intent);
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
