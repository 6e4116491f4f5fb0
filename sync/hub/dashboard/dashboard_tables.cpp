// The dashboard's tables and charts (dashboard_tables.hpp), built from the hub store.
#include "sync/hub/dashboard/dashboard_tables.hpp"

#include "kiosk/core/time.hpp"
#include "sync/hub/registration_export.hpp"
#include "sync/protocol/usage_payload.hpp"

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <map>
#include <set>

namespace wk::hub {
namespace {

using SysClock = std::chrono::system_clock;

std::string number(std::int64_t n) {
  return std::to_string(n);
}

std::string percent(std::int64_t part, std::int64_t whole) {
  if (whole <= 0) return "–";
  return std::to_string((part * 100 + whole / 2) / whole) + " %";
}

// "2026-12-07T09:15:02.123Z" as "2026-12-07 09:15 UTC"; "" as "–".
std::string when(const std::string& iso) {
  if (iso.size() < 16) return "–";
  return iso.substr(0, 10) + " " + iso.substr(11, 5) + " UTC";
}

// The first day counted: `window` periods back from today (weeks start on Monday, as %W does).
std::string first_day(const DashboardQuery& q, SysClock::time_point now) {
  if (q.window <= 0) return "";
  const std::time_t t = SysClock::to_time_t(now);
  std::tm tm{};
  gmtime_r(&t, &tm);
  int back = q.window - 1;
  if (q.weekly) back = (q.window - 1) * 7 + (tm.tm_wday + 6) % 7;
  const std::time_t start = t - static_cast<std::time_t>(back) * 86400;
  gmtime_r(&start, &tm);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
  return buf;
}

// A course's title in `language`, else German, else English, else its id.
std::string course_title(const nlohmann::json& data, const std::string& language, const std::string& id) {
  if (data.contains("title") && data["title"].is_object()) {
    for (const std::string& l : {language, std::string("de"), std::string("en")})
      if (data["title"].contains(l) && data["title"][l].is_string()) return data["title"][l].get<std::string>();
  }
  return id;
}

DashboardTable terminals_table(HubStore& store, const DashboardText& text, const std::string& lang,
                               SysClock::time_point now) {
  DashboardTable t{
      "terminals",
      "table.terminals",
      {"col.terminal", "col.status", "col.last_seen", "col.last_push", "col.queue", "col.dead_letters", "col.version"},
      {},
      {},
      {false, false, false, false, true, true, false}};
  for (const TerminalInfo& i : store.list_terminals()) {
    const auto seen = wk::core::from_iso8601(i.last_seen_at);
    const bool stale = i.revoked_at.empty() && (!seen || now - *seen > std::chrono::hours(24));
    const std::string status = !i.revoked_at.empty() ? text(lang, "status.revoked")
                               : stale               ? text(lang, "status.silent")
                                                     : text(lang, "status.active");
    t.rows.push_back({i.id, status, when(i.last_seen_at), when(i.last_push_at),
                      i.queue_depth < 0 ? "–" : number(i.queue_depth),
                      i.dead_letters < 0 ? "–" : number(i.dead_letters), i.app_version.empty() ? "–" : i.app_version});
    t.warn.push_back(stale || i.dead_letters > 0);
  }
  return t;
}

DashboardTable courses_table(HubStore& store, const std::string& lang) {
  DashboardTable t{"courses",
                   "table.courses",
                   {"col.course", "col.title", "col.course_type", "col.capacity", "col.confirmed", "col.offered",
                    "col.waiting", "col.fill"},
                   {},
                   {},
                   {false, false, false, true, true, true, true, true}};
  std::map<std::string, nlohmann::json> data;
  for (const auto& item : store.catalog_items("course")) data[item.id] = item.data;
  for (const CourseFigures& c : store.course_figures()) {
    const nlohmann::json& d = data[c.id];
    const std::string type =
        d.contains("course_type") && d["course_type"].is_string() ? d["course_type"].get<std::string>() : "";
    const std::int64_t taken = c.confirmed + c.offers;
    t.rows.push_back({c.id, course_title(d, lang, c.id), type, number(c.capacity), number(c.confirmed),
                      number(c.offers), number(c.waiting), percent(taken, c.capacity)});
    t.warn.push_back(c.capacity > 0 && taken >= c.capacity && c.waiting > 0);
  }
  return t;
}

DashboardTable kuemmerer_table(HubStore& store, const DashboardText& text, const std::string& lang) {
  DashboardTable t{"kuemmerer",
                   "table.kuemmerer",
                   {"col.kuemmerer", "col.name", "col.capacity", "col.assigned", "col.load"},
                   {},
                   {},
                   {false, false, true, true, true}};
  for (const KuemmererLoadLine& k : store.kuemmerer_loads()) {
    t.rows.push_back({k.id.empty() ? text(lang, "kuemmerer.none") : k.id, k.name, number(k.capacity),
                      number(k.assigned), percent(k.assigned, k.capacity)});
    t.warn.push_back(k.id.empty() ? k.assigned > 0 : k.assigned >= k.capacity && k.capacity > 0);
  }
  return t;
}

DashboardTable callbacks_table(HubStore& store) {
  DashboardTable t{"callbacks", "table.callbacks",   {"col.organisation", "col.open", "col.oldest"}, {},
                   {},          {false, true, false}};
  std::map<std::string, std::string> names;
  for (const auto& item : store.catalog_items("organisation")) {
    const nlohmann::json& n = item.data.contains("name") ? item.data["name"] : nlohmann::json();
    if (n.is_object() && n.contains("de") && n["de"].is_string()) names[item.id] = n["de"].get<std::string>();
  }
  for (const OpenCallbacks& c : store.open_callbacks()) {
    const auto name = names.find(c.organisation_id);
    t.rows.push_back({name == names.end() ? c.organisation_id : name->second + " (" + c.organisation_id + ")",
                      number(c.open), when(c.oldest_received_at)});
    t.warn.push_back(false);
  }
  return t;
}

// The usage counts: a table of every metric per period, a table of each metric by its key over
// the periods shown, and the charts of the metrics that tell most at a glance.
void usage(HubStore& store, const DashboardQuery& q, SysClock::time_point now, const DashboardText& text,
           const std::string& lang, Dashboard& out) {
  const auto totals = store.usage_totals(q.weekly, first_day(q, now));
  std::vector<std::string> metrics(std::begin(sync::kUsageMetrics), std::end(sync::kUsageMetrics));
  DashboardTable per_period{"usage", "table.usage", {"col.period"}, {}, {}, {false}};
  for (const std::string& m : metrics) {
    per_period.column_keys.push_back("metric." + m);
    per_period.numeric.push_back(true);
  }
  DashboardTable by_key{"usage_keys", "table.usage_keys",  {"col.metric", "col.key", "col.count"}, {},
                        {},           {false, false, true}};
  std::map<std::string, std::map<std::string, std::int64_t>> sums;    // period -> metric -> sum
  std::map<std::pair<std::string, std::string>, std::int64_t> keyed;  // (metric, key) -> sum
  for (const UsageTotal& u : totals) {
    sums[u.period][u.metric] += u.count;
    keyed[{u.metric, u.key}] += u.count;
  }
  for (const auto& [period, by_metric] : sums) {
    std::vector<std::string> row{period};
    for (const std::string& m : metrics) {
      const auto it = by_metric.find(m);
      row.push_back(suppressed(it == by_metric.end() ? 0 : it->second));
    }
    per_period.rows.push_back(std::move(row));
    per_period.warn.push_back(false);
  }
  for (const std::string& m : metrics)
    for (const auto& [mk, n] : keyed)
      if (mk.first == m) {
        by_key.rows.push_back({text(lang, "metric." + m), mk.second, suppressed(n)});
        by_key.warn.push_back(false);
      }
  for (const char* metric : {"visits", "registrations", "bookings", "idle_resets"}) {
    DashboardChart c{std::string("chart.") + metric, {}, {}};
    for (const auto& [period, by_metric] : sums) {
      c.labels.push_back(period);
      const auto it = by_metric.find(metric);
      c.values.push_back(it == by_metric.end() ? 0 : it->second);
    }
    out.charts.push_back(std::move(c));
  }
  out.tables.push_back(std::move(per_period));
  out.tables.push_back(std::move(by_key));
}

}  // namespace

std::string suppressed(std::int64_t count) {
  if (count > 0 && count < 5) return "<5";
  return std::to_string(count);
}

const std::vector<std::string>& dashboard_table_ids() {
  static const std::vector<std::string> ids{"terminals", "usage", "usage_keys", "courses", "kuemmerer", "callbacks"};
  return ids;
}

Dashboard build_dashboard(HubStore& store, const DashboardQuery& query, const DashboardText& text,
                          const std::string& language) {
  Dashboard d;
  const auto now = store.now();
  d.generated_at = wk::core::to_iso8601(now);
  d.weekly = query.weekly;
  auto wanted = [&](std::string_view id) { return query.only.empty() || query.only == id; };
  if (wanted("terminals")) d.tables.push_back(terminals_table(store, text, language, now));
  if (wanted("usage") || wanted("usage_keys")) usage(store, query, now, text, language, d);
  if (wanted("courses")) d.tables.push_back(courses_table(store, language));
  if (wanted("kuemmerer")) d.tables.push_back(kuemmerer_table(store, text, language));
  if (wanted("callbacks")) d.tables.push_back(callbacks_table(store));
  return d;
}

void write_table_csv(const DashboardTable& table, const DashboardText& text, const std::string& language,
                     std::ostream& out) {
  out << "\xEF\xBB\xBF";
  std::vector<std::string> header;
  for (const std::string& key : table.column_keys) header.push_back(text(language, key));
  write_csv_row(out, header);
  for (const auto& row : table.rows) write_csv_row(out, row);
}

}  // namespace wk::hub
