// welcome-hub's HTTPS service: the endpoints of sync/PROTOCOL.md (health, push, catalog, code
// look-up, offer answers) on cpp-httplib, in front of a HubStore.
//
// Every answer other than 200 carries the protocol's error body (wk::sync::ErrorBody). The
// front (front/http_front.hpp) first refuses what no route may see: a malformed or oversized
// head (400, 411, 431), a declared body over the limit (413: 17 MiB for a push, 64 KiB
// elsewhere). Then, on every /v1/ endpoint but health and before any byte of the body is read:
// Wk-Protocol header (426), bearer token (401 unauthorized / token_revoked); then the request
// itself (413, 400). Request bodies may be gzip (or deflate/br) encoded and are limited to
// kMaxRequestBytes after decompression; responses are compressed when the client accepts it.
// TLS 1.2 and 1.3 only, ECDHE key exchange and AEAD ciphers only. The operators' dashboard
// (dashboard/dashboard_routes.hpp) shares the port under /dashboard. One log line per request:
// method, path, status, client address, terminal id, milliseconds — never bodies or tokens.
#pragma once

#include "sync/hub/dashboard/dashboard_routes.hpp"
#include "sync/hub/front/http_front.hpp"
#include "sync/hub/hub_store.hpp"

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>

namespace wk::hub {

struct ServeOptions {
  std::string host = "127.0.0.1";
  int port = 8443;                  // 0: any free port (see HubServer::port())
  std::filesystem::path cert_file;  // PEM: the server certificate, optionally followed by its chain
  std::filesystem::path key_file;   // PEM: its private key (unencrypted)
  int threads = 8;                  // worker threads (one request each at a time)
  // What one client and all clients together may hold (front/http_front.hpp).
  FrontLimits limits;
  // Code look-ups and offer answers per terminal: `lookups_per_minute` on average, bursts of
  // `lookup_burst`; beyond that 429 with Retry-After.
  int lookups_per_minute = 30;
  int lookup_burst = 10;
  // The operators' dashboard (dashboard/dashboard_routes.hpp) under /dashboard, with its texts
  // from this directory (locales/dashboard); "" serves no dashboard.
  std::filesystem::path dashboard_texts;
  DashboardOptions dashboard;
};

// Totals since start(); bytes are bodies as on the wire (compressed if they were).
struct ServerStats {
  std::uint64_t requests = 0;
  std::uint64_t bytes_in = 0;
  std::uint64_t bytes_out = 0;
  FrontCounters front;  // connections and requests refused, by cause
};

class HubServer {
 public:
  // `store` must outlive the server.
  HubServer(HubStore& store, ServeOptions options);
  HubServer(const HubServer&) = delete;
  HubServer& operator=(const HubServer&) = delete;
  // Stops the server if it is running.
  ~HubServer();

  // Loads the certificate and key, binds and starts serving on a background thread; returns
  // once the server accepts connections. Throws std::runtime_error with a message naming the
  // file or address on failure (unreadable or mismatched certificate/key, address in use).
  // Call at most once.
  void start();

  // The port bound by start() (the chosen one when ServeOptions::port was 0); 0 before.
  int port() const;

  // Stops accepting, lets running requests finish and joins the serving thread. Idempotent;
  // may be called from any thread (not from a request handler).
  void stop();

  // Blocks until the server has stopped (after stop() from another thread).
  void wait();

  ServerStats stats() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace wk::hub
