// sd_notify through libsystemd (see service_notify.hpp).
#include "kiosk/core/service_notify.hpp"

#include <systemd/sd-daemon.h>
#include <unistd.h>

#include <charconv>
#include <cstdlib>
#include <cstring>
#include <string>

namespace wk::core {
namespace {

// A whole positive decimal number from the environment, or 0.
unsigned long long env_number(const char* name) {
  const char* v = std::getenv(name);
  if (v == nullptr || *v == '\0') return 0;
  unsigned long long n = 0;
  const auto [end, ec] = std::from_chars(v, v + std::strlen(v), n);
  return ec == std::errc() && *end == '\0' ? n : 0;
}

void send(const std::string& message) {
  // pid 0: this process. Failures (systemd gone) are not the service's business.
  (void)sd_pid_notify(0, 0, message.c_str());
}

}  // namespace

ServiceNotify ServiceNotify::from_environment() {
  ServiceNotify n;
  const char* socket = std::getenv("NOTIFY_SOCKET");
  n.active_ = socket != nullptr && *socket != '\0';
  if (!n.active_) return n;
  const unsigned long long usec = env_number("WATCHDOG_USEC");
  const unsigned long long pid = env_number("WATCHDOG_PID");
  const bool ours =
      pid == 0 || pid == static_cast<unsigned long long>(getpid()) || pid == static_cast<unsigned long long>(getppid());
  if (usec > 0 && ours) n.watchdog_ = std::chrono::microseconds(usec);
  return n;
}

void ServiceNotify::ready(std::string_view status) const {
  if (active_) send("READY=1\nSTATUS=" + std::string(status));
}

void ServiceNotify::alive(std::chrono::steady_clock::time_point now) {
  if (!active_ || watchdog_.count() == 0) return;
  if (last_beat_ != std::chrono::steady_clock::time_point{} && now - last_beat_ < watchdog_ / 4) return;
  last_beat_ = now;
  send("WATCHDOG=1");
}

void ServiceNotify::status(std::string_view text) const {
  if (active_) send("STATUS=" + std::string(text));
}

void ServiceNotify::stopping() const {
  if (active_) send("STOPPING=1");
}

}  // namespace wk::core
