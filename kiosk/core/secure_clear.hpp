// Zeroing of memory that held personal data or secrets, in a way the
// optimizer cannot elide. The one implementation kiosk and hub share.
#pragma once

#include <cstddef>
#include <string>

namespace wk::core {

// Overwrites `size` bytes at `p` with zeros.
void secure_zero(void* p, std::size_t size);

// Overwrites every character of `s` (its whole capacity) with zeros and
// empties it.
void secure_clear(std::string& s);

}  // namespace wk::core
