// How far a sync run has come, for staff's progress bar ("Sync now" on the admin overlay):
// written by the thread running the sync, read by the UI thread at any time (atomics only).
// The bar moves with the real transfer: the changes pushed so far and the bytes of the request
// under way, then the catalog pages pulled and the bytes of the page under way.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstdint>

#include "sync/transport/http_client.hpp"

namespace wk::sync {

struct SyncProgress {
  enum Phase : int { idle = 0, push = 1, pull = 2, done = 3 };
  std::atomic<int> phase{idle};
  std::atomic<std::int64_t> push_total{0};  // changes waiting when the push began
  std::atomic<std::int64_t> push_done{0};   // changes the hub answered
  std::atomic<std::int64_t> push_batch{0};  // changes in the request under way
  std::atomic<std::int64_t> pages{0};       // catalog pages applied
  TransferMeter request;                    // bytes of the request under way

  // A new run begins.
  void reset() {
    phase = idle;
    push_total = push_done = push_batch = pages = 0;
    request.now = request.total = 0;
    shown_ = 0;
  }
  // A new request begins (its meter from zero).
  void next_request() { request.now = request.total = 0; }

  // 0..1: the push fills the first 60 %, the pull the rest (each page closing half the gap left,
  // as the number of pages is not known before the last). Never goes back within a run (a
  // request's total grows once its answer's size is known): what was shown once stays.
  double fraction() const {
    const double f = estimate();
    double shown = shown_.load();
    while (f > shown && !shown_.compare_exchange_weak(shown, f)) {}
    return std::max(f, shown);
  }

 private:
  mutable std::atomic<double> shown_{0};

  double estimate() const {
    const int p = phase.load();
    if (p == idle) return 0;
    if (p == done) return 1;
    const std::int64_t now = request.now.load(), total = request.total.load();
    const double in_request = total > 0 ? std::min(1.0, static_cast<double>(now) / static_cast<double>(total)) : 0.0;
    if (p == push) {
      const auto all = static_cast<double>(std::max<std::int64_t>(push_total.load(), 1));
      const double done_now =
          static_cast<double>(push_done.load()) + in_request * static_cast<double>(push_batch.load());
      return 0.6 * std::min(1.0, done_now / all);
    }
    const double pages_now = static_cast<double>(pages.load()) + in_request;
    return 0.6 + 0.4 * (1.0 - 1.0 / (1.0 + pages_now));
  }
};

}  // namespace wk::sync
