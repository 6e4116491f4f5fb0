// The usage counts payload (usage_payload.hpp).
#include "sync/protocol/usage_payload.hpp"

#include <algorithm>
#include <set>
#include <utility>

namespace wk::sync {
namespace {

bool is_day(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (s[i] < '0' || s[i] > '9') return false;
  const int y = std::stoi(std::string(s.substr(0, 4)));
  const int m = std::stoi(std::string(s.substr(5, 2)));
  const int d = std::stoi(std::string(s.substr(8, 2)));
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (y < 2000 || y > 2261 || m < 1 || m > 12 || d < 1) return false;
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return d <= kDays[m - 1] + (m == 2 && leap ? 1 : 0);
}

}  // namespace

bool is_usage_metric(std::string_view metric) {
  return std::find(std::begin(kUsageMetrics), std::end(kUsageMetrics), metric) != std::end(kUsageMetrics);
}

bool is_usage_key(std::string_view key) {
  if (key.empty() || key.size() > kUsageKeyMax) return false;
  return std::all_of(key.begin(), key.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == ':' ||
           c == '-';
  });
}

nlohmann::json write_usage_payload(const UsageDay& day) {
  nlohmann::json counts = nlohmann::json::array();
  for (const UsageCount& c : day.counts) counts.push_back({{"metric", c.metric}, {"key", c.key}, {"count", c.count}});
  return {{"day", day.day}, {"counts", std::move(counts)}};
}

UsageDay parse_usage_payload(const nlohmann::json& payload) {
  if (!payload.is_object()) throw UsageError("payload: expected an object");
  for (auto it = payload.begin(); it != payload.end(); ++it)
    if (it.key() != "day" && it.key() != "counts") throw UsageError("payload: unknown field");
  UsageDay out;
  if (!payload.contains("day") || !payload["day"].is_string() || !is_day(payload["day"].get<std::string>()))
    throw UsageError("day: expected a date YYYY-MM-DD");
  out.day = payload["day"].get<std::string>();
  if (!payload.contains("counts") || !payload["counts"].is_array()) throw UsageError("counts: expected an array");
  const nlohmann::json& counts = payload["counts"];
  if (counts.size() > kUsageCountsMax) throw UsageError("counts: more than 512 entries");
  std::set<std::pair<std::string, std::string>> seen;
  for (std::size_t i = 0; i < counts.size(); ++i) {
    const nlohmann::json& c = counts[i];
    const std::string at = "counts[" + std::to_string(i) + "]";
    if (!c.is_object() || c.size() != 3 || !c.contains("metric") || !c.contains("key") || !c.contains("count"))
      throw UsageError(at + ": expected {metric, key, count}");
    if (!c["metric"].is_string() || !is_usage_metric(c["metric"].get<std::string>()))
      throw UsageError(at + ".metric: not a known metric");
    if (!c["key"].is_string() || !is_usage_key(c["key"].get<std::string>()))
      throw UsageError(at + ".key: expected 1 to 64 of A-Z a-z 0-9 _ : -");
    if (!c["count"].is_number_integer() || c["count"].get<std::int64_t>() < 0 ||
        c["count"].get<std::int64_t>() > kUsageCountMax)
      throw UsageError(at + ".count: expected a whole number from 0 to 1000000000");
    UsageCount u{c["metric"].get<std::string>(), c["key"].get<std::string>(), c["count"].get<std::int64_t>()};
    if (!seen.emplace(u.metric, u.key).second) throw UsageError(at + ": the same metric and key twice");
    out.counts.push_back(std::move(u));
  }
  return out;
}

}  // namespace wk::sync
