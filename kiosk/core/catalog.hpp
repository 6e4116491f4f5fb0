// The catalogs this terminal received from the hub: courses, organisations, contact persons
// and texts (PROTOCOL.md "Pull", sync/CATALOG.md for the data of each kind).
//
// The hub is the truth for catalogs; the terminal keeps the latest copy so that everything
// works offline. Applying a delta is idempotent and order-safe: per (kind, id) the highest
// version wins, and tombstones are kept so an older copy received again never revives an item.
// The pull cursor lives in the same table family and is written in the same transaction as the
// items it follows, so an interrupted pull resumes without gaps or duplicates.
#pragma once

#include "kiosk/core/database.hpp"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace wk::core {

struct CatalogEntry {
  std::string kind;          // course | organisation | contact_person | text
  std::string id;            // the hub's id
  std::int64_t version = 0;  // the hub's change counter
  bool deleted = false;      // tombstone
  std::string data;          // JSON object text; empty for a tombstone
};

// Applies `entries` and stores `cursor` as the new pull cursor, in one transaction.
// Per entry: written if the terminal has no row for (kind, id) or a lower version; otherwise
// left alone. Returns the number of rows that changed. Throws SqliteError (the transaction
// is rolled back: neither items nor cursor change) and std::invalid_argument for an unknown kind,
// an empty id, or data that is not a JSON object (checked before anything is written).
// With `reset`, every catalog item (tombstones too) is deleted first, in the same transaction:
// the hub said the terminal's cursor is not one of its own (PROTOCOL.md "Pull").
// `also` runs inside the same transaction before it commits (the booking states that came with
// the page, booking.hpp); what it returns is added to the count, what it throws rolls back all.
std::int64_t apply_catalog_delta(Database& db, const std::vector<CatalogEntry>& entries, std::string_view cursor,
                                 bool reset = false, const std::function<std::int64_t(Database&)>& also = {});

// The cursor stored by the last apply_catalog_delta ("" before the first pull).
std::string catalog_cursor(Database& db);

// Number of live (not deleted) items of `kind`.
std::int64_t catalog_count(Database& db, std::string_view kind);

// Every live item of `kind`, by id.
std::vector<CatalogEntry> catalog_items(Database& db, std::string_view kind);

// The live item (kind, id), if any.
std::optional<CatalogEntry> catalog_item(Database& db, std::string_view kind, std::string_view id);

}  // namespace wk::core
