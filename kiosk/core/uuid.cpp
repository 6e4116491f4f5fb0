// UUIDv7 generation and parsing (see uuid.hpp). Monotonicity follows RFC 9562 §6.2
// method 1: a 12-bit counter in rand_a, seeded randomly (top bit clear) each new millisecond.
#include "kiosk/core/uuid.hpp"
#include "kiosk/core/random.hpp"

#include <cerrno>
#include <chrono>
#include <mutex>
#include <stdexcept>
#include <system_error>

namespace wk::core {
namespace {

constexpr std::int64_t kTimestampMask = (std::int64_t{1} << 48) - 1;
constexpr char kHex[] = "0123456789abcdef";

std::int64_t now_unix_ms() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

std::string format_uuid(const std::array<unsigned char, 16>& bytes) {
  std::string out;
  out.reserve(36);
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) out.push_back('-');
    out.push_back(kHex[bytes[i] >> 4]);
    out.push_back(kHex[bytes[i] & 0x0f]);
  }
  return out;
}

}  // namespace

namespace detail {

std::string next_uuid_v7(UuidV7State& state, std::int64_t now_ms, const std::array<unsigned char, 10>& random) {
  now_ms &= kTimestampMask;
  const auto seed = static_cast<std::uint16_t>(((random[0] << 8) | random[1]) & 0x07ff);
  if (now_ms > state.last_ms) {
    state.last_ms = now_ms;
    state.counter = seed;
  } else if (state.counter < 0x0fff) {
    ++state.counter;
  } else {
    // Counter exhausted within this millisecond: borrow the next one.
    state.last_ms = (state.last_ms + 1) & kTimestampMask;
    state.counter = seed;
  }

  const auto ts = static_cast<std::uint64_t>(state.last_ms);
  std::array<unsigned char, 16> b{};
  for (int i = 0; i < 6; ++i) b[static_cast<std::size_t>(i)] = static_cast<unsigned char>(ts >> (40 - 8 * i));
  b[6] = static_cast<unsigned char>(0x70 | ((state.counter >> 8) & 0x0f));
  b[7] = static_cast<unsigned char>(state.counter & 0xff);
  b[8] = static_cast<unsigned char>(0x80 | (random[2] & 0x3f));
  for (std::size_t i = 9; i < 16; ++i) b[i] = random[i - 6];
  return format_uuid(b);
}

}  // namespace detail

std::string uuid_v7() {
  static std::mutex mutex;
  static detail::UuidV7State state;
  std::array<unsigned char, 10> random{};
  fill_random(random.data(), random.size());
  std::lock_guard lock(mutex);
  return detail::next_uuid_v7(state, now_unix_ms(), random);
}

bool is_uuid_v7(std::string_view text) {
  if (text.size() != 36) return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (i == 8 || i == 13 || i == 18 || i == 23) {
      if (text[i] != '-') return false;
    } else if (hex_value(text[i]) < 0) {
      return false;
    }
  }
  if (text[14] != '7') return false;
  const int variant = hex_value(text[19]);
  return (variant & 0xc) == 0x8;
}

std::int64_t uuid_v7_millis(std::string_view text) {
  if (!is_uuid_v7(text)) {
    throw std::invalid_argument("not a canonical lowercase UUIDv7");
  }
  std::int64_t ms = 0;
  for (std::size_t i = 0; i < 13; ++i) {
    if (i == 8) continue;
    ms = (ms << 4) | hex_value(text[i]);
  }
  return ms;
}

}  // namespace wk::core
