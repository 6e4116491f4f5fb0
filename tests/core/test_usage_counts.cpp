// The terminal's anonymous daily usage counts (kiosk/core/usage_counts.hpp): counted inside the
// events they count, queued as one change per changed day before they reach the hub, and
// nothing but codes as keys.
#include "kiosk/core/usage_counts.hpp"

#include <catch2/catch.hpp>

#include "kiosk/core/outbox.hpp"
#include "kiosk/core/registration.hpp"
#include "kiosk/core/retention.hpp"
#include "kiosk/core/store.hpp"
#include "kiosk/core/time.hpp"
#include "kiosk/core/visits.hpp"
#include "sync/protocol/usage_payload.hpp"
#include "tests/core/quiet_log.hpp"
#include "tests/core/registration_samples.hpp"
#include "tests/support/scalar.hpp"
#include "tests/support/temp_dir.hpp"

using namespace wk::core;
using wk::test::scalar;

namespace {

std::int64_t count_of(Database& db, const std::string& metric, const std::string& key) {
  for (const UsageRow& r : usage_rows(db))
    if (r.metric == metric && r.key == key) return r.count;
  return 0;
}

}  // namespace

TEST_CASE("visits, idle resets, abandoned steps and registrations are counted by code", "[usage]") {
  test::QuietLog quiet;
  wk::test::TempDir dir;
  Store store = Store::open(dir / "kiosk.db");
  const std::string a = start_visit(store, "ar");
  const std::string b = start_visit(store, "ar");
  start_visit(store, "de");
  CHECK(count_of(store.db(), "visits", "ar") == 2);
  CHECK(count_of(store.db(), "visits", "de") == 1);
  CHECK(end_visit(store, a, "idle", "register-personal"));
  CHECK(end_visit(store, b, "finished", "register-personal"));
  CHECK(count_of(store.db(), "idle_resets", "ar") == 1);
  CHECK(count_of(store.db(), "abandoned", "register-personal") == 1);  // the finished one is not abandoned
  CHECK_THROWS_AS(end_visit(store, b, "idle", "Reza's screen"), std::invalid_argument);

  commit_registration(store, test::sample_registration(), test::sample_consent(), "t-1");
  const std::string key = "skilled_worker:" + test::sample_consent().language;
  CHECK(count_of(store.db(), "registrations", key) == 1);
  // Nothing queued for the hub yet: the outbox holds the visits and the registration only.
  CHECK(scalar(store.db(), "SELECT count(*) FROM outbox WHERE entity = 'usage'") == 0);
}

TEST_CASE("queue_usage sends each changed day once, whole, and only when it changed again", "[usage]") {
  test::QuietLog quiet;
  wk::test::TempDir dir;
  Store store = Store::open(dir / "kiosk.db");
  const auto monday = *from_iso8601("2026-12-07T10:00:00.000Z");
  const auto tuesday = *from_iso8601("2026-12-08T10:00:00.000Z");
  count_usage(store, "searches", "housing", monday);
  count_usage(store, "searches", "housing", monday);
  count_usage(store, "searches_empty", "housing", monday);
  count_usage(store, "searches", "work", tuesday);
  CHECK(queue_usage(store) == 2);
  CHECK(queue_usage(store) == 0);
  const auto entries = pending(store.db(), 10);
  REQUIRE(entries.size() == 2);
  const auto first = wk::sync::parse_usage_payload(nlohmann::json::parse(entries[0].payload));
  CHECK(first.day == "2026-12-07");
  CHECK(first.counts == std::vector<wk::sync::UsageCount>{{"searches", "housing", 2}, {"searches_empty", "housing", 1}});
  CHECK(entries[0].entity == "usage");
  CHECK(entries[0].op == "update");
  // The day keeps its entity id; a later change of the day is sent whole again.
  count_usage(store, "searches", "housing", monday);
  CHECK(queue_usage(store) == 1);
  const auto again = pending(store.db(), 10);
  REQUIRE(again.size() == 3);
  CHECK(again[2].entity_id == entries[0].entity_id);
  CHECK(wk::sync::parse_usage_payload(nlohmann::json::parse(again[2].payload)).counts.at(0).count == 3);
}

TEST_CASE("an unknown metric, a free-text key or a zero step is refused and writes nothing", "[usage]") {
  test::QuietLog quiet;
  wk::test::TempDir dir;
  Store store = Store::open(dir / "kiosk.db");
  const auto now = std::chrono::system_clock::now();
  CHECK_THROWS_AS(count_usage(store, "names", "x", now), std::invalid_argument);
  CHECK_THROWS_AS(count_usage(store, "searches", "Bahnhofstraße 5", now), std::invalid_argument);
  CHECK_THROWS_AS(count_usage(store, "searches", std::string(65, 'a'), now), std::invalid_argument);
  CHECK_THROWS_AS(store.transact([&](Database& db) { count_usage(db, "searches", "work", 0, now); }),
                  std::invalid_argument);
  CHECK(usage_rows(store.db()).empty());
  CHECK(queue_usage(store) == 0);
}

TEST_CASE("retention drops usage days sent and two days over, never today's or an unsent one", "[usage]") {
  test::QuietLog quiet;
  wk::test::TempDir dir;
  Store store = Store::open(dir / "kiosk.db");
  const auto now = *from_iso8601("2026-12-07T10:00:00.000Z");
  count_usage(store, "searches", "work", now - std::chrono::hours(24 * 10));
  count_usage(store, "searches", "work", now - std::chrono::hours(24));
  count_usage(store, "searches", "work", now);
  queue_usage(store);
  count_usage(store, "searches", "housing", now - std::chrono::hours(24 * 5));  // not sent yet
  purge_acknowledged(store, std::chrono::seconds(0), now);
  std::vector<std::string> days;
  for (const UsageRow& r : usage_rows(store.db())) days.push_back(r.day);
  CHECK(days == std::vector<std::string>{"2026-12-02", "2026-12-06", "2026-12-07"});
}
