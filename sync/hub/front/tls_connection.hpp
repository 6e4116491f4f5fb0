// One client connection of the hub's front: its socket (non-blocking), its TLS state and the
// bytes read from it but not yet consumed. Owned by one thread at a time — the front's event
// loop, or the worker serving its current request — and handed between them through the
// front's queues.
//
// TlsStream is cpp-httplib's view of the connection for one request: it yields the buffered
// bytes first, then reads TLS records, and never waits past its deadlines.
#pragma once

#include "sync/hub/front/request_head.hpp"

#include <httplib.h>
#include <openssl/ssl.h>

#include <chrono>
#include <cstdint>
#include <string>

namespace wk::hub {

struct TlsConnection {
  int fd = -1;
  SSL* ssl = nullptr;
  std::string peer;  // the client's address, as logged and limited
  int peer_port = 0;
  std::string buffer;      // read, not yet consumed: a head, maybe body bytes or a pipelined request
  RequestHead head;        // the request being served (set when its head is complete)
  int requests = 0;        // requests served on this connection so far
  bool shut_down = false;  // close_notify sent: no more TLS

  TlsConnection(int socket, SSL* tls, std::string address, int port);
  TlsConnection(const TlsConnection&) = delete;
  TlsConnection& operator=(const TlsConnection&) = delete;
  // Sends close_notify if it can without waiting, then frees the TLS state and closes the socket.
  ~TlsConnection();
};

class TlsStream final : public httplib::Stream {
 public:
  using Clock = std::chrono::steady_clock;

  // Reads of the request may go on until `read_deadline`; each write gets `write_grace` plus
  // the time to send its bytes at `min_rate` bytes per second.
  TlsStream(TlsConnection& connection, Clock::time_point read_deadline, std::chrono::milliseconds write_grace,
            std::size_t min_rate);

  bool is_readable() const override;
  bool is_writable() const override;
  ssize_t read(char* ptr, size_t size) override;
  // Writes all `size` bytes or fails (-1).
  ssize_t write(const char* ptr, size_t size) override;
  void get_remote_ip_and_port(std::string& ip, int& port) const override;
  void get_local_ip_and_port(std::string& ip, int& port) const override;
  socket_t socket() const override;

  // Bytes of this request read so far (head and body).
  std::uint64_t consumed() const { return consumed_; }
  // A read or write failed or timed out: the connection is not fit for another request.
  bool broken() const { return broken_; }
  // Drops the consumed bytes from the connection's buffer (keeps a pipelined next request).
  void release_buffer();

 private:
  // Waits until the socket is ready for `events` or `deadline`; false on timeout or error.
  bool wait(short events, Clock::time_point deadline) const;

  TlsConnection& c_;
  Clock::time_point read_deadline_;
  std::chrono::milliseconds write_grace_;
  std::size_t min_rate_;
  std::size_t buffer_pos_ = 0;
  std::uint64_t consumed_ = 0;
  bool broken_ = false;
};

}  // namespace wk::hub
