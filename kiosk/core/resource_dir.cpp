// The resource directory and the default configuration. This file alone carries the configured paths, so that the
// clone's location reaches no other object file (ccache shares those across clones).
#include "kiosk/core/resource_dir.hpp"

#include <cstdlib>

#ifndef WK_RESOURCE_DIR
#define WK_RESOURCE_DIR "."
#endif
#ifndef WK_CONFIG_FILE
#define WK_CONFIG_FILE WK_RESOURCE_DIR "/config/kiosk.json"
#endif

namespace wk::core {

std::filesystem::path resource_dir(const std::optional<std::filesystem::path>& flag) {
  if (flag) return *flag;
  if (const char* env = std::getenv("WELCOME_KIOSK_RESOURCES"); env && *env) return env;
  return WK_RESOURCE_DIR;
}

std::filesystem::path default_config_file(const std::optional<std::filesystem::path>& resources_flag) {
  if (resources_flag) return *resources_flag / "config" / "kiosk.json";
  if (const char* env = std::getenv("WELCOME_KIOSK_RESOURCES"); env && *env) {
    return std::filesystem::path(env) / "config" / "kiosk.json";
  }
  return WK_CONFIG_FILE;
}

}  // namespace wk::core
