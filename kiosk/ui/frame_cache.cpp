// Draw-data comparison and the offscreen framebuffer (see frame_cache.hpp).
#define GL_GLEXT_PROTOTYPES 1
#include "kiosk/ui/frame_cache.hpp"

#include "kiosk/ui/window_sub_copy.hpp"

#include <GL/gl.h>
#include <GL/glext.h>
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>

namespace wk::ui {
namespace {

constexpr std::size_t kVertexFloats = 5;
constexpr std::size_t kCmdFloats = 5;

// A frame whose changed part is more than this share of the screen is drawn whole.
constexpr float kMostOfTheScreen = 0.5f;

void flatten(const ImDrawList& l, std::vector<float>& vtx, std::vector<float>& cmds) {
  vtx.resize(static_cast<std::size_t>(l.VtxBuffer.Size) * kVertexFloats);
  for (int i = 0; i < l.VtxBuffer.Size; ++i) {
    const ImDrawVert& v = l.VtxBuffer[i];
    float* o = &vtx[static_cast<std::size_t>(i) * kVertexFloats];
    o[0] = v.pos.x;
    o[1] = v.pos.y;
    o[2] = v.uv.x;
    o[3] = v.uv.y;
    std::memcpy(&o[4], &v.col, sizeof(float));  // compared bit for bit only
  }
  cmds.clear();
  for (const ImDrawCmd& c : l.CmdBuffer) {
    if (c.UserCallback) continue;
    float tex = 0;
    const auto id = reinterpret_cast<std::uintptr_t>(c.TextureId);
    const auto low = static_cast<std::uint32_t>(id);
    std::memcpy(&tex, &low, sizeof tex);
    cmds.insert(cmds.end(), {c.ClipRect.x, c.ClipRect.y, c.ClipRect.z, c.ClipRect.w, tex});
  }
}

bool same_vertex(const float* a, const float* b) {
  return std::memcmp(a, b, kVertexFloats * sizeof(float)) == 0;
}

}  // namespace

FrameCache::Region FrameCache::compare(const ImDrawData& data, int fb_w, int fb_h, unsigned atlas_generation) {
  Region r;
  std::vector<List> now(static_cast<std::size_t>(data.CmdListsCount));
  for (int i = 0; i < data.CmdListsCount; ++i) {
    flatten(*data.CmdLists[i], now[static_cast<std::size_t>(i)].vtx, now[static_cast<std::size_t>(i)].cmds);
    now[static_cast<std::size_t>(i)].idx = static_cast<std::size_t>(data.CmdLists[i]->IdxBuffer.Size);
  }
  const bool comparable = valid_ && fb_w == fb_w_ && fb_h == fb_h_ && atlas_generation == atlas_generation_ &&
                          now.size() == last_.size() && data.DisplayPos.x == 0 && data.DisplayPos.y == 0 &&
                          data.FramebufferScale.x == 1 && data.FramebufferScale.y == 1;
  if (comparable) {
    float x0 = 1e30f, y0 = 1e30f, x1 = -1e30f, y1 = -1e30f;
    auto grow = [&](float ax, float ay, float bx, float by) {
      x0 = std::min(x0, ax);
      y0 = std::min(y0, ay);
      x1 = std::max(x1, bx);
      y1 = std::max(y1, by);
    };
    auto grow_vertices = [&](const std::vector<float>& v, std::size_t from, std::size_t to) {
      for (std::size_t i = from; i < to; ++i) {
        const float x = v[i * kVertexFloats], y = v[i * kVertexFloats + 1];
        grow(x, y, x, y);
      }
    };
    bool whole = false;
    for (std::size_t l = 0; l < now.size() && !whole; ++l) {
      const List& a = last_[l];
      const List& b = now[l];
      if (a.cmds.size() != b.cmds.size()) {
        whole = true;
        break;
      }
      for (std::size_t c = 0; c < a.cmds.size(); c += kCmdFloats) {
        if (std::memcmp(&a.cmds[c], &b.cmds[c], kCmdFloats * sizeof(float)) == 0) continue;
        if (a.cmds[c + 4] != b.cmds[c + 4]) whole = true;  // another texture
        grow(a.cmds[c], a.cmds[c + 1], a.cmds[c + 2], a.cmds[c + 3]);
        grow(b.cmds[c], b.cmds[c + 1], b.cmds[c + 2], b.cmds[c + 3]);
      }
      // Vertices: the common beginning and end; what lies between changed. ImGui writes each
      // shape's vertices together and its triangles index only those, so every triangle that
      // changed has its vertices in the changed ranges.
      const std::size_t n = a.vtx.size() / kVertexFloats, m = b.vtx.size() / kVertexFloats;
      std::size_t p = 0;
      while (p < n && p < m && same_vertex(&a.vtx[p * kVertexFloats], &b.vtx[p * kVertexFloats])) ++p;
      std::size_t s = 0;
      while (s < n - p && s < m - p &&
             same_vertex(&a.vtx[(n - 1 - s) * kVertexFloats], &b.vtx[(m - 1 - s) * kVertexFloats]))
        ++s;
      if (p == n && p == m && a.idx != b.idx) whole = true;
      grow_vertices(a.vtx, p, n - s);
      grow_vertices(b.vtx, p, m - s);
    }
    if (!whole) {
      r.whole = false;
      if (x1 >= x0 && y1 >= y0) {
        // Whole pixels, with one more around for antialiased edges.
        r.x0 = std::max(0.f, std::floor(x0) - 1);
        r.y0 = std::max(0.f, std::floor(y0) - 1);
        r.x1 = std::min(static_cast<float>(fb_w), std::ceil(x1) + 1);
        r.y1 = std::min(static_cast<float>(fb_h), std::ceil(y1) + 1);
        if ((r.x1 - r.x0) * (r.y1 - r.y0) > kMostOfTheScreen * static_cast<float>(fb_w) * static_cast<float>(fb_h))
          r = Region{};
      }
    }
  }
  last_ = std::move(now);
  fb_w_ = fb_w;
  fb_h_ = fb_h;
  atlas_generation_ = atlas_generation;
  valid_ = true;
  if (!r.whole) ++partial_;
  return r;
}

void FrameCache::clip(ImDrawData& data, const Region& region) {
  if (region.whole) return;
  for (int i = 0; i < data.CmdListsCount; ++i) {
    for (ImDrawCmd& c : data.CmdLists[i]->CmdBuffer) {
      c.ClipRect.x = std::max(c.ClipRect.x, region.x0);
      c.ClipRect.y = std::max(c.ClipRect.y, region.y0);
      c.ClipRect.z = std::min(c.ClipRect.z, region.x1);
      c.ClipRect.w = std::min(c.ClipRect.w, region.y1);
    }
  }
}

void FrameCache::bind(int w, int h) {
  if (window_) {
    if (fbo_) release();
    window_w_ = w;
    window_h_ = h;
    glBindFramebuffer(GL_FRAMEBUFFER, 0);
    glDrawBuffer(GL_BACK);
    return;
  }
  if (fbo_ == 0 || w != tex_w_ || h != tex_h_) {
    release();
    GLuint tex = 0, fbo = 0;
    glGenTextures(1, &tex);
    glBindTexture(GL_TEXTURE_2D, tex);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, w, h, 0, GL_RGBA, GL_UNSIGNED_BYTE, nullptr);
    glBindTexture(GL_TEXTURE_2D, 0);
    glGenFramebuffers(1, &fbo);
    glBindFramebuffer(GL_FRAMEBUFFER, fbo);
    glFramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, tex, 0);
    texture_ = tex;
    fbo_ = fbo;
    tex_w_ = w;
    tex_h_ = h;
    valid_ = false;  // nothing kept in a new framebuffer
  }
  glBindFramebuffer(GL_FRAMEBUFFER, fbo_);
}

void FrameCache::present(const Region& region) {
  if (window_) {
    glFlush();
    if (region.whole)
      window_->copy(0, 0, static_cast<float>(window_w_), static_cast<float>(window_h_), window_w_, window_h_);
    else
      window_->copy(region.x0, region.y0, region.x1, region.y1, window_w_, window_h_);
    return;
  }
  glBindFramebuffer(GL_READ_FRAMEBUFFER, fbo_);
  glBindFramebuffer(GL_DRAW_FRAMEBUFFER, 0);
  glBlitFramebuffer(0, 0, tex_w_, tex_h_, 0, 0, tex_w_, tex_h_, GL_COLOR_BUFFER_BIT, GL_NEAREST);
  glBindFramebuffer(GL_FRAMEBUFFER, 0);
}

void FrameCache::release() {
  if (fbo_) {
    const GLuint fbo = fbo_;
    glDeleteFramebuffers(1, &fbo);
  }
  if (texture_) {
    const GLuint tex = texture_;
    glDeleteTextures(1, &tex);
  }
  fbo_ = texture_ = 0;
  tex_w_ = tex_h_ = 0;
  valid_ = false;
}

}  // namespace wk::ui
