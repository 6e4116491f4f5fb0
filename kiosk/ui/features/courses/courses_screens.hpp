// The course browser's screens and their stable names.
#pragma once

#include "kiosk/ui/screen_id.hpp"

namespace wk::ui {

struct CoursesScreen {
  static constexpr ScreenId list{"courses"};
  static constexpr ScreenId detail{"course-detail"};
};

}  // namespace wk::ui
