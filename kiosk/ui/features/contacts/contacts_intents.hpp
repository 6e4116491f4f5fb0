// The contacts finder's own intents (see kiosk/ui/intent.hpp for how a feature's intents
// travel). Typing goes through the shared Focus and PressKey on the fields "finder.search",
// "finder.postal_code" and the call-back form's "callback.name", "callback.phone", "callback.email".
#pragma once

#include <string>

#include "kiosk/ui/intent.hpp"

namespace wk::ui {

struct StartFinder {  // the home tile: the finder, with the directory read afresh
  static constexpr bool feature_intent = true;
};
struct ChooseTopic {  // a topic tile; the chosen one again clears it
  static constexpr bool feature_intent = true;
  std::string topic;
};
struct ChooseMunicipality {  // the town the newcomer lives in, instead of a postal code; again: none
  static constexpr bool feature_intent = true;
  std::string municipality;
};
struct ToggleMyLanguage {  // "speaks my language"
  static constexpr bool feature_intent = true;
};
struct ClearFinder {  // back to the topic tiles: topic and search text go
  static constexpr bool feature_intent = true;
};
struct ShowContact {  // a result: its detail page; `person` false for an organisation
  static constexpr bool feature_intent = true;
  bool person = false;
  std::string id;
};

struct AskCallback {  // the detail page's "Ask for a call back": its form
  static constexpr bool feature_intent = true;
};
struct ChooseCallbackTopic {  // what the call back is about
  static constexpr bool feature_intent = true;
  std::string topic;
};
struct SendCallback {  // stores the request (one outbox change) or marks what is missing
  static constexpr bool feature_intent = true;
};

}  // namespace wk::ui
