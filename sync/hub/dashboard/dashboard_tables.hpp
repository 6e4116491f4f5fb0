// What the dashboard shows, as tables and charts built from the hub store: the page draws them
// (dashboard_page.hpp) and every table is also a CSV download with the same cells, so the page
// and the files never disagree.
//
// Counts of people (visits, idle resets, and the terminals' anonymous daily counts) of 1 to 4
// are shown as "<5" on the page, in the charts and in the CSV (small-cell suppression): a small
// Welcome Center must not be able to tell one newcomer's visit from the figures. Operational
// figures (seats, queue depths, call-backs waiting) are shown exactly: operators act on them.
#pragma once

#include "sync/hub/dashboard/dashboard_text.hpp"
#include "sync/hub/hub_store.hpp"

#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

namespace wk::hub {

struct DashboardTable {
  std::string id;         // [a-z_]+: the CSV's name (/dashboard/csv/<id>) and the page anchor
  std::string title_key;  // dashboard text keys
  std::vector<std::string> column_keys;
  std::vector<std::vector<std::string>> rows;  // cells as shown, one per column
  std::vector<bool> warn;                      // per row: needs an operator's look (stale, dead letters, full)
  std::vector<bool> numeric;                   // per column: right-aligned
};

struct DashboardChart {
  std::string title_key;
  std::vector<std::string> labels;   // periods
  std::vector<std::int64_t> values;  // raw counts; drawing suppresses 1..4
};

struct Dashboard {
  std::string generated_at;  // ISO 8601 UTC
  std::string alert;         // shown above everything when not empty (the certificate expiring)
  bool weekly = false;
  std::vector<DashboardChart> charts;
  std::vector<DashboardTable> tables;
};

struct DashboardQuery {
  bool weekly = false;
  // Periods (days or weeks, counted back from today) the counts cover; 0: all the hub holds.
  int window = 0;
  // One table's id (a CSV download): only that table is built, and no chart; "" everything.
  std::string only;
};

// Builds the charts and tables `query` asks for from `store` in `language` (for status words and
// course titles).
Dashboard build_dashboard(HubStore& store, const DashboardQuery& query, const DashboardText& text,
                          const std::string& language);

// A count of people as it may be shown: "0", "<5" for 1..4, the number from 5 on.
std::string suppressed(std::int64_t count);

// The ids of the tables build_dashboard makes, in page order.
const std::vector<std::string>& dashboard_table_ids();

// Writes `table` as CSV (RFC 4180, UTF-8 with a BOM so spreadsheets read umlauts, formula-safe
// cells): a header of the column titles in `language`, then the rows.
void write_table_csv(const DashboardTable& table, const DashboardText& text, const std::string& language,
                     std::ostream& out);

}  // namespace wk::hub
