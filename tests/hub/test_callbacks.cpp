// Call-back requests at the hub (sync/hub/callbacks.hpp): applied once per change (a retry is a
// duplicate), refused with the field named, listed per organisation with the contact way of the
// registration whose code they carry, and deleted after their export like registrations.
#include <catch2/catch.hpp>

#include <sstream>

#include "kiosk/core/registration_code.hpp"
#include "kiosk/core/uuid.hpp"
#include "sync/hub/hub_store.hpp"
#include "sync/protocol/callback_payload.hpp"
#include "tests/core/quiet_log.hpp"
#include "tests/hub/hub_test_support.hpp"

using nlohmann::json;
using wk::hub::CallbackFormat;
using wk::hub::HubStore;
using Status = wk::sync::PushResult::Status;

namespace {

wk::sync::Change callback_change(std::int64_t seq, const std::string& organisation, const std::string& topic,
                                 const std::string& phone, const std::string& code = "") {
  wk::sync::CallbackRequest r{wk::core::uuid_v7(),
                              "2026-12-08T10:31:02.123Z",
                              "term-1",
                              organisation,
                              "",
                              topic,
                              "fa",
                              code.empty() ? "Reza Ahmadi" : "",
                              phone,
                              "",
                              code};
  wk::sync::Change c;
  c.change_id = wk::core::uuid_v7();
  c.seq = seq;
  c.entity = "callback";
  c.entity_id = r.id;
  c.op = "insert";
  c.created_at = r.created_at;
  c.payload = wk::sync::write_callback_payload(r);
  return c;
}

std::string exported(HubStore& store, CallbackFormat format, const std::string& organisation, std::int64_t* last) {
  std::ostringstream out;
  store.write_callbacks(format, organisation, out, last);
  return out.str();
}

}  // namespace

TEST_CASE("call-back requests are applied once, refused with the field named", "[hub][callback]") {
  wk::core::test::QuietLog quiet;
  HubStore store(":memory:");
  store.add_terminal("term-1");
  const auto ok = callback_change(1, "o-iq", "recognition", "+4915112345678");
  auto bad_topic = callback_change(2, "o-iq", "astrology", "+4915112345678");
  auto bad_phone = callback_change(3, "o-iq", "work", "+4915112345678");
  bad_phone.payload["phone"] = "0151";
  auto update = callback_change(4, "o-iq", "work", "+4915112345678");
  update.op = "update";
  const wk::sync::PushRequest push{"term-1", {ok, bad_topic, bad_phone, update}};
  auto answer = store.apply_push("term-1", push);
  CHECK(answer.results[0].status == Status::applied);
  CHECK(answer.results[1].status == Status::rejected);
  CHECK(answer.results[1].reason == "payload.topic: is not a topic of the directory");
  CHECK(answer.results[2].reason.starts_with("payload.phone: must be an E.164 number"));
  CHECK(answer.results[3].reason == "op: op not supported for callback in protocol 1");
  CHECK(store.callback_count() == 1);
  // The retry of the whole batch changes nothing.
  answer = store.apply_push("term-1", push);
  CHECK(answer.results[0].status == Status::duplicate);
  CHECK(store.callback_count() == 1);
}

TEST_CASE("export callbacks: per organisation, with the registration's contact way, then deleted after keeping",
          "[hub][callback]") {
  wk::core::test::QuietLog quiet;
  HubStore store(":memory:");
  store.add_terminal("term-1");
  store.upsert_items("organisation",
                     {{"o-iq", json{{"name", {{"de", "IQ Beratung"}}}, {"kind", "recognition_counselling"}}},
                      {"o-jc", json{{"name", {{"de", "Jobcenter"}}}, {"kind", "job_center"}}}},
                     false);
  auto reg = wk::hub::test::registration_change(1);
  const std::string code = reg.payload.at("code");
  store.apply_push("term-1", {"term-1", {reg}});
  store.apply_push("term-1", {"term-1",
                              {callback_change(2, "o-jc", "money", "+4915112345678"),
                               callback_change(3, "o-iq", "recognition", "", code),
                               callback_change(4, "o-iq", "work", "+4930123456")}});
  std::int64_t last = 0;
  const std::string csv = exported(store, CallbackFormat::csv, "", &last);
  std::istringstream lines(csv);
  std::vector<std::string> rows;
  for (std::string l; std::getline(lines, l);) rows.push_back(l);
  REQUIRE(rows.size() == 4);
  CHECK(rows[0].starts_with("\"organisation_id\",\"organisation\","));
  // By organisation, then in order of receipt.
  CHECK(rows[1].starts_with("\"o-iq\",\"IQ Beratung\","));
  CHECK(rows[1].find("\"recognition\"") != std::string::npos);
  // The one asked with a code carries the contact way of that registration.
  CHECK(rows[1].find("\"" + code + "\",\"phone\",\"'+4915112345678\"") != std::string::npos);
  CHECK(rows[2].find("\"work\"") != std::string::npos);
  CHECK(rows[3].starts_with("\"o-jc\",\"Jobcenter\","));
  // One organisation only, as NDJSON.
  std::int64_t last_jc = 0;
  const std::string nd = exported(store, CallbackFormat::ndjson, "o-jc", &last_jc);
  CHECK(std::count(nd.begin(), nd.end(), '\n') == 1);
  CHECK(json::parse(nd.substr(0, nd.find('\n')))["request"]["topic"] == "money");
  // Marking o-jc's exported leaves o-iq's unexported; deleting after "0 days" takes only o-jc's.
  CHECK(store.mark_callbacks_exported(last_jc, "o-jc") == 1);
  CHECK(store.delete_exported_callbacks(std::chrono::seconds(0)) == 1);
  CHECK(store.callback_count() == 2);
  CHECK(store.mark_callbacks_exported(last, "") == 2);
  CHECK(store.delete_exported_callbacks(std::chrono::hours(24)) == 0);  // kept a day
  CHECK(store.callback_count() == 2);
}
