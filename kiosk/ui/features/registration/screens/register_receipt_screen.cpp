// The receipt: the registration code, large and spaced for reading aloud, its QR code, what
// happens next, and the Kümmerer with how and when to reach them and their vCard as a QR code.
// "Finish" ends the session.
#include <imgui.h>

#include <algorithm>

#include "kiosk/text/isolate.hpp"
#include "kiosk/ui/features/registration/screens/wizard.hpp"
#include "kiosk/ui/opening_text.hpp"
#include "kiosk/ui/qr_widget.hpp"
#include "kiosk/ui/screens/screens.hpp"
#include "kiosk/ui/widgets.hpp"

namespace wk::ui {

void draw_register_receipt(Frame& f) {
  const float em = f.em;
  const WizardLayout L = wizard_frame(f, f.t("receipt.title"));
  const RegistrationDraft& d = *registration_draft(f);
  const std::string& code = d.receipt_code;
  const Rect c = L.body;
  // Two QR codes at most: the registration code, and the Kümmerer's vCard with its hint below.
  // The vCard holds ten times the data: it gets the larger share, so its modules stay scannable.
  const bool code_qr = d.receipt_qr.size > 0, card_qr = d.kuemmerer_qr.size > 0;
  const int qrs = int(code_qr) + int(card_qr);
  const float hint_h = card_qr ? em * 3.f : 0.f;
  const bool side = c.w >= 40.f * em;
  const float room = side ? c.h - hint_h - em * float(qrs - 1) : c.h * 0.45f;
  const float column = side ? c.w * 0.32f : (c.w - em * float(qrs - 1)) / float(std::max(qrs, 1));
  const float card = card_qr ? std::min({column, side && code_qr ? room * 0.6f : room, 18.f * em}) : 0.f;
  const float qr = code_qr ? std::min({column, side ? room - card : room, 14.f * em}) : 0.f;
  const float widest = std::max(card, qr);
  const Mirror m = f.mirror(c);
  const float text_w = side && qrs > 0 ? c.w - widest - 2 * em : c.w;
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
  f.ui.elements.spell_last(code);
  y += label(f, "receipt.next", f.t("receipt.next"), m.place(0, y, text_w, 0)) + em;
  // The Kümmerer chosen for this registration, how to reach them and when.
  if (!d.kuemmerer_name.empty()) {
    y += label(f, "receipt.kuemmerer.label", f.t("receipt.kuemmerer"), m.place(0, y, text_w, 0), lbl) + em * 0.2f;
    std::string who = text::isolate(d.kuemmerer_name);
    if (!d.kuemmerer_organisation.empty()) who += "\n" + text::isolate(d.kuemmerer_organisation);
    std::string reach = d.kuemmerer_phone.empty() ? std::string() : text::isolate(d.kuemmerer_phone);
    if (!d.kuemmerer_email.empty()) reach += (reach.empty() ? "" : " · ") + text::isolate(d.kuemmerer_email);
    if (!reach.empty()) who += "\n" + reach;
    y += label(f, "receipt.kuemmerer", who, m.place(0, y, text_w, 0)) + em * 0.5f;
    const std::string hours = weekly_hours(f, d.kuemmerer_hours);
    if (!hours.empty()) {
      y += label(f, "receipt.kuemmerer.hours.label", f.t("finder.fact.hours"), m.place(0, y, text_w, 0), lbl) +
           em * 0.2f;
      y += label(f, "receipt.kuemmerer.hours", hours, m.place(0, y, text_w, 0)) + em;
    }
  }
  // Beside the text (the code's QR on top), or in a row below it.
  float qx = side ? c.w - widest : (c.w - qr - card - (qrs > 1 ? em : 0.f)) * 0.5f;
  float qy = side ? c.y : y;
  if (code_qr) {
    qr_code(f, "receipt.qr", d.receipt_qr, code, m.place(side ? c.w - (widest + qr) * 0.5f : qx, qy, qr, qr));
    side ? qy += qr + em : qx += qr + em;
  }
  if (card_qr) {
    const Rect q = m.place(side ? c.w - (widest + card) * 0.5f : qx, qy, card, card);
    qr_code(f, "receipt.kuemmerer.vcard", d.kuemmerer_qr, d.kuemmerer_name, q);
    TextStyle hint;
    hint.color = f.ui.theme.text_muted;
    hint.align = Align::center;
    label(f, "receipt.kuemmerer.vcard.hint", f.t("finder.vcard_hint"),
          {q.x - em, q.bottom() + em * 0.3f, q.w + 2 * em, 0}, hint);
  }
  if (wizard_footer(f, L.footer, "receipt.done", f.t("receipt.done")) == 1) f.emit(EndSession{});
}

}  // namespace wk::ui
