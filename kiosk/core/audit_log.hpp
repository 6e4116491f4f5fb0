// The terminal's audit log of staff actions: append-only (triggers refuse UPDATE and DELETE) and
// hash-chained, each entry holding the SHA-256 of the one before, so an entry edited, deleted or
// inserted in the middle, or the newest ones cut off, is found by verify_audit_log(). Entries hold
// no personal data: an action name, a subject that names a thing (a change id, a setting key),
// never a person, a code or free text. Each entry goes to the hub through the outbox as entity
// "audit" (PROTOCOL.md), in the same transaction that writes it.
#pragma once

#include "kiosk/core/database.hpp"
#include "sync/protocol/audit_payload.hpp"

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace wk::core {

// An entry as stored and pushed (seq, at, action, subject, prev_hash, hash).
using AuditEntry = sync::AuditRecord;

// Appends an entry and its outbox change. CONTRACT: inside the caller's open transaction (the one
// that does what is audited), so both commit or neither. Throws std::invalid_argument for an
// action or subject sync::validate_audit refuses (nothing written).
AuditEntry append_audit(Database& db, std::string_view action, std::string_view subject,
                        std::chrono::system_clock::time_point at);

// Every entry, oldest first.
std::vector<AuditEntry> audit_entries(Database& db);

struct AuditCheck {
  bool ok = true;
  std::int64_t entries = 0;
  std::string problem;  // for staff: which entry and what is wrong; "" when ok
};
// Walks the chain: seq without gaps, each prev_hash the hash before, each hash recomputed, and
// the newest entry the head recorded beside the log (so cutting off the newest is found too).
AuditCheck verify_audit_log(Database& db);

}  // namespace wk::core
