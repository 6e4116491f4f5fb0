// "My bookings" through the course browser: the code typed (or this session's), what this
// terminal holds shown at once, the hub's word merged in when a (fake) desk answers, waiting
// places, cancelling with "really?" as one outbox change carrying the code — for a booking made
// at another terminal too — and the answer to an offer going to the desk; nothing of it stays
// after the session ends.
#include "kiosk/ui/features/courses/courses_browser.hpp"
#include "kiosk/ui/features/courses/my_bookings.hpp"

#include "kiosk/core/booking.hpp"
#include "kiosk/core/catalog.hpp"
#include "kiosk/core/outbox.hpp"
#include "kiosk/core/registration.hpp"
#include "kiosk/core/store.hpp"
#include "kiosk/ui/controller.hpp"
#include "kiosk/ui/idle_timer.hpp"
#include "kiosk/ui/session.hpp"

#include "../core/quiet_log.hpp"
#include "../support/temp_dir.hpp"

#include <catch2/catch.hpp>

using namespace wk::ui;
using nlohmann::json;

namespace {

// A hub desk that answers when the test says so.
struct FakeDesk : HubDeskLink {
  DeskReply now;
  std::vector<std::string> asked;  // "look_up CODE", "accept ID CODE", "decline ID CODE"
  std::uint64_t tickets = 0;
  std::uint64_t look_up(const std::string& code) override {
    asked.push_back("look_up " + code);
    now = {DeskReply::State::waiting, ++tickets, {}, {}};
    return tickets;
  }
  std::uint64_t answer_offer(const std::string& id, const std::string& code, bool accept) override {
    asked.push_back(std::string(accept ? "accept " : "decline ") + id + " " + code);
    now = {DeskReply::State::waiting, ++tickets, {}, {}};
    return tickets;
  }
  DeskReply reply() const override { return now; }
  void clear() override { now = {}; }
  void answer(wk::sync::CodeLookup lookup) {
    now.state = DeskReply::State::answered;
    now.lookup = std::move(lookup);
  }
};

struct MineRig {
  wk::core::test::QuietLog quiet;
  wk::core::test::TempDir dir;
  wk::core::Store store = wk::core::Store::open(dir / "kiosk.db");
  Session session;
  IdleTimer idle{60, 90};
  Controller controller{store, {"de"}, "de", session, idle};
  FakeDesk desk;
  CoursesBrowser browser{store, session, [] { return wk::text::Date{2026, 12, 6}; }, "kiosk-01", &desk};
  double t = 0;
  MineRig() {
    controller.add_feature(browser);
    const auto course = [](const char* title) {
      return json{{"title", {{"de", title}}}, {"course_type", "other"}, {"capacity", 5}}.dump();
    };
    wk::core::apply_catalog_delta(
        store.db(), {{"course", "c-1", 1, false, course("Eins")}, {"course", "c-2", 2, false, course("Zwei")}}, "cur");
    controller.apply(ChooseLanguage{"de"}, t);
  }
  void apply(const Intent& i) { controller.apply(i, t += 1); }
  void type(const std::string& symbols) {
    for (char c : symbols) apply(FeatureIntent{TypeCodeSymbol{c}});
  }
};

// The booking changes waiting in the outbox (visits have theirs too).
std::vector<wk::core::OutboxEntry> booking_changes(wk::core::Store& store) {
  std::vector<wk::core::OutboxEntry> out;
  for (auto& e : wk::core::pending(store.db(), 100))
    if (e.entity == "booking") out.push_back(std::move(e));
  return out;
}

}  // namespace

TEST_CASE("My bookings: typed code, this terminal's bookings at once, the hub's word merged in", "[my-bookings]") {
  MineRig rig;
  const auto here = wk::core::commit_booking(rig.store, {"K7QM-4XRT-X", {{"c-1", 0}}}, "kiosk-01");
  rig.apply(FeatureIntent{StartCourses{}});
  rig.apply(FeatureIntent{StartMyBookings{}});
  CHECK(rig.session.top() == CoursesScreen::mine);
  CHECK(rig.browser.mine().code.empty());
  // A typo is caught by the check symbol, and the pad takes no more until erased.
  rig.type("K7QM4XRTY");
  CHECK(rig.browser.mine().code_wrong);
  CHECK(rig.desk.asked.empty());
  rig.apply(FeatureIntent{EraseCodeSymbol{}});
  rig.type("X");
  REQUIRE(rig.browser.mine().code == "K7QM-4XRT-X");
  CHECK(rig.desk.asked == std::vector<std::string>{"look_up K7QM-4XRT-X"});
  // While the hub is asked, this terminal's booking shows already.
  DeskReply reply = rig.desk.reply();
  auto entries = rig.browser.mine().entries(&reply);
  REQUIRE(entries.size() == 1);
  CHECK(entries[0].id == here.id);
  CHECK(entries[0].state == "requested");
  // The hub knows it (confirmed) and another one made elsewhere, waiting in third place.
  rig.desk.answer({true,
                   "A.",
                   {{"b-elsewhere", "waiting", {{"c-2", 1}}, 3, 12, 0}, {here.id, "confirmed", {{"c-1", 0}}, 0, 0, 0}},
                   ""});
  reply = rig.desk.reply();
  entries = rig.browser.mine().entries(&reply);
  REQUIRE(entries.size() == 2);
  CHECK(entries[0] == MyBookingEntry{"b-elsewhere", "waiting", {{"c-2", 1}}, 3, 12, 0, false});
  CHECK(entries[1].state == "confirmed");

  // Leaving the waiting list asks first; "no" changes nothing.
  rig.apply(FeatureIntent{AskCancel{"b-elsewhere"}});
  CHECK(rig.browser.mine().confirm_cancel == "b-elsewhere");
  rig.apply(FeatureIntent{ConfirmCancel{false}});
  CHECK(booking_changes(rig.store).size() == 1);  // the booking's own change only
  // "Yes": one outbox change with the code, for a booking this terminal never held.
  rig.apply(FeatureIntent{AskCancel{"b-elsewhere"}});
  rig.apply(FeatureIntent{ConfirmCancel{true}});
  const auto queued = booking_changes(rig.store);
  REQUIRE(queued.size() == 2);
  CHECK(queued[1].entity == "booking");
  CHECK(queued[1].op == "delete");
  CHECK(json::parse(queued[1].payload) == json{{"id", "b-elsewhere"}, {"code", "K7QM-4XRT-X"}});
  entries = rig.browser.mine().entries(&reply);
  CHECK(entries[0].state == "cancelled");
  CHECK(entries[0].cancel_sent);
  // A booking held here is marked cancelled with its change.
  rig.apply(FeatureIntent{AskCancel{here.id}});
  rig.apply(FeatureIntent{ConfirmCancel{true}});
  CHECK(wk::core::load_booking(rig.store.db(), here.id)->state == "cancelled");
  CHECK(booking_changes(rig.store).size() == 3);
}

TEST_CASE("My bookings: this session's code needs no typing, an offer is answered at the hub", "[my-bookings]") {
  MineRig rig;
  rig.session.registration_code = "Y9EA-7T6N-F";
  rig.session.registration_people = {"Amina", "Lina"};
  rig.apply(FeatureIntent{StartMyBookings{}});
  CHECK(rig.browser.mine().code == "Y9EA-7T6N-F");
  CHECK(rig.browser.mine().names == std::vector<std::string>{"Amina", "Lina"});
  rig.desk.answer({true, "A.", {{"b-1", "offered", {{"c-1", 1}}, 0, 0, 7200}}, ""});
  rig.apply(FeatureIntent{AnswerOffer{"b-1", true}});
  CHECK(rig.desk.asked.back() == "accept b-1 Y9EA-7T6N-F");
  // Not connected: what this terminal knows stays, and the newcomer may ask again.
  rig.desk.now.state = DeskReply::State::offline;
  rig.apply(FeatureIntent{RefreshMyBookings{}});
  CHECK(rig.desk.asked.back() == "look_up Y9EA-7T6N-F");

  // The session ends: code, names and the hub's reply are gone.
  rig.browser.wipe();
  CHECK(rig.browser.mine().code.empty());
  CHECK(rig.browser.mine().names.empty());
  CHECK(rig.desk.reply().state == DeskReply::State::none);
}

TEST_CASE("My bookings: no cancellation for a code that is not the booking's", "[my-bookings]") {
  MineRig rig;
  const auto theirs = wk::core::commit_booking(rig.store, {"K7QM-4XRT-X", {{"c-1", 0}}}, "kiosk-01");
  CHECK_FALSE(wk::core::cancel_booking_with_code(rig.store, theirs.id, "Y9EA-7T6N-F"));
  CHECK_FALSE(wk::core::cancel_booking_with_code(rig.store, theirs.id, "not a code"));
  CHECK(booking_changes(rig.store).size() == 1);
  CHECK(wk::core::load_booking(rig.store.db(), theirs.id)->state == "requested");
}

TEST_CASE("Booking: a code this terminal does not hold is looked up at the hub, and booked either way",
          "[my-bookings]") {
  MineRig rig;
  rig.apply(FeatureIntent{StartCourses{}});
  rig.apply(FeatureIntent{ShowCourse{"c-1"}});
  rig.apply(FeatureIntent{BookCourse{"c-1"}});
  rig.type("Y9EA7T6NF");
  REQUIRE(rig.browser.booking().code == "Y9EA-7T6N-F");
  CHECK_FALSE(rig.browser.booking().names_known);
  CHECK(rig.desk.asked == std::vector<std::string>{"look_up Y9EA-7T6N-F"});
  CHECK(rig.browser.booking().ticket == rig.desk.now.ticket);
  // Whatever the hub says (here: nothing, offline), the booking is a request for the code.
  rig.desk.now.state = DeskReply::State::offline;
  rig.apply(FeatureIntent{TogglePerson{0}});
  rig.apply(FeatureIntent{AddToBooking{}});
  rig.apply(FeatureIntent{ConfirmBooking{}});
  REQUIRE(rig.browser.booking().receipt);
  CHECK(rig.browser.booking().receipt->code == "Y9EA-7T6N-F");
  CHECK(rig.browser.booking().receipt->state == "requested");
}

TEST_CASE("My bookings names the code's Kümmerer: this terminal's at once, the hub's final word when it answers",
          "[my-bookings][kuemmerer]") {
  MineRig rig;
  wk::core::apply_catalog_delta(
      rig.store.db(),
      {{"organisation", "o-wc", 3, false,
        json{{"name", {{"de", "Welcome Center"}}}, {"kind", "welcome_center"}, {"phone", "+49 30 1"}}.dump()},
       {"contact_person", "p-a", 4, false,
        json{{"name", "Aylin Berger"}, {"organisation_id", "o-wc"}, {"kuemmerer_capacity", 10}}.dump()},
       {"contact_person", "p-b", 5, false,
        json{{"name", "Samir Haddad"}, {"organisation_id", "o-wc"}, {"email", "s@x.example"}}.dump()}},
      "cur2");
  wk::core::Registration reg;
  reg.target_group = "skilled_worker";
  reg.given_names = "Amina";
  reg.family_name = "Haddad";
  reg.birth_date = "1990-04-17";
  reg.nationality = "SY";
  reg.preferred_language = "ar";
  reg.contact_channel = "in_person";
  wk::core::Consent consent;
  consent.notice_version = std::string(64, 'a');
  consent.language = "ar";
  consent.purposes = {"counselling"};
  const auto receipt = wk::core::commit_registration(rig.store, reg, consent, "kiosk-01", "p-a");
  rig.apply(FeatureIntent{StartCourses{}});
  rig.apply(FeatureIntent{StartMyBookings{}});
  std::string typed = receipt.code;
  std::erase(typed, '-');
  rig.type(typed);
  REQUIRE(rig.browser.mine().code == receipt.code);
  DeskReply reply = rig.desk.reply();
  const auto* card = rig.browser.kuemmerer_card(rig.browser.mine().kuemmerer_id(&reply));
  REQUIRE(card);
  CHECK(card->name == "Aylin Berger");
  CHECK(card->phone == "+49 30 1");  // the organisation's, where the person has none
  CHECK(card->organisation.at("de") == "Welcome Center");
  // The hub reassigned the registration: its word wins.
  rig.desk.answer({true, "A.", {}, "p-b"});
  reply = rig.desk.reply();
  card = rig.browser.kuemmerer_card(rig.browser.mine().kuemmerer_id(&reply));
  REQUIRE(card);
  CHECK(card->name == "Samir Haddad");
  CHECK(card->email == "s@x.example");
  // One this terminal's directory does not hold is not shown.
  rig.desk.answer({true, "A.", {}, "p-unknown"});
  reply = rig.desk.reply();
  CHECK(rig.browser.kuemmerer_card(rig.browser.mine().kuemmerer_id(&reply)) == nullptr);
  // Ending the session forgets it.
  rig.apply(EndSession{});
  CHECK(rig.browser.mine().kuemmerer_here.empty());
}
