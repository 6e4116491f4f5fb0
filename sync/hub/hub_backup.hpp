// Backing up and restoring the hub's database while terminals keep syncing.
//
// A backup is SQLite's online backup of one consistent snapshot: a serving hub goes on writing
// (WAL), and the copy holds everything committed before it began. A restore writes a checked
// backup to a path where no database is (the hub stopped, the old file moved aside) and gives
// it a new instance id: every terminal's catalog cursor then names another database, so its next
// pull starts from the beginning and drops what the restored hub no longer has (PROTOCOL.md,
// "reset").
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>

namespace wk::hub {

struct BackupSummary {
  std::string instance_id;
  int schema_version = 0;
  std::int64_t terminals = 0;
  std::int64_t registrations = 0;
  std::int64_t catalog_items = 0;
  std::int64_t bytes = 0;
};

// Copies the hub database `db` to `out`, a new file (mode 0600; never over an existing one),
// then checks the copy (integrity, a hub database). Throws std::runtime_error naming what failed;
// a partial copy is removed.
BackupSummary backup_hub(const std::filesystem::path& db, const std::filesystem::path& out);

// Checks `backup` (intact, a hub database this welcome-hub can open) and writes it to `db`,
// which must not exist, with a new instance id. Throws std::runtime_error naming what failed;
// nothing is left at `db` then.
BackupSummary restore_hub(const std::filesystem::path& backup, const std::filesystem::path& db);

}  // namespace wk::hub
