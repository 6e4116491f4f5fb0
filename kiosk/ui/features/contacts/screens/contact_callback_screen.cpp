// "Ask for a call back": whom (the organisation or person of the detail page), about what (topic
// chips), and how to reach the newcomer — the way chosen at this session's registration, or a
// name with a phone number or an e-mail address on the on-screen keyboard. "Send" stores the
// request; the page then says so, and who will be in touch.
#include <imgui.h>

#include <algorithm>

#include "kiosk/text/isolate.hpp"
#include "kiosk/ui/features/contacts/screens/contact_text.hpp"
#include "kiosk/ui/keyboard_widget.hpp"
#include "kiosk/ui/text_field.hpp"
#include "kiosk/ui/theme.hpp"
#include "kiosk/ui/widgets.hpp"

namespace wk::ui {

void draw_contact_callback(Frame& f) {
  const ContactsFinder* c = contacts_finder(f);
  if (!c || !c->search()) return;
  const core::ContactPerson* p = c->shown_person();
  const core::Organisation* o = c->page_organisation();
  if (!p && !o) return;
  const float em = f.em;
  const Theme& th = f.ui.theme;
  const Rect area = f.content;
  const FormValues& form = c->form();
  const std::string who = p ? text::isolate(p->name) : contact_text(f, o->name);
  const bool typing =
      f.vm.keyboard && (f.vm.focus == kCallbackName || f.vm.focus == kCallbackPhone || f.vm.focus == kCallbackEmail);
  const float w = std::min(area.w, 46.f * em);
  const Rect col = f.mirror(area).place(0, area.y, w, area.h);
  const Mirror m = f.mirror(col);
  TextStyle title;
  title.role = FontRole::title;
  TextStyle muted;
  muted.color = th.text_muted;

  float bottom = area.bottom() - kFooterEm * em - em;
  if (typing) bottom = docked_keyboard(f, area);

  if (c->callback_sent()) {
    float y = col.y;
    y += label(f, "callback.title", f.t("callback.title"), {col.x, y, col.w, 0}, title) + em * 0.6f;
    label(f, "callback.sent", f.t("callback.sent", {{"name", who}}), {col.x, y, col.w, 0});
    const FooterButtons fb = footer_buttons(f, {area.x, area.bottom() - kFooterEm * em, area.w, kFooterEm * em},
                                            "callback.done", f.t("callback.done"));
    if (fb.tapped == 1) f.emit(GoHome{});
    return;
  }

  // Measured first, drawn in a scroll area above the keyboard or the footer.
  const std::vector<std::string> topics = c->callback_topics();
  const float chip_h = em * 2.6f, gap = em * 0.5f;
  auto field_view = [&](std::string_view id, const std::string& label_text, const std::string& error, bool ltr) {
    TextFieldView v;
    v.label = label_text;
    v.value = form.value(id);
    v.error = error;
    v.focused = f.vm.focus == id;
    v.left_to_right = ltr;
    return v;
  };
  auto error_of = [&](std::string_view id) {
    const auto it = form.errors.find(id);
    return it == form.errors.end() ? std::string() : f.t(it->second);
  };
  const std::string l_name = f.t("callback.name"), l_phone = f.t("callback.phone"), l_email = f.t("callback.email");
  const std::string e_name = error_of(kCallbackName), e_phone = error_of(kCallbackPhone),
                    e_email = error_of(kCallbackEmail);
  const TextFieldView name = field_view(kCallbackName, l_name, e_name, false);
  const TextFieldView phone = [&] {
    TextFieldView v = field_view(kCallbackPhone, l_phone, e_phone, true);
    v.read_by_character = true;
    return v;
  }();
  const TextFieldView email = field_view(kCallbackEmail, l_email, e_email, true);
  const bool by_code = !c->registration_code().empty();
  const std::string how = by_code ? f.t("callback.by_code", {{"code", c->registration_code()}}) : f.t("callback.how");

  // Topic chips flow in rows.
  std::vector<Rect> chips;
  float cx = 0, cy = 0;
  for (const std::string& t : topics) {
    const float cw = std::min(col.w, text_width(f, f.t("topic." + t)) + em * 3.4f);
    if (cx > 0 && cx + cw > col.w) {
      cx = 0;
      cy += chip_h + gap;
    }
    chips.push_back({cx, cy, cw, chip_h});
    cx += cw + gap;
  }
  const float chips_h = cy + chip_h;
  const std::string head = f.t("callback.who", {{"name", who}});
  float total = text_height(f, f.t("callback.title"), col.w, title) + em * 0.4f + text_height(f, head, col.w) +
                em * 0.8f + text_height(f, f.t("callback.topic"), col.w, muted) + em * 0.3f + chips_h + em +
                text_height(f, how, col.w) + em * 0.6f;
  if (!by_code)
    total += text_field_height(f, name, col.w) + text_field_height(f, phone, col.w) +
             text_field_height(f, email, col.w) + em * 1.2f;
  const Rect view{col.x, col.y, col.w, std::max(0.f, bottom - col.y)};
  {
    ScrollArea scroll(f, "callback.scroll", view, total, em * 0.15f);
    float y = view.y - scroll.offset();
    y += label(f, "callback.title", f.t("callback.title"), {col.x, y, col.w, 0}, title) + em * 0.4f;
    y += label(f, "callback.who", head, {col.x, y, col.w, 0}) + em * 0.8f;
    y += label(f, "callback.topic.label", f.t("callback.topic"), {col.x, y, col.w, 0}, muted) + em * 0.3f;
    for (std::size_t i = 0; i < topics.size(); ++i) {
      const Rect r = m.place(chips[i].x, y + chips[i].y, chips[i].w, chips[i].h);
      if (chip(f, "callback.topic." + topics[i], f.t("topic." + topics[i]), r, topics[i] == c->callback_topic()))
        f.emit(ChooseCallbackTopic{topics[i]});
    }
    y += chips_h + em;
    y += label(f, "callback.how", how, {col.x, y, col.w, 0}) + em * 0.6f;
    if (!by_code) {
      for (const auto& [id, view_of] :
           {std::pair{kCallbackName, &name}, std::pair{kCallbackPhone, &phone}, std::pair{kCallbackEmail, &email}}) {
        const float h = text_field_height(f, *view_of, col.w);
        if (text_field(f, "field." + std::string(id), *view_of, {col.x, y, col.w, h})) f.emit(Focus{std::string(id)});
        y += h + em * 0.4f;
      }
    }
  }
  if (typing) return;
  const FooterButtons fb = footer_buttons(f, {area.x, area.bottom() - kFooterEm * em, area.w, kFooterEm * em},
                                          "callback.send", f.t("callback.send"));
  if (fb.tapped == 1) f.emit(SendCallback{});
}

}  // namespace wk::ui
