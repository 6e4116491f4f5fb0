// The screens of the kiosk and their stable names (used by --screen and replay).
#pragma once

#include <optional>
#include <string_view>

namespace wk::ui {

enum class ScreenId { welcome, home, languages, about };

std::string_view screen_name(ScreenId id);
std::optional<ScreenId> screen_from_name(std::string_view name);

}  // namespace wk::ui
