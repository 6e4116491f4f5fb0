// Language switch during a session: the same grid as the welcome screen;
// the current language is marked. Choosing one returns to where the
// newcomer was, now in the new language.
#include "kiosk/ui/screens/language_grid.hpp"
#include "kiosk/ui/screens/screens.hpp"
#include "kiosk/ui/widgets.hpp"

namespace wk::ui {

void draw_languages(Frame& f) {
  const float em = f.em;
  const Rect c = f.content;
  TextStyle title;
  title.role = FontRole::title;
  const float h = label(f, "languages.title", f.t("languages.title"), {c.x, c.y, c.w, 0}, title) + em;
  const std::string code = language_grid(f, "languages.grid", {c.x, c.y + h, c.w, c.h - h}, f.lang().code);
  if (!code.empty()) f.emit(SwitchLanguage{code});
}

}  // namespace wk::ui
