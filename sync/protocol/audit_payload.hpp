// The audit entry payload of sync/PROTOCOL.md ("Audit entries", entity "audit", op "insert"):
// one staff action on a terminal (kiosk/core/audit_log.hpp) as the hub keeps it. No personal
// data: an action from a fixed list and a subject naming a thing. One hash rule, one writer and
// one strict parser, shared by the terminal and the hub.
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

namespace wk::sync {

// The actions an entry may name.
inline constexpr std::string_view kAuditActions[] = {
    "pin_set",          "login",           "login_failed",      "lockout",
    "logout",           "sync_now",        "dead_letter_retry", "dead_letter_discard",
    "lookup",           "setting_changed", "out_of_service",    "back_in_service",
    "exit_maintenance",
};

inline constexpr std::size_t kAuditSubjectMax = 128;

struct AuditRecord {
  std::int64_t seq = 0;   // 1, 2, 3, ... per terminal, without gaps
  std::string at;         // YYYY-MM-DDTHH:MM:SS.mmmZ
  std::string action;     // one of kAuditActions
  std::string subject;    // what it acted on ("" for none): printable ASCII without '|', <= 128 bytes
  std::string prev_hash;  // hash of entry seq-1; 64 zeros for the first
  std::string hash;       // audit_hash of the fields above

  bool operator==(const AuditRecord&) const = default;
};

// The first problem of an entry, naming the field and never its value.
class AuditError : public std::invalid_argument {
 public:
  AuditError(std::string field, std::string_view problem);
  const std::string& field() const noexcept { return field_; }
  const std::string& problem() const noexcept { return problem_; }

 private:
  std::string field_, problem_;
};

// sha256 (hex) of "seq|at|action|subject|prev_hash".
std::string audit_hash(std::int64_t seq, std::string_view at, std::string_view action, std::string_view subject,
                       std::string_view prev_hash);

// The rules besides the JSON shape: the fields as above and hash equal to audit_hash. Throws AuditError.
void validate_audit(const AuditRecord& r);

nlohmann::json write_audit_payload(const AuditRecord& r);

// Every field present with its JSON type, then validate_audit. Throws AuditError.
AuditRecord parse_audit_payload(const nlohmann::json& payload);

}  // namespace wk::sync
