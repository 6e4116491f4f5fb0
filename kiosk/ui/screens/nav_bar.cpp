// The navigation bar on every screen but the welcome screen: Back and Home at
// the start edge, read-aloud (a speaker, where the language has a voice), the
// display settings (an eye) and the language switch at the end edge, mirrored
// in RTL.
#include <imgui.h>

#include <algorithm>

#include "kiosk/ui/screens/screens.hpp"
#include "kiosk/ui/widgets.hpp"

namespace wk::ui {

void draw_nav_bar(Frame& f, const Rect& bar) {
  const float em = f.em;
  const Theme& th = f.ui.theme;
  f.dl->AddRectFilled({bar.x, bar.y}, {bar.right(), bar.bottom()}, th.surface);
  f.dl->AddLine({bar.x, bar.bottom()}, {bar.right(), bar.bottom()}, th.border, em * 0.06f);
  const Mirror m = f.mirror(bar);
  const float pad = em * 0.5f;
  const float bh = bar.h - 2 * pad;
  auto width_for = [&](const std::string& text) {
    return std::clamp(text_width(f, text) + em * 3.4f, 5.f * em, 13.f * em);
  };

  const std::string back = f.t("nav.back"), home = f.t("nav.home");
  const float wb = width_for(back), wh = width_for(home);
  if (button(f, "nav.back", back, m.place(pad, bar.y + pad, wb, bh), ButtonKind::secondary, Icon::back)) f.emit(Back{});
  if (button(f, "nav.home", home, m.place(pad * 2 + wb, bar.y + pad, wh, bh), ButtonKind::secondary, Icon::home))
    f.emit(GoHome{});

  const std::string& lang = f.lang().native_name;
  const float wl = width_for(lang);
  if (f.vm.screen != ScreenId::languages &&
      button(f, "nav.language", lang, m.place(bar.w - pad - wl, bar.y + pad, wl, bh), ButtonKind::secondary,
             Icon::globe))
    f.emit(Open{ScreenId::languages});
  const float ws = bh * 1.2f;
  if (f.vm.screen != ScreenId::seeing &&
      button(f, "nav.seeing", "", m.place(bar.w - pad * 2 - wl - ws, bar.y + pad, ws, bh), ButtonKind::secondary,
             Icon::eye))
    f.emit(Open{ScreenId::seeing});

  // Read aloud, where the session language has a voice.
  float wr = 0;
  if (f.vm.can_read_aloud) {
    wr = ws + pad;
    if (button(f, "nav.read_aloud", "", m.place(bar.w - pad * 3 - wl - ws * 2, bar.y + pad, ws, bh),
               ButtonKind::secondary, Icon::speaker))
      f.emit(ReadAloud{});
  }

  // The center's name between the buttons when there is room.
  const float used = pad * 3 + wb + wh;
  const float free_w = bar.w - used - wl - ws - wr - pad * 3;
  if (free_w > 6 * em) {
    TextStyle s;
    s.align = Align::center;
    s.vcenter = true;
    s.color = th.text_muted;
    label(f, "nav.center", f.vm.center_name, m.place(used, bar.y, free_w, bar.h), s);
  }
}

}  // namespace wk::ui
