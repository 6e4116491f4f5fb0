// TlsConnection and TlsStream (see tls_connection.hpp).
#include "sync/hub/front/tls_connection.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <openssl/err.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>

namespace wk::hub {

TlsConnection::TlsConnection(int socket, SSL* tls, std::string address, int port)
    : fd(socket), ssl(tls), peer(std::move(address)), peer_port(port) {}

TlsConnection::~TlsConnection() {
  if (ssl != nullptr) {
    if (!shut_down && SSL_is_init_finished(ssl)) SSL_shutdown(ssl);  // non-blocking: one try, never waits
    SSL_free(ssl);
  }
  if (fd >= 0) ::close(fd);
}

TlsStream::TlsStream(TlsConnection& connection, Clock::time_point read_deadline, std::chrono::milliseconds write_grace,
                     std::size_t min_rate)
    : c_(connection),
      read_deadline_(read_deadline),
      write_grace_(write_grace),
      min_rate_(std::max<std::size_t>(1, min_rate)) {}

bool TlsStream::wait(short events, Clock::time_point deadline) const {
  for (;;) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
    if (left <= 0) return false;
    pollfd p{c_.fd, events, 0};
    const int n = ::poll(&p, 1, static_cast<int>(std::min<long long>(left, 1000)));
    if (n > 0) return (p.revents & (events | POLLHUP | POLLERR)) != 0;
    if (n < 0 && errno != EINTR) return false;
  }
}

bool TlsStream::is_readable() const {
  if (buffer_pos_ < c_.buffer.size() || SSL_pending(c_.ssl) > 0) return true;
  return wait(POLLIN, read_deadline_);
}

bool TlsStream::is_writable() const {
  return wait(POLLOUT, Clock::now() + write_grace_);
}

ssize_t TlsStream::read(char* ptr, size_t size) {
  if (size == 0) return 0;
  if (buffer_pos_ < c_.buffer.size()) {
    const std::size_t n = std::min(size, c_.buffer.size() - buffer_pos_);
    std::memcpy(ptr, c_.buffer.data() + buffer_pos_, n);
    buffer_pos_ += n;
    consumed_ += n;
    return static_cast<ssize_t>(n);
  }
  if (broken_) return -1;
  const int want = static_cast<int>(std::min<std::size_t>(size, 1 << 30));
  for (;;) {
    ERR_clear_error();
    const int n = SSL_read(c_.ssl, ptr, want);
    if (n > 0) {
      consumed_ += static_cast<std::uint64_t>(n);
      return n;
    }
    const int error = SSL_get_error(c_.ssl, n);
    if (error == SSL_ERROR_WANT_READ && wait(POLLIN, read_deadline_)) continue;
    if (error == SSL_ERROR_WANT_WRITE && wait(POLLOUT, read_deadline_)) continue;
    broken_ = true;
    return error == SSL_ERROR_ZERO_RETURN ? 0 : -1;
  }
}

ssize_t TlsStream::write(const char* ptr, size_t size) {
  if (broken_) return -1;
  const auto deadline = Clock::now() + write_grace_ + std::chrono::milliseconds(size * 1000 / min_rate_);
  std::size_t done = 0;
  while (done < size) {
    ERR_clear_error();
    const int n = SSL_write(c_.ssl, ptr + done, static_cast<int>(std::min<std::size_t>(size - done, 1 << 20)));
    if (n > 0) {
      done += static_cast<std::size_t>(n);
      continue;
    }
    const int error = SSL_get_error(c_.ssl, n);
    if (error == SSL_ERROR_WANT_WRITE && wait(POLLOUT, deadline)) continue;
    if (error == SSL_ERROR_WANT_READ && wait(POLLIN, deadline)) continue;
    broken_ = true;
    return -1;
  }
  return static_cast<ssize_t>(size);
}

void TlsStream::get_remote_ip_and_port(std::string& ip, int& port) const {
  ip = c_.peer;
  port = c_.peer_port;
}

void TlsStream::get_local_ip_and_port(std::string& ip, int& port) const {
  sockaddr_storage addr{};
  socklen_t len = sizeof addr;
  ip.clear();
  port = 0;
  if (::getsockname(c_.fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0) return;
  char text[INET6_ADDRSTRLEN] = {};
  if (addr.ss_family == AF_INET) {
    const auto* a = reinterpret_cast<const sockaddr_in*>(&addr);
    ::inet_ntop(AF_INET, &a->sin_addr, text, sizeof text);
    port = ntohs(a->sin_port);
  } else if (addr.ss_family == AF_INET6) {
    const auto* a = reinterpret_cast<const sockaddr_in6*>(&addr);
    ::inet_ntop(AF_INET6, &a->sin6_addr, text, sizeof text);
    port = ntohs(a->sin6_port);
  }
  ip = text;
}

socket_t TlsStream::socket() const {
  return c_.fd;
}

void TlsStream::release_buffer() {
  c_.buffer.erase(0, buffer_pos_);
  buffer_pos_ = 0;
}

}  // namespace wk::hub
