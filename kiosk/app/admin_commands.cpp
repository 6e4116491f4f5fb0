// welcome-kiosk --set-admin-pin and --verify-audit (see admin_commands.hpp).
#include "kiosk/app/admin_commands.hpp"

#include <termios.h>
#include <unistd.h>

#include <chrono>
#include <string>

#include "kiosk/core/admin_pin.hpp"
#include "kiosk/core/audit_log.hpp"
#include "kiosk/core/log.hpp"
#include "kiosk/core/secure_clear.hpp"

namespace wk::app {
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

int set_admin_pin_command(core::Store& store, std::istream& in, bool interactive, std::ostream& err) {
  std::string pin, again;
  {
    NoEcho no_echo(interactive);
    if (interactive) err << "New admin PIN (" << core::kPinMinDigits << " to " << core::kPinMaxDigits << " digits): ";
    const bool got = read_line(in, pin);
    if (interactive) err << "\n";
    if (!got) {
      err << "welcome-kiosk: --set-admin-pin: no PIN on standard input\n";
      return 2;
    }
    if (interactive) {
      err << "The same PIN again: ";
      read_line(in, again);
      err << "\n";
      if (again != pin) {
        core::secure_clear(pin);
        core::secure_clear(again);
        err << "welcome-kiosk: --set-admin-pin: the two PINs differ; nothing was changed\n";
        return 2;
      }
    }
  }
  int code = 0;
  try {
    core::set_admin_pin(store, pin, std::chrono::system_clock::now());
    core::log::info("kiosk", "the admin PIN was set");
  } catch (const std::invalid_argument& e) {
    err << "welcome-kiosk: --set-admin-pin: " << e.what() << "; nothing was changed\n";
    code = 2;
  }
  core::secure_clear(pin);
  core::secure_clear(again);
  return code;
}

int verify_audit_command(core::Store& store, std::ostream& out, std::ostream& err) {
  const core::AuditCheck check = core::verify_audit_log(store.db());
  if (!check.ok) {
    err << "welcome-kiosk: --verify-audit: " << check.problem << "\n";
    return 5;
  }
  out << "audit log: " << check.entries << " entries, chain intact\n";
  return 0;
}

}  // namespace wk::app
