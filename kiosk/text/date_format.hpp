// Calendar dates, weekdays and clock times as a language writes them, through ICU: "11. Jan. 2027",
// "١١ يناير ٢٠٢٧", "2027年1月11日"; ranges through ICU's interval formats ("11. Jan. – 30. Juni 2027");
// times in the locale's 12- or 24-hour convention. The values are dates and wall-clock times of
// the catalog (no time zone: they are formatted as given).
#pragma once

#include <string>
#include <vector>

#include "kiosk/text/input_rules.hpp"

namespace wk::text {

// `d` (a valid date) in `icu_locale`'s medium form with the year ("11. Jan. 2027").
std::string format_date(const std::string& icu_locale, const Date& d);
// `from`..`to` as one range ("11. Jan. – 30. Juni 2027", thin spaces around the dash); one date when they are the same
// day.
std::string format_date_range(const std::string& icu_locale, const Date& from, const Date& to);
// The weekday `weekday` (0 Monday .. 6 Sunday), abbreviated ("Mo", "Mon", "الاثنين").
std::string weekday_short(const std::string& icu_locale, int weekday);
// Minutes after midnight (0..1440) as a clock time ("18:00", "6:00 PM").
std::string format_time(const std::string& icu_locale, int minutes);
// `from`..`to` minutes after midnight as one range ("18:00–21:15", "6:00 – 9:15 PM").
std::string format_time_range(const std::string& icu_locale, int from, int to);

}  // namespace wk::text
