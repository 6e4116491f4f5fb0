// Opening, verifying and configuring the kiosk database file (see store.hpp).
#include "kiosk/core/store.hpp"

#include "kiosk/core/log.hpp"
#include "kiosk/core/migrations.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace wk::core {
namespace {

namespace fs = std::filesystem;
using Kind = StoreError::Kind;

std::string errno_text(int err) {
  return std::strerror(err);
}

// Creates `dir` and any missing ancestors with mode 0700 (mkdir's mode, so the process
// umask can only tighten it). Existing directories are left as they are.
void create_private_directories(const fs::path& dir) {
  if (dir.empty()) return;
  std::error_code ec;
  if (fs::is_directory(dir, ec)) return;
  create_private_directories(dir.parent_path());
  if (::mkdir(dir.c_str(), 0700) != 0 && errno != EEXIST) {
    const int err = errno;
    throw StoreError(Kind::cannot_open, "cannot create directory " + dir.string() + ": " + errno_text(err));
  }
}

// Creates `file` empty with mode 0600 if it does not exist (an empty file is a valid, empty
// SQLite database). An existing file is not touched. SQLite later creates the -wal and -shm
// files with the database file's permissions.
void create_private_file(const fs::path& file) {
  const int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd >= 0) {
    ::close(fd);
    log::info("store", "created database file " + file.string());
    return;
  }
  if (errno == EEXIST) {
    struct stat st {};
    if (::stat(file.c_str(), &st) == 0 && (st.st_mode & 0077) != 0) {
      log::warn("store", file.string() + " is readable by other users; it should be mode 0600");
    }
    return;
  }
  const int err = errno;
  throw StoreError(Kind::cannot_open, "cannot create " + file.string() + ": " + errno_text(err));
}

std::string untouched_corrupt(const fs::path& file, std::string_view why) {
  return file.string() + " is not a valid kiosk database (" + std::string(why) +
         "); it was left untouched — move it aside or restore a backup";
}

// Read-only checks, in order: is it a database at all, is it intact, is it too new.
void verify(Database& db, const fs::path& file) {
  try {
    Statement st = db.prepare("SELECT count(*) FROM sqlite_master");
    st.step();
  } catch (const SqliteError& e) {
    const int primary = e.primary_code();
    if (primary == SQLITE_NOTADB || primary == SQLITE_CORRUPT || primary == SQLITE_FORMAT) {
      throw StoreError(Kind::corrupt, untouched_corrupt(file, sqlite3_errstr(primary)));
    }
    throw StoreError(Kind::cannot_open, "cannot read " + file.string() + ": " + e.what());
  }

  std::string verdict;
  try {
    Statement st = db.prepare("PRAGMA quick_check(1)");
    if (st.step()) verdict = st.column_text(0);
  } catch (const SqliteError& e) {
    if (e.primary_code() == SQLITE_CORRUPT || e.primary_code() == SQLITE_NOTADB) {
      throw StoreError(Kind::corrupt, untouched_corrupt(file, sqlite3_errstr(e.primary_code())));
    }
    throw StoreError(Kind::io, "cannot check " + file.string() + ": " + e.what());
  }
  if (verdict != "ok") {
    throw StoreError(Kind::corrupt, untouched_corrupt(file, "integrity check failed: " + verdict.substr(0, 200)));
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

Store Store::open(const fs::path& file) {
  create_private_directories(file.parent_path());
  create_private_file(file);

  Database db = [&] {
    try {
      return Database::open(file.string(), SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    } catch (const SqliteError& e) {
      throw StoreError(Kind::cannot_open, e.what());
    }
  }();
  // A connection setting, not a write: lets verification wait out another process's lock.
  sqlite3_busy_timeout(db.handle(), 5000);

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
  return Store(std::move(db), file);
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
