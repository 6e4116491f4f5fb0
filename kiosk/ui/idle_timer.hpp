// The idle policy: after `timeout` seconds without input a warning with a
// countdown of `warning` seconds; when that runs out the session expires.
// Pure arithmetic on a clock value, so it is tested without a window.
#pragma once

#include <cmath>

namespace wk::ui {

class IdleTimer {
 public:
  enum class Phase { active, warning, expired };

  IdleTimer(double timeout_s, double warning_s) : timeout_(timeout_s), warning_(warning_s) {}

  void touch(double now) { last_input_ = now; }
  // New limits (staff settings), the last input kept.
  void set_limits(double timeout_s, double warning_s) {
    timeout_ = timeout_s;
    warning_ = warning_s;
  }
  Phase phase(double now) const {
    const double idle = now - last_input_;
    if (idle < timeout_) return Phase::active;
    if (idle < timeout_ + warning_) return Phase::warning;
    return Phase::expired;
  }
  // Seconds since the last input.
  double idle_for(double now) const { return now - last_input_; }
  // Whole seconds left in the warning (rounded up), 0 when expired.
  int seconds_left(double now) const {
    const double left = timeout_ + warning_ - (now - last_input_);
    if (left <= 0) return 0;
    return static_cast<int>(std::ceil(left));
  }
  // The next time phase() or seconds_left() changes: when to wake up.
  double next_change(double now) const {
    const double idle = now - last_input_;
    if (idle < timeout_) return last_input_ + timeout_;
    const double end = last_input_ + timeout_ + warning_;
    if (now >= end) return now;
    const double left = end - now;
    const double frac = left - static_cast<double>(static_cast<long long>(left));
    return now + (frac > 1e-6 ? frac : 1.0);
  }

 private:
  double timeout_, warning_;
  double last_input_ = 0;
};

}  // namespace wk::ui
