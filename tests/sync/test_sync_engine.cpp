// Tests for sync/engine against a real hub on loopback (TLS with a throw-away CA): push exactly
// once with acknowledgements and dead letters, pull with tombstones and resumption, a refused
// token that stops syncing and deletes nothing, TLS that fails closed with the data still
// queued, malformed hub answers that change nothing, retention after acknowledgement, the sync
// lock and the worker thread.
#include "sync_rig.hpp"
#include "tests/support/paths.hpp"

#include "kiosk/core/time.hpp"
#include "kiosk/core/booking.hpp"
#include "kiosk/core/callback.hpp"
#include "kiosk/core/catalog.hpp"
#include "kiosk/core/kuemmerer.hpp"
#include "kiosk/core/outbox.hpp"
#include "kiosk/core/sync_state.hpp"
#include "sync/engine/hub_desk.hpp"
#include "sync/engine/sync_lock.hpp"
#include "sync/engine/sync_worker.hpp"
#include "sync/protocol/messages.hpp"
#include "tests/core/quiet_log.hpp"

#include "tests/support/temp_dir.hpp"

#include "tests/support/scalar.hpp"

#include <catch2/catch.hpp>

#include <atomic>
#include <fstream>
#include <iterator>
#include <set>

using namespace wk;
using namespace wk::sync;
using namespace wk::sync::test;
using nlohmann::json;

namespace {

using wk::test::scalar;

std::set<std::string> hub_registration_ids(hub::HubStore& hub) {
  std::set<std::string> ids;
  hub.for_each_registration(
      [&](const hub::ReceivedRegistration& r) { ids.insert(r.payload.at("id").get<std::string>()); });
  return ids;
}

// What a malformed answer must not change: the rows, acknowledgements and catalogs.
std::string local_fingerprint(core::Store& store) {
  std::string out;
  for (const char* sql : {"SELECT count(*) FROM registrations", "SELECT count(*) FROM outbox WHERE acked_at IS NULL",
                          "SELECT count(*) FROM outbox WHERE rejected_at IS NOT NULL",
                          "SELECT count(*) FROM catalog_items", "SELECT coalesce(sum(version), 0) FROM catalog_items",
                          "SELECT count(*) FROM bookings WHERE state = 'requested'", "SELECT count(*) FROM allotments",
                          "SELECT coalesce(sum(seats_left), 0) FROM allotments"}) {
    out += std::to_string(scalar(store.db(), sql)) + "/";
  }
  return out + core::catalog_cursor(store.db());
}

// For tests of how push answers are handled with a scripted hub: the usage counts the commits
// made would follow as one more change the script does not expect (usage_counts.hpp).
void forget_usage_marks(core::Store& store) {
  store.db().exec("DELETE FROM usage_dirty");
}

std::string read_corpus(const std::string& name) {
  std::ifstream in(wk::test::source_dir() / "tests" / "sync" / "corpus" / name, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

}  // namespace

TEST_CASE("registrations reach the hub exactly once and leave the outbox", "[engine]") {
  core::test::QuietLog quiet;
  Rig rig;
  const auto ids = commit_registrations(rig.store, 25);
  REQUIRE(core::pending_count(rig.store.db()) == 25);

  SyncReport r = rig.sync();
  CHECK(r.outcome == SyncOutcome::done);
  CHECK(r.message.empty());
  CHECK(r.push.applied == 25);
  CHECK(r.pending == 0);
  CHECK(rig.hub_store->registration_count() == 25);
  CHECK(hub_registration_ids(*rig.hub_store) == std::set<std::string>(ids.begin(), ids.end()));
  // Acknowledged but inside the retention period: still on the terminal.
  CHECK(scalar(rig.store.db(), "SELECT count(*) FROM registrations") == 25);
  const core::SyncState state = core::load_sync_state(rig.store.db());
  CHECK_FALSE(state.last_success_at.empty());
  CHECK(state.last_error.empty());

  // A second run has nothing to push; the hub is unchanged.
  r = rig.sync();
  CHECK(r.outcome == SyncOutcome::done);
  CHECK(r.push.applied == 0);
  CHECK(rig.hub_store->registration_count() == 25);
}

TEST_CASE("a booking reaches the hub's ledger once and the next pull brings the seats left", "[engine]") {
  core::test::QuietLog quiet;
  Rig rig;
  rig.hub_store->upsert_items(
      "course", {{"c-1", {{"title", {{"de", "B1 abends"}}}, {"course_type", "job_basic_b1"}, {"capacity", 2}}}}, false);
  REQUIRE(rig.sync().outcome == SyncOutcome::done);
  CHECK(json::parse(core::catalog_item(rig.store.db(), "course", "c-1")->data)["seats_free"] == 2);

  const core::StoredBooking b = core::commit_booking(rig.store, {"K7QM-4XRT-X", {{"c-1", 0}}}, "t-1");
  SyncReport r = rig.sync();
  CHECK(r.outcome == SyncOutcome::done);
  CHECK(r.push.applied == 1);
  const auto held = rig.hub_store->find_booking(b.id);
  REQUIRE(held);
  CHECK(held->state == "confirmed");
  CHECK(json::parse(core::catalog_item(rig.store.db(), "course", "c-1")->data)["seats_free"] == 1);
  // The hub's decision came back with the same pull.
  CHECK(core::load_booking(rig.store.db(), b.id)->state == "confirmed");
  // Nothing more to push: the ledger still holds one seat.
  r = rig.sync();
  CHECK(r.push.applied == 0);
  CHECK(rig.hub_store->course_figures().at(0).confirmed == 1);
}

TEST_CASE("the hub's Kümmerer decision and the operator's reassignment reach the terminal", "[engine][kuemmerer]") {
  core::test::QuietLog quiet;
  Rig rig;
  rig.hub_store->upsert_items("contact_person",
                              {{"p-a", {{"name", "Aylin Berger"}, {"kuemmerer_capacity", 10}}},
                               {"p-b", {{"name", "Samir Haddad"}, {"kuemmerer_capacity", 10}}}},
                              false);
  // Chosen from a directory the terminal held before p-gone left.
  const auto kept = core::commit_registration(rig.store, registration_named("K"), consent(), "t-1", "p-b");
  const auto moved = core::commit_registration(rig.store, registration_named("M"), consent(), "t-1", "p-gone");
  auto held = [&](const std::string& id) {
    core::Statement st = rig.store.db().prepare("SELECT coalesce(kuemmerer_id, '') FROM registrations WHERE id = ?1");
    st.bind(1, id);
    return st.step() ? st.column_text(0) : std::string("<gone>");
  };
  REQUIRE(rig.sync().outcome == SyncOutcome::done);
  CHECK(held(kept.id) == "p-b");
  CHECK(held(moved.id) == "p-a");  // the smaller load share of the two; p-b already has one
  CHECK(core::kuemmerer_of_code(rig.store.db(), moved.code) == "p-a");

  const auto r = rig.hub_store->reassign_kuemmerer(moved.code, "p-b");
  CHECK(r.from == "p-a");
  REQUIRE(rig.sync().outcome == SyncOutcome::done);
  CHECK(held(moved.id) == "p-b");
  CHECK(held(kept.id) == "p-b");
  CHECK(rig.hub_store->lookup_code(moved.code).kuemmerer_id == "p-b");
}

TEST_CASE("a call-back request reaches the hub once and leaves the outbox", "[engine][callback]") {
  core::test::QuietLog quiet;
  Rig rig;
  core::CallbackAsk ask;
  ask.organisation_id = "o-iq";
  ask.topic = "recognition";
  ask.language = "fa";
  ask.name = "Reza Ahmadi";
  ask.phone = "+4915112345678";
  core::commit_callback(rig.store, ask, "t-1");
  SyncReport r = rig.sync();
  CHECK(r.outcome == SyncOutcome::done);
  CHECK(r.push.applied == 1);
  CHECK(r.pending == 0);
  CHECK(rig.hub_store->callback_count() == 1);
  r = rig.sync();
  CHECK(r.push.applied == 0);
  CHECK(rig.hub_store->callback_count() == 1);
}

TEST_CASE("offline: within the allotment confirmed on the spot, beyond it requested and decided at sync",
          "[engine][allotment]") {
  core::test::QuietLog quiet;
  Rig rig;
  rig.hub_store->upsert_items(
      "course", {{"c-1", {{"title", {{"de", "B1 abends"}}}, {"course_type", "job_basic_b1"}, {"capacity", 4}}}}, false);
  REQUIRE(rig.sync().outcome == SyncOutcome::done);  // allots 2 of the 4 seats to t-1 (at most half)
  CHECK(rig.hub_store->course_figures().at(0).allotted == 2);
  rig.server->stop();  // offline from here

  const core::StoredBooking first = core::commit_booking(rig.store, {"K7QM-4XRT-X", {{"c-1", 0}, {"c-1", 1}}}, "t-1");
  CHECK(first.state == "confirmed");
  const core::StoredBooking beyond = core::commit_booking(rig.store, {"Y9EA-7T6N-F", {{"c-1", 0}}}, "t-1");
  CHECK(beyond.state == "requested");
  CHECK(rig.sync().outcome != SyncOutcome::done);

  rig.start_server();
  rig.options.hub.url = "https://localhost:" + std::to_string(rig.server->port());
  const SyncReport r = rig.sync();
  CHECK(r.outcome == SyncOutcome::done);
  CHECK(r.push.applied == 2);
  // The hub confirmed the allotted seats and decided the request from the one seat left.
  CHECK(rig.hub_store->find_booking(first.id)->state == "confirmed");
  CHECK(rig.hub_store->find_booking(beyond.id)->state == "confirmed");
  CHECK(core::load_booking(rig.store.db(), beyond.id)->state == "confirmed");
  const auto figures = rig.hub_store->course_figures().at(0);
  CHECK(figures.confirmed == 3);
  CHECK(figures.allotted == 0);
  CHECK(rig.hub_store->check_ledger().empty());
  // One seat left, none allotted: a booking for two here is only a request, and waits at the hub.
  const core::StoredBooking last = core::commit_booking(rig.store, {"Y9EA-7T6N-F", {{"c-1", 2}, {"c-1", 3}}}, "t-1");
  CHECK(last.state == "requested");
  REQUIRE(rig.sync().outcome == SyncOutcome::done);
  CHECK(core::load_booking(rig.store.db(), last.id)->state == "waiting");
}

TEST_CASE("the hub desk looks up a code and answers an offer on its own thread", "[engine][desk]") {
  core::test::QuietLog quiet;
  Rig rig;
  rig.hub_store->upsert_items(
      "course", {{"c-1", {{"title", {{"de", "B1 abends"}}}, {"course_type", "job_basic_b1"}, {"capacity", 1}}}}, false);
  rig.hub_store->set_booking_policy({0, std::chrono::hours(24), std::chrono::hours(48)});  // no allotments
  const core::StoredBooking first = core::commit_booking(rig.store, {"K7QM-4XRT-X", {{"c-1", 0}}}, "t-1");
  const core::StoredBooking second = core::commit_booking(rig.store, {"Y9EA-7T6N-F", {{"c-1", 0}}}, "t-1");
  REQUIRE(rig.sync().outcome == SyncOutcome::done);
  REQUIRE(rig.hub_store->find_booking(second.id)->state == "waiting");

  std::atomic<int> woken{0};
  HubDesk desk(rig.options, [&] { ++woken; });
  auto settled = [&](std::uint64_t ticket) {
    for (int i = 0; i < 500; ++i) {
      const HubDesk::Reply r = desk.reply();
      if (r.ticket == ticket && r.state != HubDesk::Reply::State::waiting) return r;
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return desk.reply();
  };
  HubDesk::Reply r = settled(desk.look_up("Y9EA-7T6N-F"));
  REQUIRE(r.state == HubDesk::Reply::State::answered);
  REQUIRE(r.lookup.bookings.size() == 1);
  CHECK(r.lookup.bookings[0].state == "waiting");
  CHECK(r.lookup.bookings[0].position == 1);
  CHECK(woken >= 1);

  // The first one cancels here; the seat is offered to the second, who accepts at the desk.
  core::cancel_booking(rig.store, first.id);
  REQUIRE(rig.sync().outcome == SyncOutcome::done);
  r = settled(desk.look_up("Y9EA-7T6N-F"));
  REQUIRE(r.lookup.bookings.size() == 1);
  CHECK(r.lookup.bookings[0].state == "offered");
  r = settled(desk.answer_offer(second.id, "Y9EA-7T6N-F", true));
  CHECK(r.state == HubDesk::Reply::State::answered);
  CHECK(r.offer_state == "confirmed");
  CHECK(r.lookup.bookings.at(0).state == "confirmed");
  // An answer to an offer that is gone is refused; a hub that cannot be reached is "offline".
  r = settled(desk.answer_offer(second.id, "Y9EA-7T6N-F", false));
  CHECK(r.state == HubDesk::Reply::State::refused);
  rig.server->stop();
  r = settled(desk.look_up("Y9EA-7T6N-F"));
  CHECK(r.state == HubDesk::Reply::State::offline);
  desk.clear();
  CHECK(desk.reply().state == HubDesk::Reply::State::none);
}

TEST_CASE("a retried batch is answered as duplicate and acknowledged", "[engine]") {
  core::test::QuietLog quiet;
  Rig rig;
  commit_registrations(rig.store, 3);
  // The hub applies the batch, but the terminal never hears it (as if the answer was lost).
  PushRequest lost;
  lost.terminal_id = "t-1";
  for (const core::OutboxEntry& e : core::pending(rig.store.db(), 10)) {
    lost.changes.push_back(
        Change{e.change_id, e.seq, e.entity, e.entity_id, e.op, e.created_at, json::parse(e.payload)});
  }
  rig.hub_store->apply_push("t-1", lost);
  const SyncReport r = rig.sync();
  CHECK(r.outcome == SyncOutcome::done);
  CHECK(r.push.duplicates == 3);
  CHECK(r.push.applied == 0);
  CHECK(r.pending == 0);
  CHECK(rig.hub_store->registration_count() == 3);
}

TEST_CASE("a change the hub rejects becomes a dead letter and does not block the others", "[engine]") {
  core::test::QuietLog quiet;
  Rig rig;
  commit_registrations(rig.store, 2, "A");
  // An update of a registration: valid for the protocol, refused by the hub in version 1.
  rig.store.transact([&](core::Database& db) {
    core::enqueue(db, core::OutboxChange{"registration", core::uuid_v7(), "update", {{"phone", "+4915100000000"}}});
  });
  commit_registrations(rig.store, 2, "B");

  const SyncReport r = rig.sync();
  CHECK(r.outcome == SyncOutcome::done);
  CHECK(r.push.applied == 4);
  CHECK(r.push.rejected == 1);
  CHECK(r.pending == 0);
  CHECK(r.dead_letters == 1);
  const auto dead = core::dead_letters(rig.store.db());
  REQUIRE(dead.size() == 1);
  CHECK(dead[0].op == "update");
  CHECK_FALSE(dead[0].reason.empty());
  CHECK(rig.hub_store->registration_count() == 4);
  // Dead letters are not pushed again.
  CHECK(rig.sync().push.rejected == 0);
}

TEST_CASE("a registration the hub's schema refuses is a dead letter, never a retry loop", "[engine]") {
  core::test::QuietLog quiet;
  Rig rig;  // enrolled as t-1
  commit_registrations(rig.store, 1, "A");
  // Committed as if by another terminal: the payload's and the consent's terminal_id are not t-1.
  commit_registrations(rig.store, 1, "X", "t-2");
  commit_registrations(rig.store, 1, "B");

  const SyncReport r = rig.sync();
  CHECK(r.outcome == SyncOutcome::done);
  CHECK(r.push.applied == 2);
  CHECK(r.push.rejected == 1);
  CHECK(r.dead_letters == 1);
  const auto dead = core::dead_letters(rig.store.db());
  REQUIRE(dead.size() == 1);
  CHECK(dead[0].reason == "payload.terminal_id: is not the terminal that sent it");
  CHECK(rig.hub_store->registration_count() == 2);
  // Not pushed again, and nothing of it at the hub.
  const SyncReport again = rig.sync();
  CHECK(again.push.rejected == 0);
  CHECK(again.push.applied == 0);
  CHECK(rig.hub_store->registration_count() == 2);
}

TEST_CASE("catalogs arrive with updates and tombstones, and the cursor follows", "[engine]") {
  core::test::QuietLog quiet;
  Rig rig;
  std::vector<std::pair<std::string, json>> courses;
  for (int i = 0; i < 4500; ++i) {
    courses.emplace_back("c-" + std::to_string(i), json{{"title", {{"de", "Kurs " + std::to_string(i)}}}});
  }
  rig.hub_store->upsert_items("course", courses, false);
  rig.hub_store->upsert_items("contact_person", {{"p-1", {{"name", "A. Beispiel"}}}}, false);

  SyncReport r = rig.sync();
  REQUIRE(r.outcome == SyncOutcome::done);
  CHECK(r.pull.items == 4501);
  CHECK(r.pull.requests == 3);  // pages of kPullPageSize
  CHECK(core::catalog_count(rig.store.db(), "course") == 4500);
  CHECK(core::catalog_cursor(rig.store.db()) ==
        hub::format_cursor(rig.hub_store->instance_id(), rig.hub_store->catalog_version()));

  // One course changes, the rest is replaced: a tombstone for each course no longer listed.
  rig.hub_store->upsert_items("course", {{"c-7", {{"title", {{"de", "Kurs 7 neu"}}}}}}, true);
  r = rig.sync();
  REQUIRE(r.outcome == SyncOutcome::done);
  CHECK(r.pull.items == 4500);
  CHECK(core::catalog_count(rig.store.db(), "course") == 1);
  CHECK(json::parse(core::catalog_item(rig.store.db(), "course", "c-7")->data)["title"]["de"] == "Kurs 7 neu");
  CHECK(core::catalog_count(rig.store.db(), "contact_person") == 1);

  // Nothing new: one request, nothing changed.
  r = rig.sync();
  CHECK(r.pull.items == 0);
  CHECK(r.pull.requests == 1);
}

TEST_CASE("an interrupted pull resumes from the stored cursor without gaps or duplicates", "[engine]") {
  core::test::QuietLog quiet;
  Rig rig;
  std::vector<std::pair<std::string, json>> people;
  for (int i = 0; i < 5000; ++i) people.emplace_back("p-" + std::to_string(i), json{{"name", "P" + std::to_string(i)}});
  rig.hub_store->upsert_items("contact_person", people, false);

  // A hub in front of the real one that breaks the second page of the first run.
  std::atomic<int> catalog_requests{0};
  httplib::SSLClient upstream("localhost", rig.server->port());
  upstream.set_ca_cert_path(rig.pki.ca_file().c_str());
  FakeHub front(rig.leaf, [&](const httplib::Request& q, httplib::Response& res) {
    httplib::Headers h{{"Authorization", q.get_header_value("Authorization")}, {"Wk-Protocol", "1"}};
    auto up = q.method == "GET"
                  ? upstream.Get((q.path + "?" + httplib::detail::params_to_query_str(q.params)).c_str(), h)
                  : upstream.Post(q.path.c_str(), h, q.body, "application/json");
    if (!up) {
      res.status = 503;
      return;
    }
    res.status = up->status;
    std::string body = up->body;
    if (q.path == "/v1/catalog" && ++catalog_requests == 2) body = body.substr(0, body.size() / 2);  // truncated
    res.set_content(body, "application/json");
  });
  SyncOptions via_front = rig.options;
  via_front.hub.url = "https://localhost:" + std::to_string(front.port());

  SyncReport r = run_sync(rig.store, via_front);
  CHECK(r.outcome == SyncOutcome::error);
  CHECK_THAT(r.message, Catch::Contains("malformed catalog response"));
  CHECK(core::catalog_count(rig.store.db(), "contact_person") == kPullPageSize);  // the first page stayed
  const std::string cursor_after_first = core::catalog_cursor(rig.store.db());
  CHECK(cursor_after_first == hub::format_cursor(rig.hub_store->instance_id(), kPullPageSize));

  r = run_sync(rig.store, via_front);
  CHECK(r.outcome == SyncOutcome::done);
  CHECK(r.pull.items == 5000 - kPullPageSize);  // nothing received twice, nothing skipped
  CHECK(core::catalog_count(rig.store.db(), "contact_person") == 5000);
  CHECK(scalar(rig.store.db(), "SELECT count(DISTINCT id) FROM catalog_items") == 5000);
}

TEST_CASE("a new or restored hub database makes the terminal take the catalogs again from the start", "[engine]") {
  core::test::QuietLog quiet;
  Rig rig;
  rig.hub_store->upsert_items("course", {{"c-old", {{"title", {{"de", "Alt"}}}}}}, false);
  rig.hub_store->upsert_items("contact_person", {{"p-old", {{"name", "Old"}}}}, false);
  REQUIRE(rig.sync().outcome == SyncOutcome::done);
  REQUIRE(core::catalog_count(rig.store.db(), "course") == 1);

  // The hub's database is replaced by a new one with other items (and more of them than the
  // old cursor's version, so a version number alone could not tell).
  rig.server->stop();
  rig.server.reset();
  rig.hub_store = std::make_unique<hub::HubStore>(rig.dir / "hub2" / "hub.db");
  std::vector<std::pair<std::string, json>> fresh;
  for (int i = 0; i < 5; ++i) fresh.emplace_back("c-new-" + std::to_string(i), json{{"title", {{"de", "Neu"}}}});
  rig.hub_store->upsert_items("course", fresh, false);
  rig.token = rig.hub_store->add_terminal("t-1");
  write_file(rig.options.hub.token_file, rig.token);
  rig.start_server();
  rig.options.hub.url = "https://localhost:" + std::to_string(rig.server->port());

  const SyncReport r = rig.sync();
  CHECK(r.outcome == SyncOutcome::done);
  CHECK(core::catalog_count(rig.store.db(), "course") == 5);
  CHECK_FALSE(core::catalog_item(rig.store.db(), "course", "c-old"));
  CHECK(core::catalog_count(rig.store.db(), "contact_person") == 0);
  CHECK(scalar(rig.store.db(), "SELECT count(*) FROM catalog_items") == 5);  // no tombstones of the old hub
  CHECK(core::catalog_cursor(rig.store.db()) == hub::format_cursor(rig.hub_store->instance_id(), 5));
}

TEST_CASE("a refused token stops syncing, raises the alert and deletes nothing", "[engine]") {
  core::test::QuietLog quiet;
  Rig rig;
  commit_registrations(rig.store, 3);
  rig.hub_store->revoke_terminal("t-1");
  const auto before = rig.server->stats().requests;

  SyncReport r = rig.sync();
  CHECK(r.outcome == SyncOutcome::unauthorized);
  CHECK_THAT(r.message, Catch::Contains("revoked"));
  CHECK(r.pending == 3);
  CHECK(scalar(rig.store.db(), "SELECT count(*) FROM registrations") == 3);
  const core::SyncState state = core::load_sync_state(rig.store.db());
  CHECK_FALSE(state.auth_refused_at.empty());
  CHECK(state.refused_token_id.size() == 64);
  CHECK(state.last_success_at.empty());

  // The same token is not offered again: the next run does not contact the hub.
  const auto after_first = rig.server->stats().requests;
  CHECK(after_first > before);
  r = rig.sync();
  CHECK(r.outcome == SyncOutcome::unauthorized);
  CHECK(rig.server->stats().requests == after_first);
  CHECK(r.pending == 3);

  // A corrected terminal id (or hub URL) is worth a new attempt, even with the same token.
  rig.options.terminal_id = "t-other";
  r = rig.sync();
  CHECK(r.outcome == SyncOutcome::unauthorized);
  CHECK(rig.server->stats().requests > after_first);
  rig.options.terminal_id = "t-1";

  // Enrolled again with a new token: everything goes through and the alert clears.
  write_file(rig.options.hub.token_file, rig.hub_store->add_terminal("t-1"));
  r = rig.sync();
  CHECK(r.outcome == SyncOutcome::done);
  CHECK(r.push.applied == 3);
  CHECK(core::load_sync_state(rig.store.db()).auth_refused_at.empty());
}

TEST_CASE("TLS fails closed: wrong CA, host, expiry, pin, http:// and a redirect to http:// keep the data queued",
          "[engine][tls]") {
  core::test::QuietLog quiet;
  Rig rig;
  commit_registrations(rig.store, 2);
  wk::test::TestPki other(rig.dir / "other-ca", "Another CA");
  const auto expired =
      rig.pki.issue("expired", {"localhost"}, {"127.0.0.1"}, std::chrono::hours(-48), std::chrono::hours(-24));
  const auto wrong_host = rig.pki.issue("wrong-host", {"hub.example.org"}, {});
  const auto good_pin = rig.leaf.pin;

  struct Case {
    std::string name;
    std::function<SyncOptions()> options;
    std::string expect;  // in the message
  };
  std::unique_ptr<FakeHub> fake;
  const auto served_by = [&](const wk::test::TestPki::Leaf& leaf) {
    fake = std::make_unique<FakeHub>(leaf, [](const httplib::Request&, httplib::Response& res) {
      res.set_content(R"({"protocol":1,"results":[]})", "application/json");
    });
    SyncOptions o = rig.options;
    o.hub.url = "https://localhost:" + std::to_string(fake->port());
    return o;
  };
  const std::vector<Case> cases{
      {"wrong CA",
       [&] {
         SyncOptions o = rig.options;
         o.hub.ca_file = other.ca_file();
         return o;
       },
       "not issued by the configured CA"},
      {"wrong host name", [&] { return served_by(wrong_host); }, "not valid for the host name"},
      {"expired certificate", [&] { return served_by(expired); }, "expired"},
      {"wrong pin",
       [&] {
         SyncOptions o = rig.options;
         o.hub.pinned_keys = {rig.pki.ca_pin()};
         return o;
       },
       "pinned"},
      {"plain http://",
       [&] {
         SyncOptions o = rig.options;
         o.hub.url = "http://localhost:" + std::to_string(rig.server->port());
         return o;
       },
       "only https://"},
      {"redirect to http://",
       [&] {
         fake = std::make_unique<FakeHub>(rig.leaf, [&](const httplib::Request&, httplib::Response& res) {
           res.set_redirect("http://localhost:" + std::to_string(rig.server->port()) + "/v1/push", 307);
         });
         SyncOptions o = rig.options;
         o.hub.url = "https://localhost:" + std::to_string(fake->port());
         return o;
       },
       "not https://"},
  };
  for (const Case& c : cases) {
    INFO(c.name);
    const SyncReport r = run_sync(rig.store, c.options());
    CHECK(r.outcome == SyncOutcome::error);
    CHECK_THAT(r.message, Catch::Contains(c.expect));
    CHECK_THAT(r.message, !Catch::Contains(rig.token));
    CHECK(r.pending == 2);
    CHECK(rig.hub_store->registration_count() == 0);
    CHECK(core::load_sync_state(rig.store.db()).last_error == r.message.substr(0, 1000));
    fake.reset();
  }
  // The right pin among two (current and backup) is accepted; then everything goes.
  SyncOptions pinned = rig.options;
  pinned.hub.pinned_keys = {rig.pki.ca_pin(), good_pin};
  const SyncReport r = run_sync(rig.store, pinned);
  CHECK(r.outcome == SyncOutcome::done);
  CHECK(rig.hub_store->registration_count() == 2);
}

TEST_CASE("malformed, truncated, oversized and wrong-typed hub answers change nothing locally", "[engine][fuzz]") {
  core::test::QuietLog quiet;
  Rig rig;
  commit_registrations(rig.store, 2);
  rig.hub_store->upsert_items("course", {{"c-1", {{"title", {{"de", "B1"}}}}}}, false);
  REQUIRE(rig.sync().outcome == SyncOutcome::done);  // one course stored, cursor set
  commit_registrations(rig.store, 2, "M");
  core::commit_booking(rig.store, {"K7QM-4XRT-X", {{"c-1", 0}}}, "t-1");  // its state must not change either
  forget_usage_marks(rig.store);
  const std::string before = local_fingerprint(rig.store);

  std::vector<std::pair<std::string, std::string>> answers;  // (name, push answer body)
  for (const char* f :
       {"push-response-extra-result.json", "push-response-invalid-utf8.json", "push-response-missing-result.json",
        "push-response-no-protocol.json", "push-response-protocol-2.json", "push-response-reason-null.json",
        "push-response-results-object.json", "push-response-top-level-array.json", "push-response-truncated.json",
        "push-response-unknown-status.json", "push-response-wrong-order.json", "catalog-ok-1.json"}) {
    answers.emplace_back(f, read_corpus(f));
  }
  answers.emplace_back("empty body", "");
  answers.emplace_back("html", "<html><body>Gateway</body></html>");
  answers.emplace_back("deep nesting", std::string(100000, '[') + std::string(100000, ']'));
  answers.emplace_back("oversized", std::string(kMaxResponseBytes + 1, ' '));

  std::string answer;
  FakeHub fake(rig.leaf, [&](const httplib::Request& q, httplib::Response& res) {
    if (q.path == "/v1/push") {
      res.set_content(answer, "application/json");
    } else {
      res.set_content(read_corpus("catalog-ok-1.json"), "application/json");
    }
  });
  SyncOptions o = rig.options;
  o.hub.url = "https://localhost:" + std::to_string(fake.port());
  for (const auto& [name, body] : answers) {
    INFO(name);
    answer = body;
    const SyncReport r = run_sync(rig.store, o);
    CHECK(r.outcome == SyncOutcome::error);
    CHECK(local_fingerprint(rig.store) == before);
  }

  // Catalog answers: every refused corpus file, each one after a valid push.
  answer.clear();
  FakeHub catalog_fake(rig.leaf, [&](const httplib::Request& q, httplib::Response& res) {
    if (q.path == "/v1/push") {
      res.set_content(R"({"protocol":1,"results":[]})", "application/json");
    } else {
      res.set_content(answer, "application/json");
    }
  });
  // Only the catalog is asked for: nothing waits in the outbox.
  rig.store.transact(
      [](core::Database& db) { db.exec("UPDATE outbox SET acked_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')"); });
  const std::string before_catalog = local_fingerprint(rig.store);
  o.hub.url = "https://localhost:" + std::to_string(catalog_fake.port());
  for (const char* f :
       {"catalog-bad-version.json", "catalog-cursor-too-long.json", "catalog-empty-file.json", "catalog-empty-id.json",
        "catalog-missing-data.json", "catalog-more-string.json", "catalog-protocol-string.json",
        "catalog-tombstone-with-data.json", "catalog-unknown-kind.json", "catalog-version-float.json",
        "push-response-ok-1.json", "catalog-booking-bad-state.json", "catalog-booking-versions-not-increasing.json",
        "catalog-booking-not-array.json", "catalog-allotments-zero-seats.json", "catalog-allotments-course-twice.json",
        "catalog-allotments-not-array.json", "catalog-allotments-lease-too-long.json",
        "catalog-allotments-seats-huge.json"}) {
    INFO(f);
    answer = read_corpus(f);
    const SyncReport r = run_sync(rig.store, o);
    CHECK(r.outcome == SyncOutcome::error);
    CHECK(local_fingerprint(rig.store) == before_catalog);
  }
}

TEST_CASE("hub errors: 5xx and network failures are retried later, 426 names the versions", "[engine]") {
  core::test::QuietLog quiet;
  Rig rig;
  commit_registrations(rig.store, 1);
  int status = 503;
  std::string body = R"({"protocol":1,"error":{"code":"unavailable","message":"maintenance"}})";
  FakeHub fake(rig.leaf, [&](const httplib::Request&, httplib::Response& res) {
    res.status = status;
    res.set_content(body, "application/json");
  });
  SyncOptions o = rig.options;
  o.hub.url = "https://localhost:" + std::to_string(fake.port());
  SyncReport r = run_sync(rig.store, o);
  CHECK(r.outcome == SyncOutcome::unreachable);
  CHECK_THAT(r.message, Catch::Contains("503") && Catch::Contains("unavailable"));
  CHECK(scalar(rig.store.db(), "SELECT attempts FROM outbox") == 1);

  status = 426;
  body = R"({"protocol":2,"error":{"code":"protocol_version","message":"upgrade","supported":[2,3]}})";
  r = run_sync(rig.store, o);
  CHECK(r.outcome == SyncOutcome::error);
  CHECK_THAT(r.message, Catch::Contains("protocol version 1") && Catch::Contains("2, 3"));

  // Nobody listening at all.
  o.hub.url = "https://localhost:1";
  r = run_sync(rig.store, o);
  CHECK(r.outcome == SyncOutcome::unreachable);
  CHECK(r.pending == 1);
}

TEST_CASE("a hub that says more without moving its cursor is refused, not followed forever", "[engine]") {
  core::test::QuietLog quiet;
  Rig rig;
  FakeHub looping(rig.leaf, [](const httplib::Request& q, httplib::Response& res) {
    if (q.path == "/v1/push") {
      res.set_content(R"({"protocol":1,"results":[]})", "application/json");
      return;
    }
    res.set_content(R"({"protocol":1,"cursor":"7","more":true,"items":[{"kind":"course","id":"c","version":7,)"
                    R"("deleted":false,"data":{"title":{"de":"x"}}}]})",
                    "application/json");
  });
  SyncOptions o = rig.options;
  o.hub.url = "https://localhost:" + std::to_string(looping.port());
  const SyncReport r = run_sync(rig.store, o);
  CHECK(r.outcome == SyncOutcome::error);
  CHECK_THAT(r.message, Catch::Contains("cursor did not move"));
  CHECK(r.pull.requests == 2);  // the first page is fine; the second repeats its cursor
}

TEST_CASE("a whole batch refused by the hub is narrowed down, a bare 400 from a proxy dead-letters nothing",
          "[engine]") {
  core::test::QuietLog quiet;
  Rig rig;
  commit_registrations(rig.store, 3);
  forget_usage_marks(rig.store);
  std::string body;
  std::vector<std::size_t> batch_sizes;
  FakeHub refusing(rig.leaf, [&](const httplib::Request& q, httplib::Response& res) {
    if (q.path != "/v1/push") {
      res.set_content(R"({"protocol":1,"cursor":"","more":false,"items":[]})", "application/json");
      return;
    }
    batch_sizes.push_back(parse_push_request(q.body).changes.size());
    res.status = 400;
    res.set_content(body, body.empty() ? "text/html" : "application/json");
  });
  SyncOptions o = rig.options;
  o.hub.url = "https://localhost:" + std::to_string(refusing.port());

  // A proxy's 400 without the protocol's error body: an error, nothing dead-lettered.
  SyncReport r = run_sync(rig.store, o);
  CHECK(r.outcome == SyncOutcome::error);
  CHECK(r.pending == 3);
  CHECK(r.dead_letters == 0);
  CHECK(batch_sizes == std::vector<std::size_t>{3});

  // The hub's own bad_request for every body: halved until alone, then each one dead-lettered.
  body = R"({"protocol":1,"error":{"code":"bad_request","message":"changes[0].payload: broken"}})";
  batch_sizes.clear();
  r = run_sync(rig.store, o);
  CHECK(r.outcome == SyncOutcome::done);
  CHECK(r.pending == 0);
  CHECK(r.dead_letters == 3);
  CHECK(batch_sizes.front() == 3);
  CHECK(batch_sizes.at(1) == 1);
  const auto dead = core::dead_letters(rig.store.db());
  REQUIRE(dead.size() == 3);
  CHECK_THAT(dead[0].reason, Catch::Contains("bad_request"));
}

TEST_CASE("acknowledged registrations leave the terminal after the retention period", "[engine][retention]") {
  core::test::QuietLog quiet;
  Rig rig;
  commit_registrations(rig.store, 3, "Retainus");
  rig.options.hub.retention_hours = 0;
  const SyncReport r = rig.sync();
  CHECK(r.outcome == SyncOutcome::done);
  CHECK(r.purge.registrations == 3);
  CHECK(scalar(rig.store.db(), "SELECT count(*) FROM registrations") == 0);
  CHECK(scalar(rig.store.db(), "SELECT count(*) FROM outbox") == 0);
  CHECK(rig.hub_store->registration_count() == 3);
  std::string bytes;
  for (const char* suffix : {"", "-wal"}) {
    std::ifstream in((rig.dir / "kiosk" / "kiosk.db").string() + suffix, std::ios::binary);
    bytes.append(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  CHECK(bytes.find("Retainus") == std::string::npos);
}

TEST_CASE("sync runs never overlap", "[engine]") {
  core::test::QuietLog quiet;
  Rig rig;
  auto held = SyncLock::acquire(rig.options.lock_file, std::chrono::milliseconds(0));
  REQUIRE(held);
  CHECK_FALSE(SyncLock::acquire(rig.options.lock_file, std::chrono::milliseconds(100)));
  const SyncReport r = rig.sync();
  CHECK(r.outcome == SyncOutcome::busy);
  held.reset();
  CHECK(rig.sync().outcome == SyncOutcome::done);
}

TEST_CASE("the worker syncs in the background, wakes the UI and stops promptly", "[engine][worker]") {
  core::test::QuietLog quiet;
  Rig rig;
  rig.hub_store->upsert_items("course", {{"c-1", {{"title", {{"de", "B1"}}}}}}, false);
  commit_registrations(rig.store, 2);
  std::atomic<int> wakes{0};
  WorkerTiming timing;
  timing.first_run = std::chrono::milliseconds(10);
  SyncWorker worker(
      rig.dir / "kiosk" / "kiosk.db", rig.options, [&] { ++wakes; }, timing);
  worker.start();
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (worker.status().state != SyncStatus::State::online && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  const SyncStatus s = worker.status();
  CHECK(s.state == SyncStatus::State::online);
  CHECK(s.pending == 0);
  CHECK(s.catalog_generation == 1);
  CHECK_FALSE(s.last_success_at.empty());
  CHECK(wakes > 0);
  CHECK(rig.hub_store->registration_count() == 2);

  // A new registration and a nudge: pushed long before the interval (300 s) is over.
  commit_registrations(rig.store, 1, "Late");
  worker.nudge();
  while (rig.hub_store->registration_count() < 3 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  CHECK(rig.hub_store->registration_count() == 3);
  worker.stop();
}

TEST_CASE("stopping the worker cancels a transfer to a stalled hub", "[engine][worker]") {
  core::test::QuietLog quiet;
  Rig rig;
  commit_registrations(rig.store, 1);
  std::atomic<bool> release{false};
  FakeHub stalled(rig.leaf, [&](const httplib::Request&, httplib::Response& res) {
    for (int i = 0; i < 300 && !release; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(100));
    res.status = 503;
  });
  SyncOptions o = rig.options;
  o.hub.url = "https://localhost:" + std::to_string(stalled.port());
  WorkerTiming timing;
  timing.first_run = std::chrono::milliseconds(1);
  SyncWorker worker(rig.dir / "kiosk" / "kiosk.db", o, nullptr, timing);
  worker.start();
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (worker.status().state != SyncStatus::State::syncing && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(300));  // the request is in flight
  const auto t0 = std::chrono::steady_clock::now();
  worker.stop();
  const auto took = std::chrono::steady_clock::now() - t0;
  release = true;
  CHECK(took < std::chrono::seconds(5));
  CHECK(core::pending_count(rig.store.db()) == 1);
}

TEST_CASE("the worker's backoff grows exponentially up to its cap", "[engine][worker]") {
  using std::chrono::milliseconds;
  const WorkerTiming t{milliseconds(1), milliseconds(1000), milliseconds(60000)};
  CHECK(SyncWorker::base_delay(0, milliseconds(300000), t) == milliseconds(300000));
  CHECK(SyncWorker::base_delay(1, milliseconds(300000), t) == milliseconds(1000));
  CHECK(SyncWorker::base_delay(2, milliseconds(300000), t) == milliseconds(2000));
  CHECK(SyncWorker::base_delay(5, milliseconds(300000), t) == milliseconds(16000));
  CHECK(SyncWorker::base_delay(7, milliseconds(300000), t) == milliseconds(60000));
  CHECK(SyncWorker::base_delay(1000, milliseconds(300000), t) == milliseconds(60000));
}

TEST_CASE("a run's progress follows the changes pushed and the pages pulled and never goes back", "[engine]") {
  core::test::QuietLog quiet;
  Rig rig;
  commit_registrations(rig.store, 250);
  SyncProgress progress;
  rig.options.progress = &progress;
  CHECK(progress.fraction() == 0.0);
  std::atomic<bool> running{true};
  std::vector<double> seen;
  std::thread watcher([&] {
    while (running) {
      seen.push_back(progress.fraction());
      std::this_thread::sleep_for(std::chrono::microseconds(200));
    }
  });
  const SyncReport r = rig.sync();
  running = false;
  watcher.join();
  CHECK(r.outcome == SyncOutcome::done);
  // The 250 registrations, then the one day of usage counts they made.
  CHECK(progress.push_total == 251);
  CHECK(progress.push_done == 251);
  CHECK(r.push.usage_days == 1);
  CHECK(progress.pages >= 1);
  CHECK(progress.fraction() == 1.0);
  for (std::size_t i = 1; i < seen.size(); ++i) {
    INFO("sample " << i << ": " << seen[i - 1] << " then " << seen[i]);
    REQUIRE(seen[i] >= seen[i - 1]);
  }
  // A new run starts from nothing.
  commit_registrations(rig.store, 1, "M");
  rig.sync();
  CHECK(progress.push_total == 2);  // the registration and its day's usage counts
  CHECK(progress.fraction() == 1.0);
}

TEST_CASE("the day's usage counts reach the hub after the newcomers' changes, once per change of the day",
          "[engine][usage]") {
  core::test::QuietLog quiet;
  Rig rig;
  commit_registrations(rig.store, 3);
  SyncReport r = rig.sync();
  CHECK(r.outcome == SyncOutcome::done);
  CHECK(r.push.applied == 3);
  CHECK(r.push.usage_days == 1);
  const std::string today = core::utc_now_iso8601().substr(0, 10);
  std::int64_t registrations = 0;
  for (const auto& t : rig.hub_store->usage_totals(false, today))
    if (t.metric == "registrations") registrations += t.count;
  CHECK(registrations == 3);
  // Nothing new counted: nothing more sent.
  r = rig.sync();
  CHECK(r.push.usage_days == 0);
  // More of the same day: the whole day again, replacing, not adding.
  commit_registrations(rig.store, 2, "N");
  r = rig.sync();
  CHECK(r.push.usage_days == 1);
  registrations = 0;
  for (const auto& t : rig.hub_store->usage_totals(false, today))
    if (t.metric == "registrations") registrations += t.count;
  CHECK(registrations == 5);
}
