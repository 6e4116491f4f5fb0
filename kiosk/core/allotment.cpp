// The terminal's seat allotments (see allotment.hpp).
#include "kiosk/core/allotment.hpp"

#include "kiosk/core/time.hpp"

#include <algorithm>

namespace wk::core {
namespace {

// Seats of course `course_id` held by bookings confirmed here from an allotment whose change
// the hub has not acknowledged yet.
std::int64_t unsent_allotted_seats(Database& db, std::string_view course_id) {
  Statement st = db.prepare(
      "SELECT count(*) FROM booking_lines l JOIN bookings b ON b.id = l.booking_id "
      "WHERE l.course_id = ?1 AND b.allotted = 1 AND EXISTS (SELECT 1 FROM outbox o WHERE o.entity = 'booking' "
      "AND o.op = 'insert' AND o.entity_id = b.id AND o.acked_at IS NULL AND o.rejected_at IS NULL)");
  st.bind(1, course_id);
  st.step();
  return st.column_int64(0);
}

}  // namespace

void replace_allotments(Database& db, const std::vector<wk::sync::Allotment>& allotments,
                        std::chrono::system_clock::time_point now) {
  db.exec("DELETE FROM allotments");
  Statement st =
      db.prepare("INSERT INTO allotments (course_id, seats_left, usable_until, received_at) VALUES (?1, ?2, ?3, ?4)");
  const std::string received = to_iso8601(now);
  for (const auto& a : allotments) {
    const std::int64_t left = std::max<std::int64_t>(0, a.seats - unsent_allotted_seats(db, a.course_id));
    const auto usable = now + std::chrono::seconds(a.expires_in * 3 / 4);
    st.reset();
    st.bind(1, a.course_id).bind(2, left).bind(3, to_iso8601(usable)).bind(4, received);
    st.step();
  }
}

std::map<std::string, std::int64_t, std::less<>> usable_allotments(Database& db,
                                                                   std::chrono::system_clock::time_point now) {
  std::map<std::string, std::int64_t, std::less<>> out;
  Statement st = db.prepare("SELECT course_id, seats_left FROM allotments WHERE seats_left > 0 AND usable_until > ?1");
  st.bind(1, to_iso8601(now));
  while (st.step()) out.emplace(st.column_text(0), st.column_int64(1));
  return out;
}

bool take_allotment(Database& db, std::string_view course_id, std::int64_t seats,
                    std::chrono::system_clock::time_point now) {
  Statement st = db.prepare(
      "UPDATE allotments SET seats_left = seats_left - ?2 WHERE course_id = ?1 AND seats_left >= ?2 AND usable_until > "
      "?3");
  st.bind(1, course_id).bind(2, seats).bind(3, to_iso8601(now));
  st.step();
  return db.changes() == 1;
}

bool has_unsent_allotted_bookings(Database& db) {
  Statement st = db.prepare(
      "SELECT 1 FROM bookings b WHERE b.allotted = 1 AND EXISTS (SELECT 1 FROM outbox o WHERE o.entity = 'booking' "
      "AND o.op = 'insert' AND o.entity_id = b.id AND o.acked_at IS NULL AND o.rejected_at IS NULL) LIMIT 1");
  return st.step();
}

}  // namespace wk::core
