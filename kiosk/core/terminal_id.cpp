// Terminal id syntax.
#include "kiosk/core/terminal_id.hpp"

namespace wk::core {

bool is_terminal_id(std::string_view id) {
  if (id.empty() || id.size() > kMaxTerminalIdChars) return false;
  for (const char c : id) {
    const bool ok =
        (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
    if (!ok) return false;
  }
  return true;
}

}  // namespace wk::core
