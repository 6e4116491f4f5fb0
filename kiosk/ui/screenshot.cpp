// Back buffer to PNG with stb_image_write (Debian's libstb).
#include "kiosk/ui/screenshot.hpp"

#include <GL/gl.h>
#include <stb_image_write.h>

#include <vector>

#include "kiosk/core/log.hpp"

namespace wk::ui {

bool write_screenshot(const std::string& path, int width, int height) {
  if (width <= 0 || height <= 0) return false;
  // RGB (the screen has no transparency), lightly compressed: a screenshot is written while
  // a test or a benchmark waits for it, and stb's strongest level costs several times as long
  // for a few per cent of size.
  std::vector<unsigned char> pixels(static_cast<size_t>(width) * static_cast<size_t>(height) * 3);
  glPixelStorei(GL_PACK_ALIGNMENT, 1);
  glReadBuffer(GL_BACK);
  glReadPixels(0, 0, width, height, GL_RGB, GL_UNSIGNED_BYTE, pixels.data());
  return write_png(path, width, height, pixels, true);
}

bool write_png(const std::string& path, int width, int height, const std::vector<unsigned char>& rgb, bool bottom_up) {
  if (width <= 0 || height <= 0 || rgb.size() != static_cast<size_t>(width) * static_cast<size_t>(height) * 3)
    return false;
  stbi_flip_vertically_on_write(bottom_up ? 1 : 0);
  stbi_write_png_compression_level = 2;
  if (!stbi_write_png(path.c_str(), width, height, 3, rgb.data(), width * 3)) {
    core::log::error("screenshot", "cannot write " + path);
    return false;
  }
  core::log::info("screenshot", "wrote " + path);
  return true;
}

}  // namespace wk::ui
