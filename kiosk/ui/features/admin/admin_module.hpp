// The staff overlay's feature module (kiosk/ui/features/registry.hpp).
#pragma once

#include "kiosk/ui/features/registry.hpp"

namespace wk::ui {

const FeatureModule& admin_module();

}  // namespace wk::ui
