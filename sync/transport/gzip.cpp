// gzip bodies with zlib: see gzip.hpp.
#include "sync/transport/gzip.hpp"

#include <zlib.h>

#include <algorithm>
#include <climits>
#include <limits>
#include <utility>

namespace wk::sync {
namespace {

// windowBits 15 (the maximum) + 16: gzip wrapper only, no zlib or raw deflate.
constexpr int kGzipWindowBits = 15 + 16;
// Output is produced in pieces of at most this many bytes.
constexpr std::size_t kChunk = 64 * 1024;

uInt clamp_uint(std::size_t n) {
  return static_cast<uInt>(std::min<std::size_t>(n, UINT_MAX));
}

}  // namespace

// [SECTION] Compression

std::string gzip_compress(std::string_view data) {
  z_stream z{};
  if (deflateInit2(&z, Z_DEFAULT_COMPRESSION, Z_DEFLATED, kGzipWindowBits, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
    throw std::runtime_error("gzip: cannot initialise the compressor");
  }
  std::string out;
  try {
    if (data.size() <= std::numeric_limits<uLong>::max()) {
      out.reserve(deflateBound(&z, static_cast<uLong>(data.size())));
    }
    const auto* next = reinterpret_cast<const Bytef*>(data.data());
    std::size_t left = data.size();
    char buf[kChunk];
    int ret = Z_OK;
    do {
      const uInt in_now = clamp_uint(left);
      z.next_in = const_cast<Bytef*>(next);
      z.avail_in = in_now;
      const int flush = in_now == left ? Z_FINISH : Z_NO_FLUSH;
      do {
        z.next_out = reinterpret_cast<Bytef*>(buf);
        z.avail_out = sizeof buf;
        ret = deflate(&z, flush);
        if (ret == Z_STREAM_ERROR) throw std::runtime_error("gzip: the compressor failed");
        out.append(buf, sizeof buf - z.avail_out);
      } while (z.avail_out == 0);
      next += in_now;
      left -= in_now;
    } while (ret != Z_STREAM_END);
  } catch (...) {
    deflateEnd(&z);
    throw;
  }
  deflateEnd(&z);
  return out;
}

// [SECTION] Decompression

struct GzipDecoder::State {
  z_stream z{};
  std::size_t max_output = 0;
  std::size_t in = 0;
  std::size_t out = 0;
  bool member_done = false;  // the last byte fed ended a gzip member
  bool failed = false;
  GzipError::Kind failure = GzipError::Kind::corrupt;
  std::string failure_message;

  [[noreturn]] void fail(GzipError::Kind kind, std::string message) {
    failed = true;
    failure = kind;
    failure_message = std::move(message);
    throw GzipError(failure, failure_message);
  }

  ~State() { inflateEnd(&z); }
};

GzipDecoder::GzipDecoder(std::size_t max_output) : state_(std::make_unique<State>()) {
  state_->max_output = max_output;
  if (inflateInit2(&state_->z, kGzipWindowBits) != Z_OK) {
    // inflateEnd on a stream that failed to initialise is harmless (it returns Z_STREAM_ERROR).
    throw std::runtime_error("gzip: cannot initialise the decompressor");
  }
}

GzipDecoder::~GzipDecoder() = default;
GzipDecoder::GzipDecoder(GzipDecoder&&) noexcept = default;
GzipDecoder& GzipDecoder::operator=(GzipDecoder&&) noexcept = default;

std::size_t GzipDecoder::bytes_in() const {
  return state_->in;
}
std::size_t GzipDecoder::bytes_out() const {
  return state_->out;
}

void GzipDecoder::feed(std::string_view chunk, std::string& out) {
  State& s = *state_;
  if (s.failed) throw GzipError(s.failure, s.failure_message);
  std::size_t pos = 0;
  char buf[kChunk];
  while (pos < chunk.size()) {
    if (s.member_done) {
      // More bytes after a complete member: they must be another member (RFC 1952 allows
      // several); anything else fails the header check below.
      if (inflateReset(&s.z) != Z_OK) s.fail(GzipError::Kind::corrupt, "gzip: cannot reset the decompressor");
      s.member_done = false;
    }
    const uInt in_now = clamp_uint(chunk.size() - pos);
    s.z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(chunk.data() + pos));
    s.z.avail_in = in_now;
    for (;;) {
      // Never let zlib produce more than one byte past the cap.
      const std::size_t room = s.max_output - s.out;
      const std::size_t allowed = room >= sizeof buf ? sizeof buf : room + 1;
      s.z.next_out = reinterpret_cast<Bytef*>(buf);
      s.z.avail_out = static_cast<uInt>(allowed);
      const int ret = inflate(&s.z, Z_NO_FLUSH);
      const std::size_t produced = allowed - s.z.avail_out;
      if (produced > room) {
        s.fail(GzipError::Kind::too_large,
               "gzip: decompressed data exceeds the limit of " + std::to_string(s.max_output) + " bytes");
      }
      out.append(buf, produced);
      s.out += produced;
      if (ret == Z_STREAM_END) {
        s.member_done = true;
        break;
      }
      if (ret == Z_BUF_ERROR) break;  // no progress possible: all input used and output flushed
      if (ret != Z_OK) {
        const std::size_t at = s.in + (in_now - s.z.avail_in);
        s.fail(GzipError::Kind::corrupt, std::string("gzip: corrupt data (") + (s.z.msg ? s.z.msg : "inflate failed") +
                                             ") near compressed byte " + std::to_string(at));
      }
      if (s.z.avail_in == 0 && s.z.avail_out != 0) break;
    }
    const std::size_t used = in_now - s.z.avail_in;
    if (used == 0 && !s.member_done) s.fail(GzipError::Kind::corrupt, "gzip: the decompressor made no progress");
    s.in += used;
    pos += used;
  }
}

void GzipDecoder::finish() {
  State& s = *state_;
  if (s.failed) throw GzipError(s.failure, s.failure_message);
  if (s.in == 0) s.fail(GzipError::Kind::corrupt, "gzip: no data (an empty body is not a gzip stream)");
  if (!s.member_done) {
    s.fail(GzipError::Kind::corrupt,
           "gzip: truncated data (the input ends inside a gzip stream after " + std::to_string(s.in) + " bytes)");
  }
}

std::string gzip_decompress(std::string_view data, std::size_t max_output) {
  GzipDecoder decoder(max_output);
  std::string out;
  decoder.feed(data, out);
  decoder.finish();
  return out;
}

}  // namespace wk::sync
