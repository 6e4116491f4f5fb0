// Single-channel font texture upload.
#include "kiosk/ui/font_texture.hpp"

#include <GL/gl.h>
#include <GL/glext.h>
#include <imgui.h>

#include <cstdint>
#include <cstdio>

namespace wk::ui {
namespace {

// Texture swizzles are core from OpenGL 3.3 (Mesa reports its compatibility
// version, 4.x on current drivers).
bool has_swizzle() {
  int major = 0, minor = 0;
  const auto* version = reinterpret_cast<const char*>(glGetString(GL_VERSION));
  return version && std::sscanf(version, "%d.%d", &major, &minor) == 2 && (major > 3 || (major == 3 && minor >= 3));
}

}  // namespace

FontTexture::~FontTexture() {
  // The context may already be gone at exit; release() is called while it exists.
}

void FontTexture::release() {
  if (id_ == 0) return;
  const GLuint id = id_;
  glDeleteTextures(1, &id);
  id_ = 0;
}

void FontTexture::upload(ImFontAtlas& atlas) {
  release();
  GLint last = 0;
  glGetIntegerv(GL_TEXTURE_BINDING_2D, &last);
  GLuint id = 0;
  glGenTextures(1, &id);
  glBindTexture(GL_TEXTURE_2D, id);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
  glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
  glPixelStorei(GL_UNPACK_ROW_LENGTH, 0);
  int w = 0, h = 0;
  unsigned char* pixels = nullptr;
  if (has_swizzle()) {
    atlas.GetTexDataAsAlpha8(&pixels, &w, &h);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_R8, w, h, 0, GL_RED, GL_UNSIGNED_BYTE, pixels);
    const GLint swizzle[4] = {GL_ONE, GL_ONE, GL_ONE, GL_RED};
    glTexParameteriv(GL_TEXTURE_2D, GL_TEXTURE_SWIZZLE_RGBA, swizzle);
  } else {
    atlas.GetTexDataAsRGBA32(&pixels, &w, &h);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA, w, h, 0, GL_RGBA, GL_UNSIGNED_BYTE, pixels);
  }
  glBindTexture(GL_TEXTURE_2D, static_cast<GLuint>(last));
  id_ = id;
  atlas.SetTexID(reinterpret_cast<ImTextureID>(static_cast<std::intptr_t>(id)));
  atlas.ClearTexData();  // the glyph tables stay; the pixels live on the GPU now
}

}  // namespace wk::ui
