// The booking ledger (see booking_ledger.hpp).
#include "sync/hub/booking_ledger.hpp"

#include "kiosk/core/log.hpp"
#include "kiosk/core/registration_code.hpp"
#include "kiosk/core/time.hpp"
#include "sync/hub/allotments.hpp"
#include "sync/hub/waiting_list.hpp"

#include <algorithm>
#include <map>
#include <set>

namespace wk::hub {

using nlohmann::json;
using wk::core::Database;
using wk::core::Statement;

const std::string_view kBookingLedgerSchema = R"sql(
-- Bookings as received; seq is the order of arrival, which decides who gets a seat first.
-- state: confirmed (every line has its seat), waiting (on the waiting list as one entry),
-- declined (reason says why: a course it names is not offered), cancelled.
CREATE TABLE bookings (
    seq          INTEGER PRIMARY KEY AUTOINCREMENT,
    id           TEXT NOT NULL UNIQUE,
    terminal_id  TEXT NOT NULL REFERENCES terminals (id),
    change_id    TEXT NOT NULL,
    code         TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    received_at  TEXT NOT NULL,
    state        TEXT NOT NULL CHECK (state IN ('confirmed', 'waiting', 'declined', 'cancelled')),
    reason       TEXT,
    updated_at   TEXT NOT NULL
);
-- One seat each: person 0 is the registered person, 1.. their family members.
CREATE TABLE booking_lines (
    booking_id  TEXT NOT NULL REFERENCES bookings (id),
    course_id   TEXT NOT NULL,
    person      INTEGER NOT NULL CHECK (person BETWEEN 0 AND 20),
    PRIMARY KEY (booking_id, course_id, person)
) WITHOUT ROWID;
CREATE INDEX booking_lines_course ON booking_lines (course_id);
)sql";

const std::string_view kBookingVersionSchema = R"sql(
ALTER TABLE bookings ADD COLUMN version INTEGER;
UPDATE bookings SET version = (SELECT value FROM counters WHERE name = 'catalog_version');
CREATE INDEX bookings_terminal_version ON bookings (terminal_id, version);
)sql";

const std::string_view kSeatLeaseSchema = R"sql(
-- Seats set aside for one terminal until expires_at (allotments.hpp); rows run out, they are
-- not kept once expired or used up.
CREATE TABLE allotments (
    course_id    TEXT NOT NULL,
    terminal_id  TEXT NOT NULL REFERENCES terminals (id),
    seats        INTEGER NOT NULL CHECK (seats > 0),
    granted_at   TEXT NOT NULL,
    expires_at   TEXT NOT NULL,
    PRIMARY KEY (course_id, terminal_id)
) WITHOUT ROWID;
CREATE INDEX allotments_terminal ON allotments (terminal_id);
-- A waiting booking holds an offer of seats until offer_expires_at (waiting_list.hpp).
ALTER TABLE bookings ADD COLUMN offer_expires_at TEXT;
-- The terminal confirmed the booking itself, from its allotment.
ALTER TABLE bookings ADD COLUMN allotted INTEGER NOT NULL DEFAULT 0;
CREATE INDEX bookings_state ON bookings (state, seq);
CREATE INDEX bookings_code ON bookings (code);
CREATE INDEX registrations_code ON registrations (json_extract(payload, '$.code'));
)sql";

std::string LedgerContext::now_iso() const {
  return wk::core::to_iso8601(now);
}

std::int64_t next_version(Database& db) {
  Statement next = db.prepare("UPDATE counters SET value = value + 1 WHERE name = 'catalog_version' RETURNING value");
  next.step();
  const std::int64_t v = next.column_int64(0);
  next.reset();
  return v;
}

void touch_course(Database& db, std::string_view course_id, const std::string& now) {
  const std::int64_t version = next_version(db);
  Statement st = db.prepare(
      "UPDATE catalog_items SET version = ?2, updated_at = ?3 WHERE kind = 'course' AND id = ?1 AND deleted = 0");
  st.bind(1, course_id).bind(2, version).bind(3, now);
  st.step();
}

SeatCount seat_count(Database& db, std::string_view course_id, const std::string& now) {
  SeatCount n;
  Statement st = db.prepare("SELECT data FROM catalog_items WHERE kind = 'course' AND id = ?1 AND deleted = 0");
  st.bind(1, course_id);
  if (!st.step()) return n;
  n.live = true;
  const json data = json::parse(st.column_text(0), nullptr, false);
  if (data.is_object()) {
    const auto it = data.find("capacity");
    if (it != data.end() && it->is_number_integer()) n.capacity = it->get<std::int64_t>();
  }
  Statement held = db.prepare(
      "SELECT coalesce(sum(b.state = 'confirmed'), 0), "
      "       coalesce(sum(b.state = 'waiting' AND b.offer_expires_at > ?2), 0) "
      "FROM booking_lines l JOIN bookings b ON b.id = l.booking_id WHERE l.course_id = ?1");
  held.bind(1, course_id).bind(2, now);
  held.step();
  n.confirmed = held.column_int64(0);
  n.offered = held.column_int64(1);
  Statement allotted =
      db.prepare("SELECT coalesce(sum(seats), 0) FROM allotments WHERE course_id = ?1 AND expires_at > ?2");
  allotted.bind(1, course_id).bind(2, now);
  allotted.step();
  n.allotted = allotted.column_int64(0);
  return n;
}

void settle(Database& db, const LedgerContext& ctx) {
  // Only what ran out frees seats here; every other change that frees seats moves the waiting
  // lists on itself (cancel, decline, import, returned allotments).
  if (expire_due(db, ctx) > 0) advance_waiting_lists(db, ctx);
}

namespace {

[[noreturn]] void reject(const std::string& field, std::string_view problem) {
  throw BookingRejected(field + ": " + std::string(problem));
}

const json& member(const json& object, const char* key) {
  const auto it = object.find(key);
  if (it == object.end()) reject(std::string("payload.") + key, "missing");
  return *it;
}

const std::string& text_member(const json& object, const char* key) {
  const json& v = member(object, key);
  if (!v.is_string() || v.get_ref<const std::string&>().empty())
    reject(std::string("payload.") + key, "expected a non-empty string");
  return v.get_ref<const std::string&>();
}

void only_keys(const json& object, std::initializer_list<const char*> keys) {
  for (const auto& [key, value] : object.items()) {
    if (std::none_of(keys.begin(), keys.end(), [&key = key](const char* k) { return key == k; }))
      reject("payload." + key, "unknown field");
  }
}

// Whether anybody waits for the course (with or without an offer).
bool has_waiting(Database& db, std::string_view course_id) {
  Statement st = db.prepare(
      "SELECT 1 FROM booking_lines l JOIN bookings b ON b.id = l.booking_id "
      "WHERE l.course_id = ?1 AND b.state = 'waiting' LIMIT 1");
  st.bind(1, course_id);
  return st.step();
}

void insert_booking(Database& db, const LedgerContext& ctx, std::string_view terminal_id, const wk::sync::Change& c) {
  const std::string received_at = ctx.now_iso();
  const json& p = c.payload;
  if (!p.is_object()) reject("payload", "expected an object");
  only_keys(p, {"id", "created_at", "terminal_id", "code", "lines", "allotted"});
  bool allotted = false;
  if (const auto it = p.find("allotted"); it != p.end()) {
    if (!it->is_boolean()) reject("payload.allotted", "expected true or false");
    allotted = it->get<bool>();
  }
  if (text_member(p, "id") != c.entity_id) reject("payload.id", "does not match entity_id");
  if (!wk::core::is_iso8601(text_member(p, "created_at"))) reject("payload.created_at", "not a timestamp");
  if (text_member(p, "terminal_id") != terminal_id) reject("payload.terminal_id", "not the terminal that sent it");
  const std::string code = wk::core::normalize_registration_code(text_member(p, "code"));
  if (code.empty() || code != text_member(p, "code")) reject("payload.code", "not a registration code");
  const json& lines = member(p, "lines");
  if (!lines.is_array() || lines.empty() || lines.size() > kMaxBookingLines)
    reject("payload.lines", "expected an array of 1.." + std::to_string(kMaxBookingLines) + " lines");
  std::set<std::pair<std::string, int>> seen;
  std::map<std::string, std::int64_t> seats;  // course -> seats this booking needs
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const std::string at = "payload.lines[" + std::to_string(i + 1) + "]";
    const json& line = lines[i];
    if (!line.is_object()) reject(at, "expected an object {course_id, person}");
    for (const auto& [key, value] : line.items())
      if (key != "course_id" && key != "person") reject(at + "." + key, "unknown field");
    const auto course = line.find("course_id");
    if (course == line.end() || !course->is_string() || course->get_ref<const std::string&>().empty() ||
        course->get_ref<const std::string&>().size() > wk::sync::kMaxItemIdChars)
      reject(at + ".course_id", "expected a course id");
    const auto person = line.find("person");
    if (person == line.end() || !person->is_number_integer() || person->get<std::int64_t>() < 0 ||
        person->get<std::int64_t>() > kMaxBookingPerson)
      reject(at + ".person", "expected 0.." + std::to_string(kMaxBookingPerson));
    if (!seen.emplace(course->get<std::string>(), person->get<int>()).second)
      reject(at, "the same person twice in one course");
    ++seats[course->get<std::string>()];
  }
  Statement exists = db.prepare("SELECT 1 FROM bookings WHERE id = ?1");
  exists.bind(1, c.entity_id);
  if (exists.step()) reject("entity_id", "booking already received");

  // Decide: declined if a course is not offered; confirmed if every course has the seats
  // (the free ones and this terminal's own allotment) and, where people wait for the course,
  // the terminal's allotment covers it; else the whole booking waits.
  std::string state = "confirmed", reason;
  for (const auto& [course, need] : seats) {
    const SeatCount n = seat_count(db, course, received_at);
    if (!n.live) {
      state = "declined";
      reason = "course_not_offered:" + course;
      break;
    }
    const std::int64_t own = allotted_to(db, terminal_id, course, received_at);
    if (need > n.free() + own || (has_waiting(db, course) && need > own)) state = "waiting";
  }
  Statement st = db.prepare(
      "INSERT INTO bookings (id, terminal_id, change_id, code, created_at, received_at, state, reason, updated_at, "
      "version, allotted) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?6, ?9, ?10)");
  st.bind(1, c.entity_id).bind(2, terminal_id).bind(3, c.change_id).bind(4, code);
  st.bind(5, p["created_at"].get<std::string>()).bind(6, received_at).bind(7, state);
  if (reason.empty()) {
    st.bind_null(8);
  } else {
    st.bind(8, reason);
  }
  st.bind(9, next_version(db));
  st.bind(10, static_cast<std::int64_t>(allotted ? 1 : 0));
  st.step();
  Statement line = db.prepare("INSERT INTO booking_lines (booking_id, course_id, person) VALUES (?1, ?2, ?3)");
  for (const auto& [course, person] : seen) {
    line.reset();
    line.bind(1, c.entity_id).bind(2, course).bind(3, static_cast<std::int64_t>(person));
    line.step();
  }
  if (state == "confirmed") {
    for (const auto& [course, need] : seats) {
      use_allotment(db, terminal_id, course, need, received_at);
      touch_course(db, course, received_at);
    }
  }
  if (allotted && state != "confirmed") {
    // The terminal promised seats it no longer held here (its allotment ran out before the
    // booking arrived): logged so an operator can see how often that happens.
    wk::core::log::warn("booking-ledger", "booking " + c.entity_id + " from " + std::string(terminal_id) +
                                              " was confirmed from an allotment that ran out; now " + state);
  }
}

void cancel_booking(Database& db, const LedgerContext& ctx, std::string_view terminal_id, const wk::sync::Change& c) {
  const std::string now = ctx.now_iso();
  const json& p = c.payload;
  if (!p.is_object()) reject("payload", "expected an object");
  only_keys(p, {"id", "code"});
  if (text_member(p, "id") != c.entity_id) reject("payload.id", "does not match entity_id");
  Statement find = db.prepare("SELECT state, terminal_id, code FROM bookings WHERE id = ?1");
  find.bind(1, c.entity_id);
  if (!find.step()) reject("entity_id", "no such booking");
  const std::string was = find.column_text(0), owner = find.column_text(1), code = find.column_text(2);
  find.reset();
  // Another terminal cancels with the booking's code, typed by the newcomer there.
  if (owner != terminal_id || p.contains("code")) {
    if (!p.contains("code") || wk::core::normalize_registration_code(text_member(p, "code")) != code)
      reject("payload.code", "not the booking's code");
  }
  if (was == "cancelled" || was == "declined") return;  // nothing held: nothing to free
  Statement st = db.prepare(
      "UPDATE bookings SET state = 'cancelled', reason = NULL, offer_expires_at = NULL, updated_at = ?2, version = ?3 "
      "WHERE id = ?1");
  st.bind(1, c.entity_id).bind(2, now).bind(3, next_version(db));
  st.step();
  if (was == "confirmed") {
    Statement courses = db.prepare("SELECT DISTINCT course_id FROM booking_lines WHERE booking_id = ?1");
    courses.bind(1, c.entity_id);
    std::vector<std::string> ids;
    while (courses.step()) ids.push_back(courses.column_text(0));
    for (const auto& id : ids) touch_course(db, id, now);
  }
  advance_waiting_lists(db, ctx);
}

}  // namespace

void apply_booking_change(Database& db, const LedgerContext& ctx, std::string_view terminal_id,
                          const wk::sync::Change& c) {
  settle(db, ctx);
  if (c.op == "insert") {
    insert_booking(db, ctx, terminal_id, c);
  } else if (c.op == "delete") {
    cancel_booking(db, ctx, terminal_id, c);
  } else {
    reject("op", "expected insert or delete (cancel) for a booking");
  }
}

std::int64_t confirmed_seats(Database& db, std::string_view course_id) {
  Statement st = db.prepare(
      "SELECT count(*) FROM booking_lines l JOIN bookings b ON b.id = l.booking_id "
      "WHERE l.course_id = ?1 AND b.state = 'confirmed'");
  st.bind(1, course_id);
  st.step();
  return st.column_int64(0);
}

void add_seats_free(Database& db, std::string_view course_id, json& data, const std::string& now) {
  const auto it = data.find("capacity");
  const std::int64_t capacity = it != data.end() && it->is_number_integer() ? it->get<std::int64_t>() : 0;
  Statement st = db.prepare(
      "SELECT count(*) FROM booking_lines l JOIN bookings b ON b.id = l.booking_id "
      "WHERE l.course_id = ?1 AND (b.state = 'confirmed' OR (b.state = 'waiting' AND b.offer_expires_at > ?2))");
  st.bind(1, course_id).bind(2, now);
  st.step();
  data["seats_free"] = std::max<std::int64_t>(0, capacity - st.column_int64(0));
}

std::optional<std::string> capacity_problem(Database& db, std::string_view course_id, const json& data,
                                            const std::string& now) {
  const auto it = data.find("capacity");
  if (it == data.end() || !it->is_number_integer()) return std::nullopt;
  const SeatCount n = seat_count(db, course_id, now);
  const std::int64_t booked = confirmed_seats(db, course_id);
  const std::int64_t held = booked + n.offered + n.allotted;
  if (it->get<std::int64_t>() >= held) return std::nullopt;
  std::string why = "capacity " + std::to_string(it->get<std::int64_t>()) + " is below the " + std::to_string(held) +
                    " seats already booked";
  if (n.offered + n.allotted > 0)
    why += " (" + std::to_string(booked) + "), offered (" + std::to_string(n.offered) + ") or allotted to terminals (" +
           std::to_string(n.allotted) +
           "; allotments run out within a day, or try again after the terminals' next sync)";
  return why;
}

std::vector<wk::sync::BookingState> booking_states_since(Database& db, std::string_view terminal_id, std::int64_t after,
                                                         int limit) {
  std::vector<wk::sync::BookingState> out;
  Statement st = db.prepare(
      "SELECT id, version, CASE WHEN state = 'waiting' AND offer_expires_at IS NOT NULL THEN 'offered' ELSE state END "
      "FROM bookings WHERE terminal_id = ?1 AND version > ?2 ORDER BY version LIMIT ?3");
  st.bind(1, terminal_id).bind(2, after).bind(3, static_cast<std::int64_t>(limit));
  while (st.step()) out.push_back({st.column_text(0), st.column_int64(1), st.column_text(2)});
  return out;
}

std::vector<CourseFigures> course_figures(Database& db, const std::string& now) {
  std::vector<CourseFigures> out;
  Statement st = db.prepare(
      "SELECT c.id, "
      "  (SELECT count(*) FROM booking_lines l JOIN bookings b ON b.id = l.booking_id "
      "   WHERE l.course_id = c.id AND b.state = 'waiting' AND b.offer_expires_at IS NULL), "
      "  (SELECT count(DISTINCT b.id) FROM booking_lines l JOIN bookings b ON b.id = l.booking_id "
      "   WHERE l.course_id = c.id AND b.state = 'waiting' AND b.offer_expires_at IS NOT NULL) "
      "FROM catalog_items c WHERE c.kind = 'course' AND c.deleted = 0 ORDER BY c.id");
  while (st.step()) {
    CourseFigures f;
    f.id = st.column_text(0);
    const SeatCount n = seat_count(db, f.id, now);
    f.capacity = n.capacity;
    f.confirmed = n.confirmed;
    f.offered = n.offered;
    f.allotted = n.allotted;
    f.waiting = st.column_int64(1);
    f.offers = st.column_int64(2);
    out.push_back(std::move(f));
  }
  return out;
}

std::vector<std::string> check_ledger(Database& db, const std::string& now) {
  std::vector<std::string> problems;
  for (const CourseFigures& f : course_figures(db, now)) {
    if (f.confirmed + f.offered + f.allotted > f.capacity)
      problems.push_back("course " + f.id + ": " + std::to_string(f.confirmed) + " confirmed + " +
                         std::to_string(f.offered) + " offered + " + std::to_string(f.allotted) +
                         " allotted > capacity " + std::to_string(f.capacity));
  }
  Statement orphans = db.prepare(
      "SELECT b.id FROM bookings b WHERE NOT EXISTS (SELECT 1 FROM booking_lines l WHERE l.booking_id = b.id)");
  while (orphans.step()) problems.push_back("booking " + orphans.column_text(0) + ": has no lines");
  Statement offers = db.prepare("SELECT id FROM bookings WHERE offer_expires_at IS NOT NULL AND state <> 'waiting'");
  while (offers.step()) problems.push_back("booking " + offers.column_text(0) + ": holds an offer but does not wait");
  Statement stale = db.prepare(
      "SELECT course_id, terminal_id FROM allotments a WHERE NOT EXISTS "
      "(SELECT 1 FROM catalog_items c WHERE c.kind = 'course' AND c.id = a.course_id AND c.deleted = 0) "
      "AND a.expires_at > ?1");
  stale.bind(1, now);
  while (stale.step())
    problems.push_back("allotment of " + stale.column_text(1) + ": course " + stale.column_text(0) + " is not offered");
  return problems;
}

std::vector<ParticipantRow> participant_rows(Database& db, std::string_view course_id) {
  std::vector<ParticipantRow> out;
  Statement st = db.prepare(
      "SELECT l.course_id, b.id, b.state, b.code, b.received_at, l.person, "
      "  (SELECT payload FROM registrations r WHERE json_extract(r.payload, '$.code') = b.code "
      "   ORDER BY r.seq DESC LIMIT 1) "
      "FROM booking_lines l JOIN bookings b ON b.id = l.booking_id "
      "WHERE (?1 = '' OR l.course_id = ?1) AND b.state IN ('confirmed', 'waiting') "
      "ORDER BY l.course_id, b.seq, l.person");
  st.bind(1, course_id);
  while (st.step()) {
    ParticipantRow row{st.column_text(0),
                       st.column_text(1),
                       st.column_text(2),
                       st.column_text(3),
                       st.column_text(4),
                       static_cast<int>(st.column_int64(5)),
                       {},
                       {},
                       {}};
    if (!st.column_is_null(6)) {
      const json reg = json::parse(st.column_text(6), nullptr, false);
      const json* who = nullptr;
      if (row.person == 0) {
        who = &reg;
      } else if (reg.contains("family_members") && reg["family_members"].is_array() &&
                 static_cast<std::size_t>(row.person) <= reg["family_members"].size()) {
        who = &reg["family_members"][static_cast<std::size_t>(row.person - 1)];
      }
      auto field = [&](const char* key) {
        return who && who->is_object() && who->contains(key) && (*who)[key].is_string() ? (*who)[key].get<std::string>()
                                                                                        : std::string();
      };
      row.given_names = field("given_names");
      row.family_name = field("family_name");
      row.birth_date = field("birth_date");
    }
    out.push_back(std::move(row));
  }
  return out;
}

std::optional<LedgerBooking> find_booking(Database& db, std::string_view id) {
  Statement st = db.prepare(
      "SELECT id, terminal_id, code, CASE WHEN state = 'waiting' AND offer_expires_at IS NOT NULL THEN 'offered' ELSE "
      "state END, coalesce(reason, ''), coalesce(offer_expires_at, ''), allotted FROM bookings WHERE id = ?1");
  st.bind(1, id);
  if (!st.step()) return std::nullopt;
  LedgerBooking b{st.column_text(0), st.column_text(1), st.column_text(2),       st.column_text(3),
                  st.column_text(4), st.column_text(5), st.column_int64(6) != 0, {}};
  Statement lines =
      db.prepare("SELECT course_id, person FROM booking_lines WHERE booking_id = ?1 ORDER BY course_id, person");
  lines.bind(1, id);
  while (lines.step()) b.lines.emplace_back(lines.column_text(0), static_cast<int>(lines.column_int64(1)));
  return b;
}

}  // namespace wk::hub
