// The kiosk shell: the GLFW window (fullscreen and borderless by default),
// ImGui with our fonts, and the event-driven loop. It draws only after input,
// while a timer or animation runs, or after wake() from another thread; idle
// it sleeps in glfwWaitEventsTimeout. In replay mode it drives the app from a
// script with a virtual clock instead.
#pragma once

#include <atomic>
#include <chrono>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "kiosk/core/config.hpp"
#include "kiosk/core/opening_hours.hpp"
#include "kiosk/core/store.hpp"
#include "kiosk/text/input_rules.hpp"
#include "kiosk/text/languages.hpp"
#include "kiosk/text/messages.hpp"
#include "kiosk/ui/hub_desk_link.hpp"
#include "kiosk/ui/intent.hpp"
#include "kiosk/ui/replay.hpp"
#include "kiosk/ui/screen_id.hpp"
#include "kiosk/ui/speaker.hpp"
#include "kiosk/ui/sync_link.hpp"

namespace wk::ui {

struct ShellOptions {
  bool fullscreen = true;
  int width = 1280, height = 800;                 // windowed size
  std::string language;                           // start language ("" = configured default)
  std::optional<ScreenId> screen;                 // start screen (with `language` if not welcome)
  std::optional<std::vector<ReplayStep>> replay;  // scripted run with a virtual clock
  std::filesystem::path screenshot_dir = ".";
  // In a replay, false rasterises only the frames a screenshot step keeps: every
  // frame is still laid out, hit-tested and held to the replay's checks, but
  // software GL (Xvfb) spends no time on pixels nobody looks at.
  bool draw_every_frame = true;
  int exit_after_frames = 0;        // > 0: quit after that many frames (benchmarks)
  std::optional<text::Date> today;  // the date features use; nullopt: the system's local date
  // The wall-clock time features use ("open now"), fixed; nullopt: the system clock in the
  // system's time zone.
  std::optional<core::LocalTime> now;
  std::filesystem::path resources;  // where features find their data (assets/); "": the default
  std::chrono::steady_clock::time_point started = std::chrono::steady_clock::now();
  // Rasterise every frame whole, never only what changed (diagnosis; tests compare with it).
  bool full_redraw = false;
  // Screenshots are what the X server shows in the window rather than the frame drawn (tests:
  // what reached the screen, whichever way it went).
  bool screenshot_from_window = false;
  // The longest the loop sleeps while nothing happens (seconds): ShellDeps::on_loop_turn runs at
  // least this often.
  double max_sleep_s = 1.0;
};

struct ShellDeps {
  const core::Config& config;
  core::Store& store;
  const text::LanguageTable& languages;
  const text::MessageCatalog& messages;
  SyncLink* sync = nullptr;     // the sync worker; nullptr: no hub configured
  HubDeskLink* desk = nullptr;  // questions to the hub while a newcomer waits; nullptr: none
  Speaker* speaker = nullptr;   // read-aloud; nullptr: off
  // Called once the first frame is on screen (systemd readiness), and on every turn of the frame
  // loop, at least every ShellOptions::max_sleep_s (the watchdog heartbeat: a loop that hangs
  // stops calling it). Either may be empty.
  std::function<void()> on_first_frame = {};
  std::function<void()> on_loop_turn = {};
};

class Shell {
 public:
  Shell(ShellDeps deps, ShellOptions options);
  ~Shell();
  Shell(const Shell&) = delete;
  Shell& operator=(const Shell&) = delete;

  // Creates the window, GL context, ImGui and the font atlas. Returns false
  // (and logs why) when that fails. run() calls it when needed.
  bool open();
  // Opens if needed and runs until the window is closed or a replay ends.
  // Returns 0, 1 when a replay step failed (the failure is logged), or 3
  // when no window could be created.
  int run();

  // Draws and presents one frame now, then applies the intents it produced
  // (for benchmarks and tests; run() does this itself).
  void draw_frame();
  // Applies an intent as if a screen had emitted it; returns its effects.
  Effects apply(const Intent& intent);

  // The calling thread's CPU time of the last frame, in ms: building it (screens, layout, text,
  // ImGui's draw lists) and handing it to GL (the driver's work on this thread, and the swap).
  struct FrameCpu {
    double build_ms = 0;
    double submit_ms = 0;
  };
  FrameCpu last_frame_cpu() const;

  // Thread-safe: makes the loop draw a frame soon.
  void wake();

  struct Impl;  // opaque: window, ImGui, session and loop state

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace wk::ui
