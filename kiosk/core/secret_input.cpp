// Reading a new secret from standard input (secret_input.hpp).
#include "kiosk/core/secret_input.hpp"

#include "kiosk/core/secure_clear.hpp"

#include <termios.h>
#include <unistd.h>

namespace wk::core {
namespace {

// Echo off on standard input for its lifetime (a terminal only).
struct NoEcho {
  bool active = false;
  termios saved{};
  explicit NoEcho(bool on) {
    if (!on || tcgetattr(STDIN_FILENO, &saved) != 0) return;
    termios quiet = saved;
    quiet.c_lflag &= static_cast<tcflag_t>(~ECHO);
    active = tcsetattr(STDIN_FILENO, TCSANOW, &quiet) == 0;
  }
  ~NoEcho() {
    if (active) tcsetattr(STDIN_FILENO, TCSANOW, &saved);
  }
};

bool read_line(std::istream& in, std::string& line) {
  if (!std::getline(in, line)) return false;
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return true;
}

}  // namespace

SecretRead read_new_secret(std::istream& in, bool interactive, std::ostream& err, std::string_view prompt,
                           std::string& secret) {
  NoEcho no_echo(interactive);
  if (interactive) err << prompt;
  const bool got = read_line(in, secret);
  if (interactive) err << "\n";
  if (!got) return SecretRead::missing;
  if (!interactive) return SecretRead::ok;
  std::string again;
  err << "The same again: ";
  read_line(in, again);
  err << "\n";
  const bool same = again == secret;
  secure_clear(again);
  if (same) return SecretRead::ok;
  secure_clear(secret);
  return SecretRead::differ;
}

}  // namespace wk::core
