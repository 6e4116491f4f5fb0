// The hub SIGKILLed at random points while four terminals push 1,000 times: each terminal
// stores a registration or a booking and syncs at once, 250 times, in parallel, while another
// thread kills the hub process every 150..600 ms and starts it again on the same database.
// Afterwards every registration and booking is at the hub exactly once, the hub's consistency
// check passes, and every terminal's outbox is drained without a dead letter.
#include "hub_process.hpp"
#include "sync_rig.hpp"
#include "tests/support/paths.hpp"

#include "kiosk/core/booking.hpp"
#include "kiosk/core/outbox.hpp"
#include "tests/core/quiet_log.hpp"
#include "tests/support/fault_proxy.hpp"

#include <catch2/catch.hpp>

#include <array>
#include <atomic>
#include <mutex>
#include <random>
#include <set>

using namespace wk;
using namespace wk::sync;
using namespace wk::sync::test;

TEST_CASE("four terminals push 1,000 times while the hub is SIGKILLed at random: all arrive once, the ledger holds",
          "[faults][crashes]") {
  core::test::QuietLog quiet;
  constexpr int kTerminals = 4;
  constexpr int kPushesEach = 250;
  TempDir dir;
  wk::test::TestPki pki(dir / "pki");
  const auto leaf = pki.issue("hub", {"localhost"}, {"127.0.0.1"});
  const auto hub_db = dir / "hub" / "hub.db";
  std::array<std::string, kTerminals> tokens;
  {
    hub::HubStore setup(hub_db);
    setup.upsert_items(
        "course",
        {{"c-1", {{"title", {{"de", "B1"}}}, {"course_type", "job_basic_b1"}, {"capacity", 40}}},
         {"c-2", {{"title", {{"de", "A2"}}}, {"course_type", "integration_general"}, {"capacity", 400}}}},
        false);
    for (int t = 0; t < kTerminals; ++t) tokens[t] = setup.add_terminal("crash-" + std::to_string(t + 1));
  }
  HubProcess hub(wk::test::hub_program().string(), hub_db, leaf.cert_file, leaf.key_file);
  std::mutex hub_mutex;
  // No faults of its own: it keeps one port for the terminals while the hub's port changes.
  wk::test::FaultProxy proxy(static_cast<std::uint16_t>(hub.start()));

  struct Terminal {
    std::string id;
    std::unique_ptr<core::Store> store;
    SyncOptions options;
    std::vector<std::string> registrations, bookings;
    std::map<SyncOutcome, int> outcomes;
  };
  std::array<Terminal, kTerminals> terminals;
  for (int t = 0; t < kTerminals; ++t) {
    Terminal& term = terminals[t];
    term.id = "crash-" + std::to_string(t + 1);
    fs::create_directories(dir / term.id);
    write_file(dir / term.id / "hub-token", tokens[t] + "\n");
    term.store = std::make_unique<core::Store>(core::Store::open(dir / term.id / "kiosk.db"));
    term.options.hub.url = "https://localhost:" + std::to_string(proxy.port());
    term.options.hub.ca_file = pki.ca_file();
    term.options.hub.token_file = dir / term.id / "hub-token";
    term.options.hub.connect_timeout_s = 2;
    term.options.hub.timeout_s = 10;
    term.options.terminal_id = term.id;
    term.options.lock_file = dir / term.id / "sync.lock";
    // The catalog first, so that courses can be booked.
    REQUIRE(run_sync(*term.store, term.options).outcome == SyncOutcome::done);
  }

  std::atomic<bool> done{false};
  std::atomic<int> crashes{0};
  std::thread crasher([&] {
    std::mt19937 rng(20261207);
    std::uniform_int_distribution<int> pause(150, 600);
    while (!done) {
      std::this_thread::sleep_for(std::chrono::milliseconds(pause(rng)));
      if (done) break;
      std::lock_guard lock(hub_mutex);
      hub.kill();
      ++crashes;
      std::this_thread::sleep_for(std::chrono::milliseconds(30));
      proxy.set_upstream_port(static_cast<std::uint16_t>(hub.start()));
    }
  });
  std::vector<std::thread> workers;
  for (int t = 0; t < kTerminals; ++t) {
    workers.emplace_back([&, t] {
      Terminal& term = terminals[t];
      for (int i = 0; i < kPushesEach; ++i) {
        if (i % 2 == 0) {
          term.registrations.push_back(
              core::commit_registration(*term.store,
                                        registration_named("T" + std::to_string(t) + "N" + std::to_string(i)),
                                        consent(), term.id)
                  .id);
        } else {
          term.bookings.push_back(
              core::commit_booking(*term.store, {"K7QM-4XRT-X", {{i % 4 == 1 ? "c-1" : "c-2", 0}}}, term.id).id);
        }
        ++term.outcomes[run_sync(*term.store, term.options).outcome];
      }
    });
  }
  for (auto& w : workers) w.join();
  done = true;
  crasher.join();
  // The hub up again for good: every terminal drains what a crash left in its outbox.
  for (Terminal& term : terminals) {
    SyncReport r;
    for (int run = 0; run < 20; ++run) {
      r = run_sync(*term.store, term.options);
      if (r.outcome == SyncOutcome::done && r.pending == 0) break;
    }
    INFO(term.id << ": " << r.message);
    CHECK(r.outcome == SyncOutcome::done);
    CHECK(core::pending_count(term.store->db()) == 0);
    CHECK(core::dead_letter_count(term.store->db()) == 0);
    CHECK(term.outcomes[SyncOutcome::error] == 0);
    CHECK(term.outcomes[SyncOutcome::unauthorized] == 0);
  }
  INFO("crashes " << crashes);
  CHECK(crashes >= 3);
  {
    std::lock_guard lock(hub_mutex);
    hub.kill();
  }
  // The consistency check of `welcome-hub check`.
  hub::HubStore ledger(hub_db);
  CHECK(ledger.check_ledger().empty());
  for (const auto& f : ledger.course_figures()) CHECK(f.confirmed <= f.capacity);
  std::multiset<std::string> received;
  ledger.for_each_registration(
      [&](const hub::ReceivedRegistration& r) { received.insert(r.payload.at("id").get<std::string>()); });
  std::set<std::string> expected;
  for (const Terminal& term : terminals) expected.insert(term.registrations.begin(), term.registrations.end());
  CHECK(received.size() == expected.size());
  CHECK(std::set<std::string>(received.begin(), received.end()) == expected);
  int bookings = 0;
  for (const Terminal& term : terminals)
    for (const std::string& id : term.bookings) {
      const auto at_hub = ledger.find_booking(id);
      CHECK(at_hub);
      if (at_hub) {
        CHECK(at_hub->terminal_id == term.id);
        ++bookings;
      }
    }
  CHECK(bookings == kTerminals * kPushesEach / 2);
  CHECK(ledger.change_count("rejected") == 0);
}
