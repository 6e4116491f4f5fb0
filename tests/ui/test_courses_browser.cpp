// The course browser as a feature, through the Controller (no window): its tile reads the
// catalog afresh, filter chips toggle, a row opens the detail page, a course the hub deleted
// meanwhile is marked so, and the end of the session forgets everything.
#include "kiosk/ui/features/courses/courses_browser.hpp"

#include "kiosk/core/catalog.hpp"
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

json course(const char* title, const char* type, const char* start, const char* place, bool childcare) {
  json d{{"title", {{"de", title}}},
         {"course_type", type},
         {"capacity", 12},
         {"starts_on", start},
         {"ends_on", "2027-12-31"},
         {"organisation_id", "o-vhs"},
         {"address", {{"municipality", place}}}};
  if (childcare) d["childcare"] = {{"from_age", 1}, {"to_age", 6}};
  return d;
}

struct Fixture {
  wk::core::test::QuietLog quiet;
  wk::core::test::TempDir dir;
  wk::core::Store store = wk::core::Store::open(dir / "kiosk.db");
  Session session;
  IdleTimer idle{60, 90};
  Controller controller{store, {"de", "ar"}, "de", session, idle};
  CoursesBrowser browser{store, session, [] { return wk::text::Date{2026, 12, 6}; }};

  Fixture() {
    controller.add_feature(browser);
    wk::core::apply_catalog_delta(
        store.db(),
        {{"organisation", "o-vhs", 1, false, json{{"name", {{"de", "VHS Musterstadt"}}}}.dump()},
         {"course", "c-b1", 2, false, course("Deutsch B1", "job_basic_b1", "2027-01-11", "Musterstadt", false).dump()},
         {"course", "c-fam", 3, false, course("Familie A1", "family_members", "2027-01-18", "Nordheim", true).dump()},
         {"course", "c-ik", 4, false,
          course("Integration", "integration_general", "2027-03-01", "Nordheim", true).dump()}},
        "cursor-1");
    controller.apply(ChooseLanguage{"de"}, 0);
  }
  std::vector<std::string> shown() const {
    std::vector<std::string> ids;
    for (std::size_t i : browser.shown()) ids.push_back(browser.courses()[i].id);
    return ids;
  }
};

}  // namespace

TEST_CASE("Courses: the tile reads the catalog and opens the list", "[courses]") {
  Fixture f;
  const auto tile = f.browser.home_tile();
  REQUIRE(tile);
  CHECK(tile->id == "tile.courses");
  f.controller.apply(tile->intent, 1);
  CHECK(f.session.top() == CoursesScreen::list);
  CHECK(f.shown() == std::vector<std::string>{"c-b1", "c-fam", "c-ik"});
  CHECK(f.browser.municipalities() == std::vector<std::string>{"Musterstadt", "Nordheim"});
  CHECK(f.browser.provider_name("o-vhs").at("de") == "VHS Musterstadt");
  CHECK(f.browser.provider_name("o-none").empty());
}

TEST_CASE("Courses: filter chips toggle, combine, and clear", "[courses]") {
  Fixture f;
  f.controller.apply(StartCourses{}, 1);
  f.controller.apply(SetCourseFilter{"childcare", ""}, 2);
  CHECK(f.shown() == std::vector<std::string>{"c-fam", "c-ik"});
  f.controller.apply(SetCourseFilter{"group", "family"}, 3);
  CHECK(f.shown() == std::vector<std::string>{"c-fam"});
  f.controller.apply(SetCourseFilter{"group", "family"}, 4);  // tapped again: off
  CHECK(f.browser.filter().group.empty());
  f.controller.apply(SetCourseFilter{"weeks", "8"}, 5);
  CHECK(f.shown() == std::vector<std::string>{"c-fam"});
  f.controller.apply(SetCourseFilter{"place", "Nordheim"}, 6);
  CHECK(f.browser.filter().municipality == "Nordheim");
  f.controller.apply(SetCourseFilter{"clear", ""}, 7);
  CHECK_FALSE(f.browser.filter().any());
  CHECK(f.shown().size() == 3);
  // An unknown filter is not the browser's.
  CHECK(f.browser.filter() == wk::core::CourseFilter{});
  Effects none;
  CHECK_FALSE(f.browser.apply(SetCourseFilter{"colour", "red"}, none));
}

TEST_CASE("Courses: a row opens its page, a course deleted at the hub meanwhile says so", "[courses]") {
  Fixture f;
  f.controller.apply(StartCourses{}, 1);
  f.controller.apply(ShowCourse{"c-fam"}, 2);
  CHECK(f.session.top() == CoursesScreen::detail);
  REQUIRE(f.browser.selected());
  CHECK(f.browser.selected()->id == "c-fam");
  CHECK_FALSE(f.browser.selected_deleted());
  f.controller.apply(Back{}, 3);
  CHECK(f.session.top() == CoursesScreen::list);

  // A pull brings the tombstone while the list is on screen.
  wk::core::apply_catalog_delta(f.store.db(), {{"course", "c-fam", 9, true, ""}}, "cursor-2");
  f.controller.apply(ShowCourse{"c-fam"}, 4);
  REQUIRE(f.browser.selected());
  CHECK(f.browser.selected_deleted());
  // Read afresh, it is gone from the list.
  f.controller.apply(StartCourses{}, 5);
  CHECK(f.shown() == std::vector<std::string>{"c-b1", "c-ik"});
  // An id the list does not hold opens nothing.
  f.controller.apply(ShowCourse{"c-none"}, 6);
  CHECK(f.session.top() == CoursesScreen::list);
}

TEST_CASE("Courses: the end of the session forgets filters and choice", "[courses]") {
  Fixture f;
  f.controller.apply(StartCourses{}, 1);
  f.controller.apply(SetCourseFilter{"level", "B1"}, 2);
  f.controller.apply(ShowCourse{"c-b1"}, 3);
  f.controller.apply(EndSession{}, 4);
  CHECK_FALSE(f.browser.filter().any());
  CHECK(f.browser.selected() == nullptr);
  CHECK(f.browser.courses().empty());
}
