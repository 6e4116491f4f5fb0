// The hub's booking ledger: every course booking terminals pushed, its lines (which person of a
// registration in which course) and its state, and what follows from it — the free seats of
// each course, which the hub computes instead of importing (sync/CATALOG.md "course").
//
// A booking is all or nothing: every line is confirmed together, or the whole booking waits,
// or it is declined as a whole (a course it names is not offered). Bookings are decided in
// arrival order; a course that has a waiting list confirms nobody ahead of it, except from the
// sending terminal's own allotment (allotments.hpp). Every change of a course's confirmed or
// offered seats gives the course item a new catalog version, so terminals pull the new
// `seats_free` with their next pull.
//
// The invariant every function keeps, checked by check_ledger(): for every course,
// confirmed + offered (waiting_list.hpp) + outstanding allotments <= capacity.
//
// Every function runs inside the caller's transaction on the hub database (HubStore holds the
// lock); nothing here logs personal data (codes included).
#pragma once

#include "kiosk/core/database.hpp"
#include "sync/protocol/messages.hpp"

#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace wk::hub {

// The ledger's tables (hub schema version 4), and version 5: each booking's version on the
// catalog counter, set whenever its state is set, so it travels back with the terminal's pull.
extern const std::string_view kBookingLedgerSchema;
extern const std::string_view kBookingVersionSchema;

// Version 6: allotments, offers to the waiting list, and which bookings claimed an allotment.
extern const std::string_view kSeatLeaseSchema;

// The operator's settings for seats (welcome-hub serve --allotment-seats, --allotment-hours,
// --offer-hours).
struct BookingPolicy {
  std::int64_t allotment_seats = 2;  // per terminal and course; 0: none
  std::chrono::seconds allotment_ttl = std::chrono::hours(24);
  std::chrono::seconds offer_ttl = std::chrono::hours(48);
};

// What every ledger function needs: the policy, and the one clock all its times come from
// (HubStore::set_clock lets tests set it).
struct LedgerContext {
  BookingPolicy policy;
  std::chrono::system_clock::time_point now;
  std::string now_iso() const;
};

// Seats of one course as the invariant counts them.
struct SeatCount {
  bool live = false;  // a live course item (else every figure is 0)
  std::int64_t capacity = 0, confirmed = 0, offered = 0, allotted = 0;
  std::int64_t free() const { return capacity - confirmed - offered - allotted; }
};
SeatCount seat_count(wk::core::Database& db, std::string_view course_id, const std::string& now_iso);

// A pushed booking change the hub refuses; what() is "field: problem" (the change's reason).
class BookingRejected : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Most lines one booking may hold, and the highest person index (0 the registered person,
// 1.. their family members in the registration's order).
inline constexpr std::size_t kMaxBookingLines = 20;
inline constexpr int kMaxBookingPerson = 20;

// Applies a pushed change of entity "booking" (PROTOCOL.md "Bookings"): op "insert" records
// and decides a new booking, op "delete" cancels one (any terminal may, with the booking's
// code). Throws BookingRejected for a change that breaks the schema (nothing written).
void apply_booking_change(wk::core::Database& db, const LedgerContext& ctx, std::string_view terminal_id,
                          const wk::sync::Change& c);

// Brings the ledger to `ctx.now`: offers and allotments that ran out end, and freed seats are
// offered to the waiting lists (waiting_list.hpp). Idempotent; run before every decision.
void settle(wk::core::Database& db, const LedgerContext& ctx);

// A new catalog version for course `course_id`, so terminals pull its new seats_free.
void touch_course(wk::core::Database& db, std::string_view course_id, const std::string& now_iso);

// The next value of the catalog counter (items and booking states share it).
std::int64_t next_version(wk::core::Database& db);

// Seats of `course_id` held by confirmed bookings.
std::int64_t confirmed_seats(wk::core::Database& db, std::string_view course_id);

// `data` of a live course item with "seats_free" set: capacity less confirmed and offered
// seats (seats allotted to terminals are still bookable there, so they count as free).
void add_seats_free(wk::core::Database& db, std::string_view course_id, nlohmann::json& data,
                    const std::string& now_iso);

// Why `data` cannot replace course `course_id` ("capacity 10 is below the 12 seats already
// booked, offered or allotted"), or nullopt.
std::optional<std::string> capacity_problem(wk::core::Database& db, std::string_view course_id,
                                            const nlohmann::json& data, const std::string& now_iso);

// The states of terminal `terminal_id`'s bookings with a version after `after`, by version, at
// most `limit`. A waiting booking holding an offer is "offered" on the wire.
std::vector<wk::sync::BookingState> booking_states_since(wk::core::Database& db, std::string_view terminal_id,
                                                         std::int64_t after, int limit);

// One live course's figures for `welcome-hub courses list`.
struct CourseFigures {
  std::string id;
  std::int64_t capacity = 0, confirmed = 0, allotted = 0, offered = 0;
  std::int64_t waiting = 0;  // seats of waiting bookings without an offer
  std::int64_t offers = 0;   // bookings holding an offer
};
std::vector<CourseFigures> course_figures(wk::core::Database& db, const std::string& now_iso);

// Every breach of the invariant and of the ledger's own rules, in words for an operator
// ("course c-1: 9 confirmed + 1 offered + 2 allotted > capacity 10"); empty when it holds.
std::vector<std::string> check_ledger(wk::core::Database& db, const std::string& now_iso);

// One participant line for a provider's list: a line of a confirmed or waiting booking, with
// the person's names from the registration of its code when the hub still holds it.
struct ParticipantRow {
  std::string course_id, booking_id, state, code, received_at;
  int person = 0;
  std::string given_names, family_name, birth_date;  // "" when the registration is not held
};
// Every such line (of course `course_id`, or all when empty), by course, then arrival, then person.
std::vector<ParticipantRow> participant_rows(wk::core::Database& db, std::string_view course_id);

// A booking as the ledger holds it (for tests and the export).
struct LedgerBooking {
  std::string id, terminal_id, code, state, reason;  // state as on the wire ("offered" included)
  std::string offer_expires_at;                      // "" unless offered
  bool allotted = false;                             // the terminal confirmed it from its allotment
  std::vector<std::pair<std::string, int>> lines;    // (course id, person)
};
std::optional<LedgerBooking> find_booking(wk::core::Database& db, std::string_view id);

}  // namespace wk::hub
