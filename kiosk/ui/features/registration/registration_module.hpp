// The registration feature as a module of the registry: the wizard's model
// (registration_flow.hpp) and its screens (screens/).
#pragma once

#include "kiosk/ui/features/registry.hpp"

namespace wk::ui {

const FeatureModule& registration_module();

}  // namespace wk::ui
