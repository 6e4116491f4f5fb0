// The course browser's own intents (see kiosk/ui/intent.hpp for how a feature's intents travel).
#pragma once

#include <string>

#include "kiosk/ui/intent.hpp"

namespace wk::ui {

struct StartCourses {  // the home tile: the list, with the catalog read afresh
  static constexpr bool feature_intent = true;
};
// A filter chip: `filter` is level | group | weeks | place | work | childcare | clear; `value`
// the chip's value ("B1", "job", "8", "Nordheim"; "" for the yes/no filters). Tapping the
// chosen value again clears that filter.
struct SetCourseFilter {
  static constexpr bool feature_intent = true;
  std::string filter, value;
};
struct ShowCourse {  // a row of the list: its detail page
  static constexpr bool feature_intent = true;
  std::string id;
};

}  // namespace wk::ui
