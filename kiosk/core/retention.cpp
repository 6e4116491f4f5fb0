// Deleting acknowledged personal data after the retention period (see retention.hpp).
#include "kiosk/core/retention.hpp"

#include "kiosk/core/log.hpp"
#include "kiosk/core/time.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>

namespace wk::core {
namespace {

// Deletes the rows of `table` (a registration or call-back table, keyed by the outbox entity_id
// of `entity`) that the hub acknowledged at or before `cutoff` and of which nothing still waits
// for the hub (pending or dead-lettered). Returns how many.
std::int64_t delete_acknowledged(Database& db, std::string_view table, std::string_view entity,
                                 const std::string& cutoff) {
  Statement st = db.prepare("DELETE FROM " + std::string(table) +
                            " WHERE id IN (SELECT entity_id FROM outbox WHERE entity = ?2 AND acked_at IS NOT NULL "
                            "AND acked_at <= ?1) AND id NOT IN (SELECT entity_id FROM outbox WHERE entity = ?2 AND "
                            "acked_at IS NULL)");
  st.bind(1, cutoff).bind(2, entity);
  st.step();
  return db.changes();
}

}  // namespace

PurgeResult purge_acknowledged(Store& store, std::chrono::seconds retention,
                               std::chrono::system_clock::time_point now) {
  if (retention.count() < 0) throw std::invalid_argument("retention must not be negative");
  const std::string cutoff = to_iso8601(now - retention);
  PurgeResult result;
  store.transact([&](Database& db) {
    // A registration goes when an acknowledgement of it is old enough and nothing about it
    // still waits for the hub (pending or dead-lettered); a call-back request likewise.
    result.registrations = delete_acknowledged(db, "registrations", "registration", cutoff);
    result.callbacks = delete_acknowledged(db, "callbacks", "callback", cutoff);
    // A booking goes once the hub has decided it (not 'requested'), its changes were all
    // acknowledged long enough ago, and none still waits; its lines go with it (ON DELETE CASCADE).
    Statement books = db.prepare(
        "DELETE FROM bookings WHERE state <> 'requested' AND id IN (SELECT entity_id FROM outbox WHERE "
        "entity = 'booking' AND acked_at IS NOT NULL AND acked_at <= ?1) AND id NOT IN (SELECT entity_id FROM "
        "outbox WHERE entity = 'booking' AND (acked_at IS NULL OR acked_at > ?1))");
    books.bind(1, cutoff);
    books.step();
    result.bookings = db.changes();
    // The outbox payload holds the same personal data; entries of registrations still kept stay.
    Statement entries = db.prepare(
        "DELETE FROM outbox WHERE acked_at IS NOT NULL AND acked_at <= ?1 AND NOT (entity = 'registration' "
        "AND entity_id IN (SELECT id FROM registrations))");
    entries.bind(1, cutoff);
    entries.step();
    result.outbox_entries = db.changes();
    // Usage counts of a day are sent whole; a day goes once it is over by two days, past the
    // retention, and sent (a day counted afresh from zero would replace the hub's figures).
    const std::string usage_cutoff = std::min(cutoff, to_iso8601(now - std::chrono::hours(48))).substr(0, 10);
    Statement usage =
        db.prepare("DELETE FROM usage_counts WHERE day < ?1 AND day NOT IN (SELECT day FROM usage_dirty)");
    usage.bind(1, usage_cutoff);
    usage.step();
    // Personal data was deleted: its earlier copies in the WAL must go too. Remembered until a
    // TRUNCATE checkpoint succeeds, so that one blocked now is done at a later purge.
    if (result.registrations + result.bookings + result.callbacks + result.outbox_entries > 0)
      db.exec("INSERT OR REPLACE INTO sync_state(key, value) VALUES ('wal_truncate_owed', '1')");
  });
  // Only when owed a TRUNCATE checkpoint (it waits for every reader and holds back every writer,
  // the UI's too); otherwise a PASSIVE one, which never blocks another connection.
  bool owed = false;
  {
    Statement q = store.db().prepare("SELECT 1 FROM sync_state WHERE key = 'wal_truncate_owed'");
    owed = q.step();
  }
  Statement cp = store.db().prepare(owed ? "PRAGMA wal_checkpoint(TRUNCATE)" : "PRAGMA wal_checkpoint(PASSIVE)");
  if (cp.step()) result.wal_truncated = owed && cp.column_int64(0) == 0;
  if (result.wal_truncated) store.db().exec("DELETE FROM sync_state WHERE key = 'wal_truncate_owed'");
  if (result.registrations == 0 && result.outbox_entries == 0 && result.bookings == 0 && result.callbacks == 0)
    return result;
  log::info("retention", "deleted " + std::to_string(result.registrations) + " registration(s), " +
                             std::to_string(result.bookings) + " booking(s), " + std::to_string(result.callbacks) +
                             " call-back request(s) and " + std::to_string(result.outbox_entries) +
                             " acknowledged outbox entr" + (result.outbox_entries == 1 ? "y" : "ies") +
                             (result.wal_truncated ? "; WAL truncated" : "; WAL busy, truncated at the next purge"));
  return result;
}

}  // namespace wk::core
