// Files that hold personal data or secrets (the kiosk's and the hub's databases, tokens):
// created readable by their owner only, and a warning when an existing one is not. One
// implementation for kiosk and hub; also how both check that a database file they opened is a
// healthy SQLite database before they touch it.
#pragma once

#include <filesystem>
#include <stdexcept>
#include <string>
#include <string_view>

#include "kiosk/core/database.hpp"

namespace wk::core {

// A directory or file that could not be created; what() names it and the system's reason.
class PrivateFileError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Creates `dir` and any missing ancestors with mode 0700 (mkdir's mode, so the umask can only
// tighten it). Existing directories are left as they are. Throws PrivateFileError.
void create_private_directories(const std::filesystem::path& dir);

// Creates `file` empty with mode 0600 if it does not exist and returns true (an empty file is a
// valid, empty SQLite database; SQLite later creates -wal and -shm with its permissions). An
// existing file is not touched: false, and a warning under `log_component` when group or others
// may read it. Throws PrivateFileError.
bool create_private_file(const std::filesystem::path& file, std::string_view log_component);

// Writes `contents` to `file`, which must not exist yet (O_EXCL), with `mode`, and syncs it to
// disk. Throws PrivateFileError naming the file and the reason; a file it began is removed.
void write_new_file(const std::filesystem::path& file, std::string_view contents, unsigned mode = 0600);

// Replaces `file` (or creates it) with `contents` and `mode` all at once: a readers sees the old
// or the new file, never a part; a crash leaves one of the two. Throws PrivateFileError.
void replace_file(const std::filesystem::path& file, std::string_view contents, unsigned mode);

// What a read-only look at an opened SQLite file found.
struct DatabaseCheck {
  enum class Result {
    ok,
    not_sqlite,    // the first read failed with NOTADB, CORRUPT or FORMAT
    unreadable,    // the first read failed otherwise (permissions, I/O)
    failed_check,  // quick_check reported damage or failed with CORRUPT/NOTADB
    check_error,   // quick_check could not run for another reason (I/O)
  };
  Result result = Result::ok;
  std::string detail;        // SQLite's words for it, or the check's verdict (at most 200 characters)
  std::int64_t objects = 0;  // entries in sqlite_master (0: an empty file)
};

// Reads sqlite_master and runs PRAGMA quick_check(1); never writes.
DatabaseCheck check_database(Database& db);

}  // namespace wk::core
