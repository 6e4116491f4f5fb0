// The hub's booking ledger: every course booking terminals pushed, its lines (which person of a
// registration in which course) and its state, and what follows from it — the free seats of
// each course, which the hub computes instead of importing (sync/CATALOG.md "course").
//
// A booking is all or nothing: every line is confirmed together, or the whole booking waits,
// or it is declined as a whole (a course it names is not offered). Bookings are decided in
// arrival order; a course that has a waiting list confirms nobody ahead of it. Every change of
// a course's confirmed seats gives the course item a new catalog version, so terminals pull
// the new `seats_free` with their next pull.
//
// Every function runs inside the caller's transaction on the hub database (HubStore holds the
// lock); nothing here logs personal data (codes included).
#pragma once

#include "kiosk/core/database.hpp"
#include "sync/protocol/messages.hpp"

#include <nlohmann/json.hpp>

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
// and decides a new booking, op "delete" cancels one. Throws BookingRejected for a change that
// breaks the schema (nothing written).
void apply_booking_change(wk::core::Database& db, std::string_view terminal_id, const wk::sync::Change& c,
                          const std::string& received_at);

// Seats of `course_id` held by confirmed bookings.
std::int64_t confirmed_seats(wk::core::Database& db, std::string_view course_id);

// `data` of a live course item with "seats_free" set from its capacity and the ledger.
void add_seats_free(wk::core::Database& db, std::string_view course_id, nlohmann::json& data);

// Why `data` cannot replace course `course_id` ("capacity 10 is below the 12 seats already
// booked"), or nullopt.
std::optional<std::string> capacity_problem(wk::core::Database& db, std::string_view course_id,
                                            const nlohmann::json& data);

// The states of terminal `terminal_id`'s bookings with a version after `after`, by version, at
// most `limit`.
std::vector<wk::sync::BookingState> booking_states_since(wk::core::Database& db, std::string_view terminal_id,
                                                         std::int64_t after, int limit);

// One live course's figures for `welcome-hub courses list`.
struct CourseFigures {
  std::string id;
  std::int64_t capacity = 0, confirmed = 0, waiting = 0;  // waiting: seats of waiting bookings
};
std::vector<CourseFigures> course_figures(wk::core::Database& db);

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
  std::string id, terminal_id, code, state, reason;
  std::vector<std::pair<std::string, int>> lines;  // (course id, person)
};
std::optional<LedgerBooking> find_booking(wk::core::Database& db, std::string_view id);

}  // namespace wk::hub
