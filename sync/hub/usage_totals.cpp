// Usage counts and their regional totals (usage_totals.hpp).
#include "sync/hub/usage_totals.hpp"

#include "sync/protocol/usage_payload.hpp"

namespace wk::hub {

using wk::core::Database;
using wk::core::Statement;

const std::string_view kUsageSchema = R"sql(
CREATE TABLE usage_counts (
    terminal_id  TEXT NOT NULL REFERENCES terminals (id),
    day          TEXT NOT NULL,
    metric       TEXT NOT NULL,
    key          TEXT NOT NULL,
    count        INTEGER NOT NULL CHECK (count >= 0),
    PRIMARY KEY (terminal_id, day, metric, key)
) WITHOUT ROWID;
CREATE TABLE usage_totals (
    day     TEXT NOT NULL,
    metric  TEXT NOT NULL,
    key     TEXT NOT NULL,
    count   INTEGER NOT NULL CHECK (count >= 0),
    PRIMARY KEY (day, metric, key)
) WITHOUT ROWID;
)sql";

void apply_usage(Database& db, std::string_view terminal_id, const nlohmann::json& payload) {
  const sync::UsageDay day = sync::parse_usage_payload(payload);
  // Take the terminal's old figures of the day out of the totals, then put the new ones in.
  Statement old_rows = db.prepare(
      "UPDATE usage_totals SET count = usage_totals.count - o.count FROM"
      " (SELECT metric, key, count FROM usage_counts WHERE terminal_id = ?1 AND day = ?2) AS o"
      " WHERE usage_totals.day = ?2 AND usage_totals.metric = o.metric AND usage_totals.key = o.key");
  old_rows.bind(1, terminal_id).bind(2, day.day);
  old_rows.step();
  Statement drop = db.prepare("DELETE FROM usage_counts WHERE terminal_id = ?1 AND day = ?2");
  drop.bind(1, terminal_id).bind(2, day.day);
  drop.step();
  Statement put = db.prepare("INSERT INTO usage_counts (terminal_id, day, metric, key, count) VALUES (?1, ?2, ?3, ?4, ?5)");
  Statement total = db.prepare(
      "INSERT INTO usage_totals (day, metric, key, count) VALUES (?1, ?2, ?3, ?4)"
      " ON CONFLICT (day, metric, key) DO UPDATE SET count = count + excluded.count");
  for (const sync::UsageCount& c : day.counts) {
    put.reset();
    put.bind(1, terminal_id).bind(2, day.day).bind(3, c.metric).bind(4, c.key).bind(5, c.count);
    put.step();
    total.reset();
    total.bind(1, day.day).bind(2, c.metric).bind(3, c.key).bind(4, c.count);
    total.step();
  }
}

std::vector<UsageTotal> usage_totals(Database& db, bool weekly, std::string_view since) {
  std::vector<UsageTotal> out;
  Statement st = db.prepare(
      "SELECT CASE WHEN ?1 THEN strftime('%Y-W%W', day) ELSE day END AS period, metric, key, sum(count)"
      " FROM usage_totals WHERE day >= ?2 GROUP BY period, metric, key HAVING sum(count) > 0"
      " ORDER BY period, metric, key");
  st.bind(1, weekly ? 1 : 0).bind(2, since);
  while (st.step()) out.push_back({st.column_text(0), st.column_text(1), st.column_text(2), st.column_int64(3)});
  return out;
}

}  // namespace wk::hub
