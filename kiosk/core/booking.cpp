// Course bookings at the terminal (see booking.hpp).
#include "kiosk/core/booking.hpp"

#include "kiosk/core/allotment.hpp"
#include "kiosk/core/outbox.hpp"
#include "kiosk/core/usage_counts.hpp"
#include "sync/protocol/usage_payload.hpp"
#include "kiosk/core/registration_code.hpp"
#include "kiosk/core/time.hpp"
#include "kiosk/core/uuid.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>
#include <set>

namespace wk::core {
namespace {

constexpr std::string_view kEntity = "booking";
constexpr std::size_t kMaxCourseIdBytes = 512;  // 128 code points of UTF-8

std::vector<BookingLine> load_lines(Database& db, std::string_view id) {
  std::vector<BookingLine> lines;
  Statement st =
      db.prepare("SELECT course_id, person FROM booking_lines WHERE booking_id = ?1 ORDER BY course_id, person");
  st.bind(1, id);
  while (st.step()) lines.push_back({st.column_text(0), static_cast<int>(st.column_int64(1))});
  return lines;
}

// Counts each line of booking `id` under `metric`, keyed by its course's type ("unknown" when the
// course or its type is not held, or the type is not a usable key).
void count_lines_by_course_type(Database& db, const std::string& id, std::string_view metric) {
  Statement st = db.prepare(
      "SELECT coalesce(json_extract(c.data, '$.course_type'), 'unknown'), count(*) FROM booking_lines l"
      " LEFT JOIN catalog_items c ON c.kind = 'course' AND c.id = l.course_id AND c.deleted = 0"
      " WHERE l.booking_id = ?1 GROUP BY 1");
  st.bind(1, id);
  std::vector<std::pair<std::string, std::int64_t>> by_type;
  while (st.step()) by_type.emplace_back(st.column_text(0), st.column_int64(1));
  const auto now = std::chrono::system_clock::now();
  for (auto& [type, n] : by_type) count_usage(db, metric, sync::is_usage_key(type) ? type : "unknown", n, now);
}

}  // namespace

StoredBooking commit_booking(Store& store, const NewBooking& booking, std::string_view terminal_id,
                             std::chrono::system_clock::time_point now) {
  const std::string code = normalize_registration_code(booking.code);
  if (code.empty()) throw BookingError("code", "not a registration code");
  if (booking.lines.empty() || booking.lines.size() > kMaxBookingLines)
    throw BookingError("lines", "expected 1.." + std::to_string(kMaxBookingLines) + " lines");
  std::set<std::pair<std::string, int>> seen;
  for (std::size_t i = 0; i < booking.lines.size(); ++i) {
    const BookingLine& l = booking.lines[i];
    const std::string at = "lines[" + std::to_string(i + 1) + "]";
    if (l.course_id.empty() || l.course_id.size() > kMaxCourseIdBytes)
      throw BookingError(at + ".course_id", "empty or too long");
    if (l.person < 0 || l.person > kMaxBookingPerson)
      throw BookingError(at + ".person", "expected 0.." + std::to_string(kMaxBookingPerson));
    if (!seen.emplace(l.course_id, l.person).second) throw BookingError(at, "the same person twice in one course");
  }
  StoredBooking b;
  b.id = uuid_v7();
  b.code = code;
  b.created_at = to_iso8601(now);
  for (const auto& [course, person] : seen) b.lines.push_back({course, person});
  std::map<std::string, std::int64_t> need;
  for (const auto& l : b.lines) ++need[l.course_id];

  nlohmann::json lines = nlohmann::json::array();
  for (const auto& l : b.lines) lines.push_back({{"course_id", l.course_id}, {"person", l.person}});
  store.transact([&](Database& db) {
    // Confirmed here only if every course's allotment covers it (all or nothing).
    const auto usable = usable_allotments(db, now);
    b.allotted = std::all_of(need.begin(), need.end(), [&](const auto& n) {
      const auto it = usable.find(n.first);
      return it != usable.end() && it->second >= n.second;
    });
    if (b.allotted)
      for (const auto& [course, seats] : need) take_allotment(db, course, seats, now);
    b.state = b.allotted ? "confirmed" : "requested";
    Statement st = db.prepare(
        "INSERT INTO bookings (id, code, created_at, state, updated_at, allotted) VALUES (?1, ?2, ?3, ?4, ?3, ?5)");
    st.bind(1, b.id).bind(2, b.code).bind(3, b.created_at).bind(4, b.state);
    st.bind(5, static_cast<std::int64_t>(b.allotted ? 1 : 0));
    st.step();
    Statement line = db.prepare("INSERT INTO booking_lines (booking_id, course_id, person) VALUES (?1, ?2, ?3)");
    for (const auto& l : b.lines) {
      line.reset();
      line.bind(1, b.id).bind(2, l.course_id).bind(3, static_cast<std::int64_t>(l.person));
      line.step();
    }
    nlohmann::json payload = {{"id", b.id},
                              {"created_at", b.created_at},
                              {"terminal_id", std::string(terminal_id)},
                              {"code", b.code},
                              {"lines", lines}};
    if (b.allotted) payload["allotted"] = true;
    enqueue(db, OutboxChange{std::string(kEntity), b.id, "insert", std::move(payload)});
    count_lines_by_course_type(db, b.id, "bookings");
  });
  return b;
}

std::optional<StoredBooking> load_booking(Database& db, std::string_view id) {
  Statement st = db.prepare("SELECT id, code, created_at, state, allotted FROM bookings WHERE id = ?1");
  st.bind(1, id);
  if (!st.step()) return std::nullopt;
  StoredBooking b{st.column_text(0),      st.column_text(1), st.column_text(2), st.column_text(3), {},
                  st.column_int64(4) != 0};
  b.lines = load_lines(db, b.id);
  return b;
}

std::vector<StoredBooking> bookings_for_code(Database& db, std::string_view code) {
  std::vector<StoredBooking> out;
  const std::string canonical = normalize_registration_code(code);
  if (canonical.empty()) return out;
  Statement st = db.prepare(
      "SELECT id, code, created_at, state, allotted FROM bookings WHERE code = ?1 "
      "ORDER BY created_at DESC, id DESC");
  st.bind(1, canonical);
  while (st.step())
    out.push_back(
        {st.column_text(0), st.column_text(1), st.column_text(2), st.column_text(3), {}, st.column_int64(4) != 0});
  for (auto& b : out) b.lines = load_lines(db, b.id);
  return out;
}

std::int64_t apply_booking_states(Database& db, const std::vector<std::pair<std::string, std::string>>& states) {
  static const std::set<std::string, std::less<>> kKnown{"confirmed", "waiting", "offered", "declined", "cancelled"};
  Statement st = db.prepare(
      "UPDATE bookings SET state = ?2, updated_at = ?3 WHERE id = ?1 AND state <> 'cancelled' AND state <> ?2");
  const std::string now = utc_now_iso8601();
  std::int64_t changed = 0;
  for (const auto& [id, state] : states) {
    if (kKnown.count(state) == 0) continue;
    st.reset();
    st.bind(1, id).bind(2, state).bind(3, now);
    st.step();
    const bool now_waiting = db.changes() > 0 && state == "waiting";
    changed += db.changes();
    if (now_waiting) count_lines_by_course_type(db, id, "waitlist");
  }
  return changed;
}

bool cancel_booking(Store& store, std::string_view id) {
  return store.transact([&](Database& db) {
    Statement st = db.prepare(
        "UPDATE bookings SET state = 'cancelled', updated_at = ?2 WHERE id = ?1 AND state NOT IN ('cancelled', "
        "'declined')");
    st.bind(1, id).bind(2, utc_now_iso8601());
    st.step();
    if (db.changes() == 0) return false;
    enqueue(db, OutboxChange{std::string(kEntity), std::string(id), "delete", {{"id", std::string(id)}}});
    return true;
  });
}

bool cancel_booking_with_code(Store& store, std::string_view id, std::string_view typed) {
  const std::string code = normalize_registration_code(typed);
  if (code.empty() || id.empty() || id.size() > 64) return false;
  return store.transact([&](Database& db) {
    Statement held = db.prepare("SELECT code, state FROM bookings WHERE id = ?1");
    held.bind(1, id);
    if (held.step()) {
      if (held.column_text(0) != code) return false;
      const std::string state = held.column_text(1);
      if (state == "cancelled" || state == "declined") return false;
      Statement st = db.prepare("UPDATE bookings SET state = 'cancelled', updated_at = ?2 WHERE id = ?1");
      st.bind(1, id).bind(2, utc_now_iso8601());
      st.step();
    }
    enqueue(db,
            OutboxChange{std::string(kEntity), std::string(id), "delete", {{"id", std::string(id)}, {"code", code}}});
    return true;
  });
}

}  // namespace wk::core
