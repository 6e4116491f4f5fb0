// gzip (RFC 1952) bodies for the sync transport (zlib): request bodies over 1 KiB are sent
// compressed, and hub responses may arrive compressed (PROTOCOL.md "Transport").
//
// Decompression is bounded: the caller states the most bytes it accepts after decompression and
// inflating stops as soon as that cap would be passed, so a small "zip bomb" never costs more than
// the cap in memory or time. Input that is not exactly one or more complete gzip members
// (corrupt header, bad checksum, truncated stream, trailing garbage) is an error, never a
// partial result. Error messages describe the problem and never contain the data.
#pragma once

#include <cstddef>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>

namespace wk::sync {

// [SECTION] Errors

class GzipError : public std::runtime_error {
 public:
  enum class Kind {
    corrupt,    // not gzip, damaged, or truncated
    too_large,  // the output would exceed the caller's cap
  };
  GzipError(Kind kind, const std::string& message) : std::runtime_error(message), kind_(kind) {}
  Kind kind() const { return kind_; }

 private:
  Kind kind_;
};

// [SECTION] One-shot functions

// `data` as one gzip member (default compression level, no file name, mtime 0). Any input size,
// including empty. Throws std::bad_alloc, or std::runtime_error if zlib fails (it does not for
// valid arguments).
std::string gzip_compress(std::string_view data);

// The decompressed contents of `data`: one or more concatenated gzip members. Throws GzipError
// corrupt for empty, damaged, truncated input or trailing bytes after the last member, and
// GzipError too_large as soon as the output would exceed `max_output` bytes (inflating stops
// there; at most max_output bytes are ever held).
std::string gzip_decompress(std::string_view data, std::size_t max_output);

// [SECTION] Incremental decoder

// The streaming form of gzip_decompress, for bodies that arrive in pieces (one per write
// callback of the HTTP client). Feed every piece in order, then call finish().
// Usage:
//   GzipDecoder decoder(cap);
//   for (piece : pieces) decoder.feed(piece, out);   // appends to out
//   decoder.finish();                                 // throws if the stream is incomplete
// After a throw the decoder is spent: further calls throw the same kind of error again.
class GzipDecoder {
 public:
  explicit GzipDecoder(std::size_t max_output);
  ~GzipDecoder();
  GzipDecoder(GzipDecoder&&) noexcept;
  GzipDecoder& operator=(GzipDecoder&&) noexcept;
  GzipDecoder(const GzipDecoder&) = delete;
  GzipDecoder& operator=(const GzipDecoder&) = delete;

  // Inflates `chunk` and appends the output to `out`. Throws GzipError (corrupt, too_large).
  // An empty chunk does nothing.
  void feed(std::string_view chunk, std::string& out);

  // Checks the input ended at the end of a gzip member (and was not empty). Throws GzipError
  // corrupt otherwise.
  void finish();

  // Bytes given to feed() so far (compressed) and produced so far (decompressed).
  std::size_t bytes_in() const;
  std::size_t bytes_out() const;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace wk::sync
