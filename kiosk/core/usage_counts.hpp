// The terminal's anonymous daily usage counts (sync/protocol/usage_payload.hpp): each counted
// event adds one to today's (UTC) row of its metric and key in the event's own transaction and
// marks the day changed; before each push the sync queues every changed day's whole set as one
// outbox change (queue_usage), so the hub always receives the newest figures of a day, a lost or
// repeated push cannot make them wrong, and a busy day costs one change per sync, not one per
// event. Nothing here can hold personal data: the
// metrics are a fixed list and the keys codes (is_usage_key).
#pragma once

#include "kiosk/core/database.hpp"
#include "kiosk/core/store.hpp"

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace wk::core {

// Adds `by` (>= 1) to today's count of `metric` and `key` and marks the day changed. Must run
// inside the caller's transaction (it is part of the event it counts). A metric or key the protocol refuses throws
// std::invalid_argument before anything is written.
void count_usage(Database& db, std::string_view metric, std::string_view key, std::int64_t by,
                 std::chrono::system_clock::time_point now);

// The same in a transaction of its own, for events that store nothing else (a topic search).
void count_usage(Store& store, std::string_view metric, std::string_view key,
                 std::chrono::system_clock::time_point now = std::chrono::system_clock::now());

// Queues each changed day's whole set of counts (outbox entity "usage", entity_id a UUIDv7 fixed
// per day, op "update") and clears the marks, in one transaction; returns how many days.
int queue_usage(Store& store);

struct UsageRow {
  std::string day, metric, key;
  std::int64_t count = 0;
};
// Every count held, by day, metric, key (for tests and staff).
std::vector<UsageRow> usage_rows(Database& db);

}  // namespace wk::core
