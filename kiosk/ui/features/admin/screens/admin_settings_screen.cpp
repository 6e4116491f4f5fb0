// The terminal's settings, each change in effect at once: the languages (a row each: on or off,
// one place up, the default), the idle timeouts (minus and plus), the text size and high
// contrast. A change the rules refuse leaves everything as it was and says why.
#include <algorithm>
#include <cmath>

#include "kiosk/text/isolate.hpp"
#include "kiosk/ui/features/admin/admin_intents.hpp"
#include "kiosk/ui/features/admin/screens/admin_views.hpp"
#include "kiosk/ui/theme.hpp"
#include "kiosk/ui/widgets.hpp"

namespace wk::ui {
namespace {

constexpr double kTextSizes[] = {1.0, 1.25, 1.5};

// A label over its value with minus and plus buttons at the end edge; `step` gets -1, +1 or 0.
// Returns the height used.
float stepper(Frame& f, std::string_view id, const std::string& label_text, const std::string& value, const Rect& r,
              int& step) {
  const float em = f.em, bh = kControlEm * em, bw = 3.f * em;
  const Mirror m = f.mirror(r);
  const float lh = label(f, std::string(id) + ".label", label_text, {r.x, r.y, r.w, 0}) + em * 0.3f;
  const float y = r.y + lh;
  step = 0;
  if (button(f, std::string(id) + ".minus", "-", m.place(r.w - 2 * bw - em * 0.4f, y, bw, bh), ButtonKind::secondary))
    step = -1;
  if (button(f, std::string(id) + ".plus", "+", m.place(r.w - bw, y, bw, bh), ButtonKind::secondary)) step = +1;
  TextStyle vs;
  vs.role = FontRole::label;
  vs.vcenter = true;
  label(f, id, value, m.place(0, y, r.w - 2 * bw - em, bh), vs);
  return lh + bh;
}

}  // namespace

void draw_admin_settings(Frame& f) {
  const AdminConsole* a = admin_console(f);
  if (!a) return;
  const float em = f.em;
  Rect area = staff_bar(f, f.t("admin.title.settings"), true);
  const core::TerminalSettings s = a->settings();
  if (!a->settings_error().empty()) {
    const std::string why = f.t("admin.settings.error." + a->settings_error());
    const float h = error_note(f, "admin.settings.error", why, {area.x, area.y, area.w, 0});
    area.y += h + em * 0.5f;
    area.h -= h + em * 0.5f;
  }
  const Mirror m = f.mirror(area);
  const float gap = em * 1.2f;
  const float left_w = std::min(area.w * 0.55f, 34.f * em), right_w = area.w - left_w - gap;
  const float bh = kControlEm * em, row_gap = em * 0.4f;
  TextStyle head;
  head.role = FontRole::label;

  // The languages: the enabled ones in their order, then the others.
  const Rect left = m.place(0, area.y, left_w, area.h);
  const float head_h =
      label(f, "admin.settings.languages", f.t("admin.settings.languages"), {left.x, left.y, left.w, 0}, head) +
      em * 0.4f;
  std::vector<std::string> order = s.languages;
  for (const auto& code : a->known_languages())
    if (std::find(order.begin(), order.end(), code) == order.end()) order.push_back(code);
  const std::string up = f.t("admin.settings.up"), standard = f.t("admin.settings.default");
  const float up_w = std::max(text_width(f, up) + em * 2.f, 5.f * em);
  const float def_w = std::max(text_width(f, standard) + em * 3.f, 7.f * em);
  const Rect list{left.x, left.y + head_h, left.w, left.h - head_h};
  {
    ScrollArea scroll(f, "admin.settings.list", list, static_cast<float>(order.size()) * (bh + row_gap), em * 0.2f);
    const Mirror lm = f.mirror(list);
    float y = list.y - scroll.offset();
    for (std::size_t i = 0; i < order.size(); ++i) {
      const std::string& code = order[i];
      const auto* lang = f.ui.languages ? f.ui.languages->find(code) : nullptr;
      const bool on = std::find(s.languages.begin(), s.languages.end(), code) != s.languages.end();
      const std::string id = "admin.settings.lang." + code;
      const float chip_w = list.w - up_w - def_w - 2 * row_gap;
      if (chip(f, id, lang ? lang->native_name : code, lm.place(0, y, chip_w, bh), on)) f.emit(ToggleLanguage{code});
      if (on) {
        if (i > 0 && button(f, id + ".up", up, lm.place(chip_w + row_gap, y, up_w, bh), ButtonKind::quiet))
          f.emit(MoveLanguageUp{code});
        if (chip(f, id + ".default", standard, lm.place(list.w - def_w, y, def_w, bh), code == s.default_language))
          f.emit(SetDefaultLanguage{code});
      }
      y += bh + row_gap;
    }
  }

  // Timeouts, text size, contrast.
  const Rect right = m.place(left_w + gap, area.y, right_w, area.h);
  float y = right.y;
  const auto secs = [&](int v) { return f.t("format.admin.seconds", {{"seconds", static_cast<std::int64_t>(v)}}); };
  int step = 0;
  y += stepper(f, "admin.settings.idle", f.t("admin.settings.idle"), secs(s.idle_timeout_s), {right.x, y, right.w, 0},
               step) +
       row_gap * 3;
  if (step != 0) f.emit(StepIdle{false, step * (s.idle_timeout_s >= 120 ? 30 : 15)});
  y += stepper(f, "admin.settings.warning", f.t("admin.settings.warning"), secs(s.idle_warning_s),
               {right.x, y, right.w, 0}, step) +
       row_gap * 3;
  if (step != 0) f.emit(StepIdle{true, step * 10});
  y +=
      label(f, "admin.settings.text_size", f.t("admin.settings.text_size"), {right.x, y, right.w, 0}, head) + em * 0.4f;
  const float cw = (right.w - 2 * row_gap) / 3.f;
  const Mirror rm = f.mirror(right);
  for (int k = 0; k < 3; ++k) {
    const double v = kTextSizes[k];
    const std::string text = f.t("format.admin.percent", {{"percent", static_cast<std::int64_t>(v * 100)}});
    if (chip(f, "admin.settings.size." + std::to_string(static_cast<int>(v * 100)), text,
             rm.place(static_cast<float>(k) * (cw + row_gap), y, cw, bh), std::abs(s.ui_scale - v) < 1e-6))
      f.emit(SetTextSize{v});
  }
  y += bh + row_gap * 3;
  if (chip(f, "admin.settings.contrast", f.t("admin.settings.contrast"), {right.x, y, right.w, bh}, s.high_contrast))
    f.emit(SetHighContrast{!s.high_contrast});
}

}  // namespace wk::ui
