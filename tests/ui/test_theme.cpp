// Tests for kiosk/ui/theme: every pair of colours text is drawn in meets its
// contrast ratio (WCAG 2.x relative luminance): 7:1 in the high-contrast theme
// (WCAG AAA, issue 26), 4.5:1 in the standard one (AA).
#include "kiosk/ui/theme.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

using wk::ui::Theme;

namespace {

// Relative luminance of an ImGui ABGR colour (its alpha ignored).
double luminance(std::uint32_t abgr) {
  auto channel = [](std::uint32_t v) {
    const double c = static_cast<double>(v & 0xFF) / 255.0;
    return c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
  };
  return 0.2126 * channel(abgr) + 0.7152 * channel(abgr >> 8) + 0.0722 * channel(abgr >> 16);
}

double contrast(std::uint32_t a, std::uint32_t b) {
  const double la = luminance(a), lb = luminance(b);
  return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

struct Pair {
  const char* what;
  std::uint32_t text, ground;
};

// Every (text, background) combination the widgets and screens draw text in.
std::vector<Pair> text_pairs(const Theme& t) {
  return {
      {"text on the background", t.text, t.background},
      {"text on a surface (tiles, fields, secondary buttons, the nav bar)", t.text, t.surface},
      {"text on a pressed surface", t.text, t.surface_pressed},
      {"muted text on the background", t.text_muted, t.background},
      {"muted text on a surface", t.text_muted, t.surface},
      {"primary-coloured text (the welcome prompt) on the background", t.primary, t.background},
      {"text on a primary button", t.on_primary, t.primary},
      {"text on a pressed primary button", t.on_primary, t.primary_pressed},
      {"an error message on the background", t.error, t.background},
      {"an error message on a surface", t.error, t.surface},
      {"text on a warning banner", t.text, t.warning_bg},
  };
}

}  // namespace

TEST_CASE("The high-contrast theme gives all text at least 7:1", "[theme]") {
  for (const Pair& p : text_pairs(Theme::high_contrast())) {
    INFO(p.what << ": " << contrast(p.text, p.ground) << ":1");
    CHECK(contrast(p.text, p.ground) >= 7.0);
  }
}

TEST_CASE("The standard theme gives all text at least 4.5:1", "[theme]") {
  for (const Pair& p : text_pairs(Theme::standard())) {
    INFO(p.what << ": " << contrast(p.text, p.ground) << ":1");
    CHECK(contrast(p.text, p.ground) >= 4.5);
  }
}

TEST_CASE("The contrast formula gives the known extremes", "[theme]") {
  CHECK(contrast(0xFF000000u, 0xFFFFFFFFu) == Approx(21.0));
  CHECK(contrast(0xFF777777u, 0xFF777777u) == Approx(1.0));
  // #767676 on white is the well-known 4.54:1.
  CHECK(contrast(0xFF767676u, 0xFFFFFFFFu) == Approx(4.54).margin(0.01));
}
