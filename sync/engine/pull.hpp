// Pulling catalog deltas from the hub (PROTOCOL.md "Pull").
//
// Each answer is checked completely before anything is stored; its items and its cursor are
// then written in one transaction (core::apply_catalog_delta). A malformed, truncated, oversized
// or wrong-typed answer throws and leaves the database exactly as it was, and an interrupted
// pull resumes from the last stored cursor without gaps or duplicates.
#pragma once

#include "kiosk/core/store.hpp"
#include "sync/engine/hub_connection.hpp"
#include "sync/engine/sync_progress.hpp"

#include <cstdint>

namespace wk::sync {

struct PullSummary {
  std::int64_t items = 0;    // items received
  std::int64_t changed = 0;  // local rows that changed (new versions, tombstones)
  std::int64_t requests = 0;
};

// Items asked for per request.
inline constexpr int kPullPageSize = 2000;

// Pulls until the hub says there is no more. Throws SyncFailure (malformed for a bad answer,
// also for a hub that claims `more` without items or without moving its cursor); pages stored
// before stay stored and are
// counted in `sum`, which is added to (not reset).
// `progress`, if given, counts the pages applied (SyncProgress::pull).
void pull_catalogs(core::Store& store, HubConnection& hub, PullSummary& sum, SyncProgress* progress = nullptr);

}  // namespace wk::sync
