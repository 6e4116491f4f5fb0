// Tests for kiosk/core/time: ISO 8601 UTC formatting with milliseconds.
#include "kiosk/core/time.hpp"

#include <catch2/catch.hpp>

#include <chrono>
#include <regex>

using namespace std::chrono;
using wk::core::to_iso8601;
using wk::core::utc_now_iso8601;

TEST_CASE("to_iso8601 formats UTC with milliseconds", "[time]") {
  CHECK(to_iso8601(system_clock::time_point{}) == "1970-01-01T00:00:00.000Z");
  CHECK(to_iso8601(system_clock::time_point{milliseconds{1795592400123}}) == "2026-11-25T07:40:00.123Z");
  CHECK(to_iso8601(system_clock::time_point{milliseconds{951782400000}}) == "2000-02-29T00:00:00.000Z");
}

TEST_CASE("to_iso8601 truncates toward the past", "[time]") {
  CHECK(to_iso8601(system_clock::time_point{microseconds{1999}}) == "1970-01-01T00:00:00.001Z");
  CHECK(to_iso8601(system_clock::time_point{milliseconds{-1}}) == "1969-12-31T23:59:59.999Z");
}

TEST_CASE("utc_now_iso8601 has the fixed 24-character form", "[time]") {
  const std::string now = utc_now_iso8601();
  CHECK(now.size() == 24);
  CHECK(std::regex_match(now, std::regex(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z)")));
  CHECK(now >= "2024-01-01T00:00:00.000Z");
}

TEST_CASE("from_iso8601 refuses years system_clock cannot hold rather than overflow", "[time]") {
  CHECK(wk::core::from_iso8601("2261-12-31T23:59:59.999Z"));
  CHECK_FALSE(wk::core::from_iso8601("2262-04-12T00:00:00.000Z"));
  CHECK_FALSE(wk::core::from_iso8601("2999-01-01T00:00:00.000Z"));
  CHECK_FALSE(wk::core::from_iso8601("9999-12-31T23:59:59.999Z"));
  CHECK_FALSE(wk::core::from_iso8601("0001-01-01T00:00:00.000Z"));
  CHECK(wk::core::from_iso8601("1970-01-01T00:00:00.000Z"));
}
