// Call-back requests at the terminal (kiosk/core/callback.hpp): one row and one outbox change
// in one transaction, nothing at all for a request that breaks a rule, and gone under the
// retention rules of registrations once the hub acknowledged it.
#include "kiosk/core/callback.hpp"

#include <catch2/catch.hpp>

#include "kiosk/core/outbox.hpp"
#include "kiosk/core/retention.hpp"
#include "kiosk/core/time.hpp"
#include "tests/core/quiet_log.hpp"
#include "tests/support/scalar.hpp"
#include "tests/support/temp_dir.hpp"

using namespace wk::core;
using wk::test::scalar;

namespace {

CallbackAsk ask() {
  CallbackAsk a;
  a.organisation_id = "o-iq";
  a.topic = "recognition";
  a.language = "fa";
  a.name = "Reza Ahmadi";
  a.phone = "+4915112345678";
  return a;
}

}  // namespace

TEST_CASE("a call-back request is stored with exactly one outbox change in the protocol's shape", "[callback]") {
  test::QuietLog quiet;
  wk::test::TempDir dir;
  Store store = Store::open(dir / "kiosk.db");
  const auto r = commit_callback(store, ask(), "kiosk-01");
  CHECK(scalar(store.db(), "SELECT count(*) FROM callbacks") == 1);
  const auto entries = pending(store.db(), 10);
  REQUIRE(entries.size() == 1);
  CHECK(entries[0].entity == "callback");
  CHECK(entries[0].entity_id == r.id);
  CHECK(entries[0].op == "insert");
  CHECK(wk::sync::parse_callback_payload(nlohmann::json::parse(entries[0].payload), "kiosk-01") == r);
}

TEST_CASE("a call-back request that breaks a rule writes nothing", "[callback]") {
  test::QuietLog quiet;
  wk::test::TempDir dir;
  Store store = Store::open(dir / "kiosk.db");
  CallbackAsk nothing = ask();
  nothing.phone.clear();
  CHECK_THROWS_AS(commit_callback(store, nothing, "kiosk-01"), wk::sync::CallbackError);
  CallbackAsk bad_phone = ask();
  bad_phone.phone = "0151";
  CHECK_THROWS_AS(commit_callback(store, bad_phone, "kiosk-01"), wk::sync::CallbackError);
  CHECK(scalar(store.db(), "SELECT count(*) FROM callbacks") == 0);
  CHECK(pending_count(store.db()) == 0);
}

TEST_CASE("acknowledged call-back requests leave the terminal after the retention period", "[callback][retention]") {
  test::QuietLog quiet;
  wk::test::TempDir dir;
  Store store = Store::open(dir / "kiosk.db");
  const auto old = commit_callback(store, ask(), "kiosk-01");
  store.transact([&](Database& db) {
    for (const auto& e : pending(db, 10))
      mark_acked(db, e.change_id, to_iso8601(std::chrono::system_clock::now() - std::chrono::hours(25)));
  });
  commit_callback(store, ask(), "kiosk-01");  // not acknowledged: stays
  const PurgeResult result = purge_acknowledged(store, std::chrono::hours(24));
  CHECK(result.callbacks == 1);
  Statement st = store.db().prepare("SELECT count(*) FROM callbacks WHERE id = ?1");
  st.bind(1, old.id);
  st.step();
  CHECK(st.column_int64(0) == 0);
  CHECK(scalar(store.db(), "SELECT count(*) FROM callbacks") == 1);
}
