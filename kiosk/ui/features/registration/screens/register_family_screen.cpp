// Step 5: the family members added so far, each with Edit and Remove (which
// asks for a second tap), and a button to add one more.
#include <imgui.h>

#include <algorithm>

#include "kiosk/text/isolate.hpp"
#include "kiosk/ui/features/registration/screens/wizard.hpp"
#include "kiosk/ui/screens/screens.hpp"
#include "kiosk/ui/widgets.hpp"

namespace wk::ui {

void draw_register_family(Frame& f) {
  const float em = f.em;
  const Theme& th = f.ui.theme;
  const WizardLayout L = wizard_frame(f, f.t("family.title"));
  const RegistrationDraft& d = *registration_draft(f);
  const Rect c = L.body;
  const Mirror m = f.mirror(c);
  TextStyle muted;
  muted.color = th.text_muted;
  float y = c.y;
  y += label(f, "family.intro", f.t(d.members.empty() ? "family.none" : "family.intro"), {c.x, y, c.w, 0}, muted) +
       em * 0.8f;

  const std::string edit = f.t("family.edit"), remove = f.t("family.remove");
  // Wide enough for either label, Remove's with the check mark it shows once armed.
  const float bw = std::max(text_width(f, edit), text_width(f, remove) + em * 1.7f) + em * 2.4f;
  const int n = static_cast<int>(d.members.size());
  const FieldSpec* relation = find_field("member.relation");
  auto name_of = [&](const FormValues& mv) {
    return full_name(f, mv.value("member.given_names"), mv.value("member.family_name"));
  };
  auto details_of = [&](const FormValues& mv) {
    return f.t("family.details", {{"relation", relation ? field_display(f, *relation, mv) : std::string()},
                                  {"birth_date", text::isolate(mv.value("member.birth_date"))}});
  };
  TextStyle ns;
  ns.role = FontRole::label;
  const float text_w = c.w - 2 * bw - em * kControlEm;  // the buttons' gaps and padding
  // Every card as tall as the tallest needs (a long relation wraps on a narrow screen).
  float card_h = 4.6f * em;
  for (const auto& mv : d.members)
    card_h = std::max(
        card_h, em * 1.2f + text_height(f, name_of(mv), text_w, ns) + text_height(f, details_of(mv), text_w, muted));
  const float add_h = 3.f * em;
  const Rect list{c.x, y, c.w, std::max(0.f, c.bottom() - y - add_h - em * 0.8f)};
  ScrollArea area(f, "family.scroll", list, n * (card_h + em * 0.6f), em * 0.2f);
  const float offset = area.offset();
  for (int i = 0; i < n; ++i) {
    const FormValues& mv = d.members[static_cast<std::size_t>(i)];
    const Rect r{c.x, list.y + i * (card_h + em * 0.6f) - offset, c.w, card_h};
    if (r.bottom() < list.y || r.y > list.bottom()) continue;
    panel(f, r);
    const std::string idx = std::to_string(i);
    const std::string name = name_of(mv);
    const float name_h = text_height(f, name, text_w, ns);
    const Rect tr = m.place(em * 0.8f, r.y + em * 0.5f, text_w, name_h);
    label(f, "family." + idx + ".name", name, tr, ns);
    const std::string sub = details_of(mv);
    label(f, "family." + idx + ".details", sub,
          {tr.x, tr.bottom() + em * 0.2f, tr.w, text_height(f, sub, text_w, muted)}, muted);
    const Rect eb = m.place(r.w - 2 * bw - em * 1.2f, r.y + em * 0.8f, bw, card_h - em * 1.6f);
    const Rect rb = m.place(r.w - bw - em * 0.6f, r.y + em * 0.8f, bw, card_h - em * 1.6f);
    if (button(f, "family." + idx + ".edit", edit, eb, ButtonKind::secondary)) f.emit(EditMember{i});
    // Remove asks once: the first tap arms it (shown with a check mark), the second removes.
    const bool armed = d.remove_armed == i;
    if (button(f, "family." + idx + ".remove", remove, rb, armed ? ButtonKind::primary : ButtonKind::secondary,
               armed ? Icon::check : Icon::none))
      f.emit(RemoveMember{i});
  }
  area.end();
  const std::string add = f.t("family.add");
  const float aw = std::min(text_width(f, add) + em * 3.f, c.w);
  if (d.members.size() < core::kMaxFamilyMembers &&
      button(f, "family.add", add,
             m.place(0, std::min(list.y + n * (card_h + em * 0.6f), list.bottom()) + em * 0.4f, aw, add_h),
             ButtonKind::secondary))
    f.emit(AddMember{});
  if (wizard_footer(f, L.footer, "wizard.next", f.t("wizard.next")) == 1) f.emit(NextStep{});
}

}  // namespace wk::ui
