// The welcome-kiosk command line.
#pragma once

#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace wk::app {

struct CliOptions {
  std::optional<std::filesystem::path> config;
  std::optional<std::filesystem::path> data_dir;
  std::optional<std::filesystem::path> resources;
  std::optional<std::pair<int, int>> windowed;
  std::string language;
  std::string screen;
  std::optional<std::filesystem::path> screenshot;
  std::optional<std::filesystem::path> replay;
  std::filesystem::path screenshot_dir = ".";
  int exit_after_frames = 0;
  std::string today;                               // "YYYY-MM-DD" or ""
  std::string now;                                 // "YYYY-MM-DDTHH:MM" (local wall-clock time) or ""
  std::optional<std::filesystem::path> provision;  // --provision FILE
  std::string user;                                // --user NAME (with --provision)
  bool report_service_end = false;                 // --report-service-end (the unit's ExecStopPost=)
  bool check_only = false;
  bool set_admin_pin = false;
  bool verify_audit = false;
  bool no_sync = false;
  bool draw_only_screenshots = false;
  bool full_redraw = false;
  bool screenshot_from_window =
      false;  // screenshots read the X window (tests)  // rasterise every frame whole (diagnosis)
  // Read-aloud writes each reading to a WAV file here, at speaking pace, instead of playing it.
  std::optional<std::filesystem::path> speech_wav;
  bool help = false;
  bool version = false;
};

class CliError : public std::runtime_error {
 public:
  explicit CliError(const std::string& what) : std::runtime_error(what) {}
};

// Parses argv; throws CliError naming the offending option.
CliOptions parse_cli(const std::vector<std::string>& args);

extern const char* const kUsage;

}  // namespace wk::app
