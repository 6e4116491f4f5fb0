// Reading and writing the sync state keys (see sync_state.hpp).
#include "kiosk/core/sync_state.hpp"

#include <array>
#include <stdexcept>

namespace wk::core {
namespace {

constexpr std::array<std::string_view, 5> kKeys{"last_attempt_at", "last_success_at", "last_error", "auth_refused_at",
                                                "refused_token_id"};

}  // namespace

SyncState load_sync_state(Database& db) {
  SyncState s;
  Statement st = db.prepare("SELECT key, value FROM sync_state");
  while (st.step()) {
    const std::string key = st.column_text(0);
    std::string value = st.column_text(1);
    if (key == "last_attempt_at")
      s.last_attempt_at = std::move(value);
    else if (key == "last_success_at")
      s.last_success_at = std::move(value);
    else if (key == "last_error")
      s.last_error = std::move(value);
    else if (key == "auth_refused_at")
      s.auth_refused_at = std::move(value);
    else if (key == "refused_token_id")
      s.refused_token_id = std::move(value);
  }
  return s;
}

void set_sync_state(Database& db, std::string_view key, std::string_view value) {
  bool known = false;
  for (std::string_view k : kKeys) known = known || k == key;
  if (!known) throw std::invalid_argument("unknown sync state key \"" + std::string(key) + "\"");
  if (value.empty()) {
    Statement st = db.prepare("DELETE FROM sync_state WHERE key = ?1");
    st.bind(1, key);
    st.step();
    return;
  }
  Statement st = db.prepare(
      "INSERT INTO sync_state (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value");
  st.bind(1, key).bind(2, value);
  st.step();
}

}  // namespace wk::core
