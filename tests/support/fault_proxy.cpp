// The fault-injecting TCP proxy (see fault_proxy.hpp): one poll() thread relaying every
// connection through two fixed-size buffers, one per direction, with the faults applied on the
// way.
#include "tests/support/fault_proxy.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <limits>
#include <mutex>
#include <random>
#include <system_error>
#include <thread>
#include <vector>

namespace wk::test {
namespace {

using Clock = std::chrono::steady_clock;

// Bytes held per direction and connection; a full buffer stops reading from that side.
constexpr std::size_t kBufferSize = 64 * 1024;
// How long a client that should lose its answer must stay silent before the proxy closes.
constexpr auto kDropQuiet = std::chrono::milliseconds(50);

std::system_error system_error(const char* what) {
  return std::system_error(errno, std::generic_category(), what);
}

// Closes `fd` (if open) normally and marks it closed. close() is not retried on EINTR (Linux
// has released the descriptor either way).
void close_fd(int& fd) {
  if (fd >= 0) ::close(fd);
  fd = -1;
}

// Closes `fd` (if open) with a reset: SO_LINGER 0 makes the kernel send RST and discard
// anything still queued in either direction.
void reset_fd(int& fd) {
  if (fd < 0) return;
  linger lin{};
  lin.l_onoff = 1;
  lin.l_linger = 0;
  ::setsockopt(fd, SOL_SOCKET, SO_LINGER, &lin, sizeof lin);
  close_fd(fd);
}

void set_nodelay(int fd) {
  int one = 1;
  ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
}

// recv()/send() on a non-blocking socket, retried on EINTR. Same results as the system calls;
// send() never raises SIGPIPE.
ssize_t recv_some(int fd, char* data, std::size_t size) {
  for (;;) {
    ssize_t n = ::recv(fd, data, size, 0);
    if (n >= 0 || errno != EINTR) return n;
  }
}

ssize_t send_some(int fd, const char* data, std::size_t size) {
  for (;;) {
    ssize_t n = ::send(fd, data, size, MSG_NOSIGNAL);
    if (n >= 0 || errno != EINTR) return n;
  }
}

bool would_block() {
  return errno == EAGAIN || errno == EWOULDBLOCK;
}

// Bytes travelling in one direction: [begin, end) of a fixed array.
struct Buffer {
  std::unique_ptr<char[]> bytes = std::make_unique<char[]>(kBufferSize);
  std::size_t begin = 0;
  std::size_t end = 0;

  bool empty() const { return begin == end; }
  // Free room after `end`, first moving pending bytes to the front when the tail is full.
  std::size_t room() {
    if (begin == end) {
      begin = end = 0;
    } else if (end == kBufferSize && begin > 0) {
      std::memmove(bytes.get(), bytes.get() + begin, end - begin);
      end -= begin;
      begin = 0;
    }
    return kBufferSize - end;
  }
};

enum class Fault { none, cut, drop };

// One relayed connection.
struct Connection {
  int client = -1;
  int upstream = -1;
  bool connecting = true;  // the non-blocking connect() to the upstream has not completed yet
  Buffer to_upstream;
  Buffer to_client;
  bool client_eof = false;     // the client sent its end of stream
  bool upstream_eof = false;   // the upstream sent its end of stream
  bool upstream_shut = false;  // the client's end of stream was passed on (shutdown(SHUT_WR))
  bool client_shut = false;    // the upstream's end of stream was passed on
  bool done = false;           // both sockets closed; remove

  Fault fault = Fault::none;
  std::uint64_t client_bytes = 0;  // received from the client so far
  // cut: client bytes still allowed through; once more arrive, cut_pending stops reading and
  // the connection is cut as soon as the allowed bytes have been written upstream.
  std::uint64_t cut_budget = 0;
  bool cut_pending = false;
  // drop: armed once client_bytes > threshold; from then on upstream bytes are discarded
  // (dropping), `answered` says the upstream sent something after the client's last bytes.
  std::uint64_t threshold = 0;
  bool dropping = false;
  bool answered = false;
  Clock::time_point last_client_data{};

  bool drop_armed() const { return fault == Fault::drop && client_bytes > threshold; }
  bool wants_client_read() const { return !client_eof && !cut_pending; }
  bool wants_upstream_read() const { return !connecting && !upstream_eof; }
  // Waiting for the client to stay quiet before the drop closes the connection.
  bool drop_waiting() const { return dropping && answered && to_upstream.empty(); }
};

}  // namespace

struct FaultProxy::Impl {
  int listen_fd = -1;
  int wake_fd = -1;
  std::uint16_t listen_port = 0;
  std::atomic<std::uint16_t> upstream_port{0};
  std::atomic<bool> stopping{false};

  mutable std::mutex mutex;  // guards faults, rng and counters
  Faults faults;
  std::mt19937 rng;
  ProxyStats counters;

  std::vector<std::unique_ptr<Connection>> connections;                     // proxy thread only
  std::unique_ptr<char[]> scratch = std::make_unique<char[]>(kBufferSize);  // discarded upstream bytes
  std::thread thread;

  ~Impl() {
    close_fd(listen_fd);
    close_fd(wake_fd);
  }

  void count(std::uint64_t ProxyStats::*counter) {
    std::lock_guard lock(mutex);
    ++(counters.*counter);
  }

  void run();
  void accept_all();
  void open_upstream(std::unique_ptr<Connection> c);
  void service(Connection& c, short client_events, short upstream_events);
  void read_client(Connection& c);
  void read_upstream(Connection& c);
  void flush(Connection& c);
  void advance(Connection& c);
  void finish_drop(Connection& c);
  void reset_both(Connection& c);
};

void FaultProxy::Impl::run() {
  std::vector<pollfd> fds;
  while (!stopping.load()) {
    // Build the poll set: wake fd, listener, then client and upstream of every connection.
    // A socket with nothing to wait for gets fd -1 (ignored), so a hung-up peer cannot spin us.
    fds.clear();
    fds.push_back({wake_fd, POLLIN, 0});
    fds.push_back({listen_fd, POLLIN, 0});
    int timeout_ms = -1;
    const auto now = Clock::now();
    for (auto& c : connections) {
      short client_events = 0;
      short upstream_events = 0;
      if (c->wants_client_read() && c->to_upstream.room() > 0) client_events |= POLLIN;
      if (!c->to_client.empty()) client_events |= POLLOUT;
      if (c->connecting) {
        upstream_events = POLLOUT;
      } else {
        if (c->wants_upstream_read() && (c->drop_armed() || c->to_client.room() > 0)) upstream_events |= POLLIN;
        if (!c->to_upstream.empty()) upstream_events |= POLLOUT;
      }
      fds.push_back({client_events != 0 ? c->client : -1, client_events, 0});
      fds.push_back({upstream_events != 0 ? c->upstream : -1, upstream_events, 0});
      if (c->drop_waiting()) {
        auto left = std::chrono::ceil<std::chrono::milliseconds>(c->last_client_data + kDropQuiet - now).count();
        int ms = static_cast<int>(std::clamp<decltype(left)>(left, 1, 1000));
        timeout_ms = timeout_ms < 0 ? ms : std::min(timeout_ms, ms);
      }
    }

    int ready = ::poll(fds.data(), fds.size(), timeout_ms);
    if (ready < 0) continue;  // EINTR (or a transient ENOMEM): rebuild and wait again
    if (fds[0].revents != 0) {
      std::uint64_t value = 0;
      [[maybe_unused]] ssize_t n = ::read(wake_fd, &value, sizeof value);
      if (stopping.load()) break;
    }

    const std::size_t polled = connections.size();
    for (std::size_t i = 0; i < polled; ++i) {
      service(*connections[i], fds[2 + 2 * i].revents, fds[3 + 2 * i].revents);
    }
    std::erase_if(connections, [](const std::unique_ptr<Connection>& c) { return c->done; });
    if (fds[1].revents != 0) accept_all();
  }
  for (auto& c : connections) {
    close_fd(c->client);
    close_fd(c->upstream);
  }
  connections.clear();
}

void FaultProxy::Impl::accept_all() {
  for (;;) {
    int fd = ::accept4(listen_fd, nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
    if (fd < 0) {
      if (errno == EINTR || errno == ECONNABORTED) continue;
      return;  // EAGAIN: none left; anything else (EMFILE, ...): try again on the next wake-up
    }

    // Every connection consumes the same draws, whatever the probabilities.
    auto c = std::make_unique<Connection>();
    c->client = fd;
    bool refuse = false;
    {
      std::lock_guard lock(mutex);
      ++counters.connections;
      auto unit = [this] { return static_cast<double>(rng()) / 4294967296.0; };  // [0, 1)
      const double u_refuse = unit();
      const double u_cut = unit();
      const double u_drop = unit();
      const std::uint64_t draw = rng();
      const std::uint64_t window = faults.cut_window;
      if (u_refuse < faults.refuse) {
        refuse = true;
        ++counters.refused;
      } else if (u_cut < faults.cut_request) {
        c->fault = Fault::cut;
        c->cut_budget = window >= std::numeric_limits<std::uint32_t>::max() ? draw : draw % (window + 1);
      } else if (u_drop < faults.drop_response) {
        c->fault = Fault::drop;
        c->threshold = faults.response_threshold;
      }
    }
    if (refuse) {
      reset_fd(c->client);
      continue;
    }
    set_nodelay(c->client);
    open_upstream(std::move(c));
  }
}

void FaultProxy::Impl::open_upstream(std::unique_ptr<Connection> c) {
  c->upstream = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  if (c->upstream >= 0) {
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(upstream_port.load());
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    int r = ::connect(c->upstream, reinterpret_cast<const sockaddr*>(&addr), sizeof addr);
    if (r == 0) {
      c->connecting = false;
      set_nodelay(c->upstream);
    } else if (errno == EINPROGRESS || errno == EINTR) {
      c->connecting = true;  // finishes in the background; poll reports POLLOUT
    } else {
      close_fd(c->upstream);
    }
  }
  if (c->upstream < 0) {
    count(&ProxyStats::upstream_failed);
    close_fd(c->client);
    return;
  }
  connections.push_back(std::move(c));
}

void FaultProxy::Impl::service(Connection& c, short client_events, short upstream_events) {
  if (c.connecting) {
    if (upstream_events == 0) return;
    int err = 0;
    socklen_t len = sizeof err;
    if (::getsockopt(c.upstream, SOL_SOCKET, SO_ERROR, &err, &len) != 0) err = errno;
    if (err != 0) {
      count(&ProxyStats::upstream_failed);
      close_fd(c.client);
      close_fd(c.upstream);
      c.done = true;
      return;
    }
    c.connecting = false;
    set_nodelay(c.upstream);
    upstream_events = 0;  // that was the connect's POLLOUT; read on the next round
  }
  if (client_events != 0 && !c.done) read_client(c);
  if (upstream_events != 0 && !c.done) read_upstream(c);
  if (!c.done) flush(c);
  if (!c.done) advance(c);
}

void FaultProxy::Impl::read_client(Connection& c) {
  if (!c.wants_client_read()) return;
  const std::size_t room = c.to_upstream.room();
  if (room == 0) return;
  ssize_t n = recv_some(c.client, c.to_upstream.bytes.get() + c.to_upstream.end, room);
  if (n < 0) {
    if (!would_block()) reset_both(c);  // the client reset: pass the reset on
    return;
  }
  if (n == 0) {
    c.client_eof = true;
    return;
  }
  std::uint64_t got = static_cast<std::uint64_t>(n);
  c.client_bytes += got;
  if (c.fault == Fault::cut) {
    if (got > c.cut_budget) {
      got = c.cut_budget;  // the rest is never forwarded
      c.cut_pending = true;
    }
    c.cut_budget -= got;
  } else if (c.fault == Fault::drop) {
    c.last_client_data = Clock::now();
    c.answered = false;
  }
  c.to_upstream.end += static_cast<std::size_t>(got);
}

void FaultProxy::Impl::read_upstream(Connection& c) {
  if (!c.wants_upstream_read()) return;
  if (c.drop_armed()) {
    ssize_t n = recv_some(c.upstream, scratch.get(), kBufferSize);
    if (n > 0) {
      c.dropping = true;
      c.answered = true;
    } else if (n == 0) {
      c.upstream_eof = true;  // advance(): finishes the drop, or passes the end of stream on
    } else if (!would_block()) {
      if (c.dropping) {
        finish_drop(c);
      } else {
        reset_both(c);
      }
    }
    return;
  }
  const std::size_t room = c.to_client.room();
  if (room == 0) return;
  ssize_t n = recv_some(c.upstream, c.to_client.bytes.get() + c.to_client.end, room);
  if (n > 0) {
    c.to_client.end += static_cast<std::size_t>(n);
  } else if (n == 0) {
    c.upstream_eof = true;
  } else if (!would_block()) {
    reset_both(c);
  }
}

void FaultProxy::Impl::flush(Connection& c) {
  if (!c.connecting && !c.to_upstream.empty()) {
    ssize_t n =
        send_some(c.upstream, c.to_upstream.bytes.get() + c.to_upstream.begin, c.to_upstream.end - c.to_upstream.begin);
    if (n >= 0) {
      c.to_upstream.begin += static_cast<std::size_t>(n);
    } else if (!would_block()) {
      reset_both(c);
      return;
    }
  }
  if (!c.to_client.empty()) {
    ssize_t n = send_some(c.client, c.to_client.bytes.get() + c.to_client.begin, c.to_client.end - c.to_client.begin);
    if (n >= 0) {
      c.to_client.begin += static_cast<std::size_t>(n);
    } else if (!would_block()) {
      reset_both(c);
    }
  }
}

void FaultProxy::Impl::advance(Connection& c) {
  if (c.cut_pending) {
    if (!c.connecting && c.to_upstream.empty()) {
      count(&ProxyStats::cut);
      reset_both(c);
    }
    return;
  }
  if (c.dropping && c.to_upstream.empty() &&
      (c.upstream_eof || (c.answered && Clock::now() - c.last_client_data >= kDropQuiet))) {
    finish_drop(c);
    return;
  }
  // Pass each side's end of stream on once everything before it has been delivered.
  if (c.client_eof && !c.upstream_shut && !c.connecting && c.to_upstream.empty()) {
    ::shutdown(c.upstream, SHUT_WR);
    c.upstream_shut = true;
  }
  if (c.upstream_eof && !c.client_shut && c.to_client.empty() && !c.dropping) {
    ::shutdown(c.client, SHUT_WR);
    c.client_shut = true;
  }
  if (c.upstream_shut && c.client_shut) {
    close_fd(c.client);
    close_fd(c.upstream);
    c.done = true;
  }
}

void FaultProxy::Impl::finish_drop(Connection& c) {
  count(&ProxyStats::dropped);
  // Swallow whatever the upstream has queued, so that closing sends FIN rather than RST and the
  // hub reads every byte of the request.
  if (c.upstream >= 0) {
    for (int i = 0; i < 64 && recv_some(c.upstream, scratch.get(), kBufferSize) > 0; ++i) {}
    ::shutdown(c.upstream, SHUT_WR);
  }
  close_fd(c.upstream);
  reset_fd(c.client);
  c.done = true;
}

void FaultProxy::Impl::reset_both(Connection& c) {
  reset_fd(c.client);
  reset_fd(c.upstream);
  c.done = true;
}

FaultProxy::FaultProxy(std::uint16_t upstream_port, Faults faults) : impl_(std::make_unique<Impl>()) {
  Impl& impl = *impl_;
  impl.upstream_port = upstream_port;
  impl.faults = faults;
  impl.rng.seed(faults.seed);

  impl.wake_fd = ::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
  if (impl.wake_fd < 0) throw system_error("fault proxy: eventfd");
  impl.listen_fd = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  if (impl.listen_fd < 0) throw system_error("fault proxy: socket");
  int one = 1;
  ::setsockopt(impl.listen_fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = 0;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::bind(impl.listen_fd, reinterpret_cast<const sockaddr*>(&addr), sizeof addr) != 0) {
    throw system_error("fault proxy: bind 127.0.0.1");
  }
  if (::listen(impl.listen_fd, SOMAXCONN) != 0) throw system_error("fault proxy: listen");
  socklen_t len = sizeof addr;
  if (::getsockname(impl.listen_fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
    throw system_error("fault proxy: getsockname");
  }
  impl.listen_port = ntohs(addr.sin_port);
  impl.thread = std::thread([&impl] { impl.run(); });
}

FaultProxy::~FaultProxy() {
  impl_->stopping = true;
  std::uint64_t one = 1;
  [[maybe_unused]] ssize_t n = ::write(impl_->wake_fd, &one, sizeof one);
  if (impl_->thread.joinable()) impl_->thread.join();
}

std::uint16_t FaultProxy::port() const {
  return impl_->listen_port;
}

void FaultProxy::set_faults(Faults faults) {
  std::lock_guard lock(impl_->mutex);
  impl_->faults = faults;
  impl_->rng.seed(faults.seed);
}

void FaultProxy::set_upstream_port(std::uint16_t upstream_port) {
  impl_->upstream_port = upstream_port;
}

ProxyStats FaultProxy::stats() const {
  std::lock_guard lock(impl_->mutex);
  return impl_->counters;
}

}  // namespace wk::test
