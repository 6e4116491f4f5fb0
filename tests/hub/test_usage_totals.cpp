// The terminals' daily usage counts at the hub (sync/hub/usage_totals.hpp): each terminal's newest
// figures of a day replace its earlier ones, the region's totals follow, and a payload the
// protocol refuses changes nothing.
#include "sync/hub/usage_totals.hpp"

#include <catch2/catch.hpp>

#include "kiosk/core/uuid.hpp"
#include "sync/hub/hub_store.hpp"
#include "sync/protocol/usage_payload.hpp"
#include "tests/core/quiet_log.hpp"
#include "tests/hub/hub_test_support.hpp"

using Status = wk::sync::PushResult::Status;

namespace {

nlohmann::json day(const std::string& d, std::vector<wk::sync::UsageCount> counts) {
  return wk::sync::write_usage_payload({d, std::move(counts)});
}

std::int64_t total(wk::hub::HubStore& store, bool weekly, const std::string& period, const std::string& metric,
                   const std::string& key) {
  for (const auto& t : store.usage_totals(weekly, ""))
    if (t.period == period && t.metric == metric && t.key == key) return t.count;
  return 0;
}

}  // namespace

TEST_CASE("a terminal's newest counts of a day replace its earlier ones and the totals follow", "[hub][usage]") {
  wk::core::test::QuietLog quiet;
  wk::hub::HubStore store(":memory:");
  store.add_terminal("t-1");
  store.add_terminal("t-2");
  auto push = [&](const std::string& terminal, std::int64_t seq, const nlohmann::json& payload) {
    return store.apply_push(terminal, {terminal, {wk::hub::test::usage_change(seq, payload)}}).results.at(0);
  };
  CHECK(push("t-1", 1, day("2026-12-07", {{"visits", "ar", 3}, {"visits", "de", 1}})).status == Status::applied);
  CHECK(push("t-2", 1, day("2026-12-07", {{"visits", "ar", 4}})).status == Status::applied);
  CHECK(total(store, false, "2026-12-07", "visits", "ar") == 7);
  // The same day again from t-1, grown: replaces, never adds.
  CHECK(push("t-1", 2, day("2026-12-07", {{"visits", "ar", 5}, {"registrations", "skilled_worker:ar", 1}})).status ==
        Status::applied);
  CHECK(total(store, false, "2026-12-07", "visits", "ar") == 9);
  CHECK(total(store, false, "2026-12-07", "visits", "de") == 0);
  CHECK(total(store, false, "2026-12-07", "registrations", "skilled_worker:ar") == 1);
  // Another day of the same week adds up in the week (2026-12-07 is a Monday: week 49 by %W).
  CHECK(push("t-2", 2, day("2026-12-08", {{"visits", "ar", 2}})).status == Status::applied);
  CHECK(total(store, true, "2026-W49", "visits", "ar") == 11);
  CHECK(store.usage_totals(false, "2026-12-08").size() == 1);
}

TEST_CASE("a usage payload the protocol refuses is rejected with its reason and changes nothing", "[hub][usage]") {
  wk::core::test::QuietLog quiet;
  wk::hub::HubStore store(":memory:");
  store.add_terminal("t-1");
  const std::vector<std::pair<nlohmann::json, std::string>> bad{
      {{{"day", "2026-02-30"}, {"counts", nlohmann::json::array()}}, "day:"},
      {{{"day", "2026-12-07"}, {"counts", {{{"metric", "names"}, {"key", "x"}, {"count", 1}}}}}, "metric"},
      {{{"day", "2026-12-07"}, {"counts", {{{"metric", "visits"}, {"key", "Reza Ahmadi"}, {"count", 1}}}}}, "key"},
      {{{"day", "2026-12-07"}, {"counts", {{{"metric", "visits"}, {"key", "ar"}, {"count", -1}}}}}, "count"},
      {{{"day", "2026-12-07"}, {"counts", {{{"metric", "visits"}, {"key", "ar"}, {"count", 1.5}}}}}, "count"},
      {{{"day", "2026-12-07"},
        {"counts",
         {{{"metric", "visits"}, {"key", "ar"}, {"count", 1}}, {{"metric", "visits"}, {"key", "ar"}, {"count", 2}}}}},
       "twice"},
      {{{"day", "2026-12-07"}, {"counts", nlohmann::json::array()}, {"note", "free text"}}, "unknown field"},
      {nlohmann::json::array(), "object"},
  };
  std::int64_t seq = 0;
  for (const auto& [payload, why] : bad) {
    INFO(payload.dump());
    const auto r = store.apply_push("t-1", {"t-1", {wk::hub::test::usage_change(++seq, payload)}}).results.at(0);
    CHECK(r.status == Status::rejected);
    CHECK(r.reason.find(why) != std::string::npos);
  }
  nlohmann::json many = {{"day", "2026-12-07"}, {"counts", nlohmann::json::array()}};
  for (int i = 0; i < 513; ++i)
    many["counts"].push_back({{"metric", "visits"}, {"key", "k" + std::to_string(i)}, {"count", 1}});
  CHECK(store.apply_push("t-1", {"t-1", {wk::hub::test::usage_change(++seq, many)}}).results.at(0).status ==
        Status::rejected);
  auto wrong_op = wk::hub::test::usage_change(++seq, day("2026-12-07", {{"visits", "ar", 1}}));
  wrong_op.op = "delete";
  CHECK(store.apply_push("t-1", {"t-1", {wrong_op}}).results.at(0).status == Status::rejected);
  CHECK(store.usage_totals(false, "").empty());
}
