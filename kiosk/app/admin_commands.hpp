// The staff commands of welcome-kiosk that run without a window: setting the admin PIN at
// provisioning and checking the audit log's chain.
#pragma once

#include <istream>
#include <ostream>

#include "kiosk/core/store.hpp"

namespace wk::app {

// Reads the PIN from `in`: one line; on a terminal (`interactive`) without echo and twice.
// Returns 0 when it is stored, 2 with the reason on `err` when it is refused (nothing changed).
// The PIN is never written anywhere but as its argon2id hash.
int set_admin_pin_command(core::Store& store, std::istream& in, bool interactive, std::ostream& err);

// Checks the audit log's chain: 0 and the number of entries on `out` when whole, 5 and the first
// problem on `err` when not.
int verify_audit_command(core::Store& store, std::ostream& out, std::ostream& err);

}  // namespace wk::app
