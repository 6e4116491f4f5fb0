// The sync outbox: the queue of local changes waiting to be pushed to the hub.
//
// Every user action writes its rows and one outbox entry per changed record in the SAME
// transaction, so the hub can never miss a change that is stored locally, and never hear of
// one that was rolled back. Each entry carries a fresh UUIDv7 change_id, the idempotency key
// under which the hub deduplicates retries.
#pragma once

#include "kiosk/core/database.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace wk::core {

// A change to describe to the hub.
struct OutboxChange {
  std::string entity;      // record type, e.g. "visit"
  std::string entity_id;   // the record's UUIDv7
  std::string op;          // "insert" | "update" | "delete"
  nlohmann::json payload;  // the changed fields (must serialize to valid UTF-8 JSON)
};

// One stored outbox row.
struct OutboxEntry {
  std::int64_t seq = 0;  // push order
  std::string change_id;
  std::string entity;
  std::string entity_id;
  std::string op;
  std::string payload;  // JSON text
  std::string created_at;
  std::int64_t attempts = 0;
};

// A change the hub rejected, kept for staff (the admin overlay lists these).
struct DeadLetter {
  std::int64_t seq = 0;
  std::string change_id;
  std::string entity;
  std::string entity_id;
  std::string op;
  std::string created_at;
  std::string rejected_at;
  std::string reason;  // the hub's reason: a JSON path and a problem, no personal data
};

// Appends `change` to the outbox and returns its new change_id.
// CONTRACT: must be called inside the caller's open transaction — the one that writes the
// change itself — so both commit or neither does. Throws std::logic_error if no transaction
// is open, std::invalid_argument for an empty entity/entity_id or an unknown op,
// nlohmann::json::type_error if the payload holds invalid UTF-8, SqliteError if the insert fails.
std::string enqueue(Database& db, const OutboxChange& change);

// Number of entries waiting to be pushed: neither acknowledged nor rejected by the hub.
std::int64_t pending_count(Database& db);

// Up to `limit` entries waiting to be pushed with seq <= max_seq, oldest (lowest seq) first.
// Throws std::invalid_argument if limit < 1.
std::vector<OutboxEntry> pending(Database& db, int limit, std::int64_t max_seq = INT64_MAX);

// The highest seq in the outbox (0 if it never held an entry): a push takes what was queued up
// to here, so that a run ends even while the terminal keeps queueing.
std::int64_t last_seq(Database& db);

// Records the hub's acknowledgement (applied or duplicate) of the entry `change_id` at `at`
// (ISO 8601 UTC). An entry already acknowledged keeps its first time. Returns false if no
// such entry exists. Call inside the transaction that records the whole push result.
bool mark_acked(Database& db, std::string_view change_id, std::string_view at);

// Moves the entry `change_id` to the dead-letter list with the hub's `reason`. It is never
// pushed again. Returns false if no such pending entry exists.
bool mark_rejected(Database& db, std::string_view change_id, std::string_view reason, std::string_view at);

// Counts one more failed push attempt for each pending entry with seq in [first_seq, last_seq].
void count_attempt(Database& db, std::int64_t first_seq, std::int64_t last_seq);

// Staff retry dead letter `change_id`: it waits to be pushed again, with the same change id and
// one more attempt counted (the hub judges a rejected change afresh). False if it is no dead letter.
bool retry_dead_letter(Database& db, std::string_view change_id);
// Staff discard dead letter `change_id`: it is settled without the hub (discarded_at and acked_at
// set to `at`) and leaves under the retention rules with what it describes. False if it is no
// dead letter.
bool discard_dead_letter(Database& db, std::string_view change_id, std::string_view at);

// The dead-letter list, oldest first.
std::vector<DeadLetter> dead_letters(Database& db);
std::int64_t dead_letter_count(Database& db);

}  // namespace wk::core
