// The course browser's screens and their stable names.
#pragma once

#include "kiosk/ui/screen_id.hpp"

namespace wk::ui {

struct CoursesScreen {
  static constexpr ScreenId list{"courses"};
  static constexpr ScreenId detail{"course-detail"};
  static constexpr ScreenId who{"course-who"};          // the code, then who takes part
  static constexpr ScreenId booking{"course-booking"};  // the basket
  static constexpr ScreenId receipt{"course-receipt"};
  static constexpr ScreenId mine{"course-mine"};  // my bookings: the code, then the bookings
};

}  // namespace wk::ui
