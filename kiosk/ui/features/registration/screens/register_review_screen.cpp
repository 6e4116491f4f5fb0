// Step 6: everything entered, by step, each with an Edit button, and the
// button that commits the registration.
#include <imgui.h>

#include <algorithm>

#include "kiosk/ui/screens/screens.hpp"
#include "kiosk/text/isolate.hpp"
#include "kiosk/text/list_format.hpp"
#include "kiosk/ui/features/registration/screens/wizard.hpp"
#include "kiosk/ui/widgets.hpp"

namespace wk::ui {
namespace {

struct Row {
  std::string id, label, value;
};
struct Section {
  std::string id, title;
  ScreenId screen;
  std::vector<Row> rows;
};

void add_rows(Frame& f, Section& s, std::span<const FieldSpec> fields, const FormValues& form) {
  for (const auto& spec : fields) {
    if (spec.input == InputKind::toggle) continue;
    const std::string v = field_display(f, spec, form);
    s.rows.push_back({"review." + std::string(spec.id), f.t(spec.label_key), v.empty() ? f.t("field.not_given") : v});
  }
}

}  // namespace

void draw_register_review(Frame& f) {
  const float em = f.em;
  const Theme& th = f.ui.theme;
  const WizardLayout L = wizard_frame(f, f.t("review.title"));
  const RegistrationDraft& d = *registration_draft(f);

  std::vector<Section> sections;
  sections.push_back({"review.group", f.t("group.title"), RegistrationScreen::group, {}});
  add_rows(f, sections.back(), group_fields(), d.person);
  sections.back().rows[0].label.clear();
  sections.push_back({"review.personal", f.t("personal.title"), RegistrationScreen::personal, {}});
  add_rows(f, sections.back(), personal_fields(), d.person);
  sections.push_back({"review.work", f.t("work.title"), RegistrationScreen::work, {}});
  add_rows(f, sections.back(), work_fields(), d.person);
  sections.push_back({"review.family", f.t("family.title"), RegistrationScreen::family, {}});
  {
    Section& s = sections.back();
    s.rows.push_back(
        {"review.members", "", f.t("member.count", {{"count", static_cast<std::int64_t>(d.members.size())}})});
    const FieldSpec* relation = find_field("member.relation");
    for (std::size_t i = 0; i < d.members.size(); ++i) {
      const FormValues& m = d.members[i];
      // Name, birth date and needs each on a line of their own; the needs as the language lists.
      std::string v = full_name(f, m.value("member.given_names"), m.value("member.family_name"));
      if (!m.value("member.native_name").empty()) v += " (" + text::isolate(m.value("member.native_name")) + ")";
      v += "\n" + text::isolate(m.value("member.birth_date"));
      std::vector<std::string> needs;
      for (const auto& spec : member_fields())
        if (spec.input == InputKind::toggle && m.value(spec.id) == "1") needs.push_back(f.t(spec.label_key));
      if (!needs.empty()) v += "\n" + text::join_list(f.lang().icu_locale, needs);
      s.rows.push_back({"review.member." + std::to_string(i), relation ? field_display(f, *relation, m) : "", v});
    }
  }

  // Two columns (label, value) on wide screens; label above value otherwise.
  const Rect c = L.body;
  const bool wide = c.w >= 40.f * em;
  const float label_w = wide ? std::min(16.f * em, c.w * 0.35f) : c.w;
  const float value_w = wide ? c.w - label_w - em : c.w;
  const std::string edit = f.t("review.edit");
  const float ew = text_width(f, edit) + em * 2.4f;
  TextStyle muted;
  muted.color = th.text_muted;
  TextStyle head;
  head.role = FontRole::label;
  auto row_h = [&](const Row& r) {
    const float lh = r.label.empty() ? 0 : text_height(f, r.label, label_w, muted);
    const float vh = text_height(f, r.value, value_w);
    return (wide ? std::max(lh, vh) : lh + vh) + em * 0.4f;
  };
  float total = 0;
  for (const auto& s : sections) {
    total += std::max(kControlEm * em, text_height(f, s.title, c.w - ew - em, head)) + em * 0.5f;
    for (const auto& r : s.rows) total += row_h(r);
    total += em;
  }
  ScrollArea area(f, "review.scroll", c, total, em * 0.15f);
  const float offset = area.offset();
  const Mirror m = f.mirror(c);
  float y = c.y - offset;
  for (const auto& s : sections) {
    const float hh = std::max(kControlEm * em, text_height(f, s.title, c.w - ew - em, head));
    TextStyle hs = head;
    hs.vcenter = true;
    label(f, s.id, s.title, m.place(0, y, c.w - ew - em, hh), hs);
    if (button(f, s.id + ".edit", edit, m.place(c.w - ew, y, ew, kControlEm * em), ButtonKind::secondary))
      f.emit(EditStep{s.screen});
    y += hh + em * 0.5f;
    for (const auto& r : s.rows) {
      const float h = row_h(r);
      if (wide) {
        if (!r.label.empty()) label(f, r.id + ".label", r.label, m.place(0, y, label_w, h), muted);
        label(f, r.id, r.value, m.place(r.label.empty() ? 0 : label_w + em, y, r.label.empty() ? c.w : value_w, h));
      } else {
        float yy = y;
        if (!r.label.empty()) yy += label(f, r.id + ".label", r.label, {c.x, yy, c.w, 0}, muted);
        label(f, r.id, r.value, {c.x, yy, c.w, 0});
      }
      y += h;
    }
    f.dl->AddLine({c.x, y + em * 0.4f}, {c.right(), y + em * 0.4f}, th.border, em * 0.05f);
    y += em;
  }
  area.end();
  if (wizard_footer(f, L.footer, "review.confirm", f.t("review.confirm")) == 1) f.emit(ConfirmRegistration{});
}

}  // namespace wk::ui
