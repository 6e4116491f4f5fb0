// The read-only snapshot a screen draws from, rebuilt by the shell each frame.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/text/languages.hpp"
#include "kiosk/ui/feature.hpp"
#include "kiosk/ui/keyboard_model.hpp"
#include "kiosk/ui/screen_id.hpp"
#include "kiosk/ui/sync_link.hpp"

namespace wk::ui {

struct ViewModel {
  const text::Language* language = nullptr;    // session language
  std::vector<const text::Language*> enabled;  // in configured order
  std::string center_name;
  ScreenId screen = ScreenId::welcome;
  const Feature* feature = nullptr;  // the feature whose screen is on top, or null (the shell's screens)
  int step = 0, steps = 0;           // "step n of m" of that feature's wizard; 0: none
  std::vector<HomeTile> tiles;       // the features' home tiles, in registry order
  bool can_go_back = false;
  bool idle_warning = false;
  bool confirm_leave = false;  // "discard what you entered?" is asked (Back on home with a draft)
  bool large_text = false;     // the newcomer's display settings (Session)
  bool high_contrast = false;
  bool can_read_aloud = false;  // the session language has a voice: the speaker button shows
  // Which languages read-aloud can speak (the welcome prompt's speaker); null: no read-aloud.
  std::function<bool(std::string_view)> has_voice;
  int idle_seconds_left = 0;
  std::string error_key;                    // localized banner, or empty
  std::string day_period;                   // morning | afternoon | evening | other
  double now = 0;                           // seconds on the UI clock
  double welcome_since = 0;                 // when the welcome screen last came back, on that clock
  std::string_view focus;                   // the form field being typed into, or ""
  const KeyboardModel* keyboard = nullptr;  // the focused field's keyboard, or null
  SyncIndicator sync;                       // the hub connection, for the status line
};

}  // namespace wk::ui
