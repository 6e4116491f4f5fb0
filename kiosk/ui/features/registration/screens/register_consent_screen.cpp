// Step 1: the privacy notice in the session language and the choice to agree
// or not. Agreeing records which notice was shown (its text goes with the
// intent and is hashed); declining stores nothing and returns home.
#include <imgui.h>

#include "kiosk/ui/screens/screens.hpp"
#include "kiosk/ui/features/registration/screens/wizard.hpp"
#include "kiosk/ui/widgets.hpp"

namespace wk::ui {

void draw_register_consent(Frame& f) {
  const float em = f.em;
  const WizardLayout L = wizard_frame(f, f.t("consent.title"));
  const std::string notice = f.t("consent.notice", {{"center", f.vm.center_name}});
  const std::string question = f.t("consent.question");
  const float w = std::min(L.body.w, 44.f * em);
  const Rect col = f.mirror(L.body).place(0, L.body.y, w, L.body.h);
  TextStyle q;
  q.role = FontRole::label;
  const float total = text_height(f, notice, col.w) + em + text_height(f, question, col.w, q);
  ScrollArea area(f, "consent.scroll", col, total);
  const float offset = area.offset();
  float y = col.y - offset;
  y += label(f, "consent.notice", notice, {col.x, y, col.w, 0}) + em;
  label(f, "consent.question", question, {col.x, y, col.w, 0}, q);
  area.end();
  switch (
      wizard_footer(f, L.footer, "consent.accept", f.t("consent.accept"), "consent.decline", f.t("consent.decline"))) {
    case 1:
      f.emit(AcceptConsent{notice});
      break;
    case 2:
      f.emit(DeclineConsent{});
      break;
    default:
      break;
  }
}

}  // namespace wk::ui
