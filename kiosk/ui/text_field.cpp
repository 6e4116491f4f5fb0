// Text field drawing.
#include "kiosk/ui/text_field.hpp"

#include <imgui.h>

#include "kiosk/text/bidi.hpp"
#include "kiosk/ui/widgets.hpp"

namespace wk::ui {
namespace {

constexpr float kBoxEm = kControlEm;

// The value's own direction: right-to-left if it holds RTL letters (and the field is not a
// left-to-right one).
const text::Language* content_language(Frame& f, std::string_view value, bool left_to_right) {
  if (left_to_right || !text::has_rtl(value)) {
    for (const auto* l : f.vm.enabled)
      if (l->direction == text::Direction::ltr) return l;
  } else {
    for (const auto* l : f.vm.enabled)
      if (l->direction == text::Direction::rtl) return l;
  }
  return &f.lang();
}

}  // namespace

float text_field_height(Frame& f, const TextFieldView& v, float width) {
  float h = text_height(f, v.label, width) + f.em * 0.3f + kBoxEm * f.em;
  if (!v.error.empty())
    h += f.em * 0.3f + error_note_height(f, v.error, width);
  else if (v.error_room)
    h += f.em * 0.3f + error_note_height(f, " ", width);
  return h;
}

bool text_field(Frame& f, std::string_view id, const TextFieldView& v, const Rect& r) {
  const Theme& th = f.ui.theme;
  float y = r.y;
  y += label(f, std::string(id) + ".label", v.label, {r.x, y, r.w, 0}) + f.em * 0.3f;
  const Rect box{r.x, y, r.w, kBoxEm * f.em};
  const bool tapped = button_area(f, id, box);
  f.ui.elements.add(std::string(id) + ".value", ElementKind::label, box, v.value);
  if (v.read_by_character) f.ui.elements.spell_last(v.value);
  f.dl->AddRectFilled({box.x, box.y}, {box.right(), box.bottom()}, th.surface, f.em * 0.3f);
  const bool bad = !v.error.empty();
  f.dl->AddRect({box.x, box.y}, {box.right(), box.bottom()},
                bad         ? th.error
                : v.focused ? th.primary
                            : th.border,
                f.em * 0.3f, 0, f.em * (v.focused || bad ? 0.14f : 0.07f));

  TextStyle s;
  s.vcenter = true;
  s.lang = v.value.empty() && !v.left_to_right ? &f.lang() : content_language(f, v.value, v.left_to_right);
  const bool rtl = s.lang->direction == text::Direction::rtl;
  const Rect inner = box.inset(f.em * 0.6f);
  if (v.value.empty()) {
    // The placeholder starts after the caret's place at the start edge.
    const float caret_room = f.em * 0.4f;
    Rect hint = inner;
    hint.w -= caret_room;
    if (!rtl) hint.x += caret_room;
    s.color = th.text_muted;
    label(f, "", v.placeholder, hint, s);
  } else {
    label(f, "", v.value, inner, s);
  }
  if (v.focused) {
    // The caret sits at the logical end: the right edge of LTR text, the left of RTL text.
    const float w = v.value.empty() ? 0.f : std::min(text_width(f, v.value, s), inner.w);
    const float x = rtl ? inner.right() - w - f.em * 0.1f : inner.x + w + f.em * 0.1f;
    f.dl->AddLine({x, box.y + f.em * 0.5f}, {x, box.bottom() - f.em * 0.5f}, th.primary, f.em * 0.12f);
  }
  y = box.bottom();
  if (bad) error_note(f, std::string(id) + ".error", v.error, {r.x, y + f.em * 0.3f, r.w, 0});
  return tapped;
}

}  // namespace wk::ui
