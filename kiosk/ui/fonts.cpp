// Atlas construction with ImGuiFreeType over memory-mapped font files.
#include "kiosk/ui/fonts.hpp"

#include <fcntl.h>
#include <imgui.h>
#include <imgui_freetype.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unicode/uchar.h>
#include <unistd.h>

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <stdexcept>

#include "kiosk/core/log.hpp"

namespace wk::ui {

struct Fonts::Mapped {
  std::string path;
  void* data = nullptr;
  size_t size = 0;
  ~Mapped() {
    if (data) munmap(data, size);
  }
};

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

const Fonts::Mapped& Fonts::map(const std::string& path) {
  for (const auto& m : files_)
    if (m->path == path) return *m;
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) throw std::runtime_error("font " + path + ": " + std::strerror(errno));
  struct stat st {};
  if (fstat(fd, &st) != 0 || st.st_size <= 0) {
    ::close(fd);
    throw std::runtime_error("font " + path + ": empty or unreadable");
  }
  void* p = mmap(nullptr, static_cast<size_t>(st.st_size), PROT_READ, MAP_PRIVATE, fd, 0);
  ::close(fd);
  if (p == MAP_FAILED) throw std::runtime_error("font " + path + ": " + std::strerror(errno));
  auto m = std::make_unique<Mapped>();
  m->path = path;
  m->data = p;
  m->size = static_cast<size_t>(st.st_size);
  files_.push_back(std::move(m));
  return *files_.back();
}

void Fonts::build(ImFontAtlas& atlas, const text::LanguageTable& table, const std::vector<std::string>& enabled,
                  const text::GlyphSet& glyphs, float em, const text::GlyphSet* typing) {
  // Fonts in merge order: the Latin font of the first language first, so Latin
  // and Cyrillic come from it even though the CJK font has them too.
  std::vector<const text::FontSpec*> order;
  auto add = [&](const std::string& id) {
    const auto it = table.fonts().find(id);
    if (it == table.fonts().end()) return;
    for (const auto* f : order)
      if (f == &it->second) return;
    order.push_back(&it->second);
  };
  if (table.fonts().count("latin")) add("latin");
  for (const auto& code : enabled)
    if (const auto* l = table.find(code))
      for (const auto& f : l->fonts) add(f);

  ranges_ = glyphs.ranges();
  typing_ranges_ = typing ? typing->ranges() : ranges_;
  static_assert(sizeof(ImWchar) == sizeof(std::uint16_t), "ImGui built with 16-bit ImWchar expected");

  atlas.Clear();
  atlas.FontBuilderIO = ImGuiFreeType::GetBuilderForFreeType();
  atlas.FontBuilderFlags = ImGuiFreeTypeBuilderFlags_LightHinting;
  atlas.Flags |= ImFontAtlasFlags_NoMouseCursors;
  for (int r = 0; r < static_cast<int>(FontRole::count); ++r) {
    const auto role = static_cast<FontRole>(r);
    const bool bold = role == FontRole::title || role == FontRole::hero;
    const auto& ranges = bold ? ranges_ : typing_ranges_;
    const float px = std::round(em * font_em(role));
    sizes_[r] = px;
    ImFont* font = nullptr;
    for (size_t i = 0; i < order.size(); ++i) {
      const auto* spec = order[i];
      const std::string path = (bold && !spec->bold_file.empty() ? spec->bold_file : spec->file).string();
      const Mapped& m = map(path);
      ImFontConfig cfg;
      // ImGui copies font data it does not own (19 MB per CJK face and size).
      // Hand it the mapping as "owned" so nothing is copied, then take the
      // ownership back below so ImGui never frees our mapping.
      cfg.FontDataOwnedByAtlas = true;
      cfg.MergeMode = i > 0;
      cfg.FontNo = spec->face_index;
      cfg.OversampleH = cfg.OversampleV = 1;
      cfg.PixelSnapH = true;
      std::snprintf(cfg.Name, sizeof(cfg.Name), "%s-%d", spec->id.c_str(), static_cast<int>(px));
      ImFont* f = atlas.AddFontFromMemoryTTF(m.data, static_cast<int>(m.size), px * spec->scale, &cfg,
                                             reinterpret_cast<const ImWchar*>(ranges.data()));
      atlas.ConfigData.back().FontDataOwnedByAtlas = false;
      if (!font) font = f;
    }
    fonts_[r] = font;
  }
  if (!atlas.Build()) throw std::runtime_error("font atlas could not be built");
  // ImGui positions glyphs without OpenType mark placement: nonspacing marks
  // (Arabic harakat, combining accents) get zero advance so widths are right;
  // widgets.cpp centres them over their base glyph when drawing.
  for (ImFont* font : atlas.Fonts) {
    bool changed = false;
    for (ImFontGlyph& g : font->Glyphs) {
      if (u_charType(static_cast<UChar32>(g.Codepoint)) != U_NON_SPACING_MARK || g.AdvanceX <= 0) continue;
      g.AdvanceX = 0;
      changed = true;
    }
    if (changed) font->BuildLookupTable();
  }
  ++generation_;
  core::log::info("fonts", "atlas " + std::to_string(atlas.TexWidth) + "x" + std::to_string(atlas.TexHeight) + " for " +
                               std::to_string(typing ? typing->size() : glyphs.size()) + " code points, " +
                               std::to_string(order.size()) + " fonts, em " + std::to_string(static_cast<int>(em)) +
                               " px");
}

}  // namespace wk::ui
