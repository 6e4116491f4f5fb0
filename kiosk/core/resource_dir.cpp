// The resource directory. This file alone carries the configured path, so that the
// clone's location reaches no other object file (ccache shares those across clones).
#include "kiosk/core/resource_dir.hpp"

#include <cstdlib>

#ifndef WK_RESOURCE_DIR
#define WK_RESOURCE_DIR "."
#endif

namespace wk::core {

std::filesystem::path resource_dir(const std::optional<std::filesystem::path>& flag) {
  if (flag) return *flag;
  if (const char* env = std::getenv("WELCOME_KIOSK_RESOURCES"); env && *env) return env;
  return WK_RESOURCE_DIR;
}

}  // namespace wk::core
