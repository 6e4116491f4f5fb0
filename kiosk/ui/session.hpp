// The state of one newcomer's session at the terminal that the shell owns:
// language, where they are, the anonymous visit record, the focused field and
// its keyboard. Each feature keeps its own state (a registration draft, a
// booking) and wipes it when the controller ends the session. wipe() returns
// this to the state of a terminal nobody has touched.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "kiosk/core/secure_clear.hpp"
#include "kiosk/ui/keyboard_model.hpp"
#include "kiosk/ui/screen_id.hpp"

namespace wk::ui {

struct Session {
  std::string language;                   // session language; the default one on the welcome screen
  std::vector<ScreenId> stack;            // navigation stack; empty means the welcome screen
  std::string visit_id;                   // empty when no visit was recorded
  std::string error_key;                  // message key of a localized error banner, or empty
  std::string focus;                      // id of the form field being typed into, or ""
  std::optional<KeyboardModel> keyboard;  // the keyboard of the focused field
  bool confirm_leave = false;             // Back on home would discard unsent input: asked first
  // What the newcomer chose on the seeing screen; the session's end (and the idle reset) puts
  // them back.
  bool large_text = false;     // all text and controls 1.5 times as large
  bool high_contrast = false;  // the high-contrast theme
  // The registration committed in this session, for features that act on it (a course booking):
  // its code and the given names of its people (0 the registered person, then the family members
  // in order). Empty until then; wiped with the session.
  std::string registration_code;
  std::vector<std::string> registration_people;

  ScreenId top() const { return stack.empty() ? ScreenId::welcome : stack.back(); }
  bool active() const { return !stack.empty(); }

  // Overwrites every string with zeros, then resets to the welcome screen in
  // `default_language`.
  void wipe(const std::string& default_language);
};

using core::secure_clear;

}  // namespace wk::ui
