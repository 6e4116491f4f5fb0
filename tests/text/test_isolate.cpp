// Tests for kiosk/text/isolate: values keep their own order inside prose of either
// direction, and the isolates themselves are never drawn nor measured.
#include "kiosk/text/isolate.hpp"

#include <catch2/catch.hpp>

#include <string>

#include "kiosk/text/bidi.hpp"
#include "tests/text/fixed_shaper.hpp"

using namespace wk::text;

namespace {

test::FixedShaper bytes(test::utf8_bytes);

// The visual text, and checks that the glyphs drawn say the same.
std::string drawn(std::string_view s, Direction d) {
  std::string out;
  for (const auto& line : layout_text(s, d, 0, bytes, "ar")) {
    CHECK(test::drawn(line) == line.visual);
    out += line.visual;
  }
  return out;
}

}  // namespace

TEST_CASE("isolate wraps a value in a first-strong isolate, empty stays empty", "[isolate]") {
  CHECK(isolate("") == "");
  CHECK(isolate("+49") == "\u2068+49\u2069");
}

TEST_CASE("strip_bidi_controls removes marks, embeddings, overrides and isolates only", "[isolate]") {
  CHECK(strip_bidi_controls("a\u200Eb\u200Fc\u061Cd") == "abcd");
  CHECK(strip_bidi_controls("\u202Aa\u202Bb\u202Cc\u202Dd\u202Ee") == "abcde");
  CHECK(strip_bidi_controls("\u2066a\u2067b\u2068c\u2069") == "abc");
  CHECK(strip_bidi_controls("Ахмед أحمد 日本 \u200D") == "Ахмед أحمد 日本 \u200D");
}

TEST_CASE("a phone number inside right-to-left text keeps its plus sign in front", "[isolate]") {
  // The defect: a bare "+4915123456789" in an Arabic paragraph is drawn "4915123456789+".
  CHECK(drawn("+4915123456789", Direction::rtl) == "4915123456789+");
  CHECK(drawn(isolate("+4915123456789"), Direction::rtl) == "+4915123456789");
  // Inside a sentence, and an e-mail address and a date the same way.
  CHECK(drawn("هاتف " + isolate("+4915123456789"), Direction::rtl).find("+4915123456789") != std::string::npos);
  CHECK(drawn(isolate("a.b@example.de"), Direction::rtl) == "a.b@example.de");
  CHECK(drawn(isolate("01.02.1990"), Direction::rtl) == "01.02.1990");
  // A Latin name with a hyphen inside right-to-left text.
  CHECK(drawn(isolate("Al-Hassan"), Direction::rtl) == "Al-Hassan");
}

TEST_CASE("isolates are never drawn nor measured", "[isolate]") {
  const auto lines = layout_text(isolate("abc") + " " + isolate("def"), Direction::ltr, 0, bytes, "en");
  REQUIRE(lines.size() == 1);
  CHECK(lines[0].visual == "abc def");
  CHECK(lines[0].width == 7.f);
  // Wrapping measures without them too: "abc def" at 4 units breaks after "abc".
  const auto wrapped = layout_text(isolate("abc") + " " + isolate("def"), Direction::ltr, 4, bytes, "en");
  REQUIRE(wrapped.size() == 2);
  CHECK(wrapped[0].visual == "abc");
  CHECK(wrapped[1].visual == "def");
}
