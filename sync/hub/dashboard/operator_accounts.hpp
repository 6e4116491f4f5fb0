// The operators who may open the hub's web dashboard, and their signed-in sessions.
//
// A password is kept only as an argon2id string (libsodium, 19 MiB and 2 passes, as the
// terminal's staff PIN) and is never logged. A session is a random 256-bit token the browser
// holds in a cookie; the hub keeps only its SHA-256, with the session's CSRF token (a second
// random 256-bit value every form must send back), its operator, and its times. A session ends
// at sign-out, after kSessionIdle without a request, after kSessionLifetime in all, and when its
// operator is removed.
#pragma once

#include "kiosk/core/database.hpp"

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace wk::hub {

// Hub schema version 11.
extern const std::string_view kOperatorSchema;

using SysTime = std::chrono::system_clock::time_point;

inline constexpr std::size_t kPasswordMinLength = 12;   // bytes of UTF-8
inline constexpr std::size_t kPasswordMaxLength = 256;  // bytes; longer is refused, not cut
inline constexpr std::chrono::minutes kSessionIdle{30};
inline constexpr std::chrono::hours kSessionLifetime{8};

// True if `name` can be an operator name: 1..64 of [A-Za-z0-9._@-].
bool is_operator_name(std::string_view name);
// Why `password` cannot be an operator's password ("must be 12 to 256 bytes", "contains a control
// character"), or nullopt when it can.
std::optional<std::string> password_problem(std::string_view password);

// Adds operator `name` with `password`, or gives an existing one a new password (ending its
// sessions). Throws std::invalid_argument naming the problem (nothing changed), std::runtime_error
// if libsodium cannot hash (out of memory).
void set_operator(wk::core::Database& db, std::string_view name, std::string_view password, SysTime now);
// Removes operator `name` and its sessions; false if there was none.
bool remove_operator(wk::core::Database& db, std::string_view name);

struct OperatorInfo {
  std::string name, created_at, last_login_at;  // last_login_at "" never
};
std::vector<OperatorInfo> list_operators(wk::core::Database& db);

// True if `name` exists and `password` is its password. An unknown name costs the same argon2id
// work as a known one, so the answer's time does not tell which names exist.
bool check_operator_password(wk::core::Database& db, std::string_view name, std::string_view password);

// The same in two steps, so that a server reads the hash under its store's lock and spends the
// argon2id work (tens of milliseconds, 19 MiB) outside it: the stored hash of `name` ("" for none)...
std::string operator_password_hash(wk::core::Database& db, std::string_view name);
// ...and whether `password` matches `hash` ("": checked against a decoy, then false).
bool password_matches(const std::string& hash, std::string_view password);

struct NewSession {
  std::string token;  // for the cookie: 64 hex digits; only its hash is stored
  std::string csrf;   // for the forms: 64 hex digits
};
// Starts a session for operator `name` (who must exist) and notes the login time.
NewSession start_session(wk::core::Database& db, std::string_view name, SysTime now);

struct Session {
  std::string operator_name;
  std::string csrf;
};
// The live session of cookie value `token` at `now` (its idle time restarts), or nullopt: unknown,
// malformed, idle too long or too old (an expired one is deleted).
std::optional<Session> find_session(wk::core::Database& db, std::string_view token, SysTime now);
// Ends the session of `token` (nothing if none).
void end_session(wk::core::Database& db, std::string_view token);

}  // namespace wk::hub
