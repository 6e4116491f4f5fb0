// The registration module: builds the flow and lists its screens.
#include "kiosk/ui/features/registration/registration_module.hpp"

#include "kiosk/ui/features/registration/registration_flow.hpp"
#include "kiosk/ui/features/registration/screens/wizard.hpp"

namespace wk::ui {
namespace {

constexpr ScreenView kViews[] = {
    {RegistrationScreen::consent, draw_register_consent},   {RegistrationScreen::group, draw_register_group},
    {RegistrationScreen::personal, draw_register_personal}, {RegistrationScreen::country, draw_register_country},
    {RegistrationScreen::work, draw_register_work},         {RegistrationScreen::family, draw_register_family},
    {RegistrationScreen::member, draw_register_member},     {RegistrationScreen::review, draw_register_review},
    {RegistrationScreen::receipt, draw_register_receipt},
};

std::unique_ptr<Feature> make(const FeatureDeps& d) {
  auto flow = std::make_unique<RegistrationFlow>(d.store, d.session, d.form);
  flow->configure(&d.languages, d.config.terminal_id, d.config.languages);
  return flow;
}

}  // namespace

const FeatureModule& registration_module() {
  static const FeatureModule kModule{"registration", make, kViews};
  return kModule;
}

const RegistrationDraft* registration_draft(const Frame& f) {
  const auto* flow = dynamic_cast<const RegistrationFlow*>(f.vm.feature);
  return flow ? &flow->draft() : nullptr;
}

}  // namespace wk::ui
