// Intents: what a screen asks for. Screens emit them while drawing; the
// controller applies them after the frame. Screens never change state or
// call the store themselves.
#pragma once

#include <string>
#include <variant>

#include "kiosk/ui/screen_id.hpp"

namespace wk::ui {

struct ChooseLanguage {
  std::string code;
};  // on the welcome screen: starts a session
struct SwitchLanguage {
  std::string code;
};  // during a session
struct Open {
  ScreenId screen;
};
struct Back {};
struct GoHome {};
struct StayActive {};  // the idle warning was answered
struct EndSession {};  // the newcomer is done

using Intent = std::variant<ChooseLanguage, SwitchLanguage, Open, Back, GoHome, StayActive, EndSession>;

}  // namespace wk::ui
