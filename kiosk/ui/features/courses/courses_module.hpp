// The course browser as a module of the registry: its model (courses_browser.hpp) and its
// screens (screens/).
#pragma once

#include "kiosk/ui/features/registry.hpp"

namespace wk::ui {

const FeatureModule& courses_module();

}  // namespace wk::ui
