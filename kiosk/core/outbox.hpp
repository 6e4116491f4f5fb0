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

// Appends `change` to the outbox and returns its new change_id.
// CONTRACT: must be called inside the caller's open transaction — the one that writes the
// change itself — so both commit or neither does. Throws std::logic_error if no transaction
// is open, std::invalid_argument for an empty entity/entity_id or an unknown op,
// nlohmann::json::type_error if the payload holds invalid UTF-8, SqliteError if the insert fails.
std::string enqueue(Database& db, const OutboxChange& change);

// Number of entries not yet acknowledged by the hub.
std::int64_t pending_count(Database& db);

// Up to `limit` unacknowledged entries, oldest (lowest seq) first.
// Throws std::invalid_argument if limit < 1.
std::vector<OutboxEntry> pending(Database& db, int limit);

}  // namespace wk::core
