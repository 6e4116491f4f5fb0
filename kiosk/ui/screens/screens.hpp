// The screens and the chrome around them. Each screen is one function in its
// own file: it draws from the Frame's view model and emits intents, nothing
// else.
#pragma once

#include "kiosk/ui/frame.hpp"

namespace wk::ui {

void draw_welcome(Frame& f);
// Seconds the welcome prompt shows each language before the next; the shell
// wakes up at this pace on the welcome screen.
inline constexpr double kWelcomePromptSeconds = 4.0;
void draw_home(Frame& f);
void draw_languages(Frame& f);
void draw_about(Frame& f);
void draw_seeing(Frame& f);
// The two display toggles (larger text, high contrast) side by side in `area`, each with its
// icon, its name in the session language and a check mark when on. Returns the height used.
float seeing_toggles(Frame& f, const Rect& area);
// The navigation bar (Back, Home, language switch) over `bar`.
void draw_nav_bar(Frame& f, const Rect& bar);
// The one-line state of the sync with the hub (offline / syncing / last sync) at the bottom of
// `area`; returns the height used (0 when the terminal does not sync).
float draw_sync_status(Frame& f, const Rect& area);
// The idle warning with its countdown, over the whole screen.
void draw_idle_overlay(Frame& f);
// "Discard what you entered?": Back on home while a feature holds unsent input.
void draw_leave_overlay(Frame& f);

// Lays out `count` equal cells of at least `min_w` x `h` in rows across
// `width`, gap `gap`; cell i's rect relative to (0,0), filled from the start
// edge (mirrored by the caller). Returns the total height through *total_h.
struct Grid {
  int cols = 1;
  float cell_w = 0, cell_h = 0, gap = 0;
  Rect cell(int i) const {
    const int r = i / cols, c = i % cols;
    return {c * (cell_w + gap), r * (cell_h + gap), cell_w, cell_h};
  }
  float height(int count) const {
    const int rows = (count + cols - 1) / cols;
    return rows > 0 ? rows * cell_h + (rows - 1) * gap : 0;
  }
};
Grid make_grid(float width, float min_w, float h, float gap, int max_cols = 6);

}  // namespace wk::ui
