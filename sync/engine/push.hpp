// Pushing the outbox to the hub (PROTOCOL.md "Push").
//
// Batches of up to kMaxBatch changes go in outbox order. The answer for a batch is recorded in
// one transaction: applied and duplicate entries are acknowledged, rejected ones move to the
// dead-letter list with the hub's reason, and the changes behind a rejected one go on. A failed
// or malformed answer changes nothing but the attempt counters, so the same batch goes again
// later and the hub's idempotency keys make the retry safe.
#pragma once

#include "kiosk/core/store.hpp"
#include "sync/engine/hub_connection.hpp"
#include "sync/engine/sync_progress.hpp"

#include <cstdint>
#include <string>

namespace wk::sync {

struct PushSummary {
  std::int64_t applied = 0;
  std::int64_t duplicates = 0;
  std::int64_t rejected = 0;  // moved to the dead-letter list
  std::int64_t batches = 0;
  std::int64_t usage_days = 0;  // usage count changes answered applied or duplicate (not in the above)
};

// Pushes until the outbox is empty, then queues the days whose usage counts changed
// (kiosk/core/usage_counts.hpp) and pushes those. On a hub that refuses a batch as a whole (400 bad_request or
// 413 payload_too_large, with the protocol's error body), the
// batch is halved and retried; a single change refused that way is dead-lettered with the hub's
// error, so one bad change never blocks the others. Any other failure throws SyncFailure after
// counting one attempt for the batch; what was acknowledged before stays acknowledged and is
// counted in `sum`, which is added to (not reset), so it is right however the call ends.
// `progress`, if given, counts the changes answered (SyncProgress::push).
void push_outbox(core::Store& store, HubConnection& hub, const std::string& terminal_id, PushSummary& sum,
                 SyncProgress* progress = nullptr);

}  // namespace wk::sync
