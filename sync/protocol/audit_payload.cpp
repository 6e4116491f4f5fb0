// The audit entry payload (see audit_payload.hpp).
#include "sync/protocol/audit_payload.hpp"

#include <algorithm>

#include "kiosk/core/sha256.hpp"
#include "kiosk/core/time.hpp"

namespace wk::sync {
namespace {

bool is_hex64(std::string_view s) {
  return s.size() == 64 &&
         std::all_of(s.begin(), s.end(), [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

}  // namespace

AuditError::AuditError(std::string field, std::string_view problem)
    : std::invalid_argument(field + ": " + std::string(problem)), field_(std::move(field)), problem_(problem) {}

std::string audit_hash(std::int64_t seq, std::string_view at, std::string_view action, std::string_view subject,
                       std::string_view prev_hash) {
  std::string line = std::to_string(seq);
  for (std::string_view part : {at, action, subject, prev_hash}) {
    line += '|';
    line += part;
  }
  return core::sha256_hex(line);
}

void validate_audit(const AuditRecord& r) {
  if (r.seq < 1) throw AuditError("seq", "not a whole number >= 1");
  if (!core::is_iso8601(r.at)) throw AuditError("at", "not YYYY-MM-DDTHH:MM:SS.mmmZ");
  if (std::find(std::begin(kAuditActions), std::end(kAuditActions), r.action) == std::end(kAuditActions))
    throw AuditError("action", "not an audit action");
  if (r.subject.size() > kAuditSubjectMax ||
      !std::all_of(r.subject.begin(), r.subject.end(), [](char c) { return c >= 0x20 && c < 0x7f && c != '|'; }))
    throw AuditError("subject", "not printable ASCII without '|' of at most 128 bytes");
  if (!is_hex64(r.prev_hash)) throw AuditError("prev_hash", "not 64 lower-case hex digits");
  if (!is_hex64(r.hash)) throw AuditError("hash", "not 64 lower-case hex digits");
  if (r.hash != audit_hash(r.seq, r.at, r.action, r.subject, r.prev_hash))
    throw AuditError("hash", "does not match the entry");
}

nlohmann::json write_audit_payload(const AuditRecord& r) {
  return {{"seq", r.seq},  {"at", r.at}, {"action", r.action}, {"subject", r.subject}, {"prev_hash", r.prev_hash},
          {"hash", r.hash}};
}

AuditRecord parse_audit_payload(const nlohmann::json& payload) {
  if (!payload.is_object()) throw AuditError("payload", "not an object");
  auto text = [&](const char* name) {
    const auto it = payload.find(name);
    if (it == payload.end() || !it->is_string()) throw AuditError(name, "missing or not a string");
    return it->get<std::string>();
  };
  AuditRecord r;
  const auto seq = payload.find("seq");
  if (seq == payload.end() || !seq->is_number_integer()) throw AuditError("seq", "missing or not a whole number");
  r.seq = seq->get<std::int64_t>();
  r.at = text("at");
  r.action = text("action");
  r.subject = text("subject");
  r.prev_hash = text("prev_hash");
  r.hash = text("hash");
  if (payload.size() != 6)
    throw AuditError("payload", "holds members besides seq, at, action, subject, prev_hash, hash");
  validate_audit(r);
  return r;
}

}  // namespace wk::sync
