// Session wipe.
#include "kiosk/ui/session.hpp"

namespace wk::ui {

void secure_clear(std::string& s) {
  volatile char* p = s.data();
  for (std::size_t i = 0; i < s.size(); ++i) p[i] = 0;
  s.clear();
}

void Session::wipe(const std::string& default_language) {
  secure_clear(language);
  secure_clear(visit_id);
  secure_clear(error_key);
  registration.wipe();
  keyboard.reset();
  stack.clear();
  language = default_language;
}

}  // namespace wk::ui
