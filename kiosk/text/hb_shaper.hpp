// Shaping with HarfBuzz over a chain of font faces: each character is shaped
// with the first face of the chain that has it (spaces, punctuation, marks and
// joiners stay with the face of the text around them), so Arabic-script
// joining, ligatures and GPOS mark positions come from the font that draws
// them.
#pragma once

#include <string>
#include <vector>

#include "kiosk/text/font_faces.hpp"
#include "kiosk/text/run_shaper.hpp"

struct hb_font_t;
struct hb_buffer_t;

namespace wk::text {

class HbShaper final : public RunShaper {
 public:
  // `chain` in fallback order (FontFaces::chain), `px` the Latin font's size
  // in pixels (a line height: see FontFace::em_per_size), `language` a BCP 47
  // tag for language-specific forms ("" for none).
  HbShaper(const FontFaces& faces, std::vector<FaceId> chain, float px, const std::string& language);
  ~HbShaper() override;
  HbShaper(const HbShaper&) = delete;
  HbShaper& operator=(const HbShaper&) = delete;

  void shape(std::u16string_view text, std::int32_t start, std::int32_t end, bool rtl,
             std::vector<ShapedGlyph>& out) override;
  float ascent() const override { return ascent_; }
  // Pixels per em a face of the chain is drawn at (see FontFace::em_per_size).
  float face_px(FaceId face) const;

 private:
  struct Font {
    FaceId face;
    float px;
    hb_font_t* hb;
  };
  // Index into fonts_ of the face that shows `cp` after a character shown by `current` (-1: none yet).
  int pick(char32_t cp, int current) const;

  std::vector<Font> fonts_;
  std::string language_;
  hb_buffer_t* buffer_ = nullptr;
  float ascent_ = 0;
};

}  // namespace wk::text
