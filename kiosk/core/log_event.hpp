// The events staff search the journal for, each with a stable MESSAGE_ID (journalctl
// MESSAGE_ID=...). The ids never change once released; a new event gets a new id. The systemd
// catalog install/debian/welcome-kiosk.catalog explains each (journalctl -x shows it).
#pragma once

#include <span>
#include <string_view>

namespace wk::core::log {

enum class Event {
  sync_failed,           // a sync run ended without finishing (unreachable hub, TLS, protocol)
  token_refused,         // the hub refused the terminal's token (revoked, or the hub reset)
  database_refused,      // a program refused to open its database (damaged, too new, unreadable)
  watchdog_restart,      // systemd killed the kiosk session: its frame loop stopped turning
  session_crashed,       // the kiosk session ended by a signal or a core dump
  clock_off,             // the system clock is far from what the terminal or hub last saw
  certificate_expiring,  // the hub's certificate expires within 30 days
  provisioned,           // a terminal was set up from a provisioning bundle
};

struct EventInfo {
  Event event;
  std::string_view name;  // "sync-failed": in plain log lines and the WK_EVENT field
  std::string_view id;    // 32 lowercase hex digits: the journal's MESSAGE_ID
};

// Every event, in the order of the enum.
std::span<const EventInfo> events();

const EventInfo& info_of(Event event);

}  // namespace wk::core::log
