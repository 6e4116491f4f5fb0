// parse_request_head (see request_head.hpp).
#include "sync/hub/front/request_head.hpp"

#include <algorithm>
#include <cctype>

namespace wk::hub {
namespace {

using Status = HeadResult::Status;

HeadResult refuse(int status, std::string reason) {
  HeadResult r;
  r.status = Status::refused;
  r.http_status = status;
  r.reason = std::move(reason);
  return r;
}

// RFC 9110 tchar.
bool is_tchar(char c) {
  const auto u = static_cast<unsigned char>(c);
  if (std::isalnum(u)) return true;
  return std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
}

bool is_token(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), is_tchar);
}

// A target in origin form: "/" then visible ASCII.
bool is_origin_target(std::string_view s) {
  if (s.empty() || s.front() != '/') return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return u > 0x20 && u < 0x7f;
  });
}

// A field value: visible characters, spaces and tabs (obs-text allowed), no other controls.
bool is_field_value(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return u == '\t' || (u >= 0x20 && u != 0x7f);
  });
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

bool has_token(std::string_view list, std::string_view token) {
  while (!list.empty()) {
    const std::size_t comma = list.find(',');
    if (iequals(trim(list.substr(0, comma)), token)) return true;
    if (comma == std::string_view::npos) break;
    list.remove_prefix(comma + 1);
  }
  return false;
}

}  // namespace

HeadResult parse_request_head(std::string_view buffer, const HeadLimits& limits) {
  // Find the end of the head, refusing bare LFs and too many or too long lines on the way.
  std::size_t end = std::string_view::npos;
  int lines = 0;
  std::size_t line_start = 0;
  const std::size_t scan = std::min(buffer.size(), limits.max_bytes + 1);
  for (std::size_t i = 0; i < scan; ++i) {
    if (buffer[i] != '\n') continue;
    if (i == 0 || buffer[i - 1] != '\r') return refuse(400, "head: a line ends in LF without CR");
    if (i + 1 - line_start == 2) {  // the blank line
      if (lines == 0) return refuse(400, "head: empty request line");
      end = i + 1;
      break;
    }
    if (++lines > limits.max_fields + 1)
      return refuse(431, "head: more than " + std::to_string(limits.max_fields) + " header fields");
    line_start = i + 1;
  }
  if (end == std::string_view::npos) {
    if (buffer.size() > limits.max_bytes)
      return refuse(431, "head: larger than " + std::to_string(limits.max_bytes) + " bytes");
    return {};
  }

  HeadResult result;
  RequestHead& head = result.head;
  head.size = end;
  std::string_view rest = buffer.substr(0, end - 2);  // without the blank line

  // Request line: METHOD SP TARGET SP HTTP/1.x
  std::size_t eol = rest.find("\r\n");
  const std::string_view request_line = rest.substr(0, eol);
  rest = eol == std::string_view::npos ? std::string_view() : rest.substr(eol + 2);
  const std::size_t sp1 = request_line.find(' ');
  const std::size_t sp2 = sp1 == std::string_view::npos ? sp1 : request_line.find(' ', sp1 + 1);
  if (sp2 == std::string_view::npos || request_line.find(' ', sp2 + 1) != std::string_view::npos)
    return refuse(400, "head: malformed request line");
  const std::string_view method = request_line.substr(0, sp1);
  const std::string_view target = request_line.substr(sp1 + 1, sp2 - sp1 - 1);
  const std::string_view version = request_line.substr(sp2 + 1);
  if (!is_token(method)) return refuse(400, "head: malformed method");
  if (!is_origin_target(target)) return refuse(400, "head: malformed request target");
  if (version != "HTTP/1.1" && version != "HTTP/1.0") return refuse(400, "head: unsupported HTTP version");
  head.method = method;
  head.target = target;
  const bool http10 = version == "HTTP/1.0";
  head.keep_alive = !http10;

  bool have_length = false;
  bool have_transfer_encoding = false;
  while (!rest.empty()) {
    eol = rest.find("\r\n");
    const std::string_view line = rest.substr(0, eol);
    rest = eol == std::string_view::npos ? std::string_view() : rest.substr(eol + 2);
    if (line.front() == ' ' || line.front() == '\t') return refuse(400, "head: folded header line");
    const std::size_t colon = line.find(':');
    if (colon == std::string_view::npos || !is_token(line.substr(0, colon)))
      return refuse(400, "head: malformed header field");
    const std::string_view name = line.substr(0, colon);
    const std::string_view value = trim(line.substr(colon + 1));
    if (!is_field_value(value)) return refuse(400, "head: control character in a header value");
    if (iequals(name, "Content-Length")) {
      if (have_length) return refuse(400, "head: more than one Content-Length");
      if (value.empty() || value.size() > 18 ||
          !std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; }))
        return refuse(400, "head: malformed Content-Length");
      have_length = true;
      head.content_length = std::stoull(std::string(value));
    } else if (iequals(name, "Transfer-Encoding")) {
      have_transfer_encoding = true;
    } else if (iequals(name, "Connection")) {
      if (has_token(value, "close")) head.keep_alive = false;
      if (http10 && has_token(value, "keep-alive")) head.keep_alive = true;
    }
  }
  if (have_transfer_encoding && have_length) return refuse(400, "head: both Content-Length and Transfer-Encoding");
  if (have_transfer_encoding) return refuse(411, "head: Transfer-Encoding is not accepted; send Content-Length");
  result.status = Status::complete;
  return result;
}

}  // namespace wk::hub
