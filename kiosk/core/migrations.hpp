// The versioned schema of the kiosk database and the code that brings a file up to date.
//
// The schema version lives in PRAGMA user_version. Migration N turns a version N-1 database
// into a version N database; each one runs in its own transaction together with the
// user_version bump, so a crash leaves the file at a whole version, never in between.
// Migrations are append-only: once released, a migration's SQL never changes — a later
// change is a new migration with the next number.
#pragma once

#include "kiosk/core/database.hpp"

#include <span>
#include <string_view>

namespace wk::core {

struct Migration {
  int version;           // the user_version after this migration (1, 2, 3, ... without gaps)
  std::string_view sql;  // one or more statements
  // The migration rebuilds a table (create, copy, drop, rename): it runs with foreign keys
  // off, so the drop does not cascade, and commits only if PRAGMA foreign_key_check is clean.
  bool rebuilds_tables = false;
};

// All migrations, ordered by version, starting at 1 without gaps.
std::span<const Migration> migrations();

// The schema version this build creates and understands (the last migration's version).
int latest_schema_version();

// The database's PRAGMA user_version (0 for a new, empty file).
int schema_version(Database& db);

// Applies every migration newer than the database's user_version, each in its own
// transaction. Safe to call on an up-to-date database (does nothing) and safe against a
// second process migrating the same file at the same time (the version is re-read under the
// write lock). Must not be called inside an open transaction.
// Throws std::runtime_error if the database is newer than latest_schema_version(), and
// SqliteError if a migration fails (that migration is rolled back; earlier ones stay).
void migrate(Database& db);

}  // namespace wk::core
