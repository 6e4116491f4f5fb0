// The seeing screen: larger text and high contrast for this session, opened
// from the navigation bar's eye; the welcome screen shows the same toggles.
// Each toggle says its state by a check mark, not by colour alone.
#include "kiosk/ui/screens/screens.hpp"
#include "kiosk/ui/widgets.hpp"

namespace wk::ui {

float seeing_toggles(Frame& f, const Rect& area) {
  const float em = f.em;
  const float gap = em * kGapEm * 2;
  const float w = std::min((area.w - gap) * 0.5f, 16.f * em);
  const float h = kControlEm * em;
  const Mirror m = f.mirror(area);
  struct Toggle {
    const char* id;
    const char* key;
    bool on;
    Icon icon;
    ToggleSeeing::What what;
  };
  const Toggle toggles[] = {
      {"seeing.large_text", "seeing.large_text", f.vm.large_text, Icon::text_size, ToggleSeeing::What::large_text},
      {"seeing.high_contrast", "seeing.high_contrast", f.vm.high_contrast, Icon::contrast,
       ToggleSeeing::What::high_contrast},
  };
  float x = 0;
  for (const Toggle& t : toggles) {
    if (button(f, t.id, f.t(t.key), m.place(x, area.y, w, h), t.on ? ButtonKind::primary : ButtonKind::secondary,
               t.on ? Icon::check : t.icon))
      f.emit(ToggleSeeing{t.what});
    x += w + gap;
  }
  return h;
}

void draw_seeing(Frame& f) {
  const float em = f.em;
  const Rect c = f.content;
  TextStyle title;
  title.role = FontRole::title;
  float y = c.y;
  y += label(f, "seeing.title", f.t("seeing.title"), {c.x, y, c.w, 0}, title) + em;
  y += seeing_toggles(f, {c.x, y, c.w, c.bottom() - y}) + em;
  TextStyle hint;
  hint.color = f.ui.theme.text_muted;
  label(f, "seeing.hint", f.t("seeing.hint"), f.mirror(c).place(0, y, std::min(c.w, 40.f * em), 0), hint);
}

}  // namespace wk::ui
