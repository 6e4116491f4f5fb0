// Seat allotments (see allotments.hpp).
#include "sync/hub/allotments.hpp"

#include "kiosk/core/course.hpp"
#include "kiosk/core/time.hpp"

#include <algorithm>

namespace wk::hub {

using nlohmann::json;
using wk::core::Database;
using wk::core::Statement;

std::int64_t allotted_to(Database& db, std::string_view terminal_id, std::string_view course_id,
                         const std::string& now) {
  Statement st =
      db.prepare("SELECT seats FROM allotments WHERE course_id = ?1 AND terminal_id = ?2 AND expires_at > ?3");
  st.bind(1, course_id).bind(2, terminal_id).bind(3, now);
  return st.step() ? st.column_int64(0) : 0;
}

void use_allotment(Database& db, std::string_view terminal_id, std::string_view course_id, std::int64_t seats,
                   const std::string& now) {
  const std::int64_t held = allotted_to(db, terminal_id, course_id, now);
  if (held == 0) return;
  if (seats >= held) {
    Statement del = db.prepare("DELETE FROM allotments WHERE course_id = ?1 AND terminal_id = ?2");
    del.bind(1, course_id).bind(2, terminal_id);
    del.step();
    return;
  }
  Statement st = db.prepare("UPDATE allotments SET seats = seats - ?3 WHERE course_id = ?1 AND terminal_id = ?2");
  st.bind(1, course_id).bind(2, terminal_id).bind(3, seats);
  st.step();
}

std::vector<wk::sync::Allotment> grant_allotments(Database& db, const LedgerContext& ctx, std::string_view terminal_id,
                                                  bool pending, bool* released) {
  if (released) *released = false;
  const std::string now = ctx.now_iso();
  const std::string expires_at = wk::core::to_iso8601(ctx.now + ctx.policy.allotment_ttl);
  const auto today = std::chrono::floor<std::chrono::days>(ctx.now);
  Statement courses =
      db.prepare("SELECT id, data FROM catalog_items WHERE kind = 'course' AND deleted = 0 ORDER BY id");
  Statement waiting = db.prepare(
      "SELECT 1 FROM booking_lines l JOIN bookings b ON b.id = l.booking_id "
      "WHERE l.course_id = ?1 AND b.state = 'waiting' LIMIT 1");
  Statement upsert = db.prepare(
      "INSERT INTO allotments (course_id, terminal_id, seats, granted_at, expires_at) VALUES (?1, ?2, ?3, ?4, ?5) "
      "ON CONFLICT (course_id, terminal_id) DO UPDATE SET seats = excluded.seats, granted_at = excluded.granted_at, "
      "expires_at = excluded.expires_at");
  Statement drop = db.prepare("DELETE FROM allotments WHERE course_id = ?1 AND terminal_id = ?2");

  std::vector<std::pair<std::string, std::int64_t>> plan;  // (course, seats to hold), computed before writing
  while (courses.step()) {
    const std::string id = courses.column_text(0);
    const std::int64_t held = allotted_to(db, terminal_id, id, now);
    std::int64_t target = 0;
    const json data = json::parse(courses.column_text(1), nullptr, false);
    const auto course = wk::core::parse_course(id, data);
    waiting.reset();
    waiting.bind(1, id);
    const bool queue = waiting.step();
    if (course && ctx.policy.allotment_seats > 0 && !queue &&
        wk::core::course_open(*course, today) == wk::core::CourseOpen::open) {
      // All terminals together hold at most half of the seats not yet taken, so that
      // requests, decided here in arrival order, keep a fair share.
      const SeatCount n = seat_count(db, id, now);
      const std::int64_t others = n.allotted - held;
      const std::int64_t share = (n.capacity - n.confirmed - n.offered) / 2 - others;
      target = std::clamp<std::int64_t>(std::min(share, n.free() + held), 0, ctx.policy.allotment_seats);
    }
    // Seats the terminal may already have promised are never taken back while its bookings
    // are still on their way.
    if (pending) target = std::max(target, held);
    if (target < held && released) *released = true;
    if (target != held || target > 0) plan.emplace_back(id, target);
  }
  // Allotments of courses no longer live (deleted at the hub) go; with pending they run out.
  if (!pending) {
    Statement gone = db.prepare(
        "DELETE FROM allotments WHERE terminal_id = ?1 AND course_id NOT IN "
        "(SELECT id FROM catalog_items WHERE kind = 'course' AND deleted = 0)");
    gone.bind(1, terminal_id);
    gone.step();
    if (db.changes() > 0 && released) *released = true;
  }
  for (const auto& [id, seats] : plan) {
    if (seats == 0) {
      drop.reset();
      drop.bind(1, id).bind(2, terminal_id);
      drop.step();
      continue;
    }
    upsert.reset();
    upsert.bind(1, id).bind(2, terminal_id).bind(3, seats).bind(4, now).bind(5, expires_at);
    upsert.step();
  }

  std::vector<wk::sync::Allotment> out;
  const std::int64_t ttl = ctx.policy.allotment_ttl.count();
  Statement held = db.prepare(
      "SELECT course_id, seats, expires_at FROM allotments WHERE terminal_id = ?1 AND expires_at > ?2 ORDER BY "
      "course_id");
  held.bind(1, terminal_id).bind(2, now);
  while (held.step()) {
    const auto until = wk::core::from_iso8601(held.column_text(2));
    const std::int64_t left = until ? std::chrono::ceil<std::chrono::seconds>(*until - ctx.now).count() : ttl;
    if (left < 1) continue;
    out.push_back({held.column_text(0), held.column_int64(1), std::min(left, wk::sync::kMaxLeaseSeconds)});
  }
  return out;
}

}  // namespace wk::hub
