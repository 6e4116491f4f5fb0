// Defensive readers of catalog item fields (see catalog_fields.hpp).
#include "kiosk/core/catalog_fields.hpp"

#include "kiosk/core/course.hpp"
#include "kiosk/core/time.hpp"

namespace wk::core {

using nlohmann::json;

std::string localized(const LanguageMap& map, const std::vector<std::string>& chain, bool any) {
  for (const auto& lang : chain)
    if (const auto it = map.find(lang); it != map.end()) return it->second;
  return any && !map.empty() ? map.begin()->second : std::string{};
}

std::string text_field(const json& data, const char* key) {
  const auto it = data.find(key);
  if (it == data.end() || !it->is_string() || it->get_ref<const std::string&>().size() > kMaxCatalogText) return {};
  return it->get<std::string>();
}

LanguageMap map_field(const json& data, const char* key) {
  LanguageMap map;
  const auto it = data.find(key);
  if (it == data.end() || !it->is_object()) return map;
  for (const auto& [lang, text] : it->items()) {
    if (text.is_string() && !text.get_ref<const std::string&>().empty() && lang.size() <= 35 &&
        text.get_ref<const std::string&>().size() <= kMaxCatalogText)
      map.emplace(lang, text.get<std::string>());
  }
  return map;
}

std::vector<std::string> list_field(const json& data, const char* key, std::size_t max) {
  std::vector<std::string> out;
  const auto it = data.find(key);
  if (it == data.end() || !it->is_array()) return out;
  for (const json& v : *it) {
    if (out.size() >= max) break;
    if (v.is_string() && !v.get_ref<const std::string&>().empty() &&
        v.get_ref<const std::string&>().size() <= kMaxCatalogText)
      out.push_back(v.get<std::string>());
  }
  return out;
}

std::string one_of(const json& data, const char* key, std::span<const std::string_view> options) {
  std::string v = text_field(data, key);
  return std::find(options.begin(), options.end(), v) != options.end() ? v : std::string{};
}

std::optional<std::chrono::sys_days> date_field(const json& data, const char* key) {
  return parse_calendar_date(text_field(data, key));
}

std::optional<int> clock_minutes(const std::string& s) {
  if (s.size() != 5 || s[2] != ':') return std::nullopt;
  for (int i : {0, 1, 3, 4})
    if (s[static_cast<std::size_t>(i)] < '0' || s[static_cast<std::size_t>(i)] > '9') return std::nullopt;
  const int h = (s[0] - '0') * 10 + (s[1] - '0'), m = (s[3] - '0') * 10 + (s[4] - '0');
  if (m >= 60 || h > 24 || (h == 24 && m != 0)) return std::nullopt;
  return h * 60 + m;
}

std::optional<std::int64_t> count_field(const json& data, const char* key) {
  const auto it = data.find(key);
  if (it == data.end() || !it->is_number_integer()) return std::nullopt;
  const std::int64_t v = it->get<std::int64_t>();
  if (v < 0 || v > 1'000'000) return std::nullopt;
  return v;
}

std::vector<WeeklySpan> weekly_field(const json& data, const char* key, std::size_t max) {
  std::vector<WeeklySpan> out;
  const auto it = data.find(key);
  if (it == data.end() || !it->is_array()) return out;
  for (const json& s : *it) {
    if (!s.is_object() || out.size() >= max) continue;
    const std::string day = text_field(s, "day");
    const auto d = std::find(kWeekdayCodes.begin(), kWeekdayCodes.end(), day);
    const auto from = clock_minutes(text_field(s, "from")), to = clock_minutes(text_field(s, "to"));
    if (d == kWeekdayCodes.end() || !from || !to || *to <= *from) continue;
    out.push_back({static_cast<int>(d - kWeekdayCodes.begin()), *from, *to});
  }
  std::stable_sort(out.begin(), out.end(), [](const WeeklySpan& a, const WeeklySpan& b) {
    return a.weekday != b.weekday ? a.weekday < b.weekday : a.from < b.from;
  });
  return out;
}

}  // namespace wk::core
