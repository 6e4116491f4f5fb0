// Dates, weekdays and times as each language writes them (kiosk/text/date_format.hpp).
#include "kiosk/text/date_format.hpp"

#include <catch2/catch.hpp>

using wk::text::Date;

TEST_CASE("Dates and ranges in the locale's own words and digits", "[dates]") {
  CHECK(wk::text::format_date("de-DE", Date{2027, 1, 11}) == "11. Jan. 2027");
  CHECK(wk::text::format_date("en-GB", Date{2027, 1, 11}) == "11 Jan 2027");
  CHECK(wk::text::format_date_range("de-DE", Date{2027, 1, 11}, Date{2027, 6, 30}) ==
        "11. Jan.\u2009–\u200930. Juni 2027");
  CHECK(wk::text::format_date_range("de-DE", Date{2027, 1, 11}, Date{2027, 1, 11}) == "11. Jan. 2027");
  const std::string ar = wk::text::format_date("ar", Date{2027, 1, 11});
  CHECK(ar.find("٢٠٢٧") != std::string::npos);  // Arabic-Indic digits
  CHECK(ar.find("يناير") != std::string::npos);
  CHECK(wk::text::format_date("zh-Hans-CN", Date{2027, 1, 11}) == "2027年1月11日");
}

TEST_CASE("Weekdays and clock times follow the locale", "[dates]") {
  CHECK(wk::text::weekday_short("de-DE", 0) == "Mo");
  CHECK(wk::text::weekday_short("de-DE", 6) == "So");
  CHECK(wk::text::weekday_short("en-US", 2) == "Wed");
  CHECK(wk::text::format_time("de-DE", 18 * 60 + 5) == "18:05");
  CHECK(wk::text::format_time("en-US", 18 * 60 + 5).find("6:05") == 0);  // 12-hour clock
  CHECK(wk::text::format_time_range("de-DE", 18 * 60, 21 * 60 + 15) == "18:00–21:15 Uhr");
}
