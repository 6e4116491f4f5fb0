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

#include <filesystem>
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

class Store {
 public:
  // Opens (or creates) the kiosk database at `file`.
  // A missing parent directory is created with mode 0700 and a missing file with mode 0600.
  // An existing file is verified before anything is written to it: it must be an SQLite
  // database (else StoreError corrupt), pass PRAGMA quick_check (else corrupt) and have a
  // user_version <= latest_schema_version() (else too_new); in these cases the file is left
  // byte-for-byte untouched. Then: busy_timeout 5000 ms, journal_mode=WAL (StoreError io if
  // it cannot be enabled), synchronous=FULL, foreign_keys=ON, secure_delete=ON, and migrate().
  static Store open(const std::filesystem::path& file);

  Store(Store&&) noexcept = default;
  Store& operator=(Store&&) noexcept = default;
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
  Store(Database db, std::filesystem::path path) : db_(std::move(db)), path_(std::move(path)) {}

  Database db_;
  std::filesystem::path path_;
};

}  // namespace wk::core
