// The HTTPS service (see hub_server.hpp): TLS setup with operator-readable errors, the
// admission of a request before its body (protocol header, token), the route handlers, the
// error body for httplib's own errors (404, 413, malformed HTTP), and the per-request log line
// and statistics. Connections, TLS and request heads are the front's (front/http_front.hpp);
// cpp-httplib routes and answers one request at a time on a worker through
// Router::serve.
//
// Per-request bookkeeping (start time, terminal id, wire size of the request body) lives in
// thread_local variables: the front's worker runs the admission, the route handler and the
// logger of one request on one thread, one request at a time.
#include "sync/hub/hub_server.hpp"

#include "sync/hub/dashboard/dashboard_routes.hpp"
#include "sync/hub/front/http_front.hpp"
#include "sync/hub/rate_limit.hpp"

#include "kiosk/core/database.hpp"
#include "kiosk/core/log.hpp"

#include <httplib.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <ctime>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <thread>

namespace wk::hub {
namespace {

using Clock = std::chrono::steady_clock;
using wk::sync::ErrorBody;

// Bodies on the wire: a push up to the protocol's limit (plus room for a gzip that does not
// shrink), anything else (offer answers, dashboard forms) small.
constexpr std::uint64_t kMaxPushWireBytes = wk::sync::kMaxRequestBytes + 1024 * 1024;
constexpr std::uint64_t kMaxOtherBodyBytes = 64 * 1024;

// Only ECDHE key exchange with AEAD ciphers, in TLS 1.2; TLS 1.3 has nothing else.
constexpr const char* kTls12Ciphers =
    "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:"
    "ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305";
constexpr const char* kTls13Suites = "TLS_AES_128_GCM_SHA256:TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256";

thread_local std::optional<Clock::time_point> t_start;
thread_local std::string t_terminal;
thread_local std::optional<std::uint64_t> t_bytes_in;
thread_local bool t_admitted = false;

// [SECTION] TLS

std::string openssl_errors() {
  std::string out;
  while (const unsigned long code = ERR_get_error()) {
    char buffer[256];
    ERR_error_string_n(code, buffer, sizeof buffer);
    out += (out.empty() ? "" : "; ") + std::string(buffer);
  }
  return out.empty() ? "unknown OpenSSL error" : out;
}

std::string file_problem(const std::filesystem::path& file) {
  std::error_code ec;
  if (file.empty()) return "no file given";
  if (!std::filesystem::exists(file, ec)) return "no such file";
  if (!std::filesystem::is_regular_file(file, ec)) return "not a regular file";
  if (::access(file.c_str(), R_OK) != 0) return "not readable (permission denied)";
  return {};
}

// Configures `ctx` from the options; on failure fills `error` and returns false.
// The certificate's notAfter as YYYY-MM-DD (UTC).
std::string expiry_date(const ASN1_TIME* t) {
  std::tm tm{};
  if (ASN1_TIME_to_tm(t, &tm) != 1) return "an unreadable date";
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
  return buf;
}

// An expired certificate stops the hub (terminals refuse it anyway, and a hub that seems to run
// would hide why); one that expires within kRenewWithinDays is a warning at every start.
constexpr int kRenewWithinDays = 30;
bool check_expiry(SSL_CTX& ctx, const std::string& cert, std::string& error) {
  const X509* leaf = SSL_CTX_get0_certificate(&ctx);
  if (leaf == nullptr) return true;
  const ASN1_TIME* not_after = X509_get0_notAfter(leaf);
  int days = 0, seconds = 0;
  if (ASN1_TIME_diff(&days, &seconds, nullptr, not_after) != 1) return true;  // from now
  const std::string date = expiry_date(not_after);
  if (days < 0 || seconds < 0 || (days == 0 && seconds == 0)) {
    error = "the certificate in " + cert + " expired on " + date +
            " (UTC): renew it with the same key or the backup key whose pin terminals hold, then start again";
    return false;
  }
  if (days < kRenewWithinDays)
    wk::core::log::event(wk::core::log::Level::warn, wk::core::log::Event::certificate_expiring, "hub-server",
                         "the certificate in " + cert + " expires on " + date + " (UTC), in " + std::to_string(days) +
                             " day(s): renew it before then");
  return true;
}

// The served certificate's last day and the whole days left, when it expires within
// kRenewWithinDays.
std::optional<std::pair<std::string, int>> expiring_soon(SSL_CTX& ctx) {
  const X509* leaf = SSL_CTX_get0_certificate(&ctx);
  if (leaf == nullptr) return std::nullopt;
  int days = 0, seconds = 0;
  if (ASN1_TIME_diff(&days, &seconds, nullptr, X509_get0_notAfter(leaf)) != 1 || days >= kRenewWithinDays)
    return std::nullopt;
  return std::make_pair(expiry_date(X509_get0_notAfter(leaf)), days);
}

bool setup_tls(SSL_CTX& ctx, const ServeOptions& options, std::string& error) {
  ERR_clear_error();
  SSL_CTX_set_min_proto_version(&ctx, TLS1_2_VERSION);
  SSL_CTX_set_options(&ctx, SSL_OP_NO_COMPRESSION | SSL_OP_NO_RENEGOTIATION | SSL_OP_CIPHER_SERVER_PREFERENCE);
  if (SSL_CTX_set_cipher_list(&ctx, kTls12Ciphers) != 1 || SSL_CTX_set_ciphersuites(&ctx, kTls13Suites) != 1) {
    error = "cannot set the cipher list: " + openssl_errors();
    return false;
  }
  const std::string cert = options.cert_file.string();
  const std::string key = options.key_file.string();
  if (const std::string p = file_problem(options.cert_file); !p.empty()) {
    error = "cannot read certificate file " + cert + ": " + p;
    return false;
  }
  if (const std::string p = file_problem(options.key_file); !p.empty()) {
    error = "cannot read key file " + key + ": " + p;
    return false;
  }
  if (SSL_CTX_use_certificate_chain_file(&ctx, cert.c_str()) != 1) {
    error = "cannot load certificate file " + cert + " (expected PEM): " + openssl_errors();
    return false;
  }
  // Load the key apart from the certificate, so that "cannot read" and "does not match" differ.
  EVP_PKEY* pkey = nullptr;
  if (BIO* bio = BIO_new_file(key.c_str(), "r"); bio != nullptr) {
    pkey = PEM_read_bio_PrivateKey(bio, nullptr, nullptr, nullptr);
    BIO_free(bio);
  }
  if (pkey == nullptr) {
    error = "cannot load key file " + key + " (expected an unencrypted PEM private key): " + openssl_errors();
    return false;
  }
  const bool matches = SSL_CTX_use_PrivateKey(&ctx, pkey) == 1 && SSL_CTX_check_private_key(&ctx) == 1;
  EVP_PKEY_free(pkey);
  if (!matches) {
    ERR_clear_error();
    error = "the key in " + key + " does not match the certificate in " + cert;
    return false;
  }
  return check_expiry(ctx, cert, error);
}

// [SECTION] Answers

void send_json(httplib::Response& res, int status, const std::string& body) {
  res.status = status;
  res.set_content(body, "application/json");
}

void send_error(httplib::Response& res, int status, std::string code, std::string message) {
  ErrorBody error;
  error.code = std::move(code);
  error.message = std::move(message);
  if (error.code == "protocol_version") error.supported = {wk::sync::kProtocolVersion};
  send_json(res, status, wk::sync::to_json(error));
}

// The front's refusals (front/http_front.hpp) in the protocol's error body.
std::string front_error_body(int status, const std::string& reason) {
  ErrorBody error;
  error.code = status == 413 ? "payload_too_large" : "bad_request";
  error.message = reason;
  return wk::sync::to_json(error);
}

// The error body for a status httplib set on its own (no route, too large, malformed HTTP).
void fill_default_error(httplib::Response& res) {
  switch (res.status) {
    case 404:
      send_error(res, 404, "not_found", "no such endpoint");
      return;
    case 413:
      send_error(res, 413, "payload_too_large", "body: larger than the limit");
      return;
    case 503:
      send_error(res, 503, "unavailable", "service unavailable");
      return;
    default:
      if (res.status >= 500) {
        send_error(res, res.status, "internal", "internal error");
      } else {
        send_error(res, res.status, "bad_request", "malformed HTTP request");
      }
  }
}

// The Wk-Protocol header check shared by the authenticated endpoints; false if answered.
bool check_protocol_header(const httplib::Request& req, httplib::Response& res) {
  if (!req.has_header("Wk-Protocol")) {
    send_error(res, 426, "protocol_version", "Wk-Protocol: missing header");
    return false;
  }
  if (req.get_header_value("Wk-Protocol") != std::to_string(wk::sync::kProtocolVersion)) {
    send_error(res, 426, "protocol_version", "Wk-Protocol: unsupported protocol version");
    return false;
  }
  return true;
}

// The endpoints that need the protocol header and a token: /v1/ but its health check.
bool needs_admission(const std::string& path) {
  return path.rfind("/v1/", 0) == 0 && path != "/v1/health";
}

// cpp-httplib's routing and answering, for one request on a stream the front hands over.
class Router : public httplib::Server {
 public:
  // Serves one request; returns false if the connection must close.
  bool serve(httplib::Stream& stream, bool close) {
    bool closed = false;
    const bool ok = process_request(stream, close, closed, nullptr);
    return ok && !closed;
  }
};

// The path as logged: a registration code in it is personal data and never logged.
std::string short_path(const std::string& path) {
  constexpr std::string_view kCodes = "/v1/codes/";
  if (path.rfind(kCodes, 0) == 0) return std::string(kCodes) + "*";
  return path.size() <= 100 ? path : path.substr(0, 100) + "...";
}

}  // namespace

// [SECTION] Server

struct HubServer::Impl {
  HubStore& store;
  ServeOptions options;
  SSL_CTX* ctx = nullptr;
  Router router;
  std::unique_ptr<HttpFront> front;
  std::thread thread;
  int port = 0;
  std::atomic<std::uint64_t> requests{0}, bytes_in{0}, bytes_out{0};

  std::mutex join_mutex;  // one joiner of `thread` at a time
  std::mutex mutex;       // guards `finished`
  std::condition_variable finished_cv;
  bool finished = false;
  bool started = false;
  bool serving = false;  // the serving thread was started

  RateLimiter lookups;
  std::unique_ptr<DashboardService> dashboard;  // null: no dashboard (ServeOptions::dashboard_texts "")

  Impl(HubStore& s, ServeOptions o)
      : store(s), options(std::move(o)), lookups(options.lookups_per_minute, options.lookup_burst) {}
  ~Impl() {
    front.reset();
    if (ctx != nullptr) SSL_CTX_free(ctx);
  }

  // The protocol header, then the token, before any byte of the body is read; answers and
  // returns false when refused. Runs once per request (t_admitted).
  bool admit_request(const httplib::Request& req, httplib::Response& res) {
    if (t_admitted) return true;
    if (req.path != "/v1/push" && req.has_header("Content-Encoding")) {
      send_error(res, 415, "bad_request", "Content-Encoding: accepted on /v1/push only");
      return false;
    }
    if (!needs_admission(req.path)) return true;
    if (!check_protocol_header(req, res)) return false;
    if (!authenticate(req, res)) return false;
    t_admitted = true;
    return true;
  }

  // Returns the terminal id for the bearer token, or answers 401 and returns nullopt.
  std::optional<std::string> authenticate(const httplib::Request& req, httplib::Response& res) {
    const std::string header = req.get_header_value("Authorization");
    constexpr std::string_view kScheme = "Bearer ";
    if (header.size() <= kScheme.size() || strncasecmp(header.c_str(), kScheme.data(), kScheme.size()) != 0) {
      send_error(res, 401, "unauthorized", "Authorization: missing bearer token");
      return std::nullopt;
    }
    const AuthResult auth = store.authenticate(std::string_view(header).substr(kScheme.size()));
    switch (auth.status) {
      case AuthResult::Status::ok:
        t_terminal = auth.terminal_id;
        store.note_terminal(auth.terminal_id, req.get_header_value("Wk-Terminal"));
        return auth.terminal_id;
      case AuthResult::Status::revoked:
        t_terminal = auth.terminal_id;
        send_error(res, 401, "token_revoked", "Authorization: the token was revoked");
        return std::nullopt;
      case AuthResult::Status::malformed:
      case AuthResult::Status::unknown:
        break;
    }
    send_error(res, 401, "unauthorized", "Authorization: unknown token");
    return std::nullopt;
  }

  // A failure of the hub itself: 507 when its disk is full (the transaction rolled back, nothing
  // of the request is stored; the terminal keeps it and tries again later), else 500.
  void internal_error(httplib::Response& res, std::string_view what, const std::exception& e) {
    const auto* sqlite = dynamic_cast<const wk::core::SqliteError*>(&e);
    if (sqlite != nullptr && sqlite->primary_code() == SQLITE_FULL) {
      wk::core::log::error("hub-server", std::string(what) + " refused: the disk holding " + store.path().string() +
                                             " is full; nothing of the request was stored. Free space there; " +
                                             "terminals keep their data and send it again.");
      send_error(res, 507, "insufficient_storage", "the hub cannot store anything now; retry later");
      return;
    }
    wk::core::log::error("hub-server", std::string(what) + " failed: " + e.what());
    send_error(res, 500, "internal", std::string(what) + " failed");
  }

  // Admitted before (admit_request): the body is read only now, and only up to the limit.
  void handle_push(const httplib::Request& req, httplib::Response& res, const httplib::ContentReader& reader) {
    const std::string terminal = t_terminal;
    std::string body;
    bool too_large = false;
    const bool read_ok = reader([&](const char* data, std::size_t n) {
      if (body.size() + n > wk::sync::kMaxRequestBytes) {
        too_large = true;
        return false;
      }
      body.append(data, n);
      return true;
    });
    t_bytes_in = req.has_header("Content-Length") ? req.get_header_value<std::uint64_t>("Content-Length") : body.size();
    if (too_large || (!read_ok && res.status == 413)) {
      send_error(res, 413, "payload_too_large", "body: larger than 16 MiB after decompression");
      return;
    }
    if (!read_ok) {
      send_error(res, 400, "bad_request", "body: cannot be read (truncated, or bad Content-Encoding)");
      return;
    }
    const std::string type = req.get_header_value("Content-Type");
    if (type != "application/json" && type.rfind("application/json;", 0) != 0) {
      send_error(res, 400, "bad_request", "Content-Type: expected application/json");
      return;
    }
    wk::sync::PushRequest request;
    try {
      request = wk::sync::parse_push_request(body);
    } catch (const wk::sync::VersionMismatch& e) {
      send_error(res, 426, "protocol_version", e.what());
      return;
    } catch (const wk::sync::ProtocolError& e) {
      send_error(res, 400, "bad_request", e.what());
      return;
    }
    if (request.terminal_id != terminal) {
      send_error(res, 401, "unauthorized", "terminal_id: does not belong to the token");
      return;
    }
    try {
      send_json(res, 200, wk::sync::to_json(store.apply_push(terminal, request)));
    } catch (const std::exception& e) {
      internal_error(res, "push", e);
    }
  }

  // The terminal admitted for this request (admit_request ran before the route).
  std::optional<std::string> admit(const httplib::Request& req, httplib::Response& res) {
    t_bytes_in = req.body.size();
    if (!t_admitted) {  // never: every /v1/ route is admitted first
      send_error(res, 401, "unauthorized", "Authorization: not checked");
      return std::nullopt;
    }
    return t_terminal;
  }

  void handle_catalog(const httplib::Request& req, httplib::Response& res) {
    const std::optional<std::string> terminal = admit(req, res);
    if (!terminal) return;
    int limit = wk::sync::kDefaultPullLimit;
    if (req.has_param("limit")) {
      const std::string text = req.get_param_value("limit");
      const bool digits = !text.empty() && text.size() <= 4 &&
                          std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
      limit = digits ? std::stoi(text) : 0;
      if (limit < wk::sync::kMinPullLimit || limit > wk::sync::kMaxPullLimit) {
        send_error(res, 400, "bad_request", "limit: expected a whole number 1..5000");
        return;
      }
    }
    bool pending = false;
    if (req.has_param("pending")) {
      const std::string text = req.get_param_value("pending");
      if (text != "0" && text != "1") {
        send_error(res, 400, "bad_request", "pending: expected 0 or 1");
        return;
      }
      pending = text == "1";
    }
    try {
      send_json(res, 200,
                wk::sync::to_json(store.catalog_since(req.get_param_value("since"), limit, *terminal, pending)));
    } catch (const std::exception& e) {
      internal_error(res, "catalog", e);
    }
  }

  // A terminal's look-ups and offer answers are limited, so that codes cannot be guessed
  // through it; answers 429 and returns false beyond the limit.
  bool within_lookup_limit(const std::string& terminal, httplib::Response& res) {
    int retry_after = 1;
    if (lookups.allow(terminal, Clock::now(), &retry_after)) return true;
    res.set_header("Retry-After", std::to_string(retry_after));
    send_error(res, 429, "rate_limited", "code look-ups: too many from this terminal; retry later");
    wk::core::log::warn("hub-server", "code look-ups of terminal " + terminal + " limited");
    return false;
  }

  void handle_code(const httplib::Request& req, httplib::Response& res) {
    const std::optional<std::string> terminal = admit(req, res);
    if (!terminal || !within_lookup_limit(*terminal, res)) return;
    const std::string code = req.matches.size() > 1 ? req.matches[1].str() : std::string();
    try {
      send_json(res, 200, wk::sync::to_json(store.lookup_code(code)));
    } catch (const std::exception& e) {
      internal_error(res, "code look-up", e);
    }
  }

  void handle_offer(const httplib::Request& req, httplib::Response& res) {
    const std::optional<std::string> terminal = admit(req, res);
    if (!terminal || !within_lookup_limit(*terminal, res)) return;
    const std::string id = req.matches.size() > 1 ? req.matches[1].str() : std::string();
    wk::sync::OfferReply reply;
    try {
      reply = wk::sync::parse_offer_reply(req.body);
    } catch (const wk::sync::VersionMismatch& e) {
      send_error(res, 426, "protocol_version", e.what());
      return;
    } catch (const wk::sync::ProtocolError& e) {
      send_error(res, 400, "bad_request", e.what());
      return;
    }
    try {
      const OfferOutcome outcome =
          store.answer_offer(id, reply.code, reply.answer == "accept" ? OfferAnswer::accept : OfferAnswer::decline);
      if (outcome == OfferOutcome::no_offer) {
        send_error(res, 404, "no_offer", "no open offer for this booking and code");
        return;
      }
      send_json(
          res, 200,
          wk::sync::to_json(wk::sync::OfferResult{id, outcome == OfferOutcome::confirmed ? "confirmed" : "cancelled"}));
    } catch (const std::exception& e) {
      internal_error(res, "offer answer", e);
    }
  }

  // One line per request, with the client's address; refusals of a token at warn, and noted
  // for the address's growing wait (front/auth_penalty.hpp).
  void log_request(const httplib::Request& req, const httplib::Response& res) {
    const auto ms =
        t_start ? std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - *t_start).count() : 0;
    const std::uint64_t in = t_bytes_in.value_or(req.body.size());
    requests.fetch_add(1, std::memory_order_relaxed);
    bytes_in.fetch_add(in, std::memory_order_relaxed);
    bytes_out.fetch_add(res.body.size(), std::memory_order_relaxed);
    const std::string line = req.method + " " + short_path(req.path) + " " + std::to_string(res.status) +
                             " client=" + (req.remote_addr.empty() ? "-" : req.remote_addr) +
                             " terminal=" + (t_terminal.empty() ? "-" : t_terminal) + " " + std::to_string(ms) + " ms";
    if (res.status == 401) {
      wk::core::log::warn("hub-server", line);
      if (front) front->note_auth_failure(req.remote_addr);
    } else {
      wk::core::log::info("hub-server", line);
    }
  }

  // Serves one request the front hands over (on a worker thread).
  bool serve(httplib::Stream& stream, bool last) {
    t_start = Clock::now();
    t_terminal.clear();
    t_bytes_in.reset();
    t_admitted = false;
    return router.serve(stream, last);
  }

  void configure() {
    httplib::Server& s = router;
    // The declared length is checked per route by the front (body_limit); this is httplib's own
    // check of it, at the largest the front lets through. Decompressed sizes: the push reads
    // its body itself up to kMaxRequestBytes, and no other route takes a compressed body
    // (admit_request), so a small compressed body never unpacks into a large one.
    s.set_payload_max_length(kMaxPushWireBytes);
    s.set_keep_alive_max_count(static_cast<std::size_t>(std::max(1, options.limits.keep_alive_requests)));
    s.set_keep_alive_timeout(
        std::max<time_t>(1, std::chrono::duration_cast<std::chrono::seconds>(options.limits.idle_timeout).count()));
    // A client sending "Expect: 100-continue" hears "continue" only once admitted.
    s.set_expect_100_continue_handler([this](const httplib::Request& req, httplib::Response& res) {
      return admit_request(req, res) ? 100 : res.status;
    });
    s.set_pre_routing_handler(
        httplib::Server::HandlerWithResponse([this](const httplib::Request& req, httplib::Response& res) {
          return admit_request(req, res) ? httplib::Server::HandlerResponse::Unhandled
                                         : httplib::Server::HandlerResponse::Handled;
        }));
    s.set_error_handler(httplib::Server::HandlerWithResponse([](const httplib::Request&, httplib::Response& res) {
      if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
      fill_default_error(res);
      return httplib::Server::HandlerResponse::Handled;
    }));
    s.set_exception_handler([this](const httplib::Request&, httplib::Response& res, std::exception_ptr ep) {
      try {
        if (ep) std::rethrow_exception(ep);
      } catch (const std::exception& e) {
        internal_error(res, "request", e);
        return;
      } catch (...) {
        wk::core::log::error("hub-server", "request failed with an unknown exception");
      }
      send_error(res, 500, "internal", "internal error");
    });
    s.set_logger([this](const httplib::Request& req, const httplib::Response& res) { log_request(req, res); });

    s.Get("/v1/health", [](const httplib::Request&, httplib::Response& res) {
      send_json(res, 200, nlohmann::json{{"protocol", wk::sync::kProtocolVersion}, {"status", "ok"}}.dump());
    });
    s.Post("/v1/push", httplib::Server::HandlerWithContentReader(
                           [this](const httplib::Request& req, httplib::Response& res,
                                  const httplib::ContentReader& reader) { handle_push(req, res, reader); }));
    s.Get("/v1/catalog", [this](const httplib::Request& req, httplib::Response& res) { handle_catalog(req, res); });
    // Whose token this is (provisioning checks a bundle's token against its terminal id).
    s.Get("/v1/whoami", [this](const httplib::Request& req, httplib::Response& res) {
      const std::optional<std::string> terminal = admit(req, res);
      if (!terminal) return;
      send_json(res, 200, nlohmann::json{{"protocol", wk::sync::kProtocolVersion}, {"terminal_id", *terminal}}.dump());
    });
    s.Get(R"(/v1/codes/([A-Za-z0-9-]{1,32}))",
          [this](const httplib::Request& req, httplib::Response& res) { handle_code(req, res); });
    s.Post(R"(/v1/bookings/([A-Za-z0-9-]{1,64})/offer)",
           [this](const httplib::Request& req, httplib::Response& res) { handle_offer(req, res); });
    if (dashboard) dashboard->mount(s);
  }
};

HubServer::HubServer(HubStore& store, ServeOptions options)
    : impl_(std::make_unique<Impl>(store, std::move(options))) {}

HubServer::~HubServer() {
  stop();
}

void HubServer::start() {
  Impl& d = *impl_;
  if (d.started) throw std::logic_error("HubServer::start called twice");
  d.started = true;
  d.ctx = SSL_CTX_new(TLS_server_method());
  if (d.ctx == nullptr) throw std::runtime_error("cannot set up TLS: " + openssl_errors());
  std::string tls_error;
  if (!setup_tls(*d.ctx, d.options, tls_error)) {
    throw std::runtime_error(tls_error.empty() ? "cannot set up TLS: " + openssl_errors() : tls_error);
  }
  if (!d.options.dashboard_texts.empty()) {
    DashboardOptions dashboard = d.options.dashboard;
    if (const auto soon = expiring_soon(*d.ctx)) {
      dashboard.certificate_expires_on = soon->first;
      dashboard.certificate_days_left = soon->second;
    }
    d.dashboard = std::make_unique<DashboardService>(d.store, DashboardText(d.options.dashboard_texts), dashboard);
  }
  d.configure();

  HttpFront::Hooks hooks;
  hooks.serve = [&d](httplib::Stream& stream, const RequestHead&, bool last) { return d.serve(stream, last); };
  hooks.body_limit = [](std::string_view target) {
    const std::string_view path = target.substr(0, target.find('?'));
    return path == "/v1/push" ? kMaxPushWireBytes : kMaxOtherBodyBytes;
  };
  hooks.error_body = front_error_body;
  d.front = std::make_unique<HttpFront>(d.ctx, d.options.limits, d.options.threads, std::move(hooks));
  d.port = d.front->bind(d.options.host, d.options.port);

  d.thread = std::thread([&d] {
    d.front->run();
    std::lock_guard lock(d.mutex);
    d.finished = true;
    d.finished_cv.notify_all();
  });
  d.serving = true;
  // stop() only works once the event loop runs: wait for it.
  while (!d.front->running()) {
    {
      std::lock_guard lock(d.mutex);
      if (d.finished) break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  wk::core::log::info("hub-server", "listening on https://" + d.options.host + ":" + std::to_string(d.port));
}

int HubServer::port() const {
  return impl_->port;
}

void HubServer::stop() {
  Impl& d = *impl_;
  if (d.front) d.front->stop();
  std::lock_guard lock(d.join_mutex);
  if (d.thread.joinable()) d.thread.join();
}

void HubServer::wait() {
  Impl& d = *impl_;
  if (!d.serving) return;
  std::unique_lock lock(d.mutex);
  d.finished_cv.wait(lock, [&] { return d.finished; });
}

ServerStats HubServer::stats() const {
  const Impl& d = *impl_;
  return {d.requests.load(), d.bytes_in.load(), d.bytes_out.load(), d.front ? d.front->counters() : FrontCounters{}};
}

}  // namespace wk::hub
