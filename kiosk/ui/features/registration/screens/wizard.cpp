// Wizard header, footer, form and field editor.
#include "kiosk/ui/features/registration/screens/wizard.hpp"

#include <imgui.h>

#include <algorithm>
#include <vector>

#include "kiosk/text/countries.hpp"
#include "kiosk/text/isolate.hpp"
#include "kiosk/text/phone.hpp"
#include "kiosk/ui/features/registration/registration_flow.hpp"
#include "kiosk/ui/keyboard_widget.hpp"
#include "kiosk/ui/text_field.hpp"
#include "kiosk/ui/widgets.hpp"

namespace wk::ui {
namespace {

constexpr float kChipEm = kControlEm;  // chip height
constexpr float kItemGapEm = 1.f;      // between form items

struct Option {
  std::string value, text;
};

std::vector<Option> options_of(Frame& f, const FieldSpec& spec) {
  std::vector<Option> out;
  if (spec.input == InputKind::language) {
    for (const auto* l : f.vm.enabled) out.push_back({l->code, l->native_name});
  } else {
    for (auto v : spec.options) out.push_back({std::string(v), f.t(std::string(spec.option_prefix) + std::string(v))});
  }
  return out;
}

float chip_width(Frame& f, const std::string& text) {
  return std::max(text_width(f, text) + f.em * 3.6f, 5.f * f.em);
}

// Lays chips out in rows across `w`; returns their rects relative to (0,0) from the start edge.
std::vector<Rect> chip_rects(Frame& f, const std::vector<Option>& opts, float w) {
  std::vector<Rect> out;
  float x = 0, y = 0;
  const float gap = kGapEm * f.em, h = kChipEm * f.em;
  for (const auto& o : opts) {
    const float cw = std::min(chip_width(f, o.text), w);
    if (x > 0 && x + cw > w) {
      x = 0;
      y += h + gap;
    }
    out.push_back({x, y, cw, h});
    x += cw + gap;
  }
  return out;
}

// The date hint ("TT.MM.JJJJ", "يوم.شهر.سنة": day, month and year in the order they are
// typed, separated by '.') laid out left to right like the date typed: each part isolated
// in its own direction, so the day stays on the left in every language.
std::string date_placeholder(std::string_view hint) {
  std::string out;
  std::size_t start = 0;
  while (true) {
    const std::size_t dot = hint.find('.', start);
    out += text::isolate(hint.substr(start, dot == std::string_view::npos ? dot : dot - start));
    if (dot == std::string_view::npos) break;
    out += '.';
    start = dot + 1;
  }
  return out;
}

// Room before a question's label for its warning icon while it has an error; a body line's height.
constexpr float kQuestionMarkEm = 1.6f, kLineEm = 1.3f;
// Height of the strip under an overflowing form that says how many questions lie below.
constexpr float kMoreBelowEm = 1.8f;

bool wide_item(const FieldSpec& s) {
  return s.input == InputKind::choice || s.input == InputKind::language || s.input == InputKind::toggle;
}

TextFieldView field_view(Frame& f, const FieldSpec& spec, const FormValues& form, std::string& label_buf,
                         std::string& error_buf, std::string& value_buf, std::string& hint_buf) {
  label_buf = field_label(f, spec);
  const std::string& err = form.error(spec.id);
  error_buf = err.empty() ? "" : f.t(err);
  TextFieldView v;
  v.label = label_buf;
  v.error = error_buf;
  if (spec.input == InputKind::country) {
    value_buf = field_display(f, spec, form);
    hint_buf = f.t("field.tap_to_choose");
    v.value = value_buf;
  } else {
    v.value = form.value(spec.id);
    v.error_room = form.error_room.count(spec.id) > 0;
    if (spec.keyboard == FieldKind::date) hint_buf = date_placeholder(f.t("field.date_hint"));
    v.left_to_right =
        spec.keyboard == FieldKind::date || spec.keyboard == FieldKind::phone || spec.keyboard == FieldKind::email;
    v.read_by_character = spec.keyboard == FieldKind::phone;
  }
  v.placeholder = hint_buf;
  return v;
}

float item_height(Frame& f, const FieldSpec& spec, const FormValues& form, float w) {
  const float em = f.em;
  if (spec.input == InputKind::toggle) return kChipEm * em;
  if (wide_item(spec)) {
    const float lw = form.error(spec.id).empty() ? w : w - kQuestionMarkEm * em;
    float h = text_height(f, field_label(f, spec), lw) + em * 0.3f;
    const auto rects = chip_rects(f, options_of(f, spec), w);
    h += rects.empty() ? 0 : rects.back().bottom();
    const std::string& err = form.error(spec.id);
    if (!err.empty())
      h += em * 0.3f + error_note_height(f, f.t(err), w);
    else if (form.error_room.count(spec.id) > 0)
      h += em * 0.3f + error_note_height(f, " ", w);
    return h;
  }
  std::string a, b, c, d;
  return text_field_height(f, field_view(f, spec, form, a, b, c, d), w);
}

void draw_item(Frame& f, const FieldSpec& spec, const FormValues& form, const Rect& r) {
  const float em = f.em;
  const std::string id = "field." + std::string(spec.id);
  if (spec.input == InputKind::toggle) {
    const bool on = form.value(spec.id) == "1";
    if (chip(f, id, f.t(spec.label_key), r, on)) f.emit(Toggle{std::string(spec.id)});
    return;
  }
  if (wide_item(spec)) {
    float y = r.y;
    const Mirror m = f.mirror(r);
    // A question with an error is marked at its label too (the warning icon before it).
    const bool bad = !form.error(spec.id).empty();
    if (bad) {
      const Rect ir = m.place(0, y, kQuestionMarkEm * em * 0.75f, kLineEm * em);
      draw_icon(f.dl, Icon::warning, ir.cx(), ir.cy(), em * 1.0f, f.ui.theme.error, f.rtl());
    }
    const float lw = bad ? r.w - kQuestionMarkEm * em : r.w;
    y += label(f, id + ".label", field_label(f, spec), m.place(r.w - lw, y, lw, 0)) + em * 0.3f;
    const auto opts = options_of(f, spec);
    const auto rects = chip_rects(f, opts, r.w);
    const std::string& current = form.value(spec.id);
    float bottom = y;
    for (std::size_t i = 0; i < opts.size(); ++i) {
      const Rect c = m.place(rects[i].x, y + rects[i].y, rects[i].w, rects[i].h);
      bottom = std::max(bottom, c.bottom());
      if (chip(f, id + "." + opts[i].value, opts[i].text, c, current == opts[i].value))
        f.emit(Choose{std::string(spec.id), opts[i].value});
    }
    if (const std::string& err = form.error(spec.id); !err.empty()) {
      error_note(f, id + ".error", f.t(err), {r.x, bottom + em * 0.3f, r.w, 0});
    }
    return;
  }
  std::string a, b, c, d;
  const TextFieldView v = field_view(f, spec, form, a, b, c, d);
  if (text_field(f, id, v, r)) {
    if (spec.input == InputKind::country)
      f.emit(Open{RegistrationScreen::country});
    else
      f.emit(Focus{std::string(spec.id)});
  }
}

}  // namespace

std::string field_label(Frame& f, const FieldSpec& spec) {
  if (spec.required || spec.input == InputKind::toggle) return f.t(spec.label_key);
  return f.t("field.optional", {{"label", f.t(spec.label_key)}});
}

std::string field_display(Frame& f, const FieldSpec& spec, const FormValues& form) {
  const std::string& v = form.value(spec.id);
  if (v.empty()) return "";
  switch (spec.input) {
    case InputKind::text:
      return text::isolate(v);
    case InputKind::choice:
      return f.t(std::string(spec.option_prefix) + v);
    case InputKind::country: {
      std::string name = text::country_name(v, f.lang().icu_locale);
      return name.empty() ? v : name;
    }
    case InputKind::language: {
      const auto* l = f.ui.languages ? f.ui.languages->find(v) : nullptr;
      return l ? l->native_name : v;
    }
    case InputKind::toggle:
      return v == "1" ? f.t(spec.label_key) : "";
  }
  return v;
}

std::string full_name(Frame& f, std::string_view given, std::string_view family) {
  // The whole name is one run: "Fatima Al-Hassan" reads left to right inside Arabic text (parts
  // isolated one by one would be ordered right to left: "Al-Hassan Fatima").
  return text::isolate(f.t("format.full_name", {{"given", std::string(given)}, {"family", std::string(family)}}));
}

WizardLayout wizard_frame(Frame& f, std::string_view title) {
  const float em = f.em;
  const Rect c = f.content;
  float y = c.y;
  const int step = f.vm.step, steps = f.vm.steps;
  if (step > 0) {
    TextStyle s;
    s.color = f.ui.theme.text_muted;
    const std::string line =
        f.t("wizard.step", {{"n", static_cast<std::int64_t>(step)}, {"m", static_cast<std::int64_t>(steps)}});
    const float h = label(f, "wizard.step", line, {c.x, y, c.w, 0}, s);
    // Progress: one segment per step, filled up to this one, from the start edge.
    const float seg_gap = em * 0.3f, seg_h = em * 0.3f;
    const float seg_w = (std::min(c.w, 24.f * em) - seg_gap * (steps - 1)) / steps;
    const Mirror m = f.mirror(c);
    for (int i = 0; i < steps; ++i) {
      const Rect r = m.place(i * (seg_w + seg_gap), y + h + em * 0.25f, seg_w, seg_h);
      f.dl->AddRectFilled({r.x, r.y}, {r.right(), r.bottom()}, i < step ? f.ui.theme.primary : f.ui.theme.border,
                          seg_h * 0.5f);
    }
    y += h + em * 0.9f;
  }
  TextStyle ts;
  ts.role = FontRole::title;
  y += label(f, "wizard.title", title, {c.x, y, c.w, 0}, ts) + em * 0.6f;
  const float fh = kFooterEm * em;
  return {{c.x, y, c.w, std::max(0.f, c.bottom() - fh - em * 0.6f - y)}, {c.x, c.bottom() - fh, c.w, fh}};
}

int wizard_footer(Frame& f, const Rect& footer, std::string_view primary_id, std::string_view primary,
                  std::string_view secondary_id, std::string_view secondary) {
  const FooterButtons buttons = footer_buttons(f, footer, primary_id, primary, secondary_id, secondary);
  // The summary, only while a question on this screen still has an error.
  if (const RegistrationDraft* d = registration_draft(f); d && d->step_error) {
    const FormValues& form = f.vm.screen == RegistrationScreen::member ? d->member : d->person;
    if (!form.errors.empty()) {
      const std::string text = f.t("wizard.fix_errors");
      const float h = std::min(error_note_height(f, text, buttons.free_width), footer.h);
      error_note(f, "wizard.fix_errors", text,
                 f.mirror(footer).place(buttons.free_start, footer.y + (footer.h - h) * 0.5f, buttons.free_width, 0));
    }
  }
  return buttons.tapped;
}

float keyboard_space(Frame& f, const Rect& area) {
  if (!f.vm.keyboard) return 0;
  return std::min(keyboard_height(f, *f.vm.keyboard), std::max(area.h - 5.f * f.em, 0.f));
}

bool field_editor(Frame& f, std::span<const FieldSpec> fields, const FormValues& form, const Rect& area) {
  if (f.vm.focus.empty() || !f.vm.keyboard) return false;
  const FieldSpec* spec = nullptr;
  for (const auto& s : fields)
    if (s.id == f.vm.focus) spec = &s;
  if (!spec) return false;
  const float em = f.em;
  const float w = std::min(area.w, 40.f * em);
  const Rect col = f.mirror(area).place(0, area.y, w, area.h);
  std::string a, b, c, e;
  TextFieldView v = field_view(f, *spec, form, a, b, c, e);
  v.focused = true;
  const float fh = text_field_height(f, v, w);
  text_field(f, "field." + std::string(spec->id), v, {col.x, col.y, col.w, fh});
  // The keyboard spans the screen's width at the bottom.
  const float margin = em * 0.4f;
  // The keyboard's size does not depend on the field's (an error line must not move the keys).
  const float kh = keyboard_space(f, area);
  const Rect kb{f.screen.x + margin, area.bottom() - kh, f.screen.w - 2 * margin, kh};
  if (const Key* k = on_screen_keyboard(f, *f.vm.keyboard, kb)) f.emit(PressKey{k->id});
  return true;
}

void form_fields(Frame& f, std::string_view scroll_id, std::span<const FieldSpec> fields, const FormValues& form,
                 const Rect& area, bool (*visible)(const FieldSpec&, const FormValues&)) {
  const float em = f.em;
  const bool two = area.w >= 44.f * em;
  const float gap = em * 1.5f;
  const float col_w = two ? (area.w - gap) * 0.5f : area.w;
  // Place items: narrow ones fill the columns in turn, wide ones take a whole row.
  struct Placed {
    const FieldSpec* spec;
    float x, y, w, h;
  };
  std::vector<Placed> placed;
  float y = 0;
  int col = 0;
  float row_h = 0;
  for (const auto& s : fields) {
    if (visible && !visible(s, form)) continue;
    if (wide_item(s) || !two) {
      if (col != 0) {
        y += row_h + kItemGapEm * em;
        col = 0;
        row_h = 0;
      }
      const float h = item_height(f, s, form, area.w);
      placed.push_back({&s, 0, y, area.w, h});
      y += h + kItemGapEm * em;
      continue;
    }
    const float h = item_height(f, s, form, col_w);
    placed.push_back({&s, col == 0 ? 0.f : col_w + gap, y, col_w, h});
    row_h = std::max(row_h, h);
    if (++col == 2) {
      y += row_h + kItemGapEm * em;
      col = 0;
      row_h = 0;
    }
  }
  if (col != 0) y += row_h + kItemGapEm * em;
  // A form taller than its area gets a strip below it that says how many questions lie below;
  // the strip is always there while the form overflows, so nothing moves when it empties.
  Rect view = area;
  const bool overflows = y > area.h + 1;
  if (overflows) view.h = std::max(area.h - kMoreBelowEm * em, area.h * 0.5f);
  // After a submit that found errors, the first question with one is scrolled into view.
  if (const RegistrationDraft* d = registration_draft(f); d && d->error_request != 0) {
    for (const auto& p : placed) {
      if (form.error(p.spec->id).empty()) continue;
      f.ui.touch.reveal(std::string(scroll_id), d->error_request, p.y - em * 0.5f, p.h + em, view.h);
      break;
    }
  }
  ScrollArea scroll(f, scroll_id, view, y, em * 0.15f);
  const float offset = scroll.offset();
  const Mirror m = f.mirror(view);
  int below = 0;
  for (const auto& p : placed) {
    const Rect r = m.place(p.x, view.y + p.y - offset, p.w, p.h);
    if (r.y >= view.bottom() - 1) ++below;
    if (r.bottom() < view.y || r.y > view.bottom()) continue;
    draw_item(f, *p.spec, form, r);
  }
  scroll.end();
  if (!overflows) return;
  const Rect strip{area.x, view.bottom(), area.w, area.bottom() - view.bottom()};
  if (offset + view.h < y - 1) {
    // A downward triangle, and the count of questions not yet in view.
    const float s = em * 0.45f;
    const std::string text = below > 0 ? f.t("form.more_below", {{"count", static_cast<std::int64_t>(below)}}) : "";
    TextStyle ts;
    ts.color = f.ui.theme.text_muted;
    ts.align = Align::center;
    ts.vcenter = true;
    const float tw = text.empty() ? 0.f : std::min(text_width(f, text, ts), strip.w - 3 * em);
    const float cx = strip.cx() - (tw > 0 ? tw * 0.5f + em * 0.7f : 0.f) * (f.rtl() ? -1.f : 1.f);
    const float cy = strip.cy();
    f.dl->AddTriangleFilled({cx - s, cy - s * 0.5f}, {cx + s, cy - s * 0.5f}, {cx, cy + s * 0.6f},
                            f.ui.theme.text_muted);
    if (!text.empty()) label(f, "form.more_below", text, {strip.cx() - tw * 0.5f, strip.y, tw, strip.h}, ts);
  }
}

}  // namespace wk::ui
