// The welcome-sync command line.
#pragma once

#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace wk::sync_app {

struct CliOptions {
  bool once = false;    // run one full sync
  bool status = false;  // print the sync state and the queue, contact nobody
  std::optional<std::filesystem::path> config;
  std::optional<std::filesystem::path> data_dir;
  std::optional<std::filesystem::path> resources;
  int wait_lock_s = 600;  // how long --once waits for a sync run of the kiosk to finish
  bool help = false;
  bool version = false;
};

class CliError : public std::runtime_error {
 public:
  explicit CliError(const std::string& what) : std::runtime_error(what) {}
};

// Parses argv (without the program name); throws CliError naming the offending option.
// Exactly one of --once, --status, --help, --version is required.
CliOptions parse_cli(const std::vector<std::string>& args);

extern const char* const kUsage;

}  // namespace wk::sync_app
