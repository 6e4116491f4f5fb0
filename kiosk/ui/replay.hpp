// Scripted sessions for testing the UI without a person: a replay script is a
// list of steps (tap an element by its stable id, type, wait for a screen,
// check what is shown, let virtual time pass, take screenshots). The runner
// drives the real app frame by frame and stops at the first failing step,
// naming it. The format is documented in the README ("Replay scripts").
#pragma once

#include <filesystem>
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
    drag,
    type,
    wait_screen,
    expect_min_size,
    expect_screen,
    expect_text,
    expect_element,
    expect_no_element,
    advance,
    frames,
    screenshot
  };
  Kind kind;
  std::string id;     // element id, screen name or file name
  std::string text;   // text to type or expect
  double number = 0;  // seconds, frames, em
  int line = 0;
  std::string source;  // the script line as written
};

// Parses a script; throws ReplayError("FILE:LINE: ...") on the first bad line.
std::vector<ReplayStep> parse_replay(std::string_view script, const std::string& origin);

// What the runner sees of the app after a frame.
struct ReplayView {
  const ElementRegistry& elements;
  std::string_view screen;  // current screen name (or "idle-warning" while the warning shows)
  float em = 24.f;          // pixels per em, for drag distances
  bool settled = true;      // no list is gliding: positions are final
};

// What the runner wants for the next frame.
struct ReplayInput {
  PointerState pointer;
  bool pointer_set = false;
  std::string typed;       // UTF-8 characters to deliver as keyboard input
  double advance = 0;      // extra seconds of virtual time before the frame
  std::string screenshot;  // file to write after this frame is rendered, or ""
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

 private:
  void fail(const std::string& why);
  void next_step();

  std::vector<ReplayStep> steps_;
  std::filesystem::path dir_;
  std::size_t index_ = 0;
  int phase_ = 0;
  double waited_ = 0;
  float tx_ = 0, ty_ = 0, drag_dy_ = 0;
  Status status_ = Status::running;
  std::string failure_;
};

}  // namespace wk::ui
