// The registration wizard's own intents (see kiosk/ui/intent.hpp for how a
// feature's intents travel). The form intents (Choose, Toggle, Focus,
// PressKey, NextStep) are shared with every feature.
#pragma once

#include <string>

#include "kiosk/ui/intent.hpp"

namespace wk::ui {

struct StartRegistration {  // the home tile: starts or continues the draft
  static constexpr bool feature_intent = true;
};
struct AcceptConsent {
  static constexpr bool feature_intent = true;
  std::string notice;  // the notice text exactly as shown; its hash is the notice version
};
struct DeclineConsent {
  static constexpr bool feature_intent = true;
};
struct EditStep {  // from the review page
  static constexpr bool feature_intent = true;
  ScreenId screen;
};
struct AddMember {
  static constexpr bool feature_intent = true;
};
struct EditMember {
  static constexpr bool feature_intent = true;
  int index;
};
struct RemoveMember {
  static constexpr bool feature_intent = true;
  int index;
};
struct SaveMember {
  static constexpr bool feature_intent = true;
};
struct ConfirmRegistration {
  static constexpr bool feature_intent = true;
};

}  // namespace wk::ui
