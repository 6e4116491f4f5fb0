// "Open now" and "next opening": around midnight, Sundays, closed days, spans that touch.
#include <catch2/catch.hpp>

#include "kiosk/core/opening_hours.hpp"
#include "kiosk/core/time.hpp"

using namespace wk::core;
using std::chrono::days;
using std::chrono::sys_days;

namespace {

sys_days day(const char* iso) {
  return *parse_calendar_date(iso);
}

LocalTime at(const char* iso, int h, int m = 0) {
  return {day(iso), h * 60 + m};
}

// Mon-Fri 09:00-12:00, Tue and Thu also 14:00-18:00; no weekend.
OpeningHours office() {
  OpeningHours h;
  for (int wd = 0; wd < 5; ++wd) h.weekly.push_back({wd, 9 * 60, 12 * 60});
  h.weekly.push_back({1, 14 * 60, 18 * 60});
  h.weekly.push_back({3, 14 * 60, 18 * 60});
  std::sort(h.weekly.begin(), h.weekly.end(), [](const WeeklySpan& a, const WeeklySpan& b) {
    return std::pair(a.weekday, a.from) < std::pair(b.weekday, b.from);
  });
  return h;
}

}  // namespace

TEST_CASE("weekday_of counts Monday as 0 and Sunday as 6", "[opening]") {
  CHECK(weekday_of(day("2026-12-07")) == 0);  // a Monday
  CHECK(weekday_of(day("2026-12-13")) == 6);
  CHECK(weekday_of(day("2027-02-28")) == 6);
}

TEST_CASE("An office is open inside its hours and says when it closes", "[opening]") {
  const auto s = opening_state(office(), at("2026-12-08", 10, 30));  // Tuesday
  CHECK(s.open);
  REQUIRE(s.closes);
  CHECK(*s.closes == at("2026-12-08", 12));
  CHECK_FALSE(s.next);
}

TEST_CASE("The minute an office closes it is closed, and the next opening is the same day", "[opening]") {
  const auto s = opening_state(office(), at("2026-12-08", 12));
  CHECK_FALSE(s.open);
  REQUIRE(s.next);
  CHECK(*s.next == at("2026-12-08", 14));
  const auto opening = opening_state(office(), at("2026-12-08", 14));
  CHECK(opening.open);
  CHECK(*opening.closes == at("2026-12-08", 18));
}

TEST_CASE("Friday afternoon, Saturday and Sunday point to Monday 9:00", "[opening]") {
  for (const LocalTime& t : {at("2026-12-11", 13), at("2026-12-12", 10), at("2026-12-13", 23, 59)}) {
    const auto s = opening_state(office(), t);
    CHECK_FALSE(s.open);
    REQUIRE(s.next);
    CHECK(*s.next == at("2026-12-14", 9));
  }
}

TEST_CASE("Around midnight: 23:59 and 00:00 point to the morning", "[opening]") {
  CHECK(*opening_state(office(), at("2026-12-08", 23, 59)).next == at("2026-12-09", 9));
  CHECK(*opening_state(office(), at("2026-12-09", 0, 0)).next == at("2026-12-09", 9));
}

TEST_CASE("Closed days are skipped: Christmas to the next working day", "[opening]") {
  OpeningHours h = office();
  h.closed = {day("2026-12-24"), day("2026-12-25"), day("2026-12-31")};
  const auto s = opening_state(h, at("2026-12-24", 10));  // a Thursday, but closed
  CHECK_FALSE(s.open);
  REQUIRE(s.next);
  CHECK(*s.next == at("2026-12-28", 9));  // Friday 25th closed, the weekend, Monday
}

TEST_CASE("Spans that touch count as one opening, across midnight too", "[opening]") {
  OpeningHours h;
  h.weekly = {{0, 9 * 60, 12 * 60}, {0, 12 * 60, 14 * 60}, {4, 20 * 60, 24 * 60}, {5, 0, 2 * 60}};
  CHECK(*opening_state(h, at("2026-12-07", 10)).closes == at("2026-12-07", 14));
  const auto friday_night = opening_state(h, at("2026-12-11", 23));
  CHECK(friday_night.open);
  CHECK(*friday_night.closes == at("2026-12-12", 2));
  const auto after_midnight = opening_state(h, at("2026-12-12", 1));
  CHECK(after_midnight.open);
  CHECK(*after_midnight.closes == at("2026-12-12", 2));
  // A span until 24:00 with nothing after it closes at the next day's 00:00.
  h.weekly = {{4, 20 * 60, 24 * 60}};
  CHECK(*opening_state(h, at("2026-12-11", 23)).closes == at("2026-12-12", 0));
}

TEST_CASE("No hours, or none within 14 days, give neither open nor a next opening", "[opening]") {
  CHECK_FALSE(opening_state({}, at("2026-12-08", 10)).open);
  CHECK_FALSE(opening_state({}, at("2026-12-08", 10)).next);
  OpeningHours h = office();
  for (int d = 0; d < 20; ++d) h.closed.push_back(day("2026-12-07") + days{d});
  const auto s = opening_state(h, at("2026-12-07", 10));
  CHECK_FALSE(s.open);
  CHECK_FALSE(s.next);
}
