// The courses module: builds the browser and lists its screens.
#include "kiosk/ui/features/courses/courses_module.hpp"

#include "kiosk/ui/features/courses/courses_browser.hpp"
#include "kiosk/ui/features/courses/screens/courses_views.hpp"

namespace wk::ui {
namespace {

constexpr ScreenView kViews[] = {
    {CoursesScreen::list, draw_courses},           {CoursesScreen::detail, draw_course_detail},
    {CoursesScreen::who, draw_course_who},         {CoursesScreen::booking, draw_course_booking},
    {CoursesScreen::receipt, draw_course_receipt}, {CoursesScreen::mine, draw_course_mine},
};

std::unique_ptr<Feature> make(const FeatureDeps& d) {
  return std::make_unique<CoursesBrowser>(d.store, d.session, d.today, d.config.terminal_id, d.desk);
}

}  // namespace

const FeatureModule& courses_module() {
  static const FeatureModule kModule{"courses", make, kViews};
  return kModule;
}

}  // namespace wk::ui
