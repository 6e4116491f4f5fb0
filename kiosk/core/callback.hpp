// Call-back requests at the terminal: a newcomer asks an organisation of the directory to call
// or write back about a topic (sync/protocol/callback_payload.hpp). Stored with one outbox
// change in one transaction, so it reaches the hub exactly once; it leaves the terminal under
// the retention rules of registrations (retention.hpp).
#pragma once

#include <string>
#include <string_view>

#include "kiosk/core/store.hpp"
#include "sync/protocol/callback_payload.hpp"

namespace wk::core {

// What the newcomer gives; the terminal adds id, time and terminal id.
struct CallbackAsk {
  std::string organisation_id, person_id, topic, language;
  std::string name, phone, email, registration_code;  // phone E.164; code canonical
};

// Stores the request and its outbox change; returns it as stored. Throws sync::CallbackError
// (nothing written) when it breaks the payload's rules, SqliteError when the store fails.
sync::CallbackRequest commit_callback(Store& store, const CallbackAsk& ask, std::string_view terminal_id);

}  // namespace wk::core
