// Exactly once under faults: thousands of registrations are pushed to a real welcome-hub process
// through a fault-injecting proxy that cuts connections while requests are sent and drops
// answers after the hub committed, while another thread SIGKILLs the hub and starts it again.
// Afterwards the hub holds every registration exactly once and the terminal's outbox is empty.
#include "hub_process.hpp"
#include "tests/support/paths.hpp"
#include "sync_rig.hpp"

#include "kiosk/core/outbox.hpp"
#include "tests/core/quiet_log.hpp"
#include "tests/support/fault_proxy.hpp"

#include <catch2/catch.hpp>

#include <atomic>
#include <map>
#include <mutex>
#include <random>
#include <set>

using namespace wk;
using namespace wk::sync;
using namespace wk::sync::test;

TEST_CASE("every registration reaches the hub exactly once through cuts, lost answers and hub crashes",
          "[faults][exactly-once]") {
  core::test::QuietLog quiet;
  constexpr int kRegistrations = 3000;
  constexpr int kCrashes = 6;
  TempDir dir;
  wk::test::TestPki pki(dir / "pki");
  const auto leaf = pki.issue("hub", {"localhost"}, {"127.0.0.1"});
  const auto hub_db = dir / "hub" / "hub.db";
  std::string token;
  {
    hub::HubStore enrol(hub_db);
    token = enrol.add_terminal("t-1");
  }
  write_file(dir / "hub-token", token);
  core::Store store = core::Store::open(dir / "kiosk" / "kiosk.db");
  const auto ids = commit_registrations(store, kRegistrations);
  REQUIRE(core::pending_count(store.db()) == kRegistrations);

  HubProcess hub(wk::test::hub_program().string(), hub_db, leaf.cert_file, leaf.key_file);
  std::mutex hub_mutex;
  wk::test::FaultProxy proxy(static_cast<std::uint16_t>(hub.start()));

  SyncOptions o;
  o.hub.url = "https://localhost:" + std::to_string(proxy.port());
  o.hub.ca_file = pki.ca_file();
  o.hub.token_file = dir / "hub-token";
  o.hub.connect_timeout_s = 2;
  o.hub.timeout_s = 20;
  o.terminal_id = "t-1";
  o.lock_file = dir / "kiosk" / "sync.lock";
  std::int64_t applied = 0, duplicates = 0;

  // 1. The hub commits the first batch, its answer is lost on the way back.
  wk::test::Faults faults;
  faults.drop_response = 1.0;
  faults.response_threshold = 6000;  // above the TLS handshake, below a push body
  proxy.set_faults(faults);
  SyncReport r = run_sync(store, o);
  INFO("phase 1: " << r.message);
  CHECK(r.outcome == SyncOutcome::unreachable);
  CHECK(core::pending_count(store.db()) == kRegistrations);
  CHECK(proxy.stats().dropped == 1);
  // The whole request reached the hub: it commits the batch, however slowly (sanitizers).
  std::int64_t committed = 0;
  for (int i = 0; i < 600 && committed < static_cast<std::int64_t>(kMaxBatch); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    committed = hub::HubStore(hub_db).registration_count();
  }
  CHECK(committed == static_cast<std::int64_t>(kMaxBatch));

  // 2. The connection is cut while the request is being sent: the hub never sees all of it.
  faults = {};
  faults.cut_request = 1.0;
  faults.cut_window = 20000;
  proxy.set_faults(faults);
  r = run_sync(store, o);
  CHECK(r.outcome == SyncOutcome::unreachable);
  CHECK(core::pending_count(store.db()) == kRegistrations);

  // 3. Everything at once, at random, while the hub is SIGKILLed (kCrashes times, every
  // 100..1000 ms, back 50 ms later; then the proxy's faults go on alone, so the run ends even
  // where a batch takes longer than the pauses, as under the sanitizers).
  faults = {};
  faults.cut_request = 0.2;
  faults.cut_window = 20000;
  faults.drop_response = 0.2;
  faults.response_threshold = 6000;
  faults.refuse = 0.05;
  faults.seed = 20261125;
  proxy.set_faults(faults);
  std::atomic<bool> done{false};
  std::atomic<int> crashes{0};
  std::thread crasher([&] {
    std::mt19937 rng(7);
    std::uniform_int_distribution<int> pause(100, 1000);
    while (!done && crashes < kCrashes) {
      // The first crash comes at once, while the first batches are on their way.
      std::this_thread::sleep_for(std::chrono::milliseconds(crashes == 0 ? 30 : pause(rng)));
      if (done) break;
      std::lock_guard lock(hub_mutex);
      hub.kill();
      ++crashes;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
      proxy.set_upstream_port(static_cast<std::uint16_t>(hub.start()));
    }
  });

  std::map<SyncOutcome, int> outcomes;
  int runs = 0;
  for (; runs < 400; ++runs) {
    r = run_sync(store, o);
    ++outcomes[r.outcome];
    applied += r.push.applied;
    duplicates += r.push.duplicates;
    REQUIRE(r.outcome != SyncOutcome::error);
    REQUIRE(r.outcome != SyncOutcome::unauthorized);
    if (r.outcome == SyncOutcome::done && r.pending == 0) break;
  }
  done = true;
  crasher.join();
  {
    std::lock_guard lock(hub_mutex);
    hub.kill();
  }
  const wk::test::ProxyStats ps = proxy.stats();
  INFO("runs " << runs << ", crashes " << crashes << ", proxy cut " << ps.cut << " dropped " << ps.dropped
               << " refused " << ps.refused << " upstream_failed " << ps.upstream_failed << ", applied " << applied
               << ", duplicates " << duplicates);
  CHECK(core::pending_count(store.db()) == 0);
  CHECK(core::dead_letter_count(store.db()) == 0);
  CHECK(ps.dropped > 0);
  CHECK(ps.cut > 0);
  CHECK(crashes > 0);
  // The batch whose answer was lost came again and was recognised.
  CHECK(duplicates >= static_cast<std::int64_t>(kMaxBatch));

  hub::HubStore check(hub_db);
  CHECK(check.registration_count() == kRegistrations);
  std::multiset<std::string> received;
  check.for_each_registration(
      [&](const hub::ReceivedRegistration& r) { received.insert(r.payload.at("id").get<std::string>()); });
  CHECK(received.size() == static_cast<std::size_t>(kRegistrations));
  CHECK(std::set<std::string>(received.begin(), received.end()) == std::set<std::string>(ids.begin(), ids.end()));
  CHECK(check.change_count("rejected") == 0);
}
