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

class WindowSubCopy;

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

  // Keeps the frame in the window's back buffer itself, which is then never swapped: present()
  // copies only the region drawn to the window (a software renderer; see window_sub_copy.hpp).
  void keep_in_window(const WindowSubCopy* window) { window_ = window; }
  // Whether present() puts the frame on the screen itself (no swap wanted).
  bool presents_itself() const { return window_ != nullptr; }

  // GL, with the context current: binds the framebuffer that keeps the frame (an offscreen one
  // made at `w` x `h`, or the window's back buffer) to draw into; present() puts `region` of it
  // on the screen (offscreen: copies it all to the window's back buffer, for the swap);
  // release() deletes the offscreen one.
  void bind(int w, int h);
  void present(const Region& region);
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
  const WindowSubCopy* window_ = nullptr;
  int window_w_ = 0, window_h_ = 0;
  unsigned fbo_ = 0, texture_ = 0;
  int tex_w_ = 0, tex_h_ = 0;
};

}  // namespace wk::ui
