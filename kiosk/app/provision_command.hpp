// welcome-kiosk --provision FILE: sets a terminal up from the bundle welcome-hub made for it
// (kiosk/core/provisioning_bundle.hpp) in one step.
#pragma once

#include <chrono>
#include <filesystem>
#include <istream>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace wk::app {

struct ProvisionOptions {
  std::filesystem::path bundle;
  std::filesystem::path config_file;              // written (an existing one keeps its other keys)
  std::optional<std::filesystem::path> data_dir;  // --data-dir over the configuration's
  std::string user;                               // owner of the data and token ("": the caller)
  std::chrono::system_clock::time_point now;      // for the bundle's expiry
  std::vector<std::string> languages;             // the language codes a configuration may name
};

// Reads the bundle's code, then the admin PIN, from `in` (on a terminal, `interactive`: asked, the
// PIN twice without echo). Checks everything first: the bundle (code, seal, expiry), the
// configuration it makes, the hub (reachable: the token must be accepted and be this terminal's;
// unreachable: said, and provisioning goes on offline) and the PIN. Only then writes: the data
// directory (0700, created only here), the token (0600), both owned by `user`; the hub's CA
// (hub-ca.pem beside the configuration) and the configuration; the PIN's hash; and removes the
// bundle. Returns 0; 2 with the reason on `err` when refused (nothing changed); 4 when a write
// failed (what was written is named).
int provision_command(const ProvisionOptions& options, std::istream& in, bool interactive, std::ostream& out,
                      std::ostream& err);

}  // namespace wk::app
