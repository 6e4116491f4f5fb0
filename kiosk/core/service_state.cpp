// The out-of-service flag (see service_state.hpp), a row of the settings table.
#include "kiosk/core/service_state.hpp"

#include "kiosk/core/audit_log.hpp"

namespace wk::core {

bool out_of_service(Database& db) {
  Statement st = db.prepare("SELECT value FROM settings WHERE key = 'out_of_service'");
  return st.step() && st.column_text(0) == "1";
}

void set_out_of_service(Store& store, bool out, std::chrono::system_clock::time_point now) {
  store.transact([&](Database& db) {
    if (out_of_service(db) == out) return;
    if (out)
      db.exec(
          "INSERT INTO settings (key, value) VALUES ('out_of_service', '1') "
          "ON CONFLICT (key) DO UPDATE SET value = '1'");
    else
      db.exec("DELETE FROM settings WHERE key = 'out_of_service'");
    append_audit(db, out ? "out_of_service" : "back_in_service", "", now);
  });
}

}  // namespace wk::core
