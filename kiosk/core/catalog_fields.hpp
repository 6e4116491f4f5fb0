// Reading fields of a catalog item's JSON data defensively: the hub checks every item it
// imports, but the terminal still treats catalog data as untrusted. Each reader returns an
// empty value (or nullopt) for a missing field, a field of the wrong shape or one that is
// too long; none throws.
#pragma once

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace wk::core {

// language code -> text, as in the catalog.
using LanguageMap = std::map<std::string, std::string, std::less<>>;

// A weekly time span: a course session, an opening hour.
struct WeeklySpan {
  int weekday = 0;  // 0 Monday .. 6 Sunday
  int from = 0;     // minutes after midnight
  int to = 0;       // minutes after midnight, > from, at most 24 * 60
};

inline constexpr std::size_t kMaxCatalogText = 4000;

// The text of `map` in the first language of `chain` that has one, else "" (or, with
// `any`, the map's first text).
std::string localized(const LanguageMap& map, const std::vector<std::string>& chain, bool any = true);

// A string field of at most kMaxCatalogText bytes, else "".
std::string text_field(const nlohmann::json& data, const char* key);
// The non-empty texts of a language map field.
LanguageMap map_field(const nlohmann::json& data, const char* key);
// The strings of an array field, at most `max` of them; other entries are skipped.
std::vector<std::string> list_field(const nlohmann::json& data, const char* key, std::size_t max = 64);
// The field if it is one of `options`, else "".
std::string one_of(const nlohmann::json& data, const char* key, std::span<const std::string_view> options);
std::optional<std::chrono::sys_days> date_field(const nlohmann::json& data, const char* key);
// A whole number from 0 to 1,000,000.
std::optional<std::int64_t> count_field(const nlohmann::json& data, const char* key);
// "HH:MM" from 00:00 to 24:00 as minutes after midnight.
std::optional<int> clock_minutes(const std::string& s);
// A schedule field ([{day, from, to}], sync/CATALOG.md) as spans sorted by weekday, then
// start; at most `max` spans, malformed ones skipped.
std::vector<WeeklySpan> weekly_field(const nlohmann::json& data, const char* key, std::size_t max);

}  // namespace wk::core
