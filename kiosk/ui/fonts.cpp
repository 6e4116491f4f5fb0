// Font faces, shapers per role and language, and the glyph atlas.
#include "kiosk/ui/fonts.hpp"

#include <cmath>

#include "kiosk/core/log.hpp"

namespace wk::ui {

float font_em(FontRole role) {
  switch (role) {
    case FontRole::body:
      return 1.0f;
    case FontRole::label:
      return 1.3f;
    case FontRole::title:
      return 1.6f;
    case FontRole::hero:
      return 2.2f;
    default:
      return 1.0f;
  }
}

Fonts::Fonts() = default;
Fonts::~Fonts() = default;

void Fonts::configure(const text::LanguageTable& table, const std::vector<std::string>& enabled, float em) {
  // Faces stay mapped while the table and languages do; sizes change often (the screen, staff's text size).
  if (!faces_ || table_ != &table || enabled_ != enabled) {
    auto faces = std::make_unique<text::FontFaces>(table);
    auto regular = faces->chain(enabled, false);
    auto bold = faces->chain(enabled, true);
    shapers_.clear();
    atlas_.reset();
    faces_ = std::move(faces);
    regular_ = std::move(regular);
    bold_ = std::move(bold);
    table_ = &table;
    enabled_ = enabled;
    atlas_ = std::make_unique<GlyphAtlas>(*faces_);
  } else {
    shapers_.clear();
    atlas_->clear();
  }
  for (int r = 0; r < static_cast<int>(FontRole::count); ++r)
    sizes_[r] = std::round(em * font_em(static_cast<FontRole>(r)));
  ++generation_;
  core::log::info("fonts", std::to_string(regular_.size()) + " font faces for " + std::to_string(enabled.size()) +
                               " languages, em " + std::to_string(static_cast<int>(em)) + " px");
}

unsigned Fonts::key(FontRole role, const text::Language& language) {
  auto [it, added] = language_ids_.emplace(language.code, static_cast<unsigned>(language_ids_.size()));
  return (generation_ * 256u + it->second) * 8u + static_cast<unsigned>(role);
}

text::HbShaper& Fonts::shaper(FontRole role, const text::Language& language) {
  const unsigned k = key(role, language);
  auto& s = shapers_[k];
  if (!s) {
    const bool bold = role == FontRole::title || role == FontRole::hero;
    s = std::make_unique<text::HbShaper>(*faces_, bold ? bold_ : regular_, size(role), language.code);
  }
  return *s;
}

}  // namespace wk::ui
