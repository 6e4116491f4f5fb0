// The terminal's HTTPS client on a libcurl easy handle: see http_client.hpp.
//
// Redirects are followed here rather than by libcurl (CURLOPT_FOLLOWLOCATION stays off) so that
// each hop can be checked against the rules (https://, same host, hop count) and refused with a
// message naming the target. The response body goes through our own write callback: it counts
// wire bytes, decodes gzip incrementally and enforces the size cap on decoded bytes as they
// arrive; libcurl's own content decoding stays off.
#include "sync/transport/http_client.hpp"

#include "sync/transport/gzip.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <exception>
#include <fstream>
#include <iterator>
#include <mutex>
#include <optional>

namespace wk::sync {
namespace {

using Kind = TransportError::Kind;
using Clock = std::chrono::steady_clock;

// URLs quoted in messages are cut to this many characters.
constexpr std::size_t kMaxUrlInMessage = 200;
// X509_V_ERR_* codes (openssl/x509_vfy.h) reported by CURLINFO_SSL_VERIFYRESULT; spelled out
// so this library needs no OpenSSL headers.
constexpr long kX509UnableToGetIssuerCert = 2;
constexpr long kX509CertNotYetValid = 9;
constexpr long kX509CertHasExpired = 10;
constexpr long kX509DepthZeroSelfSigned = 18;
constexpr long kX509SelfSignedInChain = 19;
constexpr long kX509UnableToGetIssuerCertLocally = 20;
constexpr long kX509UnableToVerifyLeafSignature = 21;
constexpr long kX509HostnameMismatch = 62;

// [SECTION] Small helpers

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool contains(std::string_view haystack, std::string_view needle) {
  return haystack.find(needle) != std::string_view::npos;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n')) {
    s.remove_suffix(1);
  }
  return s;
}

// Printable ASCII only, cut to `max` characters: safe to put into a log line.
std::string printable(std::string_view s, std::size_t max = kMaxUrlInMessage) {
  std::string out;
  for (char c : s.substr(0, max)) out += (c >= 0x20 && c < 0x7f) ? c : '?';
  if (s.size() > max) out += "...";
  return out;
}

void once_global_init() {
  static std::once_flag flag;
  static CURLcode result = CURLE_OK;
  std::call_once(flag, [] { result = curl_global_init(CURL_GLOBAL_DEFAULT); });
  if (result != CURLE_OK) {
    throw std::runtime_error(std::string("libcurl initialisation failed: ") + curl_easy_strerror(result));
  }
}

// A parsed URL (libcurl's URL API), freed on scope exit.
class Url {
 public:
  Url() : h_(curl_url()) {
    if (!h_) throw std::bad_alloc();
  }
  ~Url() { curl_url_cleanup(h_); }
  Url(const Url&) = delete;
  Url& operator=(const Url&) = delete;

  // False if `url` is not an absolute URL libcurl can parse.
  bool parse(const std::string& url) { return curl_url_set(h_, CURLUPART_URL, url.c_str(), 0) == CURLUE_OK; }

  // The part, or "" if absent.
  std::string get(CURLUPart part, unsigned flags = 0) const {
    char* value = nullptr;
    if (curl_url_get(h_, part, &value, flags) != CURLUE_OK || !value) return {};
    std::string out(value);
    curl_free(value);
    return out;
  }

  // The URL without user name and password, for messages.
  std::string display() const {
    std::string out = get(CURLUPART_SCHEME) + "://" + get(CURLUPART_HOST);
    const std::string port = get(CURLUPART_PORT);
    if (!port.empty()) out += ":" + port;
    out += get(CURLUPART_PATH);
    const std::string query = get(CURLUPART_QUERY);
    if (!query.empty()) out += "?" + query;
    return printable(out);
  }

 private:
  CURLU* h_;
};

// A URL as it can be shown in a message: user info removed, cut, printable.
std::string display_url(const std::string& url) {
  Url u;
  if (u.parse(url)) return u.display();
  // Unparseable: show no more than the scheme, the rest might hold credentials.
  const auto sep = url.find("://");
  return sep == std::string::npos || sep > 16 ? "(malformed URL)"
                                              : printable(url.substr(0, sep + 3)) + "... (malformed URL)";
}

std::string scheme_of(std::string_view url) {
  const auto colon = url.find(':');
  if (colon == std::string_view::npos || colon == 0) return {};
  const std::string_view scheme = url.substr(0, colon);
  const bool valid = std::all_of(scheme.begin(), scheme.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '+' || c == '-' || c == '.';
  });
  return valid ? lower(scheme) : std::string();
}

bool is_token_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || contains("!#$%&'*+-.^_`|~", std::string_view(&c, 1));
}

bool is_base64_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '+' || c == '/';
}

// "sha256//" + base64 of a 32-byte digest: 43 base64 characters and one '='.
bool is_valid_pin(std::string_view pin) {
  constexpr std::string_view prefix = "sha256//";
  if (pin.size() != prefix.size() + 44 || pin.substr(0, prefix.size()) != prefix || pin.back() != '=') return false;
  const std::string_view b64 = pin.substr(prefix.size(), 43);
  return std::all_of(b64.begin(), b64.end(), is_base64_char);
}

void check_path(std::string_view path) {
  if (path.empty() || path.front() != '/') {
    throw std::invalid_argument("HTTP request path must start with '/'");
  }
  for (char c : path) {
    const auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u >= 0x7f || c == '#') {
      throw std::invalid_argument(
          "HTTP request path must be printable ASCII without spaces or '#' (percent-encode it)");
    }
  }
}

// [SECTION] Error classification

// Plain words for a failed TLS certificate check, refined by the X.509 verification result.
std::string certificate_problem(long verify_result, std::string_view curl_text, const std::string& host,
                                const std::filesystem::path& ca_file) {
  switch (verify_result) {
    case kX509CertHasExpired:
      return "the hub's TLS certificate has expired";
    case kX509CertNotYetValid:
      return "the hub's TLS certificate is not valid yet (check the terminal's clock)";
    case kX509UnableToGetIssuerCert:
    case kX509DepthZeroSelfSigned:
    case kX509SelfSignedInChain:
    case kX509UnableToGetIssuerCertLocally:
    case kX509UnableToVerifyLeafSignature:
      return "the hub's TLS certificate was not issued by the configured CA (" + ca_file.string() + ")";
    case kX509HostnameMismatch:
      return "the hub's TLS certificate is not valid for the host name " + host;
    default:
      break;
  }
  const std::string text = lower(curl_text);
  if (contains(text, "subject name") || contains(text, "host name") || contains(text, "hostname") ||
      contains(text, "subjectaltname")) {
    return "the hub's TLS certificate is not valid for the host name " + host;
  }
  if (contains(text, "expired")) return "the hub's TLS certificate has expired";
  return "the hub's TLS certificate was rejected";
}

// The kind and plain-words reason for a libcurl failure that our callbacks did not explain.
std::pair<Kind, std::string> classify(CURLcode code, std::string_view curl_text, long verify_result,
                                      const std::string& host, const ClientOptions& options) {
  const std::string text = lower(curl_text);
  switch (code) {
    case CURLE_COULDNT_RESOLVE_HOST:
      return {Kind::unreachable, "cannot resolve the hub's host name " + host + " (DNS)"};
    case CURLE_COULDNT_RESOLVE_PROXY:
      return {Kind::unreachable, "cannot resolve the proxy's host name (DNS)"};
    case CURLE_COULDNT_CONNECT:
      return {Kind::unreachable, "cannot connect to the hub (connection refused or no route to host)"};
    case CURLE_OPERATION_TIMEDOUT:
      if (contains(text, "too slow")) {
        return {Kind::unreachable, "the transfer was too slow (under " + std::to_string(options.low_speed_limit) +
                                       " bytes/s for " + std::to_string(options.low_speed_time.count()) + " s)"};
      }
      if (contains(text, "connect")) {
        return {Kind::unreachable,
                "connecting to the hub timed out (after " + std::to_string(options.connect_timeout.count()) + " ms)"};
      }
      return {Kind::unreachable, "the hub did not answer in time (request timeout " +
                                     std::to_string(options.total_timeout.count()) + " ms)"};
    case CURLE_GOT_NOTHING:
      return {Kind::unreachable, "the hub closed the connection without answering"};
    case CURLE_SEND_ERROR:
      return {Kind::unreachable, "sending the request failed (connection lost)"};
    case CURLE_RECV_ERROR:
      return {Kind::unreachable, "receiving the response failed (connection lost)"};
    case CURLE_PARTIAL_FILE:
      return {Kind::unreachable, "the connection ended before the whole response arrived"};
    case CURLE_HTTP2:
    case CURLE_HTTP2_STREAM:
      return {Kind::unreachable, "the HTTP/2 connection to the hub failed"};

    case CURLE_PEER_FAILED_VERIFICATION:
      return {Kind::tls, certificate_problem(verify_result, curl_text, host, options.ca_file)};
    case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
      return {Kind::tls, "the hub's public key matches none of the pinned keys"};
    case CURLE_SSL_CACERT_BADFILE:
      return {Kind::tls, "cannot load the CA file " + options.ca_file.string()};
    case CURLE_SSL_CONNECT_ERROR:
      // A connection cut during the handshake is a network problem, not a verdict on the hub.
      if (contains(text, "ssl_error_syscall") || contains(text, "connection reset") ||
          contains(text, "unexpected eof")) {
        return {Kind::unreachable, "the connection was cut during the TLS handshake"};
      }
      return {Kind::tls,
              "the TLS handshake with the hub failed (does it speak HTTPS with TLS 1.2 or newer on this port?)"};
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CIPHER:
    case CURLE_SSL_ENGINE_NOTFOUND:
    case CURLE_SSL_ENGINE_SETFAILED:
    case CURLE_SSL_ENGINE_INITFAILED:
    case CURLE_SSL_SHUTDOWN_FAILED:
    case CURLE_SSL_CRL_BADFILE:
    case CURLE_SSL_ISSUER_ERROR:
    case CURLE_SSL_INVALIDCERTSTATUS:
    case CURLE_USE_SSL_FAILED:
      return {Kind::tls, "TLS failed"};

    case CURLE_UNSUPPORTED_PROTOCOL:
      return {Kind::refused, "the URL does not use https:// (only HTTPS is allowed)"};
    case CURLE_TOO_MANY_REDIRECTS:
      return {Kind::refused, "too many redirects (more than " + std::to_string(kMaxRedirects) + ")"};
    case CURLE_URL_MALFORMAT:
      return {Kind::refused, "the URL is malformed"};

    case CURLE_FILESIZE_EXCEEDED:
      return {Kind::too_large,
              "the response is larger than the limit of " + std::to_string(options.max_response_bytes) + " bytes"};

    case CURLE_WEIRD_SERVER_REPLY:
      return {Kind::bad_response, "the hub's answer is not a valid HTTP response"};
    case CURLE_BAD_CONTENT_ENCODING:
      return {Kind::bad_response, "the hub's response body could not be decoded"};

    case CURLE_ABORTED_BY_CALLBACK:
      return {Kind::cancelled, "cancelled by the caller"};
    default:
      return {Kind::unreachable, "the request failed"};
  }
}

// [SECTION] libcurl options

template <typename T>
void set(CURL* curl, CURLoption option, T value, const char* name) {
  const CURLcode rc = curl_easy_setopt(curl, option, value);
  if (rc != CURLE_OK) {
    throw std::runtime_error(std::string("libcurl refused option ") + name + ": " + curl_easy_strerror(rc));
  }
}
#define WK_SET(curl, option, value) set(curl, option, value, #option)

struct SlistDeleter {
  void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};
using Slist = std::unique_ptr<curl_slist, SlistDeleter>;

void append(Slist& list, const std::string& line) {
  curl_slist* next = curl_slist_append(list.get(), line.c_str());
  if (!next) throw std::bad_alloc();
  (void)list.release();
  list.reset(next);
}

}  // namespace

const char* to_string(TransportError::Kind kind) noexcept {
  switch (kind) {
    case Kind::unreachable:
      return "unreachable";
    case Kind::tls:
      return "tls";
    case Kind::refused:
      return "refused";
    case Kind::too_large:
      return "too_large";
    case Kind::bad_response:
      return "bad_response";
    case Kind::cancelled:
      return "cancelled";
  }
  return "?";
}

// [SECTION] Client state

struct HttpClient::Impl {
  ClientOptions options;
  std::string base;  // base_url without a trailing '/'
  std::string host;  // the base URL's host, lower case (redirects must stay on it)
  std::string pins;  // "sha256//A;sha256//B"
  CURL* curl = nullptr;
  char error_buffer[CURL_ERROR_SIZE] = {};
  TransferStats stats;

  // The response being received (reset for every hop and every status line).
  struct Receiving {
    std::string body;
    std::string content_type;
    std::string content_encoding;
    bool encoding_decided = false;
    std::optional<GzipDecoder> gzip;
    // Set by a callback that stopped the transfer, explaining why.
    std::optional<std::pair<Kind, std::string>> failure;
    // An exception (std::bad_alloc) caught in a callback, rethrown once libcurl has returned:
    // exceptions must not unwind through libcurl's C frames.
    std::exception_ptr exception;
  } rx;

  ~Impl() {
    if (curl) curl_easy_cleanup(curl);
  }

  void reset_response() {
    rx.body.clear();
    rx.content_type.clear();
    rx.content_encoding.clear();
    rx.encoding_decided = false;
    rx.gzip.reset();
    rx.failure.reset();
  }

  // Runs `fn` (a callback body); on an exception, keeps it for later and returns `abort`.
  template <typename Fn>
  std::size_t guarded(std::size_t abort, Fn&& fn) noexcept {
    try {
      return fn();
    } catch (...) {
      rx.exception = std::current_exception();
      return abort;
    }
  }

  static std::size_t on_header(char* data, std::size_t size, std::size_t count, void* user);
  std::size_t header(std::string_view line);
  static std::size_t on_body(char* data, std::size_t size, std::size_t count, void* user);
  static int on_progress(void* user, curl_off_t, curl_off_t, curl_off_t, curl_off_t);
  std::size_t receive(std::string_view chunk);

  void validate_and_configure();
  HttpResponse request(bool post, std::string_view path, std::string_view body);
  // Throws TransportError "<METHOD> <requested URL>: <what>[ (after N redirects, at <URL>)][ [curl error ...]]".
  [[noreturn]] void fail(Kind kind, const std::string& what, const std::string& method, const std::string& requested,
                         int hop, const std::string& url, CURLcode code);
};

std::size_t HttpClient::Impl::on_header(char* data, std::size_t size, std::size_t count, void* user) {
  auto& self = *static_cast<Impl*>(user);
  const std::string_view line(data, size * count);
  return self.guarded(line.size() + 1, [&] { return self.header(line); });
}

std::size_t HttpClient::Impl::header(std::string_view line) {
  if (line.size() >= 5 && line.substr(0, 5) == "HTTP/") {
    reset_response();  // a new response (after 100 Continue, or the next hop)
    return line.size();
  }
  const auto colon = line.find(':');
  if (colon == std::string_view::npos) return line.size();
  const std::string name = lower(trim(line.substr(0, colon)));
  const std::string_view value = trim(line.substr(colon + 1));
  if (name == "content-type") {
    rx.content_type = std::string(value);
  } else if (name == "content-encoding") {
    if (!rx.content_encoding.empty()) rx.content_encoding += ", ";
    rx.content_encoding += lower(value);
  }
  return line.size();
}

std::size_t HttpClient::Impl::on_body(char* data, std::size_t size, std::size_t count, void* user) {
  auto& self = *static_cast<Impl*>(user);
  const std::string_view chunk(data, size * count);
  return self.guarded(0, [&] { return self.receive(chunk); });
}

int HttpClient::Impl::on_progress(void* user, curl_off_t dltotal, curl_off_t dlnow, curl_off_t ultotal,
                                  curl_off_t ulnow) {
  const auto& self = *static_cast<const Impl*>(user);
  if (self.options.meter) {
    self.options.meter->now = static_cast<std::int64_t>(dlnow + ulnow);
    self.options.meter->total = static_cast<std::int64_t>(dltotal + ultotal);
  }
  return self.options.cancel && self.options.cancel->load() ? 1 : 0;
}

// Counts, decodes and caps one piece of the body. Returning anything but chunk.size() makes
// libcurl stop with CURLE_WRITE_ERROR; rx.failure then says why.
std::size_t HttpClient::Impl::receive(std::string_view chunk) {
  stats.bytes_received += chunk.size();
  const std::size_t cap = options.max_response_bytes;
  if (!rx.encoding_decided) {
    rx.encoding_decided = true;
    const std::string& enc = rx.content_encoding;
    if (enc == "gzip" || enc == "x-gzip") {
      rx.gzip.emplace(cap);
    } else if (!enc.empty() && enc != "identity") {
      rx.failure.emplace(Kind::bad_response,
                         "the hub answered with an unsupported Content-Encoding \"" + printable(enc, 40) + "\"");
      return 0;
    } else {
      // Not compressed: a declared length over the cap is refused before reading further.
      curl_off_t declared = -1;
      if (curl_easy_getinfo(curl, CURLINFO_CONTENT_LENGTH_DOWNLOAD_T, &declared) == CURLE_OK && declared > 0 &&
          static_cast<std::uint64_t>(declared) > cap) {
        rx.failure.emplace(Kind::too_large, "the response is " + std::to_string(declared) +
                                                " bytes long, over the limit of " + std::to_string(cap) + " bytes");
        return 0;
      }
    }
  }
  if (rx.gzip) {
    try {
      rx.gzip->feed(chunk, rx.body);
    } catch (const GzipError& e) {
      if (e.kind() == GzipError::Kind::too_large) {
        rx.failure.emplace(Kind::too_large, "the response is larger than the limit of " + std::to_string(cap) +
                                                " bytes after gzip decompression");
      } else {
        rx.failure.emplace(Kind::bad_response,
                           std::string("the hub's gzip response body is corrupt (") + e.what() + ")");
      }
      return 0;
    }
  } else {
    if (chunk.size() > cap - rx.body.size()) {
      rx.failure.emplace(Kind::too_large, "the response is larger than the limit of " + std::to_string(cap) + " bytes");
      return 0;
    }
    rx.body.append(chunk);
  }
  return chunk.size();
}

// [SECTION] Construction

void HttpClient::Impl::validate_and_configure() {
  // The URL: https:// only, no credentials, no query or fragment.
  const std::string scheme = scheme_of(options.base_url);
  if (scheme != "https") {
    throw TransportError(Kind::refused, "refusing hub URL " + display_url(options.base_url) +
                                            ": only https:// is allowed" +
                                            (scheme.empty() ? std::string() : " (it uses " + scheme + "://)"));
  }
  Url url;
  if (!url.parse(options.base_url)) {
    throw std::invalid_argument("hub URL " + printable(options.base_url.substr(0, 8)) + "... is not a valid URL");
  }
  if (!url.get(CURLUPART_USER).empty() || !url.get(CURLUPART_PASSWORD).empty()) {
    throw std::invalid_argument("hub URL must not contain a user name or password");
  }
  if (!url.get(CURLUPART_QUERY).empty() || !url.get(CURLUPART_FRAGMENT).empty() ||
      options.base_url.find_first_of("?#") != std::string::npos) {
    throw std::invalid_argument("hub URL " + url.display() + " must not contain a query or fragment");
  }
  host = lower(url.get(CURLUPART_HOST));
  if (host.empty()) throw std::invalid_argument("hub URL " + url.display() + " has no host");
  base = options.base_url;
  while (!base.empty() && base.back() == '/') base.pop_back();

  // The CA file: present, readable, holding at least one certificate.
  if (options.ca_file.empty()) {
    throw TransportError(Kind::tls, "no CA file configured: the hub's certificate cannot be verified");
  }
  {
    std::ifstream in(options.ca_file, std::ios::binary);
    if (!in) {
      throw TransportError(Kind::tls, "cannot read the CA file " + options.ca_file.string() + " (" +
                                          std::strerror(errno) + "): the hub's certificate cannot be verified");
    }
    const std::string pem((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (!contains(pem, "-----BEGIN CERTIFICATE-----")) {
      throw TransportError(Kind::tls, "the CA file " + options.ca_file.string() + " holds no PEM certificate");
    }
  }

  for (std::size_t i = 0; i < options.pinned_keys.size(); ++i) {
    if (!is_valid_pin(options.pinned_keys[i])) {
      throw std::invalid_argument("pinned key #" + std::to_string(i + 1) + " (\"" +
                                  printable(options.pinned_keys[i], 60) +
                                  "\") is not of the form sha256//<base64 of a SHA-256 digest>");
    }
    pins += (i == 0 ? "" : ";") + options.pinned_keys[i];
  }

  if (options.connect_timeout.count() <= 0 || options.total_timeout.count() <= 0) {
    throw std::invalid_argument("connect and total timeouts must be positive");
  }
  if (options.low_speed_limit < 0 || options.low_speed_time.count() < 0) {
    throw std::invalid_argument("low-speed limit and time must not be negative");
  }
  if (options.max_response_bytes == 0) throw std::invalid_argument("max_response_bytes must be positive");

  static constexpr std::string_view kReserved[] = {"host",           "content-type",    "content-encoding",
                                                   "content-length", "accept-encoding", "transfer-encoding",
                                                   "expect",         "connection"};
  for (const auto& [name, value] : options.headers) {
    if (name.empty() || !std::all_of(name.begin(), name.end(), is_token_char)) {
      throw std::invalid_argument("header name \"" + printable(name, 60) + "\" is not a valid HTTP header name");
    }
    if (std::find(std::begin(kReserved), std::end(kReserved), lower(name)) != std::end(kReserved)) {
      throw std::invalid_argument("header " + name + " is set by the HTTP client itself");
    }
    // The value is never quoted: it may be a secret.
    if (value.find_first_of(std::string_view("\r\n\0", 3)) != std::string::npos) {
      throw std::invalid_argument("the value of header " + name + " contains a line break or NUL");
    }
  }
  if (options.user_agent.find_first_of(std::string_view("\r\n\0", 3)) != std::string::npos) {
    throw std::invalid_argument("the user agent contains a line break or NUL");
  }

  once_global_init();
  curl = curl_easy_init();
  if (!curl) throw std::runtime_error("cannot create a libcurl handle");

  WK_SET(curl, CURLOPT_ERRORBUFFER, error_buffer);
  WK_SET(curl, CURLOPT_NOSIGNAL, 1L);
  // HTTPS only, also for redirects (which we follow ourselves; MAXREDIRS is a second fence).
  WK_SET(curl, CURLOPT_PROTOCOLS_STR, "https");
  WK_SET(curl, CURLOPT_REDIR_PROTOCOLS_STR, "https");
  WK_SET(curl, CURLOPT_FOLLOWLOCATION, 0L);
  WK_SET(curl, CURLOPT_MAXREDIRS, static_cast<long>(kMaxRedirects));
  // Fail-closed TLS: only our CA, peer and host name verified, TLS 1.2+, optional pins.
  WK_SET(curl, CURLOPT_SSL_VERIFYPEER, 1L);
  WK_SET(curl, CURLOPT_SSL_VERIFYHOST, 2L);
  WK_SET(curl, CURLOPT_SSLVERSION, static_cast<long>(CURL_SSLVERSION_TLSv1_2));
  const std::string ca = options.ca_file.string();
  WK_SET(curl, CURLOPT_CAINFO, ca.c_str());
  WK_SET(curl, CURLOPT_CAPATH, static_cast<const char*>(nullptr));
  if (!pins.empty()) WK_SET(curl, CURLOPT_PINNEDPUBLICKEY, pins.c_str());
  // Timeouts.
  WK_SET(curl, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(options.connect_timeout.count()));
  WK_SET(curl, CURLOPT_LOW_SPEED_LIMIT, options.low_speed_limit);
  WK_SET(curl, CURLOPT_LOW_SPEED_TIME, static_cast<long>(options.low_speed_time.count()));
  WK_SET(curl, CURLOPT_TCP_KEEPALIVE, 1L);
  // No proxy unless configured: an empty string also disables the environment variables.
  WK_SET(curl, CURLOPT_PROXY, options.proxy.c_str());
  WK_SET(curl, CURLOPT_USERAGENT, options.user_agent.c_str());
  // Bodies come to us raw: we decode gzip and enforce the cap ourselves. A declared length far
  // over the cap is refused before any byte is read (gzip is never much larger than its input).
  WK_SET(curl, CURLOPT_HTTP_CONTENT_DECODING, 0L);
  const std::size_t cap = options.max_response_bytes;
  const std::size_t wire_cap = cap > SIZE_MAX / 2 ? SIZE_MAX / 2 : cap + cap / 64 + 64 * 1024;
  WK_SET(curl, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(std::min<std::size_t>(wire_cap, INT64_MAX)));
  WK_SET(curl, CURLOPT_HEADERFUNCTION, &Impl::on_header);
  WK_SET(curl, CURLOPT_HEADERDATA, this);
  WK_SET(curl, CURLOPT_WRITEFUNCTION, &Impl::on_body);
  WK_SET(curl, CURLOPT_WRITEDATA, this);
  if (options.cancel || options.meter) {
    WK_SET(curl, CURLOPT_XFERINFOFUNCTION, &Impl::on_progress);
    WK_SET(curl, CURLOPT_XFERINFODATA, this);
    WK_SET(curl, CURLOPT_NOPROGRESS, 0L);
  }
}

// [SECTION] Requests

void HttpClient::Impl::fail(Kind kind, const std::string& what, const std::string& method, const std::string& requested,
                            int hop, const std::string& url, CURLcode code) {
  std::string message = method + " " + display_url(requested) + ": " + what;
  if (hop > 0) {
    message +=
        " (after " + std::to_string(hop) + (hop == 1 ? " redirect" : " redirects") + ", at " + display_url(url) + ")";
  }
  if (code != CURLE_OK && kind != Kind::cancelled) {
    const std::string detail = error_buffer[0] != '\0' ? std::string(error_buffer) : curl_easy_strerror(code);
    message += " [curl error " + std::to_string(static_cast<int>(code)) + ": " + printable(trim(detail), 300) + "]";
  }
  throw TransportError(kind, message);
}

HttpResponse HttpClient::Impl::request(bool post, std::string_view path, std::string_view body) {
  check_path(path);
  if (options.cancel && options.cancel->load()) {
    throw TransportError(Kind::cancelled, std::string(post ? "POST " : "GET ") + display_url(base + std::string(path)) +
                                              ": cancelled before it started");
  }

  // The body as sent: compressed over the threshold; kept alive until the last hop is done.
  const bool compress = post && body.size() > kGzipThreshold;
  const std::string compressed = compress ? gzip_compress(body) : std::string();
  const std::string_view wire_body = compress ? std::string_view(compressed) : body;

  const std::string requested = base + std::string(path);
  std::string url = requested;
  const Clock::time_point deadline = Clock::now() + options.total_timeout;
  for (int hop = 0;; ++hop) {
    const std::string method = post ? "POST" : "GET";
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    if (left.count() <= 0) {
      fail(Kind::unreachable,
           "the hub did not answer in time (request timeout " + std::to_string(options.total_timeout.count()) +
               " ms, spent following redirects)",
           method, requested, hop, url, CURLE_OK);
    }

    Slist headers;
    for (const auto& [name, value] : options.headers) append(headers, name + ": " + value);
    append(headers, "Accept-Encoding: gzip");
    append(headers, "Expect:");  // no "100 Continue" round trip for large bodies
    if (post) {
      append(headers, "Content-Type: application/json");
      if (compress) append(headers, "Content-Encoding: gzip");
    }
    WK_SET(curl, CURLOPT_URL, url.c_str());
    WK_SET(curl, CURLOPT_HTTPHEADER, headers.get());
    WK_SET(curl, CURLOPT_TIMEOUT_MS, static_cast<long>(left.count()));
    if (post) {
      WK_SET(curl, CURLOPT_POST, 1L);
      WK_SET(curl, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(wire_body.size()));
      // Never a null pointer: libcurl would then read the body from stdin.
      WK_SET(curl, CURLOPT_POSTFIELDS, wire_body.empty() ? "" : wire_body.data());
    } else {
      WK_SET(curl, CURLOPT_HTTPGET, 1L);
    }

    reset_response();
    rx.exception = nullptr;
    error_buffer[0] = '\0';
    ++stats.requests;
    const CURLcode rc = curl_easy_perform(curl);
    curl_off_t uploaded = 0;
    if (curl_easy_getinfo(curl, CURLINFO_SIZE_UPLOAD_T, &uploaded) == CURLE_OK && uploaded > 0) {
      stats.bytes_sent += static_cast<std::uint64_t>(uploaded);
    }
    // Detach our buffers from the handle before they go away.
    WK_SET(curl, CURLOPT_HTTPHEADER, static_cast<curl_slist*>(nullptr));
    if (post) WK_SET(curl, CURLOPT_POSTFIELDS, static_cast<const char*>(nullptr));

    if (rx.exception) std::rethrow_exception(std::exchange(rx.exception, nullptr));
    if (rc != CURLE_OK) {
      if (rx.failure) fail(rx.failure->first, rx.failure->second, method, requested, hop, url, CURLE_OK);
      long verify_result = 0;
      curl_easy_getinfo(curl, CURLINFO_SSL_VERIFYRESULT, &verify_result);
      Url u;
      const std::string hop_host = u.parse(url) ? u.get(CURLUPART_HOST) : host;
      auto [kind, what] = classify(rc, error_buffer, verify_result, hop_host, options);
      fail(kind, what, method, requested, hop, url, rc);
    }

    HttpResponse response;
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &response.status);
    response.content_type = std::move(rx.content_type);
    if (rx.gzip && rx.gzip->bytes_in() > 0) {
      try {
        rx.gzip->finish();
      } catch (const GzipError& e) {
        fail(Kind::bad_response, std::string("the hub's gzip response body is corrupt (") + e.what() + ")", method,
             requested, hop, url, CURLE_OK);
      }
    }
    response.body = std::move(rx.body);

    const long s = response.status;
    const bool redirect = s == 301 || s == 302 || s == 303 || s == 307 || s == 308;
    char* location = nullptr;
    if (!redirect || curl_easy_getinfo(curl, CURLINFO_REDIRECT_URL, &location) != CURLE_OK || !location) {
      return response;  // a 3xx without Location is the caller's to interpret
    }
    const std::string target(location);
    const std::string target_scheme = scheme_of(target);
    if (target_scheme != "https") {
      fail(Kind::refused,
           "the hub redirected (" + std::to_string(s) + ") to " + display_url(target) +
               ", which is not https:// — refused, only HTTPS is allowed",
           method, requested, hop, url, CURLE_OK);
    }
    Url next;
    if (!next.parse(target)) {
      fail(Kind::bad_response, "the hub redirected (" + std::to_string(s) + ") to a malformed URL", method, requested,
           hop, url, CURLE_OK);
    }
    if (lower(next.get(CURLUPART_HOST)) != host) {
      fail(Kind::refused,
           "the hub redirected (" + std::to_string(s) + ") to another host: " + next.display() +
               " — refused, redirects must stay on " + host,
           method, requested, hop, url, CURLE_OK);
    }
    if (hop == kMaxRedirects) {
      fail(Kind::refused,
           "too many redirects (more than " + std::to_string(kMaxRedirects) + "): refused to follow the next one to " +
               next.display(),
           method, requested, hop, url, CURLE_OK);
    }
    if (post && s != 307 && s != 308) post = false;  // 301/302/303: continue as GET, without the body
    url = target;
  }
}

// [SECTION] HttpClient

HttpClient::HttpClient(ClientOptions options) : impl_(std::make_unique<Impl>()) {
  impl_->options = std::move(options);
  impl_->validate_and_configure();
}

HttpClient::~HttpClient() = default;
HttpClient::HttpClient(HttpClient&&) noexcept = default;
HttpClient& HttpClient::operator=(HttpClient&&) noexcept = default;

HttpResponse HttpClient::get(std::string_view path_and_query) {
  return impl_->request(false, path_and_query, {});
}

HttpResponse HttpClient::post_json(std::string_view path, std::string_view body) {
  return impl_->request(true, path, body);
}

const TransferStats& HttpClient::stats() const {
  return impl_->stats;
}

#undef WK_SET

}  // namespace wk::sync
