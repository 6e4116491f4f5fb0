// Line breaking and reordering with ICU (the line BreakIterator, ubidi_setPara
// and setLine); glyphs from the RunShaper per visual run.
#include "kiosk/text/bidi.hpp"

#include "kiosk/core/secure_clear.hpp"

#include <unicode/brkiter.h>
#include <unicode/ubidi.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <cstring>
#include <memory>

#include "kiosk/text/isolate.hpp"
#include "kiosk/text/utf8.hpp"

namespace wk::text {
namespace {

// The UTF-8 of [start, end) without bidi format characters: they are never drawn and take no
// width.
std::string to_utf8(const icu::UnicodeString& u, int32_t start, int32_t end) {
  std::string out;
  u.tempSubStringBetween(start, end).toUTF8String(out);
  return strip_bidi_controls(out);
}

struct BidiCloser {
  void operator()(UBiDi* b) const { ubidi_close(b); }
};
using BidiPtr = std::unique_ptr<UBiDi, BidiCloser>;

std::string reorder_line(UBiDi* line, const icu::UnicodeString& text, int32_t start, int32_t end) {
  UErrorCode status = U_ZERO_ERROR;
  icu::UnicodeString out;
  const int32_t cap = (end - start) * 2 + 1;
  UChar* buf = out.getBuffer(cap);
  int32_t n = ubidi_writeReordered(
      line, buf, cap, UBIDI_DO_MIRRORING | UBIDI_REMOVE_BIDI_CONTROLS | UBIDI_KEEP_BASE_COMBINING, &status);
  out.releaseBuffer(U_SUCCESS(status) ? n : 0);
  if (U_FAILURE(status)) return to_utf8(text, start, end);
  std::string s;
  out.toUTF8String(s);
  return s;
}

// The glyphs of `runs` (drawing order) placed from x = 0; returns the width.
float place(const std::vector<ShapedGlyph>& shaped, std::vector<Glyph>& out) {
  float x = 0;
  out.reserve(shaped.size());
  for (const auto& g : shaped) {
    out.push_back({g.face, g.id, x + g.dx, g.dy});
    x += g.advance;
  }
  return x;
}

// Lays out one paragraph (no '\n') into `out`.
void layout_paragraph(const icu::UnicodeString& text, Direction base, float max_width, RunShaper& shaper,
                      const icu::Locale& locale, bool rtl_content, std::vector<Line>& out) {
  const int32_t len = text.length();
  const std::u16string_view view(text.getBuffer(), static_cast<std::size_t>(len));

  const bool need_bidi = rtl_content || base == Direction::rtl;
  BidiPtr para;
  if (need_bidi && len > 0) {
    UErrorCode status = U_ZERO_ERROR;
    para.reset(ubidi_openSized(len, 0, &status));
    ubidi_setPara(para.get(), text.getBuffer(), len, base == Direction::rtl ? 1 : 0, nullptr, &status);
    if (U_FAILURE(status)) para.reset();
  }

  // Advance per UTF-16 unit (a cluster's advance on its first unit), from the
  // paragraph shaped once per direction run; widths of logical ranges for
  // line breaking are sums of these.
  std::vector<float> prefix(static_cast<std::size_t>(len) + 1, 0.f);
  {
    std::vector<ShapedGlyph> shaped;
    if (para) {
      for (int32_t pos = 0; pos < len;) {
        int32_t limit = len;
        UBiDiLevel level = 0;
        ubidi_getLogicalRun(para.get(), pos, &limit, &level);
        if (limit <= pos) limit = len;
        shaper.shape(view, pos, limit, (level & 1) != 0, shaped);
        pos = limit;
      }
    } else {
      shaper.shape(view, 0, len, false, shaped);
    }
    for (const auto& g : shaped)
      if (g.cluster >= 0 && g.cluster < len) prefix[static_cast<std::size_t>(g.cluster) + 1] += g.advance;
    for (int32_t i = 0; i < len; ++i) prefix[static_cast<std::size_t>(i) + 1] += prefix[static_cast<std::size_t>(i)];
  }
  auto width_of = [&](int32_t a, int32_t b) {
    return prefix[static_cast<std::size_t>(b)] - prefix[static_cast<std::size_t>(a)];
  };

  // Line ranges in logical order.
  std::vector<std::pair<int32_t, int32_t>> ranges;
  std::vector<bool> broken;  // per range: it ends inside a word (see Line::breaks_word)
  auto trim_end = [&](int32_t a, int32_t b) {
    while (b > a && u_isWhitespace(text.char32At(b - 1))) --b;
    return b;
  };
  if (max_width <= 0 || len == 0 || width_of(0, len) <= max_width) {
    ranges.emplace_back(0, trim_end(0, len));
  } else {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::BreakIterator> bi(icu::BreakIterator::createLineInstance(locale, status));
    if (U_FAILURE(status)) {
      ranges.emplace_back(0, len);
    } else {
      bi->setText(text);
      int32_t line_start = 0, last_fit = -1;
      for (int32_t pos = bi->next(); pos != icu::BreakIterator::DONE; pos = bi->next()) {
        if (width_of(line_start, trim_end(line_start, pos)) <= max_width) {
          last_fit = pos;
          continue;
        }
        if (last_fit > line_start) {
          ranges.emplace_back(line_start, trim_end(line_start, last_fit));
          line_start = last_fit;
          if (width_of(line_start, trim_end(line_start, pos)) <= max_width) {
            last_fit = pos;
            continue;
          }
        }
        // A single segment wider than the line: break between code points.
        int32_t a = line_start;
        while (a < pos) {
          int32_t b = text.moveIndex32(a, 1);
          while (b < pos && width_of(a, trim_end(a, text.moveIndex32(b, 1))) <= max_width) b = text.moveIndex32(b, 1);
          if (b >= pos) break;
          ranges.emplace_back(a, b);
          broken.resize(ranges.size(), false);
          broken.back() = true;
          a = b;
          while (a < pos && u_isWhitespace(text.char32At(a))) a = text.moveIndex32(a, 1);
        }
        line_start = a;
        last_fit = pos;
      }
      if (line_start < len) ranges.emplace_back(line_start, trim_end(line_start, len));
    }
  }

  broken.resize(ranges.size(), false);
  std::vector<ShapedGlyph> shaped;
  for (std::size_t i = 0; i < ranges.size(); ++i) {
    const auto [a, b] = ranges[i];
    Line l;
    l.breaks_word = broken[i];
    shaped.clear();
    BidiPtr line;
    if (para && b > a) {
      UErrorCode status = U_ZERO_ERROR;
      line.reset(ubidi_openSized(b - a, 0, &status));
      ubidi_setLine(para.get(), a, b, line.get(), &status);
      if (U_FAILURE(status)) line.reset();
    }
    if (line) {
      l.visual = reorder_line(line.get(), text, a, b);
      UErrorCode status = U_ZERO_ERROR;
      const int32_t runs = ubidi_countRuns(line.get(), &status);
      for (int32_t r = 0; U_SUCCESS(status) && r < runs; ++r) {
        int32_t run_start = 0, run_len = 0;
        const UBiDiDirection dir = ubidi_getVisualRun(line.get(), r, &run_start, &run_len);
        shaper.shape(view, a + run_start, a + run_start + run_len, dir == UBIDI_RTL, shaped);
      }
    } else {
      l.visual = to_utf8(text, a, b);
      shaper.shape(view, a, b, false, shaped);
    }
    l.width = place(shaped, l.glyphs);
    out.push_back(std::move(l));
  }
}

}  // namespace

bool has_rtl(std::string_view utf8) {
  for (char32_t c : code_points(utf8)) {
    auto d = u_charDirection(static_cast<UChar32>(c));
    if (d == U_RIGHT_TO_LEFT || d == U_RIGHT_TO_LEFT_ARABIC) return true;
  }
  return false;
}

std::vector<Line> layout_text(std::string_view logical, Direction base, float max_width, RunShaper& shaper,
                              const std::string& icu_locale) {
  std::vector<Line> out;
  const bool rtl_content = has_rtl(logical);
  const icu::Locale locale(icu_locale.empty() ? "en" : icu_locale.c_str());
  size_t start = 0;
  while (true) {
    size_t nl = logical.find('\n', start);
    auto para = logical.substr(start, nl == std::string_view::npos ? std::string_view::npos : nl - start);
    layout_paragraph(icu::UnicodeString::fromUTF8(icu::StringPiece(para.data(), static_cast<int32_t>(para.size()))),
                     base, max_width, shaper, locale, rtl_content, out);
    if (nl == std::string_view::npos) break;
    start = nl + 1;
  }
  return out;
}

const std::vector<Line>& TextLayoutCache::get(std::string_view logical, Direction base, float max_width,
                                              unsigned font_key, RunShaper& shaper, const std::string& icu_locale) {
  const float width = max_width <= 0 ? 0.f : max_width;
  const std::size_t h = std::hash<std::string_view>{}(logical) ^
                        (static_cast<std::size_t>(font_key) * 0x9E3779B97F4A7C15ull) ^
                        (std::hash<float>{}(width) << 1) ^ static_cast<std::size_t>(base);
  auto& bucket = buckets_[h];
  for (auto& e : bucket)
    if (e.base == base && e.width == width && e.font_key == font_key && e.text == logical) return e.lines;
  if (count_ >= 8192) clear();
  auto& b2 = buckets_[h];
  b2.push_back({std::string(logical), base, width, font_key, layout_text(logical, base, width, shaper, icu_locale)});
  ++count_;
  return b2.back().lines;
}

void TextLayoutCache::clear() {
  auto zero = [](std::string& s) { core::secure_clear(s); };
  for (auto& [h, bucket] : buckets_) {
    for (auto& e : bucket) {
      zero(e.text);
      for (auto& l : e.lines) {
        zero(l.visual);
        // Glyph ids spell the text as well.
        if (!l.glyphs.empty()) core::secure_zero(l.glyphs.data(), l.glyphs.size() * sizeof(Glyph));
      }
    }
  }
  buckets_.clear();
  count_ = 0;
}

}  // namespace wk::text
