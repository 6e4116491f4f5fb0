// Step 5, one family member: relation, names, date of birth, and what they
// need (a language course; for children a day-care or school place).
#include "kiosk/ui/screens/screens.hpp"
#include "kiosk/ui/features/registration/screens/wizard.hpp"
#include "kiosk/ui/widgets.hpp"

namespace wk::ui {
namespace {
// Day-care and school are asked for children only.
bool member_field_visible(const FieldSpec& spec, const FormValues& form) {
  if (spec.id == "member.needs_daycare" || spec.id == "member.needs_school")
    return form.value("member.relation") == "child";
  return true;
}
}  // namespace

void draw_register_member(Frame& f) {
  const WizardLayout L = wizard_frame(f, f.t("member.title"));
  const FormValues& form = registration_draft(f)->member;
  const Rect editor{L.body.x, L.body.y, L.body.w, L.footer.bottom() - L.body.y};
  if (field_editor(f, member_fields(), form, editor)) return;
  f.ui.touch.scroll_to_top_on_change("member.scroll", registration_draft(f)->member_opened);
  form_fields(f, "member.scroll", member_fields(), form, L.body, member_field_visible);
  if (wizard_footer(f, L.footer, "member.save", f.t("member.save")) == 1) f.emit(SaveMember{});
}

}  // namespace wk::ui
