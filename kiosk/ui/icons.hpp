// Vector icons drawn with ImGui primitives, sized in pixels, mirrored for RTL
// where they point (back arrow). No icon font needed, crisp at any size.
#pragma once

#include <cstdint>

struct ImDrawList;

namespace wk::ui {

enum class Icon { none, back, home, globe, info, language_tap, backspace, shift, check, warning, book };

void draw_icon(ImDrawList* dl, Icon icon, float cx, float cy, float size, std::uint32_t color, bool rtl);

}  // namespace wk::ui
