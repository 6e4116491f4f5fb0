// `welcome-hub export registrations`: every registration the hub holds, for the Welcome
// Center's case system, as one JSON document, as NDJSON (one registration per line) or as CSV
// (one row per person, German labels: registration_sheet.hpp) for a spreadsheet.
//
// JSON:   {"exported_at": "...", "registrations": [R, R, ...]}
// NDJSON: R\nR\n...
// where R = {"change_id", "kuemmerer_id", "kuemmerer_reason", "payload", "received_at",
// "terminal_id"}, payload is the registration as the schema's writer writes it (person,
// family_members, consent; its kuemmerer_id is the terminal's proposal) and kuemmerer_id the
// hub's final assignment (null: none), kuemmerer_reason how it came (proposed | none | left | full |
// operator; kuemmerer_assignment.hpp). CSV rows carry the final kuemmerer_id. Order:
// receipt by the hub. The output holds personal data: a file is created with mode 0600.
//
// Nothing that could act or hide is emitted as it is: in JSON, C1 controls, DEL, bidi
// controls (U+061C, U+200E, U+200F, U+202A..U+202E, U+2066..U+2069) and U+FEFF are written as
// \uXXXX escapes (C0 controls are escaped by JSON itself). In CSV (RFC 4180, UTF-8, CRLF) a
// cell that starts with =, +, -, @, tab or carriage return gets a leading apostrophe so no
// spreadsheet takes it for a formula, and every control or bidi character is written as a
// visible "<U+XXXX>" mark.
#pragma once

#include "sync/hub/dashboard/dashboard_text.hpp"
#include "sync/hub/hub_store.hpp"

#include <cstdint>
#include <filesystem>
#include <functional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace wk::hub {

enum class ExportFormat { json, ndjson, csv };

// Which registrations an export takes, and how its CSV is labelled.
struct ExportSelection {
  std::string since;                     // "YYYY-MM-DD": received on or after that UTC day; "" all
  bool new_only = false;                 // only those no earlier export took
  const DashboardText* words = nullptr;  // the CSV's labels (registration_sheet.hpp); required for csv
  std::string header_language = "de";    // the CSV's header: "de" or "en"
};

// Writes the registrations in `store` that `selection` takes to `out` in `format`; returns how
// many, the receipt order (seq) of the last one through `last_seq` (0 when none) and every one
// written through `written`. CSV is the caseworkers' spreadsheet (registration_sheet.hpp).
// Throws std::invalid_argument for CSV without words, std::runtime_error if the stream fails
// (and whatever the store throws).
std::int64_t write_registrations(HubStore& store, ExportFormat format, std::ostream& out,
                                 std::int64_t* last_seq = nullptr, const ExportSelection& selection = {},
                                 std::vector<std::int64_t>* written = nullptr);

// What no exported cell may start with: a CSV cell `cell` made safe for spreadsheets (see above).
std::string csv_cell(std::string_view cell);
// `json_text` (dumped JSON) with the characters above escaped as \uXXXX.
std::string escape_hidden_characters(std::string_view json_text);

// Writes the export to `file` atomically: into a temporary file (mode 0600) in the same
// directory, flushed to disk, then renamed over `file`. On failure `file` is unchanged, the
// temporary file removed, and std::runtime_error names the file and the problem.
// The registrations written are then marked exported (HubStore::mark_registrations_exported).
std::int64_t export_registrations_to_file(HubStore& store, ExportFormat format, const std::filesystem::path& file,
                                          const ExportSelection& selection = {});

// The atomic write above for any export: `write` fills the temporary file (mode 0600), which is
// then flushed and renamed over `file`. Throws std::runtime_error (file unchanged).
void write_export_file(const std::filesystem::path& file, const std::function<void(std::ostream&)>& write);

// One CSV row: every cell made safe by csv_cell, quoted (quotes doubled), CRLF.
void write_csv_row(std::ostream& out, const std::vector<std::string>& cells);

}  // namespace wk::hub
