// Tests for kiosk/core/outbox and kiosk/core/visits: each visit action writes its row and its
// outbox entry together or not at all, and no-op actions write nothing.
#include "kiosk/core/outbox.hpp"
#include "kiosk/core/store.hpp"
#include "kiosk/core/uuid.hpp"
#include "kiosk/core/visits.hpp"

#include "tests/support/temp_dir.hpp"

#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <stdexcept>

using namespace wk::core;
using nlohmann::json;

namespace {

std::int64_t scalar(Database& db, const std::string& sql) {
  Statement st = db.prepare(sql);
  REQUIRE(st.step());
  return st.column_int64(0);
}

std::int64_t visit_rows(Store& s) {
  return scalar(s.db(), "SELECT count(*) FROM visits");
}
std::int64_t outbox_rows(Store& s) {
  return scalar(s.db(), "SELECT count(*) FROM outbox");
}

struct VisitRow {
  std::string language, ended_at, end_reason;
  bool ended = false;
};

VisitRow read_visit(Store& s, const std::string& id) {
  Statement st = s.db().prepare("SELECT language, ended_at, end_reason FROM visits WHERE id = ?1");
  st.bind(1, id);
  REQUIRE(st.step());
  return {st.column_text(0), st.column_text(1), st.column_text(2), !st.column_is_null(1)};
}

}  // namespace

TEST_CASE("start_visit writes exactly one visit row and one outbox entry", "[visits]") {
  test::TempDir dir;
  Store store = Store::open(dir / "kiosk.db");
  const std::string id = start_visit(store, "uk");
  CHECK(is_uuid_v7(id));
  CHECK(visit_rows(store) == 1);
  CHECK(outbox_rows(store) == 1);
  CHECK(read_visit(store, id).language == "uk");
  CHECK_FALSE(read_visit(store, id).ended);

  const auto entries = pending(store.db(), 10);
  REQUIRE(entries.size() == 1);
  const OutboxEntry& e = entries[0];
  CHECK(is_uuid_v7(e.change_id));
  CHECK(e.change_id != id);
  CHECK(e.entity == "visit");
  CHECK(e.entity_id == id);
  CHECK(e.op == "insert");
  CHECK(e.attempts == 0);
  CHECK(e.created_at.size() == 24);
  const json payload = json::parse(e.payload);
  CHECK(payload.at("id") == id);
  CHECK(payload.at("language") == "uk");
  CHECK(payload.at("started_at").get<std::string>().size() == 24);
  CHECK(payload.size() == 3);
}

TEST_CASE("if the outbox insert fails, start_visit writes nothing", "[visits]") {
  test::TempDir dir;
  Store store = Store::open(dir / "kiosk.db");
  store.db().exec("CREATE TEMP TRIGGER fail_outbox BEFORE INSERT ON outbox BEGIN SELECT RAISE(ABORT, 'x'); END;");
  CHECK_THROWS_AS(start_visit(store, "de"), SqliteError);
  CHECK_FALSE(store.db().in_transaction());
  CHECK(visit_rows(store) == 0);
  CHECK(outbox_rows(store) == 0);

  store.db().exec("DROP TRIGGER fail_outbox");
  start_visit(store, "de");
  CHECK(visit_rows(store) == 1);
  CHECK(outbox_rows(store) == 1);
}

TEST_CASE("if the outbox insert fails, end_visit and set_visit_language write nothing", "[visits]") {
  test::TempDir dir;
  Store store = Store::open(dir / "kiosk.db");
  const std::string id = start_visit(store, "de");
  store.db().exec("CREATE TEMP TRIGGER fail_outbox BEFORE INSERT ON outbox BEGIN SELECT RAISE(ABORT, 'x'); END;");
  CHECK_THROWS_AS(set_visit_language(store, id, "ar"), SqliteError);
  CHECK_THROWS_AS(end_visit(store, id, "idle"), SqliteError);
  const VisitRow row = read_visit(store, id);
  CHECK(row.language == "de");
  CHECK_FALSE(row.ended);
  CHECK(outbox_rows(store) == 1);
}

TEST_CASE("end_visit writes once, a second call or an unknown id writes nothing", "[visits]") {
  test::TempDir dir;
  Store store = Store::open(dir / "kiosk.db");
  const std::string id = start_visit(store, "fa");

  CHECK(end_visit(store, id, "finished"));
  const VisitRow row = read_visit(store, id);
  CHECK(row.ended);
  CHECK(row.end_reason == "finished");
  CHECK(row.ended_at.size() == 24);
  CHECK(outbox_rows(store) == 2);

  CHECK_FALSE(end_visit(store, id, "idle"));
  CHECK(read_visit(store, id).end_reason == "finished");
  CHECK(read_visit(store, id).ended_at == row.ended_at);
  CHECK(outbox_rows(store) == 2);

  CHECK_FALSE(end_visit(store, uuid_v7(), "idle"));
  CHECK(outbox_rows(store) == 2);
  CHECK(visit_rows(store) == 1);

  const auto entries = pending(store.db(), 10);
  REQUIRE(entries.size() == 2);
  CHECK(entries[1].op == "update");
  CHECK(entries[1].entity_id == id);
  const json payload = json::parse(entries[1].payload);
  CHECK(payload == json{{"id", id}, {"ended_at", row.ended_at}, {"end_reason", "finished"}});
}

TEST_CASE("end_visit accepts only finished or idle", "[visits]") {
  test::TempDir dir;
  Store store = Store::open(dir / "kiosk.db");
  const std::string id = start_visit(store, "ro");
  CHECK_THROWS_AS(end_visit(store, id, "crashed"), std::invalid_argument);
  CHECK_THROWS_AS(end_visit(store, id, ""), std::invalid_argument);
  CHECK_FALSE(read_visit(store, id).ended);
  CHECK(outbox_rows(store) == 1);
  CHECK(end_visit(store, id, "idle"));
  CHECK(read_visit(store, id).end_reason == "idle");
}

TEST_CASE("set_visit_language updates the visit and enqueues the change", "[visits]") {
  test::TempDir dir;
  Store store = Store::open(dir / "kiosk.db");
  const std::string id = start_visit(store, "de");

  CHECK(set_visit_language(store, id, "ar"));
  CHECK(read_visit(store, id).language == "ar");
  CHECK(outbox_rows(store) == 2);
  const auto entries = pending(store.db(), 10);
  REQUIRE(entries.size() == 2);
  CHECK(entries[1].op == "update");
  CHECK(json::parse(entries[1].payload) == json{{"id", id}, {"language", "ar"}});

  CHECK_FALSE(set_visit_language(store, id, "ar"));         // no change
  CHECK_FALSE(set_visit_language(store, uuid_v7(), "en"));  // unknown visit
  CHECK(outbox_rows(store) == 2);

  REQUIRE(end_visit(store, id, "finished"));
  CHECK_FALSE(set_visit_language(store, id, "en"));  // ended visit
  CHECK(read_visit(store, id).language == "ar");
  CHECK(outbox_rows(store) == 3);
}

TEST_CASE("malformed language codes are rejected before anything is written", "[visits]") {
  test::TempDir dir;
  Store store = Store::open(dir / "kiosk.db");
  CHECK_THROWS_AS(start_visit(store, ""), std::invalid_argument);
  CHECK_THROWS_AS(start_visit(store, "de'; DROP TABLE visits; --"), std::invalid_argument);
  CHECK_THROWS_AS(start_visit(store, std::string(36, 'a')), std::invalid_argument);
  CHECK_THROWS_AS(start_visit(store, "d\xc3\xa9"), std::invalid_argument);
  CHECK_NOTHROW(start_visit(store, "zh-Hans"));
  const std::string id = start_visit(store, "en");
  CHECK_THROWS_AS(set_visit_language(store, id, "e n"), std::invalid_argument);
  CHECK(visit_rows(store) == 2);
  CHECK(outbox_rows(store) == 2);
}

TEST_CASE("enqueue requires the caller's transaction and a valid change", "[outbox]") {
  test::TempDir dir;
  Store store = Store::open(dir / "kiosk.db");
  const OutboxChange change{"visit", uuid_v7(), "delete", json{{"id", "x"}}};
  CHECK_THROWS_AS(enqueue(store.db(), change), std::logic_error);
  CHECK(pending_count(store.db()) == 0);

  store.transact([&](Database& db) {
    OutboxChange bad = change;
    bad.op = "upsert";
    CHECK_THROWS_AS(enqueue(db, bad), std::invalid_argument);
    bad = change;
    bad.entity.clear();
    CHECK_THROWS_AS(enqueue(db, bad), std::invalid_argument);
    bad = change;
    bad.payload = json{{"name", std::string("\xff\xfe")}};  // invalid UTF-8
    CHECK_THROWS(enqueue(db, bad));
    CHECK(is_uuid_v7(enqueue(db, change)));
  });
  CHECK(pending_count(store.db()) == 1);
}

TEST_CASE("pending returns unacknowledged entries oldest first, up to the limit", "[outbox]") {
  test::TempDir dir;
  Store store = Store::open(dir / "kiosk.db");
  std::vector<std::string> ids;
  for (int i = 0; i < 5; ++i) ids.push_back(start_visit(store, "tr"));
  CHECK(pending_count(store.db()) == 5);

  const auto first3 = pending(store.db(), 3);
  REQUIRE(first3.size() == 3);
  for (std::size_t i = 0; i < 3; ++i) {
    CHECK(first3[i].entity_id == ids[i]);
    if (i > 0) CHECK(first3[i - 1].seq < first3[i].seq);
    if (i > 0) CHECK(first3[i - 1].change_id < first3[i].change_id);
  }

  Statement ack = store.db().prepare("UPDATE outbox SET acked_at = '2026-11-25T07:40:00.123Z' WHERE seq = ?1");
  ack.bind(1, first3[0].seq);
  ack.step();
  CHECK(pending_count(store.db()) == 4);
  const auto rest = pending(store.db(), 100);
  REQUIRE(rest.size() == 4);
  CHECK(rest[0].entity_id == ids[1]);

  CHECK_THROWS_AS(pending(store.db(), 0), std::invalid_argument);
}
