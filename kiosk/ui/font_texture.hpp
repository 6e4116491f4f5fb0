// The font atlas on the GPU. ImGui's OpenGL backend uploads the atlas as
// RGBA (4 bytes per texel, plus an RGBA copy on the CPU while it does); the
// atlas is coverage only, so we upload one byte per texel (GL_R8) and let the
// sampler swizzle it to (1, 1, 1, coverage) — what the backend's shader
// expects from its white RGBA texture. A quarter of the memory, on both sides.
// Falls back to RGBA where texture swizzles are missing (GL < 3.3 without
// ARB_texture_swizzle).
#pragma once

struct ImFontAtlas;

namespace wk::ui {

class FontTexture {
 public:
  FontTexture() = default;
  FontTexture(const FontTexture&) = delete;
  FontTexture& operator=(const FontTexture&) = delete;
  ~FontTexture();

  // Uploads the built `atlas` (replacing an earlier upload), sets its texture
  // id and frees the atlas's CPU pixels. Needs the GL context current.
  void upload(ImFontAtlas& atlas);
  // Deletes the texture (before the atlas is rebuilt, or with the context).
  void release();

 private:
  unsigned id_ = 0;
};

}  // namespace wk::ui
