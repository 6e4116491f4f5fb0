// The screens of the kiosk and their stable names (used by --screen and replay).
#pragma once

#include <optional>
#include <string_view>

namespace wk::ui {

enum class ScreenId {
  welcome,
  home,
  languages,
  about,
  register_consent,
  register_group,
  register_personal,
  register_country,
  register_work,
  register_family,
  register_member,
  register_review,
  register_receipt
};

std::string_view screen_name(ScreenId id);
std::optional<ScreenId> screen_from_name(std::string_view name);

}  // namespace wk::ui
