// Tap and drag-scroll state machine.
#include "kiosk/ui/touch.hpp"

#include <algorithm>
#include <cmath>

namespace wk::ui {

// A list gliding faster than this (px/s) is caught, not tapped, by a press.
constexpr float kCatchSpeed = 50.f;
// A drag released after the finger rested this long does not glide on.
constexpr float kRestBeforeRelease = 0.1f;

void Touch::begin_frame(const PointerState& p, float dt, float drag_threshold) {
  p_ = p;
  dt_ = dt;
  threshold_ = drag_threshold;
  if (p.clicked)
    press_seconds_ = 0;
  else if (p.down)
    press_seconds_ += dt;
  if (p.clicked) {
    caught_ = false;
    press_x_ = p.x;
    press_y_ = p.y;
    last_y_ = p.y;
    dragging_ = false;
    pressed_id_.clear();
    drag_area_.clear();
  }
  if (p.down && !dragging_ && std::hypot(p.x - press_x_, p.y - press_y_) > threshold_) {
    dragging_ = true;
    pressed_id_.clear();
  }
  // Inertia for areas not being dragged.
  for (auto& [id, s] : scrolls_) {
    if (dragging_ && id == drag_area_) {
      if (p.down) continue;                                       // follows the finger
      if (p.released && dt > kRestBeforeRelease) s.velocity = 0;  // the finger rested: no fling
    }
    if (s.velocity != 0) {
      s.offset += s.velocity * dt;
      s.velocity *= std::exp(-4.0f * dt);
      if (std::abs(s.velocity) < 20.f) s.velocity = 0;
      if (s.offset < 0 || s.offset > s.max) {
        s.offset = std::clamp(s.offset, 0.f, s.max);
        s.velocity = 0;
      }
    }
  }
}

void Touch::end_frame() {
  if (p_.released) {
    pressed_id_.clear();
    dragging_ = false;
    drag_area_.clear();
  }
  last_y_ = p_.y;
  blocked_ = false;
  clips_.clear();
}

bool Touch::hit_allowed(float x, float y) const {
  if (blocked_) return false;
  for (const auto& c : clips_)
    if (!c.contains(x, y)) return false;
  return true;
}

bool Touch::pressed_in(const Rect& r) const {
  return p_.clicked && r.contains(p_.x, p_.y);
}

Rect Touch::visible(const Rect& r) const {
  Rect v = r;
  for (const auto& c : clips_) v = v.intersect(c);
  return v;
}

bool Touch::button(const std::string& id, const Rect& r, bool* held) {
  if (p_.clicked && !caught_ && r.contains(p_.x, p_.y) && hit_allowed(p_.x, p_.y)) pressed_id_ = id;
  const bool mine = !pressed_id_.empty() && pressed_id_ == id && !dragging_;
  const bool inside = r.contains(p_.x, p_.y);
  const bool allowed = hit_allowed(p_.x, p_.y);
  if (held) *held = mine && p_.down && inside && allowed;
  return mine && p_.released && inside && allowed;
}

float Touch::scroll_area(const std::string& id, const Rect& viewport, float content_height) {
  Scroll& s = scrolls_[id];
  s.max = std::max(0.f, content_height - viewport.h);
  if (p_.clicked && viewport.contains(p_.x, p_.y) && hit_allowed(p_.x, p_.y)) {
    drag_area_ = id;
    // A finger on a gliding list stops it; that press is not a tap.
    if (std::abs(s.velocity) > kCatchSpeed) {
      s.velocity = 0;
      caught_ = true;
      pressed_id_.clear();
    }
  }
  if (drag_area_ == id && dragging_ && p_.down) {
    const float dy = p_.y - last_y_;
    s.offset = std::clamp(s.offset - dy, 0.f, s.max);
    if (dt_ > 0) s.velocity = 0.6f * s.velocity + 0.4f * (-dy / dt_);
  } else if (drag_area_ == id && p_.released && (!dragging_ || dt_ > kRestBeforeRelease)) {
    // A tap, or a finger that rested before lifting: no fling.
    s.velocity = 0;
  }
  s.offset = std::clamp(s.offset, 0.f, s.max);
  return s.offset;
}

void Touch::reveal(const std::string& id, unsigned request, float top, float height, float viewport_h) {
  Scroll& s = scrolls_[id];
  if (request == 0 || s.revealed == request) return;
  s.revealed = request;
  s.velocity = 0;
  if (top < s.offset)
    s.offset = std::max(0.f, top);
  else if (top + height > s.offset + viewport_h)
    s.offset = std::min(top, top + height - viewport_h);  // its top stays in view if it is taller
}

void Touch::scroll_to_top_on_change(const std::string& id, unsigned token) {
  Scroll& s = scrolls_[id];
  if (s.token == token) return;
  s = Scroll{};
  s.token = token;
}

void Touch::scroll_to_top(const std::string& id) {
  scrolls_[id] = Scroll{};
}

bool Touch::animating() const {
  if (dragging_ && p_.down) return false;  // moves arrive as input events
  for (const auto& [id, s] : scrolls_)
    if (s.velocity != 0) return true;
  return false;
}

void Touch::reset() {
  scrolls_.clear();
  pressed_id_.clear();
  drag_area_.clear();
  dragging_ = false;
}

}  // namespace wk::ui
