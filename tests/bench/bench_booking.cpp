// bench_booking: T terminal clients (default 50) book courses at the same time against one hub
// on loopback (HubServer over TLS in this process, its own SQLite file). Each client behaves as
// a terminal does: it pulls (the catalog page carries its allotments), then pushes bookings of
// 1..3 people in 1..2 courses — "allotted" where its allotment covers them, else a request —
// with a pull after every few bookings. The courses are scarce (C courses, capacity 12 each)
// so that allotments, waiting lists and the last seats are all in play.
//
// Prints: bookings per second, push and pull latency p50/p99, the states the hub gave, the
// overbookings (confirmed beyond capacity: must be 0), breaches of the ledger's invariant and
// bookings a client confirmed from its allotment that the hub did not confirm. Asserts nothing.
//
// Usage: bench_booking [--clients T] [--bookings B (per client)] [--courses C]
#include "../sync/sync_rig.hpp"
#include "bench_common.hpp"

#include "kiosk/core/log.hpp"
#include "kiosk/core/uuid.hpp"

#include <httplib.h>

#include <atomic>
#include <map>
#include <mutex>
#include <random>

namespace {

using namespace wk;
using Clock = std::chrono::steady_clock;
using nlohmann::json;
constexpr const char* kProg = "bench_booking";

struct ClientResult {
  std::vector<double> push_ms, pull_ms;
  std::vector<std::string> allotted_ids, all_ids;
  int errors = 0;
};

int run(int argc, char** argv) {
  int clients = 50, per_client = 40, courses = 40;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--clients" && i + 1 < argc) {
      clients = bench::positive_int(kProg, a, argv[++i]);
    } else if (a == "--bookings" && i + 1 < argc) {
      per_client = bench::positive_int(kProg, a, argv[++i]);
    } else if (a == "--courses" && i + 1 < argc) {
      courses = bench::positive_int(kProg, a, argv[++i]);
    } else {
      std::cerr << "Usage: " << kProg << " [--clients T] [--bookings B] [--courses C]\n";
      return 2;
    }
  }
  core::log::set_level(core::log::Level::error);
  std::printf("== bench_booking: %d terminals booking at once against one hub on loopback (TLS) ==\n", clients);

  bench::TempDir dir;
  wk::test::TestPki pki(dir.path() / "pki");
  const auto leaf = pki.issue("hub", {"localhost"}, {"127.0.0.1"});
  hub::HubStore store(dir.path() / "hub.db");
  std::vector<std::pair<std::string, json>> items;
  for (int c = 0; c < courses; ++c)
    items.emplace_back(
        "c-" + std::to_string(c),
        json{{"title", {{"de", "Kurs " + std::to_string(c)}}}, {"course_type", "job_basic_b1"}, {"capacity", 12}});
  store.upsert_items("course", items, false);
  std::vector<std::string> tokens;
  for (int t = 0; t < clients; ++t) tokens.push_back(store.add_terminal("bench-" + std::to_string(t)));
  hub::ServeOptions so;
  so.port = 0;
  so.cert_file = leaf.cert_file;
  so.key_file = leaf.key_file;
  so.threads = 8;
  hub::HubServer server(store, so);
  server.start();

  std::vector<ClientResult> results(static_cast<std::size_t>(clients));
  std::atomic<bool> go{false};
  std::vector<std::thread> threads;
  for (int t = 0; t < clients; ++t) {
    threads.emplace_back([&, t] {
      ClientResult& r = results[static_cast<std::size_t>(t)];
      const std::string terminal = "bench-" + std::to_string(t);
      httplib::SSLClient cli("localhost", server.port());
      cli.set_ca_cert_path(pki.ca_file().c_str());
      cli.enable_server_certificate_verification(true);
      cli.set_read_timeout(60);
      const httplib::Headers headers{{"Wk-Protocol", "1"},
                                     {"Authorization", "Bearer " + tokens[static_cast<std::size_t>(t)]}};
      std::mt19937 rng(static_cast<unsigned>(1000 + t));
      std::map<std::string, std::int64_t> allotment;
      int unsent_allotted = 0;
      auto pull = [&] {
        const auto t0 = Clock::now();
        auto res = cli.Get("/v1/catalog?limit=5000&pending=" + std::string(unsent_allotted ? "1" : "0"), headers);
        r.pull_ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
        if (!res || res->status != 200) {
          ++r.errors;
          return;
        }
        const auto page = sync::parse_catalog_response(res->body);
        allotment.clear();
        for (const auto& a : page.allotments) allotment[a.course_id] = a.seats;
      };
      while (!go) std::this_thread::yield();
      pull();
      std::int64_t seq = 0;
      for (int b = 0; b < per_client; ++b) {
        std::map<std::string, std::int64_t> need;
        json lines = json::array();
        const int people = 1 + static_cast<int>(rng() % 3);
        const std::string first = "c-" + std::to_string(rng() % static_cast<unsigned>(courses));
        const std::string second = "c-" + std::to_string(rng() % static_cast<unsigned>(courses));
        for (int p = 0; p < people; ++p) {
          const std::string& course = (p == 0 || rng() % 2) ? first : second;
          lines.push_back({{"course_id", course}, {"person", p}});
          ++need[course];
        }
        bool allotted = true;
        for (const auto& [course, n] : need) allotted = allotted && allotment[course] >= n;
        if (allotted)
          for (const auto& [course, n] : need) allotment[course] -= n;
        const std::string id = core::uuid_v7();
        json payload = {{"id", id},
                        {"created_at", "2026-12-06T10:00:00.000Z"},
                        {"terminal_id", terminal},
                        {"code", "K7QM-4XRT-X"},
                        {"lines", lines}};
        if (allotted) payload["allotted"] = true;
        sync::PushRequest req{
            terminal,
            {sync::Change{core::uuid_v7(), ++seq, "booking", id, "insert", "2026-12-06T10:00:00.000Z", payload}}};
        const auto t0 = Clock::now();
        auto res = cli.Post("/v1/push", headers, sync::to_json(req), "application/json");
        r.push_ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
        if (!res || res->status != 200) {
          ++r.errors;
          continue;
        }
        r.all_ids.push_back(id);
        if (allotted) r.allotted_ids.push_back(id);
        if (b % 5 == 4) pull();
      }
    });
  }
  const auto t0 = Clock::now();
  go = true;
  for (auto& th : threads) th.join();
  const double seconds = std::chrono::duration<double>(Clock::now() - t0).count();
  server.stop();

  std::vector<double> push_ms, pull_ms;
  std::size_t total = 0;
  int errors = 0, broken_promises = 0;
  std::map<std::string, int> states;
  for (const auto& r : results) {
    push_ms.insert(push_ms.end(), r.push_ms.begin(), r.push_ms.end());
    pull_ms.insert(pull_ms.end(), r.pull_ms.begin(), r.pull_ms.end());
    total += r.all_ids.size();
    errors += r.errors;
    for (const auto& id : r.all_ids) ++states[store.find_booking(id)->state];
    for (const auto& id : r.allotted_ids)
      if (store.find_booking(id)->state != "confirmed") ++broken_promises;
  }
  std::int64_t overbooked = 0, confirmed = 0, capacity = 0;
  for (const auto& f : store.course_figures()) {
    overbooked += std::max<std::int64_t>(0, f.confirmed - f.capacity);
    confirmed += f.confirmed;
    capacity += f.capacity;
  }
  const auto problems = store.check_ledger();
  std::printf("  %d clients x %d bookings, %d courses x 12 seats, 8 hub threads\n", clients, per_client, courses);
  std::printf("  bookings      %zu in %s s = %s bookings/s   (request errors %d)\n", total,
              bench::fixed(seconds, 2).c_str(), bench::fixed(static_cast<double>(total) / seconds, 0).c_str(), errors);
  std::printf("  push latency  p50 %s ms   p99 %s ms   max %s ms\n",
              bench::fixed(bench::percentile(push_ms, 50), 1).c_str(),
              bench::fixed(bench::percentile(push_ms, 99), 1).c_str(), bench::fixed(bench::max_of(push_ms), 1).c_str());
  std::printf("  pull latency  p50 %s ms   p99 %s ms   (%zu pulls, allotments included)\n",
              bench::fixed(bench::percentile(pull_ms, 50), 1).c_str(),
              bench::fixed(bench::percentile(pull_ms, 99), 1).c_str(), pull_ms.size());
  std::printf("  states       ");
  for (const auto& [s, n] : states) std::printf(" %s %d", s.c_str(), n);
  std::printf("\n  seats         %lld confirmed of %lld\n", static_cast<long long>(confirmed),
              static_cast<long long>(capacity));
  std::printf("  overbookings  %lld   ledger breaches %zu   seats promised on the spot but not confirmed %d\n",
              static_cast<long long>(overbooked), problems.size(), broken_promises);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return run(argc, argv);
  } catch (const std::exception& e) {
    std::cerr << kProg << ": " << e.what() << "\n";
    return 1;
  }
}
