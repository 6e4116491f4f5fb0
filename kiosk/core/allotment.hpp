// Seats the hub allots to this terminal (sync/PROTOCOL.md "Allotments"): within them the
// terminal confirms a booking on the spot, offline too; beyond them a booking is "requested"
// and the hub decides.
//
// The hub sends the terminal's whole set with the last page of each pull, counting only the
// bookings it has received. The terminal subtracts the seats of its own bookings confirmed
// from allotments that are still unsent, so a seat is never promised twice. A lease runs for
// expires_in seconds at the hub; this terminal stops using it after three quarters of that,
// by its own clock, so that its bookings can still reach the hub while the seats are held.
#pragma once

#include "kiosk/core/database.hpp"
#include "sync/protocol/messages.hpp"

#include <chrono>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace wk::core {

// Replaces the terminal's allotments with the hub's `allotments` as of `now`, in the caller's
// transaction.
void replace_allotments(Database& db, const std::vector<wk::sync::Allotment>& allotments,
                        std::chrono::system_clock::time_point now);

// Seats this terminal may still confirm itself per course at `now` (courses without: absent).
std::map<std::string, std::int64_t, std::less<>> usable_allotments(Database& db,
                                                                   std::chrono::system_clock::time_point now);

// Takes `seats` of course `course_id`'s allotment, in the caller's transaction (the one that
// stores the booking); false, and nothing taken, if fewer are usable at `now`.
bool take_allotment(Database& db, std::string_view course_id, std::int64_t seats,
                    std::chrono::system_clock::time_point now);

// True while a booking confirmed here from an allotment is still unsent (the pull tells the
// hub, which then keeps this terminal's allotments whole).
bool has_unsent_allotted_bookings(Database& db);

}  // namespace wk::core
