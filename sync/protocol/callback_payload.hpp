// The call-back request payload of sync/PROTOCOL.md ("Call-back requests", entity "callback",
// op "insert"): a newcomer asks an organisation of the directory to call or write back about a
// topic, either the way they chose at registration (their code) or by a phone number or e-mail
// address given then. One writer and one strict parser, shared by the terminal and the hub.
#pragma once

#include <nlohmann/json.hpp>

#include <stdexcept>
#include <string>
#include <string_view>

namespace wk::sync {

struct CallbackRequest {
  std::string id;                 // UUIDv7
  std::string created_at;         // YYYY-MM-DDTHH:MM:SS.mmmZ
  std::string terminal_id;        // the terminal that took it
  std::string organisation_id;    // a directory organisation, 1..128 bytes
  std::string person_id;          // a contact person there, or "" (null)
  std::string topic;              // a topic id (kiosk/core/directory.hpp kTopics), 1..32 of [a-z_]
  std::string language;           // the language to call back in ("fa")
  std::string name;               // how to address them, 1..256 bytes; "" (null) only with a code
  std::string phone;              // E.164, or ""
  std::string email;              // or ""
  std::string registration_code;  // the canonical code: the contact way chosen at registration, or ""

  bool operator==(const CallbackRequest&) const = default;
};

// The first problem of a request, naming the field and never its value.
class CallbackError : public std::invalid_argument {
 public:
  CallbackError(std::string field, std::string_view problem);
  const std::string& field() const noexcept { return field_; }
  const std::string& problem() const noexcept { return problem_; }

 private:
  std::string field_, problem_;
};

// The rules besides the JSON shape: ids and text as above, at least one of phone, e-mail and
// registration code. Throws CallbackError.
void validate_callback(const CallbackRequest& r);

// Every field, optional ones null.
nlohmann::json write_callback_payload(const CallbackRequest& r);

// The strict parser, for what terminal `terminal_id` pushed: every field of the writer present
// with its JSON type (null only for the optional ones), terminal_id equal to `terminal_id`, then
// validate_callback. Throws CallbackError.
CallbackRequest parse_callback_payload(const nlohmann::json& payload, std::string_view terminal_id);

}  // namespace wk::sync
