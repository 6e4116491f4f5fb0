// Step 2: who registers — one of the action plan's target groups, as large
// answers that wrap in every language.
#include <imgui.h>

#include <algorithm>

#include "kiosk/ui/screens/screens.hpp"
#include "kiosk/ui/features/registration/screens/wizard.hpp"
#include "kiosk/ui/widgets.hpp"

namespace wk::ui {

void draw_register_group(Frame& f) {
  const float em = f.em;
  const FieldSpec& spec = group_fields()[0];
  const WizardLayout L = wizard_frame(f, f.t("group.title"));
  const FormValues& form = registration_draft(f)->person;
  const float w = std::min(L.body.w, 44.f * em);
  const Rect col = f.mirror(L.body).place(0, L.body.y, w, L.body.h);
  // Text width inside a chip: its width minus padding and the check icon.
  const float text_w = col.w - em * 3.4f;
  float total = 0;
  for (auto v : spec.options)
    total += std::max(3.2f * em, text_height(f, f.t("group." + std::string(v)), text_w) + em * 1.4f) + em * 0.7f;
  ScrollArea area(f, "group.scroll", col, total, em * 0.15f);
  const float offset = area.offset();
  float y = col.y - offset;
  for (auto v : spec.options) {
    const std::string text = f.t("group." + std::string(v));
    const float h = std::max(3.2f * em, text_height(f, text, text_w) + em * 1.4f);
    if (chip(f, "field.target_group." + std::string(v), text, {col.x, y, col.w, h}, form.value(spec.id) == v))
      f.emit(Choose{std::string(spec.id), std::string(v)});
    y += h + em * 0.7f;
  }
  area.end();
  if (const std::string& err = form.error(spec.id); !err.empty()) {
    const std::string text = f.t(err);
    const float h = error_note_height(f, text, col.w);
    error_note(f, "field.target_group.error", text, {col.x, L.footer.y - em * 0.3f - h, col.w, 0});
  }
  if (wizard_footer(f, L.footer, "wizard.next", f.t("wizard.next")) == 1) f.emit(NextStep{});
}

}  // namespace wk::ui
