// The staff overlay's screens (one file each) and what they share.
#pragma once

#include <string>
#include <string_view>

#include "kiosk/ui/features/admin/admin_console.hpp"
#include "kiosk/ui/frame.hpp"

namespace wk::ui {

void draw_admin_pin(Frame& f);
void draw_admin_status(Frame& f);
void draw_admin_dead_letters(Frame& f);
void draw_admin_lookup(Frame& f);
void draw_admin_settings(Frame& f);
void draw_out_of_service(Frame& f);
// The hidden gesture's two corners (FeatureModule::corners).
void draw_staff_corners(Frame& f, const Feature& model);

// The overlay's model behind the screen on top, or nullptr.
const AdminConsole* admin_console(const Frame& f);
// A stored time stamp (ISO 8601 UTC) as staff read it, in the terminal's time zone; "never" for
// none.
std::string staff_time(const Frame& f, const std::string& iso);
// The overlay's bar: `title` at the start edge, "Back" (if `back`) and "Sign out" at the end
// edge. Returns the content area below it.
Rect staff_bar(Frame& f, std::string_view title, bool back);

}  // namespace wk::ui
