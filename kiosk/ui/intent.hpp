// Intents: what a screen asks for. Screens emit them while drawing; the
// controller applies them after the frame. Screens never change state or
// call the store themselves.
//
// The shell's intents (navigation, language, the idle answer) and the form
// intents every feature's forms use are alternatives of `Intent`. A feature's
// own intents are plain structs in its folder that declare
// `static constexpr bool feature_intent = true;`; they convert to Intent as a
// FeatureIntent and reach the features' apply(), where get<T>() reads them
// back. So a new feature adds intents without touching this file.
#pragma once

#include <any>
#include <string>
#include <type_traits>
#include <utility>
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
struct StayActive {};   // the idle warning was answered
struct EndSession {};   // the newcomer is done
struct LeaveAnyway {};  // "discard what you entered?" answered yes: the session ends
struct KeepInput {};    // ... answered no: back to where they were

// Form intents (form/form_controller.hpp), for every feature's forms.
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
struct NextStep {};  // a wizard checks its step and goes on
// A speaker button: read the screen aloud in the session language (Effects::read_aloud), or,
// with `language` set, `text` in that language (the welcome prompt, before there is a session).
struct ReadAloud {
  std::string language, text;
};
struct ToggleSeeing {  // the newcomer turns a display setting on or off (Session)
  enum class What { large_text, high_contrast } what;
};

// A type a feature declares as its own intent.
template <class T>
concept FeatureIntentType = requires {
  requires std::remove_cvref_t<T>::feature_intent;
};

// A feature's own intent, type-erased.
struct FeatureIntent {
  template <FeatureIntentType T>
  FeatureIntent(T&& v) : value(std::forward<T>(v)) {}  // NOLINT: converts implicitly, as the variant does

  // The intent if it is a T, else nullptr.
  template <class T>
  const T* get() const {
    return std::any_cast<T>(&value);
  }

  std::any value;
};

// Calls `f` with the intent held by `fi` if it is one of Ts...; returns what
// `f` returned, or `otherwise` when `fi` holds none of them.
template <class... Ts, class F>
bool visit_feature_intent(const FeatureIntent& fi, F&& f, bool otherwise = false) {
  bool done = false, result = otherwise;
  (void)((!done && fi.get<Ts>() ? (done = true, result = f(*fi.get<Ts>()), true) : false) || ...);
  return result;
}

using Intent =
    std::variant<ChooseLanguage, SwitchLanguage, Open, Back, GoHome, StayActive, EndSession, LeaveAnyway, KeepInput,
                 Choose, Toggle, Focus, PressKey, NextStep, ToggleSeeing, ReadAloud, FeatureIntent>;

// What applying intents did that the shell acts on.
struct Effects {
  bool outbox_changed = false;           // rows wait in the outbox: nudge the sync worker
  bool settings_changed = false;         // staff changed the terminal's settings: apply them now
  int exit_code = -1;                    // >= 0: the kiosk ends with this exit code (staff: exit to maintenance)
  bool read_aloud = false;               // read the screen just drawn aloud ...
  std::string read_language, read_text;  // ... or, when set, this text in this language
};

}  // namespace wk::ui
