// Bidirectional text for the screen: Arabic-script shaping (u_shapeArabic)
// and reordering (ubidi), with line wrapping done in logical order first and
// each line reordered afterwards, so that wrapped RTL paragraphs with embedded
// digits, Latin names and punctuation read correctly. ImGui only draws glyphs
// left to right; everything it receives from here is already in visual order
// and in presentation forms.
#pragma once

#include <cstddef>
#include <functional>
#include <list>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "kiosk/text/languages.hpp"

namespace wk::text {

// True if `utf8` holds any right-to-left character (Hebrew, Arabic, ...).
bool has_rtl(std::string_view utf8);

// True if `utf8` holds characters that u_shapeArabic changes.
bool needs_shaping(std::string_view utf8);

// Arabic-script presentation forms of `logical`, still in logical order.
std::string shape_arabic(std::string_view logical);

// Width of a run of visual-order UTF-8 text in pixels.
using Measure = std::function<float(std::string_view utf8)>;

struct Line {
  std::string visual;  // shaped, in left-to-right drawing order
  float width = 0;
  bool has_marks = false;  // holds nonspacing marks that follow their base glyph
  bool breaks_word = false;  // ends inside a word too wide for the line (broken between characters)
};

// Lays out `logical` as lines no wider than `max_width` (no wrapping when
// max_width <= 0), breaking at ICU line-break opportunities of `icu_locale`
// (spaces, and between ideographs for Chinese). `base` is the paragraph
// direction; '\n' starts a new paragraph. A word wider than the line is
// broken between characters.
std::vector<Line> layout_text(std::string_view logical, Direction base, float max_width, const Measure& measure,
                              const std::string& icu_locale = "");

// Caches layout_text results per (text, direction, width, font). Entries are
// only valid for the font they were measured with: pass a `font_key` that
// changes whenever the font or its size does. The reference get() returns is
// valid until the next get() or clear(). clear() overwrites every cached
// string with zeros before freeing it (session wipe).
class TextLayoutCache {
 public:
  const std::vector<Line>& get(std::string_view logical, Direction base, float max_width, unsigned font_key,
                               const Measure& measure, const std::string& icu_locale);
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
