// The staff overlay's screens and their stable names.
#pragma once

#include "kiosk/ui/screen_id.hpp"

namespace wk::ui {

struct AdminScreen {
  static constexpr ScreenId pin{"admin-pin"};                    // the PIN pad
  static constexpr ScreenId status{"admin-status"};              // the terminal's state and the actions
  static constexpr ScreenId dead_letters{"admin-dead-letters"};  // changes the hub refused
  static constexpr ScreenId lookup{"admin-lookup"};              // a registration by its code, read only
  static constexpr ScreenId settings{"admin-settings"};          // languages, timeouts, text size, contrast
  static constexpr ScreenId out_of_service{"out-of-service"};    // shown instead of the welcome screen
};

}  // namespace wk::ui
