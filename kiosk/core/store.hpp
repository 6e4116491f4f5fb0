// The kiosk's local database file: opening it safely, keeping it private, and running
// work in transactions.
//
// The file is the truth for everything entered on this terminal, so opening is careful:
// nothing is written to an existing file before it has been verified to be a healthy kiosk
// database of a schema version this build understands. A file that fails verification is
// left exactly as it was, for a human to move aside or restore — the kiosk never "repairs"
// by recreating it. Only then is the connection configured (WAL, synchronous=FULL,
// foreign keys) and the schema migrated.
#pragma once

#include "kiosk/core/database.hpp"

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

namespace wk::core {

// Why a store could not be opened. The message is meant for an operator: it names the file,
// says what is wrong, and what to do.
class StoreError : public std::runtime_error {
 public:
  enum class Kind {
    cannot_open,  // the file or its directory could not be created or opened
    corrupt,      // not an SQLite database, or it failed PRAGMA quick_check
    too_new,      // schema version newer than this build supports
    io,           // configuring or migrating the database failed
  };
  StoreError(Kind kind, const std::string& message) : std::runtime_error(message), kind_(kind) {}
  Kind kind() const noexcept { return kind_; }

 private:
  Kind kind_;
};

// Who a connection serves. The UI thread's connection must never hold a frame on another
// connection's lock: it waits at most kUiLockWait for one (then the statement fails with
// SQLITE_BUSY, the transaction rolls back and the caller keeps its input, as for any storage
// error). Background connections (the sync worker, welcome-sync, command lines) wait up to 5 s.
enum class Connection { background, ui };
inline constexpr std::chrono::milliseconds kUiLockWait{40};

// How long this connection has waited for other connections' locks since it was opened.
struct LockWaits {
  std::uint64_t waits = 0;    // statements that found the database locked
  std::uint64_t gave_up = 0;  // of these, the ones that stopped waiting (SQLITE_BUSY)
  double max_ms = 0;          // the longest single wait
  double total_ms = 0;
};

class Store {
 public:
  // Opens (or creates) the kiosk database at `file`.
  // A missing parent directory is created with mode 0700 and a missing file with mode 0600.
  // An existing file is verified before anything is written to it: it must be an SQLite
  // database (else StoreError corrupt), pass PRAGMA quick_check (else corrupt) and have a
  // user_version <= latest_schema_version() (else too_new); in these cases the file is left
  // byte-for-byte untouched. Then: waits for locks as `use` says, journal_mode=WAL (StoreError io if
  // it cannot be enabled), synchronous=FULL, foreign_keys=ON, secure_delete=ON, and migrate().
  // `use`: see Connection (verification and migration at open always wait up to 5 s).
  static Store open(const std::filesystem::path& file, Connection use = Connection::background);

  // This connection never checkpoints the WAL itself (wal_autocheckpoint=0): another
  // connection of the process, the sync worker's, does (PASSIVE; retention's TRUNCATE). For
  // the UI connection while a worker runs, so that no commit of a frame copies WAL pages.
  void leave_checkpoints_to_others();

  LockWaits lock_waits() const;

  Store(Store&&) noexcept;
  Store& operator=(Store&&) noexcept;
  ~Store();
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  Database& db() noexcept { return db_; }
  const std::filesystem::path& path() const noexcept { return path_; }

  // The first column of the first row of "PRAGMA <name>" as text ("" if no row).
  // `name` must be a bare identifier (letters, digits, '_'); else std::invalid_argument.
  std::string pragma_text(std::string_view name);

  // Runs f(db()) inside a Transaction and commits, returning whatever f returns.
  // If f throws, the transaction is rolled back and the exception propagates.
  template <class F>
  auto transact(F&& f) -> std::invoke_result_t<F&&, Database&> {
    using Result = std::invoke_result_t<F&&, Database&>;
    Transaction tx(db_);
    if constexpr (std::is_void_v<Result>) {
      std::forward<F>(f)(db_);
      tx.commit();
    } else {
      Result result = std::forward<F>(f)(db_);
      tx.commit();
      return result;
    }
  }

 private:
  struct BusyState;
  Store(Database db, std::filesystem::path path, std::unique_ptr<BusyState> busy);

  std::unique_ptr<BusyState> busy_;  // before db_: the connection's busy handler points at it
  Database db_;
  std::filesystem::path path_;
};

}  // namespace wk::core
