// The contacts finder's screens and their stable names.
#pragma once

#include "kiosk/ui/screen_id.hpp"

namespace wk::ui {

struct ContactsScreen {
  static constexpr ScreenId find{"contacts"};              // topic tiles, search, postal code, results
  static constexpr ScreenId detail{"contact-detail"};      // one organisation or person, with a vCard QR
  static constexpr ScreenId callback{"contact-callback"};  // ask them for a call back
};

}  // namespace wk::ui
