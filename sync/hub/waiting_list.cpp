// Waiting lists with timed offers (see waiting_list.hpp).
#include "sync/hub/waiting_list.hpp"

#include "kiosk/core/log.hpp"
#include "kiosk/core/registration_code.hpp"
#include "kiosk/core/time.hpp"

#include <algorithm>
#include <map>
#include <set>

namespace wk::hub {

using wk::core::Database;
using wk::core::Statement;

namespace {

// course -> seats the booking needs there.
std::map<std::string, std::int64_t> seats_of(Database& db, std::string_view booking_id) {
  std::map<std::string, std::int64_t> need;
  Statement st = db.prepare("SELECT course_id FROM booking_lines WHERE booking_id = ?1");
  st.bind(1, booking_id);
  while (st.step()) ++need[st.column_text(0)];
  return need;
}

void set_state(Database& db, std::string_view booking_id, const char* state, const char* reason,
               const std::string& now) {
  Statement st = db.prepare(
      "UPDATE bookings SET state = ?2, reason = ?3, offer_expires_at = NULL, updated_at = ?4, version = ?5 WHERE id = "
      "?1");
  st.bind(1, booking_id).bind(2, state);
  if (reason) {
    st.bind(3, reason);
  } else {
    st.bind_null(3);
  }
  st.bind(4, now).bind(5, next_version(db));
  st.step();
}

}  // namespace

std::int64_t expire_due(Database& db, const LedgerContext& ctx) {
  const std::string now = ctx.now_iso();
  std::vector<std::string> expired;
  Statement due = db.prepare(
      "SELECT id FROM bookings WHERE state = 'waiting' AND offer_expires_at IS NOT NULL AND offer_expires_at <= ?1 "
      "ORDER BY seq");
  due.bind(1, now);
  while (due.step()) expired.push_back(due.column_text(0));
  for (const std::string& id : expired) {
    set_state(db, id, "cancelled", "offer_expired", now);
    wk::core::log::info("waiting-list", "offer to booking " + id + " ran out");
  }
  Statement allotments = db.prepare("DELETE FROM allotments WHERE expires_at <= ?1");
  allotments.bind(1, now);
  allotments.step();
  return static_cast<std::int64_t>(expired.size()) + db.changes();
}

std::int64_t advance_waiting_lists(Database& db, const LedgerContext& ctx) {
  const std::string now = ctx.now_iso();
  const std::string offer_until = wk::core::to_iso8601(ctx.now + ctx.policy.offer_ttl);
  // Nothing to do unless a course somebody waits for has a free seat (or is gone).
  std::map<std::string, SeatCount> counts;
  bool any = false;
  Statement courses = db.prepare(
      "SELECT DISTINCT l.course_id FROM booking_lines l JOIN bookings b ON b.id = l.booking_id "
      "WHERE b.state = 'waiting' AND b.offer_expires_at IS NULL");
  while (courses.step()) {
    const std::string course = courses.column_text(0);
    const SeatCount n = seat_count(db, course, now);
    any = any || !n.live || n.free() > 0;
    counts.emplace(course, n);
  }
  if (!any) return 0;
  std::set<std::string> blocked;  // courses whose first waiting entry could not be served
  std::int64_t offers = 0;
  std::vector<std::string> queue;
  Statement st =
      db.prepare("SELECT id FROM bookings WHERE state = 'waiting' AND offer_expires_at IS NULL ORDER BY seq");
  while (st.step()) queue.push_back(st.column_text(0));

  // True while some course has a free seat that no entry before has blocked.
  const auto open = [&] {
    return std::any_of(counts.begin(), counts.end(), [&](const auto& c) {
      return blocked.count(c.first) == 0 && (!c.second.live || c.second.free() > 0);
    });
  };
  for (const std::string& id : queue) {
    if (!open()) break;
    const auto need = seats_of(db, id);
    bool fits = true, gone = false;
    std::string missing;
    for (const auto& [course, seats] : need) {
      auto it = counts.find(course);
      if (it == counts.end()) it = counts.emplace(course, seat_count(db, course, now)).first;
      if (!it->second.live) {
        gone = true;
        missing = course;
        break;
      }
      if (blocked.count(course) != 0 || it->second.free() < seats) fits = false;
    }
    if (gone) {
      const std::string reason = "course_not_offered:" + missing;
      set_state(db, id, "declined", reason.c_str(), now);
      continue;
    }
    if (!fits) {
      for (const auto& [course, seats] : need) blocked.insert(course);
      continue;
    }
    Statement offer =
        db.prepare("UPDATE bookings SET offer_expires_at = ?2, updated_at = ?3, version = ?4 WHERE id = ?1");
    offer.bind(1, id).bind(2, offer_until).bind(3, now).bind(4, next_version(db));
    offer.step();
    for (const auto& [course, seats] : need) {
      counts[course].offered += seats;
      touch_course(db, course, now);
    }
    ++offers;
    wk::core::log::info("waiting-list", "booking " + id + " is offered its seats until " + offer_until);
  }
  return offers;
}

OfferOutcome answer_offer(Database& db, const LedgerContext& ctx, std::string_view booking_id, std::string_view code,
                          OfferAnswer answer) {
  settle(db, ctx);
  const std::string now = ctx.now_iso();
  Statement st = db.prepare(
      "SELECT code FROM bookings WHERE id = ?1 AND state = 'waiting' AND offer_expires_at IS NOT NULL "
      "AND offer_expires_at > ?2");
  st.bind(1, booking_id).bind(2, now);
  if (!st.step()) return OfferOutcome::no_offer;
  const std::string normalized = wk::core::normalize_registration_code(code);
  if (normalized.empty() || normalized != st.column_text(0)) return OfferOutcome::no_offer;
  st.reset();
  if (answer == OfferAnswer::accept) {
    set_state(db, booking_id, "confirmed", nullptr, now);
    return OfferOutcome::confirmed;
  }
  set_state(db, booking_id, "cancelled", "offer_declined", now);
  for (const auto& [course, seats] : seats_of(db, booking_id)) touch_course(db, course, now);
  advance_waiting_lists(db, ctx);
  return OfferOutcome::declined;
}

std::pair<std::int64_t, std::int64_t> waiting_position(Database& db, std::string_view booking_id) {
  Statement st = db.prepare(
      "WITH mine AS (SELECT course_id FROM booking_lines WHERE booking_id = ?1), "
      "me AS (SELECT seq FROM bookings WHERE id = ?1 AND state = 'waiting' AND offer_expires_at IS NULL), "
      "queue AS (SELECT DISTINCT b.id, b.seq FROM bookings b JOIN booking_lines l ON l.booking_id = b.id "
      "          WHERE b.state = 'waiting' AND b.offer_expires_at IS NULL AND l.course_id IN (SELECT course_id FROM "
      "mine)) "
      "SELECT (SELECT count(*) FROM queue WHERE seq <= (SELECT seq FROM me)), (SELECT count(*) FROM queue), "
      "       (SELECT count(*) FROM me)");
  st.bind(1, booking_id);
  st.step();
  if (st.column_int64(2) == 0) return {0, 0};
  return {st.column_int64(0), st.column_int64(1)};
}

}  // namespace wk::hub
