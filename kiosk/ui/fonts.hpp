// The kiosk's fonts: Noto fonts from Debian (locales/languages.json), shaped
// with HarfBuzz per text role and language, drawn from a glyph atlas filled
// as text needs it. Font files are memory-mapped once and shared by every
// size, so enabling Chinese costs only the glyphs drawn.
#pragma once

#include <array>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "kiosk/text/font_faces.hpp"
#include "kiosk/text/hb_shaper.hpp"
#include "kiosk/text/languages.hpp"
#include "kiosk/ui/glyph_atlas.hpp"

namespace wk::ui {

enum class FontRole { body = 0, label, title, hero, count };

// Size of each role in em.
float font_em(FontRole role);

class Fonts {
 public:
  Fonts();
  ~Fonts();
  Fonts(const Fonts&) = delete;
  Fonts& operator=(const Fonts&) = delete;

  // Fonts for the `enabled` languages of `table` at `em` pixels; forgets the
  // shaped and rasterised glyphs of an earlier configuration. Throws
  // std::runtime_error naming the font file when one is missing or unreadable.
  void configure(const text::LanguageTable& table, const std::vector<std::string>& enabled, float em);

  // The shaper for text of `role` in `language` (its tag picks language-specific forms).
  text::HbShaper& shaper(FontRole role, const text::Language& language);
  // Changes whenever the shaped glyphs of (role, language) would: a text layout cache key.
  unsigned key(FontRole role, const text::Language& language);
  float size(FontRole role) const { return sizes_[static_cast<int>(role)]; }
  GlyphAtlas& atlas() { return *atlas_; }
  bool configured() const { return atlas_ != nullptr; }

 private:
  std::unique_ptr<text::FontFaces> faces_;
  std::unique_ptr<GlyphAtlas> atlas_;
  std::vector<text::FaceId> regular_, bold_;
  std::array<float, static_cast<int>(FontRole::count)> sizes_{};
  std::map<std::string, unsigned> language_ids_;
  std::map<unsigned, std::unique_ptr<text::HbShaper>> shapers_;
  const text::LanguageTable* table_ = nullptr;
  std::vector<std::string> enabled_;
  unsigned generation_ = 0;
};

}  // namespace wk::ui
