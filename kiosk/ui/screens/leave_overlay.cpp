// "Discard what you entered?": the screen dims and a panel asks before a session with a draft
// ends. Keeping is the primary, first answer, and a press beside the buttons keeps too;
// discarding needs the second button.
#include "kiosk/ui/screens/screens.hpp"
#include "kiosk/ui/widgets.hpp"

namespace wk::ui {

void draw_leave_overlay(Frame& f) {
  const std::string title = f.t("leave.title"), text = f.t("leave.text");
  const std::string keep = f.t("leave.keep"), discard = f.t("leave.discard");
  switch (dialog(f, {"leave.title", title}, {"leave.text", text}, {"leave.keep", keep}, {"leave.discard", discard})) {
    case DialogAnswer::primary:
    case DialogAnswer::elsewhere:
      f.emit(KeepInput{});
      break;
    case DialogAnswer::secondary:
      f.emit(LeaveAnyway{});
      break;
    case DialogAnswer::none:
      break;
  }
}

}  // namespace wk::ui
