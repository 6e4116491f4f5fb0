// A token bucket per key (a terminal id, later a client address): `burst` requests at once,
// then one more every 60 s / per_minute. Keys idle long enough to have a full bucket are
// forgotten, so the table stays as small as the set of recent callers.
//
// Thread safety: allow() may be called from any thread.
#pragma once

#include <chrono>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

namespace wk::hub {

class RateLimiter {
 public:
  using Clock = std::chrono::steady_clock;

  // per_minute >= 1 and burst >= 1 (else std::invalid_argument).
  RateLimiter(int per_minute, int burst);

  // True if `key` may make a request at `now` (and takes one token); false if it must wait,
  // with `retry_after` (if given) set to the whole seconds until the next token.
  bool allow(std::string_view key, Clock::time_point now, int* retry_after = nullptr);

 private:
  struct Bucket {
    double tokens = 0;
    Clock::time_point updated;
  };
  double per_second_;
  double burst_;
  std::mutex mutex_;
  std::unordered_map<std::string, Bucket> buckets_;
  Clock::time_point last_sweep_{};
};

}  // namespace wk::hub
