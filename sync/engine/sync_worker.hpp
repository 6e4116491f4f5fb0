// The kiosk's background sync: a thread that runs run_sync() whenever it is due, on its own
// database connection, so that no frame ever waits for the network.
//
// Schedule: a first run shortly after start; after a complete run the next one follows
// `interval` later (±10 % jitter); after a failed run the wait grows exponentially from
// `backoff_base` up to `backoff_max`, with full jitter (a random half to all of it), so that many
// terminals coming back online at once do not hit the hub together. nudge() (a newcomer just
// registered) makes the next run start at once. While welcome-sync holds the sync lock the worker
// keeps its status and looks again within a minute (no backoff: nothing failed). A refused token
// stops contacting the hub until the token file holds a new token (checked every interval);
// nothing is deleted because of it.
//
// The UI reads status() (thread-safe, cheap) each frame and is woken through `wake_ui` whenever
// the status or the catalogs changed.
#pragma once

#include "sync/engine/sync_run.hpp"

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

namespace wk::sync {

struct SyncStatus {
  enum class State {
    starting,      // no run finished yet
    syncing,       // a run is in progress
    online,        // the last run completed
    offline,       // the last run could not reach the hub
    unauthorized,  // the hub refused the token: staff must enrol the terminal again
    error,         // the last run failed for a reason staff must look at
  };
  State state = State::starting;
  std::string last_success_at;  // ISO 8601 UTC of the last complete run ("" if none)
  std::string message;          // the last failure, for staff
  std::int64_t pending = 0;     // outbox entries waiting
  std::int64_t dead_letters = 0;
  std::uint64_t catalog_generation = 0;  // grows whenever a pull changed the local catalogs
};

struct WorkerTiming {
  std::chrono::milliseconds first_run{2000};
  std::chrono::milliseconds backoff_base{15'000};
  std::chrono::milliseconds backoff_max{30 * 60'000};
};

class SyncWorker {
 public:
  // `db_file` is the kiosk database (the worker opens its own connection); `wake_ui` is called
  // from the worker thread and must be thread-safe (e.g. glfwPostEmptyEvent).
  SyncWorker(std::filesystem::path db_file, SyncOptions options, std::function<void()> wake_ui,
             WorkerTiming timing = {});
  ~SyncWorker();  // stop()
  SyncWorker(const SyncWorker&) = delete;
  SyncWorker& operator=(const SyncWorker&) = delete;

  void start();
  // Cancels a transfer in flight, waits for the thread and returns. Idempotent.
  void stop();
  // Asks for a run as soon as possible.
  void nudge();

  SyncStatus status() const;
  // 0..1 while a run is under way (SyncProgress::fraction); thread-safe and cheap.
  double progress() const { return progress_.fraction(); }

  // The wait before the next run after `failures` consecutive failed runs (0: after a
  // complete run), before jitter. Exposed for tests.
  static std::chrono::milliseconds base_delay(int failures, std::chrono::milliseconds interval,
                                              const WorkerTiming& timing);

 private:
  void loop();
  void publish(const SyncStatus& s);

  std::filesystem::path db_file_;
  SyncOptions options_;
  std::function<void()> wake_ui_;
  WorkerTiming timing_;

  mutable std::mutex mutex_;
  std::condition_variable cv_;
  bool stop_requested_ = false;
  bool nudged_ = false;
  std::atomic<bool> cancel_{false};
  SyncStatus status_;
  SyncProgress progress_;
  std::thread thread_;
};

}  // namespace wk::sync
