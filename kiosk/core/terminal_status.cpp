// Reading a terminal's status for staff (see terminal_status.hpp).
#include "kiosk/core/terminal_status.hpp"

#include <filesystem>

#include "kiosk/core/allotment.hpp"
#include "kiosk/core/catalog.hpp"
#include "kiosk/core/outbox.hpp"
#include "kiosk/core/sync_state.hpp"

namespace wk::core {

TerminalStatus read_terminal_status(Store& store, std::chrono::system_clock::time_point now) {
  namespace fs = std::filesystem;
  TerminalStatus s;
  Database& db = store.db();
  s.pending = pending_count(db);
  s.dead_letters = dead_letter_count(db);
  s.allotments = static_cast<std::int64_t>(usable_allotments(db, now).size());
  s.catalog_cursor = catalog_cursor(db);
  s.courses = catalog_count(db, "course");
  s.organisations = catalog_count(db, "organisation");
  s.contact_persons = catalog_count(db, "contact_person");
  const SyncState sync = load_sync_state(db);
  s.last_attempt_at = sync.last_attempt_at;
  s.last_success_at = sync.last_success_at;
  s.last_error = sync.last_error;
  std::error_code ec;
  for (const char* suffix : {"", "-wal"}) {
    const auto bytes = fs::file_size(store.path().string() + suffix, ec);
    if (!ec) s.database_bytes += bytes;
  }
  const auto space = fs::space(store.path().parent_path(), ec);
  if (!ec) s.free_disk_bytes = space.available;
  return s;
}

}  // namespace wk::core
