// Shaping and reordering with ICU: u_shapeArabic, ubidi_setPara/setLine and
// the line BreakIterator.
#include "kiosk/text/bidi.hpp"

#include "kiosk/core/secure_clear.hpp"

#include <unicode/brkiter.h>
#include <unicode/ubidi.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/ushape.h>

#include <cstring>
#include <memory>

#include "kiosk/text/isolate.hpp"
#include "kiosk/text/utf8.hpp"

namespace wk::text {
namespace {

// The UTF-8 of [start, end) without bidi format characters: they are never drawn (ImGui
// would draw its fallback glyph) and take no width.
std::string to_utf8(const icu::UnicodeString& u, int32_t start, int32_t end) {
  std::string out;
  u.tempSubStringBetween(start, end).toUTF8String(out);
  return strip_bidi_controls(out);
}

bool is_arabic_block(char32_t c) {
  return (c >= 0x0600 && c <= 0x06FF) || (c >= 0x0750 && c <= 0x077F) || (c >= 0x08A0 && c <= 0x08FF);
}

icu::UnicodeString shape(const icu::UnicodeString& in) {
  UErrorCode status = U_ZERO_ERROR;
  const int32_t cap = in.length() * 2 + 1;
  icu::UnicodeString out;
  UChar* buf = out.getBuffer(cap);
  const uint32_t opts = U_SHAPE_LETTERS_SHAPE | U_SHAPE_TEXT_DIRECTION_LOGICAL | U_SHAPE_LENGTH_GROW_SHRINK;
  int32_t n = u_shapeArabic(in.getBuffer(), in.length(), buf, cap, opts, &status);
  out.releaseBuffer(U_SUCCESS(status) ? n : 0);
  if (U_FAILURE(status)) return in;
  // u_shapeArabic turns harakat into spacing presentation forms (U+FE70..FE7F)
  // that a renderer without mark positioning draws beside the letter. Keep
  // them as combining marks so bidi leaves them on their base letter.
  for (int32_t i = 0; i < out.length(); ++i) {
    const UChar c = out.charAt(i);
    if (c >= 0xFE70 && c <= 0xFE7F && c != 0xFE73 && c != 0xFE75) {
      static constexpr UChar kMark[16] = {0x064B, 0x064B, 0x064C, 0,      0x064D, 0,      0x064E, 0x064E,
                                          0x064F, 0x064F, 0x0650, 0x0650, 0x0651, 0x0651, 0x0652, 0x0652};
      out.setCharAt(i, kMark[c - 0xFE70]);
    }
  }
  return out;
}

struct BidiCloser {
  void operator()(UBiDi* b) const { ubidi_close(b); }
};
using BidiPtr = std::unique_ptr<UBiDi, BidiCloser>;

std::string reorder_line(UBiDi* para, const icu::UnicodeString& text, int32_t start, int32_t end) {
  UErrorCode status = U_ZERO_ERROR;
  BidiPtr line(ubidi_openSized(end - start, 0, &status));
  ubidi_setLine(para, start, end, line.get(), &status);
  if (U_FAILURE(status)) return to_utf8(text, start, end);
  icu::UnicodeString out;
  const int32_t cap = (end - start) * 2 + 1;
  UChar* buf = out.getBuffer(cap);
  int32_t n = ubidi_writeReordered(
      line.get(), buf, cap, UBIDI_DO_MIRRORING | UBIDI_REMOVE_BIDI_CONTROLS | UBIDI_KEEP_BASE_COMBINING, &status);
  out.releaseBuffer(U_SUCCESS(status) ? n : 0);
  if (U_FAILURE(status)) return to_utf8(text, start, end);
  std::string s;
  out.toUTF8String(s);
  return s;
}

// Lays out one paragraph (no '\n') into `out`.
void layout_paragraph(const icu::UnicodeString& logical, Direction base, float max_width, const Measure& measure,
                      const icu::Locale& locale, bool rtl_content, std::vector<Line>& out) {
  const icu::UnicodeString text = rtl_content ? shape(logical) : logical;
  const int32_t len = text.length();

  // Line ranges in logical order.
  std::vector<std::pair<int32_t, int32_t>> ranges;
  std::vector<bool> broken;  // per range: it ends inside a word (see Line::breaks_word)
  auto width_of = [&](int32_t a, int32_t b) { return measure(to_utf8(text, a, b)); };
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

  const bool need_bidi = rtl_content || base == Direction::rtl;
  BidiPtr para;
  if (need_bidi) {
    UErrorCode status = U_ZERO_ERROR;
    para.reset(ubidi_openSized(len, 0, &status));
    ubidi_setPara(para.get(), text.getBuffer(), len, base == Direction::rtl ? 1 : 0, nullptr, &status);
    if (U_FAILURE(status)) para.reset();
  }
  broken.resize(ranges.size(), false);
  for (std::size_t i = 0; i < ranges.size(); ++i) {
    const auto [a, b] = ranges[i];
    Line l;
    l.breaks_word = broken[i];
    l.visual = para ? reorder_line(para.get(), text, a, b) : to_utf8(text, a, b);
    l.width = measure(l.visual);
    for (int32_t i = a; i < b && !l.has_marks; ++i) l.has_marks = u_charType(text.charAt(i)) == U_NON_SPACING_MARK;
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

bool needs_shaping(std::string_view utf8) {
  for (char32_t c : code_points(utf8))
    if (is_arabic_block(c)) return true;
  return false;
}

std::string shape_arabic(std::string_view logical) {
  std::string out;
  shape(icu::UnicodeString::fromUTF8(icu::StringPiece(logical.data(), static_cast<int32_t>(logical.size()))))
      .toUTF8String(out);
  return out;
}

std::vector<Line> layout_text(std::string_view logical, Direction base, float max_width, const Measure& measure,
                              const std::string& icu_locale) {
  std::vector<Line> out;
  const bool rtl_content = has_rtl(logical);
  const icu::Locale locale(icu_locale.empty() ? "en" : icu_locale.c_str());
  size_t start = 0;
  while (true) {
    size_t nl = logical.find('\n', start);
    auto para = logical.substr(start, nl == std::string_view::npos ? std::string_view::npos : nl - start);
    layout_paragraph(icu::UnicodeString::fromUTF8(icu::StringPiece(para.data(), static_cast<int32_t>(para.size()))),
                     base, max_width, measure, locale, rtl_content, out);
    if (nl == std::string_view::npos) break;
    start = nl + 1;
  }
  return out;
}

const std::vector<Line>& TextLayoutCache::get(std::string_view logical, Direction base, float max_width,
                                              unsigned font_key, const Measure& measure,
                                              const std::string& icu_locale) {
  const float width = max_width <= 0 ? 0.f : max_width;
  const std::size_t h = std::hash<std::string_view>{}(logical) ^
                        (static_cast<std::size_t>(font_key) * 0x9E3779B97F4A7C15ull) ^
                        (std::hash<float>{}(width) << 1) ^ static_cast<std::size_t>(base);
  auto& bucket = buckets_[h];
  for (auto& e : bucket)
    if (e.base == base && e.width == width && e.font_key == font_key && e.text == logical) return e.lines;
  if (count_ >= 8192) clear();
  auto& b2 = buckets_[h];
  b2.push_back({std::string(logical), base, width, font_key, layout_text(logical, base, width, measure, icu_locale)});
  ++count_;
  return b2.back().lines;
}

void TextLayoutCache::clear() {
  auto zero = [](std::string& s) { core::secure_clear(s); };
  for (auto& [h, bucket] : buckets_) {
    for (auto& e : bucket) {
      zero(e.text);
      for (auto& l : e.lines) zero(l.visual);
    }
  }
  buckets_.clear();
  count_ = 0;
}

}  // namespace wk::text
