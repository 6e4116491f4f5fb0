// Glyph rasterising (FreeType), shelf packing and texture upload.
#include "kiosk/ui/glyph_atlas.hpp"

#include <ft2build.h>
#include FT_FREETYPE_H
#include <GL/gl.h>
#include <GL/glext.h>
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <stdexcept>

#include "kiosk/core/log.hpp"

namespace wk::ui {
namespace {

constexpr int kMaxHeight = 4096;
// Rows to start with: the welcome screen's prompt meets every enabled script within its first
// minutes, and growing the texture then costs a copy, a new texture and one whole frame on an
// idle terminal. Rows are uploaded only as far as glyphs fill them, so a taller start costs no
// upload.
constexpr int kStartHeight = 1024;
// Free rows below which a frame starts with a taller texture: a screen's worth of new glyphs fits.
constexpr int kHeadroomRows = 384;
constexpr int kPad = 1;  // empty pixels around each glyph (linear filtering never bleeds)

// Texture swizzles are core from OpenGL 3.3 (Mesa reports its compatibility
// version, 4.x on current drivers).
bool has_swizzle() {
  int major = 0, minor = 0;
  const auto* version = reinterpret_cast<const char*>(glGetString(GL_VERSION));
  return version && std::sscanf(version, "%d.%d", &major, &minor) == 2 && (major > 3 || (major == 3 && minor >= 3));
}

}  // namespace

struct GlyphAtlas::Ft {
  FT_Library lib = nullptr;
  struct Face {
    FT_Face face = nullptr;
    FT_F26Dot6 size = 0;  // the char size last set
  };
  std::vector<Face> faces;
  ~Ft() {
    for (auto& f : faces)
      if (f.face) FT_Done_Face(f.face);
    if (lib) FT_Done_FreeType(lib);
  }
};

GlyphAtlas::GlyphAtlas(const text::FontFaces& faces) : faces_(faces), ft_(std::make_unique<Ft>()) {
  if (FT_Init_FreeType(&ft_->lib) != 0) throw std::runtime_error("FreeType could not be initialised");
  reset_pixels(kStartHeight);
}

GlyphAtlas::~GlyphAtlas() = default;

void GlyphAtlas::reset_pixels(int height) {
  ++generation_;
  height_ = height;
  pixels_.assign(static_cast<std::size_t>(width_) * static_cast<std::size_t>(height_), 0);
  // ImGui's white pixel: a 3x3 block at the origin, sampled at its centre.
  for (int y = 0; y < 3; ++y)
    for (int x = 0; x < 3; ++x) pixels_[static_cast<std::size_t>(y * width_ + x)] = 255;
  shelves_.clear();
  slots_.clear();
  next_y_ = 3 + kPad;
  dirty_y0_ = 0;
  dirty_y1_ = next_y_;  // rows below hold no glyph yet, so nothing samples them
}

void GlyphAtlas::clear() {
  const int h = height_;
  reset_pixels(h);
}

bool GlyphAtlas::place(int w, int h, int& x, int& y) {
  if (w + kPad > width_) return false;
  // The lowest shelf that is tall enough but not much taller.
  Shelf* best = nullptr;
  for (auto& s : shelves_)
    if (s.h >= h && s.h <= h + h / 4 + 2 && s.x + w + kPad <= width_ && (!best || s.h < best->h)) best = &s;
  if (!best) {
    const int sh = h + h / 8 + 1;
    if (next_y_ + sh + kPad > height_) return false;
    shelves_.push_back({next_y_, sh, 0});
    next_y_ += sh + kPad;
    best = &shelves_.back();
  }
  x = best->x + kPad;
  y = best->y;
  best->x += w + kPad;
  return true;
}

const GlyphAtlas::Slot* GlyphAtlas::get(text::FaceId face, float px, std::uint32_t id) {
  const auto px64 = static_cast<std::uint64_t>(std::clamp(std::lround(px * 64.f), 64L, 65535L));
  const std::uint64_t key = (static_cast<std::uint64_t>(face) << 48) | (px64 << 32) | id;
  if (const auto it = slots_.find(key); it != slots_.end()) return it->second.w ? &it->second : nullptr;
  if (overflow_) return nullptr;

  if (ft_->faces.size() <= face) ft_->faces.resize(face + 1u);
  auto& f = ft_->faces[face];
  if (!f.face) {
    const text::FontFace& src = faces_.get(face);
    if (FT_New_Memory_Face(ft_->lib, src.data, static_cast<FT_Long>(src.size), src.index, &f.face) != 0) {
      f.face = nullptr;
      core::log::warn("fonts", "FreeType cannot read " + src.path);
      slots_.emplace(key, Slot{});
      return nullptr;
    }
  }
  if (f.size != static_cast<FT_F26Dot6>(px64)) {
    FT_Set_Char_Size(f.face, 0, static_cast<FT_F26Dot6>(px64), 72, 72);
    f.size = static_cast<FT_F26Dot6>(px64);
  }
  Slot slot;
  if (FT_Load_Glyph(f.face, id, FT_LOAD_TARGET_LIGHT) == 0 &&
      FT_Render_Glyph(f.face->glyph, FT_RENDER_MODE_LIGHT) == 0) {
    const FT_Bitmap& bm = f.face->glyph->bitmap;
    const int w = static_cast<int>(bm.width), h = static_cast<int>(bm.rows);
    if (w > 0 && h > 0 && bm.pixel_mode == FT_PIXEL_MODE_GRAY) {
      int x = 0, y = 0;
      if (!place(w, h, x, y)) {
        overflow_ = true;
        return nullptr;
      }
      for (int r = 0; r < h; ++r)
        std::memcpy(&pixels_[static_cast<std::size_t>((y + r) * width_ + x)], bm.buffer + r * bm.pitch,
                    static_cast<std::size_t>(w));
      dirty_y0_ = std::min(dirty_y0_, y);
      dirty_y1_ = std::max(dirty_y1_, y + h);
      slot = {static_cast<std::int16_t>(f.face->glyph->bitmap_left),
              static_cast<std::int16_t>(f.face->glyph->bitmap_top),
              static_cast<std::uint16_t>(x),
              static_cast<std::uint16_t>(y),
              static_cast<std::uint16_t>(w),
              static_cast<std::uint16_t>(h)};
      rasterised_ += static_cast<std::size_t>(w) * static_cast<std::size_t>(h);
    }
  }
  auto [it, _] = slots_.emplace(key, slot);
  return it->second.w ? &it->second : nullptr;
}

void GlyphAtlas::begin_frame() {
  const bool low = height_ - next_y_ < kHeadroomRows;
  if (!overflow_ && !low) return;
  if (height_ < kMaxHeight) {
    // Taller: the rows so far stay where they are, and with them every slot.
    const int old = height_;
    height_ = std::min(kMaxHeight, height_ * 2);
    ++generation_;
    pixels_.resize(static_cast<std::size_t>(width_) * static_cast<std::size_t>(height_), 0);
    dirty_y0_ = 0;
    dirty_y1_ = next_y_;
    core::log::info("fonts", "glyph atlas grown from " + std::to_string(old) + " to " + std::to_string(height_) +
                                 " rows (" + std::to_string(slots_.size()) + " glyphs)");
  } else if (overflow_) {
    core::log::info("fonts", "glyph atlas full with " + std::to_string(slots_.size()) + " glyphs: emptied");
    clear();
  }
  overflowed_ = overflowed_ || overflow_;
  overflow_ = false;
}

bool GlyphAtlas::take_overflow() {
  const bool o = overflowed_ || overflow_;
  overflowed_ = false;
  return o;
}

void GlyphAtlas::release_texture() {
  if (texture_ == 0) return;
  const GLuint id = texture_;
  glDeleteTextures(1, &id);
  texture_ = 0;
}

void GlyphAtlas::upload(ImFontAtlas& imgui) {
  GLint last = 0;
  glGetIntegerv(GL_TEXTURE_BINDING_2D, &last);
  static const bool swizzle = has_swizzle();
  if (texture_ == 0 || texture_height_ != height_) {
    release_texture();
    GLuint id = 0;
    glGenTextures(1, &id);
    texture_ = id;
    glBindTexture(GL_TEXTURE_2D, id);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
    if (swizzle) {
      glTexImage2D(GL_TEXTURE_2D, 0, GL_R8, width_, height_, 0, GL_RED, GL_UNSIGNED_BYTE, nullptr);
      const GLint s[4] = {GL_ONE, GL_ONE, GL_ONE, GL_RED};
      glTexParameteriv(GL_TEXTURE_2D, GL_TEXTURE_SWIZZLE_RGBA, s);
    } else {
      glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA, width_, height_, 0, GL_RGBA, GL_UNSIGNED_BYTE, nullptr);
    }
    texture_height_ = height_;
    // A new texture: every row that holds glyphs (the rows below are never sampled).
    dirty_y0_ = 0;
    dirty_y1_ = std::max(dirty_y1_, std::min(next_y_, height_));
  } else {
    glBindTexture(GL_TEXTURE_2D, texture_);
  }
  if (dirty_y1_ > dirty_y0_) {
    glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
    glPixelStorei(GL_UNPACK_ROW_LENGTH, 0);
    const unsigned char* rows = &pixels_[static_cast<std::size_t>(dirty_y0_) * static_cast<std::size_t>(width_)];
    const int n = dirty_y1_ - dirty_y0_;
    if (swizzle) {
      glTexSubImage2D(GL_TEXTURE_2D, 0, 0, dirty_y0_, width_, n, GL_RED, GL_UNSIGNED_BYTE, rows);
    } else {
      std::vector<unsigned char> rgba(static_cast<std::size_t>(width_) * static_cast<std::size_t>(n) * 4, 255);
      for (std::size_t i = 0; i < static_cast<std::size_t>(width_) * static_cast<std::size_t>(n); ++i)
        rgba[i * 4 + 3] = rows[i];
      glTexSubImage2D(GL_TEXTURE_2D, 0, 0, dirty_y0_, width_, n, GL_RGBA, GL_UNSIGNED_BYTE, rgba.data());
    }
    dirty_y0_ = height_;
    dirty_y1_ = 0;
  }
  glBindTexture(GL_TEXTURE_2D, static_cast<GLuint>(last));
  imgui.SetTexID(reinterpret_cast<ImTextureID>(static_cast<std::intptr_t>(texture_)));
  imgui.TexUvWhitePixel = {1.5f * inv_width(), 1.5f * inv_height()};
}

}  // namespace wk::ui
