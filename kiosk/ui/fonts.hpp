// The font atlas: Noto fonts from Debian, merged per size role with the
// FreeType builder (Latin/Cyrillic first, then Arabic, then CJK), holding
// exactly the glyphs of a GlyphSet. Font files are memory-mapped once and
// shared by every size, so enabling Chinese costs only the glyphs used.
#pragma once

#include <array>
#include <memory>
#include <string>
#include <vector>

#include "kiosk/text/glyph_set.hpp"
#include "kiosk/text/languages.hpp"

struct ImFont;
struct ImFontAtlas;

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

  // Builds `atlas` for the fonts used by `enabled` languages at `em` pixels:
  // every role holds `glyphs`; the body and label roles, which show what
  // people type and pick, hold `typing` too when given (a superset).
  // Throws std::runtime_error naming the font file when one is missing.
  void build(ImFontAtlas& atlas, const text::LanguageTable& table, const std::vector<std::string>& enabled,
             const text::GlyphSet& glyphs, float em, const text::GlyphSet* typing = nullptr);

  ImFont* get(FontRole role) const { return fonts_[static_cast<int>(role)]; }
  float size(FontRole role) const { return sizes_[static_cast<int>(role)]; }
  // Changes whenever the atlas is rebuilt; part of text layout cache keys.
  unsigned generation() const { return generation_; }

 private:
  struct Mapped;
  const Mapped& map(const std::string& path);

  std::vector<std::unique_ptr<Mapped>> files_;
  std::vector<std::uint16_t> ranges_, typing_ranges_;
  std::array<ImFont*, static_cast<int>(FontRole::count)> fonts_{};
  std::array<float, static_cast<int>(FontRole::count)> sizes_{};
  unsigned generation_ = 0;
};

}  // namespace wk::ui
