// Retention: personal data leaves the terminal once the hub has it and the retention period
// has passed.
//
// A registration (with its family members and consent) and its outbox entry are deleted when
// the hub acknowledged the entry at least `retention` ago. A course booking (its code and lines)
// goes the same way once the hub's decision has arrived (state other than "requested") and none
// of its changes still waits; a call-back request as a registration. Other acknowledged outbox entries
// (visits) go after the same period; so do the anonymous usage counts of a day sent to the hub,
// but never before the day is two days over. Rejected entries (the dead-letter list) and everything not
// yet acknowledged stay: the hub does not have them. The connection runs with secure_delete on
// (Store::open), so deleted rows are overwritten in the database file, and the WAL is
// checkpointed and truncated afterwards, so no copy of a deleted page remains in the -wal file.
#pragma once

#include "kiosk/core/store.hpp"

#include <chrono>
#include <cstdint>

namespace wk::core {

struct PurgeResult {
  std::int64_t registrations = 0;   // registrations deleted (with members and consents)
  std::int64_t outbox_entries = 0;  // acknowledged outbox entries deleted
  std::int64_t bookings = 0;        // decided bookings deleted (with their lines)
  std::int64_t callbacks = 0;       // call-back requests deleted
  bool wal_truncated = false;       // a TRUNCATE checkpoint was owed and could copy and truncate the whole WAL
};

// Deletes what the hub acknowledged before `now - retention` in one transaction, then
// checkpoints the WAL: TRUNCATE when this or an earlier purge deleted personal data and no
// TRUNCATE has succeeded since, else PASSIVE (never holding back the UI's writes). A checkpoint
// blocked by another connection's reader is not an error (wal_truncated false; the next purge
// tries again). Throws SqliteError if the deletion
// fails (nothing is deleted then) and std::invalid_argument for a negative retention.
PurgeResult purge_acknowledged(Store& store, std::chrono::seconds retention,
                               std::chrono::system_clock::time_point now = std::chrono::system_clock::now());

}  // namespace wk::core
