// See window_sub_copy.hpp.
#include "kiosk/ui/window_sub_copy.hpp"

#define GLFW_EXPOSE_NATIVE_X11
#define GLFW_EXPOSE_NATIVE_GLX
#include <GL/gl.h>
#include <GLFW/glfw3.h>
#include <GLFW/glfw3native.h>
#include <X11/Xutil.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <string_view>

#include "kiosk/core/log.hpp"

namespace wk::ui {

WindowSubCopy::WindowSubCopy(GLFWwindow* window) {
  const auto* renderer = reinterpret_cast<const char*>(glGetString(GL_RENDERER));
  const std::string_view r = renderer ? renderer : "";
  const bool software = r.find("llvmpipe") != r.npos || r.find("softpipe") != r.npos;
  if (!software || !glfwExtensionSupported("GLX_MESA_copy_sub_buffer")) return;
  Display* display = glfwGetX11Display();
  const GLXWindow drawable = glfwGetGLXWindow(window);
  const GLFWglproc fn = glfwGetProcAddress("glXCopySubBufferMESA");
  if (!display || !drawable || !fn) return;
  copy_ = fn;
  display_ = display;
  drawable_ = drawable;
  core::log::info("shell", "software renderer (" + std::string(r) +
                               "): frames go to the window by GLX_MESA_copy_sub_buffer, only where they changed");
}

void WindowSubCopy::copy(float x0, float y0, float x1, float y1, int fb_w, int fb_h) const {
  if (!copy_) return;
  const int left = std::clamp(static_cast<int>(std::floor(x0)), 0, fb_w);
  const int right = std::clamp(static_cast<int>(std::ceil(x1)), 0, fb_w);
  const int top = std::clamp(static_cast<int>(std::floor(y0)), 0, fb_h);
  const int bottom = std::clamp(static_cast<int>(std::ceil(y1)), 0, fb_h);
  if (right <= left || bottom <= top) return;
  // GL window coordinates: the origin is the bottom left corner.
  using CopyFn = void (*)(Display*, GLXDrawable, int, int, int, int);
  reinterpret_cast<CopyFn>(copy_)(static_cast<Display*>(display_), drawable_, left, fb_h - bottom, right - left,
                                  bottom - top);
}

bool WindowSubCopy::read_window(GLFWwindow* window, int w, int h, std::vector<unsigned char>& rgb) {
  Display* display = glfwGetX11Display();
  const Window xwindow = window ? glfwGetX11Window(window) : 0;
  if (!display || !xwindow || w <= 0 || h <= 0) return false;
  XSync(display, False);
  XImage* image =
      XGetImage(display, xwindow, 0, 0, static_cast<unsigned>(w), static_cast<unsigned>(h), AllPlanes, ZPixmap);
  if (!image) return false;
  // Each channel from its mask: the shift of its lowest bit, scaled to 8 bits.
  auto channel = [](unsigned long pixel, unsigned long mask) -> unsigned char {
    if (mask == 0) return 0;
    int shift = 0;
    while (((mask >> shift) & 1UL) == 0) ++shift;
    const unsigned long max = mask >> shift;
    return static_cast<unsigned char>(((pixel & mask) >> shift) * 255UL / max);
  };
  rgb.resize(static_cast<std::size_t>(w) * static_cast<std::size_t>(h) * 3);
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) {
      const unsigned long p = XGetPixel(image, x, y);
      unsigned char* o =
          &rgb[(static_cast<std::size_t>(y) * static_cast<std::size_t>(w) + static_cast<std::size_t>(x)) * 3];
      o[0] = channel(p, image->red_mask);
      o[1] = channel(p, image->green_mask);
      o[2] = channel(p, image->blue_mask);
    }
  XDestroyImage(image);
  return true;
}

}  // namespace wk::ui
