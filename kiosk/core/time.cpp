// ISO 8601 UTC timestamp formatting (see time.hpp).
#include "kiosk/core/time.hpp"

#include <cstdio>

namespace wk::core {

std::string to_iso8601(std::chrono::system_clock::time_point tp) {
  using namespace std::chrono;
  const auto ms = floor<milliseconds>(tp);
  const auto day = floor<days>(ms);
  const year_month_day ymd{day};
  const hh_mm_ss hms{ms - day};
  char buf[40];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02d.%03dZ", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                static_cast<int>(hms.hours().count()), static_cast<int>(hms.minutes().count()),
                static_cast<int>(hms.seconds().count()), static_cast<int>(hms.subseconds().count()));
  return buf;
}

std::string utc_now_iso8601() {
  return to_iso8601(std::chrono::system_clock::now());
}

}  // namespace wk::core
