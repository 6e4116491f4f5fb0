// Wall-clock timestamps in the one text form the kiosk stores, logs and syncs:
// ISO 8601 UTC with milliseconds, e.g. "2026-11-25T07:40:00.123Z". Lexical order of these
// strings equals chronological order (for years 0000..9999), so SQL can compare them as TEXT.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace wk::core {

// The current time, "YYYY-MM-DDTHH:MM:SS.mmmZ" (always 24 characters).
std::string utc_now_iso8601();

// `tp` truncated (toward the past) to milliseconds, in the same form as utc_now_iso8601().
std::string to_iso8601(std::chrono::system_clock::time_point tp);

// The time point of a timestamp in exactly that form (a real calendar date and time), or
// nullopt for anything else.
// Years kFirstYear..kLastYear only (what system_clock can hold); others give nullopt.
inline constexpr int kFirstYear = 1678;
inline constexpr int kLastYear = 2261;
std::optional<std::chrono::system_clock::time_point> from_iso8601(std::string_view text);

// True if `text` is exactly such a timestamp (from_iso8601 would accept it).
bool is_iso8601(std::string_view text);

// The day of a calendar date "YYYY-MM-DD" (a real day: no 2026-02-30), or nullopt.
std::optional<std::chrono::sys_days> parse_calendar_date(std::string_view text);
// True if parse_calendar_date(text) has a value.
bool is_calendar_date(std::string_view text);
// `day` as "YYYY-MM-DD".
std::string format_calendar_date(std::chrono::sys_days day);

}  // namespace wk::core
