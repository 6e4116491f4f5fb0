// The event catalog (see log_event.hpp).
#include "kiosk/core/log_event.hpp"

#include <array>

namespace wk::core::log {
namespace {

constexpr std::array kEvents{
    EventInfo{Event::sync_failed, "sync-failed", "f7526f95389c46abbcbb7874cedca4db"},
    EventInfo{Event::token_refused, "token-refused", "50536800c3284aeab60fa005edcff30a"},
    EventInfo{Event::database_refused, "database-refused", "db2e5791cf3a41bda953a5a67b4596b8"},
    EventInfo{Event::watchdog_restart, "watchdog-restart", "c27a3d4a5c804fa88ecd908005b029cc"},
    EventInfo{Event::session_crashed, "session-crashed", "b64166bf99634d9da16a3ad12f5ae8a5"},
    EventInfo{Event::clock_off, "clock-off", "26ef69b1efe84a8d92d5aeb21d784bdb"},
    EventInfo{Event::certificate_expiring, "certificate-expiring", "4c3ae24cac8943f1ae7e43128d84a43a"},
    EventInfo{Event::provisioned, "provisioned", "a188ebe56eca4b9cbdaa3a4fa9f0e12a"},
};

static_assert(
    [] {
      for (std::size_t i = 0; i < kEvents.size(); ++i)
        if (static_cast<std::size_t>(kEvents[i].event) != i) return false;
      return true;
    }(),
    "kEvents follows the order of enum Event");

}  // namespace

std::span<const EventInfo> events() {
  return kEvents;
}

const EventInfo& info_of(Event event) {
  return kEvents[static_cast<std::size_t>(event)];
}

}  // namespace wk::core::log
