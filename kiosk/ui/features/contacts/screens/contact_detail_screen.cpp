// One organisation or person: who and what, open now or when next, the weekly hours, how to
// get there and reach them, the languages spoken, and a QR code holding their vCard to take
// along. A person's page shows their organisation's address and, without hours of their own,
// its hours. The page scrolls by dragging; the QR code sits beside the facts on wide screens
// and above them on narrow ones.
#include <imgui.h>

#include <algorithm>

#include "kiosk/core/qr_code.hpp"
#include "kiosk/core/vcard.hpp"
#include "kiosk/text/isolate.hpp"
#include "kiosk/text/language_names.hpp"
#include "kiosk/text/list_format.hpp"
#include "kiosk/ui/features/contacts/screens/contact_text.hpp"
#include "kiosk/ui/qr_widget.hpp"
#include "kiosk/ui/theme.hpp"
#include "kiosk/ui/ui_context.hpp"
#include "kiosk/ui/widgets.hpp"

namespace wk::ui {
namespace {

std::string address_text(const core::Organisation& o) {
  std::vector<std::string> lines;
  if (!o.street.empty()) lines.push_back(text::isolate(o.street));
  const std::string town = o.postal_code.empty() ? o.municipality : o.postal_code + " " + o.municipality;
  if (!town.empty()) lines.push_back(text::isolate(town));
  std::string out;
  for (const auto& l : lines) out += (out.empty() ? "" : "\n") + l;
  return out;
}

std::string languages_text(const Frame& f, const std::vector<std::string>& codes) {
  std::vector<std::string> names;
  for (const std::string& code : codes) names.push_back(text::language_name(code, f.lang().icu_locale));
  return text::join_list(f.lang().icu_locale, names);
}

std::vector<Fact> facts(const Frame& f, const core::ContactPerson* p, const core::Organisation* o,
                        const core::OpeningHours& hours) {
  std::vector<Fact> out;
  // Element id and message key of the label: "finder.fact.<id>".
  auto add = [&](const char* id, std::string value) {
    if (value.empty()) return;
    const std::string key = std::string("finder.fact.") + id;
    out.push_back({key, f.t(key), std::move(value)});
  };
  if (p && o) add("organisation", contact_text(f, o->name));
  add("hours", weekly_hours(f, hours));
  if (o) {
    std::string where = address_text(*o);
    const std::string room = p && !p->room.empty() ? p->room : o->room;
    if (!room.empty()) where += (where.empty() ? "" : "\n") + f.t("finder.room", {{"room", text::isolate(room)}});
    add("address", where);
    add("directions", contact_text(f, o->directions));
  }
  const std::string phone = p && !p->phone.empty() ? p->phone : o ? o->phone : std::string();
  add("phone", phone.empty() ? phone : text::isolate(phone));
  const std::string email = p ? p->email : o ? o->email : std::string();
  add("email", email.empty() ? email : text::isolate(email));
  if (o && !p) add("website", o->website.empty() ? o->website : text::isolate(o->website));
  if (o) add("appointment", contact_text(f, o->appointment));
  add("languages", languages_text(f, p ? core::languages_of(*p, o) : o->languages));
  if (o) add("accessibility", contact_text(f, o->accessibility));
  return out;
}

}  // namespace

void draw_contact_detail(Frame& f) {
  const ContactsFinder* c = contacts_finder(f);
  if (!c || !c->search()) return;
  const core::ContactPerson* p = c->shown_person();
  const core::Organisation* o = c->page_organisation();
  if (!p && !o) return;
  const float em = f.em;
  const Theme& th = f.ui.theme;
  const Rect area = f.content;
  const core::OpeningHours& hours = p ? c->search()->hours_of(*p) : o->hours;
  const std::vector<std::string> chain =
      f.ui.languages ? f.ui.languages->chain(f.lang().code) : std::vector<std::string>{f.lang().code};

  const std::string title = p ? text::isolate(p->name) : contact_text(f, o->name);
  std::string sub = p ? contact_text(f, p->role) : f.t("org_kind." + o->kind);
  const std::string state = opening_line(f, hours, c->now());
  const bool open = core::opening_state(hours, c->now()).open;
  const std::vector<Fact> list = facts(f, p, o, hours);
  const std::string card = p ? core::vcard(*p, o, chain) : core::vcard(*o, chain);

  // The QR code: beside the facts on a wide screen, above them on a narrow one.
  const bool beside_qr = area.w >= 50.f * em;
  const float qr_side = std::min(14.f * em, area.h * 0.5f);
  const float col_w = beside_qr ? std::min(area.w - qr_side - 2.f * em, 46.f * em) : std::min(area.w, 46.f * em);
  const Mirror page = f.mirror(area);
  const Rect col = page.place(0, area.y, col_w, area.h);
  const Mirror m = f.mirror(col);

  TextStyle ts;
  ts.role = FontRole::title;
  TextStyle muted;
  muted.role = FontRole::label;
  muted.color = th.text_muted;
  TextStyle st;
  st.role = FontRole::label;
  st.color = open ? th.primary : th.text_muted;
  TextStyle key;
  key.color = th.text_muted;
  const float qr_block = beside_qr ? 0.f : qr_side + em * 2.2f;

  auto measure = [&] {
    float h = text_height(f, title, col.w, ts) + em * 0.3f + (sub.empty() ? 0.f : text_height(f, sub, col.w, muted)) +
              em * 0.5f + (state.empty() ? 0.f : text_height(f, state, col.w, st)) + em * 1.2f + qr_block +
              kControlEm * em + em;
    return h + facts_height(f, list, col.w, 11.f);
  };
  const core::QrMatrix qr = core::encode_qr(card);
  if (beside_qr) {
    const Rect q = page.place(area.w - qr_side, area.y, qr_side, qr_side);
    qr_code(f, "contact.vcard", qr, card, q);
    TextStyle hint;
    hint.color = th.text_muted;
    hint.align = Align::center;
    label(f, "contact.vcard.hint", f.t("finder.vcard_hint"), {q.x - em, q.bottom() + em * 0.5f, q.w + 2 * em, 0}, hint);
  }
  ScrollArea scroll(f, "contact.scroll", col, measure(), em * 0.15f);
  float y = col.y - scroll.offset();
  y += label(f, "contact.title", title, {col.x, y, col.w, 0}, ts) + em * 0.3f;
  if (!sub.empty()) y += label(f, "contact.subtitle", sub, {col.x, y, col.w, 0}, muted);
  y += em * 0.5f;
  if (!state.empty()) y += label(f, "contact.state", state, {col.x, y, col.w, 0}, st);
  y += em * 0.8f;
  // Asking them to call back: a form of its own (contact_callback_screen.cpp).
  const std::string ask = f.t("callback.ask");
  const float ask_w = std::min(col.w, text_width(f, ask) + em * 3.f);
  if (button(f, "contact.callback", ask, m.place(0, y, ask_w, kControlEm * em), ButtonKind::secondary))
    f.emit(AskCallback{});
  y += kControlEm * em + em * 1.2f;
  if (!beside_qr) {
    const Rect q = m.place(0, y, qr_side, qr_side);
    qr_code(f, "contact.vcard", qr, card, q);
    label(f, "contact.vcard.hint", f.t("finder.vcard_hint"), {col.x, q.bottom() + em * 0.4f, col.w, 0}, key);
    y += qr_block;
  }
  facts(f, list, col, y, 11.f);
}

}  // namespace wk::ui
