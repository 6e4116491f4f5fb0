// Storing call-back requests (see callback.hpp).
#include "kiosk/core/callback.hpp"

#include "kiosk/core/outbox.hpp"
#include "kiosk/core/time.hpp"
#include "kiosk/core/uuid.hpp"

namespace wk::core {
sync::CallbackRequest commit_callback(Store& store, const CallbackAsk& ask, std::string_view terminal_id) {
  sync::CallbackRequest r{uuid_v7(),
                          utc_now_iso8601(),
                          std::string(terminal_id),
                          ask.organisation_id,
                          ask.person_id,
                          ask.topic,
                          ask.language,
                          ask.name,
                          ask.phone,
                          ask.email,
                          ask.registration_code};
  sync::validate_callback(r);
  store.transact([&](Database& db) {
    Statement st = db.prepare(
        "INSERT INTO callbacks (id, created_at, organisation_id, person_id, topic, language, name, phone, email, "
        "registration_code) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)");
    st.bind(1, r.id).bind(2, r.created_at).bind(3, r.organisation_id).bind_or_null(4, r.person_id);
    st.bind(5, r.topic).bind(6, r.language).bind_or_null(7, r.name).bind_or_null(8, r.phone);
    st.bind_or_null(9, r.email).bind_or_null(10, r.registration_code);
    st.step();
    enqueue(db, OutboxChange{"callback", r.id, "insert", sync::write_callback_payload(r)});
  });
  return r;
}

}  // namespace wk::core
