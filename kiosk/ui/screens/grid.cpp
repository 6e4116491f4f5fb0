// Grid arithmetic shared by the tile screens.
#include <algorithm>

#include "kiosk/ui/screens/screens.hpp"

namespace wk::ui {

Grid make_grid(float width, float min_w, float h, float gap, int max_cols) {
  Grid g;
  g.gap = gap;
  g.cols = std::clamp(static_cast<int>((width + gap) / (min_w + gap)), 1, max_cols);
  g.cell_w = (width - gap * static_cast<float>(g.cols - 1)) / static_cast<float>(g.cols);
  g.cell_h = h;
  return g;
}

}  // namespace wk::ui
