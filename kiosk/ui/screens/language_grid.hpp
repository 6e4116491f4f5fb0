// The grid of enabled languages, each by its own name and greeting, in a
// drag-scrollable area. Shared by the welcome and the language screens.
#pragma once

#include <string>

#include "kiosk/ui/frame.hpp"

namespace wk::ui {

// Draws the grid into `area`; returns the code of the tapped language or "".
std::string language_grid(Frame& f, const std::string& scroll_id, const Rect& area, const std::string& selected);

}  // namespace wk::ui
