// Rasterised glyphs, by font face, size and glyph id (what HarfBuzz picks), in
// one single-channel texture filled as drawn text needs them. The texture is
// also ImGui's atlas texture: it holds ImGui's white pixel, so shapes and text
// share one texture and one draw call. Rasterising uses FreeType over the
// FontFaces' mappings; uploads are GL_R8 swizzled to (1, 1, 1, coverage),
// falling back to RGBA where texture swizzles are missing (GL < 3.3).
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <unordered_map>
#include <vector>

#include "kiosk/text/font_faces.hpp"

struct ImFontAtlas;

namespace wk::ui {

class GlyphAtlas {
 public:
  struct Slot {
    std::int16_t left = 0, top = 0;  // bitmap origin relative to the pen on the baseline (top upwards)
    std::uint16_t x = 0, y = 0;      // in the texture, pixels
    std::uint16_t w = 0, h = 0;      // 0: nothing to draw (a space)
  };

  explicit GlyphAtlas(const text::FontFaces& faces);
  ~GlyphAtlas();
  GlyphAtlas(const GlyphAtlas&) = delete;
  GlyphAtlas& operator=(const GlyphAtlas&) = delete;

  // The slot of glyph `id` of `face` at `px` pixels per em, rasterised on first
  // use; nullptr when it has no pixels or the atlas is full for this frame.
  const Slot* get(text::FaceId face, float px, std::uint32_t id);

  // Before a frame: makes room (a taller texture, or an empty one at the
  // largest size) when less than a screenful is left or the last frame did not
  // fit. No GL needed.
  void begin_frame();
  // True once after a frame in which a glyph did not fit: draw another.
  bool take_overflow();
  // Forgets every glyph (new sizes or fonts); the texture keeps its size.
  void clear();

  // With the GL context current: uploads what changed since the last upload
  // and points `imgui`'s texture id and white pixel at this texture.
  void upload(ImFontAtlas& imgui);
  // Deletes the GL texture (before the context goes).
  void release_texture();

  float inv_width() const { return 1.0f / static_cast<float>(width_); }
  float inv_height() const { return 1.0f / static_cast<float>(height_); }
  int width() const { return width_; }
  int height() const { return height_; }
  std::size_t glyphs() const { return slots_.size(); }
  // Changes whenever glyphs may have moved in the texture (emptied, grown).
  unsigned generation() const { return generation_; }
  // Pixels rasterised since construction (the cost of first use).
  std::size_t rasterised() const { return rasterised_; }

 private:
  struct Ft;
  struct Shelf {
    int y, h, x;
  };
  bool place(int w, int h, int& x, int& y);
  void reset_pixels(int height);

  const text::FontFaces& faces_;
  std::unique_ptr<Ft> ft_;
  std::unordered_map<std::uint64_t, Slot> slots_;
  std::vector<unsigned char> pixels_;
  std::vector<Shelf> shelves_;
  int width_ = 2048, height_ = 0, next_y_ = 0;
  int dirty_y0_ = 0, dirty_y1_ = 0;  // rows changed since the last upload
  bool overflow_ = false, overflowed_ = false;
  unsigned texture_ = 0;
  int texture_height_ = 0;  // of the GL texture; another height makes it anew
  std::size_t rasterised_ = 0;
  unsigned generation_ = 0;
};

}  // namespace wk::ui
