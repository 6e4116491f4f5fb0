// A thin RAII layer over the SQLite C API: one connection (Database), one prepared
// statement (Statement), one write transaction (Transaction), and the exception that
// carries SQLite's result code (SqliteError).
//
// Ownership is the whole point: a connection is closed, a statement finalized and an
// uncommitted transaction rolled back on every path out of a scope, including exceptions.
// Error messages carry SQLite's own text and at most the first 80 characters of the SQL,
// never bound values — bound values may be personal data and messages end up in logs.
//
// A Database is used by one thread at a time (the UI thread and the sync worker each own one).
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

namespace wk::core {

// A failed SQLite call. code() is the extended result code (e.g. SQLITE_CONSTRAINT_UNIQUE);
// primary_code() strips it to the primary code (SQLITE_CONSTRAINT).
class SqliteError : public std::runtime_error {
 public:
  SqliteError(int code, const std::string& message);
  int code() const noexcept { return code_; }
  int primary_code() const noexcept { return code_ & 0xff; }

 private:
  int code_;
};

class Statement;

// One open SQLite connection with extended result codes enabled. Move-only; closes on destruction.
class Database {
 public:
  // Opens `path` with sqlite3_open_v2 `flags` (e.g. SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
  // ":memory:" works). Opening is lazy in SQLite: the file is not read or written until the
  // first statement runs. Throws SqliteError if the connection cannot be created.
  static Database open(const std::string& path, int flags);

  Database(Database&& other) noexcept;
  Database& operator=(Database&& other) noexcept;
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;
  ~Database();

  // Runs one or more SQL statements that need no bound values and return no rows the
  // caller cares about. Throws SqliteError.
  void exec(std::string_view sql);

  // Compiles exactly one statement. Throws SqliteError (SQLITE_MISUSE if `sql` holds no
  // statement or more than one).
  Statement prepare(std::string_view sql);

  // Rows changed by the most recent INSERT/UPDATE/DELETE on this connection.
  std::int64_t changes() const;

  // Rowid of the most recent successful INSERT on this connection.
  std::int64_t last_insert_rowid() const;

  // True while an explicit transaction (BEGIN ...) is open on this connection.
  bool in_transaction() const;

  // The raw handle, for SQLite calls this wrapper does not cover. Still owned by Database.
  sqlite3* handle() const noexcept { return db_; }

 private:
  explicit Database(sqlite3* db) noexcept : db_(db) {}
  sqlite3* db_ = nullptr;
};

// One prepared statement. Move-only; finalized on destruction. Parameter indices start
// at 1 (as in SQLite), column indices at 0.
class Statement {
 public:
  Statement(Statement&& other) noexcept;
  Statement& operator=(Statement&& other) noexcept;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  ~Statement();

  // Bind a value to parameter `idx` (1-based); text is copied. Throws SqliteError
  // (e.g. SQLITE_RANGE for a bad index). Returns *this for chaining.
  Statement& bind(int idx, std::string_view text);
  Statement& bind(int idx, const char* text);
  Statement& bind(int idx, std::int64_t value);
  Statement& bind(int idx, int value);
  Statement& bind(int idx, double value);
  Statement& bind_null(int idx);
  // Text, or NULL for "" (optional fields store "not given" as NULL).
  Statement& bind_or_null(int idx, std::string_view text);

  // Advances: true while a row is available, false once the statement is done.
  // Throws SqliteError on any error (the statement must then be reset() before reuse).
  bool step();

  // Rewinds for another execution; bindings are kept. Never throws (errors were already
  // reported by step()).
  void reset() noexcept;

  // Column values of the current row (valid only after step() returned true).
  // column_text returns "" for NULL; column_int64/column_double return 0 for NULL.
  std::string column_text(int col) const;
  std::int64_t column_int64(int col) const;
  double column_double(int col) const;
  bool column_is_null(int col) const;

 private:
  friend class Database;
  Statement(sqlite3_stmt* stmt, sqlite3* db) noexcept : stmt_(stmt), db_(db) {}
  [[noreturn]] void fail(int rc) const;
  void check_bind(int rc) const;

  sqlite3_stmt* stmt_ = nullptr;
  sqlite3* db_ = nullptr;
};

// A write transaction: BEGIN IMMEDIATE on construction (so the write lock is taken up front
// and busy_timeout applies there, not at some later statement), COMMIT on commit(),
// ROLLBACK on destruction unless committed. Not movable: it lives in one scope.
class Transaction {
 public:
  // Throws SqliteError if the transaction cannot begin (e.g. SQLITE_BUSY after busy_timeout,
  // or a transaction is already open on this connection).
  explicit Transaction(Database& db);
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  // Rolls back unless committed. Never throws.
  ~Transaction();

  // Makes the changes durable. Throws SqliteError if COMMIT fails; the transaction is then
  // still rolled back by the destructor.
  void commit();

 private:
  Database& db_;
  bool committed_ = false;
};

}  // namespace wk::core
