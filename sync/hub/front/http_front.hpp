// The hub's front: the one thread that accepts connections, runs their TLS handshakes and
// reads their request heads without blocking, and hands a connection to a worker thread only
// once a whole, admissible head is there. A slow or silent client therefore holds a socket,
// never a worker; the limits below bound what each client and all of them together can hold.
//
// Per connection: accepted only within `max_connections` in all and
// `max_connections_per_address` per client address (else closed at once, no TLS); TLS
// handshake and request head within `head_timeout` of the accept (on a kept-alive
// connection: of the next request's first byte; an idle one is closed after `idle_timeout`);
// the head within HeadLimits (431), free of smuggling ambiguities (400, 411, see
// request_head.hpp); a declared body within the route's limit (413). Refusals are answered
// with `Connection: close` and counted by cause. An address with repeated 401s waits
// (auth_penalty.hpp), parked in the front. Failed TLS handshakes are logged, at most
// `tls_failure_logs_per_minute` lines a minute.
//
// The worker serves one request through `Hooks::serve` (a TlsStream) and the connection comes
// back to the front for its next request, unless it was closed or its body was not read to the
// end (a refused request never has its body read).
#pragma once

#include "sync/hub/front/request_head.hpp"

#include <httplib.h>
#include <openssl/ssl.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

namespace wk::hub {

struct FrontLimits {
  int max_connections = 512;
  int max_connections_per_address = 32;
  std::chrono::milliseconds head_timeout{10000};  // TLS handshake + request head
  std::chrono::milliseconds idle_timeout{10000};  // a kept-alive connection between requests
  std::chrono::milliseconds write_grace{10000};   // per answer, on top of its bytes at min_rate
  std::chrono::milliseconds linger{2000};         // after a closing answer: unread input dropped
  HeadLimits head;
  // A request body (and an answer) must move at least this fast on average, after head_timeout
  // of grace: a body of N bytes has head_timeout + N / min_rate to arrive.
  std::size_t min_rate = 4096;
  int keep_alive_requests = 100;  // requests on one connection
  int free_auth_failures = 5;
  std::chrono::seconds max_auth_delay{60};
  int tls_failure_logs_per_minute = 10;
};

// Totals since start, by cause of refusal.
struct FrontCounters {
  std::uint64_t accepted = 0;
  std::uint64_t over_connection_limit = 0;  // closed at accept: max_connections
  std::uint64_t over_address_limit = 0;     // closed at accept: max_connections_per_address
  std::uint64_t tls_failures = 0;           // handshakes that failed
  std::uint64_t head_timeouts = 0;          // handshake or head not complete in time
  std::uint64_t heads_refused = 0;          // 400, 411, 431
  std::uint64_t bodies_refused = 0;         // 413 on the declared length
  std::uint64_t delayed = 0;                // requests held for an address's auth penalty
  std::uint64_t auth_failures = 0;          // 401s noted
};

class HttpFront {
 public:
  struct Hooks {
    // Serves one request on a worker thread; returns false if the connection must close.
    // `last`: the answer must close the connection.
    std::function<bool(httplib::Stream& stream, const RequestHead& head, bool last)> serve;
    // The largest body accepted for a request to `target`.
    std::function<std::uint64_t(std::string_view target)> body_limit;
    // The body (application/json) of the front's own refusals.
    std::function<std::string(int status, const std::string& reason)> error_body;
  };

  // `ctx` must outlive the front. threads >= 1.
  HttpFront(SSL_CTX* ctx, FrontLimits limits, int threads, Hooks hooks);
  HttpFront(const HttpFront&) = delete;
  HttpFront& operator=(const HttpFront&) = delete;
  ~HttpFront();

  // Binds and listens; returns the port (the chosen one for port 0). Throws
  // std::runtime_error naming the address on failure.
  int bind(const std::string& host, int port);

  // Serves until stop(): the event loop on this thread, the workers on their own. Returns once
  // running requests have finished and every connection is closed.
  void run();

  // True once run() has entered its loop.
  bool running() const;

  // Ends run(). Any thread; idempotent.
  void stop();

  // A 401 was answered to `address` (any thread).
  void note_auth_failure(std::string_view address);

  FrontCounters counters() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace wk::hub
