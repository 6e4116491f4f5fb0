// What `welcome-kiosk --check` checks beyond the syntax of the configuration:
// the files the terminal will need, as the user running the check (run it as
// the service's user). Each problem names the file and the fix.
#pragma once

#include <string>
#include <vector>

#include "kiosk/core/config.hpp"

namespace wk::app {

struct TerminalProblem {
  std::string file;  // the path concerned
  std::string what;  // what is wrong with it
  std::string fix;   // the command or step that fixes it
};

// data_dir: a directory this user can write; with a hub: ca_file readable and a CA
// certificate (PEM), token_file present, mode 0600 and readable by this user. Reads only;
// changes nothing.
std::vector<TerminalProblem> check_terminal(const core::Config& config);

}  // namespace wk::app
