// What staff see of a terminal's state on the admin overlay, read from its database and its disk
// in one go: the queue, the dead letters, the allotments, the catalogs, the last sync, the sizes.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

#include "kiosk/core/store.hpp"

namespace wk::core {

struct TerminalStatus {
  std::int64_t pending = 0;       // outbox entries waiting to be pushed
  std::int64_t dead_letters = 0;  // refused by the hub, waiting for staff
  std::int64_t allotments = 0;    // courses with seats this terminal may still confirm itself
  std::string catalog_cursor;     // the catalog version last pulled ("" before the first pull)
  std::int64_t courses = 0, organisations = 0, contact_persons = 0;
  std::string last_attempt_at;         // ISO 8601 UTC or ""
  std::string last_success_at;         // of a complete push and pull, or ""
  std::string last_error;              // for staff, "" after a success
  std::uintmax_t database_bytes = 0;   // the database with its WAL
  std::uintmax_t free_disk_bytes = 0;  // available to the kiosk where the database lives
};

TerminalStatus read_terminal_status(Store& store, std::chrono::system_clock::time_point now);

}  // namespace wk::core
