// Daily usage counts on the terminal (usage_counts.hpp).
#include "kiosk/core/usage_counts.hpp"

#include "kiosk/core/outbox.hpp"
#include "kiosk/core/time.hpp"
#include "sync/protocol/usage_payload.hpp"

#include <cstdio>
#include <stdexcept>

namespace wk::core {
namespace {

// The entity id of day `day` (YYYY-MM-DD): a UUIDv7 whose time is the day's first millisecond
// and whose other bits are zero, the same for every push of that day.
std::string day_entity_id(const std::string& day) {
  const auto tp = from_iso8601(day + "T00:00:00.000Z");
  if (!tp) throw std::invalid_argument("not a day: " + day);
  const auto ms = static_cast<std::uint64_t>(
      std::chrono::duration_cast<std::chrono::milliseconds>(tp->time_since_epoch()).count());
  char buf[64];
  std::snprintf(buf, sizeof buf, "%08llx-%04llx-7000-8000-000000000000",
                static_cast<unsigned long long>(ms >> 16), static_cast<unsigned long long>(ms & 0xffff));
  return buf;
}

}  // namespace

void count_usage(Database& db, std::string_view metric, std::string_view key, std::int64_t by,
                 std::chrono::system_clock::time_point now) {
  if (!sync::is_usage_metric(metric)) throw std::invalid_argument("usage metric \"" + std::string(metric) + "\" is not known");
  if (!sync::is_usage_key(key)) throw std::invalid_argument("a usage key must be 1 to 64 of A-Z a-z 0-9 _ : -");
  if (by < 1) throw std::invalid_argument("a usage count grows by at least 1");
  const std::string day = to_iso8601(now).substr(0, 10);
  Statement add = db.prepare(
      "INSERT INTO usage_counts (day, metric, key, count) VALUES (?1, ?2, ?3, ?4)"
      " ON CONFLICT (day, metric, key) DO UPDATE SET count = min(count + excluded.count, ?5)");
  add.bind(1, day).bind(2, metric).bind(3, key).bind(4, by).bind(5, sync::kUsageCountMax);
  add.step();
  Statement dirty = db.prepare("INSERT OR IGNORE INTO usage_dirty (day) VALUES (?1)");
  dirty.bind(1, day);
  dirty.step();
}

int queue_usage(Store& store) {
  return store.transact([&](Database& db) {
    std::vector<std::string> days;
    Statement dirty = db.prepare("SELECT day FROM usage_dirty ORDER BY day");
    while (dirty.step()) days.push_back(dirty.column_text(0));
    for (const std::string& day : days) {
      sync::UsageDay set{day, {}};
      Statement all =
          db.prepare("SELECT metric, key, count FROM usage_counts WHERE day = ?1 ORDER BY metric, key LIMIT ?2");
      all.bind(1, day).bind(2, static_cast<std::int64_t>(sync::kUsageCountsMax));
      while (all.step()) set.counts.push_back({all.column_text(0), all.column_text(1), all.column_int64(2)});
      enqueue(db, OutboxChange{"usage", day_entity_id(day), "update", sync::write_usage_payload(set)});
    }
    db.exec("DELETE FROM usage_dirty");
    return static_cast<int>(days.size());
  });
}

void count_usage(Store& store, std::string_view metric, std::string_view key,
                 std::chrono::system_clock::time_point now) {
  store.transact([&](Database& db) {
    count_usage(db, metric, key, 1, now);
    return 0;
  });
}

std::vector<UsageRow> usage_rows(Database& db) {
  std::vector<UsageRow> out;
  Statement st = db.prepare("SELECT day, metric, key, count FROM usage_counts ORDER BY day, metric, key");
  while (st.step()) out.push_back({st.column_text(0), st.column_text(1), st.column_text(2), st.column_int64(3)});
  return out;
}

}  // namespace wk::core
