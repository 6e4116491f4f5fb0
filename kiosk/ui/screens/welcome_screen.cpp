// Welcome screen: the center's name, a prompt that cycles through every
// enabled language, the language grid, and the display toggles (larger text,
// high contrast) below it. Tapping a language starts the session in it, with
// the display as chosen here.
#include <algorithm>
#include <cmath>

#include "kiosk/ui/screens/language_grid.hpp"
#include "kiosk/ui/screens/screens.hpp"
#include "kiosk/ui/widgets.hpp"

namespace wk::ui {

void draw_welcome(Frame& f) {
  const float em = f.em;
  const Rect s = f.screen.inset(em * 1.2f);
  float y = s.y;

  TextStyle title;
  title.role = FontRole::title;
  title.align = Align::center;
  y += label(f, "welcome.center", f.vm.center_name, {s.x, y, s.w, em * 4}, title) + em * 0.6f;

  const auto& langs = f.vm.enabled;
  // Starts with the terminal's current language when the welcome screen comes back, then every
  // other one in turn.
  size_t first = 0;
  while (first < langs.size() && langs[first] != f.vm.language) ++first;
  const size_t idx =
      langs.empty()
          ? 0
          : (first +
             static_cast<size_t>(std::floor(std::max(0.0, f.vm.now - f.vm.welcome_since) / kWelcomePromptSeconds))) %
                langs.size();
  const text::Language& pl = langs.empty() ? f.lang() : *langs[idx];
  TextStyle prompt;
  prompt.role = FontRole::hero;
  prompt.align = Align::center;
  prompt.lang = &pl;
  prompt.color = f.ui.theme.primary;
  const float ph = f.ui.fonts.size(FontRole::hero) * 1.3f;
  label(f, "welcome.prompt", f.t_in(pl, "welcome.choose"), {s.x, y, s.w, ph}, prompt);
  y += ph + em * 0.8f;

  const float toggles_h = kControlEm * em;
  seeing_toggles(f, {s.x, s.bottom() - toggles_h, s.w, toggles_h});
  const std::string code = language_grid(f, "welcome.grid", {s.x, y, s.w, s.bottom() - toggles_h - em - y}, "");
  if (!code.empty()) f.emit(ChooseLanguage{code});
}

}  // namespace wk::ui
