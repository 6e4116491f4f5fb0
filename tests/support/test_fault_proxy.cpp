// Tests of the fault-injecting proxy, against tiny plain-TCP servers written here (the proxy
// never looks into the bytes, so no TLS is needed): transparency, each fault, hub down,
// re-pointing, determinism and a prompt shutdown.
#include "tests/support/fault_proxy.hpp"

#include <catch2/catch.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <random>
#include <string>
#include <thread>
#include <vector>

namespace {

using wk::test::FaultProxy;
using wk::test::Faults;
using namespace std::chrono_literals;

// An owned socket descriptor.
class Socket {
 public:
  Socket() = default;
  explicit Socket(int fd) : fd_(fd) {}
  Socket(Socket&& other) noexcept : fd_(other.fd_) { other.fd_ = -1; }
  Socket& operator=(Socket&& other) noexcept {
    std::swap(fd_, other.fd_);
    return *this;
  }
  ~Socket() {
    if (fd_ >= 0) ::close(fd_);
  }
  int fd() const { return fd_; }

 private:
  int fd_ = -1;
};

// Blocking send/receive give up after this long, so a broken proxy fails a test instead of hanging it.
void set_timeouts(int fd) {
  timeval tv{};
  tv.tv_sec = 5;
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  ::setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
}

sockaddr_in loopback(std::uint16_t port) {
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  return addr;
}

// A blocking client connection to 127.0.0.1:port (REQUIREs success).
Socket connect_to(std::uint16_t port) {
  Socket s(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
  REQUIRE(s.fd() >= 0);
  set_timeouts(s.fd());
  sockaddr_in addr = loopback(port);
  REQUIRE(::connect(s.fd(), reinterpret_cast<const sockaddr*>(&addr), sizeof addr) == 0);
  return s;
}

// A port on which nobody listens, held for the object's lifetime: bound but not listening, so a
// connection is refused, and no other process (another test running beside this one) can take
// the port meanwhile. A port bound and released again could be handed to another test's proxy,
// whose seeded decisions a stray connection would then shift.
class UnusedPort {
 public:
  UnusedPort() : s_(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0)) {
    sockaddr_in addr = loopback(0);
    REQUIRE(::bind(s_.fd(), reinterpret_cast<const sockaddr*>(&addr), sizeof addr) == 0);
    socklen_t len = sizeof addr;
    REQUIRE(::getsockname(s_.fd(), reinterpret_cast<sockaddr*>(&addr), &len) == 0);
    port_ = ntohs(addr.sin_port);
  }
  std::uint16_t port() const { return port_; }

 private:
  Socket s_;
  std::uint16_t port_ = 0;
};

// Sends all of `data`; false if the connection failed (errno says why).
bool send_all(int fd, const std::string& data) {
  std::size_t sent = 0;
  while (sent < data.size()) {
    ssize_t n = ::send(fd, data.data() + sent, data.size() - sent, MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    sent += static_cast<std::size_t>(n);
  }
  return true;
}

// Reads until `want` bytes arrived, end of stream or an error/timeout.
struct Received {
  std::string data;
  bool eof = false;  // orderly end of stream
  int error = 0;     // errno of a failed recv (EAGAIN: timed out)
};

Received receive(int fd, std::size_t want = SIZE_MAX) {
  Received r;
  char buf[65536];
  while (r.data.size() < want) {
    ssize_t n = ::recv(fd, buf, std::min(sizeof buf, want - r.data.size()), 0);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      r.error = errno;
      break;
    }
    if (n == 0) {
      r.eof = true;
      break;
    }
    r.data.append(buf, static_cast<std::size_t>(n));
  }
  return r;
}

// The connection ended (EOF or reset), not timed out.
bool closed_by_peer(const Received& r) {
  return r.eof || r.error == ECONNRESET || r.error == EPIPE;
}

bool eventually(const std::function<bool()>& condition, std::chrono::milliseconds limit = 5s) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  while (!condition()) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(5ms);
  }
  return true;
}

std::string random_bytes(std::size_t size, std::uint32_t seed) {
  std::mt19937 rng(seed);
  std::string s(size, '\0');
  for (char& c : s) c = static_cast<char>(rng() & 0xff);
  return s;
}

// A plain-TCP server on 127.0.0.1 running `handler` on a thread per accepted connection.
// The destructor shuts every connection down (waking blocked handlers) and joins everything.
class TestServer {
 public:
  using Handler = std::function<void(int fd)>;

  explicit TestServer(Handler handler) : handler_(std::move(handler)) {
    listener_ = Socket(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
    REQUIRE(listener_.fd() >= 0);
    int one = 1;
    ::setsockopt(listener_.fd(), SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    sockaddr_in addr = loopback(0);
    REQUIRE(::bind(listener_.fd(), reinterpret_cast<const sockaddr*>(&addr), sizeof addr) == 0);
    REQUIRE(::listen(listener_.fd(), 64) == 0);
    socklen_t len = sizeof addr;
    REQUIRE(::getsockname(listener_.fd(), reinterpret_cast<sockaddr*>(&addr), &len) == 0);
    port_ = ntohs(addr.sin_port);
    acceptor_ = std::thread([this] { accept_loop(); });
  }

  ~TestServer() {
    stop_ = true;
    acceptor_.join();
    std::lock_guard lock(mutex_);
    for (auto& s : connections_) ::shutdown(s.fd(), SHUT_RDWR);
    for (auto& t : handlers_) t.join();
  }

  std::uint16_t port() const { return port_; }
  int accepted() const { return accepted_.load(); }

 private:
  void accept_loop() {
    while (!stop_) {
      pollfd p{listener_.fd(), POLLIN, 0};
      if (::poll(&p, 1, 10) <= 0) continue;
      int fd = ::accept4(listener_.fd(), nullptr, nullptr, SOCK_CLOEXEC);
      if (fd < 0) continue;
      set_timeouts(fd);
      ++accepted_;
      std::lock_guard lock(mutex_);
      connections_.emplace_back(fd);
      handlers_.emplace_back([this, fd] { handler_(fd); });
    }
  }

  Handler handler_;
  Socket listener_;
  std::uint16_t port_ = 0;
  std::atomic<bool> stop_{false};
  std::atomic<int> accepted_{0};
  std::mutex mutex_;
  std::vector<Socket> connections_;  // closed only by the destructor, after the handlers ended
  std::vector<std::thread> handlers_;
  std::thread acceptor_;
};

// Echoes every byte; passes the client's end of stream back with shutdown(SHUT_WR).
void echo(int fd) {
  char buf[65536];
  for (;;) {
    ssize_t n = ::recv(fd, buf, sizeof buf, 0);
    if (n < 0 && errno == EINTR) continue;
    if (n == 0) ::shutdown(fd, SHUT_WR);
    if (n <= 0) return;
    if (!send_all(fd, std::string(buf, static_cast<std::size_t>(n)))) return;
  }
}

// Counts the bytes of each connection until it ends (EOF or error).
struct Sink {
  std::mutex mutex;
  std::vector<std::size_t> totals;  // one per finished connection

  void operator()(int fd) {
    Received r = receive(fd);
    std::lock_guard lock(mutex);
    totals.push_back(r.data.size());
  }
  std::vector<std::size_t> finished() {
    std::lock_guard lock(mutex);
    return totals;
  }
};

// Requests are a 4-byte big-endian length and that many bytes; each complete request is recorded
// (its length) and answered with kAnswerSize bytes of 'A'.
constexpr std::size_t kAnswerSize = 1000;

std::string request(std::uint32_t body_size) {
  std::string r(4 + body_size, 'q');
  r[0] = static_cast<char>(body_size >> 24);
  r[1] = static_cast<char>(body_size >> 16);
  r[2] = static_cast<char>(body_size >> 8);
  r[3] = static_cast<char>(body_size);
  return r;
}

struct Responder {
  bool early_ticket = false;  // like a TLS 1.3 session ticket: 100 bytes of 'T' sent before a big body is read
  std::mutex mutex;
  std::vector<std::size_t> requests;  // body sizes of the complete requests, in order

  void operator()(int fd) {
    for (;;) {
      Received head = receive(fd, 4);
      if (head.data.size() < 4) return;
      std::uint32_t size = 0;
      for (char c : head.data) size = (size << 8) | static_cast<unsigned char>(c);
      if (early_ticket && size > 1000 && !send_all(fd, std::string(100, 'T'))) return;
      Received body = receive(fd, size);
      if (body.data.size() < size) return;
      {
        std::lock_guard lock(mutex);
        requests.push_back(size);
      }
      if (!send_all(fd, std::string(kAnswerSize, 'A'))) return;
    }
  }
  std::vector<std::size_t> seen() {
    std::lock_guard lock(mutex);
    return requests;
  }
};

}  // namespace

TEST_CASE("fault proxy passes 5 MB both ways unchanged, with half-close", "[fault_proxy]") {
  TestServer server(echo);
  FaultProxy proxy(server.port());
  Socket client = connect_to(proxy.port());

  const std::string payload = random_bytes(5 * 1024 * 1024, 7);
  std::thread sender([&] {
    CHECK(send_all(client.fd(), payload));
    ::shutdown(client.fd(), SHUT_WR);  // the echo server answers with its own end of stream
  });
  Received r = receive(client.fd());
  sender.join();

  CHECK(r.eof);
  CHECK(r.error == 0);
  REQUIRE(r.data.size() == payload.size());
  CHECK(r.data == payload);
  auto stats = proxy.stats();
  CHECK(stats.connections == 1);
  CHECK(stats.cut + stats.dropped + stats.refused + stats.upstream_failed == 0);
}

TEST_CASE("fault proxy cut_request cuts before the upstream got everything", "[fault_proxy]") {
  Sink sink;
  TestServer server(std::ref(sink));
  Faults faults;
  faults.cut_request = 1.0;
  faults.cut_window = 8192;
  faults.seed = 3;
  FaultProxy proxy(server.port(), faults);

  const std::string payload = random_bytes(256 * 1024, 1);
  constexpr int kConnections = 5;
  for (int i = 0; i < kConnections; ++i) {
    Socket client = connect_to(proxy.port());
    send_all(client.fd(), payload);  // may fail half-way: the proxy resets the connection
    Received r = receive(client.fd());
    CHECK(r.data.empty());
    CHECK(closed_by_peer(r));
  }
  REQUIRE(eventually([&] { return sink.finished().size() == kConnections; }));
  for (std::size_t total : sink.finished()) CHECK(total <= 8192);
  CHECK(proxy.stats().cut == kConnections);
  CHECK(proxy.stats().connections == kConnections);

  SECTION("a window of 0 forwards nothing") {
    faults.cut_window = 0;
    proxy.set_faults(faults);
    Socket client = connect_to(proxy.port());
    send_all(client.fd(), "GET / HTTP/1.1\r\n\r\n");
    CHECK(closed_by_peer(receive(client.fd())));
    REQUIRE(eventually([&] { return sink.finished().size() == kConnections + 1; }));
    CHECK(sink.finished().back() == 0);
    CHECK(proxy.stats().cut == kConnections + 1);
  }
}

TEST_CASE("fault proxy drop_response delivers the request but not the answer", "[fault_proxy]") {
  Responder responder;
  TestServer server(std::ref(responder));
  Faults faults;
  faults.drop_response = 1.0;
  faults.response_threshold = 4096;
  FaultProxy proxy(server.port(), faults);

  Socket client = connect_to(proxy.port());
  // Below the threshold (like a TLS handshake) the answer comes through.
  REQUIRE(send_all(client.fd(), request(100)));
  Received small = receive(client.fd(), kAnswerSize);
  CHECK(small.data == std::string(kAnswerSize, 'A'));

  // Past it the hub gets the whole request and answers, and the client gets nothing of that.
  REQUIRE(send_all(client.fd(), request(10000)));
  Received big = receive(client.fd());
  CHECK(big.data.empty());
  CHECK(closed_by_peer(big));
  CHECK(responder.seen() == std::vector<std::size_t>{100, 10000});
  CHECK(proxy.stats().dropped == 1);
  CHECK(proxy.stats().cut == 0);
}

TEST_CASE("fault proxy drop_response waits for a request sent in pieces", "[fault_proxy]") {
  Responder responder;
  responder.early_ticket = true;
  TestServer server(std::ref(responder));
  Faults faults;
  faults.drop_response = 1.0;
  faults.response_threshold = 200;
  FaultProxy proxy(server.port(), faults);

  Socket client = connect_to(proxy.port());
  REQUIRE(send_all(client.fd(), request(100)));  // 104 bytes: answered
  CHECK(receive(client.fd(), kAnswerSize).data.size() == kAnswerSize);
  // The second request crosses the threshold with its head and part of its body; the server sends
  // a few bytes at once (dropped too), its answer only after the rest of the body, which must still
  // reach it.
  const std::string second = request(20000);
  REQUIRE(send_all(client.fd(), second.substr(0, 5000)));
  std::this_thread::sleep_for(20ms);
  REQUIRE(send_all(client.fd(), second.substr(5000)));
  Received r = receive(client.fd());
  CHECK(r.data.empty());
  CHECK(closed_by_peer(r));
  CHECK(responder.seen() == std::vector<std::size_t>{100, 20000});
  CHECK(proxy.stats().dropped == 1);
}

TEST_CASE("fault proxy refuse closes at once without reaching the upstream", "[fault_proxy]") {
  TestServer server(echo);
  Faults faults;
  faults.refuse = 1.0;
  FaultProxy proxy(server.port(), faults);

  Socket client = connect_to(proxy.port());
  Received r = receive(client.fd());
  CHECK(r.data.empty());
  CHECK(closed_by_peer(r));
  std::this_thread::sleep_for(50ms);
  CHECK(server.accepted() == 0);
  auto stats = proxy.stats();
  CHECK(stats.connections == 1);
  CHECK(stats.refused == 1);
}

TEST_CASE("fault proxy closes the client when the upstream is down", "[fault_proxy]") {
  const UnusedPort down;
  FaultProxy proxy(down.port());
  Socket client = connect_to(proxy.port());
  send_all(client.fd(), "hello");
  Received r = receive(client.fd());
  CHECK(r.data.empty());
  CHECK(closed_by_peer(r));
  CHECK(eventually([&] { return proxy.stats().upstream_failed == 1; }));
  CHECK(proxy.stats().connections == 1);
}

TEST_CASE("fault proxy re-points and changes faults for later connections only", "[fault_proxy]") {
  TestServer first(echo);
  TestServer second(echo);
  FaultProxy proxy(first.port());

  auto round_trip = [](Socket& s, const std::string& text) {
    return send_all(s.fd(), text) && receive(s.fd(), text.size()).data == text;
  };
  Socket a = connect_to(proxy.port());
  CHECK(round_trip(a, "to the first"));
  CHECK(first.accepted() == 1);

  proxy.set_upstream_port(second.port());
  Socket b = connect_to(proxy.port());
  CHECK(round_trip(b, "to the second"));
  CHECK(second.accepted() == 1);
  CHECK(first.accepted() == 1);
  CHECK(round_trip(a, "still the first"));

  Faults faults;
  faults.refuse = 1.0;
  proxy.set_faults(faults);
  Socket c = connect_to(proxy.port());
  CHECK(closed_by_peer(receive(c.fd())));
  CHECK(round_trip(a, "open connections keep going"));
  CHECK(round_trip(b, "both of them"));
  CHECK(proxy.stats().refused == 1);
}

TEST_CASE("fault proxy decisions depend only on the seed", "[fault_proxy]") {
  TestServer server(echo);
  Faults faults;
  faults.refuse = 0.5;
  faults.seed = 42;

  // Connects one client at a time; true for each connection that was refused.
  auto pattern = [&](FaultProxy& proxy) {
    std::vector<bool> refused;
    for (int i = 0; i < 16; ++i) {
      Socket s = connect_to(proxy.port());
      bool echoed = send_all(s.fd(), "x") && receive(s.fd(), 1).data == "x";
      refused.push_back(!echoed);
    }
    return refused;
  };
  FaultProxy one(server.port(), faults);
  const std::vector<bool> first = pattern(one);
  FaultProxy two(server.port(), faults);
  CHECK(pattern(two) == first);
  one.set_faults(faults);  // reseeds
  CHECK(pattern(one) == first);
  CHECK(std::count(first.begin(), first.end(), true) > 0);
  CHECK(std::count(first.begin(), first.end(), false) > 0);
  CHECK(one.stats().refused == static_cast<std::uint64_t>(2 * std::count(first.begin(), first.end(), true)));
}

TEST_CASE("fault proxy destructor with open connections returns promptly", "[fault_proxy]") {
  TestServer server(echo);
  std::vector<Socket> clients;
  auto proxy = std::make_unique<FaultProxy>(server.port());
  for (int i = 0; i < 3; ++i) {
    clients.push_back(connect_to(proxy->port()));
    REQUIRE(send_all(clients.back().fd(), "ping"));
    REQUIRE(receive(clients.back().fd(), 4).data == "ping");
  }
  // One more with bytes in flight in both directions.
  clients.push_back(connect_to(proxy->port()));
  send_all(clients.back().fd(), random_bytes(1 << 20, 5));

  const auto start = std::chrono::steady_clock::now();
  proxy.reset();
  CHECK(std::chrono::steady_clock::now() - start < 500ms);
  for (auto& c : clients) {
    Received r = receive(c.fd());
    CHECK(closed_by_peer(r));
  }
}
