// HubServer on loopback over TLS: health, the order of checks (426, 401, 413, 400), push and
// pull end to end, gzip in both directions, the size cap after decompression, TLS set-up
// errors, and the statistics.
#include "sync/hub/hub_server.hpp"
#include "sync/hub/rate_limit.hpp"

#include "hub_test_support.hpp"
#include "tests/core/quiet_log.hpp"
#include "tests/support/temp_dir.hpp"
#include "tests/support/test_pki.hpp"

#include <httplib.h>
#include <catch2/catch.hpp>

#include <chrono>
#include <memory>
#include <set>
#include <thread>

using nlohmann::json;
using wk::core::test::QuietLog;
using wk::core::test::TempDir;
using wk::hub::HubServer;
using wk::hub::HubStore;
using wk::hub::ServeOptions;

namespace {

struct Hub {
  QuietLog quiet;
  TempDir dir;
  HubStore store{dir / "hub.db"};
  std::unique_ptr<HubServer> server;
  std::string token;

  Hub() {
    wk::hub::test::make_test_certificate(dir.path());
    token = store.add_terminal("term-1");
    ServeOptions options;
    options.port = 0;
    options.cert_file = dir / "cert.pem";
    options.key_file = dir / "key.pem";
    options.threads = 2;
    server = std::make_unique<HubServer>(store, options);
    server->start();
  }

  std::unique_ptr<httplib::SSLClient> client() const {
    auto c = std::make_unique<httplib::SSLClient>("localhost", server->port());
    c->set_ca_cert_path((dir / "cert.pem").c_str());
    c->enable_server_certificate_verification(true);
    c->set_read_timeout(30);
    c->set_write_timeout(30);
    return c;
  }

  httplib::Headers headers(const std::string& bearer) const {
    return {{"Wk-Protocol", "1"}, {"Authorization", "Bearer " + bearer}};
  }
  httplib::Headers headers() const { return headers(token); }
};

std::string push_body(const std::vector<wk::sync::Change>& changes, const std::string& terminal = "term-1") {
  return wk::sync::to_json(wk::sync::PushRequest{terminal, changes});
}

// The error code of an error answer (and checks that it is a well-formed error body).
std::string error_code(const httplib::Result& res) {
  REQUIRE(res);
  CHECK(res->get_header_value("Content-Type") == "application/json");
  return wk::sync::parse_error_body(res->body).code;
}

}  // namespace

TEST_CASE("hub server: health needs no authentication") {
  Hub hub;
  auto res = hub.client()->Get("/v1/health");
  REQUIRE(res);
  CHECK(res->status == 200);
  CHECK(json::parse(res->body) == json{{"protocol", 1}, {"status", "ok"}});
  CHECK(hub.server->port() > 0);
}

TEST_CASE("hub server: protocol version checks come first (426)") {
  Hub hub;
  auto cli = hub.client();
  const std::string body = push_body({});

  auto res = cli->Post("/v1/push", {{"Authorization", "Bearer " + hub.token}}, body, "application/json");
  CHECK(res->status == 426);
  const auto error = wk::sync::parse_error_body(res->body);
  CHECK(error.code == "protocol_version");
  CHECK(error.supported == std::vector<int>{1});

  res = cli->Post("/v1/push", {{"Wk-Protocol", "2"}, {"Authorization", "Bearer nonsense"}}, body, "application/json");
  CHECK(res->status == 426);
  CHECK(error_code(res) == "protocol_version");

  res = cli->Get("/v1/catalog", {{"Wk-Protocol", "2"}});
  CHECK(res->status == 426);

  std::string v2 = body;
  v2.replace(v2.find("\"protocol\":1"), 12, "\"protocol\":2");
  res = cli->Post("/v1/push", hub.headers(), v2, "application/json");
  CHECK(res->status == 426);
  CHECK(error_code(res) == "protocol_version");
}

TEST_CASE("hub server: authentication (401 unauthorized, token_revoked, wrong terminal)") {
  Hub hub;
  auto cli = hub.client();
  const std::string body = push_body({});

  auto res = cli->Post("/v1/push", {{"Wk-Protocol", "1"}}, body, "application/json");
  CHECK(res->status == 401);
  CHECK(error_code(res) == "unauthorized");

  res = cli->Post("/v1/push", hub.headers(std::string(43, 'A')), body, "application/json");
  CHECK(res->status == 401);
  CHECK(error_code(res) == "unauthorized");

  res = cli->Get("/v1/catalog", hub.headers("not-a-token"));
  CHECK(res->status == 401);
  CHECK(error_code(res) == "unauthorized");

  const std::string other = hub.store.add_terminal("term-2");
  res = cli->Post("/v1/push", hub.headers(other), body, "application/json");  // names term-1
  CHECK(res->status == 401);
  CHECK(error_code(res) == "unauthorized");

  res = cli->Post("/v1/push", hub.headers(), body, "application/json");
  CHECK(res->status == 200);

  hub.store.revoke_terminal("term-1");
  res = cli->Post("/v1/push", hub.headers(), body, "application/json");
  CHECK(res->status == 401);
  CHECK(error_code(res) == "token_revoked");
  res = cli->Get("/v1/catalog", hub.headers());
  CHECK(res->status == 401);
  CHECK(error_code(res) == "token_revoked");
}

TEST_CASE("hub server: push applies, answers duplicates and rejections") {
  Hub hub;
  auto cli = hub.client();
  auto good = wk::hub::test::registration_change(1);
  auto bad = wk::hub::test::registration_change(2);
  bad.payload["nationality"] = "Syria";
  const wk::sync::PushRequest request{"term-1", {good, bad}};

  for (int attempt = 0; attempt < 2; ++attempt) {
    auto res = cli->Post("/v1/push", hub.headers(), wk::sync::to_json(request), "application/json");
    REQUIRE(res);
    REQUIRE(res->status == 200);
    const auto response = wk::sync::parse_push_response(res->body, request);
    CHECK(response.results[0].status ==
          (attempt == 0 ? wk::sync::PushResult::Status::applied : wk::sync::PushResult::Status::duplicate));
    CHECK(response.results[1].status == wk::sync::PushResult::Status::rejected);
    CHECK(response.results[1].reason == "payload.nationality: must be an ISO 3166-1 alpha-2 code: two letters A-Z");
  }
  CHECK(hub.store.registration_count() == 1);
}

TEST_CASE("hub server: malformed requests (400) and unknown paths (404)") {
  Hub hub;
  auto cli = hub.client();
  auto res = cli->Post("/v1/push", hub.headers(), "{\"protocol\":1,", "application/json");
  CHECK(res->status == 400);
  CHECK(error_code(res) == "bad_request");

  res = cli->Post("/v1/push", hub.headers(), R"({"protocol":1,"terminal_id":"term-1","changes":[{"seq":1}]})",
                  "application/json");
  CHECK(res->status == 400);
  CHECK_THAT(wk::sync::parse_error_body(res->body).message, Catch::StartsWith("changes[0]"));

  res = cli->Post("/v1/push", hub.headers(), push_body({}), "text/plain");
  CHECK(res->status == 400);
  CHECK_THAT(wk::sync::parse_error_body(res->body).message, Catch::Contains("Content-Type"));

  for (const char* path : {"/v1/catalog?limit=0", "/v1/catalog?limit=5001", "/v1/catalog?limit=ten",
                           "/v1/catalog?pending=2", "/v1/catalog?pending=yes"}) {
    res = cli->Get(path, hub.headers());
    INFO(path);
    CHECK(res->status == 400);
    CHECK(error_code(res) == "bad_request");
  }

  // A cursor not of this hub database is not an error: the answer starts over with reset.
  for (const char* path : {"/v1/catalog?since=abc", "/v1/catalog?since=0000000000000000001"}) {
    res = cli->Get(path, hub.headers());
    INFO(path);
    REQUIRE(res->status == 200);
    CHECK(wk::sync::parse_catalog_response(res->body).reset);
  }

  res = cli->Get("/v1/nothing", hub.headers());
  CHECK(res->status == 404);
  CHECK(error_code(res) == "not_found");
  res = cli->Get("/v1/push", hub.headers());
  CHECK(res->status == 404);
}

TEST_CASE("hub server: bodies over 16 MiB after decompression are refused (413)") {
  Hub hub;
  auto cli = hub.client();
  const std::string big = std::string(wk::sync::kMaxRequestBytes + 10, ' ');

  SECTION("plain") {
    auto res = cli->Post("/v1/push", hub.headers(), big, "application/json");
    CHECK(res->status == 413);
    CHECK(error_code(res) == "payload_too_large");
  }
  SECTION("gzip: small on the wire, too large once decompressed") {
    const std::string packed = wk::hub::test::gzip(big);
    CHECK(packed.size() < 100000);
    auto headers = hub.headers();
    headers.emplace("Content-Encoding", "gzip");
    auto res = cli->Post("/v1/push", headers, packed, "application/json");
    CHECK(res->status == 413);
    CHECK(error_code(res) == "payload_too_large");
  }
  SECTION("authentication is checked before the size") {
    auto res = cli->Post("/v1/push", hub.headers("x"), big, "application/json");
    REQUIRE(res);
    CHECK(res->status == 401);
  }
  // The connection (or a new one) still works.
  auto res = cli->Get("/v1/health");
  REQUIRE(res);
  CHECK(res->status == 200);
}

TEST_CASE("hub server: a push of 500 registrations as plain JSON, and compressed bodies on /v1/push only") {
  Hub hub;
  auto cli = hub.client();
  wk::sync::PushRequest batch{"term-1", {}};
  for (int i = 0; i < 500; ++i) batch.changes.push_back(wk::hub::test::registration_change(1 + i));
  const std::string body = wk::sync::to_json(batch);
  REQUIRE(body.size() > 500 * 1024);  // far above the 64 KiB of other routes
  auto res = cli->Post("/v1/push", hub.headers(), body, "application/json");
  REQUIRE(res);
  CHECK(res->status == 200);
  CHECK(hub.store.registration_count() == 500);
  // Elsewhere a compressed body could unpack to far more than its declared length: refused.
  auto headers = hub.headers();
  headers.emplace("Content-Encoding", "gzip");
  res = cli->Post("/v1/bookings/b-1/offer", headers, wk::hub::test::gzip("{}"), "application/json");
  REQUIRE(res);
  CHECK(res->status == 415);
  CHECK(hub.store.registration_count() == 500);
}

TEST_CASE("hub server: gzip request bodies and gzip responses") {
  Hub hub;
  auto cli = hub.client();
  cli->set_decompress(false);  // see the response as on the wire

  std::vector<std::pair<std::string, json>> items;
  for (int i = 0; i < 200; ++i) items.emplace_back("c-" + std::to_string(i), json{{"title", {{"de", "Deutsch"}}}});
  hub.store.upsert_items("course", items, false);

  auto headers = hub.headers();
  headers.emplace("Accept-Encoding", "gzip");
  auto res = cli->Get("/v1/catalog?limit=150", headers);
  REQUIRE(res);
  REQUIRE(res->status == 200);
  CHECK(res->get_header_value("Content-Encoding") == "gzip");
  const auto page = wk::sync::parse_catalog_response(wk::hub::test::gunzip(res->body));
  CHECK(page.items.size() == 150);
  CHECK(page.more);

  const wk::sync::PushRequest request{"term-1", {wk::hub::test::registration_change(1)}};
  headers.emplace("Content-Encoding", "gzip");
  res = cli->Post("/v1/push", headers, wk::hub::test::gzip(wk::sync::to_json(request)), "application/json");
  REQUIRE(res);
  REQUIRE(res->status == 200);
  const std::string body =
      res->get_header_value("Content-Encoding") == "gzip" ? wk::hub::test::gunzip(res->body) : res->body;
  CHECK(wk::sync::parse_push_response(body, request).results[0].status == wk::sync::PushResult::Status::applied);
  CHECK(hub.store.registration_count() == 1);

  // The logger counts a request just after its answer was sent: give it a moment.
  for (int i = 0; i < 200 && hub.server->stats().requests < 2; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  const auto stats = hub.server->stats();
  CHECK(stats.requests == 2);
  CHECK(stats.bytes_out < 10000);  // compressed
  CHECK(stats.bytes_in > 0);
}

TEST_CASE("hub server: catalog paging over HTTP sees every item once") {
  Hub hub;
  auto cli = hub.client();
  std::vector<std::pair<std::string, json>> items;
  for (int i = 0; i < 25; ++i) items.emplace_back("c-" + std::to_string(i), json{{"title", {{"de", "A"}}}});
  hub.store.upsert_items("course", items, false);

  std::string cursor;
  std::set<std::string> ids;
  int pulls = 0;
  while (true) {
    auto res = cli->Get(("/v1/catalog?limit=10&since=" + cursor).c_str(), hub.headers());
    REQUIRE(res);
    REQUIRE(res->status == 200);
    const auto page = wk::sync::parse_catalog_response(res->body);
    for (const auto& item : page.items) CHECK(ids.insert(item.id).second);
    cursor = page.cursor;
    ++pulls;
    if (!page.more) break;
  }
  CHECK(ids.size() == 25);
  CHECK(pulls == 3);
  auto res = cli->Get("/v1/catalog", hub.headers());  // default limit, from the start
  CHECK(wk::sync::parse_catalog_response(res->body).items.size() == 25);
}

TEST_CASE("hub server: certificate problems stop start() with a clear message") {
  QuietLog quiet;
  TempDir dir;
  HubStore store(":memory:");
  wk::hub::test::make_test_certificate(dir.path());
  ServeOptions options;
  options.port = 0;

  SECTION("missing certificate") {
    options.cert_file = dir / "nope.pem";
    options.key_file = dir / "key.pem";
    HubServer server(store, options);
    CHECK_THROWS_WITH(server.start(), Catch::Contains("nope.pem") && Catch::Contains("no such file"));
  }
  SECTION("a key of another certificate") {
    TempDir other;
    wk::hub::test::make_test_certificate(other.path());
    options.cert_file = dir / "cert.pem";
    options.key_file = other / "key.pem";
    HubServer server(store, options);
    CHECK_THROWS_WITH(server.start(), Catch::Contains("does not match"));
  }
  SECTION("not PEM") {
    wk::core::test::write_bytes(dir / "junk.pem", "hello");
    options.cert_file = dir / "junk.pem";
    options.key_file = dir / "key.pem";
    HubServer server(store, options);
    CHECK_THROWS_WITH(server.start(), Catch::Contains("cannot load certificate file"));
  }
  SECTION("an expired certificate") {
    wk::test::TestPki pki(dir / "pki");
    const auto leaf = pki.issue("old", {"localhost"}, {"127.0.0.1"}, std::chrono::hours(-48), std::chrono::hours(-24));
    options.cert_file = leaf.cert_file;
    options.key_file = leaf.key_file;
    HubServer server(store, options);
    CHECK_THROWS_WITH(server.start(), Catch::Contains("old.pem expired on") && Catch::Contains("renew it"));
  }
  SECTION("a certificate that expires within 30 days starts, with a warning") {
    std::vector<std::string> warnings;
    wk::core::log::set_sink([&](wk::core::log::Level level, std::string_view line) {
      if (level == wk::core::log::Level::warn) warnings.emplace_back(line);
    });
    wk::test::TestPki pki(dir / "pki");
    // Starts and stops a hub with a certificate valid for `days` more days.
    auto serve_with = [&](const std::string& name, int days) {
      const auto leaf =
          pki.issue(name, {"localhost"}, {"127.0.0.1"}, std::chrono::hours(-1), std::chrono::hours(24 * days));
      options.cert_file = leaf.cert_file;
      options.key_file = leaf.key_file;
      HubServer server(store, options);
      server.start();
      server.stop();
    };
    serve_with("soon", 10);
    serve_with("later", 90);
    wk::core::log::set_sink(nullptr);
    REQUIRE(warnings.size() == 1);
    CHECK(warnings[0].find("soon.pem expires on") != std::string::npos);
    // Ten days from when it was issued: 9 or 10 whole days are left, by the second it starts.
    CHECK((warnings[0].find("in 9 day(s)") != std::string::npos ||
           warnings[0].find("in 10 day(s)") != std::string::npos));
  }
  SECTION("address in use") {
    options.cert_file = dir / "cert.pem";
    options.key_file = dir / "key.pem";
    HubServer first(store, options);
    first.start();
    options.port = first.port();
    HubServer second(store, options);
    CHECK_THROWS_WITH(second.start(), Catch::Contains("cannot listen on 127.0.0.1:" + std::to_string(first.port())));
  }
}

TEST_CASE("hub server: stop() from another thread ends wait()") {
  Hub hub;
  std::thread stopper([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    hub.server->stop();
  });
  hub.server->wait();
  stopper.join();
  auto c = hub.client();
  c->set_connection_timeout(2);
  CHECK_FALSE(c->Get("/v1/health"));
}

TEST_CASE("hub server: code look-ups and offer answers are authenticated and limited per terminal") {
  Hub hub;
  auto cli = hub.client();
  // No token, no answer — and the code is checked only after authentication.
  auto res = cli->Get("/v1/codes/K7QM-4XRT-X", {{"Wk-Protocol", "1"}});
  CHECK(error_code(res) == "unauthorized");
  res = cli->Get("/v1/codes/K7QM-4XRT-X", hub.headers());
  REQUIRE(res);
  CHECK(res->status == 200);
  const auto lookup = wk::sync::parse_code_lookup(res->body);
  CHECK_FALSE(lookup.known);
  // An answer to an offer that does not exist says no more than that.
  res = cli->Post("/v1/bookings/0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b/offer", hub.headers(),
                  wk::sync::to_json(wk::sync::OfferReply{"K7QM-4XRT-X", "accept"}), "application/json");
  CHECK(error_code(res) == "no_offer");
  CHECK(res->status == 404);
  res = cli->Post("/v1/bookings/0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b/offer", hub.headers(),
                  R"({"protocol":1,"code":"K7QM-4XRT-X","answer":"later"})", "application/json");
  CHECK(error_code(res) == "bad_request");
  // The burst (10, the two requests above included) is used up by guessing; then 429 with a
  // Retry-After, for this terminal only.
  int limited = 0;
  for (int i = 0; i < 12; ++i) {
    res = cli->Get("/v1/codes/Y9EA-7T6N-F", hub.headers());
    REQUIRE(res);
    if (res->status == 429) {
      ++limited;
      CHECK(error_code(res) == "rate_limited");
      CHECK(std::stoi(res->get_header_value("Retry-After")) >= 1);
    }
  }
  CHECK(limited >= 4);
  const std::string other = hub.store.add_terminal("term-2");
  res = cli->Get("/v1/codes/Y9EA-7T6N-F", hub.headers(other));
  REQUIRE(res);
  CHECK(res->status == 200);
}

TEST_CASE("rate limiter: a burst, then one token per interval, per key") {
  wk::hub::RateLimiter limiter(60, 3);  // one a second, bursts of 3
  const auto t0 = wk::hub::RateLimiter::Clock::time_point{} + std::chrono::hours(1);
  for (int i = 0; i < 3; ++i) CHECK(limiter.allow("a", t0));
  int retry = 0;
  CHECK_FALSE(limiter.allow("a", t0, &retry));
  CHECK(retry == 1);
  CHECK(limiter.allow("b", t0));  // another key has its own bucket
  CHECK(limiter.allow("a", t0 + std::chrono::milliseconds(1000)));
  CHECK_FALSE(limiter.allow("a", t0 + std::chrono::milliseconds(1500)));
  CHECK(limiter.allow("a", t0 + std::chrono::seconds(10)));
  CHECK_THROWS_AS(wk::hub::RateLimiter(0, 1), std::invalid_argument);
}
