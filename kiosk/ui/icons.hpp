// Vector icons drawn with ImGui primitives, sized in pixels, mirrored for RTL
// where they point (back arrow). No icon font needed, crisp at any size.
#pragma once

#include <cstdint>
#include <string_view>

struct ImDrawList;

namespace wk::ui {

enum class Icon {
  none,
  back,
  home,
  globe,
  info,
  language_tap,
  backspace,
  shift,
  check,
  warning,
  book,
  // People and the directory's topics (assets/directory/terms.json names them).
  person,
  passport,
  briefcase,
  certificate,
  family,
  house,
  health,
  speech,
  coin,
  // The newcomer's display settings (the seeing screen).
  eye,
  contrast,
  text_size,
  speaker,  // read aloud
};

// The icon called `name` ("briefcase"), or Icon::none.
Icon icon_named(std::string_view name);

void draw_icon(ImDrawList* dl, Icon icon, float cx, float cy, float size, std::uint32_t color, bool rtl);

}  // namespace wk::ui
