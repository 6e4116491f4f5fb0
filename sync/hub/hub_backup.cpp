// Online backup and restore of the hub database (see hub_backup.hpp).
#include "sync/hub/hub_backup.hpp"

#include <sqlite3.h>

#include <stdexcept>

#include "kiosk/core/database.hpp"
#include "kiosk/core/private_files.hpp"
#include "sync/hub/hub_store.hpp"

namespace wk::hub {
namespace {

namespace fs = std::filesystem;
using wk::core::Database;
using wk::core::Statement;

std::int64_t scalar(Database& db, const char* sql) {
  Statement st = db.prepare(sql);
  return st.step() ? st.column_int64(0) : 0;
}

// Copies all of `from` into `to` in one step: one read transaction, so one consistent snapshot
// even while a hub writes (WAL readers do not block the writer).
void copy_database(Database& from, Database& to, const fs::path& target) {
  sqlite3_backup* b = sqlite3_backup_init(to.handle(), "main", from.handle(), "main");
  if (b == nullptr)
    throw std::runtime_error("cannot start the copy to " + target.string() + ": " + sqlite3_errmsg(to.handle()));
  int rc = SQLITE_OK;
  for (int attempt = 0; attempt < 200; ++attempt) {
    rc = sqlite3_backup_step(b, -1);
    if (rc != SQLITE_BUSY && rc != SQLITE_LOCKED) break;
    sqlite3_sleep(50);
  }
  sqlite3_backup_finish(b);
  if (rc != SQLITE_DONE) throw std::runtime_error("copying to " + target.string() + " failed: " + sqlite3_errstr(rc));
}

// A hub database, intact; its summary. Throws std::runtime_error naming `file` and the problem.
BackupSummary check_hub_copy(const fs::path& file) {
  Database db = Database::open(file.string(), SQLITE_OPEN_READONLY);
  const wk::core::DatabaseCheck check = wk::core::check_database(db);
  if (check.result != wk::core::DatabaseCheck::Result::ok)
    throw std::runtime_error(file.string() + " is damaged or not a database: " + check.detail);
  if (scalar(db, "PRAGMA application_id") != HubStore::application_id())
    throw std::runtime_error(file.string() + " is not a welcome-hub database");
  BackupSummary s;
  s.schema_version = static_cast<int>(scalar(db, "PRAGMA user_version"));
  if (s.schema_version > HubStore::latest_schema_version())
    throw std::runtime_error(file.string() + " has hub schema version " + std::to_string(s.schema_version) +
                             ", newer than this welcome-hub supports (" +
                             std::to_string(HubStore::latest_schema_version()) + ")");
  Statement id = db.prepare("SELECT value FROM hub_meta WHERE key = 'instance_id'");
  if (!id.step()) throw std::runtime_error(file.string() + " has no instance id: not a whole hub database");
  s.instance_id = id.column_text(0);
  s.terminals = scalar(db, "SELECT count(*) FROM terminals");
  s.registrations = scalar(db, "SELECT count(*) FROM registrations");
  s.catalog_items = scalar(db, "SELECT count(*) FROM catalog_items WHERE deleted = 0");
  std::error_code ec;
  s.bytes = static_cast<std::int64_t>(fs::file_size(file, ec));
  return s;
}

// Copies the database `from` into `to`, a new file (0600), runs `finish_sql` on the copy and
// checks it. A file this created is removed when anything fails; one it did not create is never
// touched.
BackupSummary copy_checked(const fs::path& from, const fs::path& to, const char* finish_sql) {
  bool created = false;
  try {
    Database source = Database::open(from.string(), SQLITE_OPEN_READONLY);
    sqlite3_busy_timeout(source.handle(), 5000);
    wk::core::write_new_file(to, "", 0600);
    created = true;
    {
      Database target = Database::open(to.string(), SQLITE_OPEN_READWRITE);
      copy_database(source, target, to);
      target.exec(finish_sql);
    }
    return check_hub_copy(to);
  } catch (...) {
    std::error_code ec;
    if (created) fs::remove(to, ec);
    throw;
  }
}

}  // namespace

BackupSummary backup_hub(const fs::path& db, const fs::path& out) {
  std::error_code ec;
  if (!fs::exists(db, ec)) throw std::runtime_error("no hub database at " + db.string());
  if (fs::exists(out, ec)) throw std::runtime_error(out.string() + " exists; a backup is never written over a file");
  // The copy stands alone: one file, no -wal beside it.
  return copy_checked(db, out, "PRAGMA journal_mode=DELETE");
}

BackupSummary restore_hub(const fs::path& backup, const fs::path& db) {
  std::error_code ec;
  if (fs::exists(db, ec))
    throw std::runtime_error(db.string() +
                             " exists: stop the hub and move the database aside first (a restore "
                             "never writes over one)");
  check_hub_copy(backup);
  // A new identity: terminals' cursors from before name another database now (reset).
  return copy_checked(backup, db, "UPDATE hub_meta SET value = lower(hex(randomblob(8))) WHERE key = 'instance_id'");
}

}  // namespace wk::hub
