// The pad for typing a registration code (kiosk/core/registration_code.hpp): the code typed so
// far in its grouped form ("K7QM-4X··-·"), a note when it was wrong, and a key per symbol of the
// code's alphabet plus erase, left to right in every language (the code is Latin). Features
// turn the tapped key into their own intent (courses: a booking's code; admin: a look-up).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "kiosk/ui/frame.hpp"

namespace wk::ui {

struct CodePadKey {
  bool erase = false;
  char symbol = 0;  // when not erase
};

// Draws the pad into column `col` from `y` down to `bottom`: the typed code as element `typed_id`,
// `wrong_text` (if not empty) as an error note `wrong_id`, then the keys ("code.key.K",
// "code.erase"). Returns the key tapped this frame.
std::optional<CodePadKey> code_pad(Frame& f, std::string_view typed_id, const std::string& typed,
                                   std::string_view wrong_id, const std::string& wrong_text, const Rect& col, float y,
                                   float bottom);

}  // namespace wk::ui
