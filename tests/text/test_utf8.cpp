// Tests for kiosk/text/utf8: what counts as valid UTF-8 (RFC 3629: no
// overlong forms, no surrogates, nothing above U+10FFFF, nothing truncated),
// decoding to code points with U+FFFD for each bad sequence, and encoding.
#include "kiosk/text/utf8.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using namespace wk::text;

namespace {
std::string bytes(std::initializer_list<unsigned char> b) {
  return std::string(b.begin(), b.end());
}
}  // namespace

TEST_CASE("is_valid_utf8 accepts well-formed text of every length", "[utf8]") {
  CHECK(is_valid_utf8(""));
  CHECK(is_valid_utf8("plain ASCII"));
  CHECK(is_valid_utf8("Plätze"));                // 2-byte
  CHECK(is_valid_utf8("中文 مرحبا"));            // 3-byte and 2-byte
  CHECK(is_valid_utf8("\xF0\x9F\x98\x80"));      // U+1F600, 4-byte
  CHECK(is_valid_utf8("\xF4\x8F\xBF\xBF"));      // U+10FFFF, the last code point
  CHECK(is_valid_utf8("\xEF\xBF\xBD"));          // U+FFFD itself
  CHECK(is_valid_utf8(std::string("a\0b", 3)));  // NUL is a valid code point
}

TEST_CASE("is_valid_utf8 rejects overlong forms", "[utf8]") {
  CHECK_FALSE(is_valid_utf8(bytes({0xC0, 0x80})));        // overlong NUL
  CHECK_FALSE(is_valid_utf8(bytes({0xC1, 0xBF})));        // overlong U+007F
  CHECK_FALSE(is_valid_utf8(bytes({0xE0, 0x80, 0xAF})));  // overlong '/'
  CHECK_FALSE(is_valid_utf8(bytes({0xF0, 0x80, 0x80, 0xAF})));
}

TEST_CASE("is_valid_utf8 rejects surrogates and code points above U+10FFFF", "[utf8]") {
  CHECK_FALSE(is_valid_utf8(bytes({0xED, 0xA0, 0x80})));        // U+D800
  CHECK_FALSE(is_valid_utf8(bytes({0xED, 0xBF, 0xBF})));        // U+DFFF
  CHECK(is_valid_utf8(bytes({0xED, 0x9F, 0xBF})));              // U+D7FF is fine
  CHECK_FALSE(is_valid_utf8(bytes({0xF4, 0x90, 0x80, 0x80})));  // U+110000
  CHECK_FALSE(is_valid_utf8(bytes({0xF5, 0x80, 0x80, 0x80})));
  CHECK_FALSE(is_valid_utf8(bytes({0xFF})));
}

TEST_CASE("is_valid_utf8 rejects truncated and stray bytes", "[utf8]") {
  CHECK_FALSE(is_valid_utf8(bytes({0xC3})));               // lead without trail
  CHECK_FALSE(is_valid_utf8(bytes({0xE4, 0xB8})));         // 3-byte cut after 2
  CHECK_FALSE(is_valid_utf8(bytes({0xF0, 0x9F, 0x98})));   // 4-byte cut after 3
  CHECK_FALSE(is_valid_utf8("ok" + bytes({0xF0, 0x9F})));  // at the end of a text
  CHECK_FALSE(is_valid_utf8(bytes({0x80})));               // lone continuation
  CHECK_FALSE(is_valid_utf8(bytes({'a', 0xC3, 'b'})));     // lead followed by ASCII
}

TEST_CASE("code_points decodes valid text", "[utf8]") {
  CHECK(code_points("") == std::vector<char32_t>{});
  CHECK(code_points("aé中\xF0\x9F\x98\x80") == std::vector<char32_t>{U'a', 0xE9, 0x4E2D, 0x1F600});
  CHECK(code_points("سلام") == std::vector<char32_t>{0x0633, 0x0644, 0x0627, 0x0645});
}

TEST_CASE("code_points yields U+FFFD for each bad sequence and keeps going", "[utf8]") {
  CHECK(code_points(bytes({'a', 0xFF, 'b'})) == std::vector<char32_t>{U'a', 0xFFFD, U'b'});
  CHECK(code_points(bytes({'a', 0xED, 0xA0, 0x80, 'b'})).front() == U'a');
  CHECK(code_points(bytes({'a', 0xED, 0xA0, 0x80, 'b'})).back() == U'b');
  const auto truncated = code_points("x" + bytes({0xE4, 0xB8}));
  REQUIRE(truncated.size() == 2);
  CHECK(truncated[0] == U'x');
  CHECK(truncated[1] == 0xFFFD);
}

TEST_CASE("append_utf8 encodes 1 to 4 bytes and replaces invalid code points", "[utf8]") {
  std::string s;
  append_utf8(s, U'A');
  CHECK(s == "A");
  append_utf8(s, 0xE4);
  CHECK(s == "A\xC3\xA4");
  append_utf8(s, 0x4E2D);
  CHECK(s == "A\xC3\xA4\xE4\xB8\xAD");
  append_utf8(s, 0x1F600);
  CHECK(s == "A\xC3\xA4\xE4\xB8\xAD\xF0\x9F\x98\x80");
  CHECK(is_valid_utf8(s));

  std::string bad;
  append_utf8(bad, 0xD800);  // a surrogate is not a scalar value
  CHECK(bad == "\xEF\xBF\xBD");
  bad.clear();
  append_utf8(bad, 0x110000);
  CHECK(bad == "\xEF\xBF\xBD");
}

TEST_CASE("append_utf8 round-trips through code_points", "[utf8]") {
  const std::vector<char32_t> cps{0x0, 0x7F, 0x80, 0x7FF, 0x800, 0xD7FF, 0xE000, 0xFFFD, 0xFFFF, 0x10000, 0x10FFFF};
  std::string s;
  for (char32_t c : cps) append_utf8(s, c);
  CHECK(is_valid_utf8(s));
  CHECK(code_points(s) == cps);
}
