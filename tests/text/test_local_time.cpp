// Instants to local civil time across the change to and from daylight saving time, and the
// opening state judged on it.
#include <catch2/catch.hpp>

#include "kiosk/core/time.hpp"
#include "kiosk/text/local_time.hpp"

using namespace wk;
using std::chrono::system_clock;

namespace {

system_clock::time_point utc(const char* iso) {
  return *core::from_iso8601(iso);
}

core::LocalTime at(const char* iso, int h, int m = 0) {
  return {*core::parse_calendar_date(iso), h * 60 + m};
}

core::OpeningHours sunday_to_saturday_9_to_12() {
  core::OpeningHours h;
  for (int wd = 0; wd < 7; ++wd) h.weekly.push_back({wd, 9 * 60, 12 * 60});
  return h;
}

}  // namespace

TEST_CASE("Berlin is UTC+1 in winter and UTC+2 in summer", "[local-time]") {
  CHECK(*text::local_time_at(utc("2026-12-07T08:30:00.000Z"), "Europe/Berlin") == at("2026-12-07", 9, 30));
  CHECK(*text::local_time_at(utc("2027-07-01T08:30:00.000Z"), "Europe/Berlin") == at("2027-07-01", 10, 30));
  // Midnight: 23:30 UTC on New Year's Eve is already 2027 in Berlin.
  CHECK(*text::local_time_at(utc("2026-12-31T23:30:00.000Z"), "Europe/Berlin") == at("2027-01-01", 0, 30));
}

TEST_CASE("The change to summer time skips 02:00-03:00, the change back repeats it", "[local-time]") {
  // 2027-03-28: clocks go from 02:00 CET to 03:00 CEST at 01:00 UTC.
  CHECK(*text::local_time_at(utc("2027-03-28T00:59:00.000Z"), "Europe/Berlin") == at("2027-03-28", 1, 59));
  CHECK(*text::local_time_at(utc("2027-03-28T01:00:00.000Z"), "Europe/Berlin") == at("2027-03-28", 3, 0));
  // 2027-10-31: clocks go from 03:00 CEST back to 02:00 CET at 01:00 UTC.
  CHECK(*text::local_time_at(utc("2027-10-31T00:30:00.000Z"), "Europe/Berlin") == at("2027-10-31", 2, 30));
  CHECK(*text::local_time_at(utc("2027-10-31T01:30:00.000Z"), "Europe/Berlin") == at("2027-10-31", 2, 30));
}

TEST_CASE("Opening hours follow the wall clock on the days the clocks change", "[local-time][opening]") {
  const auto h = sunday_to_saturday_9_to_12();
  // Sunday 2027-03-28, 07:30 UTC is 09:30 CEST: open (a fixed UTC+1 would say 08:30, closed).
  auto s = core::opening_state(h, *text::local_time_at(utc("2027-03-28T07:30:00.000Z"), "Europe/Berlin"));
  CHECK(s.open);
  CHECK(*s.closes == at("2027-03-28", 12));
  // Sunday 2027-10-31, 07:30 UTC is 08:30 CET: not yet open (UTC+2 would say 09:30).
  s = core::opening_state(h, *text::local_time_at(utc("2027-10-31T07:30:00.000Z"), "Europe/Berlin"));
  CHECK_FALSE(s.open);
  CHECK(*s.next == at("2027-10-31", 9));
}

TEST_CASE("An unknown zone gives no local time", "[local-time]") {
  CHECK_FALSE(text::local_time_at(utc("2026-12-07T08:30:00.000Z"), "Mars/Olympus_Mons"));
  CHECK(text::local_time_at(utc("2026-12-07T08:30:00.000Z"), ""));
}
