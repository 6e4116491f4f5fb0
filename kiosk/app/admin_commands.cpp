// welcome-kiosk --set-admin-pin and --verify-audit (see admin_commands.hpp).
#include "kiosk/app/admin_commands.hpp"

#include <chrono>
#include <string>

#include "kiosk/core/admin_pin.hpp"
#include "kiosk/core/audit_log.hpp"
#include "kiosk/core/log.hpp"
#include "kiosk/core/secret_input.hpp"
#include "kiosk/core/secure_clear.hpp"

namespace wk::app {

int set_admin_pin_command(core::Store& store, std::istream& in, bool interactive, std::ostream& err) {
  std::string pin;
  const std::string prompt = "New admin PIN (" + std::to_string(core::kPinMinDigits) + " to " +
                             std::to_string(core::kPinMaxDigits) + " digits): ";
  switch (core::read_new_secret(in, interactive, err, prompt, pin)) {
    case core::SecretRead::missing:
      err << "welcome-kiosk: --set-admin-pin: no PIN on standard input\n";
      return 2;
    case core::SecretRead::differ:
      err << "welcome-kiosk: --set-admin-pin: the two PINs differ; nothing was changed\n";
      return 2;
    case core::SecretRead::ok:
      break;
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
