// Bidirectional text for the screen: line breaking (ICU BreakIterator) in
// logical order, then each line reordered (ubidi) into runs of one direction
// that a RunShaper (HarfBuzz in the kiosk) turns into positioned glyphs. So
// wrapped RTL paragraphs with embedded digits, Latin names and punctuation
// read correctly, and joining, ligatures and mark positions are the font's.
#pragma once

#include <cstddef>
#include <cstdint>
#include <list>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "kiosk/text/languages.hpp"
#include "kiosk/text/run_shaper.hpp"

namespace wk::text {

// True if `utf8` holds any right-to-left character (Hebrew, Arabic, ...).
bool has_rtl(std::string_view utf8);

// One glyph of a laid-out line: `x` from the line's left edge to the glyph's
// origin, `y` from the baseline (positive downwards), in pixels.
struct Glyph {
  std::uint16_t face = 0;
  std::uint32_t id = 0;
  float x = 0, y = 0;
};

struct Line {
  std::string visual;  // the characters in left-to-right drawing order (mirrored, without bidi controls)
  float width = 0;
  bool breaks_word = false;   // ends inside a word too wide for the line (broken between characters)
  std::vector<Glyph> glyphs;  // what is drawn, left to right
};

// Lays out `logical` as lines no wider than `max_width` (no wrapping when
// max_width <= 0), breaking at ICU line-break opportunities of `icu_locale`
// (spaces, and between ideographs for Chinese). `base` is the paragraph
// direction; '\n' starts a new paragraph. A word wider than the line is
// broken between characters.
std::vector<Line> layout_text(std::string_view logical, Direction base, float max_width, RunShaper& shaper,
                              const std::string& icu_locale = "");

// Caches layout_text results per (text, direction, width, font). Entries are
// only valid for the shaper they were made with: pass a `font_key` that
// changes whenever the shaper's fonts, size or language do. The reference get()
// returns is valid until the next get() or clear(). clear() overwrites every
// cached string with zeros before freeing it (session wipe).
class TextLayoutCache {
 public:
  const std::vector<Line>& get(std::string_view logical, Direction base, float max_width, unsigned font_key,
                               RunShaper& shaper, const std::string& icu_locale);
  void clear();
  std::size_t size() const { return count_; }

 private:
  struct Entry {
    std::string text;
    Direction base;
    float width;
    unsigned font_key;
    std::vector<Line> lines;
  };
  std::unordered_map<std::size_t, std::list<Entry>> buckets_;
  std::size_t count_ = 0;
};

}  // namespace wk::text
