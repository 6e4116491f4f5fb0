// The growing wait for a client address that keeps presenting wrong tokens: after
// `free_failures` refusals (401) each further one doubles the wait before that address's next
// request is served — 1 s, 2 s, 4 s ... up to `max_delay`. An address is forgotten
// `forget_after` after its last refusal. The wait is served by the front holding the request,
// never by a worker thread sleeping.
//
// Thread safety: every member may be called from any thread.
#pragma once

#include <chrono>
#include <cstddef>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

namespace wk::hub {

class AuthPenalty {
 public:
  using Clock = std::chrono::steady_clock;

  AuthPenalty(int free_failures, std::chrono::seconds max_delay,
              std::chrono::seconds forget_after = std::chrono::minutes(10), std::size_t max_addresses = 65536);

  void note_failure(std::string_view address, Clock::time_point now);

  // The earliest time a request from `address` may be served (<= now: at once).
  Clock::time_point not_before(std::string_view address, Clock::time_point now);

  // Addresses remembered now.
  std::size_t size() const;

 private:
  struct Entry {
    int failures = 0;
    Clock::time_point last;
  };
  void forget_old(Clock::time_point now);

  int free_failures_;
  std::chrono::seconds max_delay_;
  std::chrono::seconds forget_after_;
  std::size_t max_addresses_;
  mutable std::mutex mutex_;
  std::unordered_map<std::string, Entry> entries_;
};

}  // namespace wk::hub
