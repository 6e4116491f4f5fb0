// The daily usage counts of sync/PROTOCOL.md ("Usage counts", entity "usage", entity_id the day,
// op "update"): what one terminal counted on one UTC day, sent whole each time it grows, so the
// hub replaces the terminal's figures of that day with the newest. Anonymous by construction: a
// metric from a fixed list, a key that is a code (a language, a target group, a course type, a
// topic, a screen), never free text; counts only. One writer and one strict parser, shared by the
// terminal and the hub.
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace wk::sync {

// What is counted, and what its key is.
inline constexpr std::string_view kUsageMetrics[] = {
    "visits",          // a session started; key: its language
    "idle_resets",     // a session the idle timer ended; key: its language
    "abandoned",       // the same, by where it stood; key: the screen id
    "registrations",   // key: "<target group>:<language of the session>"
    "bookings",        // a booking sent; key: the course type of each line's course
    "waitlist",        // the hub put a booking on the waiting list; key: course type
    "searches",        // a topic tile chosen in the contact finder; key: the topic
    "searches_empty",  // of those, the ones that found nobody; key: the topic
};

inline constexpr std::size_t kUsageKeyMax = 64;     // bytes: [A-Za-z0-9_:-]
inline constexpr std::size_t kUsageCountsMax = 512;  // entries per day
inline constexpr std::int64_t kUsageCountMax = 1'000'000'000;

struct UsageCount {
  std::string metric, key;
  std::int64_t count = 0;
  bool operator==(const UsageCount&) const = default;
};

struct UsageDay {
  std::string day;  // YYYY-MM-DD (UTC)
  std::vector<UsageCount> counts;
  bool operator==(const UsageDay&) const = default;
};

// The first problem of a payload, naming the field and never a key's value.
class UsageError : public std::invalid_argument {
 public:
  explicit UsageError(const std::string& problem) : std::invalid_argument(problem) {}
};

bool is_usage_metric(std::string_view metric);
bool is_usage_key(std::string_view key);

nlohmann::json write_usage_payload(const UsageDay& day);

// {"day": "YYYY-MM-DD", "counts": [{"metric", "key", "count"}, ...]}: a real date, known metrics,
// keys as above, counts 0..kUsageCountMax, at most kUsageCountsMax entries, no (metric, key)
// twice, no other fields. Throws UsageError.
UsageDay parse_usage_payload(const nlohmann::json& payload);

}  // namespace wk::sync
