// Glyph set construction: code points of loaded strings, shaped forms, digits.
#include "kiosk/text/glyph_set.hpp"

#include <unicode/numfmt.h>

#include <memory>

#include "kiosk/text/bidi.hpp"
#include "kiosk/text/utf8.hpp"

namespace wk::text {

GlyphSet::GlyphSet() {
  add_range(0x20, 0x7E);
  add_range(0xA0, 0xFF);
  add_range(0x2010, 0x2027);  // dashes, quotes, bullet, ellipsis
  add_range(0x2039, 0x203A);
  add_text("\u2190\u2192\u2302\u25C0\u25B6\u2713\u00D7\uFFFD");  // arrows, home, check, cross, replacement
}

void GlyphSet::add_text(std::string_view utf8) {
  for (char32_t c : code_points(utf8)) points_.insert(c);
  if (needs_shaping(utf8))
    for (char32_t c : code_points(shape_arabic(utf8))) points_.insert(c);
}

void GlyphSet::add_range(char32_t first, char32_t last) {
  for (char32_t c = first; c <= last; ++c) points_.insert(c);
}

void GlyphSet::add_number_symbols(const char* icu_locale) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::NumberFormat> nf(icu::NumberFormat::createInstance(icu::Locale(icu_locale), status));
  if (U_FAILURE(status)) return;
  icu::UnicodeString s;
  nf->format(static_cast<int64_t>(1234567890), s);
  nf->format(-0.5, s);
  std::string utf8;
  s.toUTF8String(utf8);
  add_text(utf8);
}

std::vector<std::uint16_t> GlyphSet::ranges() const {
  std::vector<std::uint16_t> out;
  char32_t start = 0, prev = 0;
  bool open = false;
  for (char32_t c : points_) {
    if (c == 0 || c > 0xFFFF || (c >= 0xD800 && c <= 0xDFFF)) continue;
    if (open && c == prev + 1) {
      prev = c;
      continue;
    }
    if (open) {
      out.push_back(static_cast<std::uint16_t>(start));
      out.push_back(static_cast<std::uint16_t>(prev));
    }
    start = prev = c;
    open = true;
  }
  if (open) {
    out.push_back(static_cast<std::uint16_t>(start));
    out.push_back(static_cast<std::uint16_t>(prev));
  }
  out.push_back(0);
  return out;
}

}  // namespace wk::text
