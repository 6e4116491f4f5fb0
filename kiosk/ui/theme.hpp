// Colours and metrics of the kiosk. Sizes are in em (the body font size in
// pixels, derived from the screen size); colours meet WCAG AA contrast
// (4.5:1) for text; the high-contrast theme is black/white/yellow.
#pragma once

#include <cstdint>

namespace wk::ui {

struct Theme {
  std::uint32_t background, surface, surface_pressed, border, text, text_muted;
  std::uint32_t primary, primary_pressed, on_primary, accent, warning_bg, dim;
  std::uint32_t error;  // a field's error: its border, mark and message (always with the warning icon)

  static Theme standard();
  static Theme high_contrast();
};

// The em size in pixels for a framebuffer of `width` x `height`: 33.75 em
// across the short side, times the configured ui_scale. 1080p gives 32 px,
// so the 1.5 em minimum touch target is 48 px (DESIGN.md §3).
float em_for_screen(int width, int height, float ui_scale);

// How much larger everything is while the newcomer asked for larger text (Session::large_text).
inline constexpr float kLargeTextScale = 1.5f;

// Minimum touch target edge, in em.
inline constexpr float kMinTarget = 1.5f;

// [SECTION] Metrics, in em: every screen and widget sizes its controls from these.

// Height of a standard control: a text field's box, a choice chip, a key, an inline button.
inline constexpr float kControlEm = 2.6f;
// Height of a wizard's footer and its main button.
inline constexpr float kFooterEm = 3.4f;
// Height of the navigation bar at the top of every screen but the welcome screen.
inline constexpr float kNavBarEm = 3.6f;
// Margin between the screen's edges (and the navigation bar) and the content.
inline constexpr float kMarginEm = 1.2f;
// Gap between neighbouring controls (chips, keys).
inline constexpr float kGapEm = 0.5f;

}  // namespace wk::ui
