// Seat allotments: seats of a course the hub sets aside for one terminal for a while (a lease,
// BookingPolicy::allotment_ttl), so that the terminal confirms bookings on the spot, offline
// too. They are granted with the terminal's catalog pull and count against the course's
// capacity until they are used (a booking from that terminal arrives), returned (the next
// pull), or run out (settle()).
//
// A terminal counts what it used itself until the hub has heard of it; the pull says whether
// it still holds such bookings unsent (`pending`). While it does, the hub never shrinks that
// terminal's allotments, because the terminal may already have promised those seats; it only
// renews and tops them up. See sync/PROTOCOL.md "Allotments".
#pragma once

#include "sync/hub/booking_ledger.hpp"

namespace wk::hub {

// Seats terminal `terminal_id` holds of course `course_id` now (0 when none or run out).
std::int64_t allotted_to(wk::core::Database& db, std::string_view terminal_id, std::string_view course_id,
                         const std::string& now_iso);

// Takes up to `seats` from the terminal's allotment of the course for a confirmed booking.
void use_allotment(wk::core::Database& db, std::string_view terminal_id, std::string_view course_id, std::int64_t seats,
                   const std::string& now_iso);

// Grants terminal `terminal_id` its allotments as of `ctx.now` and returns all it holds, by
// course id. Per course open for booking (course_open on the day of ctx.now): up to
// policy.allotment_seats of the seats nobody else holds, none while the course has a waiting
// list; with `pending`, never fewer than the terminal holds already. Every allotment returned
// runs until ctx.now + allotment_ttl. `released` (if given) is set when seats went back.
std::vector<wk::sync::Allotment> grant_allotments(wk::core::Database& db, const LedgerContext& ctx,
                                                  std::string_view terminal_id, bool pending, bool* released = nullptr);

}  // namespace wk::hub
