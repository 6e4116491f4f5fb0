// Telling systemd how a service is doing (sd_notify): ready, a watchdog heartbeat, stopping.
// Outside systemd ($NOTIFY_SOCKET unset) every call does nothing and costs nothing.
#pragma once

#include <chrono>
#include <string_view>

namespace wk::core {

class ServiceNotify {
 public:
  // Reads $NOTIFY_SOCKET, $WATCHDOG_USEC and $WATCHDOG_PID. The watchdog is this process's when
  // WATCHDOG_PID names it or its parent: in the kiosk session the unit's main process is cage
  // and the kiosk its only client (the unit needs NotifyAccess=all for that).
  static ServiceNotify from_environment();

  // True when systemd listens ($NOTIFY_SOCKET set).
  bool active() const { return active_; }
  // The unit's WatchdogSec= when it applies to this process, else zero.
  std::chrono::microseconds watchdog_interval() const { return watchdog_; }

  // READY=1 with a STATUS= line (Type=notify units count as started from here).
  void ready(std::string_view status) const;
  // WATCHDOG=1, at most once per quarter of the interval: cheap to call on every turn of a loop.
  // Whoever calls it vouches that the loop turns; a loop that hangs stops the heartbeat and
  // systemd kills and restarts the service after WatchdogSec.
  void alive(std::chrono::steady_clock::time_point now);
  // STATUS=... shown by systemctl status.
  void status(std::string_view text) const;
  // STOPPING=1: the service is on its way out by its own decision or a signal.
  void stopping() const;

 private:
  bool active_ = false;
  std::chrono::microseconds watchdog_{0};
  std::chrono::steady_clock::time_point last_beat_{};
};

}  // namespace wk::core
