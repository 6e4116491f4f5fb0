// Tests for kiosk/text/glyph_set: the code points the font atlas holds and
// the ImGui glyph-range array built from them (sorted inclusive pairs,
// 0-terminated, BMP only, adjacent code points merged).
#include "kiosk/text/glyph_set.hpp"

#include "kiosk/text/bidi.hpp"
#include "kiosk/text/utf8.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <vector>

using namespace wk::text;

namespace {

// Checks the structural contract of ranges() and returns the pairs.
std::vector<std::pair<std::uint16_t, std::uint16_t>> checked_pairs(const GlyphSet& g) {
  const auto r = g.ranges();
  REQUIRE(!r.empty());
  REQUIRE(r.back() == 0);
  REQUIRE(r.size() % 2 == 1);  // pairs + terminator
  std::vector<std::pair<std::uint16_t, std::uint16_t>> pairs;
  for (std::size_t i = 0; i + 1 < r.size(); i += 2) {
    INFO("pair " << i / 2 << ": " << r[i] << ".." << r[i + 1]);
    CHECK(r[i] != 0);
    CHECK(r[i] <= r[i + 1]);
    if (!pairs.empty()) {
      // Sorted, disjoint, and not adjacent (adjacent ones must have been merged).
      CHECK(static_cast<unsigned>(r[i]) > static_cast<unsigned>(pairs.back().second) + 1);
    }
    pairs.emplace_back(r[i], r[i + 1]);
  }
  return pairs;
}

bool in_ranges(const std::vector<std::pair<std::uint16_t, std::uint16_t>>& pairs, char32_t c) {
  for (auto [a, b] : pairs)
    if (c >= a && c <= b) return true;
  return false;
}

std::size_t count_in_ranges(const std::vector<std::pair<std::uint16_t, std::uint16_t>>& pairs) {
  std::size_t n = 0;
  for (auto [a, b] : pairs) n += static_cast<std::size_t>(b - a) + 1;
  return n;
}

}  // namespace

TEST_CASE("A new GlyphSet holds printable ASCII and Latin-1", "[glyphs]") {
  GlyphSet g;
  CHECK(g.contains(U' '));
  CHECK(g.contains(U'~'));
  CHECK(g.contains(0xE4));    // ä
  CHECK(g.contains(0xFF));    // ÿ
  CHECK(g.contains(0x2026));  // …
  CHECK(g.contains(0xFFFD));
  CHECK_FALSE(g.contains(0x1F));
  CHECK_FALSE(g.contains(0x7F));
  CHECK_FALSE(g.contains(0x4E2D));
  CHECK_FALSE(g.contains(0x0627));

  const auto pairs = checked_pairs(g);
  // The first pair is exactly printable ASCII.
  REQUIRE(pairs.size() >= 2);
  CHECK(pairs[0] == std::make_pair<std::uint16_t, std::uint16_t>(0x20, 0x7E));
  CHECK(pairs[1] == std::make_pair<std::uint16_t, std::uint16_t>(0xA0, 0xFF));
  CHECK(count_in_ranges(pairs) == g.size());
}

TEST_CASE("GlyphSet::ranges merges adjacent code points into one pair", "[glyphs]") {
  GlyphSet g;
  const auto before = checked_pairs(g).size();
  g.add_text("中");             // U+4E2D alone
  g.add_range(0x4E2E, 0x4E30);  // adjacent: must extend the same pair
  g.add_text("\u4E2C");         // adjacent below
  g.add_text("\u4E40");         // not adjacent: new pair
  const auto pairs = checked_pairs(g);
  CHECK(pairs.size() == before + 2);
  CHECK(std::find(pairs.begin(), pairs.end(), std::make_pair<std::uint16_t, std::uint16_t>(0x4E2C, 0x4E30)) !=
        pairs.end());
  CHECK(std::find(pairs.begin(), pairs.end(), std::make_pair<std::uint16_t, std::uint16_t>(0x4E40, 0x4E40)) !=
        pairs.end());
  CHECK(count_in_ranges(pairs) == g.size());
}

TEST_CASE("GlyphSet::ranges leaves out code points beyond the BMP", "[glyphs]") {
  GlyphSet g;
  const auto size_before = g.size();
  g.add_text("\xF0\x9F\x98\x80 \xF0\xA0\x80\x80");  // U+1F600, U+20000
  CHECK(g.size() == size_before + 2);               // the set itself has them
  CHECK(g.contains(0x1F600));
  const auto pairs = checked_pairs(g);
  CHECK(count_in_ranges(pairs) == size_before);  // but the 16-bit ranges do not
  for (auto [a, b] : pairs) {
    CHECK(a <= 0xFFFF);
    CHECK(b <= 0xFFFF);
  }
}

TEST_CASE("GlyphSet::add_text includes the shaped forms of Arabic text", "[glyphs]") {
  GlyphSet g;
  const std::string word = "سلام";
  g.add_text(word);
  for (char32_t c : code_points(word)) CHECK(g.contains(c));
  const auto shaped = code_points(shape_arabic(word));
  REQUIRE(!shaped.empty());
  for (char32_t c : shaped) {
    INFO("shaped code point U+" << std::hex << static_cast<unsigned>(c));
    CHECK(g.contains(c));
    CHECK(c >= 0xFE70);
    CHECK(c <= 0xFEFF);
  }
  // Lam-alef becomes one ligature glyph: U+FEFB (isolated) or U+FEFC (final).
  CHECK((g.contains(0xFEFB) || g.contains(0xFEFC)));
  const auto pairs = checked_pairs(g);
  for (char32_t c : shaped) CHECK(in_ranges(pairs, c));
}

TEST_CASE("GlyphSet::add_text of Latin text adds no presentation forms", "[glyphs]") {
  GlyphSet g;
  const auto before = g.size();
  g.add_text("Plätze");
  CHECK(g.size() == before);  // all already in Latin-1
}

TEST_CASE("GlyphSet::add_number_symbols adds the digits each locale uses", "[glyphs]") {
  SECTION("ar uses Arabic-Indic digits") {
    GlyphSet g;
    for (char32_t d = 0x0660; d <= 0x0669; ++d) CHECK_FALSE(g.contains(d));
    g.add_number_symbols("ar");
    for (char32_t d = 0x0660; d <= 0x0669; ++d) {
      INFO("U+" << std::hex << static_cast<unsigned>(d));
      CHECK(g.contains(d));
    }
    CHECK(g.contains(0x066C));  // Arabic thousands separator
    const auto pairs = checked_pairs(g);
    CHECK(in_ranges(pairs, 0x0660));
    CHECK(in_ranges(pairs, 0x0669));
  }
  SECTION("fa-IR uses Extended Arabic-Indic (Persian) digits") {
    GlyphSet g;
    g.add_number_symbols("fa-IR");
    for (char32_t d = 0x06F0; d <= 0x06F9; ++d) {
      INFO("U+" << std::hex << static_cast<unsigned>(d));
      CHECK(g.contains(d));
    }
  }
  SECTION("de-DE uses ASCII digits and adds nothing outside Latin-1") {
    GlyphSet g;
    const auto before = g.size();
    g.add_number_symbols("de-DE");
    CHECK(g.size() == before);
    CHECK_FALSE(g.contains(0x0660));
  }
}
