// One complete sync run of a terminal: retention, push of the outbox, pull of the catalogs, and
// the sync state that tells staff how it went. Used by the kiosk's worker thread and by
// welcome-sync; both may run on the same database at the same time (a SyncLock serialises the
// runs, SQLite's WAL the rest).
#pragma once

#include "kiosk/core/config.hpp"
#include "kiosk/core/retention.hpp"
#include "kiosk/core/store.hpp"
#include "sync/engine/pull.hpp"
#include "sync/engine/push.hpp"
#include "sync/engine/sync_progress.hpp"

#include <atomic>
#include <chrono>
#include <filesystem>
#include <string>

namespace wk::sync {

enum class SyncOutcome {
  done,          // everything pushed (or dead-lettered) and every catalog page pulled
  unreachable,   // network, timeouts or a failing hub: try again later
  busy,          // another sync run holds the lock: try again later
  unauthorized,  // the hub refused the token (now or at an earlier run, and the token is unchanged)
  error,         // anything needing a person: TLS verification, settings, protocol, a broken answer
};

const char* to_string(SyncOutcome outcome) noexcept;

struct SyncOptions {
  core::HubConfig hub;
  std::string terminal_id;
  std::filesystem::path lock_file;            // usually <data_dir>/sync.lock
  std::chrono::milliseconds lock_wait{0};     // how long to wait for another run to finish
  const std::atomic<bool>* cancel = nullptr;  // polled during transfers
  SyncProgress* progress = nullptr;           // if given, follows the run (reset at its start)
  std::string app_version;                    // reported to the hub (Wk-Terminal); "" reports "0"
};

struct SyncReport {
  SyncOutcome outcome = SyncOutcome::done;
  std::string message;  // for staff and logs when not done
  PushSummary push;
  PullSummary pull;
  core::PurgeResult purge;
  TransferStats transfer;
  std::int64_t pending = 0;       // outbox entries still waiting after the run
  std::int64_t dead_letters = 0;  // rejected entries kept for staff
};

// Runs one sync. Never throws for anything the hub, the network or the settings do: the
// outcome and message say it, and the same message is stored as the sync state's last_error.
// A token the hub refused is remembered by a hash of (token, terminal id, hub URL) and not sent
// again until one of them changes. Retention runs first, whatever the hub says: it deletes only
// what the hub acknowledged earlier.
// Throws only for local database failures (core::SqliteError) — nothing is lost then either.
SyncReport run_sync(core::Store& store, const SyncOptions& options);

}  // namespace wk::sync
