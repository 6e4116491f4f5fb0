// HttpFront (see http_front.hpp): an epoll loop over the listening socket, the connections in
// handshake, head, parked and idle states, and an eventfd through which workers hand
// connections back; a fixed pool of workers fed by a queue.
#include "sync/hub/front/http_front.hpp"

#include "sync/hub/front/auth_penalty.hpp"
#include "sync/hub/front/tls_connection.hpp"

#include "kiosk/core/log.hpp"

#include <arpa/inet.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <openssl/err.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <condition_variable>
#include <deque>
#include <mutex>
#include <stdexcept>
#include <thread>
#include <unordered_map>
#include <vector>

namespace wk::hub {
namespace {

using Clock = std::chrono::steady_clock;
constexpr std::string_view kLog = "hub-front";

const char* reason_phrase(int status) {
  switch (status) {
    case 400:
      return "Bad Request";
    case 411:
      return "Length Required";
    case 413:
      return "Content Too Large";
    case 431:
      return "Request Header Fields Too Large";
    default:
      return "Error";
  }
}

// The client's address: IPv4 dotted, IPv6 without the v4-mapped prefix.
std::pair<std::string, int> peer_of(const sockaddr_storage& addr) {
  char text[INET6_ADDRSTRLEN] = {};
  if (addr.ss_family == AF_INET) {
    const auto* a = reinterpret_cast<const sockaddr_in*>(&addr);
    ::inet_ntop(AF_INET, &a->sin_addr, text, sizeof text);
    return {text, ntohs(a->sin_port)};
  }
  if (addr.ss_family == AF_INET6) {
    const auto* a = reinterpret_cast<const sockaddr_in6*>(&addr);
    ::inet_ntop(AF_INET6, &a->sin6_addr, text, sizeof text);
    std::string s = text;
    if (s.rfind("::ffff:", 0) == 0 && s.find('.') != std::string::npos) s = s.substr(7);
    return {s, ntohs(a->sin6_port)};
  }
  return {"?", 0};
}

// At most `per_minute` lines a minute; the lines held back are counted and reported with the
// next line let through.
class LogThrottle {
 public:
  explicit LogThrottle(int per_minute) : per_minute_(per_minute) {}
  void warn(const std::string& line, Clock::time_point now) {
    if (now - window_ >= std::chrono::minutes(1)) {
      window_ = now;
      if (suppressed_ > 0)
        wk::core::log::warn(kLog, std::to_string(suppressed_) + " more such lines in the last minute not logged");
      suppressed_ = 0;
      written_ = 0;
    }
    if (written_ < per_minute_) {
      ++written_;
      wk::core::log::warn(kLog, line);
    } else {
      ++suppressed_;
    }
  }

 private:
  int per_minute_;
  int written_ = 0;
  std::uint64_t suppressed_ = 0;
  Clock::time_point window_{};
};

std::string ssl_error_text() {
  const unsigned long code = ERR_peek_last_error();
  ERR_clear_error();
  if (code == 0) return "connection closed or not TLS";
  const char* reason = ERR_reason_error_string(code);
  return reason != nullptr ? reason : "TLS error";
}

}  // namespace

struct HttpFront::Impl {
  enum class State { handshake, head, parked, busy, closing };
  struct Conn {
    std::unique_ptr<TlsConnection> c;
    State state = State::handshake;
    Clock::time_point deadline;  // handshake/head: give up; parked: serve; closing: close
    bool counting = true;        // a handshake or head under way (false: idle between requests)
    bool want_write = false;     // the handshake waits for the socket to be writable
  };
  struct Returned {
    std::unique_ptr<TlsConnection> c;
    bool keep = false;
  };

  SSL_CTX* ctx;
  FrontLimits limits;
  Hooks hooks;
  int threads;
  AuthPenalty penalty;

  int listen_fd = -1;
  int epoll_fd = -1;
  int wake_fd = -1;
  std::atomic<bool> stopping{false};
  std::atomic<bool> loop_running{false};

  // Front thread only.
  std::unordered_map<int, Conn> conns;
  std::unordered_map<std::string, int> per_address;
  LogThrottle tls_log, limit_log;

  // Front -> workers.
  std::mutex work_mutex;
  std::condition_variable work_cv;
  std::deque<std::unique_ptr<TlsConnection>> work;
  bool workers_done = false;
  // Workers -> front.
  std::mutex back_mutex;
  std::vector<Returned> back;

  std::atomic<std::uint64_t> accepted{0}, over_connection_limit{0}, over_address_limit{0}, tls_failures{0},
      head_timeouts{0}, heads_refused{0}, bodies_refused{0}, delayed{0}, auth_failures{0};

  Impl(SSL_CTX* c, FrontLimits l, int t, Hooks h)
      : ctx(c),
        limits(std::move(l)),
        hooks(std::move(h)),
        threads(std::max(1, t)),
        penalty(limits.free_auth_failures, limits.max_auth_delay),
        tls_log(limits.tls_failure_logs_per_minute),
        limit_log(limits.tls_failure_logs_per_minute) {}

  ~Impl() {
    if (listen_fd >= 0) ::close(listen_fd);
    if (epoll_fd >= 0) ::close(epoll_fd);
    if (wake_fd >= 0) ::close(wake_fd);
  }

  // Watches `fd` for reading (or writing), whether or not it was watched before.
  void watch(int fd, bool write) {
    epoll_event ev{};
    ev.events = write ? EPOLLOUT : EPOLLIN;
    ev.data.fd = fd;
    if (::epoll_ctl(epoll_fd, EPOLL_CTL_MOD, fd, &ev) != 0) ::epoll_ctl(epoll_fd, EPOLL_CTL_ADD, fd, &ev);
  }

  void close_conn(int fd) {
    const auto it = conns.find(fd);
    if (it == conns.end()) return;
    ::epoll_ctl(epoll_fd, EPOLL_CTL_DEL, fd, nullptr);
    release_address(it->second.c->peer);
    conns.erase(it);
  }

  void release_address(const std::string& peer) {
    const auto a = per_address.find(peer);
    if (a != per_address.end() && --a->second <= 0) per_address.erase(a);
  }

  // [SECTION] Accept

  void accept_all(Clock::time_point now) {
    for (;;) {
      sockaddr_storage addr{};
      socklen_t len = sizeof addr;
      const int fd = ::accept4(listen_fd, reinterpret_cast<sockaddr*>(&addr), &len, SOCK_NONBLOCK | SOCK_CLOEXEC);
      if (fd < 0) {
        if (errno == EINTR) continue;
        if (errno == EMFILE || errno == ENFILE) limit_log.warn("cannot accept: out of file descriptors", now);
        return;
      }
      auto [peer, port] = peer_of(addr);
      const int total = static_cast<int>(conns.size());
      int& mine = per_address[peer];
      if (total >= limits.max_connections) {
        over_connection_limit.fetch_add(1, std::memory_order_relaxed);
        limit_log.warn("connection from " + peer + " refused: " + std::to_string(total) + " connections open (limit " +
                           std::to_string(limits.max_connections) + ")",
                       now);
        if (mine == 0) per_address.erase(peer);
        ::close(fd);
        continue;
      }
      if (mine >= limits.max_connections_per_address) {
        over_address_limit.fetch_add(1, std::memory_order_relaxed);
        limit_log.warn("connection from " + peer + " refused: " + std::to_string(mine) +
                           " connections open from this address (limit " +
                           std::to_string(limits.max_connections_per_address) + ")",
                       now);
        ::close(fd);
        continue;
      }
      SSL* ssl = SSL_new(ctx);
      if (ssl == nullptr || SSL_set_fd(ssl, fd) != 1) {
        if (ssl != nullptr) SSL_free(ssl);
        ::close(fd);
        if (mine == 0) per_address.erase(peer);
        continue;
      }
      SSL_set_accept_state(ssl);
      SSL_set_mode(ssl, SSL_MODE_ENABLE_PARTIAL_WRITE | SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER);
      int yes = 1;
      ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &yes, sizeof yes);
      ++mine;
      accepted.fetch_add(1, std::memory_order_relaxed);
      Conn conn;
      conn.c = std::make_unique<TlsConnection>(fd, ssl, std::move(peer), port);
      conn.deadline = now + limits.head_timeout;
      conns.emplace(fd, std::move(conn));
      watch(fd, false);
    }
  }

  // [SECTION] Handshake and head

  void on_ready(int fd, Clock::time_point now) {
    const auto it = conns.find(fd);
    if (it == conns.end()) return;
    Conn& conn = it->second;
    if (conn.state == State::closing) {
      drain(fd);
      return;
    }
    if (conn.state == State::handshake) {
      ERR_clear_error();
      const int r = SSL_accept(conn.c->ssl);
      if (r == 1) {
        conn.state = State::head;
        if (conn.want_write) watch(fd, false);
        conn.want_write = false;
      } else {
        const int error = SSL_get_error(conn.c->ssl, r);
        if (error == SSL_ERROR_WANT_READ || error == SSL_ERROR_WANT_WRITE) {
          const bool write = error == SSL_ERROR_WANT_WRITE;
          if (write != conn.want_write) watch(fd, write);
          conn.want_write = write;
          return;
        }
        tls_failures.fetch_add(1, std::memory_order_relaxed);
        tls_log.warn("TLS handshake from " + conn.c->peer + " failed: " + ssl_error_text(), now);
        close_conn(fd);
        return;
      }
    }
    if (conn.state == State::head) read_head(fd, conn, now);
  }

  void read_head(int fd, Conn& conn, Clock::time_point now) {
    TlsConnection& c = *conn.c;
    const std::size_t cap = limits.head.max_bytes + 1;
    bool closed = false;
    while (c.buffer.size() < cap) {
      char chunk[4096];
      ERR_clear_error();
      const int n = SSL_read(c.ssl, chunk, static_cast<int>(std::min(sizeof chunk, cap - c.buffer.size())));
      if (n > 0) {
        c.buffer.append(chunk, static_cast<std::size_t>(n));
        continue;
      }
      const int error = SSL_get_error(c.ssl, n);
      if (error != SSL_ERROR_WANT_READ && error != SSL_ERROR_WANT_WRITE) closed = true;
      ERR_clear_error();
      break;
    }
    if (c.buffer.empty()) {
      if (closed) close_conn(fd);
      return;
    }
    if (!conn.counting) {  // the first byte of a request on a kept-alive connection
      conn.counting = true;
      conn.deadline = now + limits.head_timeout;
    }
    const HeadResult head = parse_request_head(c.buffer, limits.head);
    if (head.status == HeadResult::Status::incomplete) {
      if (closed) close_conn(fd);
      return;
    }
    if (head.status == HeadResult::Status::refused) {
      heads_refused.fetch_add(1, std::memory_order_relaxed);
      refuse(fd, head.http_status, head.reason, now);
      return;
    }
    const std::uint64_t limit = hooks.body_limit(head.head.target);
    if (head.head.content_length > limit) {
      bodies_refused.fetch_add(1, std::memory_order_relaxed);
      refuse(fd, 413,
             "body: Content-Length " + std::to_string(head.head.content_length) + " over the limit of " +
                 std::to_string(limit) + " bytes",
             now);
      return;
    }
    c.head = head.head;
    const Clock::time_point at = penalty.not_before(c.peer, now);
    if (at > now) {
      delayed.fetch_add(1, std::memory_order_relaxed);
      conn.state = State::parked;
      conn.deadline = at;
      ::epoll_ctl(epoll_fd, EPOLL_CTL_DEL, fd, nullptr);
      return;
    }
    dispatch(fd, conn);
  }

  // Answers a refusal with Connection: close (best effort, never waits) and closes.
  void refuse(int fd, int status, const std::string& reason, Clock::time_point now) {
    const auto it = conns.find(fd);
    if (it == conns.end()) return;
    TlsConnection& c = *it->second.c;
    const std::string body = hooks.error_body(status, reason);
    const std::string answer = "HTTP/1.1 " + std::to_string(status) + " " + reason_phrase(status) +
                               "\r\nContent-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) +
                               "\r\nConnection: close\r\n\r\n" + body;
    ERR_clear_error();
    SSL_write(c.ssl, answer.data(), static_cast<int>(answer.size()));
    ERR_clear_error();
    wk::core::log::warn(kLog, "- - " + std::to_string(status) + " client=" + c.peer + " " + reason);
    linger(fd, it->second, now);
  }

  // Closes the way that lets the client read the last answer: close_notify and FIN first,
  // then what the client still sends (a body never read) is read and dropped until it closes
  // too, for at most `linger`. Closing with unread bytes would send a reset that can destroy
  // the answer before the client has read it.
  void linger(int fd, Conn& conn, Clock::time_point now) {
    TlsConnection& c = *conn.c;
    if (SSL_is_init_finished(c.ssl)) {
      ERR_clear_error();
      SSL_shutdown(c.ssl);
      ERR_clear_error();
    }
    c.shut_down = true;
    ::shutdown(fd, SHUT_WR);
    conn.state = State::closing;
    conn.counting = false;
    conn.deadline = now + limits.linger;
    watch(fd, false);
    drain(fd);
  }

  void drain(int fd) {
    char scratch[16384];
    for (;;) {
      const ssize_t n = ::read(fd, scratch, sizeof scratch);
      if (n > 0) continue;
      if (n < 0 && errno == EINTR) continue;
      if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) return;
      close_conn(fd);
      return;
    }
  }

  void dispatch(int fd, Conn& conn) {
    ::epoll_ctl(epoll_fd, EPOLL_CTL_DEL, fd, nullptr);
    conn.state = State::busy;
    {
      std::lock_guard lock(work_mutex);
      work.push_back(std::move(conn.c));
    }
    work_cv.notify_one();
  }

  // [SECTION] Workers

  void worker() {
    for (;;) {
      std::unique_ptr<TlsConnection> c;
      {
        std::unique_lock lock(work_mutex);
        work_cv.wait(lock, [&] { return !work.empty() || workers_done; });
        if (work.empty()) return;
        c = std::move(work.front());
        work.pop_front();
      }
      const RequestHead head = c->head;
      const auto now = Clock::now();
      const auto body_time =
          std::chrono::milliseconds(head.content_length * 1000 / std::max<std::size_t>(1, limits.min_rate));
      TlsStream stream(*c, now + limits.head_timeout + body_time, limits.write_grace, limits.min_rate);
      ++c->requests;
      const bool last = !head.keep_alive || c->requests >= limits.keep_alive_requests || stopping.load();
      bool keep = false;
      try {
        keep = hooks.serve(stream, head, last);
      } catch (const std::exception& e) {
        wk::core::log::error(kLog, std::string("request failed: ") + e.what());
      }
      keep = keep && !last && !stream.broken() && stream.consumed() == head.size + head.content_length;
      if (keep) stream.release_buffer();
      {
        std::lock_guard lock(back_mutex);
        back.push_back(Returned{std::move(c), keep});
      }
      const std::uint64_t one = 1;
      [[maybe_unused]] const auto w = ::write(wake_fd, &one, sizeof one);
    }
  }

  void take_back(Clock::time_point now) {
    std::uint64_t count = 0;
    [[maybe_unused]] const auto r = ::read(wake_fd, &count, sizeof count);
    std::vector<Returned> items;
    {
      std::lock_guard lock(back_mutex);
      items.swap(back);
    }
    for (Returned& item : items) {
      const int fd = item.c->fd;
      const auto it = conns.find(fd);
      if (it == conns.end()) continue;  // cannot happen: a busy connection stays in the table
      Conn& conn = it->second;
      conn.c = std::move(item.c);
      if (stopping.load()) {
        close_conn(fd);
        continue;
      }
      if (!item.keep) {
        linger(fd, conn, now);
        continue;
      }
      conn.state = State::head;
      conn.counting = false;
      conn.deadline = now + limits.idle_timeout;
      watch(fd, false);
      // A pipelined request, or TLS data already decrypted, raises no event: look now.
      if (!conn.c->buffer.empty() || SSL_pending(conn.c->ssl) > 0) read_head(fd, conn, now);
    }
  }

  // [SECTION] Deadlines

  // Closes what ran out of time, serves what waited long enough; returns the next deadline.
  Clock::time_point sweep(Clock::time_point now) {
    Clock::time_point next = now + std::chrono::seconds(1);
    std::vector<int> expired, ready;
    for (auto& [fd, conn] : conns) {
      if (conn.state == State::busy) continue;
      if (conn.deadline <= now) {
        (conn.state == State::parked ? ready : expired).push_back(fd);
      } else {
        next = std::min(next, conn.deadline);
      }
    }
    for (const int fd : expired) {
      Conn& conn = conns.at(fd);
      if (conn.state != State::closing && conn.counting) {
        head_timeouts.fetch_add(1, std::memory_order_relaxed);
        wk::core::log::info(kLog, "connection from " + conn.c->peer + " closed: " +
                                      (conn.state == State::handshake ? "TLS handshake" : "request head") +
                                      " not complete in time");
      }
      close_conn(fd);
    }
    for (const int fd : ready) dispatch(fd, conns.at(fd));
    return next;
  }

  void loop() {
    std::vector<epoll_event> events(256);
    Clock::time_point next = Clock::now();
    loop_running = true;
    while (!stopping.load()) {
      const auto wait_ms = std::chrono::duration_cast<std::chrono::milliseconds>(next - Clock::now()).count();
      const int n = ::epoll_wait(epoll_fd, events.data(), static_cast<int>(events.size()),
                                 static_cast<int>(std::clamp<long long>(wait_ms + 1, 1, 1000)));
      const auto now = Clock::now();
      for (int i = 0; i < n; ++i) {
        const int fd = events[static_cast<std::size_t>(i)].data.fd;
        if (fd == listen_fd) {
          accept_all(now);
        } else if (fd == wake_fd) {
          take_back(now);
        } else {
          on_ready(fd, now);
        }
      }
      next = sweep(now);
    }
  }
};

HttpFront::HttpFront(SSL_CTX* ctx, FrontLimits limits, int threads, Hooks hooks)
    : impl_(std::make_unique<Impl>(ctx, std::move(limits), threads, std::move(hooks))) {}

HttpFront::~HttpFront() = default;

int HttpFront::bind(const std::string& host, int port) {
  Impl& d = *impl_;
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
  addrinfo* found = nullptr;
  const std::string where = host + ":" + std::to_string(port);
  const std::string service = std::to_string(port);
  if (::getaddrinfo(host.c_str(), service.c_str(), &hints, &found) != 0 || found == nullptr)
    throw std::runtime_error("cannot listen on " + where + " (unknown address)");
  int fd = -1;
  for (addrinfo* a = found; a != nullptr && fd < 0; a = a->ai_next) {
    fd = ::socket(a->ai_family, a->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC, a->ai_protocol);
    if (fd < 0) continue;
    int yes = 1;
    ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    if (::bind(fd, a->ai_addr, a->ai_addrlen) != 0 || ::listen(fd, SOMAXCONN) != 0) {
      ::close(fd);
      fd = -1;
    }
  }
  ::freeaddrinfo(found);
  if (fd < 0)
    throw std::runtime_error("cannot listen on " + where + " (address in use, not a local address, or no permission)");
  sockaddr_storage bound{};
  socklen_t len = sizeof bound;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&bound), &len);
  d.listen_fd = fd;
  d.epoll_fd = ::epoll_create1(EPOLL_CLOEXEC);
  d.wake_fd = ::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
  if (d.epoll_fd < 0 || d.wake_fd < 0) throw std::runtime_error("cannot set up the event loop");
  d.watch(d.listen_fd, false);
  d.watch(d.wake_fd, false);
  return peer_of(bound).second;
}

void HttpFront::run() {
  Impl& d = *impl_;
  if (d.listen_fd < 0) throw std::logic_error("HttpFront::run before bind");
  std::vector<std::thread> workers;
  for (int i = 0; i < d.threads; ++i) workers.emplace_back([&d] { d.worker(); });
  d.loop();
  ::close(d.listen_fd);
  d.listen_fd = -1;
  {
    std::lock_guard lock(d.work_mutex);
    d.workers_done = true;
  }
  d.work_cv.notify_all();
  for (std::thread& t : workers) t.join();
  // Queued but never served, handed back, or still in the front: all closed now.
  d.work.clear();
  d.back.clear();
  d.conns.clear();
  d.per_address.clear();
  d.loop_running = false;
}

bool HttpFront::running() const {
  return impl_->loop_running.load();
}

void HttpFront::stop() {
  Impl& d = *impl_;
  d.stopping = true;
  if (d.wake_fd >= 0) {
    const std::uint64_t one = 1;
    [[maybe_unused]] const auto w = ::write(d.wake_fd, &one, sizeof one);
  }
}

void HttpFront::note_auth_failure(std::string_view address) {
  impl_->auth_failures.fetch_add(1, std::memory_order_relaxed);
  impl_->penalty.note_failure(address, Clock::now());
}

FrontCounters HttpFront::counters() const {
  const Impl& d = *impl_;
  return {d.accepted.load(),      d.over_connection_limit.load(), d.over_address_limit.load(), d.tls_failures.load(),
          d.head_timeouts.load(), d.heads_refused.load(),         d.bodies_refused.load(),     d.delayed.load(),
          d.auth_failures.load()};
}

}  // namespace wk::hub
