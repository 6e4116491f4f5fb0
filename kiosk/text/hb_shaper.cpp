// HarfBuzz shaping per face run (see hb_shaper.hpp).
#include "kiosk/text/hb_shaper.hpp"

#include <hb.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utf16.h>

#include <algorithm>
#include <cmath>

namespace wk::text {
namespace {

// HarfBuzz units: 1/64 pixel.
constexpr float kUnit = 64.0f;

// Characters that belong to no script of their own: they take the face of
// their neighbours when it has them.
bool follows_neighbours(char32_t cp) {
  UErrorCode status = U_ZERO_ERROR;
  const UScriptCode sc = uscript_getScript(static_cast<UChar32>(cp), &status);
  return U_FAILURE(status) || sc == USCRIPT_COMMON || sc == USCRIPT_INHERITED;
}

}  // namespace

HbShaper::HbShaper(const FontFaces& faces, std::vector<FaceId> chain, float px, const std::string& language)
    : language_(language) {
  for (FaceId id : chain) {
    const FontFace& f = faces.get(id);
    const float fpx = px * f.scale * f.em_per_size;
    hb_font_t* font = hb_font_create(f.hb);
    const int s = static_cast<int>(std::lround(fpx * kUnit));
    hb_font_set_scale(font, s, s);
    fonts_.push_back({id, fpx, font});
  }
  buffer_ = hb_buffer_create();
  if (!fonts_.empty()) {
    hb_font_extents_t ext{};
    hb_font_get_h_extents(fonts_.front().hb, &ext);
    // As FreeType rounds it up for the line's first face.
    ascent_ = std::ceil(static_cast<float>(ext.ascender) / kUnit);
  }
}

HbShaper::~HbShaper() {
  for (auto& f : fonts_) hb_font_destroy(f.hb);
  hb_buffer_destroy(buffer_);
}

float HbShaper::face_px(FaceId face) const {
  for (const auto& f : fonts_)
    if (f.face == face) return f.px;
  return fonts_.empty() ? 0.f : fonts_.front().px;
}

int HbShaper::pick(char32_t cp, int current) const {
  hb_codepoint_t gid = 0;
  if (current >= 0) {
    if (u_hasBinaryProperty(static_cast<UChar32>(cp), UCHAR_DEFAULT_IGNORABLE_CODE_POINT)) return current;
    if (follows_neighbours(cp) && hb_font_get_nominal_glyph(fonts_[current].hb, cp, &gid)) return current;
  }
  for (std::size_t i = 0; i < fonts_.size(); ++i)
    if (hb_font_get_nominal_glyph(fonts_[i].hb, cp, &gid)) return static_cast<int>(i);
  return current >= 0 ? current : 0;
}

void HbShaper::shape(std::u16string_view text, std::int32_t start, std::int32_t end, bool rtl,
                     std::vector<ShapedGlyph>& out) {
  const auto len = static_cast<std::int32_t>(text.size());
  start = std::clamp(start, 0, len);
  end = std::clamp(end, start, len);
  if (fonts_.empty() || start == end) return;

  // Face runs in logical order.
  struct Run {
    std::int32_t a, b;
    int font;
  };
  std::vector<Run> runs;
  for (std::int32_t i = start; i < end;) {
    const std::int32_t at = i;
    UChar32 cp;
    U16_NEXT(text.data(), i, end, cp);
    const int cur = runs.empty() ? -1 : runs.back().font;
    const int f = pick(static_cast<char32_t>(cp), cur);
    if (f == cur)
      runs.back().b = i;
    else
      runs.push_back({at, i, f});
  }
  if (rtl) std::reverse(runs.begin(), runs.end());  // the last logical run is drawn leftmost

  const hb_language_t lang = language_.empty() ? HB_LANGUAGE_INVALID : hb_language_from_string(language_.c_str(), -1);
  for (const Run& r : runs) {
    const Font& font = fonts_[static_cast<std::size_t>(r.font)];
    hb_buffer_clear_contents(buffer_);
    hb_buffer_add_utf16(buffer_, reinterpret_cast<const uint16_t*>(text.data()), len, static_cast<unsigned>(r.a),
                        r.b - r.a);
    hb_buffer_set_direction(buffer_, rtl ? HB_DIRECTION_RTL : HB_DIRECTION_LTR);
    if (lang != HB_LANGUAGE_INVALID) hb_buffer_set_language(buffer_, lang);
    hb_buffer_guess_segment_properties(buffer_);
    hb_shape(font.hb, buffer_, nullptr, 0);
    unsigned n = 0;
    const hb_glyph_info_t* info = hb_buffer_get_glyph_infos(buffer_, &n);
    const hb_glyph_position_t* pos = hb_buffer_get_glyph_positions(buffer_, nullptr);
    for (unsigned i = 0; i < n; ++i) {
      ShapedGlyph g;
      g.face = font.face;
      g.id = info[i].codepoint;
      g.cluster = static_cast<std::int32_t>(info[i].cluster);
      g.advance = static_cast<float>(pos[i].x_advance) / kUnit;
      g.dx = static_cast<float>(pos[i].x_offset) / kUnit;
      g.dy = -static_cast<float>(pos[i].y_offset) / kUnit;
      out.push_back(g);
    }
  }
}

}  // namespace wk::text
