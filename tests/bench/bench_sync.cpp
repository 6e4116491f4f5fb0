// bench_sync: the sync engine against a real hub on loopback (HubServer over TLS in the same
// process, its own SQLite file; the terminal's store in another file):
//   push  N queued registrations (default 10,000, each with one family member) — run_sync from
//         a full outbox to an empty one;
//   pull  a catalog of C contact persons and K courses (default 50,000 and 5,000) into an
//         empty terminal — run_sync from cursor "" to the end.
// For each: wall time, HTTP requests, bytes sent and received by the terminal (bodies as on
// the wire, gzip), and the outcome. Target (issue 4): under 10 s each. Asserts nothing.
//
// Usage: bench_sync [--registrations N] [--contacts C] [--courses K]
#include "../sync/sync_rig.hpp"
#include "bench_common.hpp"

#include "kiosk/core/catalog.hpp"
#include "kiosk/core/log.hpp"
#include "kiosk/core/outbox.hpp"

#include <chrono>
#include <cstdio>
#include <iostream>

namespace {

using namespace wk;
using Clock = std::chrono::steady_clock;
constexpr const char* kProg = "bench_sync";

void report(const char* what, double seconds, const sync::SyncReport& r) {
  std::printf("  %-5s %8.2f s   %5llu requests   %9.1f KiB sent   %9.1f KiB received   outcome %s%s%s\n", what, seconds,
              static_cast<unsigned long long>(r.transfer.requests), r.transfer.bytes_sent / 1024.0,
              r.transfer.bytes_received / 1024.0, sync::to_string(r.outcome), r.message.empty() ? "" : ": ",
              r.message.c_str());
}

int run(int argc, char** argv) {
  int registrations = 10000, contacts = 50000, courses = 5000;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--registrations" && i + 1 < argc) {
      registrations = bench::positive_int(kProg, a, argv[++i]);
    } else if (a == "--contacts" && i + 1 < argc) {
      contacts = bench::positive_int(kProg, a, argv[++i]);
    } else if (a == "--courses" && i + 1 < argc) {
      courses = bench::positive_int(kProg, a, argv[++i]);
    } else {
      std::cerr << "Usage: " << kProg << " [--registrations N] [--contacts C] [--courses K]\n";
      return 2;
    }
  }
  core::log::set_level(core::log::Level::warn);
  std::printf("== bench_sync: push and pull against a hub on loopback (TLS, gzip) ==\n");

  {
    sync::test::Rig rig;
    sync::test::commit_registrations(rig.store, registrations, "Bench");
    std::printf("  push: %d queued registrations (1 family member each), batches of %zu\n", registrations,
                sync::kMaxBatch);
    const auto t0 = Clock::now();
    const sync::SyncReport r = rig.sync();
    const double s = std::chrono::duration<double>(Clock::now() - t0).count();
    report("push", s, r);
    std::printf("        hub holds %lld registrations; terminal outbox pending %lld\n",
                static_cast<long long>(rig.hub_store->registration_count()),
                static_cast<long long>(core::pending_count(rig.store.db())));
  }
  {
    sync::test::Rig rig;
    std::vector<std::pair<std::string, nlohmann::json>> items;
    items.reserve(static_cast<std::size_t>(contacts));
    for (int i = 0; i < contacts; ++i) {
      items.emplace_back("p-" + std::to_string(i),
                         nlohmann::json{{"name", "Contact Person " + std::to_string(i)},
                                        {"organisation_id", "o-" + std::to_string(i % 50)},
                                        {"role", {{"de", "Beratung"}, {"en", "Counselling"}}},
                                        {"languages", {"de", "en", "ar"}},
                                        {"phone", "+49 30 " + std::to_string(1000000 + i)},
                                        {"email", "person" + std::to_string(i) + "@example.org"}});
    }
    rig.hub_store->upsert_items("contact_person", items, false);
    items.clear();
    for (int i = 0; i < courses; ++i) {
      items.emplace_back("c-" + std::to_string(i), nlohmann::json{{"title",
                                                                   {{"de", "Deutsch B1 Kurs " + std::to_string(i)},
                                                                    {"ar", "الألمانية B1 دورة " + std::to_string(i)}}},
                                                                  {"course_type", "job_basic_b1"},
                                                                  {"starts_on", "2027-01-11"},
                                                                  {"ends_on", "2027-06-30"},
                                                                  {"capacity", 16 + i % 17}});
    }
    rig.hub_store->upsert_items("course", items, false);
    std::printf("  pull: %d contact persons + %d courses into an empty terminal, pages of %d\n", contacts, courses,
                sync::kPullPageSize);
    const auto t0 = Clock::now();
    const sync::SyncReport r = rig.sync();
    const double s = std::chrono::duration<double>(Clock::now() - t0).count();
    report("pull", s, r);
    std::printf("        terminal holds %lld contact persons and %lld courses\n",
                static_cast<long long>(core::catalog_count(rig.store.db(), "contact_person")),
                static_cast<long long>(core::catalog_count(rig.store.db(), "course")));
  }
  std::printf("  target: under 10 s each\n");
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
