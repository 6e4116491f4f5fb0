// Session wipe.
#include "kiosk/ui/session.hpp"

namespace wk::ui {

void Session::wipe(const std::string& default_language) {
  secure_clear(language);
  secure_clear(visit_id);
  secure_clear(error_key);
  secure_clear(focus);
  secure_clear(registration_code);
  for (auto& name : registration_people) secure_clear(name);
  registration_people.clear();
  keyboard.reset();
  confirm_leave = false;
  large_text = false;
  high_contrast = false;
  stack.clear();
  language = default_language;
}

}  // namespace wk::ui
