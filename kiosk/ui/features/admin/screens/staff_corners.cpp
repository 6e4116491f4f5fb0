// The hidden gesture that opens the staff overlay, drawn over the welcome (or out-of-service)
// screen: nothing visible; a long press in the top-left corner arms it, a tap in the top-right
// corner within a few seconds opens the PIN pad. Physical corners, the same in every script.
#include "kiosk/ui/features/admin/admin_intents.hpp"
#include "kiosk/ui/features/admin/screens/admin_views.hpp"
#include "kiosk/ui/widgets.hpp"

namespace wk::ui {

void draw_staff_corners(Frame& f, const Feature& model) {
  const auto* admin = dynamic_cast<const AdminConsole*>(&model);
  if (!admin) return;
  const float side = 3.f * f.em, in = 0.1f * f.em;  // off the very edge, as every target
  const Rect hold{in, in, side, side}, tap{f.screen.w - side - in, in, side, side};
  button_area(f, "staff.corner.hold", hold);
  if (f.ui.touch.held_seconds("staff.corner.hold") >= kStaffHoldSeconds && !admin->armed(f.vm.now))
    f.emit(ArmStaffCorner{f.vm.now});
  if (button_area(f, "staff.corner.tap", tap) && admin->armed(f.vm.now)) f.emit(OpenStaffPin{f.vm.now});
}

}  // namespace wk::ui
