// What the terminal remembers about syncing with the hub, shared by the kiosk's sync worker and
// welcome-sync (the nightly service) through the database: when the last run started and when
// one last succeeded, the last error, and whether the hub refused this terminal's token.
#pragma once

#include "kiosk/core/database.hpp"

#include <cstdint>
#include <string>
#include <string_view>

namespace wk::core {

struct SyncState {
  std::string last_attempt_at;   // ISO 8601 UTC; "" if never
  std::string last_success_at;   // ISO 8601 UTC of the last run that pushed and pulled everything
  std::string last_error;        // for staff and logs; "" after a success
  std::string auth_refused_at;   // set when the hub answered 401; cleared by the next success
  std::string refused_token_id;  // sha-256 of the refused token with terminal id and hub URL (never the token)
};

// Reads the state (missing keys read as "").
SyncState load_sync_state(Database& db);

// Writes one key of the state. `key` is one of last_attempt_at, last_success_at, last_error,
// auth_refused_at, refused_token_id (else std::invalid_argument). An empty value removes the key.
void set_sync_state(Database& db, std::string_view key, std::string_view value);

}  // namespace wk::core
