// Operator accounts and dashboard sessions (operator_accounts.hpp) in the hub database.
#include "sync/hub/dashboard/operator_accounts.hpp"

#include "kiosk/core/random.hpp"
#include "kiosk/core/sha256.hpp"
#include "kiosk/core/time.hpp"

#include <sodium.h>

#include <stdexcept>

namespace wk::hub {

using wk::core::Database;
using wk::core::Statement;

const std::string_view kOperatorSchema = R"sql(
CREATE TABLE operators (
    name           TEXT PRIMARY KEY NOT NULL,
    password_hash  TEXT NOT NULL,
    created_at     TEXT NOT NULL,
    last_login_at  TEXT
);
CREATE TABLE operator_sessions (
    token_hash     TEXT PRIMARY KEY NOT NULL,
    operator_name  TEXT NOT NULL REFERENCES operators (name) ON DELETE CASCADE,
    csrf           TEXT NOT NULL,
    created_at     TEXT NOT NULL,
    last_used_at   TEXT NOT NULL
);
CREATE INDEX operator_sessions_operator ON operator_sessions (operator_name);
)sql";

namespace {

constexpr unsigned long long kPasses = 2;
constexpr std::size_t kMemoryBytes = 19u << 20;

void init_sodium() {
  if (sodium_init() < 0) throw std::runtime_error("libsodium cannot be initialised");
}

std::string hash_password(std::string_view password) {
  init_sodium();
  char hash[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(hash, password.data(), password.size(), kPasses, kMemoryBytes,
                            crypto_pwhash_ALG_ARGON2ID13) != 0)
    throw std::runtime_error("cannot hash the password (out of memory)");
  return hash;
}

// A hash of a password nobody knows, checked for unknown names so they cost the same time.
const std::string& decoy_hash() {
  static const std::string hash = hash_password("decoy password that is never accepted");
  return hash;
}

bool is_token(std::string_view token) {
  if (token.size() != 64) return false;
  for (char c : token)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  return true;
}

}  // namespace

bool is_operator_name(std::string_view name) {
  if (name.empty() || name.size() > 64) return false;
  for (char c : name) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
                    c == '_' || c == '@' || c == '-';
    if (!ok) return false;
  }
  return true;
}

std::optional<std::string> password_problem(std::string_view password) {
  if (password.size() < kPasswordMinLength || password.size() > kPasswordMaxLength)
    return "must be " + std::to_string(kPasswordMinLength) + " to " + std::to_string(kPasswordMaxLength) + " bytes";
  for (unsigned char c : password)
    if (c < 0x20 || c == 0x7f) return "contains a control character";
  return std::nullopt;
}

void set_operator(Database& db, std::string_view name, std::string_view password, SysTime now) {
  if (!is_operator_name(name))
    throw std::invalid_argument("operator name \"" + std::string(name.substr(0, 64)) +
                                "\": expected 1 to 64 of A-Z a-z 0-9 . _ @ -");
  if (const auto problem = password_problem(password)) throw std::invalid_argument("password " + *problem);
  const std::string hash = hash_password(password);
  wk::core::Transaction tx(db);
  Statement st = db.prepare(
      "INSERT INTO operators (name, password_hash, created_at) VALUES (?1, ?2, ?3)"
      " ON CONFLICT (name) DO UPDATE SET password_hash = excluded.password_hash");
  st.bind(1, name).bind(2, hash).bind(3, wk::core::to_iso8601(now));
  st.step();
  Statement end = db.prepare("DELETE FROM operator_sessions WHERE operator_name = ?1");
  end.bind(1, name);
  end.step();
  tx.commit();
}

bool remove_operator(Database& db, std::string_view name) {
  wk::core::Transaction tx(db);
  Statement sessions = db.prepare("DELETE FROM operator_sessions WHERE operator_name = ?1");
  sessions.bind(1, name);
  sessions.step();
  Statement st = db.prepare("DELETE FROM operators WHERE name = ?1");
  st.bind(1, name);
  st.step();
  const bool removed = sqlite3_changes(db.handle()) > 0;
  tx.commit();
  return removed;
}

std::vector<OperatorInfo> list_operators(Database& db) {
  std::vector<OperatorInfo> out;
  Statement st = db.prepare("SELECT name, created_at, coalesce(last_login_at, '') FROM operators ORDER BY name");
  while (st.step()) out.push_back({st.column_text(0), st.column_text(1), st.column_text(2)});
  return out;
}

std::string operator_password_hash(Database& db, std::string_view name) {
  if (!is_operator_name(name)) return {};
  Statement st = db.prepare("SELECT password_hash FROM operators WHERE name = ?1");
  st.bind(1, name);
  return st.step() ? st.column_text(0) : std::string();
}

bool check_operator_password(Database& db, std::string_view name, std::string_view password) {
  return password_matches(operator_password_hash(db, name), password);
}

bool password_matches(const std::string& hash, std::string_view password) {
  init_sodium();
  const bool known = !hash.empty() && hash.size() < crypto_pwhash_STRBYTES;
  const std::string& against = known ? hash : decoy_hash();
  const bool right = password.size() <= kPasswordMaxLength &&
                     crypto_pwhash_str_verify(against.c_str(), password.data(), password.size()) == 0;
  return known && right;
}

NewSession start_session(Database& db, std::string_view name, SysTime now) {
  NewSession s{wk::core::random_hex(32), wk::core::random_hex(32)};
  const std::string at = wk::core::to_iso8601(now);
  wk::core::Transaction tx(db);
  Statement st = db.prepare(
      "INSERT INTO operator_sessions (token_hash, operator_name, csrf, created_at, last_used_at)"
      " VALUES (?1, ?2, ?3, ?4, ?4)");
  st.bind(1, wk::core::sha256_hex(s.token)).bind(2, name).bind(3, s.csrf).bind(4, at);
  st.step();
  Statement login = db.prepare("UPDATE operators SET last_login_at = ?2 WHERE name = ?1");
  login.bind(1, name).bind(2, at);
  login.step();
  if (sqlite3_changes(db.handle()) != 1) throw std::invalid_argument("no operator \"" + std::string(name) + "\"");
  tx.commit();
  return s;
}

std::optional<Session> find_session(Database& db, std::string_view token, SysTime now) {
  if (!is_token(token)) return std::nullopt;
  const std::string hash = wk::core::sha256_hex(token);
  Statement st =
      db.prepare("SELECT operator_name, csrf, created_at, last_used_at FROM operator_sessions WHERE token_hash = ?1");
  st.bind(1, hash);
  if (!st.step()) return std::nullopt;
  Session s{st.column_text(0), st.column_text(1)};
  const auto created = wk::core::from_iso8601(st.column_text(2));
  const auto used = wk::core::from_iso8601(st.column_text(3));
  st.reset();
  const bool live = created && used && now - *created < kSessionLifetime && now - *used < kSessionIdle &&
                    *created <= now + std::chrono::minutes(5);
  wk::core::Transaction tx(db);
  Statement write = db.prepare(live ? "UPDATE operator_sessions SET last_used_at = ?2 WHERE token_hash = ?1"
                                    : "DELETE FROM operator_sessions WHERE token_hash = ?1 AND ?2 = ?2");
  write.bind(1, hash).bind(2, wk::core::to_iso8601(now));
  write.step();
  tx.commit();
  if (!live) return std::nullopt;
  return s;
}

void end_session(Database& db, std::string_view token) {
  if (!is_token(token)) return;
  Statement st = db.prepare("DELETE FROM operator_sessions WHERE token_hash = ?1");
  st.bind(1, wk::core::sha256_hex(token));
  st.step();
}

}  // namespace wk::hub
