// Whether staff took the terminal out of service (the admin overlay): kept in the database, so a
// restart keeps it out of service until staff bring it back. Each change is audited with it.
#pragma once

#include <chrono>

#include "kiosk/core/store.hpp"

namespace wk::core {

bool out_of_service(Database& db);
// Sets the state and audits "out_of_service" or "back_in_service" in one transaction; does
// nothing (and audits nothing) when it is already so.
void set_out_of_service(Store& store, bool out, std::chrono::system_clock::time_point now);

}  // namespace wk::core
