// Course bookings made at this terminal: who (people of one registration, by its code) in which
// courses, committed with ONE outbox change (entity "booking", sync/PROTOCOL.md "Bookings") in
// one transaction, like a registration — so the hub receives every booking exactly once.
//
// A booking is all or nothing. Within the seats the hub allotted to this terminal
// (allotment.hpp) it is confirmed on the spot, offline too; otherwise the hub decides, and until
// the terminal hears back it is "requested". A person is an index into the registration: 0 the registered person, 1..
// their family members in the registration's order; the booking itself holds no names.
#pragma once

#include "kiosk/core/store.hpp"

#include <chrono>
#include <cstddef>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace wk::core {

inline constexpr std::size_t kMaxBookingLines = 20;
inline constexpr int kMaxBookingPerson = 20;

struct BookingLine {
  std::string course_id;
  int person = 0;
  bool operator==(const BookingLine&) const = default;
};

struct NewBooking {
  std::string code;  // a registration code as typed (normalised on commit)
  std::vector<BookingLine> lines;
};

struct StoredBooking {
  std::string id, code, created_at;
  std::string state;               // requested | confirmed | waiting | offered | declined | cancelled
  std::vector<BookingLine> lines;  // by course id, then person
  bool allotted = false;           // confirmed here from the terminal's allotments
};

// A booking that breaks the rules; field() names the part ("code", "lines[2].person").
class BookingError : public std::invalid_argument {
 public:
  BookingError(std::string field, const std::string& problem)
      : std::invalid_argument(field + ": " + problem), field_(std::move(field)) {}
  const std::string& field() const noexcept { return field_; }

 private:
  std::string field_;
};

// Checks `booking` (a valid code; 1..kMaxBookingLines lines, each a course id and a person
// 0..kMaxBookingPerson, no person twice in one course), then stores it with its outbox change in
// one transaction: "confirmed" (and its seats taken from the allotments) if every course's usable
// allotment at `now` covers its lines, else "requested". Throws BookingError before anything is
// written, SqliteError if the database fails (nothing written then either).
StoredBooking commit_booking(Store& store, const NewBooking& booking, std::string_view terminal_id,
                             std::chrono::system_clock::time_point now = std::chrono::system_clock::now());

// The booking `id`, or nullopt.
std::optional<StoredBooking> load_booking(Database& db, std::string_view id);

// Every booking this terminal holds for registration code `code` (as typed), newest first.
std::vector<StoredBooking> bookings_for_code(Database& db, std::string_view code);

// The hub's word on bookings of this terminal: (booking id, state) pairs from a pull, applied in
// the caller's transaction. States this build knows (confirmed, waiting, offered, declined, cancelled)
// replace the stored one; a booking cancelled here stays cancelled (its cancellation may still
// be on its way); unknown ids and unknown states change nothing. Returns the rows changed.
std::int64_t apply_booking_states(Database& db, const std::vector<std::pair<std::string, std::string>>& states);

// Cancels booking `id` (state "cancelled") with its outbox change (op "delete") in one
// transaction; false if there is no such booking or it is already cancelled or declined.
bool cancel_booking(Store& store, std::string_view id);

// Cancels booking `id` of registration code `code` (as typed) for a newcomer at this terminal,
// also one booked at another terminal and known here only from the hub's code look-up: one
// outbox change (op "delete", payload {id, code}; the hub checks the code) in one transaction,
// and a booking held here is marked cancelled with it. False, and nothing written, if the code
// is not valid, or the booking is held here for another code or is already cancelled or declined.
bool cancel_booking_with_code(Store& store, std::string_view id, std::string_view code);

}  // namespace wk::core
