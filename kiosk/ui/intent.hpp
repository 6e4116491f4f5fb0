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

// The registration wizard (registration_flow.hpp).
struct StartRegistration {};  // the home tile: starts or continues the draft
struct AcceptConsent {
  std::string notice;  // the notice text exactly as shown; its hash is the notice version
};
struct DeclineConsent {};
struct Choose {  // a choice, country or language field gets `value`
  std::string field, value;
};
struct Toggle {  // a yes/no field flips
  std::string field;
};
struct Focus {  // a text field takes the keyboard
  std::string field;
};
struct PressKey {  // a key of the on-screen keyboard, by its id ("key.AD01")
  std::string key;
};
struct NextStep {};  // checks the step and goes on
struct EditStep {    // from the review page
  ScreenId screen;
};
struct AddMember {};
struct EditMember {
  int index;
};
struct RemoveMember {
  int index;
};
struct SaveMember {};
struct ConfirmRegistration {};

using Intent = std::variant<ChooseLanguage, SwitchLanguage, Open, Back, GoHome, StayActive, EndSession,
                            StartRegistration, AcceptConsent, DeclineConsent, Choose, Toggle, Focus, PressKey, NextStep,
                            EditStep, AddMember, EditMember, RemoveMember, SaveMember, ConfirmRegistration>;

}  // namespace wk::ui
