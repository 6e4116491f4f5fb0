// The contacts finder as a module of the registry: its model (contacts_finder.hpp) and its
// screens (screens/).
#pragma once

#include "kiosk/ui/features/registry.hpp"

namespace wk::ui {

const FeatureModule& contacts_module();

}  // namespace wk::ui
