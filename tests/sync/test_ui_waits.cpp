// The screen never waits on its sync: while the worker's connection runs a sync with a
// 50,000-item pull and a retention run that deletes personal data (and so truncates the WAL),
// the UI's connection (Connection::ui, checkpoints left to the worker) writes as a newcomer's
// taps do — visits started and ended, a registration now and then — and reads the catalog.
// "Waits" are the time the UI's statements spent blocked on the worker's locks (Store's busy
// handler); the frame-time distribution of the same situation is bench_ui_waits.
#include "sync_rig.hpp"

#include "kiosk/core/catalog.hpp"
#include "kiosk/core/registration.hpp"
#include "kiosk/core/visits.hpp"
#include "tests/core/quiet_log.hpp"

#include <catch2/catch.hpp>

#include <atomic>
#include <thread>

using namespace wk;
using namespace std::chrono_literals;

TEST_CASE("the UI's writes wait at most briefly on a 50,000-item pull and a retention run, and none is lost",
          "[sync-engine][ui-waits]") {
  core::test::QuietLog quiet;
  sync::test::Rig rig;
  // Personal data the retention run will delete: pushed and acknowledged, then kept 0 hours.
  sync::test::commit_registrations(rig.store, 200, "Old");
  REQUIRE(rig.sync().outcome == sync::SyncOutcome::done);
  rig.options.hub.retention_hours = 0;
  // A large catalog to pull: 50,000 contact persons (5,000 under ThreadSanitizer, which makes
  // the pull some twenty times slower; the pages and transactions are the same).
#if defined(__SANITIZE_THREAD__)
  constexpr int kItems = 5000;
#else
  constexpr int kItems = 50000;
#endif
  sync::test::add_contact_persons(*rig.hub_store, kItems);

  core::Store ui = core::Store::open(rig.store.path(), core::Connection::ui);
  ui.leave_checkpoints_to_others();

  std::atomic<bool> done{false};
  sync::SyncReport report;
  std::thread worker([&] {
    report = rig.sync();
    done = true;
  });
  int frames = 0, registrations = 0, refused = 0;
  while (!done || frames < 20) {
    try {
      const std::string visit = core::start_visit(ui, "ar");
      core::end_visit(ui, visit, "idle", "home");
      if (frames % 10 == 0) {
        core::commit_registration(ui, sync::test::registration_named("New" + std::to_string(frames)),
                                  sync::test::consent(), "t-1");
        ++registrations;
      }
      core::catalog_count(ui.db(), "contact_person");
    } catch (const core::SqliteError&) {
      ++refused;  // a newcomer would see "could not save, try again": nothing written
    }
    ++frames;
    std::this_thread::sleep_for(5ms);
  }
  worker.join();

  REQUIRE(report.outcome == sync::SyncOutcome::done);
  CHECK(report.purge.registrations >= 200);  // the old ones, and new ones pushed in this run
  CHECK(core::catalog_count(ui.db(), "contact_person") == kItems);
  const core::LockWaits waits = ui.lock_waits();
  INFO("frames " << frames << ", UI waits " << waits.waits << ", longest " << waits.max_ms << " ms, refused "
                 << waits.gave_up);
  // No frame's statement waited much longer than the UI's limit (40 ms): the busy handler's last
  // sleep may overshoot it by what the scheduler adds, a few ms. Under the sanitizers, on two cores
  // shared with the fault tests (which start instrumented hub processes again and again), a thread
  // was seen to wait 52 and 158 ms: there the wall-clock bound says nothing about our code, and
  // only what follows is checked (bench_ui_waits measures the waits in a Release build).
#if !defined(__SANITIZE_ADDRESS__) && !defined(__SANITIZE_THREAD__)
  CHECK(waits.max_ms <= 50.0);
#endif
  CHECK(refused == static_cast<int>(waits.gave_up));
  // Every registration the UI stored reaches the hub once; a refused one left nothing behind.
  // The WAL was truncated during the run, or — if the UI's reads held it back — is now.
  const sync::SyncReport last = rig.sync();
  REQUIRE(last.outcome == sync::SyncOutcome::done);
  CHECK((report.purge.wal_truncated || last.purge.wal_truncated));
  CHECK(rig.hub_store->registration_count() == 200 + registrations);
}
