// UUIDv7 identifiers (RFC 9562) for every record and every change created on the terminal.
//
// A UUIDv7 starts with the Unix time in milliseconds, so ids sort by creation time, index
// well as SQLite TEXT keys, and never need a round trip to the hub to be unique. The kiosk
// always stores the canonical lowercase 36-character form, e.g.
// "019a8f3e-5c1b-7d2a-8e4f-0123456789ab".
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace wk::core {

// A new UUIDv7: 48-bit Unix ms timestamp, version 7, 12-bit counter (rand_a), variant 0b10,
// 62 random bits from getrandom(2). Strictly increasing (as a string and as a number) across
// all calls in this process, from any thread, even if the system clock stalls or steps back.
// Throws std::system_error if the kernel's random source fails.
std::string uuid_v7();

// True if `text` is a canonical lowercase UUID (8-4-4-4-12 hex digits) with version 7 and
// variant 0b10. Uppercase is rejected: the kiosk compares ids as TEXT.
bool is_uuid_v7(std::string_view text);

// The Unix time in milliseconds embedded in a UUIDv7.
// Throws std::invalid_argument if !is_uuid_v7(text).
std::int64_t uuid_v7_millis(std::string_view text);

namespace detail {

// The generator's memory between calls: the timestamp and counter of the last id.
struct UuidV7State {
  std::int64_t last_ms = -1;
  std::uint16_t counter = 0;  // 12 bits used
};

// The pure core of uuid_v7(), exposed for tests that need to control the clock.
// `now_ms` is the clock reading; `random` supplies the counter seed (bytes 0..1, used when
// the clock advanced) and rand_b (bytes 2..9). If now_ms <= state.last_ms the previous
// timestamp is reused and the counter incremented; a counter overflow carries into the
// timestamp. The result is strictly greater than the previous result for the same state.
std::string next_uuid_v7(UuidV7State& state, std::int64_t now_ms, const std::array<unsigned char, 10>& random);

}  // namespace detail
}  // namespace wk::core
