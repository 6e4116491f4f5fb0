// One sync run and its bookkeeping (see sync_run.hpp).
#include "sync/engine/sync_run.hpp"

#include "kiosk/core/log.hpp"
#include "kiosk/core/outbox.hpp"
#include "kiosk/core/sha256.hpp"
#include "kiosk/core/sync_state.hpp"
#include "kiosk/core/time.hpp"
#include "sync/engine/sync_lock.hpp"

namespace wk::sync {
namespace {

using Kind = SyncFailure::Kind;

SyncOutcome outcome_of(Kind kind) {
  switch (kind) {
    case Kind::unreachable:
    case Kind::cancelled:
      return SyncOutcome::unreachable;
    case Kind::unauthorized:
      return SyncOutcome::unauthorized;
    default:
      return SyncOutcome::error;
  }
}

void purge(core::Store& store, const SyncOptions& o, SyncReport& report) {
  const core::PurgeResult r = core::purge_acknowledged(store, std::chrono::hours(o.hub.retention_hours));
  report.purge.registrations += r.registrations;
  report.purge.outbox_entries += r.outbox_entries;
  report.purge.wal_truncated = r.wal_truncated;
}

void finish_counts(core::Store& store, SyncReport& report) {
  report.pending = core::pending_count(store.db());
  report.dead_letters = core::dead_letter_count(store.db());
}

}  // namespace

const char* to_string(SyncOutcome outcome) noexcept {
  switch (outcome) {
    case SyncOutcome::done:
      return "done";
    case SyncOutcome::unreachable:
      return "unreachable";
    case SyncOutcome::busy:
      return "busy";
    case SyncOutcome::unauthorized:
      return "unauthorized";
    case SyncOutcome::error:
      return "error";
  }
  return "error";
}

SyncReport run_sync(core::Store& store, const SyncOptions& o) {
  SyncReport report;
  if (o.progress) o.progress->reset();
  std::optional<SyncLock> lock;
  try {
    lock = SyncLock::acquire(o.lock_file, o.lock_wait);
  } catch (const std::system_error& e) {
    report.outcome = SyncOutcome::error;
    report.message = e.what();
    return report;
  }
  if (!lock) {
    report.outcome = SyncOutcome::busy;
    report.message = "another sync run is in progress (" + o.lock_file.string() + ")";
    finish_counts(store, report);
    return report;
  }

  // Retention does not wait for the network: what the hub acknowledged goes on time.
  purge(store, o, report);
  store.transact([&](core::Database& db) { core::set_sync_state(db, "last_attempt_at", core::utc_now_iso8601()); });

  std::string token_id;
  try {
    const std::string token = read_token_file(o.hub.token_file);
    // What the hub refused: this token, for this terminal id, at this hub. Fixing any of the three
    // (a new token, a corrected terminal_id or URL) lets the next run try again.
    token_id = core::sha256_hex(token + "\n" + o.terminal_id + "\n" + o.hub.url);
    const core::SyncState state = core::load_sync_state(store.db());
    if (!state.refused_token_id.empty() && state.refused_token_id == token_id) {
      throw SyncFailure(Kind::unauthorized, "the hub refused this terminal's token at " + state.auth_refused_at +
                                                "; not syncing until a new token is written to " +
                                                o.hub.token_file.string() +
                                                " (welcome-hub terminal add) or the terminal id or hub URL change");
    }
    // How this terminal stands, for the hub's operators (PROTOCOL.md "Terminal report").
    const std::string terminal_report = "pending=" + std::to_string(core::pending_count(store.db())) +
                                        "; dead=" + std::to_string(core::dead_letter_count(store.db())) +
                                        "; version=" + (o.app_version.empty() ? std::string("0") : o.app_version);
    HubConnection hub(o.hub, token, o.cancel, o.progress ? &o.progress->request : nullptr, terminal_report);
    try {
      push_outbox(store, hub, o.terminal_id, report.push, o.progress);
      purge(store, o, report);  // a retention of 0 h lets acknowledged data go at once
      pull_catalogs(store, hub, report.pull, o.progress);
      if (o.progress) o.progress->phase = SyncProgress::done;
    } catch (...) {
      report.transfer = hub.stats();
      throw;
    }
    report.transfer = hub.stats();
  } catch (const SyncFailure& f) {
    report.outcome = outcome_of(f.kind());
    report.message = f.what();
  }

  const std::string now = core::utc_now_iso8601();
  store.transact([&](core::Database& db) {
    if (report.outcome == SyncOutcome::done) {
      core::set_sync_state(db, "last_success_at", now);
      core::set_sync_state(db, "last_error", "");
      core::set_sync_state(db, "auth_refused_at", "");
      core::set_sync_state(db, "refused_token_id", "");
    } else {
      core::set_sync_state(db, "last_error", report.message.substr(0, 1000));
      // Only a fresh 401 records the refusal; a remembered one keeps its first time.
      if (report.outcome == SyncOutcome::unauthorized && !token_id.empty() &&
          core::load_sync_state(db).refused_token_id != token_id) {
        core::set_sync_state(db, "auth_refused_at", now);
        core::set_sync_state(db, "refused_token_id", token_id);
      }
    }
  });
  finish_counts(store, report);

  const std::string summary =
      "pushed " + std::to_string(report.push.applied) + " applied, " + std::to_string(report.push.duplicates) +
      " duplicate, " + std::to_string(report.push.rejected) + " rejected, " + std::to_string(report.push.usage_days) +
      " usage day(s); pulled " + std::to_string(report.pull.items) + " item(s); " + std::to_string(report.pending) +
      " pending";
  if (report.outcome == SyncOutcome::done) {
    core::log::info("sync", "sync done: " + summary);
  } else if (report.outcome == SyncOutcome::unreachable) {
    core::log::event(core::log::Level::warn, core::log::Event::sync_failed, "sync",
                     "sync incomplete, will retry: " + report.message + " (" + summary + ")");
  } else if (report.outcome == SyncOutcome::busy) {
    core::log::info("sync", "another sync run is under way (" + summary + ")");
  } else {
    core::log::event(
        core::log::Level::error,
        report.outcome == SyncOutcome::unauthorized ? core::log::Event::token_refused : core::log::Event::sync_failed,
        "sync", std::string("sync ") + to_string(report.outcome) + ": " + report.message + " (" + summary + ")");
  }
  return report;
}

}  // namespace wk::sync
