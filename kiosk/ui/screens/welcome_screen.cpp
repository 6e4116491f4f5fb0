// Welcome screen: the center's name, a prompt that cycles through every
// enabled language, the language grid, and the display toggles (larger text,
// high contrast) below it. Tapping a language starts the session in it, with
// the display as chosen here. Where read-aloud is on, a speaker beside the
// prompt reads it in the language it is shown in (none while that language
// has no voice).
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
  const std::string choose = f.t_in(pl, "welcome.choose");

  TextStyle title;
  title.role = FontRole::title;
  title.align = Align::center;
  y += label(f, "welcome.center", f.vm.center_name, {s.x, y, s.w, em * 4}, title) + em * 0.6f;

  // The prompt, with the speaker's place at both ends while read-aloud is on, so it stays
  // centred and nothing moves when its language has no voice. A prompt too wide for that gives
  // up the place on the side without the speaker, and then takes the title's size if it must.
  TextStyle prompt;
  prompt.role = FontRole::hero;
  prompt.align = Align::center;
  prompt.vcenter = true;
  prompt.lang = &pl;
  prompt.color = f.ui.theme.primary;
  const float ph = f.ui.fonts.size(FontRole::hero) * 1.3f;
  const float bs = kControlEm * em;
  const bool voiced = f.vm.has_voice && f.vm.has_voice(pl.code);
  const bool rtl = pl.direction == text::Direction::rtl;
  const float side = f.vm.has_voice ? bs + em * 0.5f : 0.f;
  const float rh = f.vm.has_voice ? std::max(ph, bs) : ph;
  Rect box{s.x + side, y, s.w - 2 * side, rh};
  if (side > 0 && text_width(f, choose, prompt) > box.w) {
    box = !voiced ? Rect{s.x, y, s.w, rh} : rtl ? Rect{s.x + side, y, s.w - side, rh} : Rect{s.x, y, s.w - side, rh};
    if (text_width(f, choose, prompt) > box.w) prompt.role = FontRole::title;
  }
  label(f, "welcome.prompt", choose, box, prompt);
  if (voiced) {
    const Rect speaker = rtl ? Rect{s.x, y + (rh - bs) / 2, bs, bs} : Rect{s.right() - bs, y + (rh - bs) / 2, bs, bs};
    if (button(f, "welcome.read_aloud", "", speaker, ButtonKind::secondary, Icon::speaker))
      f.emit(ReadAloud{pl.code, choose});
  }
  y += rh + em * 0.8f;

  const float toggles_h = kControlEm * em;
  seeing_toggles(f, {s.x, s.bottom() - toggles_h, s.w, toggles_h});
  const std::string code = language_grid(f, "welcome.grid", {s.x, y, s.w, s.bottom() - toggles_h - em - y}, "");
  if (!code.empty()) f.emit(ChooseLanguage{code});
}

}  // namespace wk::ui
