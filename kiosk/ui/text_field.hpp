// A text field for touch: a label, the value (shaped and in the right order
// for its own script, while the buffer stays logical), a caret at the end
// (before the placeholder while the value is empty, never over text),
// and the field's error right below it. Typing comes from the on-screen
// keyboard; the field itself only reports that it was tapped (to take focus).
#pragma once

#include <string_view>

#include "kiosk/ui/frame.hpp"

namespace wk::ui {

struct TextFieldView {
  std::string_view label;        // in the session language
  std::string_view value;        // logical UTF-8
  std::string_view placeholder;  // shown dimmed while the value is empty
  std::string_view error;        // localized error, or empty
  bool focused = false;
  // The value always runs left to right (dates, phone numbers, e-mail): so do the
  // placeholder and the caret, in every session language.
  bool left_to_right = false;
  // Read-aloud reads the value character by character (phone numbers, postal codes).
  bool read_by_character = false;
  // Keep a line of room under the box with no error shown (the field had one on this step):
  // the fields below do not move while a finger is on its way to them.
  bool error_room = false;
};

// Height the field takes at `width` (label, box, error line).
float text_field_height(Frame& f, const TextFieldView& v, float width);

// Draws the field at the top of `r`; returns true when it was tapped.
bool text_field(Frame& f, std::string_view id, const TextFieldView& v, const Rect& r);

}  // namespace wk::ui
