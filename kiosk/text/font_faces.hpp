// The font files of the languages table, memory-mapped on first use and shared
// by every size and by both shaping (HarfBuzz faces here) and rasterising
// (FreeType in kiosk/ui/glyph_atlas.hpp). A face id names one file and face
// index; it stays valid as long as the FontFaces lives.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "kiosk/text/languages.hpp"

struct hb_face_t;

namespace wk::text {

using FaceId = std::uint16_t;

struct FontFace {
  std::string path;
  int index = 0;       // face inside a collection
  float scale = 1.0f;  // optical size relative to the Latin font (FontSpec::scale)
  // Em per pixel of "size": a face of size px is drawn with an em of px * scale * em_per_size,
  // so that its ascender-to-descender height (hhea) is px * scale. Sizes are line heights, not
  // ems, so faces with tall scripts do not crowd the lines.
  float em_per_size = 1.0f;
  const unsigned char* data = nullptr;
  std::size_t size = 0;
  hb_face_t* hb = nullptr;
};

class FontFaces {
 public:
  explicit FontFaces(const LanguageTable& table);
  ~FontFaces();
  FontFaces(const FontFaces&) = delete;
  FontFaces& operator=(const FontFaces&) = delete;

  // The face of font `font_id` of the table, bold where the font has a bold
  // file. Throws std::runtime_error naming the file when it cannot be read or
  // the id is unknown.
  FaceId face(const std::string& font_id, bool bold);
  const FontFace& get(FaceId id) const;
  std::size_t count() const { return faces_.size(); }

  // Faces for text in the enabled languages, in fallback order: the Latin
  // font first, then each language's fonts in table order, no repeats.
  std::vector<FaceId> chain(const std::vector<std::string>& enabled, bool bold);

 private:
  struct Owned;
  const LanguageTable& table_;
  std::vector<std::unique_ptr<Owned>> faces_;
};

}  // namespace wk::text
