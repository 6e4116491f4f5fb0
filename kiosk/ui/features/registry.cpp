// The registry: one line per feature module.
#include "kiosk/ui/features/registry.hpp"

#include "kiosk/ui/features/admin/admin_module.hpp"
#include "kiosk/ui/features/contacts/contacts_module.hpp"
#include "kiosk/ui/features/courses/courses_module.hpp"
#include "kiosk/ui/features/registration/registration_module.hpp"
#include "kiosk/ui/screens/screens.hpp"

namespace wk::ui {

std::span<const FeatureModule* const> feature_modules() {
  static const FeatureModule* const kModules[] = {
      &registration_module(),
      &courses_module(),
      &contacts_module(),
      &admin_module(),
  };
  return kModules;
}

std::span<const ScreenView> shell_screens() {
  static constexpr ScreenView kShell[] = {
      {ScreenId::welcome, draw_welcome}, {ScreenId::home, draw_home},     {ScreenId::languages, draw_languages},
      {ScreenId::about, draw_about},     {ScreenId::seeing, draw_seeing},
  };
  return kShell;
}

const ScreenView* find_screen_view(ScreenId id) {
  for (const auto& v : shell_screens())
    if (v.id == id) return &v;
  for (const FeatureModule* m : feature_modules())
    for (const auto& v : m->views)
      if (v.id == id) return &v;
  return nullptr;
}

std::optional<ScreenId> screen_from_name(std::string_view name) {
  if (name.empty()) return std::nullopt;
  if (const ScreenView* v = find_screen_view(ScreenId{name})) return v->id;
  return std::nullopt;
}

}  // namespace wk::ui
