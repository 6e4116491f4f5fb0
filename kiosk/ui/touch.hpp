// Touch input: taps and drag-to-scroll with inertia, from ImGui's mouse state
// (a touchscreen reaches the kiosk as an emulated pointer). A press that
// moves more than a small threshold becomes a drag: it scrolls the area it
// started in and never activates the button under the finger. There is no
// hover: only "pressed" has a look.
#pragma once

#include <string>
#include <unordered_map>
#include <vector>

#include "kiosk/ui/geometry.hpp"

namespace wk::ui {

struct PointerState {
  float x = -1, y = -1;
  bool down = false, clicked = false, released = false;
};

class Touch {
 public:
  // Call once per frame before any widget, with the pointer state and the
  // frame's time step; `drag_threshold` in pixels.
  void begin_frame(const PointerState& p, float dt, float drag_threshold);
  void end_frame();

  // A tappable area. Returns true on the frame the tap completes (released
  // inside, without a drag). `held` reports the pressed look.
  bool button(const std::string& id, const Rect& r, bool* held);

  // A vertically scrollable viewport; returns the scroll offset to draw the
  // content with. Keep ids stable across frames.
  float scroll_area(const std::string& id, const Rect& viewport, float content_height);
  void scroll_to_top(const std::string& id);
  // Back to the top of area `id` whenever `token` differs from the last one given for it (a
  // form opened afresh: a new family member).
  void scroll_to_top_on_change(const std::string& id, unsigned token);
  // Scrolls area `id` (viewport `viewport_h` high) so that its content [top, top + height) is in
  // view, once per `request`: the same non-zero number again does nothing, so a caller passes a
  // count that grows each time something new must be shown (a submit that found errors).
  void reveal(const std::string& id, unsigned request, float top, float height, float viewport_h);

  // Widgets drawn while input is blocked (under a modal overlay) never react.
  void set_blocked(bool b) { blocked_ = b; }
  // Restricts hits to `clip` (inside a scroll viewport) until pop_clip().
  void push_clip(const Rect& clip) { clips_.push_back(clip); }
  void pop_clip() { clips_.pop_back(); }

  // How long the press that button `id` holds has lasted (seconds; 0 when it holds none): a
  // long press.
  float held_seconds(const std::string& id) const {
    return p_.down && !dragging_ && pressed_id_ == id ? press_seconds_ : 0.f;
  }

  // True on the frame a press lands inside `r`, whatever else it hits.
  bool pressed_in(const Rect& r) const;

  // The part of `r` inside the current clip (what a finger can hit).
  Rect visible(const Rect& r) const;

  // True while an inertia scroll or a drag needs frames without input.
  bool animating() const;
  // Forget all gestures and scroll positions (session wipe).
  void reset();

 private:
  bool hit_allowed(float x, float y) const;
  struct Scroll {
    float offset = 0, velocity = 0, max = 0;
    unsigned revealed = 0;
    unsigned token = 0;
  };
  PointerState p_;
  float dt_ = 0, threshold_ = 8;
  float press_x_ = 0, press_y_ = 0, last_y_ = 0;
  bool dragging_ = false;
  float press_seconds_ = 0;  // since the current press began
  bool caught_ = false;      // this press stopped a gliding list
  std::string pressed_id_, drag_area_;
  std::unordered_map<std::string, Scroll> scrolls_;
  std::vector<Rect> clips_;
  bool blocked_ = false;
};

}  // namespace wk::ui
