// getrandom(2) wrapper.
#include "kiosk/core/random.hpp"

#include <sys/random.h>

#include <cerrno>
#include <system_error>

namespace wk::core {

void fill_random(unsigned char* out, std::size_t size) {
  std::size_t done = 0;
  while (done < size) {
    const ssize_t n = ::getrandom(out + done, size - done, 0);
    if (n < 0) {
      if (errno == EINTR) continue;
      throw std::system_error(errno, std::generic_category(), "getrandom");
    }
    done += static_cast<std::size_t>(n);
  }
}

}  // namespace wk::core
