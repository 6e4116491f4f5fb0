// The terminal's HTTPS client (libcurl): requests to the hub as byte strings, fail-closed TLS.
// No protocol logic here: the caller builds and parses the JSON and interprets HTTP statuses.
//
// Security rules (DESIGN.md §5, PROTOCOL.md "Transport"), none of which can be switched off:
//   - https:// only, also for redirects; redirects are followed by this client (at most
//     kMaxRedirects) only to https:// URLs on the same host, anything else is refused;
//   - TLS 1.2 or newer, peer and host name always verified, trusting only the operator's CA file
//     (never the system's CA store), plus optional pinned public keys (current and backup);
//   - connect, low-speed and total timeouts; proxies only when configured (environment
//     variables such as https_proxy are ignored);
//   - responses are capped at max_response_bytes after decompression, checked while the body
//     arrives (a gzip bomb is stopped at the cap).
// Request bodies over kGzipThreshold bytes are sent gzip-compressed; responses may be gzip or
// identity (Accept-Encoding: gzip), decoded here.
//
// Results are values: any HTTP status, 2xx or not, is returned as an HttpResponse. Only a
// request that produced no usable response throws TransportError, whose kind says why and whose
// message is meant for staff and logs: what failed in plain words, the method and URL (without
// user info), and libcurl's own error text. Messages never contain header values (the
// Authorization token), request or response bodies.
//
// Threads: one HttpClient per thread. It keeps one libcurl easy handle, so connections (and TLS
// sessions) are reused across requests (keep-alive). libcurl's global initialisation happens
// once per process, thread-safely, on first construction. Name resolution uses libcurl's
// threaded resolver and CURLOPT_NOSIGNAL, so no signals are involved.
#pragma once

#include "sync/protocol/messages.hpp"

#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace wk::sync {

// [SECTION] Options and results

// Request bodies larger than this are sent with Content-Encoding: gzip.
inline constexpr std::size_t kGzipThreshold = 1024;
// Most redirects followed for one request.
inline constexpr int kMaxRedirects = 3;

// Bytes moved by the request under way (up and down), and how many it will move when known
// (0: not known yet). Written by the transfer's thread, read by anyone.
struct TransferMeter {
  std::atomic<std::int64_t> now{0}, total{0};
};

struct ClientOptions {
  std::string base_url;                  // "https://host[:port][/prefix]"; anything but https:// is refused
  std::filesystem::path ca_file;         // PEM bundle of the operator's CA; required, must be readable
  std::vector<std::string> pinned_keys;  // optional "sha256//BASE64" SPKI pins (current and backup); any one must match
  std::chrono::milliseconds connect_timeout{10'000};
  std::chrono::milliseconds total_timeout{120'000};          // per request, redirects included
  long low_speed_limit = 64;                                 // bytes/s ...
  std::chrono::seconds low_speed_time{30};                   // ... for this long aborts (0 s: no low-speed check)
  std::size_t max_response_bytes = kMaxResponseBytes;        // response body after decompression
  std::vector<std::pair<std::string, std::string>> headers;  // sent with every request (Authorization, Wk-Protocol)
  std::string user_agent = "welcome-kiosk";
  std::string proxy;                          // e.g. "http://proxy:3128"; empty: connect directly
  const std::atomic<bool>* cancel = nullptr;  // if given, polled during transfers: once true, requests throw cancelled
  TransferMeter* meter = nullptr;             // if given, updated during transfers
};

struct HttpResponse {
  long status = 0;           // the final status, after redirects
  std::string body;          // decompressed
  std::string content_type;  // the Content-Type header's value, as sent ("" if none)
};

// Counters over the client's lifetime. Bodies are counted as on the wire (compressed), headers
// not; failed requests count what they transferred before failing.
struct TransferStats {
  std::uint64_t requests = 0;        // HTTP requests sent (each redirect hop counts)
  std::uint64_t bytes_sent = 0;      // request body bytes uploaded
  std::uint64_t bytes_received = 0;  // response body bytes received
};

class TransportError : public std::runtime_error {
 public:
  enum class Kind {
    unreachable,   // DNS, connection refused/reset/cut, timeouts, empty reply: worth retrying later
    tls,           // the hub's identity was not verified: CA, host name, expiry, pin, handshake, CA file
    refused,       // against the rules: not https://, redirect off https or off host, too many redirects
    too_large,     // the response body exceeds max_response_bytes (after decompression)
    bad_response,  // not a usable HTTP response: corrupt gzip, unsupported Content-Encoding, garbage
    cancelled,     // ClientOptions::cancel became true
  };
  TransportError(Kind kind, const std::string& message) : std::runtime_error(message), kind_(kind) {}
  Kind kind() const noexcept { return kind_; }

 private:
  Kind kind_;
};

// "unreachable", "tls", ... (for logs).
const char* to_string(TransportError::Kind kind) noexcept;

// [SECTION] Client

class HttpClient {
 public:
  // Validates `options` and prepares the libcurl handle (no network traffic yet).
  // Throws TransportError refused if base_url is not https://; TransportError tls if ca_file is
  // empty, unreadable or holds no PEM certificate (naming the file); std::invalid_argument for a
  // malformed base_url (or one with user info, query or fragment), a malformed pin, a header
  // name or value that could not be sent as given (or one this client sets itself: Host,
  // Content-Type, Content-Encoding, Content-Length, Accept-Encoding, Transfer-Encoding, Expect,
  // Connection), or a non-positive timeout or size limit; std::runtime_error if libcurl cannot
  // be initialised or lacks a required feature.
  explicit HttpClient(ClientOptions options);
  ~HttpClient();
  HttpClient(HttpClient&&) noexcept;  // a moved-from client may only be destroyed or assigned to
  HttpClient& operator=(HttpClient&&) noexcept;
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  // GET base_url + path_and_query. `path_and_query` starts with '/' and holds only printable
  // ASCII without spaces or '#' (already percent-encoded), else std::invalid_argument.
  // Returns any HTTP status; throws TransportError as described above.
  HttpResponse get(std::string_view path_and_query);

  // POST base_url + path with `body` as application/json (gzip-compressed over kGzipThreshold
  // bytes). Redirects 307/308 repeat the POST; 301/302/303 continue as GET (as browsers and
  // libcurl do). Same rules for `path`, results and errors as get().
  HttpResponse post_json(std::string_view path, std::string_view body);

  const TransferStats& stats() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace wk::sync
