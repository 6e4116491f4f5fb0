// The configured paths (see paths.hpp); CMake defines the four macros for this file only.
#include "tests/support/paths.hpp"

namespace wk::test {

std::filesystem::path source_dir() {
  return WK_SOURCE_DIR;
}
std::filesystem::path hub_program() {
  return WK_HUB_PROGRAM;
}
std::filesystem::path kiosk_program() {
  return WK_KIOSK_PROGRAM;
}
std::filesystem::path sync_program() {
  return WK_SYNC_PROGRAM;
}

}  // namespace wk::test
