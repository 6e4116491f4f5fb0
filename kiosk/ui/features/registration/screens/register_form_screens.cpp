// Steps 3 and 4: personal data, and work and qualification — forms of fields
// that open the keyboard for the field tapped.
#include "kiosk/ui/screens/screens.hpp"
#include "kiosk/ui/features/registration/screens/wizard.hpp"
#include "kiosk/ui/widgets.hpp"

namespace wk::ui {
namespace {

void form_step(Frame& f, const char* title_key, const char* scroll_id, std::span<const FieldSpec> fields) {
  const WizardLayout L = wizard_frame(f, f.t(title_key));
  const FormValues& form = registration_draft(f)->person;
  const Rect editor{L.body.x, L.body.y, L.body.w, L.footer.bottom() - L.body.y};
  if (field_editor(f, fields, form, editor)) return;
  form_fields(f, scroll_id, fields, form, L.body);
  if (wizard_footer(f, L.footer, "wizard.next", f.t("wizard.next")) == 1) f.emit(NextStep{});
}

}  // namespace

void draw_register_personal(Frame& f) {
  form_step(f, "personal.title", "personal.scroll", personal_fields());
}

void draw_register_work(Frame& f) {
  form_step(f, "work.title", "work.scroll", work_fields());
}

}  // namespace wk::ui
