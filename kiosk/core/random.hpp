// Random bytes from the kernel's CSPRNG, for ids and registration codes.
#pragma once

#include <cstddef>
#include <string>

namespace wk::core {

// Fills `out[0..size)` from getrandom(2), retrying on EINTR and short reads.
// Throws std::system_error if the kernel refuses.
void fill_random(unsigned char* out, std::size_t size);

// `bytes` random bytes as lower-case hex (2 * bytes digits): session and CSRF tokens.
std::string random_hex(std::size_t bytes);

}  // namespace wk::core
