// The contacts module: builds the finder and lists its screens.
#include "kiosk/ui/features/contacts/contacts_module.hpp"

#include "kiosk/ui/features/contacts/contacts_finder.hpp"
#include "kiosk/ui/features/contacts/screens/contact_text.hpp"

namespace wk::ui {
namespace {

constexpr ScreenView kViews[] = {
    {ContactsScreen::find, draw_contacts_find},
    {ContactsScreen::detail, draw_contact_detail},
    {ContactsScreen::callback, draw_contact_callback},
};

std::unique_ptr<Feature> make(const FeatureDeps& d) {
  return std::make_unique<ContactsFinder>(d.store, d.session, d.form,
                                          d.resources / "assets" / "directory" / "terms.json", d.local_now,
                                          d.config.terminal_id);
}

}  // namespace

const FeatureModule& contacts_module() {
  static const FeatureModule kModule{"contacts", make, kViews};
  return kModule;
}

}  // namespace wk::ui
