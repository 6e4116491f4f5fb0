// The terminals' audit logs at the hub (sync/protocol/audit_payload.hpp): each terminal's staff
// actions, kept in order and checked link by link as they arrive, so the region's coordination
// sees what staff did at every terminal, and an entry a terminal changed after pushing its
// successor is refused rather than stored.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/core/database.hpp"
#include "sync/protocol/audit_payload.hpp"

namespace wk::hub {

// Hub schema version 9.
extern const std::string_view kAuditSchema;

// Stores entry `payload` of `terminal_id`. Throws sync::AuditError for a payload the protocol
// refuses, for a seq received before, or for a prev_hash that is not the hash of the entry
// before it when the hub holds that one.
void apply_audit(wk::core::Database& db, std::string_view terminal_id, const nlohmann::json& payload,
                 const std::string& received_at);

struct HubAuditEntry {
  std::string terminal_id;
  wk::sync::AuditRecord record;
  std::string received_at;
};
// The entries of `terminal_id` ("" every terminal), by terminal and seq.
std::vector<HubAuditEntry> audit_trail(wk::core::Database& db, std::string_view terminal_id);

}  // namespace wk::hub
