// A fault-injecting TCP proxy for the sync tests: it sits on loopback between the terminal's
// HTTPS client and the hub and passes the byte stream through untouched (TLS stays end to end,
// the proxy never decrypts), except where it is told to hurt the traffic:
//   cut      the connection dies while the request is being sent; the hub never sees all of it
//   drop     the request reaches the hub, the hub answers, the answer never reaches the client
//   refuse   the connection is accepted and closed at once
// Which connection suffers is decided once, when it is accepted, by a seeded generator, so a
// test run is repeatable. Without faults the proxy is transparent: bytes both ways in order,
// half-close (one side's end of stream) passed on with shutdown(SHUT_WR), a reset passed on as
// a reset.
//
// How connections end on purpose:
//   cut      both sides are reset (close with SO_LINGER 0, i.e. RST); the client sees
//            ECONNRESET/EPIPE, the hub a reset after at most the drawn number of bytes
//   drop     the client side is reset; the upstream side is first given every client byte the
//            proxy holds, then shut down normally (FIN), so the hub reads the whole request
//   refuse   the client side is reset right after accept; no upstream connection is opened
//   hub down the client side is closed normally (the client may still see a reset if it had
//            already sent bytes that the proxy never read)
//
// One thread runs everything: a poll() loop over the listener, every connection and an eventfd
// that the destructor uses to wake it. Signals: SIGPIPE is never raised (MSG_NOSIGNAL).
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>

namespace wk::test {

// What to do to connections. Probabilities are per accepted connection, 0.0 (never) to 1.0
// (always); when several faults are drawn for one connection, refuse wins over cut, cut over drop.
struct Faults {
  // Close both sides after forwarding a number of client->upstream bytes drawn uniformly from
  // 0..cut_window. A connection on which the client never sends more than that number of bytes
  // is not cut (and not counted).
  double cut_request = 0.0;
  std::size_t cut_window = 8192;
  // Forward the client's bytes; once the client has sent more than response_threshold bytes on
  // this connection, every later upstream->client byte is discarded. Both sides are closed as
  // soon as the hub has sent something after the client's last bytes and the client has been
  // quiet for 50 ms (so a request written in several pieces reaches the hub in full, and the hub
  // has answered, i.e. committed, before the client learns of the failure). An upstream end of
  // stream before anything was discarded is passed on normally.
  double drop_response = 0.0;
  std::size_t response_threshold = 4096;  // TLS handshake bytes stay below this; push requests are larger
  // Accept, then close (reset) at once.
  double refuse = 0.0;
  // Seeds the generator that draws the decisions (std::mt19937; every connection consumes the
  // same number of draws, so the sequence of decisions depends only on the seed and accept order).
  std::uint32_t seed = 1;
};

// Counters since the proxy started. `connections` counts every accepted connection; the others
// count connections that ended through that fault (a drawn cut that never triggered is not a cut).
struct ProxyStats {
  std::uint64_t connections = 0;
  std::uint64_t cut = 0;
  std::uint64_t dropped = 0;
  std::uint64_t refused = 0;
  std::uint64_t upstream_failed = 0;  // the upstream port could not be connected
};

class FaultProxy {
 public:
  // Listens on 127.0.0.1 on a free port and starts the proxy thread; every accepted connection
  // is relayed to 127.0.0.1:`upstream_port`. Throws std::system_error if the listening socket,
  // the eventfd or the thread cannot be created.
  explicit FaultProxy(std::uint16_t upstream_port, Faults faults = {});
  // Stops the thread promptly and closes every socket (open connections are closed, not
  // drained). Never blocks on a peer.
  ~FaultProxy();

  FaultProxy(const FaultProxy&) = delete;
  FaultProxy& operator=(const FaultProxy&) = delete;

  // The port the proxy listens on (127.0.0.1).
  std::uint16_t port() const;
  // Replaces the faults and reseeds the generator with faults.seed. Applies to connections
  // accepted afterwards; connections already open keep the decision they were given.
  void set_faults(Faults faults);
  // Relays connections accepted afterwards to this port (e.g. after the hub restarted elsewhere).
  void set_upstream_port(std::uint16_t upstream_port);
  // A consistent snapshot of the counters.
  ProxyStats stats() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace wk::test
