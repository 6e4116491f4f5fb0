// Course bookings at the terminal (kiosk/core/booking.hpp): one transaction with one outbox
// change whose payload is the protocol's booking, strict checks before anything is written,
// cancellation as a "delete" change, and look-up by code.
#include "kiosk/core/booking.hpp"

#include "kiosk/core/outbox.hpp"
#include "kiosk/core/store.hpp"
#include "tests/core/quiet_log.hpp"
#include "tests/support/scalar.hpp"
#include "tests/support/temp_dir.hpp"

#include <catch2/catch.hpp>

using namespace wk::core;
using wk::test::scalar;

TEST_CASE("A family's booking is stored with one outbox change in the protocol's shape", "[booking]") {
  test::QuietLog quiet;
  test::TempDir dir;
  Store store = Store::open(dir / "kiosk.db");
  const StoredBooking b = commit_booking(store, {"k7qm 4xrt x", {{"c-fam", 1}, {"c-evening", 0}}}, "kiosk-01");
  CHECK(b.code == "K7QM-4XRT-X");
  CHECK(b.state == "requested");
  CHECK(b.lines == std::vector<BookingLine>{{"c-evening", 0}, {"c-fam", 1}});
  const auto loaded = load_booking(store.db(), b.id);
  REQUIRE(loaded);
  CHECK(loaded->lines == b.lines);
  const auto queued = pending(store.db(), 10);
  REQUIRE(queued.size() == 1);
  CHECK(queued[0].entity == "booking");
  CHECK(queued[0].op == "insert");
  CHECK(queued[0].entity_id == b.id);
  const auto payload = nlohmann::json::parse(queued[0].payload);
  CHECK(payload ==
        nlohmann::json{
            {"id", b.id},
            {"created_at", b.created_at},
            {"terminal_id", "kiosk-01"},
            {"code", "K7QM-4XRT-X"},
            {"lines", {{{"course_id", "c-evening"}, {"person", 0}}, {{"course_id", "c-fam"}, {"person", 1}}}}});
  CHECK(bookings_for_code(store.db(), "K7QM-4XRT-X").size() == 1);
  CHECK(bookings_for_code(store.db(), "K7QM-4XRT-Y").empty());
}

TEST_CASE("A booking that breaks the rules writes nothing", "[booking]") {
  test::QuietLog quiet;
  test::TempDir dir;
  Store store = Store::open(dir / "kiosk.db");
  auto field = [&](NewBooking nb) {
    try {
      commit_booking(store, nb, "kiosk-01");
    } catch (const BookingError& e) {
      return e.field();
    }
    return std::string("committed");
  };
  CHECK(field({"K7QM-4XRT-Y", {{"c-1", 0}}}) == "code");  // wrong check symbol
  CHECK(field({"K7QM-4XRT-X", {}}) == "lines");
  CHECK(field({"K7QM-4XRT-X", {{"", 0}}}) == "lines[1].course_id");
  CHECK(field({"K7QM-4XRT-X", {{"c-1", 21}}}) == "lines[1].person");
  CHECK(field({"K7QM-4XRT-X", {{"c-1", 0}, {"c-1", 0}}}) == "lines[2]");
  CHECK(scalar(store.db(), "SELECT count(*) FROM bookings") == 0);
  CHECK(scalar(store.db(), "SELECT count(*) FROM outbox") == 0);
}

TEST_CASE("Cancelling a booking queues one delete change, once", "[booking]") {
  test::QuietLog quiet;
  test::TempDir dir;
  Store store = Store::open(dir / "kiosk.db");
  const StoredBooking b = commit_booking(store, {"K7QM-4XRT-X", {{"c-1", 0}}}, "kiosk-01");
  CHECK(cancel_booking(store, b.id));
  CHECK(load_booking(store.db(), b.id)->state == "cancelled");
  CHECK_FALSE(cancel_booking(store, b.id));
  CHECK_FALSE(cancel_booking(store, "no-such-booking"));
  const auto queued = pending(store.db(), 10);
  REQUIRE(queued.size() == 2);
  CHECK(queued[1].op == "delete");
  CHECK(nlohmann::json::parse(queued[1].payload) == nlohmann::json{{"id", b.id}});
}

TEST_CASE("The hub's word on bookings: known states apply, a local cancellation stands", "[booking]") {
  test::QuietLog quiet;
  test::TempDir dir;
  Store store = Store::open(dir / "kiosk.db");
  const StoredBooking a = commit_booking(store, {"K7QM-4XRT-X", {{"c-1", 0}}}, "kiosk-01");
  const StoredBooking b = commit_booking(store, {"K7QM-4XRT-X", {{"c-2", 0}}}, "kiosk-01");
  cancel_booking(store, b.id);
  const std::int64_t changed = store.transact([&](Database& db) {
    return apply_booking_states(db, {{a.id, "waiting"}, {b.id, "confirmed"}, {"unknown-id", "confirmed"}});
  });
  CHECK(changed == 1);
  CHECK(load_booking(store.db(), a.id)->state == "waiting");
  CHECK(load_booking(store.db(), b.id)->state == "cancelled");
  // A state a later hub may send, which this build does not know, changes nothing.
  store.transact([&](Database& db) { return apply_booking_states(db, {{a.id, "on_hold"}}); });
  CHECK(load_booking(store.db(), a.id)->state == "waiting");
  store.transact([&](Database& db) { return apply_booking_states(db, {{a.id, "offered"}}); });
  CHECK(load_booking(store.db(), a.id)->state == "offered");
}
