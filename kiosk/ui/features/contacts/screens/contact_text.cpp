// The finder's words (see contact_text.hpp).
#include "kiosk/ui/features/contacts/screens/contact_text.hpp"

#include "kiosk/text/isolate.hpp"
#include "kiosk/ui/ui_context.hpp"

namespace wk::ui {

const ContactsFinder* contacts_finder(const Frame& f) {
  return dynamic_cast<const ContactsFinder*>(f.vm.feature);
}

std::string contact_text(const Frame& f, const core::LanguageMap& map) {
  const std::vector<std::string> chain =
      f.ui.languages ? f.ui.languages->chain(f.lang().code) : std::vector<std::string>{f.lang().code};
  const std::string s = core::localized(map, chain);
  return s.empty() ? s : text::isolate(s);
}

std::string desk_text(const Frame& f) {
  const ContactsFinder* c = contacts_finder(f);
  const core::Organisation* desk = c ? c->desk() : nullptr;
  if (desk) return f.t("finder.desk", {{"name", contact_text(f, desk->name)}});
  return f.t("finder.desk_here");
}

}  // namespace wk::ui
