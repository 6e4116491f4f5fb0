// Token buckets per key (see rate_limit.hpp).
#include "sync/hub/rate_limit.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace wk::hub {

RateLimiter::RateLimiter(int per_minute, int burst) : per_second_(per_minute / 60.0), burst_(burst) {
  if (per_minute < 1 || burst < 1) throw std::invalid_argument("rate limit: per_minute and burst must be >= 1");
}

bool RateLimiter::allow(std::string_view key, Clock::time_point now, int* retry_after) {
  std::lock_guard lock(mutex_);
  const auto refill = [&](Bucket& b) {
    const double seconds = std::chrono::duration<double>(now - b.updated).count();
    if (seconds > 0) b.tokens = std::min(burst_, b.tokens + seconds * per_second_);
    b.updated = std::max(b.updated, now);
  };
  // Forget full buckets now and then (at most once a minute).
  if (now - last_sweep_ > std::chrono::minutes(1)) {
    last_sweep_ = now;
    for (auto it = buckets_.begin(); it != buckets_.end();) {
      refill(it->second);
      it = it->second.tokens >= burst_ ? buckets_.erase(it) : std::next(it);
    }
  }
  auto [it, fresh] = buckets_.try_emplace(std::string(key), Bucket{burst_, now});
  Bucket& b = it->second;
  if (!fresh) refill(b);
  if (b.tokens >= 1.0) {
    b.tokens -= 1.0;
    return true;
  }
  if (retry_after) *retry_after = std::max(1, static_cast<int>(std::ceil((1.0 - b.tokens) / per_second_)));
  return false;
}

}  // namespace wk::hub
