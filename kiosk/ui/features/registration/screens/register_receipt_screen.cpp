// The receipt: the registration code, large and spaced for reading aloud, its
// QR code, and what happens next. "Finish" ends the session.
#include <imgui.h>

#include <algorithm>

#include "kiosk/text/isolate.hpp"
#include "kiosk/ui/features/registration/screens/wizard.hpp"
#include "kiosk/ui/qr_widget.hpp"
#include "kiosk/ui/screens/screens.hpp"
#include "kiosk/ui/widgets.hpp"

namespace wk::ui {

void draw_register_receipt(Frame& f) {
  const float em = f.em;
  const WizardLayout L = wizard_frame(f, f.t("receipt.title"));
  const std::string& code = registration_draft(f)->receipt_code;
  const core::QrMatrix& qr_matrix = registration_draft(f)->receipt_qr;
  const Rect c = L.body;
  const bool side = c.w >= 40.f * em;
  const float qr = std::min({side ? c.w * 0.4f : c.w, c.h * (side ? 1.f : 0.45f), 14.f * em});
  const Mirror m = f.mirror(c);
  const float text_w = side ? c.w - qr - 2 * em : c.w;
  float y = c.y;
  TextStyle lbl;
  lbl.color = f.ui.theme.text_muted;
  y += label(f, "receipt.code.label", f.t("receipt.code"), m.place(0, y, text_w, 0), lbl) + em * 0.3f;
  TextStyle big;
  big.role = FontRole::hero;
  big.lang = f.ui.languages ? f.ui.languages->find("en") : nullptr;  // the code is Latin, left to right
  if (!big.lang) big.lang = &f.lang();
  const Rect code_box = m.place(0, y, text_w, 0);
  y += label(f, "receipt.code", code, code_box, big) + em;
  y += label(f, "receipt.next", f.t("receipt.next"), m.place(0, y, text_w, 0)) + em;
  // The Kümmerer chosen for this registration, and how to reach them.
  const RegistrationDraft& d = *registration_draft(f);
  if (!d.kuemmerer_name.empty()) {
    y += label(f, "receipt.kuemmerer.label", f.t("receipt.kuemmerer"), m.place(0, y, text_w, 0), lbl) + em * 0.2f;
    std::string who = text::isolate(d.kuemmerer_name);
    if (!d.kuemmerer_organisation.empty()) who += "\n" + text::isolate(d.kuemmerer_organisation);
    std::string reach = d.kuemmerer_phone.empty() ? std::string() : text::isolate(d.kuemmerer_phone);
    if (!d.kuemmerer_email.empty()) reach += (reach.empty() ? "" : " · ") + text::isolate(d.kuemmerer_email);
    if (!reach.empty()) who += "\n" + reach;
    y += label(f, "receipt.kuemmerer", who, m.place(0, y, text_w, 0)) + em;
  }
  if (qr_matrix.size > 0) {
    const Rect q = side ? m.place(c.w - qr, c.y, qr, qr) : Rect{c.cx() - qr * 0.5f, y, qr, qr};
    qr_code(f, "receipt.qr", qr_matrix, code, q);
  }
  if (wizard_footer(f, L.footer, "receipt.done", f.t("receipt.done")) == 1) f.emit(EndSession{});
}

}  // namespace wk::ui
