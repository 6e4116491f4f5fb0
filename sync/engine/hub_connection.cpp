// Talking to the hub and reading its answers (see hub_connection.hpp).
#include "sync/engine/hub_connection.hpp"

#include "sync/protocol/messages.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <iterator>

namespace wk::sync {
namespace {

using Kind = SyncFailure::Kind;

bool is_base64url(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
}

SyncFailure from_transport(const TransportError& e) {
  switch (e.kind()) {
    case TransportError::Kind::unreachable:
      return SyncFailure(Kind::unreachable, std::string("hub unreachable: ") + e.what());
    case TransportError::Kind::tls:
      return SyncFailure(Kind::tls, std::string("hub identity not verified: ") + e.what());
    case TransportError::Kind::refused:
      return SyncFailure(Kind::config, std::string("refused to connect: ") + e.what());
    case TransportError::Kind::too_large:
    case TransportError::Kind::bad_response:
      return SyncFailure(Kind::malformed, std::string("malformed hub response: ") + e.what());
    case TransportError::Kind::cancelled:
      return SyncFailure(Kind::cancelled, "sync cancelled");
  }
  return SyncFailure(Kind::unreachable, e.what());
}

std::string error_summary(const ErrorBody& body) {
  std::string s = body.code;
  if (!body.message.empty()) s += " (" + body.message.substr(0, 300) + ")";
  return s;
}

}  // namespace

std::string read_token_file(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    throw SyncFailure(Kind::config,
                      "token file " + file.string() + " cannot be read (" + std::strerror(errno) +
                          "); enrol the terminal with `welcome-hub terminal add` and store its token there");
  }
  std::string text;
  text.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  const auto first = text.find_first_not_of(" \t\r\n");
  const auto last = text.find_last_not_of(" \t\r\n");
  const std::string token = first == std::string::npos ? std::string() : text.substr(first, last - first + 1);
  if (token.size() != 43 || !std::all_of(token.begin(), token.end(), is_base64url)) {
    throw SyncFailure(Kind::config, "token file " + file.string() +
                                        " does not hold a token (expected 43 base64url characters on one line)");
  }
  return token;
}

HubConnection::HubConnection(const core::HubConfig& hub, const std::string& token, const std::atomic<bool>* cancel,
                             TransferMeter* meter, const std::string& report)
    : base_url_(hub.url) {
  ClientOptions o;
  o.base_url = hub.url;
  o.ca_file = hub.ca_file;
  o.pinned_keys = hub.pinned_keys;
  o.connect_timeout = std::chrono::seconds(hub.connect_timeout_s);
  o.total_timeout = std::chrono::seconds(hub.timeout_s);
  o.max_response_bytes = kMaxResponseBytes;
  o.headers = {{"Authorization", "Bearer " + token}, {"Wk-Protocol", std::to_string(kProtocolVersion)}};
  if (!report.empty()) o.headers.emplace_back("Wk-Terminal", report);
  o.cancel = cancel;
  o.meter = meter;
  try {
    client_ = std::make_unique<HttpClient>(std::move(o));
  } catch (const TransportError& e) {
    throw from_transport(e);
  } catch (const std::invalid_argument& e) {
    throw SyncFailure(Kind::config, std::string("hub settings: ") + e.what());
  }
}

HubConnection::~HubConnection() = default;

const TransferStats& HubConnection::stats() const {
  return client_->stats();
}

std::string HubConnection::post(std::string_view path, std::string_view body) {
  try {
    return finish(client_->post_json(path, body), path);
  } catch (const TransportError& e) {
    throw from_transport(e);
  }
}

std::string HubConnection::get(std::string_view path_and_query) {
  try {
    return finish(client_->get(path_and_query), path_and_query.substr(0, path_and_query.find('?')));
  } catch (const TransportError& e) {
    throw from_transport(e);
  }
}

std::string HubConnection::finish(HttpResponse response, std::string_view what) {
  const long status = response.status;
  if (status == 200) return std::move(response.body);

  const std::string prefix = "hub answered " + std::to_string(status) + " to " + std::string(what);
  std::optional<ErrorBody> error;
  try {
    error = parse_error_body(response.body);
  } catch (const ProtocolError&) {
    // Proxies and crashed hubs answer with HTML or nothing; the status alone decides then.
  }
  const std::string detail = error ? ": " + error_summary(*error) : std::string(" without a protocol error body");
  const std::string code = error ? error->code : std::string();

  if (status == 401) {
    const std::string why = code == "token_revoked" ? "this terminal's token was revoked at the hub"
                                                    : "the hub does not accept this terminal's token";
    throw SyncFailure(Kind::unauthorized,
                      why + " (" + prefix + detail + "); syncing stops until staff enrol the terminal again", status,
                      code);
  }
  if (status == 426 || code == "protocol_version") {
    std::string versions;
    if (error) {
      for (int v : error->supported) versions += (versions.empty() ? "" : ", ") + std::to_string(v);
    }
    throw SyncFailure(Kind::version,
                      "the hub does not speak protocol version " + std::to_string(kProtocolVersion) +
                          (versions.empty() ? std::string() : " (it speaks " + versions + ")") + "; " + prefix,
                      status, code);
  }
  if (status >= 500 || status == 429 || status == 408)
    throw SyncFailure(Kind::unreachable, prefix + detail, status, code);
  if (status >= 400) throw SyncFailure(Kind::client_error, prefix + detail, status, code);
  throw SyncFailure(Kind::malformed, prefix + " (unexpected status)" + detail, status, code);
}

}  // namespace wk::sync
