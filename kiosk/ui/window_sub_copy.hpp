// Puts part of the window's back buffer on the screen without a swap, where the
// OpenGL renderer is a software rasteriser on X11 (Mesa's llvmpipe, softpipe)
// that offers GLX_MESA_copy_sub_buffer.
//
// There, every swap costs the CPU a whole frame: the frame cache's blit is
// rasterised and the whole window is sent to the X server. Drawing straight into
// the back buffer, which keeps the last frame because it is never swapped, and
// copying only the changed rectangle, costs what changed. On a GPU, or without
// the extension, available() is false and frames are swapped as usual.
#pragma once

#include <vector>

struct GLFWwindow;

namespace wk::ui {

class WindowSubCopy {
 public:
  // With the window's context current.
  explicit WindowSubCopy(GLFWwindow* window);
  bool available() const { return copy_ != nullptr; }
  // Copies the rectangle (pixels, origin at the top left, as ImGui's) of the back buffer to the
  // window, clamped to `fb_w` x `fb_h`; nothing when it is empty.
  void copy(float x0, float y0, float x1, float y1, int fb_w, int fb_h) const;
  // What the X server shows in the window's top left `w` x `h` pixels, as RGB rows from the top
  // (tests: what is on the screen, not what was drawn); false without an X11 window.
  static bool read_window(GLFWwindow* window, int w, int h, std::vector<unsigned char>& rgb);

 private:
  void (*copy_)() = nullptr;  // glXCopySubBufferMESA, its real type in the .cpp
  void* display_ = nullptr;
  unsigned long drawable_ = 0;
};

}  // namespace wk::ui
