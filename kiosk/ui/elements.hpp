// The element registry: every widget drawn in a frame registers a stable,
// language-independent id ("lang.ar", "nav.home"), its rectangle and its
// logical text. Replay scripts tap and check elements through it, and
// read-aloud reads a screen's text from it (read_aloud.hpp); nothing else
// reads it.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "kiosk/core/secure_clear.hpp"
#include "kiosk/text/isolate.hpp"
#include "kiosk/ui/geometry.hpp"

namespace wk::ui {

enum class ElementKind { button, label };

struct Element {
  std::string id;
  ElementKind kind;
  Rect rect;
  std::string text;  // logical order, as the user reads it (no bidi format characters)
  bool enabled = true;
  bool cut = false;             // only part of it is visible (a scroll area's edge cuts it)
  bool text_clipped = false;    // its text needs more room than it has
  bool word_broken = false;     // its text breaks a word between characters (too narrow for it)
  bool border_clipped = false;  // a whole button whose outline a drawing clip cuts off
  std::string drawn = {};       // the lines as drawn, each left to right, joined by '\n' ("" if not recorded)
  std::string spell = {};       // the part of `text` read aloud character by character (a code), or ""
};

class ElementRegistry {
 public:
  // Both forget the previous frame's elements, overwriting their texts with
  // zeros first: field values pass through here (session wipe, DESIGN §3).
  void begin_frame() { clear(); }
  void add(std::string_view id, ElementKind kind, const Rect& r, std::string_view text, bool enabled = true) {
    current_.push_back({std::string(id), kind, r, text::strip_bidi_controls(text), enabled});
  }
  void mark_last_word_broken() {
    if (!current_.empty()) current_.back().word_broken = true;
  }
  void mark_last_border_clipped() {
    if (!current_.empty()) current_.back().border_clipped = true;
  }
  // Records how the element added last was drawn (visual order, see Element::drawn).
  void set_last_drawn(std::string drawn) {
    if (!current_.empty()) current_.back().drawn = std::move(drawn);
  }
  // Read-aloud reads `part` of the element added last character by character (a code, a phone
  // number, a postal code); `part` is all of its text or a piece of it.
  void spell_last(std::string_view part) {
    if (!current_.empty()) current_.back().spell = std::string(part);
  }
  // Marks the element added last: cut by a clip, or its text clipped.
  void mark_last(bool cut, bool text_clipped) {
    if (current_.empty()) return;
    current_.back().cut = current_.back().cut || cut;
    current_.back().text_clipped = current_.back().text_clipped || text_clipped;
  }
  // The last element registered with `id` in the latest frame (topmost), or nullptr.
  const Element* find(std::string_view id) const {
    for (auto it = current_.rbegin(); it != current_.rend(); ++it)
      if (it->id == id) return &*it;
    return nullptr;
  }
  const std::vector<Element>& all() const { return current_; }
  void clear() {
    for (auto& e : current_) {
      core::secure_clear(e.text);
      core::secure_clear(e.drawn);
      core::secure_clear(e.spell);
    }
    current_.clear();
  }

 private:
  std::vector<Element> current_;
};

}  // namespace wk::ui
