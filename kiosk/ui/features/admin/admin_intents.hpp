// The staff overlay's intents (see kiosk/ui/intent.hpp for how a feature's intents travel). The
// overlay ends with the shell's EndSession (a wipe that signs staff out).
#pragma once

#include <string>

#include "kiosk/ui/intent.hpp"

namespace wk::ui {

// The hidden gesture: a long press in the top-left corner arms it, a tap in the top-right
// corner within kStaffArmSeconds opens the PIN pad. `at`: the UI clock (ViewModel::now).
struct ArmStaffCorner {
  static constexpr bool feature_intent = true;
  double at = 0;
};
struct OpenStaffPin {
  static constexpr bool feature_intent = true;
  double at = 0;
};

// The PIN pad.
struct PinDigit {
  static constexpr bool feature_intent = true;
  char digit = '0';
};
struct PinErase {
  static constexpr bool feature_intent = true;
};
struct PinEnter {
  static constexpr bool feature_intent = true;
};

// Signed in.
struct StaffSyncNow {
  static constexpr bool feature_intent = true;
};
struct ShowDeadLetters {
  static constexpr bool feature_intent = true;
};
struct RetryDeadLetter {
  static constexpr bool feature_intent = true;
  std::string change_id;
};
struct AskDiscardDeadLetter {  // asks "discard for good?" first
  static constexpr bool feature_intent = true;
  std::string change_id;
};
struct ConfirmDiscardDeadLetter {
  static constexpr bool feature_intent = true;
  bool yes = false;
};
struct ShowLookup {  // a registration by its code
  static constexpr bool feature_intent = true;
};
struct LookupKey {  // a key of the code pad
  static constexpr bool feature_intent = true;
  bool erase = false;
  char symbol = 0;
};
struct LookupAgain {  // "another code"
  static constexpr bool feature_intent = true;
};
// Settings: each change is checked, stored and in effect at once (or refused with the reason).
struct ShowSettings {
  static constexpr bool feature_intent = true;
};
struct ToggleLanguage {  // enabled <-> not (a newly enabled one goes last)
  static constexpr bool feature_intent = true;
  std::string code;
};
struct MoveLanguageUp {  // one place earlier in the order
  static constexpr bool feature_intent = true;
  std::string code;
};
struct SetDefaultLanguage {
  static constexpr bool feature_intent = true;
  std::string code;
};
struct StepIdle {  // idle_timeout_s or idle_warning_s by `delta` seconds
  static constexpr bool feature_intent = true;
  bool warning = false;
  int delta = 0;
};
struct SetTextSize {
  static constexpr bool feature_intent = true;
  double scale = 1.0;
};
struct SetHighContrast {
  static constexpr bool feature_intent = true;
  bool on = false;
};
struct SetOutOfService {
  static constexpr bool feature_intent = true;
  bool out = false;
};
struct AskExitToMaintenance {  // asks "end the kiosk?" first
  static constexpr bool feature_intent = true;
};
struct ConfirmExitToMaintenance {
  static constexpr bool feature_intent = true;
  bool yes = false;
};

}  // namespace wk::ui
