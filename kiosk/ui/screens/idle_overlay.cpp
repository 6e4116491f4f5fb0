// The idle warning: the screen dims, a panel counts down the seconds until
// the session is wiped. Any touch keeps the session; "End now" wipes at once.
#include "kiosk/ui/screens/screens.hpp"
#include "kiosk/ui/widgets.hpp"

namespace wk::ui {

void draw_idle_overlay(Frame& f) {
  const std::string title = f.t("idle.title");
  const std::string count = f.t("idle.countdown", {{"seconds", static_cast<std::int64_t>(f.vm.idle_seconds_left)}});
  const std::string stay = f.t("idle.continue"), end = f.t("idle.end");
  switch (dialog(f, {"idle.title", title}, {"idle.countdown", count}, {"idle.continue", stay}, {"idle.end", end})) {
    case DialogAnswer::secondary:
      f.emit(EndSession{});
      break;
    case DialogAnswer::primary:
    case DialogAnswer::elsewhere:  // any touch anywhere else keeps the session at once, even a sloppy one
      f.emit(StayActive{});
      break;
    case DialogAnswer::none:
      break;
  }
}

}  // namespace wk::ui
