// The staff overlay's own top bar and its model's lookup (see admin_views.hpp).
#include <imgui.h>

#include <algorithm>
#include <chrono>

#include "kiosk/core/time.hpp"

#include "kiosk/ui/features/admin/screens/admin_views.hpp"
#include "kiosk/ui/theme.hpp"
#include "kiosk/ui/widgets.hpp"

namespace wk::ui {

const AdminConsole* admin_console(const Frame& f) {
  return dynamic_cast<const AdminConsole*>(f.vm.feature);
}

std::string staff_time(const Frame& f, const std::string& iso) {
  const auto tp = core::from_iso8601(iso);
  if (!tp) return f.t("admin.status.never");
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(tp->time_since_epoch()).count();
  return f.t("format.admin.time", {{"when", static_cast<double>(ms)}});
}

Rect staff_bar(Frame& f, std::string_view title, bool back) {
  const float em = f.em;
  const Theme& th = f.ui.theme;
  const Rect bar{0, 0, f.screen.w, em * kNavBarEm};
  f.dl->AddRectFilled({bar.x, bar.y}, {bar.right(), bar.bottom()}, th.accent);
  const Mirror m = f.mirror(bar);
  const float pad = em * 0.5f, bh = bar.h - 2 * pad;
  const std::string close = f.t("admin.sign_out");
  const float wc = std::clamp(text_width(f, close) + em * 2.f, 6.f * em, 14.f * em);
  if (button(f, "admin.sign_out", close, m.place(bar.w - pad - wc, bar.y + pad, wc, bh), ButtonKind::secondary))
    f.emit(EndSession{});
  float used = wc + pad;
  if (back) {
    const std::string b = f.t("nav.back");
    const float wb = std::clamp(text_width(f, b) + em * 3.4f, 5.f * em, 13.f * em);
    if (button(f, "admin.back", b, m.place(bar.w - pad - wc - pad - wb, bar.y + pad, wb, bh), ButtonKind::secondary,
               Icon::back))
      f.emit(Back{});
    used += wb + pad;
  }
  TextStyle ts;
  ts.role = FontRole::label;
  ts.vcenter = true;
  label(f, "admin.title", title, m.place(em * kMarginEm, bar.y, bar.w - used - em * (kMarginEm + 1.f), bar.h), ts);
  const float margin = em * kMarginEm;
  return {margin, bar.h + margin, f.screen.w - 2 * margin, f.screen.h - bar.h - 2 * margin};
}

}  // namespace wk::ui
