// The caseworkers' spreadsheet of registrations (`welcome-hub export registrations --format csv`):
// one row per person — the registering newcomer, then each family member, linked by the code —
// with German labels instead of codes (target groups, relations, recognition, contact channels,
// yes/no; countries and languages by ICU's German names), dates as dates (YYYY-MM-DD, times as
// YYYY-MM-DD HH:MM in UTC), and the header in German or English. Every cell is made safe for
// spreadsheets by csv_cell (registration_export.hpp). The labels are the hub's operator texts
// (locales/dashboard/*.json, keys "sheet.*").
#pragma once

#include "sync/hub/dashboard/dashboard_text.hpp"
#include "sync/hub/hub_store.hpp"

#include <ostream>
#include <string>

namespace wk::hub {

// The header row; `header_language` "de" or "en".
void write_sheet_header(std::ostream& out, const DashboardText& words, const std::string& header_language);
// The rows of registration `r`.
void write_sheet_rows(std::ostream& out, const ReceivedRegistration& r, const DashboardText& words);

// The German name of country `code` (ISO 3166-1 alpha-2, "SY" -> "Syrien"), or the code itself
// when ICU knows none.
std::string country_name_de(const std::string& code);
// The German name of language `code` ("uk" -> "Ukrainisch", "zh-Hans" -> "Chinesisch (vereinfacht)"), or the code.
std::string language_name_de(const std::string& code);

}  // namespace wk::hub
