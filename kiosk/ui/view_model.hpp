// The read-only snapshot a screen draws from, rebuilt by the shell each frame.
#pragma once

#include <string>
#include <vector>

#include "kiosk/text/languages.hpp"
#include "kiosk/ui/keyboard_model.hpp"
#include "kiosk/ui/registration_form.hpp"
#include "kiosk/ui/screen_id.hpp"
#include "kiosk/ui/sync_link.hpp"

namespace wk::ui {

struct ViewModel {
  const text::Language* language = nullptr;    // session language
  std::vector<const text::Language*> enabled;  // in configured order
  std::string center_name;
  ScreenId screen = ScreenId::welcome;
  bool can_go_back = false;
  bool idle_warning = false;
  int idle_seconds_left = 0;
  std::string error_key;                            // localized banner, or empty
  std::string day_period;                           // morning | afternoon | evening | other
  double now = 0;                                   // seconds on the UI clock
  const RegistrationDraft* registration = nullptr;  // the session's draft (never null in the shell)
  const KeyboardModel* keyboard = nullptr;          // the focused field's keyboard, or null
  SyncIndicator sync;                               // the hub connection, for the status line
};

}  // namespace wk::ui
