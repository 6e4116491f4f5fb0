// The course browser's screens, one file each.
#pragma once

#include "kiosk/ui/frame.hpp"

namespace wk::ui {

void draw_courses(Frame& f);
void draw_course_detail(Frame& f);
void draw_course_who(Frame& f);
void draw_course_booking(Frame& f);
void draw_course_receipt(Frame& f);
void draw_course_mine(Frame& f);

}  // namespace wk::ui
