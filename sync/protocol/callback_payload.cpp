// Call-back request payloads (see callback_payload.hpp).
#include "sync/protocol/callback_payload.hpp"

#include "kiosk/core/registration_code.hpp"
#include "kiosk/core/terminal_id.hpp"
#include "kiosk/core/time.hpp"
#include "kiosk/core/uuid.hpp"
#include "sync/protocol/registration_payload.hpp"

namespace wk::sync {
namespace {

using nlohmann::json;

[[noreturn]] void fail(const std::string& field, std::string_view problem) {
  throw CallbackError(field, problem);
}

void check_text(const std::string& field, std::string_view value, std::size_t max) {
  if (value.size() > max) fail(field, "is longer than " + std::to_string(max) + " bytes");
  if (const char* problem = text_problem(value)) fail(field, problem);
  if (value.find_first_not_of(' ') == std::string_view::npos) fail(field, "holds only spaces");
}

bool is_word(std::string_view s, std::size_t max, bool dash) {
  if (s.empty() || s.size() > max) return false;
  for (char c : s)
    if (!((c >= 'a' && c <= 'z') || c == '_' ||
          (dash && ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-'))))
      return false;
  return true;
}

json optional(const std::string& s) {
  return s.empty() ? json(nullptr) : json(s);
}

std::string string_of(const json& p, std::string_view key, bool nullable) {
  const auto it = p.find(std::string(key));
  if (it == p.end()) fail(std::string(key), "is missing");
  if (nullable && it->is_null()) return {};
  if (!it->is_string()) fail(std::string(key), nullable ? "must be a string or null" : "must be a string");
  std::string s = it->get<std::string>();
  if (s.empty()) fail(std::string(key), nullable ? "must be null when not given, not an empty string" : "is required");
  return s;
}

}  // namespace

CallbackError::CallbackError(std::string field, std::string_view problem)
    : std::invalid_argument("call-back field \"" + field + "\": " + std::string(problem)),
      field_(std::move(field)),
      problem_(problem) {}

void validate_callback(const CallbackRequest& r) {
  if (!core::is_uuid_v7(r.id)) fail("id", "must be a UUIDv7");
  if (!core::is_iso8601(r.created_at)) fail("created_at", "must be a time stamp YYYY-MM-DDTHH:MM:SS.mmmZ");
  if (!core::is_terminal_id(r.terminal_id)) fail("terminal_id", "must be 1..64 of A-Z a-z 0-9 . _ -");
  if (r.organisation_id.empty()) fail("organisation_id", "is required");
  check_text("organisation_id", r.organisation_id, kMaxKuemmererId);
  if (!r.person_id.empty()) check_text("person_id", r.person_id, kMaxKuemmererId);
  if (!is_word(r.topic, 32, false)) fail("topic", "must be a topic id: 1..32 of a-z and _");
  if (!is_word(r.language, 35, true)) fail("language", "must be a language code such as \"de\" or \"zh-Hans\"");
  if (!r.name.empty()) check_text("name", r.name, kMaxRegistrationText);
  if (!r.phone.empty() && !is_e164(r.phone)) fail("phone", kE164Problem);
  if (!r.email.empty()) {
    check_text("email", r.email, kMaxEmail);
    if (!is_email_address(r.email)) fail("email", kEmailProblem);
  }
  if (!r.registration_code.empty() && (!core::is_valid_registration_code(r.registration_code) ||
                                       core::normalize_registration_code(r.registration_code) != r.registration_code))
    fail("registration_code", "must be a registration code XXXX-XXXX-C with a valid check symbol");
  if (r.phone.empty() && r.email.empty() && r.registration_code.empty())
    fail("phone", "a phone number, an e-mail address or a registration code is required");
  if (r.name.empty() && r.registration_code.empty()) fail("name", "is required without a registration code");
}

json write_callback_payload(const CallbackRequest& r) {
  return {{"id", r.id},
          {"created_at", r.created_at},
          {"terminal_id", r.terminal_id},
          {"organisation_id", r.organisation_id},
          {"person_id", optional(r.person_id)},
          {"topic", r.topic},
          {"language", r.language},
          {"name", optional(r.name)},
          {"phone", optional(r.phone)},
          {"email", optional(r.email)},
          {"registration_code", optional(r.registration_code)}};
}

CallbackRequest parse_callback_payload(const json& p, std::string_view terminal_id) {
  if (!p.is_object()) fail("payload", "must be an object");
  CallbackRequest r;
  r.id = string_of(p, "id", false);
  r.created_at = string_of(p, "created_at", false);
  r.terminal_id = string_of(p, "terminal_id", false);
  r.organisation_id = string_of(p, "organisation_id", false);
  r.person_id = string_of(p, "person_id", true);
  r.topic = string_of(p, "topic", false);
  r.language = string_of(p, "language", false);
  r.name = string_of(p, "name", true);
  r.phone = string_of(p, "phone", true);
  r.email = string_of(p, "email", true);
  r.registration_code = string_of(p, "registration_code", true);
  if (r.terminal_id != terminal_id) fail("terminal_id", "is not the pushing terminal");
  validate_callback(r);
  return r;
}

}  // namespace wk::sync
