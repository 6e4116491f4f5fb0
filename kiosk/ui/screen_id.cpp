// Screen names.
#include "kiosk/ui/screen_id.hpp"

#include <array>
#include <utility>

namespace wk::ui {
namespace {
constexpr std::array<std::pair<ScreenId, std::string_view>, 4> kNames{{
    {ScreenId::welcome, "welcome"},
    {ScreenId::home, "home"},
    {ScreenId::languages, "languages"},
    {ScreenId::about, "about"},
}};
}

std::string_view screen_name(ScreenId id) {
  for (auto [s, n] : kNames)
    if (s == id) return n;
  return "?";
}

std::optional<ScreenId> screen_from_name(std::string_view name) {
  for (auto [s, n] : kNames)
    if (n == name) return s;
  return std::nullopt;
}

}  // namespace wk::ui
