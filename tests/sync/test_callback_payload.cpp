// The call-back request payload (sync/protocol/callback_payload.hpp): the writer's output read
// back by the strict parser, and every rule refusing with the field named, never the value.
#include "sync/protocol/callback_payload.hpp"

#include <catch2/catch.hpp>

using namespace wk::sync;
using nlohmann::json;

namespace {

CallbackRequest sample() {
  return {"0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b",
          "2026-12-08T10:31:02.123Z",
          "kiosk-01",
          "o-iq",
          "p-rahimi",
          "recognition",
          "fa",
          "Reza Ahmadi",
          "+4915112345678",
          "",
          ""};
}

// The field the parser names for `doc`, or "<none>".
std::string refused(const json& doc) {
  try {
    parse_callback_payload(doc, "kiosk-01");
  } catch (const CallbackError& e) {
    return e.field();
  }
  return "<none>";
}

}  // namespace

TEST_CASE("call-back payloads round trip, optional fields as null", "[protocol][callback]") {
  const json doc = write_callback_payload(sample());
  CHECK(doc["email"].is_null());
  CHECK(doc["registration_code"].is_null());
  CHECK(parse_callback_payload(doc, "kiosk-01") == sample());
  CallbackRequest by_code = sample();
  by_code.name.clear();
  by_code.phone.clear();
  by_code.person_id.clear();
  by_code.registration_code = "K7QM-4XRT-X";
  CHECK(parse_callback_payload(write_callback_payload(by_code), "kiosk-01") == by_code);
}

TEST_CASE("call-back payloads break no rule unnoticed", "[protocol][callback]") {
  auto with = [](const char* key, json value) {
    json doc = write_callback_payload(sample());
    doc[key] = std::move(value);
    return refused(doc);
  };
  CHECK(refused(json::array()) == "payload");
  json missing = write_callback_payload(sample());
  missing.erase("topic");
  CHECK(refused(missing) == "topic");
  CHECK(with("id", "not-a-uuid") == "id");
  CHECK(with("created_at", "2026-12-08") == "created_at");
  CHECK(with("terminal_id", "kiosk-02") == "terminal_id");  // not the pushing terminal
  CHECK(with("organisation_id", "") == "organisation_id");
  CHECK(with("organisation_id", std::string(129, 'o')) == "organisation_id");
  CHECK(with("person_id", "") == "person_id");  // null when not given
  CHECK(with("topic", "Recognition") == "topic");
  CHECK(with("language", "f a") == "language");
  CHECK(with("name", std::string("Re\x01za")) == "name");
  CHECK(with("name", "   ") == "name");
  CHECK(with("phone", "015112345678") == "phone");
  CHECK(with("email", "no-at-sign") == "email");
  CHECK(with("registration_code", "K7QM-4XRT-Y") == "registration_code");  // wrong check symbol
  CHECK(with("registration_code", "k7qm4xrtx") == "registration_code");    // not canonical
  CHECK(with("phone", 4915112345678) == "phone");
  // No way to reach them at all, or nobody to address without a code.
  json unreachable = write_callback_payload(sample());
  unreachable["phone"] = nullptr;
  CHECK(refused(unreachable) == "phone");
  json nameless = write_callback_payload(sample());
  nameless["name"] = nullptr;
  CHECK(refused(nameless) == "name");
  // The message names the field and the rule, never the value.
  try {
    json doc = write_callback_payload(sample());
    doc["phone"] = "0151-SECRET";
    parse_callback_payload(doc, "kiosk-01");
    FAIL("accepted");
  } catch (const CallbackError& e) {
    CHECK(std::string(e.what()).find("SECRET") == std::string::npos);
    CHECK(std::string(e.what()).find("E.164") != std::string::npos);
  }
}
