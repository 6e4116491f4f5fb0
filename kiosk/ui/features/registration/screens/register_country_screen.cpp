// The nationality picker: every country in the session language, sorted the
// way that language sorts, with a search field on the keyboard.
#include <imgui.h>

#include "kiosk/text/countries.hpp"
#include "kiosk/ui/screens/screens.hpp"
#include "kiosk/ui/features/registration/screens/wizard.hpp"
#include "kiosk/ui/text_field.hpp"
#include "kiosk/ui/widgets.hpp"

namespace wk::ui {
void draw_register_country(Frame& f) {
  const float em = f.em;
  const FormValues& form = registration_draft(f)->person;
  const bool typing = f.vm.focus == "country_search" && f.vm.keyboard;
  const auto all = text::countries(f.lang().icu_locale);
  const auto found = text::search_countries(all, form.value("country_search"), f.lang().icu_locale);

  Rect list;
  if (typing) {
    // The search field, the best matches and the keyboard share the whole
    // content area (no title: on a small screen every row counts).
    const Rect area = f.content;
    field_editor(f, std::span<const FieldSpec>(find_field("country_search"), 1), form, area);
    TextFieldView v;
    const std::string lbl = f.t("country.search");
    v.label = lbl;
    const float top = area.y + text_field_height(f, v, area.w) + em * 0.6f;
    list = {area.x, top, area.w, std::max(0.f, area.bottom() - top - keyboard_space(f, area) - em * 0.6f)};
  } else {
    const WizardLayout L = wizard_frame(f, f.t("country.title"));
    const Rect area{L.body.x, L.body.y, L.body.w, L.footer.bottom() - L.body.y};
    TextFieldView v;
    const std::string lbl = f.t("country.search");
    v.label = lbl;
    v.value = form.value("country_search");
    const float w = std::min(area.w, 40.f * em);
    const Rect col = f.mirror(area).place(0, area.y, w, 0);
    const float h = text_field_height(f, v, w);
    if (text_field(f, "field.country_search", v, {col.x, col.y, col.w, h})) f.emit(Focus{"country_search"});
    list = {area.x, area.y + h + em * 0.8f, area.w, std::max(0.f, area.h - h - em * 0.8f)};
  }
  if (list.h < em * 2.5f) return;
  if (found.empty()) {
    TextStyle s;
    s.color = f.ui.theme.text_muted;
    label(f, "country.none", f.t("country.none"), {list.x, list.y, list.w, 0}, s);
    return;
  }
  const Grid g = make_grid(list.w, 16.f * em, 2.8f * em, 0.5f * em, 3);
  const int n = static_cast<int>(found.size());
  ScrollArea area(f, "country.scroll", list, g.height(n), em * 0.1f);
  const float offset = area.offset();
  const Mirror m = f.mirror(list);
  const std::string& current = form.value("nationality");
  for (int i = 0; i < n; ++i) {
    const Rect c = g.cell(i);
    const Rect r = m.place(c.x, list.y + c.y - offset, c.w, c.h);
    if (r.bottom() < list.y || r.y > list.bottom()) continue;
    const auto& country = found[static_cast<std::size_t>(i)];
    if (chip(f, "country." + country.code, country.name, r, country.code == current))
      f.emit(Choose{"nationality", country.code});
  }
  area.end();
}

}  // namespace wk::ui
