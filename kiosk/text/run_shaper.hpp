// The seam between line layout (bidi.hpp, ICU) and glyph shaping: a run of one
// direction goes in, positioned glyphs in drawing order come out. The kiosk
// shapes with HarfBuzz (hb_shaper.hpp); tests may stand in a fixed-width one.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace wk::text {

// One glyph as the shaper placed it; units are pixels.
struct ShapedGlyph {
  std::uint16_t face = 0;    // which font face (FontFaces id) holds it
  std::uint32_t id = 0;      // glyph index in that face (0: the face has none)
  std::int32_t cluster = 0;  // index of the first UTF-16 unit of the text it shows
  float advance = 0;         // pen advance after it
  float dx = 0, dy = 0;      // offset from the pen position (dy positive downwards)
};

class RunShaper {
 public:
  virtual ~RunShaper() = default;
  // Appends the glyphs of text[start, end) — one direction, given in logical
  // order; the rest of `text` is context (joining) only — to `out` in drawing
  // order, left to right. Never throws; unknown characters get glyph 0.
  virtual void shape(std::u16string_view text, std::int32_t start, std::int32_t end, bool rtl,
                     std::vector<ShapedGlyph>& out) = 0;
  // Distance from the top of a line box of `size` pixels to the baseline.
  virtual float ascent() const = 0;
};

}  // namespace wk::text
