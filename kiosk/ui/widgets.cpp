// Widget drawing on the window draw list.
#include "kiosk/ui/widgets.hpp"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <string>

#include "kiosk/text/utf8.hpp"

namespace wk::ui {
namespace {

const text::Language& lang_of(Frame& f, const TextStyle& s) {
  return s.lang ? *s.lang : f.lang();
}

const std::vector<text::Line>& lines_for(Frame& f, std::string_view text, float width, const TextStyle& s) {
  const auto& l = lang_of(f, s);
  return f.ui.layouts.get(text, l.direction, width, f.ui.fonts.key(s.role, l), f.ui.fonts.shaper(s.role, l),
                          l.icu_locale);
}

// Registers the visible part of a button for replay scripts (and whether a clip cuts it).
// True if it was registered (some of it is visible).
bool register_button(Frame& f, std::string_view id, const Rect& r, std::string_view text) {
  const Rect v = f.ui.touch.visible(r);
  if (v.w <= 0 || v.h <= 0) return false;
  f.ui.elements.add(id, ElementKind::button, v, text);
  const bool cut = v.w < r.w - 0.5f || v.h < r.h - 0.5f;
  f.ui.elements.mark_last(cut, false);
  // A whole button whose outline (drawn centred on its edge) the drawing clip cuts off: a scroll
  // area without room for the borders of what lies along its edges.
  const ImVec2 lo = f.dl->GetClipRectMin(), hi = f.dl->GetClipRectMax();
  const float half = f.em * 0.04f;
  if (!cut && (r.x - half < lo.x - 0.5f || r.y - half < lo.y - 0.5f || r.right() + half > hi.x + 0.5f ||
               r.bottom() + half > hi.y + 0.5f))
    f.ui.elements.mark_last_border_clipped();
  return true;
}

// The lines as drawn, for the element added last (replay's expect-drawn), and whether one
// breaks a word inside (the layout check refuses that).
void record_drawn(Frame& f, const std::vector<text::Line>& lines) {
  std::string drawn;
  for (const auto& l : lines) {
    if (!drawn.empty()) drawn += '\n';
    drawn += l.visual;
    if (l.breaks_word) f.ui.elements.mark_last_word_broken();
  }
  f.ui.elements.set_last_drawn(std::move(drawn));
}

// Half a pixel of rounding is not clipping.
constexpr float kClipSlack = 0.5f;

// Draws one laid-out line with its left end at `x` and its baseline at `baseline`: each
// glyph at the position the shaper gave it, snapped to whole pixels.
void draw_glyphs(ImDrawList* dl, GlyphAtlas& atlas, const text::HbShaper& shaper, float x, float baseline,
                 std::uint32_t col, const text::Line& line) {
  const float iw = atlas.inv_width(), ih = atlas.inv_height();
  for (const auto& g : line.glyphs) {
    const GlyphAtlas::Slot* slot = atlas.get(g.face, shaper.face_px(g.face), g.id);
    if (!slot) continue;
    const float x0 = std::round(x + g.x) + slot->left;
    const float y0 = std::round(baseline + g.y) - slot->top;
    dl->PrimReserve(6, 4);
    dl->PrimRectUV({x0, y0}, {x0 + slot->w, y0 + slot->h}, {slot->x * iw, slot->y * ih},
                   {(slot->x + slot->w) * iw, (slot->y + slot->h) * ih}, col);
  }
}

float line_height(Frame& f, FontRole role) {
  return f.ui.fonts.size(role) * 1.3f;
}

// Draws laid-out lines into `box`; returns the height.
float draw_lines(Frame& f, const std::vector<text::Line>& lines, const Rect& box, const TextStyle& s) {
  const float size = f.ui.fonts.size(s.role);
  const text::HbShaper& shaper = f.ui.fonts.shaper(s.role, lang_of(f, s));
  const float lh = line_height(f, s.role);
  const float total = lh * static_cast<float>(lines.size());
  const bool rtl = lang_of(f, s).direction == text::Direction::rtl;
  const std::uint32_t col = s.color ? s.color : f.ui.theme.text;
  float y = s.vcenter ? box.y + (box.h - total) * 0.5f : box.y;
  y += (lh - size) * 0.5f;
  for (const auto& line : lines) {
    float x;
    switch (s.align) {
      case Align::center:
        x = box.x + (box.w - line.width) * 0.5f;
        break;
      case Align::end:
        x = rtl ? box.x : box.right() - line.width;
        break;
      case Align::start:
      default:
        x = rtl ? box.right() - line.width : box.x;
        break;
    }
    draw_glyphs(f.dl, f.ui.fonts.atlas(), shaper, x, std::round(y) + shaper.ascent(), col, line);
    y += lh;
  }
  return total;
}

}  // namespace

float text_height(Frame& f, std::string_view text, float width, const TextStyle& style) {
  return line_height(f, style.role) * static_cast<float>(lines_for(f, text, width, style).size());
}

float text_width(Frame& f, std::string_view text, const TextStyle& style) {
  float w = 0;
  for (const auto& l : lines_for(f, text, 0, style)) w = std::max(w, l.width);
  return w;
}

float label(Frame& f, std::string_view id, std::string_view text, const Rect& box, const TextStyle& style) {
  const auto& lines = lines_for(f, text, box.w, style);
  if (!id.empty()) {
    f.ui.elements.add(id, ElementKind::label, box, text);
    const float needed = line_height(f, style.role) * static_cast<float>(lines.size());
    // Cut: a scroll area shows only part of it (or none); its text is clipped when it needs
    // more height than a fixed box gives it.
    const Rect shown{box.x, box.y, box.w, box.h > 0 ? box.h : needed};
    const Rect v = f.ui.touch.visible(shown);
    const bool cut = v.w < shown.w - kClipSlack || v.h < shown.h - kClipSlack;
    f.ui.elements.mark_last(cut, box.h > 0 && needed > box.h + kClipSlack);
    record_drawn(f, lines);
  }
  return draw_lines(f, lines, box, style);
}

bool button_area(Frame& f, std::string_view id, const Rect& r) {
  const bool activated = f.ui.touch.button(std::string(id), r, nullptr);
  register_button(f, id, r, "");
  return activated;
}

bool button(Frame& f, std::string_view id, std::string_view text, const Rect& r, ButtonKind kind, Icon icon) {
  bool held = false;
  const bool activated = f.ui.touch.button(std::string(id), r, &held);
  const bool register_text_clip = register_button(f, id, r, text);
  const Theme& th = f.ui.theme;
  std::uint32_t bg, fg;
  switch (kind) {
    case ButtonKind::primary:
      bg = held ? th.primary_pressed : th.primary;
      fg = th.on_primary;
      break;
    case ButtonKind::secondary:
      bg = held ? th.surface_pressed : th.surface;
      fg = th.text;
      break;
    case ButtonKind::quiet:
    default:
      bg = held ? th.surface_pressed : 0;
      fg = th.text;
      break;
  }
  const float round = f.em * 0.35f;
  if (bg) f.dl->AddRectFilled({r.x, r.y}, {r.right(), r.bottom()}, bg, round);
  if (kind == ButtonKind::secondary)
    f.dl->AddRect({r.x, r.y}, {r.right(), r.bottom()}, held ? th.primary : th.border, round, 0, f.em * 0.08f);
  const bool rtl = f.rtl();
  const float pad = f.em * 0.6f;
  Rect tb = r.inset(0);
  tb.x += pad;
  tb.w -= 2 * pad;
  if (icon != Icon::none && text.empty()) {
    draw_icon(f.dl, icon, r.cx(), r.cy(), std::min(r.h * 0.55f, f.em * 1.3f), fg, rtl);
    return activated;
  }
  if (icon != Icon::none) {
    const float is = std::min(r.h * 0.55f, f.em * 1.3f);
    const float icx = rtl ? r.right() - pad - is * 0.5f : r.x + pad + is * 0.5f;
    draw_icon(f.dl, icon, icx, r.cy(), is, fg, rtl);
    tb.w -= is + pad * 0.6f;
    if (!rtl) tb.x += is + pad * 0.6f;
  }
  TextStyle s;
  s.role = FontRole::body;
  s.align = icon == Icon::none ? Align::center : Align::start;
  s.vcenter = true;
  s.color = fg;
  const auto& lines = lines_for(f, text, tb.w, s);
  if (register_text_clip) {
    const float needed = line_height(f, s.role) * static_cast<float>(lines.size());
    f.ui.elements.mark_last(false, needed > tb.h + kClipSlack);
    record_drawn(f, lines);
  }
  draw_lines(f, lines, tb, s);
  return activated;
}

FooterButtons footer_buttons(Frame& f, const Rect& footer, std::string_view primary_id, std::string_view primary,
                             std::string_view secondary_id, std::string_view secondary) {
  const float em = f.em;
  const Mirror m = f.mirror(footer);
  FooterButtons r;
  float pw = 0;
  if (!primary.empty()) {
    pw = std::clamp(text_width(f, primary) + em * 3.f, 8.f * em, footer.w * 0.5f);
    if (button(f, primary_id, primary, m.place(footer.w - pw, footer.y, pw, footer.h), ButtonKind::primary))
      r.tapped = 1;
  }
  if (!secondary.empty()) {
    const float sw = std::clamp(text_width(f, secondary) + em * 3.f, 8.f * em, footer.w * 0.45f);
    if (button(f, secondary_id, secondary, m.place(0, footer.y, sw, footer.h), ButtonKind::secondary)) r.tapped = 2;
    r.free_start = sw + em;
  }
  r.free_width = std::max(0.f, footer.w - pw - em - r.free_start);
  return r;
}

bool chip(Frame& f, std::string_view id, std::string_view text, const Rect& r, bool selected) {
  return button(f, id, text, r, selected ? ButtonKind::primary : ButtonKind::secondary,
                selected ? Icon::check : Icon::none);
}

void panel(Frame& f, const Rect& r) {
  const Theme& th = f.ui.theme;
  const float round = f.em * 0.4f;
  f.dl->AddRectFilled({r.x, r.y}, {r.right(), r.bottom()}, th.surface, round);
  f.dl->AddRect({r.x, r.y}, {r.right(), r.bottom()}, th.border, round, 0, f.em * 0.08f);
}

bool card(Frame& f, std::string_view id, const Rect& r) {
  bool held = false;
  const bool activated = f.ui.touch.button(std::string(id), r, &held);
  register_button(f, id, r, "");
  const Theme& th = f.ui.theme;
  const float round = f.em * 0.4f;
  f.dl->AddRectFilled({r.x, r.y}, {r.right(), r.bottom()}, held ? th.surface_pressed : th.surface, round);
  f.dl->AddRect({r.x, r.y}, {r.right(), r.bottom()}, held ? th.primary : th.border, round, 0, f.em * 0.08f);
  return activated;
}

bool tile(Frame& f, std::string_view id, std::string_view title, std::string_view subtitle, const Rect& r, Icon icon) {
  bool held = false;
  const bool activated = f.ui.touch.button(std::string(id), r, &held);
  const bool registered = register_button(f, id, r, title);
  const Theme& th = f.ui.theme;
  const float round = f.em * 0.5f;
  f.dl->AddRectFilled({r.x, r.y}, {r.right(), r.bottom()}, held ? th.surface_pressed : th.surface, round);
  f.dl->AddRect({r.x, r.y}, {r.right(), r.bottom()}, held ? th.primary : th.border, round, 0, f.em * 0.08f);
  const float pad = f.em * 0.9f;
  const float is = f.em * 2.2f;
  const Mirror m = f.mirror(r);
  const Rect ib = m.place(pad, r.y + pad, is, is);
  f.dl->AddCircleFilled({ib.cx(), ib.cy()}, is * 0.5f, th.primary);
  draw_icon(f.dl, icon, ib.cx(), ib.cy(), is * 0.6f, th.on_primary, f.rtl());
  const float tx = pad + is + pad * 0.8f;
  const Rect tr = m.place(tx, r.y + pad, r.w - tx - pad, r.h - 2 * pad);
  TextStyle ts;
  ts.role = FontRole::label;
  const float th_used = label(f, "", title, tr, ts);
  TextStyle ss;
  ss.color = th.text_muted;
  const float sh_used =
      subtitle.empty()
          ? 0.f
          : label(f, "", subtitle, {tr.x, tr.y + th_used + f.em * 0.3f, tr.w, tr.h - th_used}, ss) + f.em * 0.3f;
  if (registered) f.ui.elements.mark_last(false, th_used + sh_used > tr.h + kClipSlack);
  return activated;
}

bool language_tile(Frame& f, std::string_view id, const text::Language& lang, std::string_view greeting, const Rect& r,
                   bool selected) {
  bool held = false;
  const bool activated = f.ui.touch.button(std::string(id), r, &held);
  register_button(f, id, r, lang.native_name);
  const Theme& th = f.ui.theme;
  const float round = f.em * 0.5f;
  f.dl->AddRectFilled({r.x, r.y}, {r.right(), r.bottom()}, held ? th.surface_pressed : th.surface, round);
  f.dl->AddRect({r.x, r.y}, {r.right(), r.bottom()}, selected || held ? th.primary : th.border, round, 0,
                f.em * (selected ? 0.16f : 0.08f));
  const float pad = f.em * 0.5f;
  TextStyle gs;
  gs.lang = &lang;
  gs.align = Align::center;
  gs.color = th.text_muted;
  TextStyle ns;
  ns.lang = &lang;
  ns.role = FontRole::label;
  ns.align = Align::center;
  const Rect inner = r.inset(pad);
  const float gh = greeting.empty() ? 0.f : text_height(f, greeting, inner.w, gs);
  const float nh = text_height(f, lang.native_name, inner.w, ns);
  const float y = inner.y + (inner.h - gh - nh) * 0.5f;
  if (!greeting.empty()) label(f, "", greeting, {inner.x, y, inner.w, gh}, gs);
  label(f, "", lang.native_name, {inner.x, y + gh, inner.w, nh}, ns);
  return activated;
}

namespace {
constexpr float kNoteIconEm = 1.1f, kNoteGapEm = 0.4f;
}  // namespace

float error_note_height(Frame& f, std::string_view text, float width) {
  return std::max(kNoteIconEm * f.em, text_height(f, text, width - (kNoteIconEm + kNoteGapEm) * f.em));
}

namespace {

struct FactColumns {
  bool beside;
  float key_w, value_x, value_w;
};

FactColumns fact_columns(const Frame& f, float width, float key_em) {
  const bool beside = width >= 36.f * f.em;
  const float key_w = beside ? key_em * f.em : width;
  const float value_x = beside ? key_w + f.em : 0.f;
  return {beside, key_w, value_x, width - value_x};
}

}  // namespace

float facts_height(Frame& f, std::span<const Fact> list, float width, float key_em) {
  const FactColumns c = fact_columns(f, width, key_em);
  TextStyle key;
  key.color = f.ui.theme.text_muted;
  float h = 0;
  for (const Fact& fact : list) {
    const float kh = text_height(f, fact.label, c.key_w, key);
    const float vh = text_height(f, fact.value, c.value_w);
    h += (c.beside ? std::max(kh, vh) : kh + f.em * 0.2f + vh) + f.em * 0.8f;
  }
  return h;
}

float facts(Frame& f, std::span<const Fact> list, const Rect& col, float y, float key_em) {
  const FactColumns c = fact_columns(f, col.w, key_em);
  const Mirror m = f.mirror(col);
  TextStyle key;
  key.color = f.ui.theme.text_muted;
  const float top = y;
  for (const Fact& fact : list) {
    const float kh = label(f, fact.id + ".label", fact.label, m.place(0, y, c.key_w, 0), key);
    if (c.beside) {
      const float vh = label(f, fact.id, fact.value, m.place(c.value_x, y, c.value_w, 0));
      y += std::max(kh, vh) + f.em * 0.8f;
    } else {
      y += kh + f.em * 0.2f;
      y += label(f, fact.id, fact.value, m.place(0, y, c.value_w, 0)) + f.em * 0.8f;
    }
  }
  return y - top;
}

float error_note(Frame& f, std::string_view id, std::string_view text, const Rect& box) {
  const float icon = kNoteIconEm * f.em, gap = kNoteGapEm * f.em;
  const float h = error_note_height(f, text, box.w);
  const Mirror m = f.mirror(box);
  const Rect ir = m.place(0, box.y, icon, icon);
  draw_icon(f.dl, Icon::warning, ir.cx(), ir.cy(), icon * 0.9f, f.ui.theme.error, f.rtl());
  TextStyle s;
  s.color = f.ui.theme.error;
  label(f, id, text, m.place(icon + gap, box.y, box.w - icon - gap, 0), s);
  return h;
}

std::optional<bool> ask_really(Frame& f, std::string_view key) {
  const std::string k(key);
  const std::string title = f.t(k + ".title"), text = f.t(k + ".text"), no = f.t(k + ".no"), yes = f.t(k + ".yes");
  const std::string title_id = k + ".title", text_id = k + ".text", no_id = k + ".no", yes_id = k + ".yes";
  switch (dialog(f, {title_id, title}, {text_id, text}, {no_id, no}, {yes_id, yes})) {
    case DialogAnswer::secondary:
      return true;
    case DialogAnswer::primary:
    case DialogAnswer::elsewhere:
      return false;
    case DialogAnswer::none:
      break;
  }
  return std::nullopt;
}

DialogAnswer dialog(Frame& f, DialogPart title, DialogPart text, DialogPart primary, DialogPart secondary) {
  const float em = f.em;
  const Theme& th = f.ui.theme;
  const Rect s = f.screen;
  f.dl->AddRectFilled({s.x, s.y}, {s.right(), s.bottom()}, th.dim);
  const float w = std::min(s.w - 2 * em, 30 * em);
  const float inner = w - 3 * em;
  TextStyle ts;
  ts.role = FontRole::title;
  ts.align = Align::center;
  TextStyle bs;
  bs.role = FontRole::label;
  bs.align = Align::center;
  const float bh = 3.2f * em;
  const float h = 1.5f * em + text_height(f, title.text, inner, ts) + em + text_height(f, text.text, inner, bs) +
                  1.5f * em + bh * 2 + em + 1.5f * em;
  const Rect panel{s.cx() - w / 2, std::max(s.y + em, s.cy() - h / 2), w, h};
  f.dl->AddRectFilled({panel.x, panel.y}, {panel.right(), panel.bottom()}, th.surface, em * 0.6f);
  f.dl->AddRect({panel.x, panel.y}, {panel.right(), panel.bottom()}, th.accent, em * 0.6f, 0, em * 0.15f);

  float y = panel.y + 1.5f * em;
  const float x = panel.x + 1.5f * em;
  y += label(f, title.id, title.text, {x, y, inner, 0}, ts) + em;
  y += label(f, text.id, text.text, {x, y, inner, 0}, bs) + 1.5f * em;
  DialogAnswer answer = DialogAnswer::none;
  if (button(f, primary.id, primary.text, {x, y, inner, bh}, ButtonKind::primary)) answer = DialogAnswer::primary;
  y += bh + em;
  const Rect second{x, y, inner, bh};
  if (button(f, secondary.id, secondary.text, second, ButtonKind::secondary)) answer = DialogAnswer::secondary;
  if (answer == DialogAnswer::none && f.ui.touch.pressed_in(s) && !f.ui.touch.pressed_in(second))
    answer = DialogAnswer::elsewhere;
  return answer;
}

void banner(Frame& f, std::string_view id, std::string_view text, const Rect& r) {
  const Theme& th = f.ui.theme;
  f.dl->AddRectFilled({r.x, r.y}, {r.right(), r.bottom()}, th.warning_bg, f.em * 0.3f);
  f.dl->AddRect({r.x, r.y}, {r.right(), r.bottom()}, th.accent, f.em * 0.3f, 0, f.em * 0.1f);
  const float is = f.em * 1.2f;
  const Mirror m = f.mirror(r);
  const Rect ib = m.place(f.em * 0.5f, r.y, is, r.h);
  draw_icon(f.dl, Icon::info, ib.cx(), ib.cy(), is, th.accent, f.rtl());
  TextStyle s;
  s.vcenter = true;
  label(f, id, text, m.place(is + f.em, r.y, r.w - is - f.em * 1.5f, r.h), s);
}

ScrollArea::ScrollArea(Frame& f, std::string_view id, const Rect& view, float content_height, float spill) : f_(f) {
  const std::string sid(id);
  f.ui.elements.add(sid, ElementKind::label, view, "");
  offset_ = f.ui.touch.scroll_area(sid, view, content_height);
  f.dl->PushClipRect({view.x - spill, view.y - spill}, {view.right() + spill, view.bottom() + spill}, true);
  f.ui.touch.push_clip(view);
}

void ScrollArea::end() {
  if (!open_) return;
  open_ = false;
  f_.ui.touch.pop_clip();
  f_.dl->PopClipRect();
}

}  // namespace wk::ui
