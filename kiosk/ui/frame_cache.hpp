// The last frame, kept in an offscreen framebuffer, and what changed since:
// an idle redraw (the welcome prompt's next language, a countdown's second)
// rasterises only the rectangle whose vertices changed and copies the rest
// from the kept frame. On llvmpipe, where rasterising a whole frame is most of
// its cost, that is what keeps an idle terminal's CPU low.
//
// The comparison is of ImGui's draw data itself (vertex positions, texture
// coordinates, colours, commands' clip rectangles and textures), so it holds
// for anything a screen draws. Any doubt (another screen size, other glyphs in
// the atlas, a frame that was not rasterised, a different number of draw
// lists or commands) draws the whole frame.
#pragma once

#include <cstddef>
#include <vector>

struct ImDrawData;
struct ImDrawVert;

namespace wk::ui {

class FrameCache {
 public:
  FrameCache() = default;
  FrameCache(const FrameCache&) = delete;
  FrameCache& operator=(const FrameCache&) = delete;

  struct Region {
    float x0 = 0, y0 = 0, x1 = 0, y1 = 0;
    bool whole = true;  // draw everything
    bool empty() const { return !whole && (x1 <= x0 || y1 <= y0); }
  };

  // Compares `data` with the frame kept last (`atlas_generation`: GlyphAtlas::generation(),
  // which changes when glyph pixels move) and remembers it for the next call. Pure CPU; no GL.
  Region compare(const ImDrawData& data, int fb_w, int fb_h, unsigned atlas_generation);
  // Clips every command of `data` to `region` (unless whole).
  static void clip(ImDrawData& data, const Region& region);
  // Forgets the kept frame: the next compare() says whole (a frame that was not rasterised).
  void invalidate() { valid_ = false; }

  // GL, with the context current: binds the offscreen framebuffer (made at `w` x `h`) to draw
  // into; present() copies it to the window's back buffer; release() deletes it.
  void bind(int w, int h);
  void present();
  void release();

  std::size_t partial_frames() const { return partial_; }

 private:
  struct List {
    std::vector<float> vtx;  // x, y, u, v, colour per vertex
    std::size_t idx = 0;
    std::vector<float> cmds;  // clip x0, y0, x1, y1, texture per command
  };
  std::vector<List> last_;
  int fb_w_ = 0, fb_h_ = 0;
  unsigned atlas_generation_ = 0;
  bool valid_ = false;
  std::size_t partial_ = 0;
  unsigned fbo_ = 0, texture_ = 0;
  int tex_w_ = 0, tex_h_ = 0;
};

}  // namespace wk::ui
