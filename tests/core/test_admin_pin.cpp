// The staff PIN (kiosk/core/admin_pin.hpp): stored as argon2id only, refused when guessable,
// and guarded by a growing delay and a lockout of 10 wrong tries per 15 minutes that a restart
// (a new Store on the same file) does not lift. Every try is audited without the PIN.
#include "kiosk/core/admin_pin.hpp"

#include <catch2/catch.hpp>

#include "kiosk/core/audit_log.hpp"
#include "kiosk/core/outbox.hpp"
#include "kiosk/core/time.hpp"
#include "tests/core/quiet_log.hpp"
#include "tests/support/scalar.hpp"
#include "tests/support/temp_dir.hpp"

using namespace wk::core;
using namespace std::chrono_literals;
using wk::test::scalar;

namespace {

SysTime at(const char* iso) {
  return *from_iso8601(iso);
}

std::string stored_hash(Store& store) {
  Statement st = store.db().prepare("SELECT hash FROM admin_pin");
  return st.step() ? st.column_text(0) : "";
}

}  // namespace

TEST_CASE("guessable PINs are refused with the reason, and nothing is stored", "[admin][pin]") {
  test::QuietLog quiet;
  wk::test::TempDir dir;
  Store store = Store::open(dir / "kiosk.db");
  for (const char* pin : {"", "12345", "1234567890123", "12a456", "４８２９１７", "000000", "123456", "987654",
                          "890123", " 482917", "482917\n"}) {
    INFO(pin);
    CHECK(pin_problem(pin).has_value());
    CHECK_THROWS_AS(set_admin_pin(store, pin, at("2026-12-07T09:00:00.000Z")), std::invalid_argument);
  }
  CHECK_FALSE(admin_pin_set(store.db()));
  CHECK(scalar(store, "SELECT count(*) FROM audit_log") == 0);
  CHECK_FALSE(pin_problem("482917").has_value());
  CHECK_FALSE(pin_problem("590215837461").has_value());
}

TEST_CASE("the PIN is kept as an argon2id hash of at least 19 MiB and 2 passes, never in clear", "[admin][pin]") {
  test::QuietLog quiet;
  wk::test::TempDir dir;
  Store store = Store::open(dir / "kiosk.db");
  CHECK(try_admin_pin(store, "482917", at("2026-12-07T09:00:00.000Z")).verdict == PinVerdict::not_set);
  set_admin_pin(store, "482917", at("2026-12-07T09:00:00.000Z"));
  const std::string hash = stored_hash(store);
  CHECK(hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"));
  CHECK(hash.find("482917") == std::string::npos);
  CHECK(scalar(store, "SELECT count(*) FROM outbox WHERE payload LIKE '%482917%'") == 0);
  CHECK(try_admin_pin(store, "482917", at("2026-12-07T09:00:01.000Z")).verdict == PinVerdict::accepted);
  CHECK(try_admin_pin(store, "482918", at("2026-12-07T09:00:02.000Z")).verdict == PinVerdict::wrong);
  // A new PIN replaces the old one.
  set_admin_pin(store, "590215", at("2026-12-07T09:01:00.000Z"));
  CHECK(try_admin_pin(store, "482917", at("2026-12-07T09:01:01.000Z")).verdict == PinVerdict::wrong);
  CHECK(try_admin_pin(store, "590215", at("2026-12-07T09:01:02.000Z")).verdict == PinVerdict::accepted);
  CHECK(scalar(store, "SELECT count(*) FROM admin_pin") == 1);
}

TEST_CASE("wrong PINs: a growing delay, then a lockout of 15 minutes that survives a restart", "[admin][pin]") {
  test::QuietLog quiet;
  wk::test::TempDir dir;
  {
    Store store = Store::open(dir / "kiosk.db");
    set_admin_pin(store, "482917", at("2026-12-07T09:00:00.000Z"));
  }
  Store store = Store::open(dir / "kiosk.db");
  SysTime t = at("2026-12-07T10:00:00.000Z");
  std::vector<std::chrono::seconds> waits;
  for (int i = 0; i < kPinMaxFailures; ++i) {
    // Too early: not checked and not counted, even with the right PIN.
    const PinGate gate = pin_gate(store.db(), t);
    if (gate.next_try > t) {
      CHECK(try_admin_pin(store, "482917", t).verdict == PinVerdict::too_early);
      t = gate.next_try;
    }
    const PinOutcome o = try_admin_pin(store, "000001", t);
    REQUIRE(o.verdict == PinVerdict::wrong);
    CHECK(o.gate.tries_left == kPinMaxFailures - i - 1);
    waits.push_back(std::chrono::duration_cast<std::chrono::seconds>(o.gate.next_try - t));
  }
  // No wait after the first two, then 2, 4, 8, ... up to 60 s; after the tenth: locked.
  CHECK(waits[0] == 0s);
  CHECK(waits[1] == 0s);
  CHECK(waits[2] == 2s);
  CHECK(waits[3] == 4s);
  CHECK(waits[7] == 60s);
  const PinGate locked = pin_gate(store.db(), t);
  CHECK(locked.locked);
  CHECK(locked.tries_left == 0);
  // The lockout holds after a restart, also against the right PIN.
  Store reopened = Store::open(dir / "kiosk.db");
  CHECK(try_admin_pin(reopened, "482917", t + 5min).verdict == PinVerdict::too_early);
  // It ends 15 minutes after the first of the ten wrong tries.
  const SysTime first = at("2026-12-07T10:00:00.000Z");
  CHECK(locked.next_try == first + kPinWindow);
  CHECK(try_admin_pin(reopened, "482917", first + kPinWindow + 1s).verdict == PinVerdict::accepted);
  CHECK(pin_gate(reopened.db(), first + kPinWindow + 2s).tries_left == kPinMaxFailures);
  // Audited: ten failures, one lockout, the log-in; no PIN anywhere in the log.
  CHECK(scalar(reopened, "SELECT count(*) FROM audit_log WHERE action = 'login_failed'") == 10);
  CHECK(scalar(reopened, "SELECT count(*) FROM audit_log WHERE action = 'lockout'") == 1);
  CHECK(scalar(reopened, "SELECT count(*) FROM audit_log WHERE action = 'login'") == 1);
  CHECK(scalar(reopened, "SELECT count(*) FROM audit_log WHERE subject <> ''") == 0);
  CHECK(verify_audit_log(reopened.db()).ok);
}
