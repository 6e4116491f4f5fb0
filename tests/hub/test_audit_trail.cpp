// Terminals' audit entries at the hub (sync/hub/audit_trail.hpp): applied once, refused when
// their hash does not match or they do not follow the hub's entry before them.
#include "sync/hub/audit_trail.hpp"

#include <catch2/catch.hpp>

#include "kiosk/core/uuid.hpp"
#include "sync/hub/hub_store.hpp"
#include "tests/core/quiet_log.hpp"
#include "tests/hub/hub_test_support.hpp"

using Status = wk::sync::PushResult::Status;

namespace {

wk::sync::AuditRecord record(std::int64_t seq, const std::string& prev, const std::string& action) {
  wk::sync::AuditRecord r{seq, "2026-12-07T09:00:00.000Z", action, "", prev, ""};
  r.hash = wk::sync::audit_hash(r.seq, r.at, r.action, r.subject, r.prev_hash);
  return r;
}

wk::sync::Change change(std::int64_t seq, const wk::sync::AuditRecord& r) {
  wk::sync::Change c;
  c.change_id = wk::core::uuid_v7();
  c.seq = seq;
  c.entity = "audit";
  c.entity_id = wk::core::uuid_v7();
  c.op = "insert";
  c.created_at = r.at;
  c.payload = wk::sync::write_audit_payload(r);
  return c;
}

}  // namespace

TEST_CASE("audit entries are kept per terminal in order, a changed log is refused with the field", "[hub][audit]") {
  wk::core::test::QuietLog quiet;
  wk::hub::HubStore store(":memory:");
  store.add_terminal("term-1");
  const auto first = record(1, std::string(64, '0'), "login");
  const auto second = record(2, first.hash, "sync_now");
  auto forged = record(3, std::string(64, 'a'), "logout");
  auto bad_hash = record(3, second.hash, "logout");
  bad_hash.hash = std::string(64, 'b');
  auto bad_action = change(5, record(3, second.hash, "logout"));
  bad_action.payload["action"] = "format_disk";
  auto extra = change(6, record(3, second.hash, "logout"));
  extra.payload["name"] = "Reza";
  const wk::sync::PushRequest push{
      "term-1", {change(1, first), change(2, second), change(3, forged), change(4, bad_hash), bad_action, extra}};
  const auto answer = store.apply_push("term-1", push);
  CHECK(answer.results[0].status == Status::applied);
  CHECK(answer.results[1].status == Status::applied);
  CHECK(answer.results[2].reason ==
        "payload.prev_hash: is not the hash of the hub's entry before it (the log was changed)");
  CHECK(answer.results[3].reason == "payload.hash: does not match the entry");
  CHECK(answer.results[4].reason == "payload.action: not an audit action");
  CHECK(answer.results[5].reason.starts_with("payload.payload: holds members besides"));
  const auto trail = store.audit_trail("term-1");
  REQUIRE(trail.size() == 2);
  CHECK(trail[1].record == second);
  // The retry is a duplicate; the same seq under a new change is refused.
  CHECK(store.apply_push("term-1", {"term-1", {push.changes[0]}}).results[0].status == Status::duplicate);
  CHECK(store.apply_push("term-1", {"term-1", {change(7, first)}}).results[0].reason ==
        "payload.seq: received before with another change");
}

TEST_CASE("terminal reports: recorded when well-formed, ignored when not, with last seen and last push", "[hub]") {
  wk::core::test::QuietLog quiet;
  wk::hub::HubStore store(":memory:");
  store.add_terminal("term-1");
  auto info = [&] { return store.list_terminals().at(0); };
  CHECK(info().last_seen_at.empty());
  CHECK(info().queue_depth == -1);
  store.note_terminal("term-1", "pending=12; dead=1; version=0.9.0+deb12");
  CHECK_FALSE(info().last_seen_at.empty());
  CHECK(info().queue_depth == 12);
  CHECK(info().dead_letters == 1);
  CHECK(info().app_version == "0.9.0+deb12");
  for (const char* hostile : {"", "pending=1", "pending=-1; dead=0; version=1",
                              "pending=1; dead=0; version=", "pending=1234567890; dead=0; version=1",
                              "pending=1; dead=0; version=1'; DROP TABLE x", "pending=1; dead=0; version=<script>",
                              "pending=1; dead=0; version=1.0 extra", "PENDING=1; dead=0; version=1"}) {
    INFO(hostile);
    store.note_terminal("term-1", hostile);
    CHECK(info().queue_depth == 12);
    CHECK(info().app_version == "0.9.0+deb12");
  }
  CHECK(info().last_push_at.empty());
  store.apply_push("term-1", {"term-1", {change(1, record(1, std::string(64, '0'), "login"))}});
  CHECK_FALSE(info().last_push_at.empty());
}

TEST_CASE("visit counts per day and week and language, idle resets counted, other terminals apart", "[hub]") {
  wk::core::test::QuietLog quiet;
  wk::hub::HubStore store(":memory:");
  store.add_terminal("term-1");
  store.add_terminal("term-2");
  std::vector<wk::sync::Change> one, two;
  std::int64_t seq = 0;
  auto visit = [&](std::vector<wk::sync::Change>& to, const char* day, const char* language, const char* end) {
    const std::string id = wk::core::uuid_v7();
    to.push_back(wk::hub::test::visit_change(
        ++seq, id, "insert", {{"started_at", std::string(day) + "T09:00:00.000Z"}, {"language", language}}));
    if (end)
      to.push_back(wk::hub::test::visit_change(
          ++seq, id, "update", {{"ended_at", std::string(day) + "T09:05:00.000Z"}, {"end_reason", end}}));
  };
  for (int i = 0; i < 6; ++i) visit(one, "2026-12-07", "ar", i < 2 ? "idle" : "finished");
  visit(one, "2026-12-07", "de", nullptr);
  visit(one, "2026-12-08", "ar", "idle");
  visit(two, "2026-12-07", "ar", "finished");
  REQUIRE(store.apply_push("term-1", {"term-1", one}).results.size() == one.size());
  seq = 0;
  store.apply_push("term-2", {"term-2", two});
  using VC = wk::hub::HubStore::VisitCount;
  auto as_tuple = [](const VC& c) { return std::make_tuple(c.period, c.language, c.visits, c.idle_resets); };
  const auto daily = store.visit_counts(false, "term-1");
  REQUIRE(daily.size() == 3);
  CHECK(as_tuple(daily[0]) ==
        std::make_tuple(std::string("2026-12-07"), std::string("ar"), std::int64_t{6}, std::int64_t{2}));
  CHECK(as_tuple(daily[1]) ==
        std::make_tuple(std::string("2026-12-07"), std::string("de"), std::int64_t{1}, std::int64_t{0}));
  CHECK(as_tuple(daily[2]) ==
        std::make_tuple(std::string("2026-12-08"), std::string("ar"), std::int64_t{1}, std::int64_t{1}));
  const auto weekly = store.visit_counts(true, "");
  REQUIRE(weekly.size() == 2);
  CHECK(as_tuple(weekly[0]) ==
        std::make_tuple(std::string("2026-W49"), std::string("ar"), std::int64_t{8}, std::int64_t{3}));
}
