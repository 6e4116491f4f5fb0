// The terminal's HTTPS client and gzip bodies, against throw-away TLS servers on 127.0.0.1
// (cpp-httplib) with certificates from a throw-away PKI (tests/support/test_pki).
//
// Fail-closed checks: every refusal must come as TransportError of the right kind, with a
// message that says what went wrong and never contains the Authorization header's value.
#include "sync/transport/gzip.hpp"
#include "sync/transport/http_client.hpp"
#include "tests/support/test_pki.hpp"

#include <httplib.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <unistd.h>
#include "tests/support/temp_dir.hpp"

#include <catch2/catch.hpp>

#include <atomic>
#include <functional>
#include <mutex>
#include <random>
#include <thread>

using namespace std::chrono_literals;
using Catch::Matchers::Contains;
using wk::sync::ClientOptions;
using wk::sync::gzip_compress;
using wk::sync::gzip_decompress;
using wk::sync::GzipDecoder;
using wk::sync::GzipError;
using wk::sync::HttpClient;
using wk::sync::HttpResponse;
using wk::sync::TransportError;
using wk::test::TestPki;
using Kind = TransportError::Kind;

namespace {

// [SECTION] Fixtures

constexpr const char* kSecret = "s3cr3t-T0KEN-never-logged";

using wk::test::TempDir;

// An HTTPS server on 127.0.0.1 on a free port, serving the routes `setup` installs, until destroyed.
// Destroy clients before their server: a kept-alive connection otherwise delays shutdown.
class TestServer {
 public:
  TestServer(const TestPki::Leaf& leaf, const std::function<void(httplib::Server&)>& setup)
      : server_(leaf.cert_file.c_str(), leaf.key_file.c_str()) {
    REQUIRE(server_.is_valid());
    server_.set_keep_alive_timeout(1);
    setup(server_);
    port_ = server_.bind_to_any_port("127.0.0.1");
    REQUIRE(port_ > 0);
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    while (!server_.is_running()) std::this_thread::sleep_for(1ms);
  }
  ~TestServer() {
    server_.stop();
    thread_.join();
  }
  int port() const { return port_; }
  std::string url(const std::string& host = "127.0.0.1") const {
    return "https://" + host + ":" + std::to_string(port_);
  }

 private:
  httplib::SSLServer server_;
  int port_ = 0;
  std::thread thread_;
};

// A PKI in a temporary directory with the usual valid server certificate.
struct Pki {
  TempDir dir;
  TestPki pki{dir.path() / "pki"};
  TestPki::Leaf hub = pki.issue("hub", {"localhost"}, {"127.0.0.1"});
};

ClientOptions options_for(const std::string& base_url, const std::filesystem::path& ca_file) {
  ClientOptions o;
  o.base_url = base_url;
  o.ca_file = ca_file;
  o.connect_timeout = 2s;
  o.total_timeout = 5s;
  o.headers = {{"Authorization", std::string("Bearer ") + kSecret}, {"Wk-Protocol", "1"}};
  return o;
}

// Runs `fn`, which must throw TransportError of `kind` whose message contains every one of
// `parts`; the message must never contain the token. Returns the message.
template <typename Fn>
std::string expect_error(Fn&& fn, Kind kind, std::initializer_list<std::string> parts = {}) {
  try {
    fn();
  } catch (const TransportError& e) {
    const std::string message = e.what();
    INFO("message: " << message);
    CHECK(wk::sync::to_string(e.kind()) == std::string(wk::sync::to_string(kind)));
    for (const std::string& part : parts) CHECK_THAT(message, Contains(part));
    CHECK_THAT(message, !Contains(kSecret));
    CHECK_THAT(message, !Contains("Bearer"));
    return message;
  }
  FAIL("no TransportError thrown");
  return {};
}

std::string json_of_size(std::size_t size) {
  std::string s = "{\"protocol\":1,\"pad\":\"";
  std::mt19937 rng(42);
  while (s.size() + 2 < size) s += static_cast<char>('a' + rng() % 4);
  return s + "\"}";
}

std::string random_bytes(std::size_t size, unsigned seed = 7) {
  std::mt19937 rng(seed);
  std::string s(size, '\0');
  for (char& c : s) c = static_cast<char>(rng());
  return s;
}

// A TCP port on 127.0.0.1 where nothing listens, held while the object lives: bound but not
// listening (connections are refused), so no test running beside this one can take it meanwhile.
class ClosedPort {
 public:
  ClosedPort() : fd_(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0)) {
    REQUIRE(fd_ >= 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(::bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
    socklen_t len = sizeof addr;
    REQUIRE(::getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &len) == 0);
    port_ = ntohs(addr.sin_port);
  }
  ~ClosedPort() { ::close(fd_); }
  ClosedPort(const ClosedPort&) = delete;
  ClosedPort& operator=(const ClosedPort&) = delete;
  int port() const { return port_; }

 private:
  int fd_;
  int port_ = 0;
};

// A plain TCP listener on 127.0.0.1 that answers every connection with `reply` (maybe nothing)
// and closes it: a peer that cuts the TLS handshake, or one that does not speak TLS at all.
class RawServer {
 public:
  explicit RawServer(std::string reply) : reply_(std::move(reply)) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    REQUIRE(fd_ >= 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(::bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
    REQUIRE(::listen(fd_, 8) == 0);
    socklen_t len = sizeof addr;
    REQUIRE(::getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &len) == 0);
    port_ = ntohs(addr.sin_port);
    thread_ = std::thread([this] { run(); });
  }
  ~RawServer() {
    stop_ = true;
    thread_.join();
    ::close(fd_);
  }
  std::string url() const { return "https://127.0.0.1:" + std::to_string(port_); }

 private:
  void run() {
    while (!stop_) {
      pollfd pfd{fd_, POLLIN, 0};
      if (::poll(&pfd, 1, 20) <= 0) continue;
      const int conn = ::accept(fd_, nullptr, nullptr);
      if (conn < 0) continue;
      char buf[4096];
      pollfd in{conn, POLLIN, 0};
      if (::poll(&in, 1, 1000) > 0) (void)::read(conn, buf, sizeof buf);  // the ClientHello
      if (!reply_.empty()) (void)::write(conn, reply_.data(), reply_.size());
      ::close(conn);
    }
  }
  std::string reply_;
  int fd_ = -1;
  int port_ = 0;
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

}  // namespace

// [SECTION] gzip

TEST_CASE("gzip round trip", "[gzip]") {
  for (const std::string& data : {std::string(), std::string("x"), json_of_size(5000), random_bytes(300'000)}) {
    const std::string packed = gzip_compress(data);
    REQUIRE(packed.size() >= 18);
    CHECK(static_cast<unsigned char>(packed[0]) == 0x1f);
    CHECK(static_cast<unsigned char>(packed[1]) == 0x8b);
    CHECK(gzip_decompress(packed, data.size()) == data);
  }
  // Compressible data gets smaller.
  CHECK(gzip_compress(std::string(100'000, 'a')).size() < 1000);
}

TEST_CASE("gzip decoder accepts input in pieces and concatenated members", "[gzip]") {
  const std::string a = json_of_size(20'000);
  const std::string b = "second member";
  const std::string packed = gzip_compress(a) + gzip_compress(b);
  GzipDecoder decoder(1 << 20);
  std::string out;
  for (char c : packed) decoder.feed(std::string_view(&c, 1), out);
  decoder.finish();
  CHECK(out == a + b);
  CHECK(decoder.bytes_in() == packed.size());
  CHECK(decoder.bytes_out() == out.size());
}

TEST_CASE("gzip rejects empty, truncated, damaged and trailing input", "[gzip]") {
  const std::string data = json_of_size(10'000);
  const std::string packed = gzip_compress(data);
  auto kind_of = [](const std::string& input) {
    try {
      gzip_decompress(input, 1 << 20);
    } catch (const GzipError& e) {
      return e.kind() == GzipError::Kind::corrupt ? std::string("corrupt: ") + e.what() : std::string("too_large");
    }
    return std::string("accepted");
  };
  CHECK_THAT(kind_of(""), Contains("corrupt") && Contains("no data"));
  CHECK_THAT(kind_of(packed.substr(0, packed.size() - 1)), Contains("corrupt") && Contains("truncated"));
  CHECK_THAT(kind_of(packed.substr(0, 10)), Contains("truncated"));
  CHECK_THAT(kind_of("not gzip at all"), Contains("corrupt"));
  std::string bad_crc = packed;
  bad_crc[bad_crc.size() - 6] ^= 0x55;  // inside the CRC-32 trailer
  CHECK_THAT(kind_of(bad_crc), Contains("corrupt"));
  std::string bad_body = packed;
  bad_body[bad_body.size() / 2] ^= 0xff;
  CHECK_THAT(kind_of(bad_body), Contains("corrupt"));
  CHECK_THAT(kind_of(packed + "garbage"), Contains("corrupt"));
  // The same decoder stays failed.
  GzipDecoder decoder(1 << 20);
  std::string out;
  CHECK_THROWS_AS(decoder.feed("garbage!", out), GzipError);
  CHECK_THROWS_AS(decoder.feed(packed, out), GzipError);
  CHECK_THROWS_AS(decoder.finish(), GzipError);
}

TEST_CASE("gzip decompression stops at the cap", "[gzip]") {
  const std::string data(100'000, 'z');
  const std::string packed = gzip_compress(data);
  CHECK(gzip_decompress(packed, data.size()) == data);  // exactly at the cap
  try {
    gzip_decompress(packed, data.size() - 1);
    FAIL("no error");
  } catch (const GzipError& e) {
    CHECK(e.kind() == GzipError::Kind::too_large);
    CHECK_THAT(e.what(), Contains("99999"));
  }
  // A bomb: 64 MiB of zeros in ~64 KiB; the decoder never holds more than the cap.
  const std::string bomb = gzip_compress(std::string(std::size_t{64} << 20, '\0'));
  CHECK(bomb.size() < 100'000);
  GzipDecoder decoder(1 << 20);
  std::string out;
  try {
    decoder.feed(bomb, out);
    FAIL("no error");
  } catch (const GzipError& e) {
    CHECK(e.kind() == GzipError::Kind::too_large);
  }
  CHECK(out.size() <= std::size_t{1} << 20);
  CHECK(decoder.bytes_out() <= std::size_t{1} << 20);
}

// [SECTION] Requests that work

TEST_CASE("GET and POST over verified TLS, gzip both ways, keep-alive, stats", "[transport]") {
  Pki p;
  std::mutex m;
  std::string seen_encoding, seen_body, seen_auth, seen_type, seen_length, seen_accept;
  std::vector<int> remote_ports;
  const std::string big_response = json_of_size(50'000);
  TestServer server(p.hub, [&](httplib::Server& s) {
    s.Get("/v1/ping", [&](const httplib::Request& req, httplib::Response& res) {
      std::lock_guard lock(m);
      remote_ports.push_back(req.remote_port);
      seen_auth = req.get_header_value("Authorization");
      seen_accept = req.get_header_value("Accept-Encoding");
      res.set_content(R"({"protocol":1,"status":"ok"})", "text/plain");
    });
    s.Get("/v1/big", [&](const httplib::Request& req, httplib::Response& res) {
      std::lock_guard lock(m);
      remote_ports.push_back(req.remote_port);
      res.set_content(big_response, "application/json");  // httplib gzips it (Accept-Encoding: gzip)
    });
    s.Post("/v1/push", [&](const httplib::Request& req, httplib::Response& res) {
      std::lock_guard lock(m);
      seen_encoding = req.get_header_value("Content-Encoding");
      seen_type = req.get_header_value("Content-Type");
      seen_length = req.get_header_value("Content-Length");
      seen_body = req.body;  // httplib decompressed it
      res.status = 201;
      res.set_content("{}", "application/json");
    });
  });

  wk::sync::TransferMeter meter;
  ClientOptions metered = options_for(server.url(), p.pki.ca_file());
  metered.meter = &meter;
  HttpClient client(std::move(metered));

  SECTION("the meter follows a request's bytes to the end") {
    CHECK(client.get("/v1/big").status == 200);
    CHECK(meter.total > 0);
    CHECK(meter.now == meter.total);
  }

  SECTION("GET, Authorization sent, status and content type returned, connection reused") {
    const HttpResponse r = client.get("/v1/ping");
    CHECK(r.status == 200);
    CHECK(r.body == R"({"protocol":1,"status":"ok"})");
    CHECK(r.content_type == "text/plain");
    CHECK(client.get("/v1/ping").status == 200);
    std::lock_guard lock(m);
    CHECK(seen_auth == std::string("Bearer ") + kSecret);
    CHECK(seen_accept == "gzip");
    REQUIRE(remote_ports.size() == 2);
    CHECK(remote_ports[0] == remote_ports[1]);  // keep-alive: the same TCP connection
    CHECK(client.stats().requests == 2);
  }

  SECTION("a gzip response is decoded; stats count the compressed bytes") {
    const HttpResponse r = client.get("/v1/big");
    CHECK(r.status == 200);
    CHECK(r.body == big_response);
    CHECK(client.stats().bytes_received > 0);
    CHECK(client.stats().bytes_received < big_response.size() / 2);
  }

  SECTION("a POST over 1 KiB is sent gzip-compressed and arrives intact") {
    const std::string body = json_of_size(30'000);
    const HttpResponse r = client.post_json("/v1/push", body);
    CHECK(r.status == 201);
    CHECK(r.body == "{}");
    std::lock_guard lock(m);
    CHECK(seen_encoding == "gzip");
    CHECK(seen_type == "application/json");
    CHECK(seen_body == body);
    CHECK(client.stats().requests == 1);
    CHECK(client.stats().bytes_sent == std::stoull(seen_length));
    CHECK(client.stats().bytes_sent < body.size() / 2);
  }

  SECTION("a POST up to 1 KiB is sent as it is") {
    const std::string body = json_of_size(1024);
    REQUIRE(body.size() == 1024);
    CHECK(client.post_json("/v1/push", body).status == 201);
    std::lock_guard lock(m);
    CHECK(seen_encoding.empty());
    CHECK(seen_body == body);
    CHECK(client.stats().bytes_sent == 1024);
  }

  SECTION("non-2xx statuses are returned, not thrown") {
    const HttpResponse r = client.get("/v1/missing");
    CHECK(r.status == 404);
  }
}

TEST_CASE("the host name may be a DNS name from the certificate", "[transport]") {
  Pki p;
  TestServer server(p.hub, [](httplib::Server& s) {
    s.Get("/", [](const httplib::Request&, httplib::Response& res) { res.set_content("hi", "text/plain"); });
  });
  HttpClient client(options_for(server.url("localhost") + "/", p.pki.ca_file()));  // trailing '/' is fine
  CHECK(client.get("/").body == "hi");
}

TEST_CASE("pinned public keys: any one matching pin is enough, none matching fails", "[transport]") {
  Pki p;
  TestServer server(p.hub, [](httplib::Server& s) {
    s.Get("/", [](const httplib::Request&, httplib::Response& res) { res.set_content("pinned", "text/plain"); });
  });
  ClientOptions o = options_for(server.url(), p.pki.ca_file());

  SECTION("the right pin among two") {
    o.pinned_keys = {p.pki.ca_pin(), p.hub.pin};
    HttpClient client(o);
    CHECK(client.get("/").body == "pinned");
  }
  SECTION("a wrong pin") {
    o.pinned_keys = {p.pki.ca_pin()};
    HttpClient client(o);
    expect_error([&] { client.get("/"); }, Kind::tls, {"pinned", server.url()});
  }
  SECTION("a malformed pin is refused at construction") {
    o.pinned_keys = {p.hub.pin, "sha256//tooshort="};
    CHECK_THROWS_AS(HttpClient(o), std::invalid_argument);
    o.pinned_keys = {"md5//" + p.hub.pin.substr(8)};
    CHECK_THROWS_AS(HttpClient(o), std::invalid_argument);
  }
}

// [SECTION] Fail closed: TLS

TEST_CASE("TLS failures are refused with kind tls", "[transport]") {
  Pki p;
  auto serve = [](const TestPki::Leaf& leaf) {
    return std::make_unique<TestServer>(leaf, [](httplib::Server& s) {
      s.Get("/", [](const httplib::Request&, httplib::Response& res) { res.set_content("x", "text/plain"); });
    });
  };

  SECTION("a certificate from another CA") {
    TestPki other(p.dir.path() / "other", "Other CA");
    auto server = serve(p.hub);
    HttpClient client(options_for(server->url(), other.ca_file()));
    expect_error([&] { client.get("/"); }, Kind::tls,
                 {"not issued by the configured CA", "other", "GET https://127.0.0.1:"});
  }
  SECTION("a certificate for another host name, reached by IP") {
    auto server = serve(p.pki.issue("elsewhere", {"hub.example.org"}, {}));
    HttpClient client(options_for(server->url(), p.pki.ca_file()));
    expect_error([&] { client.get("/"); }, Kind::tls, {"not valid for the host name 127.0.0.1"});
  }
  SECTION("a certificate for localhost only, reached by IP") {
    auto server = serve(p.pki.issue("localonly", {"localhost"}, {}));
    HttpClient client(options_for(server->url(), p.pki.ca_file()));
    expect_error([&] { client.get("/"); }, Kind::tls, {"not valid for the host name"});
  }
  SECTION("a certificate for 127.0.0.1 only, reached as localhost") {
    auto server = serve(p.pki.issue("iponly", {}, {"127.0.0.1"}));
    HttpClient client(options_for(server->url("localhost"), p.pki.ca_file()));
    expect_error([&] { client.get("/"); }, Kind::tls, {"not valid for the host name localhost"});
  }
  SECTION("an expired certificate") {
    auto server = serve(p.pki.issue("expired", {"localhost"}, {"127.0.0.1"}, -48h, -24h));
    HttpClient client(options_for(server->url(), p.pki.ca_file()));
    expect_error([&] { client.get("/"); }, Kind::tls, {"expired"});
  }
  SECTION("a certificate not valid yet") {
    auto server = serve(p.pki.issue("future", {"localhost"}, {"127.0.0.1"}, 24h, 48h));
    HttpClient client(options_for(server->url(), p.pki.ca_file()));
    expect_error([&] { client.get("/"); }, Kind::tls, {"not valid yet"});
  }
}

TEST_CASE("an unusable CA file is refused at construction with kind tls", "[transport]") {
  Pki p;
  const std::string url = "https://127.0.0.1:1";
  expect_error([&] { HttpClient(options_for(url, p.dir.path() / "missing.pem")); }, Kind::tls, {"missing.pem"});
  expect_error([&] { HttpClient(options_for(url, p.hub.key_file)); }, Kind::tls, {"hub.key", "no PEM certificate"});
  expect_error([&] { HttpClient(options_for(url, "")); }, Kind::tls, {"no CA file"});
}

// [SECTION] Fail closed: URLs and redirects

TEST_CASE("only https:// base URLs are accepted", "[transport]") {
  Pki p;
  expect_error([&] { HttpClient(options_for("http://127.0.0.1:8080", p.pki.ca_file())); }, Kind::refused,
               {"only https:// is allowed", "http://127.0.0.1:8080"});
  expect_error([&] { HttpClient(options_for("HTTP://hub.example", p.pki.ca_file())); }, Kind::refused);
  expect_error([&] { HttpClient(options_for("ftp://hub.example", p.pki.ca_file())); }, Kind::refused);
  expect_error([&] { HttpClient(options_for("hub.example", p.pki.ca_file())); }, Kind::refused);
  // Credentials are never echoed.
  const std::string m =
      expect_error([&] { HttpClient(options_for("http://user:hunter2@hub.example", p.pki.ca_file())); }, Kind::refused);
  CHECK_THAT(m, !Contains("hunter2"));
  CHECK_THROWS_AS(HttpClient(options_for("https://user:pw@hub.example", p.pki.ca_file())), std::invalid_argument);
  CHECK_THROWS_AS(HttpClient(options_for("https://hub.example/?a=1", p.pki.ca_file())), std::invalid_argument);
  CHECK_NOTHROW(HttpClient(options_for("HTTPS://hub.example:8443/prefix", p.pki.ca_file())));
}

TEST_CASE("options and paths are validated", "[transport]") {
  Pki p;
  ClientOptions o = options_for("https://127.0.0.1:1", p.pki.ca_file());
  SECTION("headers") {
    o.headers.emplace_back("X-Bad", "line\r\nInjected: 1");
    CHECK_THROWS_AS(HttpClient(o), std::invalid_argument);
    o.headers.back() = {"Content-Encoding", "identity"};
    CHECK_THROWS_AS(HttpClient(o), std::invalid_argument);
    o.headers.back() = {"Bad Name", "x"};
    CHECK_THROWS_AS(HttpClient(o), std::invalid_argument);
  }
  SECTION("limits") {
    o.total_timeout = 0ms;
    CHECK_THROWS_AS(HttpClient(o), std::invalid_argument);
    o.total_timeout = 1s;
    o.max_response_bytes = 0;
    CHECK_THROWS_AS(HttpClient(o), std::invalid_argument);
  }
  SECTION("paths") {
    HttpClient client(o);
    CHECK_THROWS_AS(client.get("v1/catalog"), std::invalid_argument);
    CHECK_THROWS_AS(client.get("/v1/cat alog"), std::invalid_argument);
    CHECK_THROWS_AS(client.get("/v1/catalog#x"), std::invalid_argument);
    CHECK_THROWS_AS(client.post_json("/v1/push\r\n", "{}"), std::invalid_argument);
  }
}

TEST_CASE("redirects: https on the same host followed, anything else refused", "[transport]") {
  Pki p;
  std::mutex m;
  std::string seen_method, seen_body;
  int port = 0;
  TestServer server(p.hub, [&](httplib::Server& s) {
    s.Get("/new", [](const httplib::Request&, httplib::Response& res) { res.set_content("moved here", "text/plain"); });
    s.Get("/relative", [](const httplib::Request&, httplib::Response& res) { res.set_redirect("/new"); });
    s.Get("/absolute", [&](const httplib::Request&, httplib::Response& res) {
      res.set_redirect("https://127.0.0.1:" + std::to_string(port) + "/new", 301);
    });
    s.Get("/to-http", [&](const httplib::Request&, httplib::Response& res) {
      res.set_redirect("http://127.0.0.1:" + std::to_string(port) + "/new");
    });
    s.Get("/to-other-host", [&](const httplib::Request&, httplib::Response& res) {
      res.set_redirect("https://localhost:" + std::to_string(port) + "/new");
    });
    s.Get(R"(/hop/(\d+))", [](const httplib::Request& req, httplib::Response& res) {
      const int n = std::stoi(req.matches[1]);
      res.set_redirect(n == 0 ? "/new" : "/hop/" + std::to_string(n - 1));
    });
    s.Get("/loop", [](const httplib::Request&, httplib::Response& res) { res.set_redirect("/loop"); });
    s.Post("/post-307", [](const httplib::Request&, httplib::Response& res) { res.set_redirect("/echo", 307); });
    s.Post("/post-303", [](const httplib::Request&, httplib::Response& res) { res.set_redirect("/echo", 303); });
    auto echo = [&](const httplib::Request& req, httplib::Response& res) {
      std::lock_guard lock(m);
      seen_method = req.method;
      seen_body = req.body;
      res.set_content("echo", "text/plain");
    };
    s.Post("/echo", echo);
    s.Get("/echo", echo);
    s.Get("/no-location", [](const httplib::Request&, httplib::Response& res) { res.status = 302; });
  });
  port = server.port();
  HttpClient client(options_for(server.url(), p.pki.ca_file()));

  SECTION("relative and absolute https redirects on the same host") {
    CHECK(client.get("/relative").body == "moved here");
    CHECK(client.get("/absolute").body == "moved here");
    CHECK(client.stats().requests == 4);
  }
  SECTION("three hops are followed, four are too many") {
    CHECK(client.get("/hop/2").body == "moved here");
    expect_error([&] { client.get("/hop/3"); }, Kind::refused, {"/hop/3: too many redirects", "after 3 redirects, at"});
    expect_error([&] { client.get("/loop"); }, Kind::refused, {"too many redirects", "/loop"});
  }
  SECTION("a redirect to http:// is refused") {
    expect_error([&] { client.get("/to-http"); }, Kind::refused,
                 {"not https://", "http://127.0.0.1:" + std::to_string(port) + "/new", "/to-http"});
  }
  SECTION("a redirect to another host is refused") {
    expect_error([&] { client.get("/to-other-host"); }, Kind::refused, {"another host", "localhost"});
  }
  SECTION("307 repeats the POST with its body, 303 continues as GET") {
    const std::string body = json_of_size(5000);
    CHECK(client.post_json("/post-307", body).body == "echo");
    {
      std::lock_guard lock(m);
      CHECK(seen_method == "POST");
      CHECK(seen_body == body);
    }
    CHECK(client.post_json("/post-303", body).body == "echo");
    std::lock_guard lock(m);
    CHECK(seen_method == "GET");
    CHECK(seen_body.empty());
  }
  SECTION("an empty POST body") {
    CHECK(client.post_json("/echo", "").body == "echo");
    std::lock_guard lock(m);
    CHECK(seen_method == "POST");
    CHECK(seen_body.empty());
  }
  SECTION("a 3xx without Location is returned") {
    CHECK(client.get("/no-location").status == 302);
  }
}

// [SECTION] Unreachable, timeouts, cancellation

TEST_CASE("a closed port is unreachable, quickly", "[transport]") {
  Pki p;
  const ClosedPort closed;
  HttpClient client(options_for("https://127.0.0.1:" + std::to_string(closed.port()), p.pki.ca_file()));
  const auto start = std::chrono::steady_clock::now();
  expect_error([&] { client.get("/"); }, Kind::unreachable, {"cannot connect"});
  CHECK(std::chrono::steady_clock::now() - start < 2s);
}

TEST_CASE("a peer that cuts the handshake is unreachable, one that does not speak TLS is tls", "[transport]") {
  Pki p;
  SECTION("connection closed during the handshake") {
    RawServer raw("");
    HttpClient client(options_for(raw.url(), p.pki.ca_file()));
    expect_error([&] { client.get("/"); }, Kind::unreachable, {raw.url()});
  }
  SECTION("plain HTTP on the port") {
    RawServer raw("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
    HttpClient client(options_for(raw.url(), p.pki.ca_file()));
    expect_error([&] { client.get("/"); }, Kind::tls, {"TLS handshake"});
  }
}

TEST_CASE("an unknown host name is unreachable", "[transport]") {
  Pki p;
  HttpClient client(options_for("https://no-such-host.invalid", p.pki.ca_file()));
  expect_error([&] { client.get("/"); }, Kind::unreachable, {"no-such-host.invalid"});
}

TEST_CASE("a server that stalls times out as unreachable, cancel stops a request", "[transport]") {
  Pki p;
  std::atomic<bool> release{false};
  TestServer server(p.hub, [&](httplib::Server& s) {
    s.Get("/stall", [&](const httplib::Request&, httplib::Response& res) {
      for (int i = 0; i < 500 && !release; ++i) std::this_thread::sleep_for(10ms);
      res.set_content("late", "text/plain");
    });
  });
  struct Release {
    std::atomic<bool>& flag;
    ~Release() { flag = true; }
  } release_on_exit{release};

  SECTION("total timeout") {
    ClientOptions o = options_for(server.url(), p.pki.ca_file());
    o.total_timeout = 400ms;
    HttpClient client(o);
    const auto start = std::chrono::steady_clock::now();
    expect_error([&] { client.get("/stall"); }, Kind::unreachable, {"in time", "/stall"});
    CHECK(std::chrono::steady_clock::now() - start < 3s);
  }
  SECTION("low-speed limit") {
    ClientOptions o = options_for(server.url(), p.pki.ca_file());
    o.low_speed_limit = 1000;
    o.low_speed_time = 1s;
    HttpClient client(o);
    expect_error([&] { client.get("/stall"); }, Kind::unreachable, {"too slow"});
  }
  SECTION("cancel") {
    std::atomic<bool> cancel{true};
    ClientOptions o = options_for(server.url(), p.pki.ca_file());
    o.cancel = &cancel;
    HttpClient client(o);
    expect_error([&] { client.get("/stall"); }, Kind::cancelled);
    cancel = false;
    std::thread canceller([&] {
      std::this_thread::sleep_for(200ms);
      cancel = true;
    });
    const auto start = std::chrono::steady_clock::now();
    expect_error([&] { client.get("/stall"); }, Kind::cancelled);
    canceller.join();
    CHECK(std::chrono::steady_clock::now() - start < 3s);
  }
}

// [SECTION] Response size and encoding

TEST_CASE("responses over the limit are too_large, also as a gzip bomb", "[transport]") {
  Pki p;
  const std::size_t cap = 1 << 20;
  const std::string bomb = gzip_compress(std::string(std::size_t{32} << 20, '{'));
  TestServer server(p.hub, [&](httplib::Server& s) {
    s.Get("/exact", [&](const httplib::Request&, httplib::Response& res) {
      res.set_content(std::string(cap, 'a'), "application/octet-stream");
    });
    s.Get("/plain", [&](const httplib::Request&, httplib::Response& res) {
      res.set_content(std::string(cap + 1, 'a'), "application/octet-stream");
    });
    s.Get("/chunked", [&](const httplib::Request&, httplib::Response& res) {
      res.set_chunked_content_provider("application/octet-stream", [cap](std::size_t offset, httplib::DataSink& sink) {
        const std::string piece(64 * 1024, 'b');
        if (offset < 4 * cap) {
          sink.write(piece.data(), piece.size());
        } else {
          sink.done();
        }
        return true;
      });
    });
    s.Get("/bomb", [&](const httplib::Request&, httplib::Response& res) {
      res.set_header("Content-Encoding", "gzip");
      res.set_content(bomb, "application/octet-stream");  // not a type httplib compresses itself
    });
  });
  ClientOptions o = options_for(server.url(), p.pki.ca_file());
  o.max_response_bytes = cap;
  HttpClient client(o);

  auto received = [&] { return client.stats().bytes_received; };
  CHECK(client.get("/exact").body.size() == cap);
  CHECK(received() == cap);
  // A declared length over the cap: refused before the body is read.
  std::uint64_t before = received();
  expect_error([&] { client.get("/plain"); }, Kind::too_large, {"1048577 bytes long", "1048576 bytes", "/plain"});
  CHECK(received() - before <= 64 * 1024);
  // No declared length: stopped as soon as the cap is passed.
  before = received();
  expect_error([&] { client.get("/chunked"); }, Kind::too_large, {"1048576 bytes"});
  CHECK(received() - before <= cap + 2 * 64 * 1024);
  // A bomb: stopped at the cap after decompression.
  before = received();
  expect_error([&] { client.get("/bomb"); }, Kind::too_large, {"1048576 bytes", "gzip"});
  CHECK(received() - before <= bomb.size());
  // The client is still usable afterwards.
  CHECK(client.get("/exact").status == 200);
}

TEST_CASE("corrupt or unsupported response encodings are bad_response", "[transport]") {
  Pki p;
  const std::string packed = gzip_compress(json_of_size(10'000));
  TestServer server(p.hub, [&](httplib::Server& s) {
    s.Get("/truncated", [&](const httplib::Request&, httplib::Response& res) {
      res.set_header("Content-Encoding", "gzip");
      res.set_content(packed.substr(0, packed.size() / 2), "application/octet-stream");
    });
    s.Get("/garbage", [&](const httplib::Request&, httplib::Response& res) {
      res.set_header("Content-Encoding", "gzip");
      res.set_content("this is not gzip", "application/octet-stream");
    });
    s.Get("/brotli", [&](const httplib::Request&, httplib::Response& res) {
      res.set_header("Content-Encoding", "br");
      res.set_content("whatever", "application/octet-stream");
    });
    s.Get("/ok", [&](const httplib::Request&, httplib::Response& res) {
      res.set_header("Content-Encoding", "gzip");
      res.set_content(packed, "application/octet-stream");
    });
  });
  HttpClient client(options_for(server.url(), p.pki.ca_file()));
  expect_error([&] { client.get("/truncated"); }, Kind::bad_response, {"gzip", "truncated", "/truncated"});
  expect_error([&] { client.get("/garbage"); }, Kind::bad_response, {"gzip", "corrupt"});
  expect_error([&] { client.get("/brotli"); }, Kind::bad_response, {"Content-Encoding", "br"});
  CHECK(client.get("/ok").body == json_of_size(10'000));
}
