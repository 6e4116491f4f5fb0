// The staff audit log (kiosk/core/audit_log.hpp): append-only, hash-chained, each entry pushed
// through the outbox; verify_audit_log finds an edited, deleted, inserted or cut-off entry.
#include "kiosk/core/audit_log.hpp"

#include <catch2/catch.hpp>

#include "kiosk/core/outbox.hpp"
#include "kiosk/core/store.hpp"
#include "kiosk/core/time.hpp"
#include "tests/core/quiet_log.hpp"
#include "tests/support/scalar.hpp"
#include "tests/support/temp_dir.hpp"

using namespace wk::core;
using wk::test::scalar;

namespace {

void write_five(Store& store) {
  const auto t = *from_iso8601("2026-12-07T09:00:00.000Z");
  store.transact([&](Database& db) {
    append_audit(db, "login", "", t);
    append_audit(db, "dead_letter_retry", "0190f3a2-7c4e-7d11-9a2b-3c4d5e6f7a8b", t);
    append_audit(db, "setting_changed", "idle_timeout_s", t);
    append_audit(db, "out_of_service", "", t);
    append_audit(db, "logout", "", t);
  });
}

// The log's guards off, as someone with the file and sqlite3 could do.
void drop_guards(Store& store) {
  store.db().exec("DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;");
}

}  // namespace

TEST_CASE("audit entries chain, go to the hub through the outbox, and cannot be changed by SQL", "[admin][audit]") {
  test::QuietLog quiet;
  wk::test::TempDir dir;
  Store store = Store::open(dir / "kiosk.db");
  CHECK(verify_audit_log(store.db()).ok);
  write_five(store);
  const auto entries = audit_entries(store.db());
  REQUIRE(entries.size() == 5);
  CHECK(entries[0].prev_hash == std::string(64, '0'));
  for (std::size_t i = 1; i < entries.size(); ++i) CHECK(entries[i].prev_hash == entries[i - 1].hash);
  const auto check = verify_audit_log(store.db());
  CHECK(check.ok);
  CHECK(check.entries == 5);
  CHECK(scalar(store, "SELECT count(*) FROM outbox WHERE entity = 'audit'") == 5);
  CHECK_THROWS(store.db().exec("UPDATE audit_log SET subject = 'x' WHERE seq = 2"));
  CHECK_THROWS(store.db().exec("DELETE FROM audit_log WHERE seq = 5"));
  CHECK(verify_audit_log(store.db()).ok);
}

TEST_CASE("unknown actions and subjects with personal text are refused and write nothing", "[admin][audit]") {
  test::QuietLog quiet;
  wk::test::TempDir dir;
  Store store = Store::open(dir / "kiosk.db");
  const auto t = *from_iso8601("2026-12-07T09:00:00.000Z");
  for (auto [action, subject] :
       std::initializer_list<std::pair<const char*, std::string>>{{"drop_tables", ""},
                                                                  {"lookup", "Reza|Ahmadi"},
                                                                  {"lookup", "Rézä"},
                                                                  {"lookup", std::string(129, 'a')},
                                                                  {"lookup", "a\nb"}}) {
    INFO(action << " " << subject);
    CHECK_THROWS_AS(store.transact([&](Database& db) { append_audit(db, action, subject, t); }), std::invalid_argument);
  }
  CHECK(scalar(store, "SELECT count(*) FROM audit_log") == 0);
  CHECK(scalar(store, "SELECT count(*) FROM outbox") == 0);
}

TEST_CASE("an edited, deleted, inserted or cut-off audit entry is found", "[admin][audit]") {
  test::QuietLog quiet;
  wk::test::TempDir dir;
  Store store = Store::open(dir / "kiosk.db");
  write_five(store);
  drop_guards(store);
  SECTION("edited") {
    store.db().exec("UPDATE audit_log SET subject = 'idle_warning_s' WHERE seq = 3");
    const auto c = verify_audit_log(store.db());
    CHECK_FALSE(c.ok);
    CHECK(c.problem == "audit entry 3: its content does not match its hash (edited)");
  }
  SECTION("edited with its hash recomputed") {
    const auto e = audit_entries(store.db())[2];
    store.db()
        .prepare("UPDATE audit_log SET subject = 'x', hash = ?1 WHERE seq = 3")
        .bind(1, wk::sync::audit_hash(3, e.at, e.action, "x", e.prev_hash))
        .step();
    CHECK(verify_audit_log(store.db()).problem ==
          "audit entry 4: does not follow the entry before it (one of them was changed)");
  }
  SECTION("deleted in the middle") {
    store.db().exec("DELETE FROM audit_log WHERE seq = 2");
    CHECK(verify_audit_log(store.db()).problem == "audit entry 2: missing (deleted?); the next entry is 3");
  }
  SECTION("the newest cut off") {
    store.db().exec("DELETE FROM audit_log WHERE seq = 5");
    const auto c = verify_audit_log(store.db());
    CHECK_FALSE(c.ok);
    CHECK(c.problem.find("ends at entry 4 but 5 were written") != std::string::npos);
  }
}
