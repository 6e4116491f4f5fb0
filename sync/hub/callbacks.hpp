// Call-back requests at the hub (sync/protocol/callback_payload.hpp): applied once per change,
// listed per organisation for the services that call back (`welcome-hub export callbacks`), and
// deleted a configurable time after their export, as registrations are.
#pragma once

#include <cstdint>
#include <ostream>
#include <string>
#include <vector>
#include <string_view>

#include "kiosk/core/database.hpp"
#include "sync/protocol/callback_payload.hpp"

namespace wk::hub {

// Hub schema version 8: the requests as received (payload as the schema's writer writes it).
extern const std::string_view kCallbackSchema;

// Stores the request of change `entity_id` pushed by `terminal_id`. Throws
// sync::CallbackError for a payload the schema refuses (topic unknown included) and
// std::invalid_argument when the request was received before.
void apply_callback(wk::core::Database& db, std::string_view terminal_id, std::string_view entity_id,
                    const nlohmann::json& payload, const std::string& received_at);

enum class CallbackFormat { csv, ndjson };

// Writes the requests held, by organisation (id order) and then in order of receipt; only
// those of `organisation_id` unless it is "". Each line carries the organisation's name as the
// directory gives it and, for a request made with a registration code, the contact way chosen
// at that registration while the hub still holds it. Returns how many; `last_seq` gets the
// highest receipt number written (for marking them exported).
std::int64_t write_callbacks(wk::core::Database& db, CallbackFormat format, std::string_view organisation_id,
                             std::ostream& out, std::int64_t* last_seq);

// The requests not exported yet (the services have not taken them), per organisation: how many
// and the oldest one's receipt time, in organisation order.
struct OpenCallbacks {
  std::string organisation_id;
  std::int64_t open = 0;
  std::string oldest_received_at;
};
std::vector<OpenCallbacks> open_callbacks(wk::core::Database& db);

}  // namespace wk::hub
