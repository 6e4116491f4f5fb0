// The hub's booking ledger through HubStore: bookings decided all or nothing in arrival order,
// free seats computed and pulled with a new course version, cancellation, declined bookings for
// courses not offered, strict payload checks, and imports that may not cut a capacity below
// what is booked.
#include "sync/hub/hub_store.hpp"

#include "kiosk/core/registration_code.hpp"
#include "sync/hub/booking_export.hpp"

#include <sstream>

#include "kiosk/core/uuid.hpp"
#include "tests/hub/booking_rig.hpp"
#include "tests/hub/hub_test_support.hpp"

#include <catch2/catch.hpp>

using nlohmann::json;
using wk::hub::HubStore;
using Status = wk::sync::PushResult::Status;

using Hub = wk::hub::test::BookingRig;
using wk::hub::test::line;

TEST_CASE("Bookings: the worker's evening course and the spouse's family course are confirmed together", "[booking]") {
  Hub h;
  CHECK(h.seats_free("c-evening") == 3);
  const std::string cursor = h.store.catalog_since("", 5000).cursor;
  const auto family = h.booking({line("c-evening", 0), line("c-family", 1)});
  CHECK(h.push(family).status == Status::applied);
  CHECK(h.state(family) == "confirmed");
  const auto b = h.store.find_booking(family.entity_id);
  REQUIRE(b);
  CHECK(b->code == "K7QM-4XRT-X");
  CHECK(b->lines == std::vector<std::pair<std::string, int>>{{"c-evening", 0}, {"c-family", 1}});
  // Both courses come again with the next pull, with their new free seats.
  const auto delta = h.store.catalog_since(cursor, 5000);
  REQUIRE(delta.items.size() == 2);
  for (const auto& item : delta.items) CHECK(item.data.at("seats_free") == (item.id == "c-evening" ? 2 : 1));
  // A retry of the same change is a duplicate and books nothing more.
  CHECK(h.push(family).status == Status::duplicate);
  CHECK(h.seats_free("c-evening") == 2);
}

TEST_CASE("Bookings: all or nothing, first come first served, never overbooked", "[booking]") {
  Hub h;
  const auto first = h.booking({line("c-family", 0), line("c-family", 1)});
  h.push(first);
  CHECK(h.seats_free("c-family") == 0);
  // One seat of two is not enough: the whole booking waits, the evening course keeps its seats.
  const auto second = h.booking({line("c-evening", 0), line("c-family", 1)});
  h.push(second);
  CHECK(h.state(second) == "waiting");
  CHECK(h.seats_free("c-evening") == 3);
  // A cancellation frees the family course's seats: the one waiting is offered its seats in
  // both courses, which are held for it ...
  CHECK(h.push(h.cancel(first.entity_id)).status == Status::applied);
  CHECK(h.state(first) == "cancelled");
  CHECK(h.state(second) == "offered");
  CHECK(h.seats_free("c-family") == 1);
  CHECK(h.seats_free("c-evening") == 2);
  // ... and a newcomer arriving now does not pass the one waiting for an offer of its own.
  const auto third = h.booking({line("c-family", 0), line("c-family", 2)});
  h.push(third);
  CHECK(h.state(third) == "waiting");
  const auto figures = h.store.course_figures();
  REQUIRE(figures.size() == 2);
  CHECK(figures[1].id == "c-family");
  CHECK(figures[1].confirmed == 0);
  CHECK(figures[1].offered == 1);
  CHECK(figures[1].offers == 1);
  CHECK(figures[1].waiting == 2);
  // Cancelling twice changes nothing more.
  CHECK(h.push(h.cancel(first.entity_id)).status == Status::applied);
  CHECK(h.state(first) == "cancelled");
}

TEST_CASE("Bookings: a course the hub no longer offers declines the whole booking", "[booking]") {
  Hub h;
  h.store.upsert_items(
      "course", {{"c-evening", {{"title", {{"de", "B1 abends"}}}, {"course_type", "job_basic_b1"}, {"capacity", 3}}}},
      true);  // c-family deleted
  const auto b = h.booking({line("c-evening", 0), line("c-family", 1)});
  CHECK(h.push(b).status == Status::applied);
  CHECK(h.state(b) == "declined");
  CHECK(h.store.find_booking(b.entity_id)->reason == "course_not_offered:c-family");
  CHECK(h.seats_free("c-evening") == 3);
}

TEST_CASE("Bookings: malformed changes are refused by field and store nothing", "[booking]") {
  Hub h;
  auto reason = [&](wk::sync::Change c) {
    const auto r = h.push(c);
    CHECK(h.state(c) == "none");
    return r.status == Status::rejected ? r.reason : std::string("applied");
  };
  CHECK(reason(h.booking({line("c-evening", 0)}, "K7QM-4XRT-Y")) == "payload.code: not a registration code");
  CHECK(reason(h.booking(json::array())) == "payload.lines: expected an array of 1..20 lines");
  CHECK(reason(h.booking({line("c-evening", 0), line("c-evening", 0)})) ==
        "payload.lines[2]: the same person twice in one course");
  CHECK(reason(h.booking({line("c-evening", 21)})) == "payload.lines[1].person: expected 0..20");
  CHECK(reason(h.booking({{{"course_id", "c-evening"}, {"person", 0}, {"name", "Amina"}}})) ==
        "payload.lines[1].name: unknown field");
  auto other = h.booking({line("c-evening", 0)});
  other.payload["terminal_id"] = "term-2";
  CHECK(reason(other) == "payload.terminal_id: not the terminal that sent it");
  auto extra = h.booking({line("c-evening", 0)});
  extra.payload["given_names"] = "Amina";
  CHECK(reason(extra) == "payload.given_names: unknown field");
  auto op = h.booking({line("c-evening", 0)});
  op.op = "update";
  CHECK(reason(op) == "op: expected insert or delete (cancel) for a booking");
  CHECK(reason(h.cancel(wk::core::uuid_v7())) == "entity_id: no such booking");
  CHECK(h.seats_free("c-evening") == 3);
}

TEST_CASE("Bookings: an import may not lower a capacity below the seats booked", "[booking]") {
  Hub h;
  h.push(h.booking({line("c-evening", 0), line("c-evening", 1)}));
  const auto version = h.store.catalog_version();
  CHECK_THROWS_WITH(
      h.store.upsert_items(
          "course", {{"c-evening", {{"title", {{"de", "B1"}}}, {"course_type", "job_basic_b1"}, {"capacity", 1}}}},
          false),
      "course c-evening: capacity 1 is below the 2 seats already booked");
  CHECK(h.store.catalog_version() == version);  // nothing stored
  h.store.upsert_items(
      "course", {{"c-evening", {{"title", {{"de", "B1"}}}, {"course_type", "job_basic_b1"}, {"capacity", 2}}}}, false);
  CHECK(h.seats_free("c-evening") == 0);
}

TEST_CASE("Bookings: each terminal's booking states come back with its pull, paged with the items", "[booking]") {
  Hub h;
  const auto first = h.booking({line("c-evening", 0)});
  const auto second = h.booking({line("c-family", 0), line("c-family", 1), line("c-evening", 1)});
  h.push(first);
  h.push(second);
  const auto all = h.store.catalog_since("", 5000, "term-1");
  REQUIRE(all.bookings.size() == 2);
  CHECK(all.bookings[0].id == first.entity_id);
  CHECK(all.bookings[0].state == "confirmed");
  CHECK(all.bookings[1].state == "confirmed");
  CHECK(h.store.catalog_since("", 5000, "term-2").bookings.empty());  // not its bookings
  CHECK(h.store.catalog_since("", 5000).bookings.empty());

  // Pages of two walk items and states in version order, each exactly once.
  std::string cursor;
  std::vector<std::int64_t> versions;
  for (int i = 0; i < 10; ++i) {
    const auto page = h.store.catalog_since(cursor, 2, "term-1");
    CHECK(page.items.size() + page.bookings.size() <= 2);
    for (const auto& it : page.items) versions.push_back(it.version);
    for (const auto& b : page.bookings) versions.push_back(b.version);
    cursor = page.cursor;
    if (!page.more) break;
  }
  CHECK(std::is_sorted(versions.begin(), versions.end()));
  CHECK(std::adjacent_find(versions.begin(), versions.end()) == versions.end());
  CHECK(versions.size() == all.items.size() + all.bookings.size());

  // A cancellation is a new state, after the cursor.
  h.push(h.cancel(first.entity_id));
  const auto after = h.store.catalog_since(cursor, 5000, "term-1");
  REQUIRE(after.bookings.size() == 1);
  CHECK(after.bookings[0].state == "cancelled");
}

TEST_CASE("Bookings: the participant list names each person from the registration of the code", "[booking]") {
  Hub h;
  wk::sync::PushRequest r;
  r.terminal_id = "term-1";
  r.changes = {wk::hub::test::registration_change(++h.seq)};  // Amina Haddad with her child Lina
  REQUIRE(h.store.apply_push("term-1", r).results.at(0).status == Status::applied);
  const auto family = h.booking({line("c-evening", 0), line("c-family", 1)});
  h.push(family);
  const auto unknown = h.booking({line("c-family", 0)}, "Y9EA-7T6N-F");  // a code the hub holds no registration for
  REQUIRE(wk::core::is_valid_registration_code("Y9EA-7T6N-F"));
  h.push(unknown);
  const auto rows = h.store.participants("");
  REQUIRE(rows.size() == 3);
  CHECK(rows[0].course_id == "c-evening");
  CHECK(rows[0].given_names == "Amina");
  CHECK(rows[0].family_name == "Haddad");
  CHECK(rows[1].course_id == "c-family");
  CHECK(rows[1].person == 1);
  CHECK(rows[1].given_names == "Lina");
  CHECK(rows[2].given_names.empty());  // not held: code and person only
  CHECK(h.store.participants("c-evening").size() == 1);
  std::ostringstream csv;
  CHECK(wk::hub::write_participants(h.store, wk::hub::ExportFormat::csv, "c-family", csv) == 2);
  CHECK(csv.str().find("\"Lina\",\"Haddad\"") != std::string::npos);
}

TEST_CASE("Bookings: a rejected change sent again is judged afresh, an applied one stays a duplicate", "[booking]") {
  Hub h;
  const auto b = h.booking({line("c-evening", 0)});
  const auto cancel = h.cancel(b.entity_id, "K7QM-4XRT-X");
  // The cancellation arrives before its booking: refused, and the same answer while nothing changed.
  const auto first = h.push(cancel);
  REQUIRE(first.status == Status::rejected);
  CHECK(h.push(cancel).reason == first.reason);
  // Once the booking is there, staff's "send again" of the same change (same id, same body) applies it.
  CHECK(h.push(b).status == Status::applied);
  CHECK(h.push(cancel).status == Status::applied);
  CHECK(h.state(b) == "cancelled");
  CHECK(h.push(cancel).status == Status::duplicate);
  // The same change id with another body is still refused.
  auto changed = cancel;
  changed.payload["code"] = "2222-2222-2";
  CHECK(h.push(changed).reason == "change_id reused with a different body");
}
