// A TLS client for the front's tests that behaves as an attacker may: it sends any bytes,
// as slowly as it likes, with the ciphers and versions it likes, and reads with a deadline.
// Loopback only (127.0.0.1; a benchmark may speak from other 127.x addresses to stand for
// other clients); no certificate check (the tests look at the server's behaviour,
// not its identity).
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <string>
#include <string_view>

namespace wk::hub::test {

// A TCP connection to 127.0.0.1:port from `from` (a loopback address), blocking; -1 on
// failure.
inline int connect_loopback(int port, const char* from = "127.0.0.1") {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return -1;
  sockaddr_in local{};
  local.sin_family = AF_INET;
  if (::inet_pton(AF_INET, from, &local.sin_addr) != 1 ||
      ::bind(fd, reinterpret_cast<sockaddr*>(&local), sizeof local) != 0) {
    ::close(fd);
    return -1;
  }
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<std::uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    ::close(fd);
    return -1;
  }
  return fd;
}

// True if the peer closes `fd` (or resets it) within `timeout`; bytes that arrive are dropped.
inline bool closed_within(int fd, std::chrono::milliseconds timeout) {
  const auto end = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(end - std::chrono::steady_clock::now());
    if (left.count() <= 0) return false;
    pollfd p{fd, POLLIN, 0};
    if (::poll(&p, 1, static_cast<int>(left.count())) <= 0) continue;
    char buffer[4096];
    const ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
    if (n <= 0) return true;
  }
}

class RawTls {
 public:
  struct Options {
    const char* ciphers = nullptr;  // TLS 1.2 cipher list; null: OpenSSL's default
    int max_version = 0;            // e.g. TLS1_2_VERSION; 0: the highest
    int min_version = 0;
    const char* from = "127.0.0.1";  // the client's (loopback) address
  };

  explicit RawTls(int port) : RawTls(port, Options{}) {}
  RawTls(int port, Options options) {
    ctx_ = SSL_CTX_new(TLS_client_method());
    if (options.min_version != 0) SSL_CTX_set_min_proto_version(ctx_, options.min_version);
    if (options.max_version != 0) SSL_CTX_set_max_proto_version(ctx_, options.max_version);
    if (options.ciphers != nullptr) SSL_CTX_set_cipher_list(ctx_, options.ciphers);
    fd_ = connect_loopback(port, options.from);
    if (fd_ < 0) return;
    timeval tv{10, 0};
    ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    ::setsockopt(fd_, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
    ssl_ = SSL_new(ctx_);
    SSL_set_fd(ssl_, fd_);
    SSL_set_tlsext_host_name(ssl_, "localhost");
    ERR_clear_error();
    connected_ = SSL_connect(ssl_) == 1;
    ERR_clear_error();
  }
  RawTls(const RawTls&) = delete;
  RawTls& operator=(const RawTls&) = delete;
  ~RawTls() {
    if (ssl_ != nullptr) SSL_free(ssl_);
    if (fd_ >= 0) ::close(fd_);
    SSL_CTX_free(ctx_);
  }

  // The handshake completed.
  bool connected() const { return connected_; }
  int fd() const { return fd_; }
  std::string cipher() const { return connected_ ? SSL_get_cipher_name(ssl_) : ""; }

  // Sends all of `bytes`; false once the server has closed.
  bool send(std::string_view bytes) {
    if (!connected_) return false;
    std::size_t done = 0;
    while (done < bytes.size()) {
      ERR_clear_error();
      const int n = SSL_write(ssl_, bytes.data() + done, static_cast<int>(bytes.size() - done));
      if (n <= 0) return false;
      done += static_cast<std::size_t>(n);
    }
    return true;
  }

  // Reads until `stop` is in what arrived, the server closes, or `timeout` passes.
  std::string receive(std::chrono::milliseconds timeout, std::string_view stop = {}) {
    std::string out;
    if (!connected_) return out;
    const auto end = std::chrono::steady_clock::now() + timeout;
    while (stop.empty() || out.find(stop) == std::string::npos) {
      if (SSL_pending(ssl_) == 0) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(end - std::chrono::steady_clock::now());
        if (left.count() <= 0) break;
        pollfd p{fd_, POLLIN, 0};
        if (::poll(&p, 1, static_cast<int>(left.count())) <= 0) continue;
      }
      char buffer[4096];
      ERR_clear_error();
      const int n = SSL_read(ssl_, buffer, sizeof buffer);
      if (n <= 0) {
        const int error = SSL_get_error(ssl_, n);
        if (error == SSL_ERROR_WANT_READ) continue;
        closed_ = true;
        break;
      }
      out.append(buffer, static_cast<std::size_t>(n));
    }
    return out;
  }

  // The server closed the connection (seen by receive()).
  bool closed() const { return closed_; }

 private:
  SSL_CTX* ctx_ = nullptr;
  SSL* ssl_ = nullptr;
  int fd_ = -1;
  bool connected_ = false;
  bool closed_ = false;
};

// The status code of the first answer in `text` ("HTTP/1.1 431 ..."), 0 if none.
inline int status_of(std::string_view text) {
  if (text.size() < 12 || text.substr(0, 9) != "HTTP/1.1 ") return 0;
  return std::atoi(std::string(text.substr(9, 3)).c_str());
}

}  // namespace wk::hub::test
