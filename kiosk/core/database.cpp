// RAII wrappers over sqlite3 connections, statements and transactions (see database.hpp).
#include "kiosk/core/database.hpp"

#include <utility>

namespace wk::core {
namespace {

constexpr std::size_t kSqlExcerpt = 80;

// The first 80 characters of `sql` on one line, cut at a UTF-8 character boundary.
std::string sql_excerpt(std::string_view sql) {
  std::string out;
  for (char c : sql) {
    const auto u = static_cast<unsigned char>(c);
    out.push_back(u < 0x20 ? ' ' : c);
  }
  if (out.size() > kSqlExcerpt) {
    std::size_t cut = kSqlExcerpt;
    while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xc0) == 0x80) --cut;
    out.resize(cut);
    out += "...";
  }
  return out;
}

// "<errmsg> (code N) in: <sql excerpt>"
std::string describe(std::string_view what, int code, std::string_view sql) {
  std::string msg(what);
  msg += " (code ";
  msg += std::to_string(code);
  msg += ")";
  if (!sql.empty()) {
    msg += " in: ";
    msg += sql_excerpt(sql);
  }
  return msg;
}

std::string errmsg(sqlite3* db, int rc) {
  const char* m = db ? sqlite3_errmsg(db) : nullptr;
  return m ? m : sqlite3_errstr(rc);
}

}  // namespace

SqliteError::SqliteError(int code, const std::string& message) : std::runtime_error(message), code_(code) {}

// [SECTION] Database

Database Database::open(const std::string& path, int flags) {
  sqlite3* db = nullptr;
  const int rc = sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
  if (rc != SQLITE_OK) {
    const int code = db ? sqlite3_extended_errcode(db) : rc;
    std::string msg = "cannot open database " + path + ": " + errmsg(db, rc);
    sqlite3_close_v2(db);
    throw SqliteError(code, describe(msg, code, {}));
  }
  sqlite3_extended_result_codes(db, 1);
  return Database(db);
}

Database::Database(Database&& other) noexcept : db_(std::exchange(other.db_, nullptr)) {}

Database& Database::operator=(Database&& other) noexcept {
  if (this != &other) {
    sqlite3_close_v2(db_);
    db_ = std::exchange(other.db_, nullptr);
  }
  return *this;
}

Database::~Database() {
  sqlite3_close_v2(db_);
}

void Database::exec(std::string_view sql) {
  const std::string text(sql);
  char* err = nullptr;
  const int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &err);
  if (rc != SQLITE_OK) {
    const std::string msg = err ? err : errmsg(db_, rc);
    sqlite3_free(err);
    int code = sqlite3_extended_errcode(db_);
    if (code == SQLITE_OK) code = rc;
    throw SqliteError(code, describe(msg, code, sql));
  }
}

Statement Database::prepare(std::string_view sql) {
  if (sql.empty()) throw SqliteError(SQLITE_MISUSE, describe("no SQL statement", SQLITE_MISUSE, {}));
  sqlite3_stmt* stmt = nullptr;
  const char* tail = nullptr;
  const int rc = sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &stmt, &tail);
  if (rc != SQLITE_OK) {
    const int code = sqlite3_extended_errcode(db_);
    throw SqliteError(code, describe(errmsg(db_, rc), code, sql));
  }
  Statement result(stmt, db_);  // owns stmt from here on
  if (stmt == nullptr) {
    throw SqliteError(SQLITE_MISUSE, describe("no SQL statement", SQLITE_MISUSE, sql));
  }
  for (const char* p = tail; p != nullptr && p < sql.data() + sql.size(); ++p) {
    if (*p != ' ' && *p != '\n' && *p != '\t' && *p != '\r' && *p != ';') {
      throw SqliteError(SQLITE_MISUSE, describe("more than one SQL statement", SQLITE_MISUSE, sql));
    }
  }
  return result;
}

std::int64_t Database::changes() const {
  return sqlite3_changes64(db_);
}

std::int64_t Database::last_insert_rowid() const {
  return sqlite3_last_insert_rowid(db_);
}

bool Database::in_transaction() const {
  return sqlite3_get_autocommit(db_) == 0;
}

// [SECTION] Statement

Statement::Statement(Statement&& other) noexcept
    : stmt_(std::exchange(other.stmt_, nullptr)), db_(std::exchange(other.db_, nullptr)) {}

Statement& Statement::operator=(Statement&& other) noexcept {
  if (this != &other) {
    sqlite3_finalize(stmt_);
    stmt_ = std::exchange(other.stmt_, nullptr);
    db_ = std::exchange(other.db_, nullptr);
  }
  return *this;
}

Statement::~Statement() {
  sqlite3_finalize(stmt_);
}

void Statement::fail(int rc) const {
  int code = sqlite3_extended_errcode(db_);
  if (code == SQLITE_OK) code = rc;
  const char* sql = stmt_ ? sqlite3_sql(stmt_) : nullptr;  // the text as written, no values
  throw SqliteError(code, describe(errmsg(db_, rc), code, sql ? sql : ""));
}

void Statement::check_bind(int rc) const {
  if (rc != SQLITE_OK) fail(rc);
}

Statement& Statement::bind(int idx, std::string_view text) {
  // A non-null pointer even for "" so the value binds as empty TEXT, not NULL.
  const char* data = text.data() ? text.data() : "";
  check_bind(sqlite3_bind_text64(stmt_, idx, data, text.size(), SQLITE_TRANSIENT, SQLITE_UTF8));
  return *this;
}

Statement& Statement::bind(int idx, const char* text) {
  if (text == nullptr) return bind_null(idx);
  return bind(idx, std::string_view(text));
}

Statement& Statement::bind(int idx, std::int64_t value) {
  check_bind(sqlite3_bind_int64(stmt_, idx, value));
  return *this;
}

Statement& Statement::bind(int idx, int value) {
  return bind(idx, static_cast<std::int64_t>(value));
}

Statement& Statement::bind(int idx, double value) {
  check_bind(sqlite3_bind_double(stmt_, idx, value));
  return *this;
}

Statement& Statement::bind_null(int idx) {
  check_bind(sqlite3_bind_null(stmt_, idx));
  return *this;
}

Statement& Statement::bind_or_null(int idx, std::string_view text) {
  return text.empty() ? bind_null(idx) : bind(idx, text);
}

bool Statement::step() {
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  fail(rc);
}

void Statement::reset() noexcept {
  sqlite3_reset(stmt_);
}

std::string Statement::column_text(int col) const {
  const auto* text = sqlite3_column_text(stmt_, col);
  if (text == nullptr) return {};
  const int size = sqlite3_column_bytes(stmt_, col);
  return std::string(reinterpret_cast<const char*>(text), static_cast<std::size_t>(size));
}

std::int64_t Statement::column_int64(int col) const {
  return sqlite3_column_int64(stmt_, col);
}

double Statement::column_double(int col) const {
  return sqlite3_column_double(stmt_, col);
}

bool Statement::column_is_null(int col) const {
  return sqlite3_column_type(stmt_, col) == SQLITE_NULL;
}

// [SECTION] Transaction

Transaction::Transaction(Database& db) : db_(db) {
  db_.exec("BEGIN IMMEDIATE");
}

Transaction::~Transaction() {
  // SQLite may already have rolled back on its own (e.g. SQLITE_FULL, SQLITE_IOERR);
  // then there is nothing left to undo.
  if (!committed_ && db_.in_transaction()) {
    sqlite3_exec(db_.handle(), "ROLLBACK", nullptr, nullptr, nullptr);
  }
}

void Transaction::commit() {
  db_.exec("COMMIT");
  committed_ = true;
}

}  // namespace wk::core
