// Tests for sync/protocol/messages: round trips of every message, one exact ProtocolError
// message (path and problem) per rejection rule, version mismatch, truncated / oversized /
// deeply nested / non-UTF-8 bodies, the corpus of hub responses in tests/sync/corpus
// (names containing "-ok" must parse, all others must throw ProtocolError), and a seeded
// mutation fuzz over the valid corpus files.
#include "sync/protocol/messages.hpp"
#include "tests/support/paths.hpp"

#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <limits>
#include <random>
#include <sstream>
#include <string>
#include <vector>

using namespace wk::sync;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

const std::string kA = "01936f6e-8c1a-7b7e-9f0e-2a4c5d6e7f80";
const std::string kB = "01936f6e-8c1b-7000-8000-000000000001";
const std::string kC = "01936f6e-8c1b-7000-8000-000000000002";
const std::string kEntity = "01936f6e-8c19-7c2d-8e3f-1a2b3c4d5e6f";

Change change(const std::string& id, std::int64_t seq) {
  return Change{id, seq, "registration", kEntity, "insert", "2026-11-25T10:15:02.123Z", json{{"given_names", "Olena"}}};
}

// The push the corpus's push responses answer: three changes A, B, C.
PushRequest sent_request() {
  return PushRequest{"demo-terminal-01", {change(kA, 17), change(kB, 18), change(kC, 19)}};
}

PushResponse sample_push_response() {
  return PushResponse{{{kA, PushResult::Status::applied, ""},
                       {kB, PushResult::Status::duplicate, ""},
                       {kC, PushResult::Status::rejected, "payload.birth_date: not a date"}}};
}

CatalogResponse sample_catalog() {
  return CatalogResponse{
      "000000000000001234",
      true,
      {{"course", "c-17", 1234, false, json{{"title", {{"de", "Deutsch B1"}}}, {"seats_free", 4}}},
       {"contact_person", "p-3", 1235, true, nullptr},
       {"text", "welcome.title", 1236, false, json::object()}},
      false,
      {{"0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b", 1237, "confirmed"}},
      true,
      {{"c-17", 2, 86400}, {"c-18", 1, 3600}},
      {{"0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a60", 1238, "p-berger"}, {"0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a61", 1239, ""}}};
}

// The message of the ProtocolError `f` throws, "<no error>" if it returns. Any other exception
// escapes and fails the test.
std::string error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const ProtocolError& e) {
    return e.what();
  }
  return "<no error>";
}

std::string push_response_error(const json& doc) {
  return error_of([&] { parse_push_response(doc.dump(), sent_request()); });
}
std::string push_request_error(const json& doc) {
  return error_of([&] { parse_push_request(doc.dump()); });
}
std::string catalog_error(const json& doc) {
  return error_of([&] { parse_catalog_response(doc.dump()); });
}
std::string error_body_error(const json& doc) {
  return error_of([&] { parse_error_body(doc.dump()); });
}

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// Parses `body` with the parser the corpus file name's prefix selects.
void parse_by_name(const std::string& name, std::string_view body) {
  if (name.rfind("push-response-", 0) == 0) {
    parse_push_response(body, sent_request());
  } else if (name.rfind("push-request-", 0) == 0) {
    parse_push_request(body);
  } else if (name.rfind("catalog-", 0) == 0) {
    parse_catalog_response(body);
  } else if (name.rfind("error-", 0) == 0) {
    parse_error_body(body);
  } else {
    FAIL("corpus file with an unknown prefix: " << name);
  }
}

std::vector<fs::path> corpus_files() {
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(wk::test::source_dir() / "tests" / "sync" / "corpus")) {
    if (entry.is_regular_file()) files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

std::string nested(int depth) {
  return std::string(depth, '[') + std::string(depth, ']');
}

}  // namespace

// [SECTION] Round trips

TEST_CASE("push request round trip", "[protocol]") {
  const PushRequest request = sent_request();
  const std::string body = to_json(request);
  CHECK(json::parse(body)["protocol"] == 1);
  CHECK(parse_push_request(body) == request);
  const PushRequest empty{"t.1_A-b", {}};
  CHECK(parse_push_request(to_json(empty)) == empty);
}

TEST_CASE("push response round trip", "[protocol]") {
  const std::string body = to_json(sample_push_response());
  CHECK(body.find('\n') == std::string::npos);
  CHECK(json::parse(body)["protocol"] == 1);
  CHECK_FALSE(json::parse(body)["results"][0].contains("reason"));
  CHECK(parse_push_response(body, sent_request()) == sample_push_response());
  CHECK(parse_push_response(to_json(PushResponse{}), PushRequest{"t", {}}).results.empty());
}

TEST_CASE("catalog response round trip", "[protocol]") {
  const std::string body = to_json(sample_catalog());
  CHECK(json::parse(body)["protocol"] == 1);
  CHECK_FALSE(json::parse(body)["items"][1].contains("data"));
  CHECK(parse_catalog_response(body) == sample_catalog());
  CHECK(json::parse(body)["kuemmerer"][1]["kuemmerer_id"].is_null());
  const CatalogResponse empty{"", false, {}, false, {}, false, {}, {}};
  CHECK_FALSE(json::parse(to_json(empty)).contains("bookings"));
  CHECK_FALSE(json::parse(to_json(empty)).contains("kuemmerer"));
  CHECK_FALSE(json::parse(to_json(empty)).contains("allotments"));
  CHECK(parse_catalog_response(to_json(empty)) == empty);
  // An empty set of allotments is a set: the terminal holds none.
  CatalogResponse none = empty;
  none.has_allotments = true;
  CHECK(json::parse(to_json(none))["allotments"] == json::array());
  CHECK(parse_catalog_response(to_json(none)) == none);
}

TEST_CASE("allotments in a catalog response are checked", "[protocol]") {
  auto with = [](json allotments) {
    json doc = json::parse(to_json(sample_catalog()));
    doc["allotments"] = std::move(allotments);
    return error_of([&] { parse_catalog_response(doc.dump()); });
  };
  CHECK(with(json::object()) == "allotments: expected an array, got object");
  CHECK(with(json::array({1})) == "allotments[0]: expected an object, got integer");
  CHECK(with(json::array({{{"course_id", "c"}, {"seats", 0}, {"expires_in", 10}}})) ==
        "allotments[0].seats: not 1..10000");
  CHECK(with(json::array({{{"course_id", "c"}, {"seats", -1}, {"expires_in", 10}}})) ==
        "allotments[0].seats: negative");
  CHECK(with(json::array({{{"course_id", "c"}, {"seats", 1}, {"expires_in", 0}}})) ==
        "allotments[0].expires_in: not 1..2678400");
  CHECK(with(json::array({{{"course_id", ""}, {"seats", 1}, {"expires_in", 5}}})) ==
        "allotments[0].course_id: not 1..128 characters");
  CHECK(with(json::array({{{"course_id", "c"}, {"seats", 1}, {"expires_in", 5}},
                          {{"course_id", "c"}, {"seats", 2}, {"expires_in", 5}}})) == "allotments[1].course_id: twice");
  CHECK(with(json::array({{{"course_id", "c"}, {"expires_in", 5}}})) == "allotments[0].seats: missing");
}

TEST_CASE("Kümmerer decisions in a catalog response are checked", "[protocol]") {
  auto with = [](json kuemmerer) {
    json doc = json::parse(to_json(sample_catalog()));
    doc["kuemmerer"] = std::move(kuemmerer);
    return error_of([&] { parse_catalog_response(doc.dump()); });
  };
  CHECK(with(json::object()) == "kuemmerer: expected an array, got object");
  CHECK(with(json::array({{{"registration_id", "r"}, {"version", 5}}})) == "kuemmerer[0].kuemmerer_id: missing");
  CHECK(with(json::array({{{"registration_id", ""}, {"version", 5}, {"kuemmerer_id", "p"}}})) ==
        "kuemmerer[0].registration_id: not 1..64 characters");
  CHECK(with(json::array({{{"registration_id", "r"}, {"version", 5}, {"kuemmerer_id", ""}}})) ==
        "kuemmerer[0].kuemmerer_id: not 1..128 bytes");
  CHECK(with(json::array({{{"registration_id", "r"}, {"version", 5}, {"kuemmerer_id", std::string(129, 'p')}}})) ==
        "kuemmerer[0].kuemmerer_id: not 1..128 bytes");
  CHECK(with(json::array({{{"registration_id", "r"}, {"version", 5}, {"kuemmerer_id", 7}}})) ==
        "kuemmerer[0].kuemmerer_id: expected a string, got integer");
  CHECK(with(json::array({{{"registration_id", "r"}, {"version", 5}, {"kuemmerer_id", "p"}},
                          {{"registration_id", "s"}, {"version", 5}, {"kuemmerer_id", "p"}}})) ==
        "kuemmerer[1].version: not greater than the previous entry's");
  CHECK(with(json::array({{{"registration_id", "r"}, {"version", 5}, {"kuemmerer_id", nullptr}}})) == "<no error>");
}

TEST_CASE("code look-up and offer messages round trip and are checked", "[protocol]") {
  const CodeLookup lookup{true,
                          "A.",
                          {{"b-2", "waiting", {{"c-1", 0}, {"c-2", 1}}, 3, 12, 0},
                           {"b-1", "offered", {{"c-3", 0}}, 0, 0, 3600},
                           {"b-0", "confirmed", {{"c-4", 2}}, 0, 0, 0}},
                          "p-berger"};
  CHECK(parse_code_lookup(to_json(lookup)) == lookup);
  CodeLookup without = lookup;
  without.kuemmerer_id.clear();
  CHECK_FALSE(json::parse(to_json(without)).contains("kuemmerer_id"));
  CHECK(parse_code_lookup(to_json(without)) == without);
  json bad = json::parse(to_json(lookup));
  bad["kuemmerer_id"] = "";
  CHECK(error_of([&] { parse_code_lookup(bad.dump()); }) == "kuemmerer_id: not 1..128 bytes");
  CHECK_FALSE(json::parse(to_json(lookup))["bookings"][2].contains("position"));
  json doc = json::parse(to_json(lookup));
  doc["bookings"][0]["position"] = 13;
  CHECK(error_of([&] { parse_code_lookup(doc.dump()); }) == "bookings[0].position: not 1..of");
  doc = json::parse(to_json(lookup));
  doc["bookings"][1]["lines"] = json::array();
  CHECK(error_of([&] { parse_code_lookup(doc.dump()); }) == "bookings[1].lines: not 1..20 lines");
  doc = json::parse(to_json(lookup));
  doc["bookings"][1]["state"] = "Offered";
  CHECK(error_of([&] { parse_code_lookup(doc.dump()); }) == "bookings[1].state: not 1..32 of [a-z_]");
  doc = json::parse(to_json(lookup));
  doc["bookings"][0]["lines"][1]["person"] = 21;
  CHECK(error_of([&] { parse_code_lookup(doc.dump()); }) == "bookings[0].lines[1].person: not 0..20");

  const OfferReply reply{"K7M2-Q9XA", "accept"};
  CHECK(parse_offer_reply(to_json(reply)) == reply);
  CHECK(error_of([] { parse_offer_reply(R"({"protocol":1,"code":"K7M2","answer":"maybe"})"); }) ==
        "answer: unknown value \"maybe\"");
  CHECK(error_of([] { parse_offer_reply(R"({"protocol":1,"code":"","answer":"accept"})"); }) ==
        "code: not 1..32 characters");
  const OfferResult result{"b-1", "confirmed"};
  CHECK(parse_offer_result(to_json(result)) == result);
}

TEST_CASE("error body round trip", "[protocol]") {
  const ErrorBody plain{"bad_request", "changes[3].payload: not an object", {}};
  CHECK_FALSE(json::parse(to_json(plain))["error"].contains("supported"));
  CHECK(parse_error_body(to_json(plain)) == plain);
  const ErrorBody upgrade{"protocol_version", "", {1}};
  CHECK(parse_error_body(to_json(upgrade)) == upgrade);
}

TEST_CASE("writers refuse strings that are not UTF-8", "[protocol]") {
  PushRequest request = sent_request();
  request.changes[0].payload["name"] = std::string("\xC0\xAF");
  CHECK(error_of([&] { to_json(request); }) == "body: a string to write is not valid UTF-8");
}

// [SECTION] Common document checks

TEST_CASE("protocol version", "[protocol]") {
  json doc = json::parse(to_json(sample_push_response()));
  doc["protocol"] = 2;
  try {
    parse_push_response(doc.dump(), sent_request());
    FAIL("no error");
  } catch (const VersionMismatch& e) {
    CHECK(std::string(e.what()) == "protocol: protocol version 2, expected 1");
    CHECK(e.other_version() == 2);
    CHECK(e.path() == "protocol");
  }
  CHECK_THROWS_AS(parse_catalog_response(R"({"protocol":3,"cursor":"","more":false,"items":[]})"), VersionMismatch);
  // Error bodies are read whatever version they name: a hub of another version can still say which it speaks.
  const ErrorBody other =
      parse_error_body(R"({"protocol":2,"error":{"code":"protocol_version","message":"","supported":[2]}})");
  CHECK(other.protocol == 2);
  CHECK(other.supported == std::vector<int>{2});
  CHECK_THROWS_AS(parse_error_body(R"({"protocol":0,"error":{"code":"x","message":""}})"), ProtocolError);
  CHECK_THROWS_AS(parse_push_request(R"({"protocol":2,"terminal_id":"t","changes":[]})"), VersionMismatch);

  doc.erase("protocol");
  CHECK(push_response_error(doc) == "protocol: missing");
  doc["protocol"] = "1";
  CHECK(push_response_error(doc) == "protocol: expected an integer, got string");
  doc["protocol"] = 1.0;
  CHECK(push_response_error(doc) == "protocol: expected an integer, got number");
  doc["protocol"] = nullptr;
  CHECK(push_response_error(doc) == "protocol: expected an integer, got null");
  doc["protocol"] = 0;
  CHECK(push_response_error(doc) == "protocol: not a valid version number");
  doc["protocol"] = -1;
  CHECK(push_response_error(doc) == "protocol: not a valid version number");
  doc["protocol"] = 99999999999ULL;
  CHECK(push_response_error(doc) == "protocol: not a valid version number");
}

TEST_CASE("document shape", "[protocol]") {
  const auto sent = sent_request();
  CHECK(error_of([&] { parse_push_response("", sent); }) == "body: not valid JSON (at byte 1)");
  CHECK(error_of([&] { parse_push_response("[]", sent); }) == "body: expected an object, got array");
  CHECK(error_of([&] { parse_push_response("1", sent); }) == "body: expected an object, got integer");
  CHECK(error_of([&] { parse_push_response("{} x", sent); }).rfind("body: not valid JSON", 0) == 0);
  CHECK(error_of([&] { parse_catalog_response("{\"protocol\":1e999}"); }).rfind("body: not valid JSON", 0) == 0);
  // The problem is named without quoting the input.
  const std::string secret = "{\"protocol\":1,\"results\":[{\"reason\":\"Olena Kovalenko\" oops";
  CHECK(error_of([&] { parse_push_response(secret, sent); }).find("Olena") == std::string::npos);
}

TEST_CASE("oversized bodies", "[protocol]") {
  // Padding with whitespace keeps the JSON valid: the size alone is refused.
  std::string body = to_json(sample_push_response());
  body.resize(kMaxResponseBytes + 1, ' ');
  CHECK(error_of([&] { parse_push_response(body, sent_request()); }) == "body: 67108865 bytes, more than 67108864");
  body.resize(kMaxResponseBytes);
  CHECK(parse_push_response(body, sent_request()) == sample_push_response());

  std::string request = to_json(sent_request());
  request.resize(kMaxRequestBytes + 1, ' ');
  CHECK(error_of([&] { parse_push_request(request); }) == "body: 16777217 bytes, more than 16777216");
  request.resize(kMaxRequestBytes);
  CHECK(parse_push_request(request) == sent_request());
}

TEST_CASE("deep nesting", "[protocol]") {
  auto with_data = [](const std::string& data) {
    return R"({"protocol":1,"cursor":"","more":false,"items":[{"kind":"course","id":"c","version":1,"deleted":false,"data":{"x":)" +
           data + "}}]}";
  };
  // Top-level object, items array, item object, data object: 4 levels before `data`'s value.
  CHECK_NOTHROW(parse_catalog_response(with_data(nested(kMaxNestingDepth - 4))));
  CHECK(error_of([&] { parse_catalog_response(with_data(nested(kMaxNestingDepth - 3))); }) ==
        "body: nested deeper than 64 levels");
  CHECK(error_of([&] { parse_catalog_response(std::string(1000000, '[')); }) == "body: nested deeper than 64 levels");
  // Brackets inside strings do not count.
  CHECK_NOTHROW(
      parse_catalog_response(with_data("\"" + std::string(200, '[') + "\\\"" + std::string(200, '{') + "\"")));
}

TEST_CASE("invalid UTF-8", "[protocol]") {
  const std::string head = R"({"protocol":1,"cursor":")";
  const std::string tail = R"(","more":false,"items":[]})";
  for (const std::string bad : {"\xC0\xAF", "\xED\xA0\x80", "\xF4\x90\x80\x80", "\xE2\x82", "\x80", "\xFF"}) {
    CHECK(error_of([&] { parse_catalog_response(head + bad + tail); }) == "body: invalid UTF-8 at byte 24");
  }
  CHECK_NOTHROW(parse_catalog_response(head + "\xF0\x9F\x98\x80 \xE2\x82\xAC" + tail));
  // A lone surrogate written as an escape is refused by the JSON parser.
  CHECK(error_of([&] { parse_catalog_response(head + "\\ud800" + tail); }).rfind("body: not valid JSON", 0) == 0);
}

TEST_CASE("every prefix of a valid response is rejected", "[protocol]") {
  const auto sent = sent_request();
  const std::string push = to_json(sample_push_response());
  const std::string catalog = to_json(sample_catalog());
  const std::string error = to_json(ErrorBody{"internal", "boom", {}});
  for (std::size_t n = 0; n < push.size(); ++n) {
    INFO("push response prefix of " << n << " bytes");
    CHECK_THROWS_AS(parse_push_response(push.substr(0, n), sent), ProtocolError);
  }
  for (std::size_t n = 0; n < catalog.size(); ++n) {
    INFO("catalog prefix of " << n << " bytes");
    CHECK_THROWS_AS(parse_catalog_response(catalog.substr(0, n)), ProtocolError);
  }
  for (std::size_t n = 0; n < error.size(); ++n) {
    INFO("error body prefix of " << n << " bytes");
    CHECK_THROWS_AS(parse_error_body(error.substr(0, n)), ProtocolError);
  }
  // Dropping whole trailing elements leaves valid JSON that must still be refused.
  json doc = json::parse(push);
  doc["results"].erase(2);
  CHECK(push_response_error(doc) == "results: 2 results for 3 changes sent");
}

// [SECTION] Push response rules

TEST_CASE("push response rules", "[protocol]") {
  const json good = json::parse(to_json(sample_push_response()));
  json doc = good;

  SECTION("results") {
    doc.erase("results");
    CHECK(push_response_error(doc) == "results: missing");
    doc["results"] = json::object();
    CHECK(push_response_error(doc) == "results: expected an array, got object");
    doc["results"] = good["results"];
    doc["results"].push_back(good["results"][0]);
    CHECK(push_response_error(doc) == "results: 4 results for 3 changes sent");
    doc["results"][1] = "applied";
    doc["results"].erase(3);
    CHECK(push_response_error(doc) == "results[1]: expected an object, got string");
  }
  SECTION("change_id") {
    doc["results"][1]["change_id"] = kC;
    CHECK(push_response_error(doc) == "results[1].change_id: not the change_id of change 1 sent");
    doc["results"][1].erase("change_id");
    CHECK(push_response_error(doc) == "results[1].change_id: missing");
    doc["results"][1]["change_id"] = 7;
    CHECK(push_response_error(doc) == "results[1].change_id: expected a string, got integer");
    std::swap(doc["results"][0], doc["results"][1]);
    doc["results"][0]["change_id"] = kB;
    doc["results"][1]["change_id"] = kA;
    CHECK(push_response_error(doc) == "results[0].change_id: not the change_id of change 0 sent");
  }
  SECTION("status") {
    doc["results"][2]["status"] = "ok";
    CHECK(push_response_error(doc) == "results[2].status: unknown value \"ok\"");
    doc["results"][2]["status"] = "Applied";
    CHECK(push_response_error(doc) == "results[2].status: unknown value \"Applied\"");
    doc["results"][2]["status"] = std::string(100, 'x');
    CHECK(push_response_error(doc) == "results[2].status: unknown value");
    doc["results"][2]["status"] = true;
    CHECK(push_response_error(doc) == "results[2].status: expected a string, got boolean");
    doc["results"][2].erase("status");
    CHECK(push_response_error(doc) == "results[2].status: missing");
  }
  SECTION("reason") {
    doc["results"][2].erase("reason");
    CHECK(push_response_error(doc) == "results[2].reason: missing");
    doc["results"][2]["reason"] = "";
    CHECK(push_response_error(doc) == "results[2].reason: empty");
    doc["results"][2]["reason"] = json::array();
    CHECK(push_response_error(doc) == "results[2].reason: expected a string, got array");
    doc["results"][2]["reason"] = std::string(kMaxReasonChars + 1, 'r');
    CHECK(push_response_error(doc) == "results[2].reason: longer than 500 characters");
    // 500 characters of 2-byte UTF-8 are fine.
    std::string umlauts;
    for (std::size_t i = 0; i < kMaxReasonChars; ++i) umlauts += "\xC3\xBC";
    doc["results"][2]["reason"] = umlauts;
    CHECK(parse_push_response(doc.dump(), sent_request()).results[2].reason == umlauts);
    doc["results"][0]["reason"] = "why";
    CHECK(push_response_error(doc) == "results[0].reason: present for status \"applied\"");
    doc["results"][0].erase("reason");
    doc["results"][1]["reason"] = nullptr;
    CHECK(push_response_error(doc) == "results[1].reason: present for status \"duplicate\"");
  }
  SECTION("unknown fields are ignored") {
    doc["hub"] = {{"name", "x"}};
    doc["results"][0]["stored_at"] = 5;
    CHECK(parse_push_response(doc.dump(), sent_request()) == sample_push_response());
  }
}

// [SECTION] Push request rules

TEST_CASE("push request rules", "[protocol]") {
  const json good = json::parse(to_json(sent_request()));
  json doc = good;
  json& c1 = doc["changes"][1];

  SECTION("terminal_id") {
    for (const auto& bad : std::vector<std::string>{"", "a b", "ä", std::string(65, 't')}) {
      doc["terminal_id"] = bad;
      CHECK(push_request_error(doc) == "terminal_id: not 1..64 of [A-Za-z0-9._-]");
    }
    doc["terminal_id"] = std::string(64, 't');
    CHECK_NOTHROW(parse_push_request(doc.dump()));
    doc["terminal_id"] = 1;
    CHECK(push_request_error(doc) == "terminal_id: expected a string, got integer");
    doc.erase("terminal_id");
    CHECK(push_request_error(doc) == "terminal_id: missing");
  }
  SECTION("changes") {
    doc["changes"] = nullptr;
    CHECK(push_request_error(doc) == "changes: expected an array, got null");
    doc["changes"] = json::array();
    for (int i = 0; i < 501; ++i) doc["changes"].push_back(good["changes"][0]);
    CHECK(push_request_error(doc) == "changes: 501 changes, more than 500");
    doc["changes"] = json::array({1});
    CHECK(push_request_error(doc) == "changes[0]: expected an object, got integer");
  }
  SECTION("uuids") {
    for (const std::string bad : {"01936F6E-8C1A-7B7E-9F0E-2A4C5D6E7F80", "01936f6e8c1a7b7e9f0e2a4c5d6e7f80",
                                  "01936f6e-8c1a-7b7e-9f0e-2a4c5d6e7f8", "{01936f6e-8c1a-7b7e-9f0e-2a4c5d6e7f8}",
                                  "01936f6e-8c1a-7b7e-9f0e_2a4c5d6e7f80", "g1936f6e-8c1a-7b7e-9f0e-2a4c5d6e7f80"}) {
      c1["change_id"] = bad;
      CHECK(push_request_error(doc) == "changes[1].change_id: not a lower-case UUID");
    }
    c1["change_id"] = kB;
    c1["entity_id"] = "x";
    CHECK(push_request_error(doc) == "changes[1].entity_id: not a lower-case UUID");
  }
  SECTION("seq") {
    c1["seq"] = 17;
    CHECK(push_request_error(doc) == "changes[1].seq: not greater than the previous change's");
    c1["seq"] = 16;
    CHECK(push_request_error(doc) == "changes[1].seq: not greater than the previous change's");
    c1["seq"] = 18.5;
    CHECK(push_request_error(doc) == "changes[1].seq: expected an integer, got number");
    c1["seq"] = "18";
    CHECK(push_request_error(doc) == "changes[1].seq: expected an integer, got string");
    c1["seq"] = 18446744073709551615ULL;
    CHECK(push_request_error(doc) == "changes[1].seq: out of range");
    doc["changes"][0]["seq"] = -1;
    CHECK(push_request_error(doc) == "changes[0].seq: negative");
    doc["changes"][0]["seq"] = 0;
    c1["seq"] = 1;
    doc["changes"][2]["seq"] = std::numeric_limits<std::int64_t>::max();
    CHECK(parse_push_request(doc.dump()).changes[2].seq == std::numeric_limits<std::int64_t>::max());
  }
  SECTION("enumerations") {
    c1["entity"] = "course";
    CHECK(push_request_error(doc) == "changes[1].entity: unknown value \"course\"");
    c1["entity"] = "visit";
    c1["op"] = "upsert";
    CHECK(push_request_error(doc) == "changes[1].op: unknown value \"upsert\"");
    c1["op"] = "delete";
    CHECK(parse_push_request(doc.dump()).changes[1].op == "delete");
  }
  SECTION("created_at") {
    for (const std::string bad :
         {"2026-11-25T10:15:02Z", "2026-11-25T10:15:02.123", "2026-11-25 10:15:02.123Z", "2026-13-25T10:15:02.123Z",
          "2026-11-00T10:15:02.123Z", "2026-11-25T24:15:02.123Z", "2026-11-25T10:60:02.123Z",
          "2026-11-25T10:15:60.123Z", "2026-11-25T10:15:02.123z", "2026-1a-25T10:15:02.123Z"}) {
      c1["created_at"] = bad;
      CHECK(push_request_error(doc) == "changes[1].created_at: not YYYY-MM-DDTHH:MM:SS.mmmZ");
    }
    c1["created_at"] = 0;
    CHECK(push_request_error(doc) == "changes[1].created_at: expected a string, got integer");
  }
  SECTION("payload") {
    c1["payload"] = json::array();
    CHECK(push_request_error(doc) == "changes[1].payload: expected an object, got array");
    c1.erase("payload");
    CHECK(push_request_error(doc) == "changes[1].payload: missing");
  }
  SECTION("unknown fields are ignored") {
    doc["client"] = "kiosk 0.1";
    c1["hash"] = "abc";
    CHECK(parse_push_request(doc.dump()) == sent_request());
  }
}

// [SECTION] Catalog rules

TEST_CASE("catalog response rules", "[protocol]") {
  const json good = json::parse(to_json(sample_catalog()));
  json doc = good;
  json& i0 = doc["items"][0];

  SECTION("cursor and more") {
    doc["cursor"] = std::string(kMaxCursorChars + 1, '0');
    CHECK(catalog_error(doc) == "cursor: longer than 128 characters");
    doc["cursor"] = std::string(kMaxCursorChars, '0');
    CHECK_NOTHROW(parse_catalog_response(doc.dump()));
    doc["cursor"] = 1234;
    CHECK(catalog_error(doc) == "cursor: expected a string, got integer");
    doc.erase("cursor");
    CHECK(catalog_error(doc) == "cursor: missing");
    doc["cursor"] = "";
    doc["more"] = 0;
    CHECK(catalog_error(doc) == "more: expected a boolean, got integer");
    doc.erase("more");
    CHECK(catalog_error(doc) == "more: missing");
  }
  SECTION("items") {
    doc["items"] = "[]";
    CHECK(catalog_error(doc) == "items: expected an array, got string");
    doc["items"] = json::array({nullptr});
    CHECK(catalog_error(doc) == "items[0]: expected an object, got null");
    doc["items"] = json::array();
    for (int i = 1; i <= kMaxPullLimit + 1; ++i) {
      doc["items"].push_back({{"kind", "text"}, {"id", "t"}, {"version", i}, {"deleted", true}});
    }
    CHECK(catalog_error(doc) == "items: 5001 items, more than 5000");
    doc["items"].erase(doc["items"].size() - 1);
    doc.erase("bookings");
    doc.erase("kuemmerer");
    CHECK(parse_catalog_response(doc.dump()).items.size() == 5000);
  }
  SECTION("bookings") {
    doc["bookings"][0]["state"] = "Confirmed";
    CHECK(catalog_error(doc) == "bookings[0].state: not 1..32 of [a-z_]");
    doc["bookings"][0]["state"] = "confirmed";
    doc["bookings"][0]["id"] = "";
    CHECK(catalog_error(doc) == "bookings[0].id: not 1..64 characters");
    doc["bookings"][0]["id"] = "b-1";
    doc["bookings"].push_back({{"id", "b-2"}, {"version", 1237}, {"state", "waiting"}});
    CHECK(catalog_error(doc) == "bookings[1].version: not greater than the previous booking's");
    doc["bookings"][1]["version"] = 1238;
    CHECK(parse_catalog_response(doc.dump()).bookings.size() == 2);
    doc["bookings"] = json::object();
    CHECK(catalog_error(doc) == "bookings: expected an array, got object");
  }
  SECTION("kind and id") {
    i0["kind"] = "organization";
    CHECK(catalog_error(doc) == "items[0].kind: unknown value \"organization\"");
    i0["kind"] = "organisation";
    i0["id"] = "";
    CHECK(catalog_error(doc) == "items[0].id: empty");
    i0["id"] = std::string(kMaxItemIdChars + 1, 'i');
    CHECK(catalog_error(doc) == "items[0].id: longer than 128 characters");
    i0["id"] = 17;
    CHECK(catalog_error(doc) == "items[0].id: expected a string, got integer");
  }
  SECTION("version") {
    doc["items"][1]["version"] = 1234;
    CHECK(catalog_error(doc) == "items[1].version: not greater than the previous item's");
    doc["items"][1]["version"] = 1000;
    CHECK(catalog_error(doc) == "items[1].version: not greater than the previous item's");
    i0["version"] = "1234";
    CHECK(catalog_error(doc) == "items[0].version: expected an integer, got string");
    i0["version"] = -5;
    CHECK(catalog_error(doc) == "items[0].version: negative");
    i0.erase("version");
    CHECK(catalog_error(doc) == "items[0].version: missing");
  }
  SECTION("tombstones and data") {
    doc["items"][1]["data"] = json::object();
    CHECK(catalog_error(doc) == "items[1].data: present on a tombstone");
    doc["items"][1]["data"] = nullptr;
    CHECK(catalog_error(doc) == "items[1].data: present on a tombstone");
    i0.erase("data");
    CHECK(catalog_error(doc) == "items[0].data: missing");
    i0["data"] = "text";
    CHECK(catalog_error(doc) == "items[0].data: expected an object, got string");
    i0["deleted"] = "no";
    CHECK(catalog_error(doc) == "items[0].deleted: expected a boolean, got string");
    i0.erase("deleted");
    CHECK(catalog_error(doc) == "items[0].deleted: missing");
  }
  SECTION("unknown fields are ignored") {
    doc["server"] = 1;
    i0["etag"] = "x";
    CHECK(parse_catalog_response(doc.dump()) == sample_catalog());
  }
}

// [SECTION] Error body rules

TEST_CASE("error body rules", "[protocol]") {
  json doc = json::parse(to_json(ErrorBody{"protocol_version", "speaks 1", {1}}));
  SECTION("error") {
    doc["error"] = "bad_request";
    CHECK(error_body_error(doc) == "error: expected an object, got string");
    doc.erase("error");
    CHECK(error_body_error(doc) == "error: missing");
  }
  SECTION("code and message") {
    doc["error"]["code"] = "Bad Request";
    CHECK(error_body_error(doc) == "error.code: not 1..64 of [a-z_]");
    doc["error"]["code"] = "";
    CHECK(error_body_error(doc) == "error.code: not 1..64 of [a-z_]");
    doc["error"].erase("code");
    CHECK(error_body_error(doc) == "error.code: missing");
    doc["error"]["code"] = "unavailable";
    doc["error"]["message"] = 503;
    CHECK(error_body_error(doc) == "error.message: expected a string, got integer");
  }
  SECTION("supported") {
    doc["error"]["supported"] = 1;
    CHECK(error_body_error(doc) == "error.supported: expected an array, got integer");
    doc["error"]["supported"] = json::array({1, "2"});
    CHECK(error_body_error(doc) == "error.supported[1]: expected an integer, got string");
    doc["error"]["supported"] = json::array({0});
    CHECK(error_body_error(doc) == "error.supported[0]: not a valid version number");
    doc["error"]["supported"] = json::array({1, 4294967296LL});
    CHECK(error_body_error(doc) == "error.supported[1]: not a valid version number");
    doc["error"]["supported"] = json::array({1, 2});
    CHECK(parse_error_body(doc.dump()).supported == std::vector<int>{1, 2});
  }
}

// [SECTION] Corpus and fuzz

TEST_CASE("corpus of hub responses", "[protocol]") {
  const auto files = corpus_files();
  REQUIRE(files.size() >= 20);
  int ok = 0, bad = 0;
  for (const auto& file : files) {
    const std::string name = file.filename().string();
    const std::string body = read_file(file);
    INFO("corpus file " << name);
    if (name.find("-ok") != std::string::npos) {
      CHECK_NOTHROW(parse_by_name(name, body));
      ++ok;
    } else {
      CHECK_THROWS_AS(parse_by_name(name, body), ProtocolError);
      ++bad;
    }
  }
  CHECK(ok >= 5);
  CHECK(bad >= 10);
}

TEST_CASE("mutation fuzz: parsers return or throw ProtocolError", "[protocol]") {
  std::vector<std::pair<std::string, std::string>> seeds;  // name, body
  for (const auto& file : corpus_files()) {
    const std::string name = file.filename().string();
    if (name.find("-ok") != std::string::npos) seeds.emplace_back(name, read_file(file));
  }
  REQUIRE_FALSE(seeds.empty());
  std::mt19937 rng(20261125);
  auto pick = [&](std::size_t n) { return n == 0 ? 0 : std::uniform_int_distribution<std::size_t>(0, n - 1)(rng); };
  const std::string interesting = "{}[]\",:\\0123456789-.eEtrufalsn \x80\xC3\xBF\xED\xF4";
  const PushRequest sent = sent_request();
  int returned = 0, refused = 0;
  for (int round = 0; round < 20000; ++round) {
    const auto& [name, seed] = seeds[pick(seeds.size())];
    std::string body = seed;
    const int edits = 1 + static_cast<int>(pick(4));
    for (int e = 0; e < edits; ++e) {
      const std::size_t at = pick(body.size() + 1);
      switch (pick(5)) {
        case 0:  // flip bits of one byte
          if (!body.empty()) body[std::min(at, body.size() - 1)] ^= static_cast<char>(1 + pick(255));
          break;
        case 1:  // insert a structurally interesting byte
          body.insert(at, 1, interesting[pick(interesting.size())]);
          break;
        case 2:  // delete a span
          body.erase(at, 1 + pick(8));
          break;
        case 3: {  // duplicate a span
          const std::string span = body.substr(at, 1 + pick(16));
          body.insert(pick(body.size() + 1), span);
          break;
        }
        default:  // insert a random byte
          body.insert(at, 1, static_cast<char>(pick(256)));
          break;
      }
    }
    // Each mutant goes through its own parser and one other, so every parser sees every shape.
    const std::function<void()> parsers[] = {
        [&] { parse_by_name(name, body); }, [&] { parse_push_response(body, sent); },
        [&] { parse_push_request(body); },  [&] { parse_catalog_response(body); },
        [&] { parse_error_body(body); },
    };
    for (const auto& parse : {parsers[0], parsers[1 + pick(4)]}) {
      try {
        parse();
        ++returned;
      } catch (const ProtocolError&) {
        ++refused;
      }
    }
  }
  CHECK(returned + refused == 40000);
  CHECK(refused > 0);
}
