// Terminal ids: how a terminal names itself to the hub (kiosk.json's terminal_id, the hub's
// `terminal add ID`, every push and registration). One rule for kiosk and hub.
#pragma once

#include <cstddef>
#include <string_view>

namespace wk::core {

inline constexpr std::size_t kMaxTerminalIdChars = 64;

// True if `id` is 1..64 of A-Z a-z 0-9 . _ -
bool is_terminal_id(std::string_view id);

}  // namespace wk::core
