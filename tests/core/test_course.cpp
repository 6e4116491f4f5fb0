// Courses as the terminal reads them (kiosk/core/course.hpp): defensive parsing of catalog
// data, whether a course can be booked on a day, "fits around work", seats in words' terms,
// and the list's filters and order (course_filter.hpp).
#include "kiosk/core/catalog.hpp"
#include "kiosk/core/course.hpp"
#include "kiosk/core/course_filter.hpp"
#include "kiosk/core/store.hpp"
#include "kiosk/core/time.hpp"
#include "tests/core/quiet_log.hpp"
#include "tests/support/temp_dir.hpp"

#include <catch2/catch.hpp>

using nlohmann::json;
using namespace wk::core;

namespace {

std::chrono::sys_days day(const char* iso) {
  return *parse_calendar_date(iso);
}

json base(const char* type = "job_basic_b1") {
  return {{"title", {{"de", "Deutsch B1"}, {"ar", "الألمانية B1"}}}, {"course_type", type}, {"capacity", 16}};
}

Course course(json data, const char* id = "c-1") {
  auto c = parse_course(id, data);
  REQUIRE(c);
  return *c;
}

}  // namespace

TEST_CASE("A course item is read with every field the catalog defines", "[courses]") {
  json d = base();
  d.update(
      {{"organisation_id", "o-vhs"},
       {"language", "de"},
       {"level_from", "A2"},
       {"level_to", "B1"},
       {"starts_on", "2027-01-11"},
       {"ends_on", "2027-06-30"},
       {"registration_deadline", "2027-01-04"},
       {"rolling_entry", true},
       {"schedule",
        {{{"day", "wed"}, {"from", "18:00"}, {"to", "21:15"}}, {{"day", "mon"}, {"from", "18:00"}, {"to", "21:15"}}}},
       {"schedule_note", {{"en", "plus two Saturdays"}}},
       {"delivery", "hybrid"},
       {"intensity", "part_time"},
       {"address",
        {{"street", "Schulweg 3"}, {"postal_code", "12345"}, {"municipality", "Musterstadt"}, {"room", "2.14"}}},
       {"childcare", {{"from_age", 1}, {"to_age", 6}}},
       {"costs", {{"de", "kostenlos"}}},
       {"accessibility", {{"de", "Aufzug"}}},
       {"seats_free", 4},
       {"a_field_of_a_later_protocol", {1, 2}}});
  const Course c = course(d);
  CHECK(c.id == "c-1");
  CHECK(c.title.at("ar") == "الألمانية B1");
  CHECK(c.organisation_id == "o-vhs");
  CHECK(c.level_from == "A2");
  CHECK(c.level_to == "B1");
  CHECK(c.starts_on == day("2027-01-11"));
  CHECK(c.registration_deadline == day("2027-01-04"));
  CHECK(c.rolling_entry);
  REQUIRE(c.sessions.size() == 2);
  CHECK(c.sessions[0].weekday == 0);  // sorted by day
  CHECK(c.sessions[0].from == 18 * 60);
  CHECK(c.sessions[0].to == 21 * 60 + 15);
  CHECK(c.delivery == "hybrid");
  CHECK(c.municipality == "Musterstadt");
  CHECK(c.childcare == std::pair{1, 6});
  CHECK(c.seats_free == 4);
}

TEST_CASE("Hostile or broken course data is left out or ignored, never trusted", "[courses]") {
  std::string why;
  CHECK_FALSE(parse_course("c", json::array(), &why));
  CHECK(why == "not an object");
  CHECK_FALSE(parse_course("c", {{"course_type", "other"}, {"capacity", 1}}, &why));
  CHECK(why == "no title");
  CHECK_FALSE(parse_course("c", {{"title", {{"de", ""}}}, {"course_type", "other"}, {"capacity", 1}}, &why));
  CHECK_FALSE(parse_course("c", {{"title", {{"de", "A"}}}, {"course_type", "yoga"}, {"capacity", 1}}, &why));
  CHECK(why == "no known course_type");
  CHECK_FALSE(parse_course("c", {{"title", {{"de", "A"}}}, {"course_type", "other"}, {"capacity", -1}}, &why));
  CHECK(why == "no capacity");
  CHECK_FALSE(parse_course("c", {{"title", {{"de", "A"}}}, {"course_type", "other"}, {"capacity", "9"}}, &why));

  // Optional fields of the wrong shape are dropped one by one; the course stays.
  json d = base();
  d.update({{"level_from", "Z9"},
            {"starts_on", "2027-02-30"},
            {"rolling_entry", "yes"},
            {"schedule",
             {{{"day", "mon"}, {"from", "21:00"}, {"to", "18:00"}},
              "tue 9-12",
              {{"day", "fri"}, {"from", "25:00"}, {"to", "26:00"}},
              {{"day", "sat"}, {"from", "09:00"}, {"to", "12:00"}}}},
            {"address", "Schulweg 3"},
            {"childcare", {{"from_age", 6}, {"to_age", 1}}},
            {"seats_free", 99},
            {"title", {{"de", "A"}, {"ar", 5}}}});
  const Course c = course(d);
  CHECK(c.level_from.empty());
  CHECK_FALSE(c.starts_on);
  CHECK_FALSE(c.rolling_entry);
  REQUIRE(c.sessions.size() == 1);
  CHECK(c.sessions[0].weekday == 5);
  CHECK(c.municipality.empty());
  CHECK_FALSE(c.childcare);
  CHECK(c.seats_free == 16);  // never more than the capacity
  CHECK(c.title.size() == 1);
}

TEST_CASE("load_courses reads the live courses and leaves out what it cannot show", "[courses]") {
  test::QuietLog quiet;
  test::TempDir dir;
  Store store = Store::open(dir / "kiosk.db");
  apply_catalog_delta(store.db(),
                      {{"course", "c-2", 1, false, base().dump()},
                       {"course", "c-1", 2, false, base("other").dump()},
                       {"course", "c-bad", 3, false, json{{"title", {{"de", "X"}}}}.dump()},
                       {"course", "c-gone", 4, false, base().dump()},
                       {"course", "c-gone", 5, true, ""},
                       {"organisation", "o-1", 6, false, json{{"name", {{"de", "VHS"}}}}.dump()}},
                      "cur");
  const auto courses = load_courses(store.db());
  REQUIRE(courses.size() == 2);
  CHECK(courses[0].id == "c-1");
  CHECK(courses[1].id == "c-2");
  CHECK(catalog_items(store.db(), "organisation").size() == 1);
}

TEST_CASE("A course is open until its deadline, its start without rolling entry, or its end", "[courses]") {
  json d = base();
  d.update({{"starts_on", "2027-01-11"}, {"ends_on", "2027-06-30"}, {"registration_deadline", "2027-01-04"}});
  Course c = course(d);
  CHECK(course_open(c, day("2027-01-04")) == CourseOpen::open);  // the deadline day itself
  CHECK(course_open(c, day("2027-01-05")) == CourseOpen::deadline_passed);
  c.registration_deadline.reset();
  CHECK(course_open(c, day("2027-01-11")) == CourseOpen::open);
  CHECK(course_open(c, day("2027-01-12")) == CourseOpen::started);
  c.rolling_entry = true;
  CHECK(course_open(c, day("2027-03-01")) == CourseOpen::open);
  CHECK(course_open(c, day("2027-07-01")) == CourseOpen::ended);
}

TEST_CASE("Fits around work: evenings from 17:00 and weekends only", "[courses]") {
  json d = base();
  CHECK_FALSE(fits_around_work(course(d)));  // no sessions: unknown, so no
  d["schedule"] = {{{"day", "mon"}, {"from", "17:00"}, {"to", "20:00"}},
                   {{"day", "sat"}, {"from", "09:00"}, {"to", "13:00"}}};
  CHECK(fits_around_work(course(d)));
  d["schedule"].push_back({{"day", "wed"}, {"from", "16:30"}, {"to", "19:30"}});
  CHECK_FALSE(fits_around_work(course(d)));
}

TEST_CASE("Seats: free, almost full, full", "[courses]") {
  json d = base();
  CHECK(course_seats(course(d)).state == SeatState::free);  // no ledger figure: the capacity
  CHECK(course_seats(course(d)).free == 16);
  d["seats_free"] = 3;
  CHECK(course_seats(course(d)).state == SeatState::almost_full);
  d["seats_free"] = 4;
  CHECK(course_seats(course(d)).state == SeatState::free);
  d["seats_free"] = 0;
  CHECK(course_seats(course(d)).state == SeatState::full);
  d["capacity"] = 10;
  d["seats_free"] = 3;  // 3 of 10 is more than a fifth
  CHECK(course_seats(course(d)).state == SeatState::free);
}

TEST_CASE("The list's filters, and bookable courses first by start date", "[courses]") {
  auto make = [](const char* id, const char* type, const char* from, const char* to, const char* start,
                 const char* place, bool evening, bool childcare) {
    json d = base(type);
    d.update(
        {{"level_from", from},
         {"level_to", to},
         {"starts_on", start},
         {"ends_on", "2027-12-31"},
         {"address", {{"municipality", place}}},
         {"schedule", {{{"day", "tue"}, {"from", evening ? "18:00" : "09:00"}, {"to", evening ? "21:00" : "12:00"}}}}});
    if (childcare) d["childcare"] = {{"from_age", 1}, {"to_age", 6}};
    return course(d, id);
  };
  const std::vector<Course> all{
      make("c-late", "job_basic_b2", "B1", "B2", "2027-03-01", "Nordheim", true, false),
      make("c-soon", "integration_general", "A1", "B1", "2027-01-02", "Musterstadt", false, true),
      make("c-family", "family_members", "A1", "A1", "2027-01-18", "Musterstadt", false, true),
      make("c-started", "job_basic_b1", "A2", "B1", "2026-11-01", "Musterstadt", true, false),
  };
  const auto today = day("2026-12-06");
  auto ids = [&](const CourseFilter& f) {
    std::vector<std::string> out;
    for (std::size_t i : filter_courses(all, f, today)) out.push_back(all[i].id);
    return out;
  };
  using V = std::vector<std::string>;
  auto with = [](auto set) {
    CourseFilter f;
    set(f);
    return f;
  };
  CHECK(ids({}) == V{"c-soon", "c-family", "c-late", "c-started"});  // the started one cannot be booked: last
  CHECK(ids(with([](CourseFilter& f) { f.level = "B1"; })) == V{"c-soon", "c-late", "c-started"});
  CHECK(ids(with([](CourseFilter& f) { f.level = "A2"; })) == V{"c-soon", "c-started"});
  CHECK(ids(with([](CourseFilter& f) { f.group = "job"; })) == V{"c-late", "c-started"});
  CHECK(ids(with([](CourseFilter& f) { f.group = "family"; })) == V{"c-family"});
  CHECK(ids(with([](CourseFilter& f) { f.fits_work = true; })) == V{"c-late", "c-started"});
  CHECK(ids(with([](CourseFilter& f) { f.childcare = true; })) == V{"c-soon", "c-family"});
  CHECK(ids(with([](CourseFilter& f) { f.starts_within_weeks = 4; })) == V{"c-soon"});
  CHECK(ids(with([](CourseFilter& f) { f.starts_within_weeks = 8; })) == V{"c-soon", "c-family"});
  CHECK(ids(with([](CourseFilter& f) { f.municipality = "Nordheim"; })) == V{"c-late"});
  CHECK(ids(with([](CourseFilter& f) { f.level = "C1"; })).empty());
  CHECK(ids(with([](CourseFilter& f) {
          f.group = "job";
          f.childcare = true;
        })).empty());
  CHECK(course_municipalities(all) == V{"Musterstadt", "Nordheim"});
  // Ended courses are never listed.
  CHECK(filter_courses(all, {}, day("2028-01-01")).empty());
  // Put in list order once, the courses filter to the same ids, now in index order.
  std::vector<Course> ordered = all;
  order_for_list(ordered, today);
  V in_order;
  for (const auto& c : ordered) in_order.push_back(c.id);
  CHECK(in_order == V{"c-soon", "c-family", "c-late", "c-started"});
  CHECK(filter_courses(ordered, with([](CourseFilter& f) { f.level = "B1"; }), today) ==
        std::vector<std::size_t>{0, 2, 3});
}
