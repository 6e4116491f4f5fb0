// Allotments and waiting lists on the hub's clock: terminals confirm from seats set aside for
// them, the hub never takes back seats a terminal may have promised, offers run out and pass
// on, and whatever happens, confirmed + offered + allotted seats never exceed a capacity.
#include "sync/hub/hub_store.hpp"

#include "tests/hub/booking_rig.hpp"
#include "tests/hub/hub_test_support.hpp"

#include <catch2/catch.hpp>

#include <random>

using nlohmann::json;
using Rig = wk::hub::test::BookingRig;
using wk::hub::OfferAnswer;
using wk::hub::OfferOutcome;
using wk::hub::test::line;
using Status = wk::sync::PushResult::Status;
using namespace std::chrono_literals;

namespace {

// The rig's two courses with these capacities.
void capacities(Rig& h, int evening, int family) {
  h.store.upsert_items(
      "course",
      {{"c-evening", {{"title", {{"de", "B1 abends"}}}, {"course_type", "job_basic_b1"}, {"capacity", evening}}},
       {"c-family", {{"title", {{"de", "A1 Familie"}}}, {"course_type", "family_members"}, {"capacity", family}}}},
      false);
}

}  // namespace

TEST_CASE("Allotments: each terminal gets seats nobody else holds, and confirms from them", "[allotment]") {
  Rig h;
  capacities(h, 6, 4);
  CHECK(h.pull_allotment("term-1", "c-evening") == 2);
  CHECK(h.pull_allotment("term-1", "c-family") == 2);
  // Terminals together hold at most half of the seats: term-1 already holds both family seats
  // of that half, and two of the three evening ones.
  CHECK(h.pull_allotment("term-2", "c-evening") == 1);
  CHECK(h.pull_allotment("term-2", "c-family") == 0);
  CHECK(h.figures("c-evening").allotted == 3);
  CHECK(h.store.check_ledger().empty());
  // Free seats on the screen still count allotted seats: they are bookable at some terminal.
  CHECK(h.seats_free("c-evening") == 6);

  // term-1 confirmed two evening seats offline: the hub confirms them from its allotment.
  const auto offline = h.booking({line("c-evening", 0), line("c-evening", 1)}, "K7QM-4XRT-X", "term-1", true);
  CHECK(h.push(offline).status == Status::applied);
  CHECK(h.state(offline) == "confirmed");
  CHECK(h.figures("c-evening").confirmed == 2);
  CHECK(h.figures("c-evening").allotted == 1);  // term-2's seat
  // term-2 asks for five evening seats: its own one and the three nobody holds are not enough,
  // so the booking waits.
  const auto beyond = h.booking(
      {line("c-evening", 0), line("c-evening", 1), line("c-evening", 2), line("c-evening", 3), line("c-evening", 4)},
      "Y9EA-7T6N-F", "term-2");
  CHECK(h.push(beyond, "term-2").status == Status::applied);
  CHECK(h.state(beyond) == "waiting");
  // With a waiting list, nobody is allotted more; term-2 keeps its seat only while it still
  // has bookings on their way (pending), else it goes back, and to the waiting list first.
  CHECK(h.pull_allotment("term-2", "c-evening", true) == 1);
  CHECK(h.pull_allotment("term-2", "c-evening", false) == 0);
  CHECK(h.figures("c-evening").allotted == 0);
  CHECK(h.store.check_ledger().empty());
}

TEST_CASE("Allotments: pending bookings keep what a terminal holds, a pull renews the lease", "[allotment]") {
  Rig h;
  capacities(h, 3, 4);
  CHECK(h.pull_allotment("term-1", "c-family") == 2);
  // Another terminal's booking for three waits: two of the four family seats are term-1's.
  const auto waiting =
      h.booking({line("c-family", 0), line("c-family", 1), line("c-family", 2)}, "Y9EA-7T6N-F", "term-2");
  h.push(waiting, "term-2");
  CHECK(h.state(waiting) == "waiting");
  // term-1 may have promised both seats offline: while its pushes are pending, they stay ...
  h.advance(20h);
  CHECK(h.pull_allotment("term-1", "c-family", true) == 2);
  h.advance(20h);  // 40 h after the first pull, 20 h after the renewal: still held
  CHECK(h.figures("c-family").allotted == 2);
  // ... and once its bookings are through, what it did not use goes to the waiting list.
  const auto used = h.booking({line("c-family", 0)}, "K7QM-4XRT-X", "term-1", true);
  h.push(used);
  CHECK(h.state(used) == "confirmed");
  CHECK(h.pull_allotment("term-1", "c-family", false) == 0);
  CHECK(h.state(waiting) == "offered");
  CHECK(h.figures("c-family").offered == 3);
  CHECK(h.store.check_ledger().empty());
}

TEST_CASE("Allotments: run out after their lease, a booking that arrives later is decided anew", "[allotment]") {
  Rig h;
  capacities(h, 3, 4);
  CHECK(h.pull_allotment("term-1", "c-family") == 2);
  CHECK(h.pull_allotment("term-2", "c-family") == 0);
  h.advance(24h + 1s);
  CHECK(h.figures("c-family").allotted == 0);
  // Now term-2 gets them, and uses both; others book the two seats left.
  CHECK(h.pull_allotment("term-2", "c-family") == 2);
  h.push(h.booking({line("c-family", 0), line("c-family", 1)}, "Y9EA-7T6N-F", "term-2", true), "term-2");
  h.push(h.booking({line("c-family", 0), line("c-family", 1)}, "Y9EA-7T6N-F", "term-2"), "term-2");
  // term-1's booking from its expired allotment cannot be confirmed: it waits, never overbooks.
  const auto late = h.booking({line("c-family", 0)}, "K7QM-4XRT-X", "term-1", true);
  h.push(late);
  CHECK(h.state(late) == "waiting");
  CHECK(h.figures("c-family").confirmed == 4);
  CHECK(h.store.check_ledger().empty());
}

TEST_CASE("Allotments: none for courses closed for booking, none when the operator sets 0", "[allotment]") {
  Rig h;
  h.store.upsert_items("course",
                       {{"c-past",
                         {{"title", {{"de", "Vorbei"}}},
                          {"course_type", "other"},
                          {"capacity", 9},
                          {"registration_deadline", "2026-12-01"}}}},
                       false);
  CHECK(h.pull_allotment("term-1", "c-past") == 0);
  CHECK(h.pull_allotment("term-1", "c-evening") == 1);  // half of 3
  h.store.set_booking_policy({0, 24h, 48h});
  CHECK(h.pull_allotment("term-1", "c-evening") == 0);
}

TEST_CASE("Waiting lists: an offer holds the seats, runs out, passes on, and can be accepted", "[waiting]") {
  Rig h;
  const auto first = h.booking({line("c-family", 0), line("c-family", 1)});
  h.push(first);
  const auto a = h.booking({line("c-family", 0)}, "Y9EA-7T6N-F", "term-2");
  const auto b = h.booking({line("c-family", 0)}, "K7QM-4XRT-X", "term-2");
  h.push(a, "term-2");
  h.push(b, "term-2");
  CHECK(h.state(a) == "waiting");
  CHECK(h.state(b) == "waiting");
  // One seat frees: a, first in line, is offered it for 48 hours.
  h.push(h.cancel(first.entity_id));
  CHECK(h.state(a) == "offered");
  CHECK(h.state(b) == "offered");  // the second seat freed too
  CHECK(h.figures("c-family").offered == 2);
  // b declines at a terminal with its code (the wrong code is no answer at all).
  CHECK(h.store.answer_offer(b.entity_id, "Y9EA-7T6N-F", OfferAnswer::decline) == OfferOutcome::no_offer);
  CHECK(h.store.answer_offer(b.entity_id, "k7qm4xrtx", OfferAnswer::decline) == OfferOutcome::declined);
  CHECK(h.state(b) == "cancelled");
  // a lets its offer run out; the seat is free again.
  h.advance(48h + 1s);
  CHECK(h.state(a) == "offered");  // nothing has asked the ledger yet
  CHECK(h.figures("c-family").offered == 0);
  CHECK(h.state(a) == "cancelled");
  CHECK(h.store.find_booking(a.entity_id)->reason == "offer_expired");
  CHECK(h.store.answer_offer(a.entity_id, "Y9EA-7T6N-F", OfferAnswer::accept) == OfferOutcome::no_offer);
  CHECK(h.store.check_ledger().empty());
}

TEST_CASE("Waiting lists: accepting confirms, a family is one entry, nobody passes the first", "[waiting]") {
  Rig h;
  h.push(h.booking({line("c-family", 0), line("c-family", 1)}));  // full
  const auto family = h.booking({line("c-family", 0), line("c-family", 1)}, "Y9EA-7T6N-F", "term-2");
  const auto single = h.booking({line("c-family", 0)}, "K7QM-4XRT-X", "term-2");
  h.push(family, "term-2");
  h.push(single, "term-2");
  // Capacity raised by one: the family needs two, so the seat waits for it; the single
  // newcomer behind does not pass.
  h.store.upsert_items(
      "course", {{"c-family", {{"title", {{"de", "A1 Familie"}}}, {"course_type", "family_members"}, {"capacity", 3}}}},
      false);
  CHECK(h.state(family) == "waiting");
  CHECK(h.state(single) == "waiting");
  const auto lookup = h.store.lookup_code("K7QM-4XRT-X");
  REQUIRE(lookup.bookings.size() == 2);
  CHECK(lookup.bookings[0].id == single.entity_id);  // newest first
  CHECK(lookup.bookings[0].position == 2);
  CHECK(lookup.bookings[0].of == 2);
  // One more seat: the family is offered both, and accepts.
  h.store.upsert_items(
      "course", {{"c-family", {{"title", {{"de", "A1 Familie"}}}, {"course_type", "family_members"}, {"capacity", 4}}}},
      false);
  CHECK(h.state(family) == "offered");
  const auto offered = h.store.lookup_code("Y9EA-7T6N-F");
  REQUIRE(offered.bookings.size() == 1);
  CHECK(offered.bookings[0].state == "offered");
  CHECK(offered.bookings[0].offer_expires_in == 48 * 3600);
  CHECK(h.store.answer_offer(family.entity_id, "Y9EA-7T6N-F", OfferAnswer::accept) == OfferOutcome::confirmed);
  CHECK(h.state(family) == "confirmed");
  CHECK(h.figures("c-family").confirmed == 4);
  CHECK(h.store.lookup_code("K7QM-4XRT-X").bookings[0].position == 1);
  // The owning terminal learns the new state with its pull.
  bool seen = false;
  for (const auto& s : h.store.catalog_since("", 5000, "term-2").bookings)
    if (s.id == family.entity_id) seen = s.state == "confirmed";
  CHECK(seen);
  CHECK(h.store.check_ledger().empty());
}

TEST_CASE("Waiting lists: leave with the code at any terminal, a course withdrawn declines", "[waiting]") {
  Rig h;
  h.push(h.booking({line("c-family", 0), line("c-family", 1)}));
  const auto waiting = h.booking({line("c-family", 0)}, "Y9EA-7T6N-F", "term-1");
  h.push(waiting);
  // At another terminal the code must be the booking's.
  auto wrong = h.cancel(waiting.entity_id, "K7QM-4XRT-X");
  CHECK(h.push(wrong, "term-2").reason == "payload.code: not the booking's code");
  CHECK(h.push(h.cancel(waiting.entity_id), "term-2").reason == "payload.code: not the booking's code");
  CHECK(h.push(h.cancel(waiting.entity_id, "y9ea7t6nf"), "term-2").status == Status::applied);
  CHECK(h.state(waiting) == "cancelled");

  const auto queued = h.booking({line("c-family", 0), line("c-evening", 0)}, "Y9EA-7T6N-F", "term-1");
  h.push(queued);
  CHECK(h.state(queued) == "waiting");
  h.store.upsert_items(
      "course", {{"c-evening", {{"title", {{"de", "B1 abends"}}}, {"course_type", "job_basic_b1"}, {"capacity", 3}}}},
      true);  // c-family withdrawn
  CHECK(h.state(queued) == "declined");
  CHECK(h.store.find_booking(queued.entity_id)->reason == "course_not_offered:c-family");
}

TEST_CASE("Code look-up: the initial, and nothing for codes the hub does not hold", "[lookup]") {
  Rig h;
  wk::sync::PushRequest r;
  r.terminal_id = "term-1";
  r.changes = {wk::hub::test::registration_change(++h.seq)};  // Amina Haddad, K7QM-4XRT-X
  REQUIRE(h.store.apply_push("term-1", r).results.at(0).status == Status::applied);
  const auto lookup = h.store.lookup_code("k7qm 4xrt x");
  CHECK(lookup.known);
  CHECK(lookup.initial == "A.");
  CHECK(lookup.bookings.empty());
  CHECK_FALSE(h.store.lookup_code("Y9EA-7T6N-F").known);
  CHECK_FALSE(h.store.lookup_code("not a code").known);
  CHECK(h.store.lookup_code("").bookings.empty());
}

TEST_CASE("Seats: terminals booking, pulling, cancelling and answering at random never overbook", "[allotment]") {
  Rig h;
  for (int t = 3; t <= 6; ++t) h.store.add_terminal("term-" + std::to_string(t));
  std::mt19937 rng(20261207);
  std::vector<std::pair<std::string, std::string>> booked;  // (booking id, code)
  const char* codes[] = {"K7QM-4XRT-X", "Y9EA-7T6N-F"};
  const char* courses[] = {"c-evening", "c-family"};
  for (int step = 0; step < 600; ++step) {
    const std::string terminal = "term-" + std::to_string(1 + rng() % 6);
    switch (rng() % 6) {
      case 0:
      case 1: {
        json lines = json::array();
        const int people = 1 + static_cast<int>(rng() % 2);
        for (int p = 0; p < people; ++p) lines.push_back(line(courses[rng() % 2], p));
        const std::string code = codes[rng() % 2];
        const auto c = h.booking(lines, code, terminal, rng() % 2 == 0);
        if (h.push(c, terminal).status == Status::applied) booked.emplace_back(c.entity_id, code);
        break;
      }
      case 2:
        h.store.catalog_since("", 5000, terminal, rng() % 2 == 0);
        break;
      case 3:
        if (!booked.empty()) {
          const auto& [id, code] = booked[rng() % booked.size()];
          h.push(h.cancel(id, code), terminal);
        }
        break;
      case 4:
        if (!booked.empty()) {
          const auto& [id, code] = booked[rng() % booked.size()];
          h.store.answer_offer(id, code, rng() % 3 == 0 ? OfferAnswer::decline : OfferAnswer::accept);
        }
        break;
      default:
        h.advance(std::chrono::hours(1 + rng() % 12));
        break;
    }
    const auto problems = h.store.check_ledger();
    INFO("step " << step);
    REQUIRE(problems.empty());
  }
  // Every booking has exactly one state the protocol knows.
  for (const auto& [id, code] : booked) {
    const auto b = h.store.find_booking(id);
    REQUIRE(b);
    CHECK((b->state == "confirmed" || b->state == "waiting" || b->state == "offered" || b->state == "cancelled" ||
           b->state == "declined"));
  }
}
