// A screen of the kiosk, named by its stable name (used by --screen, replay
// scripts and the element registry). The shell's own screens are members
// here; each feature declares its screens in its folder
// (kiosk/ui/features/<name>/) and lists them in its module, so adding a
// screen never touches this file. Names are unique across the registry
// (checked by the registry's test).
#pragma once

#include <string_view>

namespace wk::ui {

struct ScreenId {
  std::string_view name;

  friend constexpr bool operator==(ScreenId a, ScreenId b) { return a.name == b.name; }

  // The shell's screens.
  static const ScreenId welcome, home, languages, about, seeing;
};

inline constexpr ScreenId ScreenId::welcome{"welcome"};
inline constexpr ScreenId ScreenId::home{"home"};
inline constexpr ScreenId ScreenId::languages{"languages"};
inline constexpr ScreenId ScreenId::about{"about"};
inline constexpr ScreenId ScreenId::seeing{"seeing"};

// The stable name of `id`.
constexpr std::string_view screen_name(ScreenId id) {
  return id.name;
}

}  // namespace wk::ui
