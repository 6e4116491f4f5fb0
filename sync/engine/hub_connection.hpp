// One terminal's authenticated conversation with its hub: the HTTPS client configured from the
// terminal's HubConfig and token, and the meaning of the hub's answers (PROTOCOL.md "Errors").
//
// Every answer other than 200 becomes a SyncFailure whose kind says what the caller should do:
// retry later (unreachable: network, timeouts, 5xx), stop and alert staff (unauthorized),
// not resend the same body (client_error), or treat as a broken or foreign hub (version,
// malformed, tls, config). Messages are for staff and logs; they never contain the token or
// any body the terminal sent.
#pragma once

#include "kiosk/core/config.hpp"
#include "sync/transport/http_client.hpp"

#include <atomic>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>

namespace wk::sync {

class SyncFailure : public std::runtime_error {
 public:
  enum class Kind {
    unreachable,   // network down, DNS, refused, timeouts, 5xx, 429: try again later
    unauthorized,  // 401: the token is unknown or revoked — stop, alert, delete nothing
    client_error,  // another 4xx: this request will not be accepted as it is
    version,       // 426 or a body of another protocol version
    malformed,     // a 200 whose body is not a valid answer, or an unreadable error body
    tls,           // the hub's identity could not be verified (CA, host name, expiry, pin)
    config,        // the terminal's own settings are unusable (URL, CA file, token file)
    cancelled,     // the caller asked to stop
  };
  SyncFailure(Kind kind, const std::string& message, long http_status = 0, std::string error_code = {})
      : std::runtime_error(message), kind_(kind), http_status_(http_status), error_code_(std::move(error_code)) {}
  Kind kind() const noexcept { return kind_; }
  long http_status() const noexcept { return http_status_; }
  const std::string& error_code() const noexcept { return error_code_; }  // the hub's error code, if any

 private:
  Kind kind_;
  long http_status_;
  std::string error_code_;
};

// Reads the token file: one line, 43 base64url characters (surrounding whitespace ignored).
// Throws SyncFailure config naming the file and the problem (never the file's content).
std::string read_token_file(const std::filesystem::path& file);

class HubConnection {
 public:
  // Throws SyncFailure config (bad URL, unreadable CA file, malformed pin) or tls.
  // `cancel`, if given, is polled during transfers: once true, requests end as SyncFailure cancelled.
  // `meter`, if given, follows the bytes of the request under way.
  // `report`, if not empty, goes with every request as the Wk-Terminal header (PROTOCOL.md).
  HubConnection(const core::HubConfig& hub, const std::string& token, const std::atomic<bool>* cancel = nullptr,
                TransferMeter* meter = nullptr, const std::string& report = {});
  ~HubConnection();
  HubConnection(const HubConnection&) = delete;
  HubConnection& operator=(const HubConnection&) = delete;

  // The body of a 200 answer to POST `path` with the JSON `body`; any other outcome throws SyncFailure.
  std::string post(std::string_view path, std::string_view body);
  // The body of a 200 answer to GET `path_and_query`; any other outcome throws SyncFailure.
  std::string get(std::string_view path_and_query);

  const TransferStats& stats() const;

 private:
  std::string finish(HttpResponse response, std::string_view what);
  std::unique_ptr<HttpClient> client_;
  std::string base_url_;
};

}  // namespace wk::sync
