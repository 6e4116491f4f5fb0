// Opening, verifying and configuring the kiosk database file (see store.hpp).
#include "kiosk/core/store.hpp"

#include "kiosk/core/private_files.hpp"

#include "kiosk/core/log.hpp"
#include "kiosk/core/migrations.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <mutex>
#include <thread>

namespace wk::core {
namespace {

namespace fs = std::filesystem;
using Kind = StoreError::Kind;

// The directory and file of the database, private (private_files.hpp), failures as this store's errors.
void create_private_database_file(const fs::path& file) {
  try {
    create_private_directories(file.parent_path());
    create_private_file(file, "store");
  } catch (const PrivateFileError& e) {
    throw StoreError(Kind::cannot_open, e.what());
  }
}

std::string untouched_corrupt(const fs::path& file, std::string_view why) {
  return file.string() + " is not a valid kiosk database (" + std::string(why) +
         "); it was left untouched — move it aside or restore a backup";
}

// Read-only checks, in order: is it a database at all, is it intact, is it too new.
void verify(Database& db, const fs::path& file) {
  using R = DatabaseCheck::Result;
  const DatabaseCheck check = check_database(db);
  switch (check.result) {
    case R::ok:
      break;
    case R::not_sqlite:
    case R::failed_check:
      throw StoreError(Kind::corrupt, untouched_corrupt(file, check.detail));
    case R::unreadable:
      throw StoreError(Kind::cannot_open, "cannot read " + file.string() + ": " + check.detail);
    case R::check_error:
      throw StoreError(Kind::io, "cannot check " + file.string() + ": " + check.detail);
  }

  const int version = schema_version(db);
  const int latest = latest_schema_version();
  if (version > latest) {
    throw StoreError(Kind::too_new, file.string() + " has schema version " + std::to_string(version) +
                                        ", newer than this kiosk supports (" + std::to_string(latest) +
                                        "); it was left untouched — update the kiosk software");
  }
}

std::string first_text(Database& db, const std::string& sql) {
  Statement st = db.prepare(sql);
  return st.step() ? st.column_text(0) : std::string();
}

}  // namespace

// The waits of one connection, kept by its busy handler (SQLite calls it on the thread that runs
// the statement; lock_waits() may be called from another).
struct Store::BusyState {
  using Clock = std::chrono::steady_clock;
  std::chrono::milliseconds limit{5000};
  Clock::time_point started;  // of the current wait
  double counted_ms = 0;      // of the current wait, already in waits.total_ms
  mutable std::mutex mutex;
  LockWaits waits;

  // SQLite's busy handler: `count` is 0 at a statement's first try. Nonzero: try again.
  static int handle(void* self, int count) {
    auto& s = *static_cast<BusyState*>(self);
    const auto now = Clock::now();
    if (count == 0) {
      s.started = now;
      s.counted_ms = 0;
    }
    const double waited = std::chrono::duration<double, std::milli>(now - s.started).count();
    {
      std::lock_guard lock(s.mutex);
      if (count == 0) ++s.waits.waits;
      s.waits.total_ms += waited - s.counted_ms;
      s.waits.max_ms = std::max(s.waits.max_ms, waited);
      s.counted_ms = waited;
      if (now - s.started >= s.limit) {
        ++s.waits.gave_up;
        return 0;
      }
    }
    // Short sleeps first: most locks are held for a few milliseconds.
    std::this_thread::sleep_for(std::chrono::microseconds(count < 10 ? 500 : 2000));
    return 1;
  }
};

Store::Store(Database db, std::filesystem::path path, std::unique_ptr<BusyState> busy)
    : busy_(std::move(busy)), db_(std::move(db)), path_(std::move(path)) {}

Store::Store(Store&&) noexcept = default;
Store& Store::operator=(Store&&) noexcept = default;
Store::~Store() = default;

void Store::leave_checkpoints_to_others() {
  db_.exec("PRAGMA wal_autocheckpoint=0");
}

LockWaits Store::lock_waits() const {
  std::lock_guard lock(busy_->mutex);
  return busy_->waits;
}

Store Store::open(const fs::path& file, Connection use) {
  create_private_database_file(file);

  Database db = [&] {
    try {
      return Database::open(file.string(), SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    } catch (const SqliteError& e) {
      throw StoreError(Kind::cannot_open, e.what());
    }
  }();
  // A connection setting, not a write: lets verification wait out another process's lock.
  auto busy = std::make_unique<BusyState>();
  sqlite3_busy_handler(db.handle(), &BusyState::handle, busy.get());

  verify(db, file);

  try {
    const std::string mode = first_text(db, "PRAGMA journal_mode=WAL");
    if (mode != "wal") {
      throw StoreError(Kind::io, "cannot enable WAL mode on " + file.string() + " (journal_mode is \"" + mode + "\")");
    }
    db.exec("PRAGMA synchronous=FULL");
    db.exec("PRAGMA foreign_keys=ON");
    // Deleted personal data is overwritten in the file, not just unlinked (retention.hpp).
    db.exec("PRAGMA secure_delete=ON");
    migrate(db);
  } catch (const StoreError&) {
    throw;
  } catch (const std::exception& e) {
    throw StoreError(Kind::io, "cannot prepare " + file.string() + ": " + e.what());
  }

  log::info("store", "opened " + file.string() + " at schema version " + std::to_string(schema_version(db)));
  if (use == Connection::ui) busy->limit = kUiLockWait;
  return Store(std::move(db), file, std::move(busy));
}

std::string Store::pragma_text(std::string_view name) {
  if (name.empty()) throw std::invalid_argument("pragma name is empty");
  for (char c : name) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    if (!ok) throw std::invalid_argument("pragma name must be a bare identifier");
  }
  return first_text(db_, "PRAGMA " + std::string(name));
}

}  // namespace wk::core
