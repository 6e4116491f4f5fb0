// SHA-256 digests (OpenSSL libcrypto), e.g. the version of a privacy notice a
// newcomer agreed to: the hash of the exact text shown.
#pragma once

#include <string>
#include <string_view>

namespace wk::core {

// The SHA-256 of `data` as 64 lower-case hex digits. Throws std::runtime_error
// if libcrypto fails (it does not for in-memory input short of memory exhaustion).
std::string sha256_hex(std::string_view data);

}  // namespace wk::core
