// The state of one newcomer's session at the terminal: language, where they
// are, the anonymous visit record and a registration being filled in. wipe() returns it to the state of a
// terminal nobody has touched.
#pragma once

#include <string>
#include <vector>

#include <optional>

#include "kiosk/ui/keyboard_model.hpp"
#include "kiosk/ui/registration_form.hpp"
#include "kiosk/ui/screen_id.hpp"

namespace wk::ui {

struct Session {
  std::string language;                   // session language; the default one on the welcome screen
  std::vector<ScreenId> stack;            // navigation stack; empty means the welcome screen
  std::string visit_id;                   // empty when no visit was recorded
  std::string error_key;                  // message key of a localized error banner, or empty
  RegistrationDraft registration;         // the registration being filled in
  std::optional<KeyboardModel> keyboard;  // the keyboard of the focused field

  ScreenId top() const { return stack.empty() ? ScreenId::welcome : stack.back(); }
  bool active() const { return !stack.empty(); }

  // Overwrites every string with zeros, then resets to the welcome screen in
  // `default_language`.
  void wipe(const std::string& default_language);
};

// Overwrites the characters of `s` with zeros (not elided by the optimizer)
// and empties it.
void secure_clear(std::string& s);

}  // namespace wk::ui
