// Where welcome-kiosk and welcome-sync find locales/, config/ and assets/. One rule for
// both programs.
#pragma once

#include <filesystem>
#include <optional>

namespace wk::core {

// `flag` (--resources) if given; else $WELCOME_KIOSK_RESOURCES if set and not empty; else
// the directory fixed at configure time (CMake's WK_RESOURCE_DIR: the source tree, or the
// packaged share directory).
std::filesystem::path resource_dir(const std::optional<std::filesystem::path>& flag);

// The configuration read without --config: config/kiosk.json under `resources_flag` or
// $WELCOME_KIOSK_RESOURCES when either is given; else the file fixed at configure time (CMake's
// WK_CONFIG_FILE: the source tree's config/kiosk.json, or /etc/welcome-kiosk/kiosk.json when
// packaged). An installed program never reads a configuration from the source tree.
std::filesystem::path default_config_file(const std::optional<std::filesystem::path>& resources_flag);

}  // namespace wk::core
