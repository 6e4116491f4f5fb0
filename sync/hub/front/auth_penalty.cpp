// AuthPenalty (see auth_penalty.hpp).
#include "sync/hub/front/auth_penalty.hpp"

#include <algorithm>
#include <vector>

namespace wk::hub {

AuthPenalty::AuthPenalty(int free_failures, std::chrono::seconds max_delay, std::chrono::seconds forget_after,
                         std::size_t max_addresses)
    : free_failures_(std::max(0, free_failures)),
      max_delay_(std::max(std::chrono::seconds(0), max_delay)),
      forget_after_(std::max(forget_after, max_delay)),
      max_addresses_(std::max<std::size_t>(1, max_addresses)) {}

void AuthPenalty::forget_old(Clock::time_point now) {
  std::erase_if(entries_, [&](const auto& e) { return now - e.second.last > forget_after_; });
  // Still full (a flood from very many addresses): make room by dropping the quietest half.
  if (entries_.size() >= max_addresses_) {
    std::vector<Clock::time_point> times;
    times.reserve(entries_.size());
    for (const auto& e : entries_) times.push_back(e.second.last);
    auto middle = times.begin() + static_cast<std::ptrdiff_t>(times.size() / 2);
    std::nth_element(times.begin(), middle, times.end());
    const Clock::time_point cut = *middle;
    std::erase_if(entries_, [&](const auto& e) { return e.second.last <= cut; });
  }
}

void AuthPenalty::note_failure(std::string_view address, Clock::time_point now) {
  std::lock_guard lock(mutex_);
  auto it = entries_.find(std::string(address));
  if (it == entries_.end()) {
    if (entries_.size() >= max_addresses_) forget_old(now);
    it = entries_.emplace(std::string(address), Entry{}).first;
  } else if (now - it->second.last > forget_after_) {
    it->second.failures = 0;
  }
  it->second.failures = std::min(it->second.failures + 1, 1 << 20);
  it->second.last = now;
}

AuthPenalty::Clock::time_point AuthPenalty::not_before(std::string_view address, Clock::time_point now) {
  std::lock_guard lock(mutex_);
  const auto it = entries_.find(std::string(address));
  if (it == entries_.end()) return now;
  const Entry& e = it->second;
  if (now - e.last > forget_after_) {
    entries_.erase(it);
    return now;
  }
  const int over = e.failures - free_failures_;
  if (over <= 0 || max_delay_.count() == 0) return now;
  const auto delay =
      over >= 31 ? max_delay_ : std::min<std::chrono::seconds>(max_delay_, std::chrono::seconds(1LL << (over - 1)));
  return e.last + delay;
}

std::size_t AuthPenalty::size() const {
  std::lock_guard lock(mutex_);
  return entries_.size();
}

}  // namespace wk::hub
