// The hub's front (sync/hub/front/) tried as an attacker would, on loopback against the real
// HubServer: slow handshakes and heads, header floods, bodies before the token, absurd or
// conflicting lengths, many connections from one address, token guessing, plain-text and weak
// TLS; and that honest requests go on meanwhile. Limits are set small so that every test ends
// within seconds; each waits with a bound.
#include "sync/hub/front/auth_penalty.hpp"
#include "sync/hub/front/request_head.hpp"
#include "sync/hub/hub_server.hpp"

#include "hub_test_support.hpp"
#include "raw_tls_client.hpp"
#include "tests/support/temp_dir.hpp"

#include "kiosk/core/log.hpp"

#include <httplib.h>
#include <catch2/catch.hpp>

#include <chrono>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

using namespace std::chrono_literals;
using wk::core::test::TempDir;
using wk::hub::FrontLimits;
using wk::hub::HeadResult;
using wk::hub::HubServer;
using wk::hub::HubStore;
using wk::hub::ServeOptions;
using wk::hub::test::connect_loopback;
using wk::hub::test::RawTls;
using wk::hub::test::status_of;

namespace {

// Keeps the log lines of one test.
struct LogCapture {
  std::mutex mutex;
  std::vector<std::pair<wk::core::log::Level, std::string>> lines;
  LogCapture() {
    wk::core::log::set_sink([this](wk::core::log::Level level, std::string_view line) {
      std::lock_guard lock(mutex);
      lines.emplace_back(level, std::string(line));
    });
  }
  ~LogCapture() { wk::core::log::set_sink(nullptr); }
  int count(std::string_view text, std::optional<wk::core::log::Level> level = std::nullopt) {
    std::lock_guard lock(mutex);
    int n = 0;
    for (const auto& [l, line] : lines)
      if (line.find(text) != std::string::npos && (!level || l == *level)) ++n;
    return n;
  }
};

struct FrontHub {
  LogCapture log;
  TempDir dir;
  HubStore store{dir / "hub.db"};
  std::unique_ptr<HubServer> server;
  std::string token;

  explicit FrontHub(const FrontLimits& limits, int threads = 2) {
    wk::hub::test::make_test_certificate(dir.path());
    token = store.add_terminal("term-1");
    ServeOptions options;
    options.port = 0;
    options.cert_file = dir / "cert.pem";
    options.key_file = dir / "key.pem";
    options.threads = threads;
    options.limits = limits;
    server = std::make_unique<HubServer>(store, options);
    server->start();
  }
  int port() const { return server->port(); }

  std::unique_ptr<httplib::SSLClient> client() const {
    auto c = std::make_unique<httplib::SSLClient>("localhost", server->port());
    c->set_ca_cert_path((dir / "cert.pem").c_str());
    c->enable_server_certificate_verification(true);
    c->set_connection_timeout(5);
    c->set_read_timeout(5);
    return c;
  }
  wk::hub::FrontCounters counters() const { return server->stats().front; }
};

// A fresh, honest health check; its status (0: no answer).
int health(const FrontHub& hub) {
  auto res = hub.client()->Get("/v1/health");
  return res ? res->status : 0;
}

// Waits up to `timeout` for `done`.
template <class F>
bool eventually(F done, std::chrono::milliseconds timeout = 5000ms) {
  const auto end = std::chrono::steady_clock::now() + timeout;
  while (!done()) {
    if (std::chrono::steady_clock::now() > end) return false;
    std::this_thread::sleep_for(20ms);
  }
  return true;
}

std::string push_head(const std::string& token, std::uint64_t length, const std::string& extra = "") {
  return "POST /v1/push HTTP/1.1\r\nHost: localhost\r\nWk-Protocol: 1\r\nAuthorization: Bearer " + token +
         "\r\nContent-Type: application/json\r\nContent-Length: " + std::to_string(length) + "\r\n" + extra + "\r\n";
}

}  // namespace

TEST_CASE("front: slow handshakes and slow heads hold no worker") {
  FrontLimits limits;
  limits.head_timeout = 20s;
  FrontHub hub(limits, 2);
  // 8 clients that never start TLS, 8 that stop in the middle of a head.
  std::vector<int> silent;
  for (int i = 0; i < 8; ++i) silent.push_back(connect_loopback(hub.port()));
  std::vector<std::unique_ptr<RawTls>> dribbling;
  for (int i = 0; i < 8; ++i) {
    dribbling.push_back(std::make_unique<RawTls>(hub.port()));
    REQUIRE(dribbling.back()->connected());
    REQUIRE(dribbling.back()->send("GET /v1/health HTTP/1.1\r\nHo"));
  }
  // Two workers, sixteen stalled clients: honest requests are answered all the same.
  for (int i = 0; i < 4; ++i) CHECK(health(hub) == 200);
  for (const int fd : silent) ::close(fd);
}

TEST_CASE("front: the handshake and the head have one time limit in all") {
  FrontLimits limits;
  limits.head_timeout = 800ms;
  FrontHub hub(limits, 2);
  const int silent = connect_loopback(hub.port());
  RawTls dribbler(hub.port());
  REQUIRE(dribbler.connected());
  // A byte every 100 ms keeps no connection alive: the head must be complete in time.
  const std::string head = "GET /v1/health HTTP/1.1\r\nHost: localhost\r\nX-Padding: aaaaaaaaaaaaaaaaaaaa\r\n\r\n";
  bool closed = false;
  const auto start = std::chrono::steady_clock::now();
  for (std::size_t i = 0; i < head.size() - 2 && !closed; ++i) {
    closed = !dribbler.send(head.substr(i, 1));
    std::this_thread::sleep_for(100ms);
    if (std::chrono::steady_clock::now() - start > 5s) break;
  }
  const std::string answer = dribbler.receive(2000ms);
  CHECK(status_of(answer) == 0);  // never served
  CHECK(wk::hub::test::closed_within(silent, 3000ms));
  ::close(silent);
  CHECK(eventually([&] { return hub.counters().head_timeouts >= 2; }));
  CHECK(hub.log.count("not complete in time") >= 2);
  CHECK(health(hub) == 200);
}

TEST_CASE("front: header count and head size are limited (431)") {
  FrontHub hub(FrontLimits{});
  SECTION("65 header fields") {
    RawTls c(hub.port());
    REQUIRE(c.connected());
    std::string head = "GET /v1/health HTTP/1.1\r\nHost: localhost\r\n";
    for (int i = 0; i < 64; ++i) head += "X-" + std::to_string(i) + ": 1\r\n";
    REQUIRE(c.send(head + "\r\n"));
    const std::string answer = c.receive(3000ms);
    CHECK(status_of(answer) == 431);
    CHECK(answer.find("Connection: close") != std::string::npos);
    CHECK(answer.find("\"bad_request\"") != std::string::npos);
  }
  SECTION("a flood of header fields is cut off at the limit, not read to its end") {
    RawTls c(hub.port());
    REQUIRE(c.connected());
    c.send("GET /v1/health HTTP/1.1\r\n");
    std::string many;
    for (int i = 0; i < 1000; ++i) many += "X: y\r\n";
    bool sending = true;
    for (int round = 0; round < 400 && sending; ++round) sending = c.send(many);  // up to 400,000 fields
    // Answered once the limit was passed; what came after was dropped unread.
    CHECK(status_of(c.receive(3000ms)) == 431);
    CHECK(hub.counters().heads_refused == 1);
  }
  SECTION("one long field") {
    RawTls c(hub.port());
    REQUIRE(c.connected());
    REQUIRE(c.send("GET /v1/health HTTP/1.1\r\nX-Long: " + std::string(20000, 'a') + "\r\n\r\n"));
    CHECK(status_of(c.receive(3000ms)) == 431);
  }
  CHECK(health(hub) == 200);
}

TEST_CASE("front: the token and protocol are checked before any byte of the body") {
  FrontHub hub(FrontLimits{});
  const std::uint64_t sixteen_mib = 16 * 1024 * 1024;
  SECTION("a wrong token: 401 without the body") {
    RawTls c(hub.port());
    REQUIRE(c.connected());
    REQUIRE(c.send(push_head("wrong", sixteen_mib)));
    const std::string answer = c.receive(3000ms, "}");
    CHECK(status_of(answer) == 401);
    CHECK(answer.find("\"unauthorized\"") != std::string::npos);
  }
  SECTION("no protocol header: 426 without the body") {
    RawTls c(hub.port());
    REQUIRE(c.connected());
    REQUIRE(
        c.send("POST /v1/push HTTP/1.1\r\nAuthorization: Bearer " + hub.token + "\r\nContent-Length: 100000\r\n\r\n"));
    CHECK(status_of(c.receive(3000ms, "}")) == 426);
  }
  SECTION("Expect: 100-continue hears the refusal, not 'continue'") {
    RawTls c(hub.port());
    REQUIRE(c.connected());
    REQUIRE(c.send(push_head("wrong", sixteen_mib, "Expect: 100-continue\r\n")));
    const std::string answer = c.receive(3000ms, "}");
    CHECK(status_of(answer) == 401);
    CHECK(answer.find("100 Continue") == std::string::npos);
  }
  SECTION("the right token: 100 Continue, then the push is read") {
    RawTls c(hub.port());
    REQUIRE(c.connected());
    const std::string body = wk::sync::to_json(wk::sync::PushRequest{"term-1", {}});
    REQUIRE(c.send(push_head(hub.token, body.size(), "Expect: 100-continue\r\n")));
    CHECK(status_of(c.receive(3000ms, "\r\n\r\n")) == 100);
    REQUIRE(c.send(body));
    CHECK(status_of(c.receive(3000ms, "}")) == 200);
  }
}

TEST_CASE("front: a body must keep a minimum rate") {
  FrontLimits limits;
  limits.head_timeout = 500ms;
  limits.min_rate = 1000;  // 2,000 bytes: 0.5 s + 2 s in all
  FrontHub hub(limits);
  RawTls c(hub.port());
  REQUIRE(c.connected());
  REQUIRE(c.send(push_head(hub.token, 2000)));
  const auto start = std::chrono::steady_clock::now();
  bool open = true;
  std::string answer;
  // 100 bytes every 400 ms: 250 bytes a second, a quarter of the rate asked for.
  while (open && std::chrono::steady_clock::now() - start < 8s) {
    open = c.send(std::string(100, ' '));
    answer += c.receive(400ms);
    open = open && !c.closed();
  }
  const auto took = std::chrono::steady_clock::now() - start;
  CHECK_FALSE(open);  // the hub gave up on it
  CHECK(took < 6s);   // at its deadline, not at the end of the body
  CHECK(took > 2s);   // and not before
  CHECK((status_of(answer) == 400 || answer.empty()));
  CHECK(health(hub) == 200);
}

TEST_CASE("front: absurd and conflicting lengths are refused at once") {
  FrontHub hub(FrontLimits{});
  struct Case {
    const char* name;
    std::string head;
    int status;
  };
  const std::string auth = "Wk-Protocol: 1\r\nAuthorization: Bearer " + hub.token + "\r\n";
  const std::vector<Case> cases = {
      {"a petabyte", "POST /v1/push HTTP/1.1\r\n" + auth + "Content-Length: 1000000000000000\r\n\r\n", 413},
      {"over the push limit", "POST /v1/push HTTP/1.1\r\n" + auth + "Content-Length: 20000000\r\n\r\n", 413},
      {"a large body elsewhere", "POST /v1/bookings/x/offer HTTP/1.1\r\n" + auth + "Content-Length: 70000\r\n\r\n",
       413},
      {"Content-Length and Transfer-Encoding",
       "POST /v1/push HTTP/1.1\r\n" + auth + "Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n", 400},
      {"chunked", "POST /v1/push HTTP/1.1\r\n" + auth + "Transfer-Encoding: chunked\r\n\r\n", 411},
      {"two lengths", "POST /v1/push HTTP/1.1\r\n" + auth + "Content-Length: 5\r\nContent-Length: 6\r\n\r\n", 400},
      {"a length not a number", "POST /v1/push HTTP/1.1\r\n" + auth + "Content-Length: 5x\r\n\r\n", 400},
      {"a bare LF", "GET /v1/health HTTP/1.1\nHost: x\n\n", 400},
      {"a folded line", "GET /v1/health HTTP/1.1\r\nX: a\r\n b\r\n\r\n", 400},
      {"HTTP/2 preface", "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", 400},
  };
  for (const Case& c : cases) {
    INFO(c.name);
    RawTls client(hub.port());
    REQUIRE(client.connected());
    const auto start = std::chrono::steady_clock::now();
    REQUIRE(client.send(c.head));
    const std::string answer = client.receive(5000ms);
    CHECK(status_of(answer) == c.status);
    CHECK(client.closed());
    CHECK(std::chrono::steady_clock::now() - start < 4s);  // answered, not timed out
  }
  CHECK(hub.counters().bodies_refused == 3);
  CHECK(hub.counters().heads_refused == 7);
  CHECK(health(hub) == 200);
}

TEST_CASE("front: connections per address and in all are limited") {
  FrontLimits limits;
  limits.max_connections_per_address = 3;
  limits.max_connections = 100;
  SECTION("per address") {
    FrontHub hub(limits);
    std::vector<std::unique_ptr<RawTls>> open;
    for (int i = 0; i < 3; ++i) {
      open.push_back(std::make_unique<RawTls>(hub.port()));
      REQUIRE(open.back()->connected());
    }
    RawTls fourth(hub.port());
    CHECK_FALSE(fourth.connected());
    CHECK(hub.counters().over_address_limit == 1);
    CHECK(hub.log.count("connections open from this address (limit 3)") == 1);
    open.pop_back();
    CHECK(eventually([&] { return RawTls(hub.port()).connected(); }));
  }
  SECTION("in all") {
    limits.max_connections = 2;
    FrontHub hub(limits);
    RawTls a(hub.port()), b(hub.port());
    REQUIRE(a.connected());
    REQUIRE(b.connected());
    CHECK_FALSE(RawTls(hub.port()).connected());
    CHECK(hub.counters().over_connection_limit == 1);
  }
}

TEST_CASE("front: repeated wrong tokens from one address meet a growing wait") {
  FrontLimits limits;
  limits.free_auth_failures = 2;
  limits.max_auth_delay = 2s;
  FrontHub hub(limits);
  auto cli = hub.client();
  const httplib::Headers wrong = {{"Wk-Protocol", "1"}, {"Authorization", "Bearer guess"}};
  const auto timed = [&] {
    const auto start = std::chrono::steady_clock::now();
    auto res = cli->Get("/v1/catalog", wrong);
    REQUIRE(res);
    CHECK(res->status == 401);
    return std::chrono::steady_clock::now() - start;
  };
  for (int i = 0; i < 3; ++i) CHECK(timed() < 900ms);  // two free, the third sets the wait
  CHECK(timed() >= 900ms);                             // 1 s
  CHECK(timed() >= 1900ms);                            // 2 s (the cap)
  CHECK(hub.counters().delayed == 2);
  CHECK(hub.counters().auth_failures == 5);
  // Every refusal is logged at warn with the client's address.
  CHECK(hub.log.count("GET /v1/catalog 401 client=127.0.0.1 terminal=-", wk::core::log::Level::warn) == 5);
  // Served requests name the client too.
  CHECK(health(hub) == 200);
  CHECK(hub.log.count("GET /v1/health 200 client=127.0.0.1", wk::core::log::Level::info) == 1);
}

TEST_CASE("front: failed TLS handshakes are logged, a few a minute") {
  FrontLimits limits;
  limits.tls_failure_logs_per_minute = 3;
  FrontHub hub(limits);
  for (int i = 0; i < 10; ++i) {
    const int fd = connect_loopback(hub.port());
    REQUIRE(fd >= 0);
    const std::string plain = "GET /v1/health HTTP/1.1\r\nHost: localhost\r\n\r\n";
    CHECK(::send(fd, plain.data(), plain.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(plain.size()));
    CHECK(wk::hub::test::closed_within(fd, 3000ms));
    ::close(fd);
  }
  CHECK(eventually([&] { return hub.counters().tls_failures == 10; }));
  CHECK(hub.log.count("TLS handshake from 127.0.0.1 failed", wk::core::log::Level::warn) == 3);
  CHECK(health(hub) == 200);
}

TEST_CASE("front: only ECDHE with AEAD ciphers, TLS 1.2 and 1.3") {
  FrontHub hub(FrontLimits{});
  RawTls::Options gcm;
  gcm.max_version = TLS1_2_VERSION;
  gcm.ciphers = "ECDHE-ECDSA-AES128-GCM-SHA256";
  RawTls ok12(hub.port(), gcm);
  CHECK(ok12.connected());
  CHECK(ok12.cipher() == "ECDHE-ECDSA-AES128-GCM-SHA256");

  RawTls::Options cbc = gcm;
  cbc.ciphers = "ECDHE-ECDSA-AES128-SHA:ECDHE-ECDSA-AES256-SHA384";
  CHECK_FALSE(RawTls(hub.port(), cbc).connected());

  RawTls::Options tls11;
  tls11.max_version = TLS1_1_VERSION;
  tls11.ciphers = "ALL:@SECLEVEL=0";
  CHECK_FALSE(RawTls(hub.port(), tls11).connected());

  RawTls::Options tls13;
  tls13.min_version = TLS1_3_VERSION;
  RawTls ok13(hub.port(), tls13);
  CHECK(ok13.connected());
}

TEST_CASE("front: keep-alive, pipelining and the idle limit") {
  FrontLimits limits;
  limits.idle_timeout = 500ms;
  FrontHub hub(limits);
  RawTls c(hub.port());
  REQUIRE(c.connected());
  const std::string one = "GET /v1/health HTTP/1.1\r\nHost: localhost\r\n\r\n";
  REQUIRE(c.send(one + one));  // two requests in one write
  std::string answers = c.receive(3000ms);
  // Both answered in order on the one connection, which then closes once idle.
  CHECK(status_of(answers) == 200);
  const auto second = answers.find("HTTP/1.1 200", 12);
  CHECK(second != std::string::npos);
  CHECK(c.closed());
  CHECK(hub.counters().head_timeouts == 0);  // idle is not a timeout
}

// [SECTION] The pieces

TEST_CASE("request head: complete, incomplete and refused") {
  const wk::hub::HeadLimits limits{1024, 4};
  using S = HeadResult::Status;
  auto r = wk::hub::parse_request_head("GET /v1/health HTTP/1.1\r\nHost: a\r\n\r\nrest", limits);
  REQUIRE(r.status == S::complete);
  CHECK(r.head.method == "GET");
  CHECK(r.head.target == "/v1/health");
  CHECK(r.head.size == 36);
  CHECK(r.head.keep_alive);
  CHECK(wk::hub::parse_request_head("GET /v1/health HTTP/1.1\r\nHost: a\r\n", limits).status == S::incomplete);
  r = wk::hub::parse_request_head("POST /x HTTP/1.0\r\ncontent-length: 12\r\n\r\n", limits);
  REQUIRE(r.status == S::complete);
  CHECK(r.head.content_length == 12);
  CHECK_FALSE(r.head.keep_alive);
  CHECK(
      wk::hub::parse_request_head("GET / HTTP/1.1\r\nConnection: keep-alive, Close\r\n\r\n", limits).head.keep_alive ==
      false);
  // Five fields with four allowed: refused as soon as the fifth line ends.
  r = wk::hub::parse_request_head("GET / HTTP/1.1\r\na: 1\r\nb: 1\r\nc: 1\r\nd: 1\r\ne: 1\r\n", limits);
  CHECK(r.status == S::refused);
  CHECK(r.http_status == 431);
  CHECK(wk::hub::parse_request_head(std::string(1025, 'a'), limits).http_status == 431);
  for (const char* bad :
       {"GET  / HTTP/1.1\r\n\r\n", "GET / HTTP/1.1 x\r\n\r\n", "GET x HTTP/1.1\r\n\r\n", "GET / HTTP/2\r\n\r\n",
        "G(T / HTTP/1.1\r\n\r\n", "GET / HTTP/1.1\r\nNo colon\r\n\r\n", "GET / HTTP/1.1\r\nX: a\x01\r\n\r\n",
        "\r\n\r\n", "GET /\x7f HTTP/1.1\r\n\r\n", "GET / HTTP/1.1\r\nContent-Length: 99999999999999999999\r\n\r\n",
        "GET / HTTP/1.1\r\nContent-Length: -1\r\n\r\n"}) {
    INFO(bad);
    CHECK(wk::hub::parse_request_head(bad, limits).status == S::refused);
  }
}

TEST_CASE("auth penalty: free failures, then a doubling wait up to the cap, then forgotten") {
  using Clock = wk::hub::AuthPenalty::Clock;
  wk::hub::AuthPenalty penalty(2, 8s, 60s);
  const Clock::time_point t0{};
  penalty.note_failure("a", t0);
  penalty.note_failure("a", t0);
  CHECK(penalty.not_before("a", t0) == t0);
  const std::vector<std::chrono::seconds> waits = {1s, 2s, 4s, 8s, 8s};
  for (const auto wait : waits) {
    penalty.note_failure("a", t0);
    CHECK(penalty.not_before("a", t0) == t0 + wait);
  }
  CHECK(penalty.not_before("b", t0) == t0);  // per address
  CHECK(penalty.not_before("a", t0 + 61s) == t0 + 61s);
  CHECK(penalty.size() == 0);
  // A flood of addresses stays bounded.
  wk::hub::AuthPenalty small(0, 1s, 60s, 100);
  for (int i = 0; i < 1000; ++i) small.note_failure(std::to_string(i), t0 + std::chrono::milliseconds(i));
  CHECK(small.size() <= 100);
  CHECK(small.not_before("999", t0 + 999ms) > t0 + 999ms);
}
