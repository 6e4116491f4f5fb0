// Tests for kiosk/text/bidi: RTL detection and layout_text (wrap in logical
// order, then reorder each line to visual order and shape each run), plus the
// TextLayoutCache. The stand-in shaper gives every code point one glyph (its
// id is the code point) 10 px wide, so widths and wrap points are exact and
// the glyphs drawn can be read back as text. Real shaping: test_hb_shaper.cpp.
#include "kiosk/text/bidi.hpp"

#include "kiosk/text/utf8.hpp"
#include "tests/text/fixed_shaper.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <functional>
#include <sstream>
#include <string>
#include <vector>

using namespace wk::text;
using wk::text::test::drawn;
using wk::text::test::FixedShaper;

namespace {

float ten_per_cp(std::string_view s) {
  return static_cast<float>(code_points(s).size()) * 10.0f;
}

FixedShaper kMeasure;

std::u32string u32(std::string_view s) {
  const auto v = code_points(s);
  return std::u32string(v.begin(), v.end());
}

std::string utf8(const std::u32string& s) {
  std::string out;
  for (char32_t c : s) append_utf8(out, c);
  return out;
}

// The code points of `s` in reverse order (visual <-> logical for pure RTL runs).
std::string reversed(std::string_view s) {
  auto v = u32(s);
  std::reverse(v.begin(), v.end());
  return utf8(v);
}

// An Arabic word as it appears drawn left to right (the shaper joins its letters).
std::string visual_word(std::string_view logical_word) {
  return reversed(logical_word);
}

std::vector<std::string> split_words(const std::string& s) {
  std::vector<std::string> out;
  std::istringstream in(s);
  for (std::string w; in >> w;) out.push_back(w);
  return out;
}

std::vector<std::string> visuals(const std::vector<Line>& lines) {
  std::vector<std::string> out;
  for (const auto& l : lines) out.push_back(l.visual);
  return out;
}

}  // namespace

TEST_CASE("has_rtl detects Arabic and Hebrew letters only", "[bidi]") {
  CHECK_FALSE(has_rtl(""));
  CHECK_FALSE(has_rtl("Hello, world 123"));
  CHECK_FALSE(has_rtl("中文 Українська"));
  CHECK_FALSE(has_rtl("\u0661\u0662\u0663"));  // Arabic-Indic digits are not strong RTL (AN)
  CHECK(has_rtl("مرحبا"));
  CHECK(has_rtl("فارسی"));
  CHECK(has_rtl("שלום"));
  CHECK(has_rtl("My name is اسمي"));
}

TEST_CASE("layout_text: LTR text without wrapping comes back unchanged", "[bidi]") {
  const auto lines = layout_text("Hello world", Direction::ltr, 0, kMeasure);
  REQUIRE(lines.size() == 1);
  CHECK(lines[0].visual == "Hello world");
  CHECK(lines[0].width == Approx(110.0f));

  const auto wide = layout_text("Hello world", Direction::ltr, 1000, kMeasure);
  REQUIRE(wide.size() == 1);
  CHECK(wide[0].visual == "Hello world");

  const auto trailing = layout_text("Hi   ", Direction::ltr, 0, kMeasure);
  REQUIRE(trailing.size() == 1);
  CHECK(trailing[0].visual == "Hi");
}

TEST_CASE("layout_text: an Arabic word is shaped as one right-to-left run", "[bidi]") {
  const std::string word = "مرحبا";
  const auto lines = layout_text(word, Direction::rtl, 0, kMeasure);
  REQUIRE(lines.size() == 1);
  CHECK(lines[0].visual == reversed(word));
  CHECK(drawn(lines[0]) == reversed(word));  // the last letter read is drawn first
  CHECK(lines[0].width == Approx(50.0f));
  // Glyphs are placed one after the other from the line's left edge.
  REQUIRE(lines[0].glyphs.size() == 5);
  for (std::size_t i = 0; i < 5; ++i) CHECK(lines[0].glyphs[i].x == Approx(10.0f * static_cast<float>(i)));
}

TEST_CASE("layout_text: harakat stay with their base letter in one run", "[bidi][marks]") {
  // مَرْحَبًا: meem+fatha, reh+sukun, hah+fatha, beh+fathatan, alef.
  const std::string word = "\u0645\u064E\u0631\u0652\u062D\u064E\u0628\u064B\u0627";
  FixedShaper shaper;
  const auto lines = layout_text(word, Direction::rtl, 0, shaper);
  REQUIRE(lines.size() == 1);
  // The visual text keeps each mark after its base (UBIDI_KEEP_BASE_COMBINING) ...
  CHECK(u32(lines[0].visual) == std::u32string{0x0627, 0x0628, 0x064B, 0x062D, 0x064E, 0x0631, 0x0652, 0x0645, 0x064E});
  // ... while the shaper gets the whole word in logical order, in one run, and places the marks.
  CHECK(drawn(lines[0]) == reversed(word));
}

TEST_CASE("layout_text: digits inside RTL text stay left to right", "[bidi]") {
  const auto lines = layout_text("رقم 123 هنا", Direction::rtl, 0, kMeasure);
  REQUIRE(lines.size() == 1);
  const std::string& v = lines[0].visual;
  INFO("visual: " << v);
  CHECK(v.find("123") != std::string::npos);
  CHECK(v.find("321") == std::string::npos);
  CHECK(v == visual_word("هنا") + " 123 " + visual_word("رقم"));
  CHECK(drawn(lines[0]) == v);  // the digits are a left-to-right run of their own
}

TEST_CASE("layout_text: Arabic-Indic digits inside RTL text stay left to right", "[bidi]") {
  const auto lines = layout_text("رقم ١٢٣", Direction::rtl, 0, kMeasure);
  REQUIRE(lines.size() == 1);
  CHECK(lines[0].visual == "١٢٣ " + visual_word("رقم"));
}

TEST_CASE("layout_text: a Latin name inside Arabic keeps its letters in order", "[bidi]") {
  const auto lines = layout_text("اسمي Anna", Direction::rtl, 0, kMeasure);
  REQUIRE(lines.size() == 1);
  INFO("visual: " << lines[0].visual);
  CHECK(lines[0].visual.find("Anna") != std::string::npos);
  CHECK(lines[0].visual == "Anna " + visual_word("اسمي"));

  // In an LTR paragraph the Arabic run is still reversed and shaped.
  const auto ltr = layout_text("Hello مرحبا", Direction::ltr, 0, kMeasure);
  REQUIRE(ltr.size() == 1);
  CHECK(ltr[0].visual == "Hello " + visual_word("مرحبا"));
}

TEST_CASE("layout_text: brackets in RTL text are mirrored", "[bidi]") {
  const auto lines = layout_text("(مرحبا)", Direction::rtl, 0, kMeasure);
  REQUIRE(lines.size() == 1);
  CHECK(lines[0].visual == "(" + visual_word("مرحبا") + ")");
}

TEST_CASE("layout_text: wraps RTL text in logical order, then reorders each line", "[bidi]") {
  const std::string sentence =
      "يساعد هذا الجهاز العمال المهرة القادمين من الخارج وعائلاتهم على البداية في مركز الترحيب";
  const float max_width = 150.0f;  // 15 code points
  const auto lines = layout_text(sentence, Direction::rtl, max_width, kMeasure, "ar");
  REQUIRE(lines.size() >= 4);

  std::vector<std::string> read_words;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    INFO("line " << i << ": " << lines[i].visual);
    CHECK(lines[i].width <= max_width);
    CHECK(lines[i].width == Approx(ten_per_cp(lines[i].visual)));
    CHECK_FALSE(lines[i].visual.empty());
    // Reading a line = its visual order reversed.
    for (const auto& w : split_words(reversed(lines[i].visual))) read_words.push_back(w);
  }
  CHECK(read_words == split_words(sentence));

  // The first logical words are on the first line (drawn at its right end).
  const auto first_line_words = split_words(reversed(lines[0].visual));
  REQUIRE(first_line_words.size() >= 2);
  CHECK(first_line_words[0] == "يساعد");
  CHECK(first_line_words[1] == "هذا");
  const auto last_line_words = split_words(reversed(lines.back().visual));
  CHECK(last_line_words.back() == "الترحيب");
  for (const auto& l : lines) CHECK(drawn(l) == l.visual);
}

TEST_CASE("layout_text: LTR text wraps at spaces, greedily", "[bidi]") {
  const auto lines = layout_text("one two three four", Direction::ltr, 90, kMeasure);
  CHECK(visuals(lines) == std::vector<std::string>{"one two", "three", "four"});
  for (const auto& l : lines) CHECK(l.width <= 90.0f);
}

TEST_CASE("layout_text: Chinese wraps between ideographs", "[bidi]") {
  const std::string text = "欢迎来到欢迎中心请选择您的语言";  // 15 ideographs, no spaces
  const auto lines = layout_text(text, Direction::ltr, 50, kMeasure, "zh");
  CHECK(visuals(lines) == std::vector<std::string>{"欢迎来到欢", "迎中心请选", "择您的语言"});
  std::string joined;
  for (const auto& l : lines) {
    CHECK(l.width <= 50.0f);
    joined += l.visual;
  }
  CHECK(joined == text);
}

TEST_CASE("layout_text: a word wider than the line is broken between characters", "[bidi]") {
  const std::string alphabet = "abcdefghijklmnopqrstuvwxyz";
  CHECK(visuals(layout_text(alphabet, Direction::ltr, 100, kMeasure)) ==
        std::vector<std::string>{"abcdefghij", "klmnopqrst", "uvwxyz"});
  CHECK(visuals(layout_text("go " + alphabet, Direction::ltr, 100, kMeasure)) ==
        std::vector<std::string>{"go", "abcdefghij", "klmnopqrst", "uvwxyz"});
  CHECK(visuals(layout_text(alphabet + " go", Direction::ltr, 100, kMeasure)) ==
        std::vector<std::string>{"abcdefghij", "klmnopqrst", "uvwxyz go"});
  // Narrower than one character: one character per line, nothing lost.
  const auto tiny = layout_text("abc", Direction::ltr, 5, kMeasure);
  CHECK(visuals(tiny) == std::vector<std::string>{"a", "b", "c"});
}

TEST_CASE("layout_text: a broken word's last piece that fits exactly leaves no stray space", "[bidi]") {
  // 20 letters at width 100: two full pieces; the space after them must not
  // start the next line, nor make an empty one.
  const auto lines = visuals(layout_text("abcdefghijklmnopqrst xyz", Direction::ltr, 100, kMeasure));
  CHECK(lines == std::vector<std::string>{"abcdefghij", "klmnopqrst", "xyz"});
  for (const auto& l : lines) {
    CHECK_FALSE(l.empty());
    CHECK(l.front() != ' ');
  }
}

TEST_CASE("layout_text: a long Arabic word is broken and each piece reordered", "[bidi]") {
  const std::string word = "وعائلاتهموعائلاتهم";  // no spaces
  const auto lines = layout_text(word, Direction::rtl, 60, kMeasure, "ar");
  REQUIRE(lines.size() >= 2);
  std::string logical;
  for (const auto& l : lines) {
    CHECK(l.width <= 60.0f);
    logical += reversed(l.visual);
  }
  CHECK(logical == word);
}

TEST_CASE("layout_text: a newline starts a new line", "[bidi]") {
  CHECK(visuals(layout_text("one\ntwo", Direction::ltr, 0, kMeasure)) == std::vector<std::string>{"one", "two"});
  CHECK(visuals(layout_text("a\n\nb", Direction::ltr, 0, kMeasure)) == std::vector<std::string>{"a", "", "b"});
  CHECK(visuals(layout_text("one two\nthree", Direction::ltr, 50, kMeasure)) ==
        std::vector<std::string>{"one", "two", "three"});
  const auto rtl = layout_text("مرحبا\nAnna", Direction::rtl, 0, kMeasure);
  CHECK(visuals(rtl) == std::vector<std::string>{visual_word("مرحبا"), "Anna"});
}

TEST_CASE("TextLayoutCache returns cached results per key", "[bidi][cache]") {
  FixedShaper counting;
  int& calls = counting.calls;
  TextLayoutCache cache;
  CHECK(cache.size() == 0);

  const auto first = cache.get("one two three", Direction::ltr, 80, 1, counting, "en");  // copy
  CHECK(cache.size() == 1);
  CHECK(visuals(first) == std::vector<std::string>{"one two", "three"});
  CHECK(visuals(first) == visuals(layout_text("one two three", Direction::ltr, 80, kMeasure)));

  const int calls_after_first = calls;
  const auto& again = cache.get("one two three", Direction::ltr, 80, 1, counting, "en");
  CHECK(calls == calls_after_first);  // not measured again
  CHECK(cache.size() == 1);
  REQUIRE(again.size() == first.size());
  for (std::size_t i = 0; i < first.size(); ++i) {
    CHECK(again[i].visual == first[i].visual);
    CHECK(again[i].width == first[i].width);
  }

  cache.get("one two three", Direction::ltr, 200, 1, counting, "en");  // other width
  CHECK(cache.size() == 2);
  cache.get("one two three", Direction::ltr, 80, 2, counting, "en");  // other font
  CHECK(cache.size() == 3);
  cache.get("one two three", Direction::rtl, 80, 1, counting, "en");  // other direction
  CHECK(cache.size() == 4);
  cache.get("four", Direction::ltr, 80, 1, counting, "en");  // other text
  CHECK(cache.size() == 5);
  cache.get("one two three", Direction::ltr, 200, 1, counting, "en");  // repeats
  cache.get("four", Direction::ltr, 80, 1, counting, "en");
  CHECK(cache.size() == 5);

  const auto& wide = cache.get("one two three", Direction::ltr, 200, 1, counting, "en");
  CHECK(visuals(wide) == std::vector<std::string>{"one two three"});

  cache.clear();
  CHECK(cache.size() == 0);
  const int calls_before = calls;
  const auto& fresh = cache.get("one two three", Direction::ltr, 80, 1, counting, "en");
  CHECK(calls > calls_before);  // measured again after clear()
  CHECK(cache.size() == 1);
  CHECK(visuals(fresh) == std::vector<std::string>{"one two", "three"});
}

// bidi.cpp TextLayoutCache::get truncates max_width to an int and lays out
// with that truncated width, so a text 80.5 px wide in an 80.9 px box is
// wrapped by the cache although layout_text(…, 80.9, …) keeps it on one line.
// Real fonts and em-based boxes have fractional widths.
TEST_CASE("TextLayoutCache gives the same lines as layout_text for a fractional width", "[bidi][cache]") {
  FixedShaper fractional([](char32_t) { return 10.0625f; });
  const auto direct = layout_text("abcdefgh", Direction::ltr, 80.9f, fractional);
  REQUIRE(visuals(direct) == std::vector<std::string>{"abcdefgh"});
  TextLayoutCache cache;
  const auto& cached = cache.get("abcdefgh", Direction::ltr, 80.9f, 1, fractional, "en");
  CHECK(visuals(cached) == visuals(direct));
}

TEST_CASE("Invalid UTF-8 does not crash the text functions", "[bidi]") {
  const std::vector<std::string> inputs = {
      "abc\xFF\xFE def",
      "\xD9",  // truncated Arabic letter
      "مرحبا \xC3\x28 Anna",
      "\xED\xA0\x80 رقم 123",  // surrogate
      std::string("a\0b", 3),
      "\xF0\x9F\x98",  // truncated 4-byte
  };
  for (const auto& in : inputs) {
    INFO("input bytes: " << in.size());
    (void)has_rtl(in);
    for (Direction d : {Direction::ltr, Direction::rtl}) {
      for (float w : {0.0f, 25.0f, 1000.0f}) {
        const auto lines = layout_text(in, d, w, kMeasure, "ar");
        CHECK_FALSE(lines.empty());
        for (const auto& l : lines) CHECK(is_valid_utf8(l.visual));
      }
    }
    TextLayoutCache cache;
    cache.get(in, Direction::rtl, 30, 7, kMeasure, "ar");
    CHECK(cache.size() == 1);
  }
}

TEST_CASE("layout_text marks lines that break a word between characters", "[bidi]") {
  // As wide as the code point's UTF-8 (Cyrillic letters 2, Latin 1).
  FixedShaper measure(test::utf8_bytes);
  // Wrapping at spaces breaks no word.
  for (const auto& l : layout_text("abc def ghi", Direction::ltr, 4, measure, "en")) CHECK_FALSE(l.breaks_word);
  // "Видалити" (16 bytes) in 10: broken inside, the first line says so.
  const auto lines = layout_text("\u0412\u0438\u0434\u0430\u043b\u0438\u0442\u0438", Direction::ltr, 10, measure, "uk");
  REQUIRE(lines.size() == 2);
  CHECK(lines[0].breaks_word);
  CHECK_FALSE(lines[1].breaks_word);
}
