// The sync status line: whether this terminal reaches its hub and when it last synced, in the
// session language. Newcomers learn that what they enter is safe even offline; staff see at a
// glance when the terminal must be enrolled again or looked at.
#include "kiosk/ui/screens/screens.hpp"
#include "kiosk/ui/widgets.hpp"

namespace wk::ui {

float draw_sync_status(Frame& f, const Rect& area) {
  using State = SyncIndicator::State;
  const SyncIndicator& s = f.vm.sync;
  if (s.state == State::none) return 0;

  const bool ever = s.last_success_ms > 0;
  const std::vector<text::MessageArg> when{{"when", s.last_success_ms}};
  std::string text;
  TextStyle style;
  style.color = f.ui.theme.text_muted;
  switch (s.state) {
    case State::none:
      return 0;
    case State::starting:
    case State::syncing:
      text = f.t("sync.syncing");
      break;
    case State::online:
      text = f.t("sync.online", when);
      break;
    case State::offline:
      text = ever ? f.t("sync.offline_since", when) : f.t("sync.offline");
      break;
    case State::locked:
      text = f.t("sync.locked");
      style.color = f.ui.theme.accent;
      break;
    case State::error:
      text = f.t("sync.error");
      style.color = f.ui.theme.accent;
      break;
  }
  const float h = text_height(f, text, area.w, style);
  label(f, "sync.status", text, {area.x, std::max(area.y, area.bottom() - h), area.w, h}, style);
  return h;
}

}  // namespace wk::ui
