// The terminal's seat allotments (kiosk/core/allotment.hpp): bookings within them are confirmed
// on the spot and take their seats, all or nothing; beyond them, or once the lease is three
// quarters gone, a booking is only requested; a new set from the hub is reduced by what this
// terminal confirmed and has not sent yet.
#include "kiosk/core/allotment.hpp"

#include "kiosk/core/booking.hpp"
#include "kiosk/core/outbox.hpp"
#include "kiosk/core/store.hpp"
#include "kiosk/core/time.hpp"
#include "tests/core/quiet_log.hpp"
#include "tests/support/temp_dir.hpp"

#include <catch2/catch.hpp>

using namespace wk::core;
using namespace std::chrono_literals;

namespace {

const auto kNow = *from_iso8601("2026-12-06T10:00:00.000Z");

void receive(Store& store, std::vector<wk::sync::Allotment> allotments,
             std::chrono::system_clock::time_point at = kNow) {
  store.transact([&](Database& db) {
    replace_allotments(db, allotments, at);
    return 0;
  });
}

}  // namespace

TEST_CASE("Allotments: a booking within them is confirmed here and takes its seats", "[allotment]") {
  test::QuietLog quiet;
  test::TempDir dir;
  Store store = Store::open(dir / "kiosk.db");
  receive(store, {{"c-evening", 2, 86400}, {"c-family", 1, 86400}});
  CHECK(usable_allotments(store.db(), kNow) ==
        std::map<std::string, std::int64_t, std::less<>>{{"c-evening", 2}, {"c-family", 1}});

  const StoredBooking family = commit_booking(store, {"K7QM-4XRT-X", {{"c-evening", 0}, {"c-family", 1}}}, "k-1", kNow);
  CHECK(family.state == "confirmed");
  CHECK(family.allotted);
  CHECK(nlohmann::json::parse(pending(store.db(), 10).at(0).payload)["allotted"] == true);
  CHECK(usable_allotments(store.db(), kNow) == std::map<std::string, std::int64_t, std::less<>>{{"c-evening", 1}});

  // Two evening seats, one left: the whole booking is requested, and takes nothing.
  const StoredBooking two = commit_booking(store, {"Y9EA-7T6N-F", {{"c-evening", 0}, {"c-evening", 1}}}, "k-1", kNow);
  CHECK(two.state == "requested");
  CHECK_FALSE(two.allotted);
  CHECK_FALSE(nlohmann::json::parse(pending(store.db(), 10).at(1).payload).contains("allotted"));
  // Mixed: one course covered, the other not — requested, all or nothing.
  const StoredBooking mixed = commit_booking(store, {"Y9EA-7T6N-F", {{"c-evening", 0}, {"c-family", 0}}}, "k-1", kNow);
  CHECK(mixed.state == "requested");
  CHECK(usable_allotments(store.db(), kNow).at("c-evening") == 1);
}

TEST_CASE("Allotments: this terminal stops using a lease after three quarters of it", "[allotment]") {
  test::QuietLog quiet;
  test::TempDir dir;
  Store store = Store::open(dir / "kiosk.db");
  receive(store, {{"c-evening", 2, 86400}});
  CHECK(commit_booking(store, {"K7QM-4XRT-X", {{"c-evening", 0}}}, "k-1", kNow + 17h).state == "confirmed");
  // 18 h of 24: the rest of the lease is for the booking to reach the hub.
  CHECK(usable_allotments(store.db(), kNow + 18h).empty());
  CHECK(commit_booking(store, {"K7QM-4XRT-X", {{"c-evening", 1}}}, "k-1", kNow + 18h).state == "requested");
}

TEST_CASE("Allotments: a new set counts the bookings this terminal has not sent yet", "[allotment]") {
  test::QuietLog quiet;
  test::TempDir dir;
  Store store = Store::open(dir / "kiosk.db");
  receive(store, {{"c-evening", 2, 86400}});
  CHECK_FALSE(has_unsent_allotted_bookings(store.db()));
  const StoredBooking b = commit_booking(store, {"K7QM-4XRT-X", {{"c-evening", 0}}}, "k-1", kNow);
  CHECK(has_unsent_allotted_bookings(store.db()));
  // The hub has not heard of it: its 2 seats include the one taken here.
  receive(store, {{"c-evening", 2, 86400}});
  CHECK(usable_allotments(store.db(), kNow).at("c-evening") == 1);
  // Once the hub acknowledged it, its own count already has it.
  const std::string change_id = pending(store.db(), 10).at(0).change_id;
  store.transact([&](Database& db) { return mark_acked(db, change_id, "2026-12-06T10:01:00.000Z"); });
  CHECK_FALSE(has_unsent_allotted_bookings(store.db()));
  receive(store, {{"c-evening", 1, 86400}});
  CHECK(usable_allotments(store.db(), kNow).at("c-evening") == 1);
  // A set without the course takes it away.
  receive(store, {});
  CHECK(usable_allotments(store.db(), kNow).empty());
  CHECK(load_booking(store.db(), b.id)->state == "confirmed");
}
