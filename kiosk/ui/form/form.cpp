// Form values.
#include "kiosk/ui/form/form.hpp"

#include "kiosk/core/secure_clear.hpp"

namespace wk::ui {

const std::string& FormValues::value(std::string_view id) const {
  static const std::string kEmpty;
  const auto it = values.find(id);
  return it == values.end() ? kEmpty : it->second;
}

const std::string& FormValues::error(std::string_view id) const {
  static const std::string kEmpty;
  const auto it = errors.find(id);
  return it == errors.end() ? kEmpty : it->second;
}

void FormValues::wipe() {
  for (auto* m : {&values, &errors}) {
    for (auto& [k, v] : *m) core::secure_clear(v);
    m->clear();
  }
  error_room.clear();
}

}  // namespace wk::ui
