// The changes the hub refused: a card each with what it was, when, and the hub's reason, with
// "Send again" and "Discard" (asked a second time: it never reaches the hub then).
#include <algorithm>
#include <chrono>

#include "kiosk/core/time.hpp"
#include "kiosk/text/isolate.hpp"
#include "kiosk/ui/features/admin/admin_intents.hpp"
#include "kiosk/ui/features/admin/screens/admin_views.hpp"
#include "kiosk/ui/theme.hpp"
#include "kiosk/ui/widgets.hpp"

namespace wk::ui {

void draw_admin_dead_letters(Frame& f) {
  const AdminConsole* a = admin_console(f);
  if (!a) return;
  const float em = f.em;
  const Rect area = staff_bar(f, f.t("admin.title.dead_letters"), true);
  f.ui.touch.set_blocked(!a->confirm_discard().empty());
  const auto& letters = a->dead_letters();
  if (letters.empty()) {
    label(f, "admin.dl.none", f.t("admin.dl.none"), {area.x, area.y, area.w, 0});
    return;
  }
  const float pad = em * 0.7f, bh = kControlEm * em, gap = em * 0.5f;
  const std::string retry = f.t("admin.dl.retry"), discard = f.t("admin.dl.discard");
  const float bw = std::max(text_width(f, retry), text_width(f, discard)) + em * 2.f;
  const float text_w = area.w - 2 * pad - bw - em;
  TextStyle strong;
  strong.role = FontRole::label;
  TextStyle muted;
  muted.color = f.ui.theme.text_muted;
  auto head = [&](const core::DeadLetter& d) {
    return text::isolate(d.entity + " " + d.op) + " \u00B7 " + staff_time(f, d.created_at);
  };
  auto reason = [&](const core::DeadLetter& d) {
    return f.t("admin.dl.reason", {{"reason", text::isolate(d.reason)}});
  };
  auto card_h = [&](const core::DeadLetter& d) {
    const float text_h = text_height(f, head(d), text_w, strong) + em * 0.2f + text_height(f, reason(d), text_w, muted);
    return std::max(text_h, 2 * bh + gap) + 2 * pad;
  };
  float total = 0;
  for (const auto& d : letters) total += card_h(d) + gap;
  {
    ScrollArea scroll(f, "admin.dl.list", area, total, em * 0.2f);
    float y = area.y - scroll.offset();
    for (std::size_t i = 0; i < letters.size(); ++i) {
      const auto& d = letters[i];
      const float h = card_h(d);
      const Rect card{area.x, y, area.w, h};
      panel(f, card);
      const Mirror cm = f.mirror(card);
      const std::string id = "admin.dl." + std::to_string(i);
      float ty = y + pad;
      ty += label(f, id + ".what", head(d), cm.place(pad, ty, text_w, 0), strong) + em * 0.2f;
      label(f, id + ".reason", reason(d), cm.place(pad, ty, text_w, 0), muted);
      if (button(f, id + ".retry", retry, cm.place(card.w - pad - bw, y + pad, bw, bh), ButtonKind::secondary))
        f.emit(RetryDeadLetter{d.change_id});
      if (button(f, id + ".discard", discard, cm.place(card.w - pad - bw, y + pad + bh + gap, bw, bh),
                 ButtonKind::quiet))
        f.emit(AskDiscardDeadLetter{d.change_id});
      y += h + gap;
    }
  }
  if (!a->confirm_discard().empty()) {
    f.ui.touch.set_blocked(false);
    if (const auto yes = ask_really(f, "admin.discard")) f.emit(ConfirmDiscardDeadLetter{*yes});
  }
}

}  // namespace wk::ui
