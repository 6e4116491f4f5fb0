// "Find help": the search field and the postal code on the on-screen keyboard, "speaks my
// language", the region's towns (instead of a postal code), then either the topic tiles
// (nothing asked yet) or the results, best first, each with who or what it is and whether it is
// open now. No result: the Welcome Center's desk.
#include <imgui.h>

#include <algorithm>

#include "kiosk/text/isolate.hpp"
#include "kiosk/ui/features/contacts/screens/contact_text.hpp"
#include "kiosk/ui/keyboard_widget.hpp"
#include "kiosk/ui/screens/screens.hpp"
#include "kiosk/ui/text_field.hpp"
#include "kiosk/ui/theme.hpp"
#include "kiosk/ui/widgets.hpp"

namespace wk::ui {
namespace {

struct RowText {
  std::string title, subtitle, state;
  bool open = false;
};

RowText row_text(const Frame& f, const ContactsFinder& c, const FinderHit& h) {
  const DirectorySearch& s = *c.search();
  RowText r;
  const core::LocalTime now = c.now();
  if (h.person) {
    const core::ContactPerson& p = s.directory().persons[h.index];
    const core::Organisation* o = s.organisation_of(p);
    r.title = text::isolate(p.name);
    const std::string role = contact_text(f, p.role);
    const std::string org = o ? contact_text(f, o->name) : std::string();
    r.subtitle = role.empty() ? org : org.empty() ? role : role + " · " + org;
    r.state = opening_line(f, s.hours_of(p), now);
  } else {
    const core::Organisation& o = s.directory().organisations[h.index];
    r.title = contact_text(f, o.name);
    r.subtitle = f.t("org_kind." + o.kind);
    if (!o.municipality.empty()) r.subtitle += " · " + text::isolate(o.municipality);
    r.state = opening_line(f, o.hours, now);
  }
  if (h.speaks) r.state += (r.state.empty() ? "" : " · ") + f.t("finder.speaks_yours");
  r.open = h.open_now;
  return r;
}

std::string item_id(const ContactsFinder& c, const FinderHit& h) {
  const auto& d = c.search()->directory();
  return h.person ? d.persons[h.index].id : d.organisations[h.index].id;
}

void draw_results(Frame& f, const ContactsFinder& c, const Rect& list) {
  const float em = f.em;
  const Theme& th = f.ui.theme;
  if (c.hits().empty()) {
    TextStyle s;
    s.role = FontRole::label;
    float y = list.y + label(f, "finder.none", f.t("finder.none"), {list.x, list.y, list.w, 0}, s) + em * 0.5f;
    label(f, "finder.desk", desk_text(f), {list.x, y, list.w, 0});
    if (const core::Organisation* desk = c.desk()) {
      y += text_height(f, desk_text(f), list.w) + em * 0.6f;
      const float w = std::min(list.w, 36.f * em);
      const Rect r = f.mirror(list).place(0, y, w, em * 3.2f);
      if (card(f, "finder.desk.open", r)) f.emit(ShowContact{false, desk->id});
      const Rect in{r.x + em * 0.8f, r.y + em * 0.4f, r.w - em * 1.6f, r.h};
      label(f, "finder.desk.name", contact_text(f, desk->name), in);
      TextStyle st;
      st.color = th.text_muted;
      label(f, "finder.desk.state", opening_line(f, desk->hours, c.now()), {in.x, in.y + em * 1.4f, in.w, 0}, st);
    }
    return;
  }
  const float row_h = em * 4.6f, gap = em * 0.5f;
  const int n = static_cast<int>(c.hits().size());
  f.ui.touch.scroll_to_top_on_change("finder.results", c.results_version());
  ScrollArea area(f, "finder.results", list, n * (row_h + gap), em * 0.15f);
  const Mirror m = f.mirror(list);
  TextStyle title;
  title.role = FontRole::label;
  TextStyle sub;
  sub.color = th.text_muted;
  for (int i = 0; i < n; ++i) {
    const float y = list.y + i * (row_h + gap) - area.offset();
    if (y + row_h < list.y || y > list.bottom()) continue;
    const FinderHit& h = c.hits()[static_cast<std::size_t>(i)];
    const Rect r = m.place(0, y, list.w, row_h);
    const std::string id = "finder.result." + std::to_string(i);
    if (card(f, id, r)) f.emit(ShowContact{h.person, item_id(c, h)});
    const RowText t = row_text(f, c, h);
    const float pad = em * 0.8f;
    const Rect in = f.mirror(r).place(pad, r.y + em * 0.35f, r.w - 2 * pad, 0);
    draw_icon(f.dl, h.person ? Icon::person : Icon::house, f.rtl() ? r.right() - pad * 0.9f : r.x + pad * 0.9f,
              r.y + row_h * 0.5f, em * 1.1f, th.text_muted, f.rtl());
    const Rect text_box = f.mirror(in).place(em * 1.4f, in.y, in.w - em * 1.4f, 0);
    label(f, id + ".title", t.title, {text_box.x, text_box.y, text_box.w, 0}, title);
    label(f, id + ".subtitle", t.subtitle, {text_box.x, text_box.y + em * 1.45f, text_box.w, 0}, sub);
    TextStyle st;
    st.color = t.open ? th.primary : th.text_muted;
    label(f, id + ".state", t.state, {text_box.x, text_box.y + em * 2.7f, text_box.w, 0}, st);
  }
}

void draw_topics(Frame& f, const ContactsFinder& c, const Rect& area) {
  const float em = f.em;
  const auto& topics = c.terms().topics;
  const int n = static_cast<int>(topics.size());
  const Grid g = make_grid(area.w, 17.f * em, 5.f * em, em * 0.8f, 3);
  ScrollArea scroll(f, "finder.topics", area, g.height(n), em * 0.15f);
  const Mirror m = f.mirror(area);
  for (int i = 0; i < n; ++i) {
    const Rect cell = g.cell(i);
    const Rect r = m.place(cell.x, area.y + cell.y - scroll.offset(), cell.w, cell.h);
    const TopicTerms& t = topics[static_cast<std::size_t>(i)];
    if (tile(f, "finder.topic." + t.id, f.t("topic." + t.id), "", r, icon_named(t.icon))) f.emit(ChooseTopic{t.id});
  }
}

}  // namespace

void draw_contacts_find(Frame& f) {
  const ContactsFinder* c = contacts_finder(f);
  if (!c) return;
  const float em = f.em;
  const Rect area = f.content;
  const FormValues& form = c->form();
  const bool typing = (f.vm.focus == "finder.search" || f.vm.focus == "finder.postal_code") && f.vm.keyboard;

  // The fields: search (wide) and postal code (narrow) side by side, "speaks my language" beside.
  TextFieldView search;
  const std::string search_label = f.t("finder.search"), search_hint = f.t("finder.search_hint");
  search.label = search_label;
  search.value = form.value("finder.search");
  search.placeholder = search_hint;
  search.focused = f.vm.focus == "finder.search";
  TextFieldView postal;
  const std::string postal_label = f.t("finder.postal_code");
  const std::string postal_error =
      form.errors.count("finder.postal_code") ? f.t(form.errors.at("finder.postal_code")) : std::string();
  postal.label = postal_label;
  postal.value = form.value("finder.postal_code");
  postal.left_to_right = true;
  postal.read_by_character = true;
  postal.error = postal_error;
  postal.focused = f.vm.focus == "finder.postal_code";

  float y = area.y;
  if (!typing) {
    TextStyle ts;
    ts.role = FontRole::title;
    y += label(f, "finder.title", f.t("finder.title"), {area.x, y, area.w, 0}, ts) + em * 0.6f;
  }
  const bool wide = area.w >= 50.f * em;
  const float chip_w = std::min(area.w, 16.f * em);
  const float postal_w = std::min(area.w, 10.f * em);
  const float search_w = wide ? area.w - postal_w - chip_w - 2 * em : area.w;
  const Mirror m = f.mirror(area);
  const float fh = std::max(text_field_height(f, search, search_w), text_field_height(f, postal, postal_w));
  if (text_field(f, "field.finder.search", search, m.place(0, y, search_w, fh))) f.emit(Focus{"finder.search"});
  float below = y + fh;
  if (wide) {
    if (text_field(f, "field.finder.postal_code", postal, m.place(search_w + em, y, postal_w, fh)))
      f.emit(Focus{"finder.postal_code"});
    if (chip(f, "finder.my_language", f.t("finder.my_language"),
             m.place(search_w + postal_w + 2 * em, y + fh - em * 2.6f, chip_w, em * 2.6f), c->only_my_language()))
      f.emit(ToggleMyLanguage{});
  } else {
    const float row = below + em * 0.3f;
    if (text_field(f, "field.finder.postal_code", postal, m.place(0, row, postal_w, fh)))
      f.emit(Focus{"finder.postal_code"});
    if (chip(f, "finder.my_language", f.t("finder.my_language"),
             m.place(postal_w + em, row + fh - em * 2.6f, chip_w, em * 2.6f), c->only_my_language()))
      f.emit(ToggleMyLanguage{});
    below = row + fh;
  }
  y = below + em * 0.6f;

  // Or the town they live in, for those who do not know their postal code: the region's towns
  // as chips (a handful; a directory naming more leaves the postal code alone).
  const auto& towns = c->municipalities();
  if (!typing && towns.size() >= 2 && towns.size() <= 12) {
    const std::string town_label = f.t("finder.town");
    const float lw = std::min(text_width(f, town_label) + em, area.w * 0.3f);
    TextStyle muted;
    muted.color = f.ui.theme.text_muted;
    const float ch = em * 2.4f, gap = em * 0.4f;
    label(f, "finder.town", town_label, m.place(0, y + em * 0.6f, lw, 0), muted);
    float cx = lw + em * 0.5f, cy = y;
    for (const std::string& t : towns) {
      const std::string shown = text::isolate(t);
      const float cw = std::min(area.w - lw, text_width(f, shown) + em * 3.2f);
      if (cx + cw > area.w && cx > lw + em * 0.5f) {
        cx = lw + em * 0.5f;
        cy += ch + gap;
      }
      if (chip(f, "finder.town." + t, shown, m.place(cx, cy, cw, ch), c->municipality() == t))
        f.emit(ChooseMunicipality{t});
      cx += cw + gap;
    }
    y = cy + ch + em * 0.6f;
  }

  float bottom = area.bottom();
  if (typing) bottom = docked_keyboard(f, area);
  if (!c->topic().empty()) {
    const std::string text = f.t("topic." + c->topic());
    const float w = std::min(area.w, text_width(f, text, {FontRole::label}) + em * 5.f);
    if (chip(f, "finder.topic.chosen", text, m.place(0, y, w, em * 2.6f), true)) f.emit(ChooseTopic{c->topic()});
    y += em * 3.2f;
  }
  const Rect rest{area.x, y, area.w, std::max(0.f, bottom - y)};
  if (rest.h < em * 2.f) return;
  if (c->asking())
    draw_results(f, *c, rest);
  else
    draw_topics(f, *c, rest);
}

}  // namespace wk::ui
