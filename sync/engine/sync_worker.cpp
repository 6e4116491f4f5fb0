// The background sync thread and its schedule (see sync_worker.hpp).
#include "sync/engine/sync_worker.hpp"

#include "kiosk/core/log.hpp"
#include "kiosk/core/sync_state.hpp"

#include <algorithm>
#include <random>

namespace wk::sync {
namespace {

SyncStatus::State state_of(SyncOutcome o) {
  switch (o) {
    case SyncOutcome::done:
      return SyncStatus::State::online;
    case SyncOutcome::unreachable:
    case SyncOutcome::busy:
      return SyncStatus::State::offline;
    case SyncOutcome::unauthorized:
      return SyncStatus::State::unauthorized;
    case SyncOutcome::error:
      return SyncStatus::State::error;
  }
  return SyncStatus::State::error;
}

}  // namespace

SyncWorker::SyncWorker(std::filesystem::path db_file, SyncOptions options, std::function<void()> wake_ui,
                       WorkerTiming timing)
    : db_file_(std::move(db_file)), options_(std::move(options)), wake_ui_(std::move(wake_ui)), timing_(timing) {
  options_.cancel = &cancel_;
  options_.progress = &progress_;
}

SyncWorker::~SyncWorker() {
  stop();
}

void SyncWorker::start() {
  std::lock_guard lock(mutex_);
  if (thread_.joinable() || stop_requested_) return;
  thread_ = std::thread([this] { loop(); });
}

void SyncWorker::stop() {
  {
    std::lock_guard lock(mutex_);
    stop_requested_ = true;
  }
  cancel_ = true;
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void SyncWorker::nudge() {
  {
    std::lock_guard lock(mutex_);
    nudged_ = true;
  }
  cv_.notify_all();
}

SyncStatus SyncWorker::status() const {
  std::lock_guard lock(mutex_);
  return status_;
}

std::chrono::milliseconds SyncWorker::base_delay(int failures, std::chrono::milliseconds interval,
                                                 const WorkerTiming& timing) {
  if (failures <= 0) return interval;
  auto delay = timing.backoff_base;
  for (int i = 1; i < failures && delay < timing.backoff_max; ++i) delay *= 2;
  return std::min(delay, timing.backoff_max);
}

void SyncWorker::publish(const SyncStatus& s) {
  {
    std::lock_guard lock(mutex_);
    status_ = s;
  }
  if (wake_ui_) wake_ui_();
}

void SyncWorker::loop() {
  std::mt19937_64 rng{std::random_device{}()};
  const std::chrono::milliseconds interval = std::chrono::seconds(options_.hub.sync_interval_s);
  std::chrono::milliseconds wait = timing_.first_run;
  int failures = 0;
  SyncStatus current;

  std::optional<core::Store> store;
  try {
    // Show the last success from earlier runs (or welcome-sync) until this worker's first run ends.
    store = core::Store::open(db_file_);
    current.last_success_at = core::load_sync_state(store->db()).last_success_at;
    publish(current);
  } catch (const std::exception& e) {
    core::log::error("sync", std::string("local database: ") + e.what());
  }
  for (;;) {
    {
      std::unique_lock lock(mutex_);
      cv_.wait_for(lock, wait, [&] { return stop_requested_ || nudged_; });
      if (stop_requested_) return;
      nudged_ = false;
    }
    SyncOutcome outcome = SyncOutcome::error;
    const SyncStatus::State before = current.state;
    try {
      if (!store) store = core::Store::open(db_file_);
      current.state = SyncStatus::State::syncing;
      publish(current);
      const SyncReport report = run_sync(*store, options_);
      outcome = report.outcome;
      // Another run (welcome-sync) holds the lock: it is syncing, nothing failed.
      current.state = outcome == SyncOutcome::busy ? before : state_of(report.outcome);
      current.message = report.message;
      current.pending = report.pending;
      current.dead_letters = report.dead_letters;
      current.last_success_at = core::load_sync_state(store->db()).last_success_at;
      if (report.pull.changed > 0) ++current.catalog_generation;
    } catch (const std::exception& e) {
      // The local database failed (disk full, locked for too long): keep the thread alive.
      current.state = SyncStatus::State::error;
      current.message = std::string("local database: ") + e.what();
      core::log::error("sync", current.message);
      store.reset();
    }
    publish(current);

    if (outcome == SyncOutcome::busy) {
      // Look again soon, without growing the backoff: the other run will finish.
      wait = std::min<std::chrono::milliseconds>(interval, std::chrono::seconds(60));
      continue;
    }
    failures = (outcome == SyncOutcome::done || outcome == SyncOutcome::unauthorized) ? 0 : failures + 1;
    const auto base = base_delay(failures, interval, timing_);
    double factor = 1.0;
    if (failures == 0) {
      factor = std::uniform_real_distribution<double>(0.9, 1.1)(rng);
    } else {
      factor = std::uniform_real_distribution<double>(0.5, 1.0)(rng);
    }
    wait = std::chrono::milliseconds(static_cast<std::int64_t>(static_cast<double>(base.count()) * factor));
  }
}

}  // namespace wk::sync
