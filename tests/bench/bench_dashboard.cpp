// bench_dashboard: the operators' dashboard of a large region — 200 terminals, a year of their
// daily usage counts, 300 courses — served by a real hub on loopback over TLS to a signed-in
// browser-like client. Target: the overview in under 100 ms p99 (by day and by week).
//
// Prints: how the data was made and how long that took, then per page (overview by day, by
// week, the usage CSV over the whole year): requests, p50 / p99 / max milliseconds, bytes.
// Nothing is asserted; a request that fails stops the benchmark with a non-zero exit.
//
// Usage: bench_dashboard [--terminals N] [--days D] [--requests R]
#include "../hub/hub_test_support.hpp"
#include "../support/paths.hpp"
#include "../support/test_pki.hpp"
#include "bench_common.hpp"

#include "kiosk/core/log.hpp"
#include "kiosk/core/time.hpp"
#include "kiosk/core/uuid.hpp"
#include "sync/hub/dashboard/operator_accounts.hpp"
#include "sync/hub/hub_server.hpp"
#include "sync/protocol/usage_payload.hpp"

#include <httplib.h>

#include <regex>

namespace bench = wk::bench;
namespace hub = wk::hub;
using Clock = std::chrono::steady_clock;

namespace {

constexpr const char* kProg = "bench_dashboard";

// One terminal's counts of one day: about 25 metric/key pairs, as a busy terminal sends.
wk::sync::UsageDay day_counts(const std::string& day, int terminal, int d) {
  wk::sync::UsageDay u{day, {}};
  static const char* kLanguages[] = {"de", "ar", "uk", "tr", "fa", "ru", "en", "ro"};
  static const char* kGroups[] = {"skilled_worker", "family_member", "student", "resident_seeking_match"};
  static const char* kTypes[] = {"integration_general", "job_basic_b1", "family", "literacy"};
  static const char* kTopics[] = {"residence", "work", "recognition", "housing"};
  const int base = 3 + (terminal * 7 + d * 3) % 17;
  for (const char* l : kLanguages) u.counts.push_back({"visits", l, base + (l[0] % 5)});
  for (const char* l : {"ar", "uk"}) u.counts.push_back({"idle_resets", l, 1 + d % 3});
  for (const char* g : kGroups) u.counts.push_back({"registrations", std::string(g) + ":ar", 1 + (d + terminal) % 6});
  for (const char* t : kTypes) u.counts.push_back({"bookings", t, 1 + (d * terminal) % 7});
  u.counts.push_back({"waitlist", "integration_general", d % 4});
  for (const char* t : kTopics) u.counts.push_back({"searches", t, 2 + d % 9});
  u.counts.push_back({"abandoned", "register-personal", 1 + d % 2});
  return u;
}

}  // namespace

int main(int argc, char** argv) {
  int terminals = 200, days = 365, requests = 200;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    auto next = [&](int lo, int hi) {
      if (i + 1 >= argc) throw std::invalid_argument(a + " needs a number");
      const int v = std::stoi(argv[++i]);
      if (v < lo || v > hi) throw std::invalid_argument(a + ": out of range");
      return v;
    };
    if (a == "--terminals") {
      terminals = next(1, 5000);
    } else if (a == "--days") {
      days = next(1, 3650);
    } else if (a == "--requests") {
      requests = next(10, 100000);
    } else {
      std::cerr << "Usage: " << kProg << " [--terminals N] [--days D] [--requests R]\n";
      return 2;
    }
  }
  wk::core::log::set_level(wk::core::log::Level::error);
  std::printf("== bench_dashboard: %d terminals, %d days of usage counts, the dashboard over TLS on loopback ==\n",
              terminals, days);

  bench::TempDir dir;
  wk::test::TestPki pki(dir.path() / "pki");
  const auto leaf = pki.issue("hub", {"localhost"}, {"127.0.0.1"});
  hub::HubStore store(dir.path() / "hub.db");

  // The region's data, pushed as terminals push it: a day per change, a terminal's year in batches.
  const auto t_fill = Clock::now();
  std::vector<std::pair<std::string, nlohmann::json>> courses;
  for (int c = 0; c < 300; ++c)
    courses.emplace_back("c-" + std::to_string(c),
                         nlohmann::json{{"title", {{"de", "Kurs " + std::to_string(c)}}},
                                        {"course_type", c % 2 ? "integration_general" : "job_basic_b1"},
                                        {"capacity", 12 + c % 10}});
  store.upsert_items("course", courses, false);
  const auto now = std::chrono::system_clock::now();
  std::int64_t changes = 0;
  for (int t = 0; t < terminals; ++t) {
    const std::string id = "wc-" + std::to_string(t);
    store.add_terminal(id);
    std::int64_t seq = 0;
    for (int from = 0; from < days; from += 365) {
      wk::sync::PushRequest push{id, {}};
      for (int d = from; d < std::min(days, from + 365); ++d) {
        const std::string day = wk::core::to_iso8601(now - std::chrono::hours(24) * d).substr(0, 10);
        push.changes.push_back(
            wk::hub::test::usage_change(++seq, wk::sync::write_usage_payload(day_counts(day, t, d))));
      }
      changes += static_cast<std::int64_t>(push.changes.size());
      store.apply_push(id, push);
    }
    store.note_terminal(id, "pending=" + std::to_string(t % 3) + "; dead=" + std::to_string(t % 11 == 0) +
                                "; version=0.9." + std::to_string(t % 4));
  }
  store.locked([&](wk::core::Database& db) {
    hub::set_operator(db, "anna", "correct horse battery", now);
    return 0;
  });
  std::printf("  data: %lld usage days pushed, %zu courses, in %s s\n", static_cast<long long>(changes), courses.size(),
              bench::fixed(std::chrono::duration<double>(Clock::now() - t_fill).count(), 1).c_str());

  hub::ServeOptions so;
  so.port = 0;
  so.cert_file = leaf.cert_file;
  so.key_file = leaf.key_file;
  so.threads = 4;
  so.dashboard_texts = wk::test::source_dir() / "locales" / "dashboard";
  hub::HubServer server(store, so);
  server.start();

  httplib::SSLClient cli("localhost", server.port());
  cli.set_ca_cert_path(pki.ca_file().c_str());
  cli.enable_server_certificate_verification(true);
  cli.set_keep_alive(true);
  cli.set_read_timeout(60);
  auto form = cli.Get("/dashboard/login");
  std::smatch m;
  std::string set_cookie = form ? form->get_header_value("Set-Cookie") : "";
  if (!std::regex_search(set_cookie, m, std::regex("__Host-wk_login=([0-9a-f]{64})"))) {
    std::cerr << kProg << ": no sign-in form\n";
    return 1;
  }
  const std::string login = m[1].str();
  auto signed_in = cli.Post("/dashboard/login", {{"Cookie", "__Host-wk_login=" + login}},
                            httplib::Params{{"name", "anna"}, {"password", "correct horse battery"}, {"csrf", login}});
  set_cookie = signed_in ? signed_in->get_header_value("Set-Cookie") : "";
  if (!signed_in || signed_in->status != 303 ||
      !std::regex_search(set_cookie, m, std::regex("__Host-wk_session=[0-9a-f]{64}"))) {
    std::cerr << kProg << ": signing in failed\n";
    return 1;
  }
  const httplib::Headers session{{"Cookie", m[0].str()}};

  auto measure = [&](const char* what, const std::string& path, int n) {
    std::vector<double> ms;
    std::size_t bytes = 0;
    for (int i = 0; i < n; ++i) {
      const auto t0 = Clock::now();
      auto res = cli.Get(path, session);
      ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
      if (!res || res->status != 200) {
        std::cerr << kProg << ": " << path << " failed\n";
        std::exit(1);
      }
      bytes = res->body.size();
    }
    std::printf("  %-28s %5d requests   p50 %7s ms   p99 %7s ms   max %7s ms   %zu bytes\n", what, n,
                bench::fixed(bench::percentile(ms, 50), 1).c_str(), bench::fixed(bench::percentile(ms, 99), 1).c_str(),
                bench::fixed(bench::max_of(ms), 1).c_str(), bytes);
  };
  measure("overview by day (31 days)", "/dashboard?period=day", requests);
  measure("overview by week (26 weeks)", "/dashboard?period=week", requests);
  measure("usage CSV, every day", "/dashboard/csv/usage", std::max(10, requests / 10));
  std::printf("  target: overview p99 < 100 ms\n");
  server.stop();
  return 0;
}
