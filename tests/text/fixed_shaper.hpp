// A stand-in RunShaper for layout tests: one glyph per code point (its id is
// the code point) `width(cp)` pixels wide, right-to-left runs reversed, and no
// glyph at all for default-ignorable characters (bidi controls, ZWNJ), which
// HarfBuzz draws as nothing, zero wide. Widths and wrap points are exact, and
// the glyphs drawn read back as text (drawn()).
#pragma once

#include <unicode/uchar.h>
#include <unicode/utf16.h>

#include <algorithm>
#include <functional>
#include <string>
#include <vector>

#include "kiosk/text/bidi.hpp"
#include "kiosk/text/run_shaper.hpp"
#include "kiosk/text/utf8.hpp"

namespace wk::text::test {

class FixedShaper : public RunShaper {
 public:
  explicit FixedShaper(std::function<float(char32_t)> width = [](char32_t) { return 10.0f; })
      : width_(std::move(width)) {}
  void shape(std::u16string_view text, std::int32_t start, std::int32_t end, bool rtl,
             std::vector<ShapedGlyph>& out) override {
    ++calls;
    std::vector<ShapedGlyph> run;
    for (std::int32_t i = start; i < end;) {
      const std::int32_t at = i;
      UChar32 cp;
      U16_NEXT(text.data(), i, end, cp);
      if (u_hasBinaryProperty(cp, UCHAR_DEFAULT_IGNORABLE_CODE_POINT)) continue;
      run.push_back({0, static_cast<std::uint32_t>(cp), at, width_(static_cast<char32_t>(cp)), 0, 0});
    }
    if (rtl) std::reverse(run.begin(), run.end());
    out.insert(out.end(), run.begin(), run.end());
  }
  float ascent() const override { return 8; }
  int calls = 0;

 private:
  std::function<float(char32_t)> width_;
};

// As wide as the code point's UTF-8 (Latin letters 1, Cyrillic 2, Arabic 2).
inline float utf8_bytes(char32_t c) {
  std::string u;
  append_utf8(u, c);
  return static_cast<float>(u.size());
}

// The glyphs of a line read back as text (FixedShaper's glyph ids are code points).
inline std::string drawn(const Line& l) {
  std::string out;
  for (const auto& g : l.glyphs) append_utf8(out, static_cast<char32_t>(g.id));
  return out;
}

}  // namespace wk::text::test
