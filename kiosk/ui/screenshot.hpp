// Writes the current OpenGL back buffer to a PNG file.
#pragma once

#include <string>

namespace wk::ui {

// Reads `width` x `height` pixels of the back buffer and writes them as PNG.
// Returns false (and logs why) when the file cannot be written.
bool write_screenshot(const std::string& path, int width, int height);

}  // namespace wk::ui
