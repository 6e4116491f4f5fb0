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

}  // namespace wk::core
