// The request head (request line and header fields) as the hub's front reads it before any
// worker thread or route sees the request: complete or not, within the limits, and free of the
// ambiguities request smuggling lives on.
//
// Stricter than RFC 9112 where that costs honest clients nothing: every line ends in CRLF (a
// bare LF is refused), no obs-fold, one Content-Length at most, no Transfer-Encoding at all
// (the hub's clients always send a length; a chunked body is answered 411), and Content-Length
// together with Transfer-Encoding is refused outright.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace wk::hub {

struct HeadLimits {
  std::size_t max_bytes = 16 * 1024;  // request line + header fields + the blank line
  int max_fields = 64;                // header fields
};

struct RequestHead {
  std::string method;
  std::string target;  // as sent: path and query
  std::uint64_t content_length = 0;
  bool keep_alive = true;  // false for "Connection: close" or HTTP/1.0 without keep-alive
  std::size_t size = 0;    // bytes of the head, the final CRLF CRLF included
};

struct HeadResult {
  enum class Status { incomplete, complete, refused };
  Status status = Status::incomplete;
  RequestHead head;     // when complete
  int http_status = 0;  // when refused: 400, 411 or 431
  std::string reason;   // when refused: for the log and the error body (no request data in it)
};

// Reads the head at the start of `buffer` (which may hold more: body bytes, a pipelined
// request). Incomplete while no blank line has arrived and the limits still hold; refused as
// soon as the bytes so far break a rule or a limit, so that a client never gets to send more
// than max_bytes + 1 bytes of head.
HeadResult parse_request_head(std::string_view buffer, const HeadLimits& limits);

}  // namespace wk::hub
