// Secure zeroing with glibc's explicit_bzero.
#include "kiosk/core/secure_clear.hpp"

#include <string.h>

namespace wk::core {

void secure_zero(void* p, std::size_t size) {
  if (p && size > 0) explicit_bzero(p, size);
}

void secure_clear(std::string& s) {
  secure_zero(s.data(), s.capacity());
  s.clear();
}

}  // namespace wk::core
