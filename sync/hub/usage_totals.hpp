// The terminals' daily usage counts at the hub (sync/protocol/usage_payload.hpp): each
// terminal's newest figures per day, and the region's totals per day kept beside them as they
// arrive, so the dashboard reads a year of a whole region's counts from a few thousand rows
// rather than summing every terminal's each time.
#pragma once

#include "kiosk/core/database.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace wk::hub {

// Hub schema version 12.
extern const std::string_view kUsageSchema;

// Replaces terminal `terminal_id`'s counts of the payload's day with the payload's, and moves the
// totals by the difference. Throws sync::UsageError for a payload the protocol refuses.
void apply_usage(wk::core::Database& db, std::string_view terminal_id, const nlohmann::json& payload);

struct UsageTotal {
  std::string period;  // "2026-12-07", or "2026-W49" (weeks from Monday, as strftime %W)
  std::string metric, key;
  std::int64_t count = 0;
};
// The region's totals from day `since` ("" all) on, per day or week, by period, metric, key.
std::vector<UsageTotal> usage_totals(wk::core::Database& db, bool weekly, std::string_view since);

}  // namespace wk::hub
