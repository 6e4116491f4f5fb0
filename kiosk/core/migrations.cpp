// The schema migrations and the migration runner (see migrations.hpp).
//
// To change the schema, append a Migration with the next version number to kMigrations.
// Never edit a migration that has been released.
#include "kiosk/core/migrations.hpp"

#include "kiosk/core/log.hpp"

#include <array>
#include <stdexcept>
#include <string>

namespace wk::core {
namespace {

// [SECTION] Version 1: anonymous visits, the sync outbox, terminal-local settings.
constexpr std::string_view kSchemaV1 = R"sql(
-- One anonymous kiosk session: no personal data, only when and in which language, so that
-- Welcome Centers can count in aggregate who used the terminal. id is a UUIDv7.
CREATE TABLE visits (
    id          TEXT PRIMARY KEY NOT NULL,
    started_at  TEXT NOT NULL,
    language    TEXT NOT NULL,
    ended_at    TEXT,
    end_reason  TEXT CHECK (end_reason IN ('finished', 'idle')),
    CHECK ((ended_at IS NULL) = (end_reason IS NULL))
);

-- Changes waiting to be pushed to the hub. Written in the same transaction as the change
-- itself; change_id (UUIDv7) is the idempotency key the hub deduplicates on.
CREATE TABLE outbox (
    seq         INTEGER PRIMARY KEY AUTOINCREMENT,
    change_id   TEXT NOT NULL UNIQUE,
    entity      TEXT NOT NULL,
    entity_id   TEXT NOT NULL,
    op          TEXT NOT NULL CHECK (op IN ('insert', 'update', 'delete')),
    payload     TEXT NOT NULL CHECK (json_valid(payload)),
    created_at  TEXT NOT NULL,
    attempts    INTEGER NOT NULL DEFAULT 0,
    acked_at    TEXT
);
CREATE INDEX outbox_pending ON outbox (seq) WHERE acked_at IS NULL;

-- Terminal-local key/value settings.
CREATE TABLE settings (
    key    TEXT PRIMARY KEY NOT NULL,
    value  TEXT NOT NULL
);
)sql";

constexpr std::array kMigrations{
    Migration{1, kSchemaV1},
};

static_assert(
    [] {
      for (std::size_t i = 0; i < kMigrations.size(); ++i) {
        if (kMigrations[i].version != static_cast<int>(i) + 1) return false;
      }
      return true;
    }(),
    "migration versions must be 1, 2, 3, ... without gaps");

}  // namespace

std::span<const Migration> migrations() {
  return kMigrations;
}

int latest_schema_version() {
  return kMigrations.back().version;
}

int schema_version(Database& db) {
  Statement st = db.prepare("PRAGMA user_version");
  st.step();
  return static_cast<int>(st.column_int64(0));
}

void migrate(Database& db) {
  const int latest = latest_schema_version();
  for (;;) {
    Transaction tx(db);
    const int current = schema_version(db);
    if (current > latest) {
      throw std::runtime_error("database schema version " + std::to_string(current) +
                               " is newer than this kiosk supports (" + std::to_string(latest) + ")");
    }
    if (current == latest) return;  // nothing written; the destructor ends the transaction
    const Migration& m = kMigrations[static_cast<std::size_t>(current)];
    db.exec(m.sql);
    db.exec("PRAGMA user_version = " + std::to_string(m.version));
    tx.commit();
    log::info("store", "migrated schema to version " + std::to_string(m.version));
  }
}

}  // namespace wk::core
