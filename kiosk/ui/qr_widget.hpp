// Draws a QR code (kiosk/core/qr_code) as a square: black modules on white
// with the 4-module quiet zone scanners need, whatever the theme.
#pragma once

#include <string_view>

#include "kiosk/core/qr_code.hpp"
#include "kiosk/ui/frame.hpp"

namespace wk::ui {

// Draws `qr` as large as fits, centred in `r`, with modules snapped to whole
// pixels; registers `id` with `text` (what the code holds) for replay checks.
void qr_code(Frame& f, std::string_view id, const core::QrMatrix& qr, std::string_view text, const Rect& r);

}  // namespace wk::ui
