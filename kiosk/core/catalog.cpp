// Applying catalog deltas from the hub and reading them back (see catalog.hpp).
#include "kiosk/core/catalog.hpp"

#include "kiosk/core/time.hpp"

#include <nlohmann/json.hpp>

#include <stdexcept>

namespace wk::core {
namespace {

constexpr std::string_view kCursorKey = "catalog_cursor";

bool known_kind(std::string_view kind) {
  return kind == "course" || kind == "organisation" || kind == "contact_person" || kind == "text";
}

void check_entry(const CatalogEntry& e, std::size_t index) {
  const std::string where = "catalog entry " + std::to_string(index);
  if (!known_kind(e.kind)) throw std::invalid_argument(where + ": unknown kind");
  if (e.id.empty()) throw std::invalid_argument(where + ": empty id");
  if (e.version < 0) throw std::invalid_argument(where + ": negative version");
  if (e.deleted) {
    if (!e.data.empty()) throw std::invalid_argument(where + ": a tombstone has no data");
    return;
  }
  const nlohmann::json data = nlohmann::json::parse(e.data, nullptr, false);
  if (!data.is_object()) throw std::invalid_argument(where + ": data is not a JSON object");
}

}  // namespace

std::int64_t apply_catalog_delta(Database& db, const std::vector<CatalogEntry>& entries, std::string_view cursor,
                                 bool reset, const std::function<std::int64_t(Database&)>& also) {
  for (std::size_t i = 0; i < entries.size(); ++i) check_entry(entries[i], i);
  Transaction tx(db);
  std::int64_t changed = 0;
  if (reset) {
    db.exec("DELETE FROM catalog_items");
    changed += db.changes();
  }
  const std::string now = utc_now_iso8601();
  Statement up = db.prepare(
      "INSERT INTO catalog_items (kind, id, version, deleted, data, received_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6) "
      "ON CONFLICT (kind, id) DO UPDATE SET version = excluded.version, deleted = excluded.deleted, "
      "data = excluded.data, received_at = excluded.received_at WHERE excluded.version > catalog_items.version");
  for (const CatalogEntry& e : entries) {
    up.reset();
    up.bind(1, e.kind).bind(2, e.id).bind(3, e.version).bind(4, e.deleted ? 1 : 0).bind(6, now);
    if (e.deleted) {
      up.bind_null(5);
    } else {
      up.bind(5, e.data);
    }
    up.step();
    changed += db.changes();
  }
  Statement cur = db.prepare(
      "INSERT INTO sync_state (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value");
  cur.bind(1, kCursorKey).bind(2, cursor);
  cur.step();
  if (also) changed += also(db);
  tx.commit();
  return changed;
}

std::string catalog_cursor(Database& db) {
  Statement st = db.prepare("SELECT value FROM sync_state WHERE key = ?1");
  st.bind(1, kCursorKey);
  return st.step() ? st.column_text(0) : std::string();
}

std::int64_t catalog_count(Database& db, std::string_view kind) {
  Statement st = db.prepare("SELECT count(*) FROM catalog_items WHERE kind = ?1 AND deleted = 0");
  st.bind(1, kind);
  st.step();
  return st.column_int64(0);
}

std::vector<CatalogEntry> catalog_items(Database& db, std::string_view kind) {
  Statement st = db.prepare("SELECT id, version, data FROM catalog_items WHERE kind = ?1 AND deleted = 0 ORDER BY id");
  st.bind(1, kind);
  std::vector<CatalogEntry> out;
  while (st.step()) out.push_back({std::string(kind), st.column_text(0), st.column_int64(1), false, st.column_text(2)});
  return out;
}

std::optional<CatalogEntry> catalog_item(Database& db, std::string_view kind, std::string_view id) {
  Statement st = db.prepare("SELECT version, data FROM catalog_items WHERE kind = ?1 AND id = ?2 AND deleted = 0");
  st.bind(1, kind).bind(2, id);
  if (!st.step()) return std::nullopt;
  return CatalogEntry{std::string(kind), std::string(id), st.column_int64(0), false, st.column_text(1)};
}

}  // namespace wk::core
