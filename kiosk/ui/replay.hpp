// Scripted sessions for testing the UI without a person: a replay script is a
// list of steps (tap an element by its stable id, type, wait for a screen,
// check what is shown, let virtual time pass, take screenshots, record what
// an element shows). The runner
// drives the real app frame by frame and stops at the first failing step,
// naming it. The format is documented in the README ("Replay scripts").
//
// `keys TEXT` types like a person, by tapping keys of the on-screen keyboard:
// button elements whose id starts with "key." and whose text is what the key
// types ("key.AD01" "q", "key.space" " ", "key.de" ".de"; action keys such as
// "key.shift" has no text; the action keys key.layout, key.xmore, key.shift,
// key.done and key.backspace are never taken for typing keys). Whenever the frame is settled
// and no tap is under way, the runner taps the enabled key whose text is the
// longest prefix of the rest of TEXT (the topmost of equally long ones, like
// ElementRegistry::find), with the timing of `tap`: press frame, release frame,
// then the next frame is looked at. If no key types the next character, it
// looks for other keys, deterministically, with at most kKeyAttempts taps that
// type nothing per character: odd attempts tap "key.shift" (or
// "key.layout" if there is no shift key), even attempts tap "key.layout"
// (the next layout; the kiosk's keyboard turns shift off there, and a keyboard
// that does not still gets both shift states of each layout tried). So it
// sees each layout with and without shift, starting with the one shown. A
// keyboard without a layout key has only the two shift states, so the runner
// gives up after the first shift; it also gives up after kKeyAttempts, and
// when neither key is there: `no key types "€" on screen "register_name"`. A
// keyboard that is not shown yet (no "key." button) is waited for up to
// kWaitLimit, like the element of a tap. Shift on by itself (capitals at the
// start of a name) needs no special case: a lower-case letter is then only
// found after one shift tap.
//
// `wait-text ID TEXT` waits, in real time (up to kRealWaitLimit), until element ID shows TEXT:
// for what other threads change, such as the sync status line. Its frames are paced at
// kFrameTime of real time each, so the virtual clock (idle timeouts) does not run ahead of
// the other threads however fast frames are made.
//
// `reveal ID SCROLL_ID` drags the scroll area SCROLL_ID (registered as a label
// whose rect is the viewport) until element ID lies inside it with at least
// 1 em to spare above the viewport's bottom edge (element rects are their
// visible part, so a rect ending at the edge may be cut off). Once the frame is
// settled it checks; if ID is not there yet or too low it drags upwards (the
// content moves up): press at the viewport's centre-x and 70 % of its height,
// 8 frames moving 40 % of the height, kRevealRest frames resting there so the
// list does not glide on past the element, release; if ID is above the
// viewport's top it drags downwards the same way from 30 % of the height. It
// also finishes when ID is inside the viewport but a drag did not move it (the
// content is at its end). It fails after kRevealDrags drags (`element "ID"
// not revealed in "SCROLL_ID"`), or when SCROLL_ID is not shown within
// kWaitLimit. An element that is already visible needs no input.
#pragma once

#include <chrono>
#include <filesystem>
#include <map>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/ui/elements.hpp"
#include "kiosk/ui/touch.hpp"

namespace wk::ui {

class ReplayError : public std::runtime_error {
 public:
  explicit ReplayError(const std::string& what) : std::runtime_error(what) {}
};

struct ReplayStep {
  enum class Kind {
    tap,
    hold,
    drag,
    reveal,
    type,
    keys,
    wait_screen,
    expect_min_size,
    expect_screen,
    expect_text,
    expect_drawn,
    wait_text,
    expect_element,
    expect_no_element,
    remember_place,
    expect_same_place,
    advance,
    frames,
    screenshot,
    record
  };
  Kind kind;
  std::string id;     // element id, screen name or file name
  std::string text;   // text to type or expect; for reveal the scroll area's id
  double number = 0;  // seconds, frames, em
  int line = 0;
  std::string source;  // the script line as written
};

// Parses a script; throws ReplayError("FILE:LINE: ...") on the first bad line.
std::vector<ReplayStep> parse_replay(std::string_view script, const std::string& origin);

// What the runner sees of the app after a frame.
struct ReplayView {
  const ElementRegistry& elements;
  std::string_view screen;      // current screen name (or "idle-warning" while the warning shows)
  float em = 24.f;              // pixels per em, for drag distances
  bool settled = true;          // no list is gliding: positions are final
  float width = 0, height = 0;  // the framebuffer; 0: unknown (the layout check is skipped)
};

// The layout rules every screenshot's frame is held to (DESIGN.md §3): every element that no
// scroll area cuts lies inside the screen, no two touch targets overlap, every touch target a scroll area does not
// cut is at least kMinTargetPx each way, and no element's text needs more room than it has.
// Returns the first problem ("button \"nav.back\" is 40x61 px"), or "" when all hold.
inline constexpr float kMinTargetPx = 48.f;
std::string check_layout(const ReplayView& view);

// What the runner wants for the next frame.
struct ReplayInput {
  PointerState pointer;
  bool pointer_set = false;
  std::string typed;       // UTF-8 characters to deliver as keyboard input
  double advance = 0;      // extra seconds of virtual time before the frame
  std::string screenshot;  // file to write after this frame is rendered, or ""
  bool real_time = false;  // wait at least kFrameTime of real time before the frame
};

class ReplayRunner {
 public:
  enum class Status { running, passed, failed };

  ReplayRunner(std::vector<ReplayStep> steps, std::filesystem::path screenshot_dir);

  // Decides the input of the next frame.
  ReplayInput next_input();
  // Checks the frame just drawn; advances through the steps.
  Status after_frame(const ReplayView& view);

  Status status() const { return status_; }
  // "step 4 (line 7: tap lang.ar): no element "lang.ar" on screen "home" after 5 s"
  const std::string& failure() const { return failure_; }
  std::size_t steps_done() const { return index_; }

  // Virtual seconds per frame.
  static constexpr double kFrameTime = 1.0 / 30.0;
  // How long a step waits for its element or screen.
  static constexpr double kWaitLimit = 5.0;
  // How long `wait-text` waits, in real seconds: it waits for other threads (the sync worker),
  // whose time does not follow the virtual clock.
  static constexpr double kRealWaitLimit = 30.0;
  // keys: taps that type nothing (shift, layout) before a character is given up.
  static constexpr int kKeyAttempts = 24;  // a keyboard may offer a dozen layouts
  // reveal: drags before giving up, and frames the finger rests before lifting.
  static constexpr int kRevealDrags = 15;
  static constexpr int kRevealRest = 8;

 private:
  void fail(const std::string& why);
  void next_step();
  void aim_key(const ReplayView& view);
  void aim_reveal(const ReplayView& view);

  std::vector<ReplayStep> steps_;
  std::filesystem::path dir_;
  std::size_t index_ = 0;
  int phase_ = 0;
  double waited_ = 0;
  std::chrono::steady_clock::time_point real_start_;  // wait-text: when the wait began
  float tx_ = 0, ty_ = 0, drag_dy_ = 0;
  std::size_t typed_ = 0;    // keys: bytes of the text typed so far
  std::size_t tapping_ = 0;  // keys: bytes the key being tapped types (0: shift or layout)
  int attempts_ = 0;         // keys: taps typing nothing for this character; reveal: drags
  bool had_before_ = false;  // reveal: the element was there before the last drag,
  Rect before_;              // at this rect
  Status status_ = Status::running;
  std::string failure_;
  std::map<std::string, Rect, std::less<>> places_;  // remember-place: element rects by id
};

}  // namespace wk::ui
