// Writes the current OpenGL back buffer to a PNG file.
#pragma once

#include <string>
#include <vector>

namespace wk::ui {

// Reads `width` x `height` pixels of the back buffer and writes them as PNG.
// Returns false (and logs why) when the file cannot be written.
bool write_screenshot(const std::string& path, int width, int height);
// Writes `rgb` (`width` x `height` pixels, 3 bytes each, rows from the top unless `bottom_up`)
// as PNG; false (logged) when it cannot.
bool write_png(const std::string& path, int width, int height, const std::vector<unsigned char>& rgb, bool bottom_up);

}  // namespace wk::ui
