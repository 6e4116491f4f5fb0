// Random bytes from the kernel's CSPRNG, for ids and registration codes.
#pragma once

#include <cstddef>

namespace wk::core {

// Fills `out[0..size)` from getrandom(2), retrying on EINTR and short reads.
// Throws std::system_error if the kernel refuses.
void fill_random(unsigned char* out, std::size_t size);

}  // namespace wk::core
