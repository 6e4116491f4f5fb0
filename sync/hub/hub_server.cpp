// The HTTPS service (see hub_server.hpp): TLS setup with operator-readable errors, the route
// handlers, the error body for httplib's own errors (404, 413, malformed HTTP), and the
// per-request log line and statistics.
//
// Per-request bookkeeping (start time, terminal id, wire size of the request body) lives in
// thread_local variables: httplib runs the pre-routing handler, the route handler and the
// logger of one request on the same worker thread, one request at a time.
#include "sync/hub/hub_server.hpp"

#include "sync/hub/dashboard/dashboard_routes.hpp"
#include "sync/hub/rate_limit.hpp"

#include "kiosk/core/log.hpp"

#include <httplib.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <thread>

namespace wk::hub {
namespace {

using Clock = std::chrono::steady_clock;
using wk::sync::ErrorBody;

// Decompressed bytes beyond the limit that are still read (and dropped) so that the connection
// stays usable for the 413 answer; past this, the connection is given up.
constexpr std::size_t kDrainLimit = 4 * wk::sync::kMaxRequestBytes;

thread_local std::optional<Clock::time_point> t_start;
thread_local std::string t_terminal;
thread_local std::optional<std::uint64_t> t_bytes_in;

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
bool setup_tls(SSL_CTX& ctx, const ServeOptions& options, std::string& error) {
  ERR_clear_error();
  SSL_CTX_set_min_proto_version(&ctx, TLS1_2_VERSION);
  SSL_CTX_set_options(&ctx, SSL_OP_NO_COMPRESSION | SSL_OP_NO_RENEGOTIATION | SSL_OP_CIPHER_SERVER_PREFERENCE);
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
  return true;
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
  std::unique_ptr<httplib::SSLServer> server;
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

  void internal_error(httplib::Response& res, std::string_view what, const std::exception& e) {
    wk::core::log::error("hub-server", std::string(what) + " failed: " + e.what());
    send_error(res, 500, "internal", std::string(what) + " failed");
  }

  void handle_push(const httplib::Request& req, httplib::Response& res, const httplib::ContentReader& reader) {
    // Read the whole body first (also when the request will be refused) so that the connection
    // stays in step for the next request.
    std::string body;
    std::size_t total = 0;
    bool too_large = false;
    const bool read_ok = reader([&](const char* data, std::size_t n) {
      total += n;
      if (too_large) return total <= kDrainLimit;
      if (body.size() + n > wk::sync::kMaxRequestBytes) {
        too_large = true;
        std::string().swap(body);
        return total <= kDrainLimit;
      }
      body.append(data, n);
      return true;
    });
    const int read_status = res.status;
    t_bytes_in = req.has_header("Content-Length") ? req.get_header_value<std::uint64_t>("Content-Length") : total;

    if (!check_protocol_header(req, res)) return;
    const std::optional<std::string> terminal = authenticate(req, res);
    if (!terminal) return;
    if (too_large || (!read_ok && read_status == 413)) {
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
    if (request.terminal_id != *terminal) {
      send_error(res, 401, "unauthorized", "terminal_id: does not belong to the token");
      return;
    }
    try {
      send_json(res, 200, wk::sync::to_json(store.apply_push(*terminal, request)));
    } catch (const std::exception& e) {
      internal_error(res, "push", e);
    }
  }

  // The checks every request without a streamed body starts with: protocol header, then token.
  // Returns the terminal id, or answers and returns nullopt.
  std::optional<std::string> admit(const httplib::Request& req, httplib::Response& res) {
    t_bytes_in = req.body.size();
    if (!check_protocol_header(req, res)) return std::nullopt;
    return authenticate(req, res);
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

  void log_request(const httplib::Request& req, const httplib::Response& res) {
    const auto ms =
        t_start ? std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - *t_start).count() : 0;
    const std::uint64_t in = t_bytes_in.value_or(req.body.size());
    requests.fetch_add(1, std::memory_order_relaxed);
    bytes_in.fetch_add(in, std::memory_order_relaxed);
    bytes_out.fetch_add(res.body.size(), std::memory_order_relaxed);
    wk::core::log::info("hub-server", req.method + " " + short_path(req.path) + " " + std::to_string(res.status) +
                                          " terminal=" + (t_terminal.empty() ? "-" : t_terminal) + " " +
                                          std::to_string(ms) + " ms");
    t_start.reset();
    t_terminal.clear();
    t_bytes_in.reset();
  }

  void configure() {
    httplib::SSLServer& s = *server;
    const auto threads = static_cast<std::size_t>(std::max(1, options.threads));
    s.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
    // Content-Length beyond this is refused before reading; the decompressed size is checked
    // while reading (handle_push).
    s.set_payload_max_length(wk::sync::kMaxRequestBytes + 1024 * 1024);
    // httplib's default also sets SO_REUSEPORT, which would let a second hub share the port.
    s.set_socket_options([](socket_t sock) {
      int yes = 1;
      ::setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    });
    // Answers go out at once: with Nagle's algorithm a response written as head and body waits
    // for the client's delayed ACK (about 40 ms on Linux) whenever the body is small.
    s.set_tcp_nodelay(true);
    s.set_keep_alive_max_count(100);
    s.set_keep_alive_timeout(10);
    s.set_read_timeout(30);
    s.set_write_timeout(30);

    s.set_pre_routing_handler(httplib::Server::HandlerWithResponse([](const httplib::Request&, httplib::Response&) {
      t_start = Clock::now();
      t_terminal.clear();
      t_bytes_in.reset();
      return httplib::Server::HandlerResponse::Unhandled;
    }));
    s.set_error_handler(httplib::Server::HandlerWithResponse([](const httplib::Request&, httplib::Response& res) {
      if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
      fill_default_error(res);
      return httplib::Server::HandlerResponse::Handled;
    }));
    s.set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr ep) {
      try {
        if (ep) std::rethrow_exception(ep);
      } catch (const std::exception& e) {
        wk::core::log::error("hub-server", std::string("request failed: ") + e.what());
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
  if (!d.options.dashboard_texts.empty())
    d.dashboard =
        std::make_unique<DashboardService>(d.store, DashboardText(d.options.dashboard_texts), d.options.dashboard);
  std::string tls_error;
  d.server = std::make_unique<httplib::SSLServer>([&](SSL_CTX& ctx) { return setup_tls(ctx, d.options, tls_error); });
  if (!d.server->is_valid()) {
    throw std::runtime_error(tls_error.empty() ? "cannot set up TLS: " + openssl_errors() : tls_error);
  }
  d.configure();

  const std::string where = d.options.host + ":" + std::to_string(d.options.port);
  if (d.options.port == 0) {
    d.port = d.server->bind_to_any_port(d.options.host);
    if (d.port < 0) {
      d.port = 0;
      throw std::runtime_error("cannot listen on " + d.options.host + " (not a local address?)");
    }
  } else if (!d.server->bind_to_port(d.options.host, d.options.port)) {
    throw std::runtime_error("cannot listen on " + where + " (address in use, not a local address, or no permission)");
  } else {
    d.port = d.options.port;
  }

  d.thread = std::thread([&d] {
    d.server->listen_after_bind();
    std::lock_guard lock(d.mutex);
    d.finished = true;
    d.finished_cv.notify_all();
  });
  d.serving = true;
  // stop() only works once the accept loop runs: wait for it.
  while (!d.server->is_running()) {
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
  if (d.server) d.server->stop();
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
  return {d.requests.load(), d.bytes_in.load(), d.bytes_out.load()};
}

}  // namespace wk::hub
