// Instant -> local civil time through icu::Calendar (see local_time.hpp).
#include "kiosk/text/local_time.hpp"

#include <unicode/calendar.h>
#include <unicode/gregocal.h>
#include <unicode/timezone.h>

#include <memory>

namespace wk::text {

std::optional<core::LocalTime> local_time_at(std::chrono::system_clock::time_point instant, const std::string& zone) {
  std::unique_ptr<icu::TimeZone> tz;
  if (zone.empty()) {
    tz.reset(icu::TimeZone::createDefault());
  } else {
    tz.reset(icu::TimeZone::createTimeZone(icu::UnicodeString::fromUTF8(zone)));
    if (*tz == icu::TimeZone::getUnknown()) return std::nullopt;
  }
  UErrorCode status = U_ZERO_ERROR;
  icu::GregorianCalendar cal(tz.release(), status);
  if (U_FAILURE(status)) return std::nullopt;
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(instant.time_since_epoch()).count();
  cal.setTime(static_cast<UDate>(ms), status);
  const int y = cal.get(UCAL_EXTENDED_YEAR, status), m = cal.get(UCAL_MONTH, status) + 1,
            d = cal.get(UCAL_DATE, status);
  const int minute = cal.get(UCAL_HOUR_OF_DAY, status) * 60 + cal.get(UCAL_MINUTE, status);
  if (U_FAILURE(status)) return std::nullopt;
  const std::chrono::year_month_day ymd{std::chrono::year{y}, std::chrono::month{static_cast<unsigned>(m)},
                                        std::chrono::day{static_cast<unsigned>(d)}};
  return core::LocalTime{std::chrono::sys_days{ymd}, minute};
}

}  // namespace wk::text
