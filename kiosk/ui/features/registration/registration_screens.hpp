// The registration wizard's screens and their stable names.
#pragma once

#include "kiosk/ui/screen_id.hpp"

namespace wk::ui {

struct RegistrationScreen {
  static constexpr ScreenId consent{"register-consent"};
  static constexpr ScreenId group{"register-group"};
  static constexpr ScreenId personal{"register-personal"};
  static constexpr ScreenId country{"register-country"};
  static constexpr ScreenId work{"register-work"};
  static constexpr ScreenId family{"register-family"};
  static constexpr ScreenId member{"register-member"};
  static constexpr ScreenId review{"register-review"};
  static constexpr ScreenId receipt{"register-receipt"};
};

}  // namespace wk::ui
