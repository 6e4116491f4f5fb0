// Screen names.
#include "kiosk/ui/screen_id.hpp"

#include <array>
#include <utility>

namespace wk::ui {
namespace {
constexpr std::array<std::pair<ScreenId, std::string_view>, 13> kNames{{
    {ScreenId::welcome, "welcome"},
    {ScreenId::home, "home"},
    {ScreenId::languages, "languages"},
    {ScreenId::about, "about"},
    {ScreenId::register_consent, "register-consent"},
    {ScreenId::register_group, "register-group"},
    {ScreenId::register_personal, "register-personal"},
    {ScreenId::register_country, "register-country"},
    {ScreenId::register_work, "register-work"},
    {ScreenId::register_family, "register-family"},
    {ScreenId::register_member, "register-member"},
    {ScreenId::register_review, "register-review"},
    {ScreenId::register_receipt, "register-receipt"},
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
