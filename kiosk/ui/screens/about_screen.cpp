// About screen: what this terminal is for, where the newcomer is, and that
// the staff at the desk help. Scrolls by dragging when the text is long.
#include <imgui.h>

#include "kiosk/ui/screens/screens.hpp"
#include "kiosk/ui/widgets.hpp"

namespace wk::ui {

void draw_about(Frame& f) {
  const float em = f.em;
  const Rect c = f.content;
  const float w = std::min(c.w, 40.f * em);
  const Rect col = f.mirror(c).place(0, c.y, w, c.h);

  struct Para {
    const char* id;
    std::string text;
    FontRole role;
  };
  const Para paras[] = {
      {"about.title", f.t("about.title"), FontRole::title},
      {"about.center", f.t("about.center", {{"center", f.vm.center_name}}), FontRole::label},
      {"about.body", f.t("about.body"), FontRole::body},
      {"about.languages", f.t("about.languages", {{"count", static_cast<std::int64_t>(f.vm.enabled.size())}}),
       FontRole::body},
      {"about.help", f.t("about.help"), FontRole::body},
  };
  float total = 0;
  for (const auto& p : paras) total += text_height(f, p.text, col.w, {p.role}) + em * 0.9f;

  ScrollArea area(f, "about.scroll", col, total);
  const float offset = area.offset();
  float y = col.y - offset;
  for (const auto& p : paras) {
    TextStyle s;
    s.role = p.role;
    y += label(f, p.id, p.text, {col.x, y, col.w, 0}, s) + em * 0.9f;
  }
  area.end();
}

}  // namespace wk::ui
