// The booking being put together (kiosk/ui/features/courses/booking_draft.hpp) and the
// browser's booking intents through the Controller: the code pad with its check symbol, people
// by name or by number, the basket, "Book now" with one outbox change, and the wipe.
#include "kiosk/ui/features/courses/booking_draft.hpp"
#include "kiosk/ui/features/courses/courses_browser.hpp"

#include "kiosk/core/catalog.hpp"
#include "kiosk/core/outbox.hpp"
#include "kiosk/core/store.hpp"
#include "kiosk/ui/controller.hpp"
#include "kiosk/ui/idle_timer.hpp"
#include "kiosk/ui/session.hpp"

#include "../core/quiet_log.hpp"
#include "../support/temp_dir.hpp"

#include <catch2/catch.hpp>

using namespace wk::ui;
using nlohmann::json;

TEST_CASE("Booking draft: the code pad takes the code's symbols and checks the ninth", "[booking]") {
  BookingDraft d;
  CHECK_FALSE(d.type('0'));  // not in the alphabet
  CHECK_FALSE(d.type('-'));
  for (char c : std::string("k7qm4xrt")) CHECK(d.type(c));
  CHECK(d.typed == "K7QM4XRT");
  CHECK(d.type('Y'));
  CHECK(d.code_wrong);
  CHECK(d.code.empty());
  CHECK_FALSE(d.type('2'));  // nine already
  d.erase();
  CHECK_FALSE(d.code_wrong);
  CHECK(d.type('X'));
  CHECK(d.code == "K7QM-4XRT-X");
}

TEST_CASE("Booking draft: people, the basket, and a course's place in it", "[booking]") {
  BookingDraft d;
  d.identify("K7QM-4XRT-X", {});
  CHECK_FALSE(d.names_known);
  CHECK(d.people.size() == 1 + kUnknownFamilyMembers);
  d.identify("K7QM-4XRT-X", {"Jürgen", "Ayla"});
  CHECK(d.names_known);
  d.start_course("c-evening");
  CHECK_FALSE(d.add_chosen());
  CHECK(d.choose_someone);
  d.toggle(0);
  d.toggle(5);  // no such person
  CHECK(d.add_chosen());
  d.start_course("c-family");
  d.toggle(1);
  d.add_chosen();
  CHECK(d.unsent());
  CHECK(d.courses() == std::vector<std::string>{"c-evening", "c-family"});
  // Changing who takes part in the first course keeps its place.
  d.start_course("c-evening");
  CHECK(d.chosen == std::set<int>{0});
  d.toggle(1);
  d.add_chosen();
  CHECK(d.lines == std::vector<wk::core::BookingLine>{{"c-evening", 0}, {"c-evening", 1}, {"c-family", 1}});
  d.remove_course("c-evening");
  CHECK(d.courses() == std::vector<std::string>{"c-family"});
  d.wipe();
  CHECK(d.people.empty());
  CHECK(d.code.empty());
  CHECK_FALSE(d.unsent());
}

namespace {

// A store, a session and the course browser behind a controller, on 2026-12-06, terminal kiosk-01.
struct BrowserRig {
  wk::core::test::QuietLog quiet;
  wk::core::test::TempDir dir;
  wk::core::Store store = wk::core::Store::open(dir / "kiosk.db");
  Session session;
  IdleTimer idle{60, 90};
  Controller controller{store, {"de"}, "de", session, idle};
  CoursesBrowser browser{store, session, [] { return wk::text::Date{2026, 12, 6}; }, "kiosk-01"};
  BrowserRig() { controller.add_feature(browser); }
};

}  // namespace

TEST_CASE("Booking through the browser: this session's registration, the basket, one outbox change", "[booking]") {
  BrowserRig rig;
  auto& [quiet, dir, store, session, idle, controller, browser] = rig;
  auto course = [](const char* title) {
    return json{{"title", {{"de", title}}}, {"course_type", "other"}, {"capacity", 5}, {"starts_on", "2027-01-11"}}
        .dump();
  };
  wk::core::apply_catalog_delta(
      store.db(), {{"course", "c-1", 1, false, course("Eins")}, {"course", "c-2", 2, false, course("Zwei")}}, "cur");
  controller.apply(ChooseLanguage{"de"}, 0);
  session.registration_code = "K7QM-4XRT-X";
  session.registration_people = {"Jürgen", "Ayla"};

  controller.apply(StartCourses{}, 1);
  controller.apply(ShowCourse{"c-1"}, 2);
  controller.apply(BookCourse{"c-1"}, 3);
  CHECK(session.top() == CoursesScreen::who);
  CHECK(browser.booking().code == "K7QM-4XRT-X");
  CHECK(browser.booking().people == std::vector<std::string>{"Jürgen", "Ayla"});
  controller.apply(TogglePerson{0}, 4);
  controller.apply(AddToBooking{}, 5);
  CHECK(session.top() == CoursesScreen::booking);
  CHECK(browser.holds_unsent_input());
  controller.apply(MoreCourses{}, 6);
  CHECK(session.top() == CoursesScreen::list);
  controller.apply(ShowCourse{"c-2"}, 7);
  controller.apply(BookCourse{"c-2"}, 8);
  controller.apply(TogglePerson{1}, 9);
  controller.apply(AddToBooking{}, 10);
  const Effects fx = controller.apply(ConfirmBooking{}, 11);
  CHECK(fx.outbox_changed);
  CHECK(session.top() == CoursesScreen::receipt);
  REQUIRE(browser.booking().receipt);
  CHECK(browser.booking().receipt->state == "requested");
  CHECK_FALSE(browser.holds_unsent_input());
  auto bookings_queued = [&] {
    int n = 0;
    for (const auto& e : wk::core::pending(store.db(), 50)) n += e.entity == "booking";
    return n;
  };
  CHECK(bookings_queued() == 1);
  // Tapping "Book now" again books nothing more.
  controller.apply(ConfirmBooking{}, 12);
  CHECK(bookings_queued() == 1);
  controller.apply(FinishBooking{}, 13);
  CHECK(session.top() == ScreenId::home);
  // The end of the session forgets the people and the code.
  controller.apply(EndSession{}, 14);
  CHECK(browser.booking().people.empty());
  CHECK(session.registration_people.empty());
}

TEST_CASE("Booking through the browser: a typed code the terminal does not hold offers people by number", "[booking]") {
  BrowserRig rig;
  auto& [quiet, dir, store, session, idle, controller, browser] = rig;
  wk::core::apply_catalog_delta(store.db(),
                                {{"course", "c-1", 1, false,
                                  json{{"title", {{"de", "Eins"}}}, {"course_type", "other"}, {"capacity", 5}}.dump()}},
                                "cur");
  controller.apply(ChooseLanguage{"de"}, 0);
  controller.apply(StartCourses{}, 1);
  controller.apply(BookCourse{"c-1"}, 2);
  CHECK(browser.booking().people.empty());
  for (char c : std::string("K7QM4XRTX")) controller.apply(TypeCodeSymbol{c}, 3);
  CHECK(browser.booking().code == "K7QM-4XRT-X");
  CHECK_FALSE(browser.booking().names_known);
  CHECK(browser.booking().people.size() == 1 + kUnknownFamilyMembers);
  controller.apply(ForgetCode{}, 4);
  CHECK(browser.booking().people.empty());
  CHECK(browser.booking().course_id == "c-1");
}
