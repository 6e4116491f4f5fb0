// Theme colours (ImGui's ABGR packing) and the em rule.
#include "kiosk/ui/theme.hpp"

#include <algorithm>

namespace wk::ui {
namespace {
constexpr std::uint32_t rgb(std::uint32_t hex, std::uint32_t alpha = 0xFF) {
  return (alpha << 24) | ((hex & 0xFF) << 16) | (hex & 0xFF00) | ((hex >> 16) & 0xFF);
}
}  // namespace

Theme Theme::standard() {
  return {rgb(0xEEF2F6), rgb(0xFFFFFF), rgb(0xC9D7E6), rgb(0x9AA8B8), rgb(0x15202B), rgb(0x3F4B57),
          rgb(0x0B5394), rgb(0x073763), rgb(0xFFFFFF), rgb(0xB35C00), rgb(0xFFF4D6), rgb(0x000000, 0xA0),
          rgb(0xB42318)};
}

Theme Theme::high_contrast() {
  return {rgb(0x000000), rgb(0x000000), rgb(0x5A5A00), rgb(0xFFFFFF), rgb(0xFFFFFF), rgb(0xFFFFFF),
          rgb(0xFFE600), rgb(0xBFA900), rgb(0x000000), rgb(0xFFE600), rgb(0x000000), rgb(0x000000, 0xD0),
          rgb(0xFFE600)};
}

float em_for_screen(int width, int height, float ui_scale) {
  const float short_side = static_cast<float>(std::min(width, height));
  return std::clamp(short_side / 33.75f, 12.f, 128.f) * ui_scale;
}

}  // namespace wk::ui
