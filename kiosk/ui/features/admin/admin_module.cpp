// The staff overlay's module: builds the console and lists its screens and its hidden corners.
#include "kiosk/ui/features/admin/admin_module.hpp"

#include "kiosk/ui/features/admin/admin_console.hpp"
#include "kiosk/ui/features/admin/admin_screens.hpp"
#include "kiosk/ui/features/admin/screens/admin_views.hpp"

namespace wk::ui {
namespace {

constexpr ScreenView kViews[] = {
    {AdminScreen::pin, draw_admin_pin},
    {AdminScreen::status, draw_admin_status},
    {AdminScreen::dead_letters, draw_admin_dead_letters},
    {AdminScreen::lookup, draw_admin_lookup},
    {AdminScreen::settings, draw_admin_settings},
    {AdminScreen::out_of_service, draw_out_of_service},
};

std::unique_ptr<Feature> make(const FeatureDeps& d) {
  auto clock = d.clock ? d.clock : [] { return std::chrono::system_clock::now(); };
  return std::make_unique<AdminConsole>(d.store, d.session, d.config, d.languages.codes(), d.sync, std::move(clock));
}

}  // namespace

const FeatureModule& admin_module() {
  static const FeatureModule kModule{"admin", make, kViews, draw_staff_corners};
  return kModule;
}

}  // namespace wk::ui
